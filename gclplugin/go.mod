module github.com/ghperm/ghperm/gclplugin

go 1.26.8

require (
	github.com/ghperm/ghperm v0.0.0
	golang.org/x/tools v0.52.0
)

require github.com/golangci/plugin-module-register v0.1.2

require (
	golang.org/x/mod v0.42.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

replace github.com/ghperm/ghperm => ../
