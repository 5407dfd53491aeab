module github.com/ghperm/ghperm

go 1.26.8
