module github.com/ghperm/ghperm

go 1.26.8

require (
	github.com/getkin/kin-openapi v0.152.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
