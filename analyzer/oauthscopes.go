package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"

	"github.com/ghperm/ghperm/manifest"
	"golang.org/x/tools/go/analysis"
)

// codeScopes returns the OAuth scopes written in the package's
// oauth2.Config{Scopes: ...} literals (golang.org/x/oauth2), as constant
// strings; the grants of an oauth token include them.
func codeScopes(pass *analysis.Pass) []manifest.Scope {
	var out []manifest.Scope
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || !isOAuth2Config(pass.TypesInfo.TypeOf(lit)) {
				return true
			}
			for _, elt := range lit.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if id, isIdent := kv.Key.(*ast.Ident); !ok || !isIdent || id.Name != "Scopes" {
					continue
				}
				list, ok := ast.Unparen(kv.Value).(*ast.CompositeLit)
				if !ok {
					continue
				}
				for _, e := range list.Elts {
					tv := pass.TypesInfo.Types[e]
					if tv.Value == nil || tv.Value.Kind() != constant.String {
						continue
					}
					p := pass.Fset.Position(e.Pos())
					out = append(out, manifest.Scope{
						Name: constant.StringVal(tv.Value),
						Pos:  manifest.Pos{File: p.Filename, Offset: p.Offset, Line: p.Line, Col: p.Column},
					})
				}
			}
			return true
		})
	}
	return out
}

func isOAuth2Config(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	return obj.Name() == "Config" && obj.Pkg() != nil && obj.Pkg().Path() == "golang.org/x/oauth2"
}
