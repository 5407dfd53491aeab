module example.com/labelbot

go 1.24.0

require github.com/google/go-github/v74 v74.0.0

require github.com/google/go-querystring v1.1.0 // indirect
