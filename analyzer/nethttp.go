package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
)

// netHTTPCall resolves net/http requests to GitHub's API: the package
// functions NewRequest, NewRequestWithContext, Get, Head, Post and PostForm
// and the *http.Client methods Get, Head, Post and PostForm, when their URL
// folds to an absolute URL of the API (api.github.com, or a GitHub
// Enterprise host's /api/v3). Requests sent with (*http.Client).Do are
// counted where they are built.
func (p *pkgPass) netHTTPCall(call *ast.CallExpr, fn *types.Func, f *folder) (*Call, error) {
	method, ok := httpMethod(fn)
	if !ok {
		return nil, nil
	}
	urlArg := argNamed(fn, call, "url")
	if urlArg == nil {
		return nil, nil
	}
	if method == "" {
		method = constString(p.pass.TypesInfo, argNamed(fn, call, "method"))
	}
	return p.restCall(call, fn, StyleNetHTTP, method, f.fold(urlArg), true)
}

// httpMethod returns the HTTP method a net/http function sends, "" when
// it takes the method as an argument; ok is false for other functions.
func httpMethod(fn *types.Func) (method string, ok bool) {
	if recv := fn.Signature().Recv(); recv != nil && recvName(fn) != "Client" {
		return "", false
	}
	switch fn.Name() {
	case "NewRequest", "NewRequestWithContext":
		return "", fn.Signature().Recv() == nil
	case "Get", "Head", "Post":
		return strings.ToUpper(fn.Name()), true
	case "PostForm":
		return "POST", true
	}
	return "", false
}

// isGitHubRequest reports whether a net/http request constructor call is
// to GitHub's API.
func (p *pkgPass) isGitHubRequest(call *ast.CallExpr, fn *types.Func, f *folder) bool {
	if _, ok := httpMethod(fn); !ok {
		return false
	}
	urlArg := argNamed(fn, call, "url")
	if urlArg == nil {
		return false
	}
	for _, u := range f.fold(urlArg) {
		if _, kind, _ := apiPath(u); kind == urlAPI {
			return true
		}
	}
	return false
}
