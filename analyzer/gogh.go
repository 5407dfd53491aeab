package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
)

// goGHCall resolves a call of cli/go-gh's REST client (v1: the
// api.RESTClient interface; v2: *api.RESTClient): Get, Post, Put, Patch and
// Delete send their method, Do, DoWithContext, Request and
// RequestWithContext take it as an argument; the path is relative to the
// API root or an absolute URL. GraphQL clients are GraphQL calls.
func (p *pkgPass) goGHCall(call *ast.CallExpr, fn *types.Func, f *folder) (*Call, error) {
	if fn.Signature().Recv() == nil {
		return nil, nil
	}
	switch recvName(fn) {
	case "RESTClient":
	case "GraphQLClient", "GQLClient":
		return p.graphQLClientCall(call, fn), nil
	default:
		return nil, nil
	}
	var method string
	switch fn.Name() {
	case "Get", "Post", "Put", "Patch", "Delete":
		method = strings.ToUpper(fn.Name())
	case "Do", "DoWithContext", "Request", "RequestWithContext":
		method = constString(p.pass.TypesInfo, argNamed(fn, call, "method"))
	default:
		return nil, nil
	}
	pathArg := argNamed(fn, call, "path")
	if pathArg == nil {
		return nil, nil
	}
	return p.restCall(call, fn, StyleGoGH, method, f.fold(pathArg), false)
}
