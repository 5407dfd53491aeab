package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// ifaceCall is a call through an interface whose method mentions a GitHub
// client's types (a project interface mirroring go-github's signatures).
// It reaches nothing itself: the types the program converts to the
// interface are reached where they are converted. With no such
// conversion anywhere in the program, it is unresolved.
type ifaceCall struct {
	pos, end token.Pos
	callee   string
	iface    string // the interface declaring the method, by full path
}

func (p *pkgPass) ifaceCall(owner *localFunc, call *ast.CallExpr, fn *types.Func) {
	if mentionsClient(fn.Signature()) {
		owner.ifaces = append(owner.ifaces, ifaceCall{call.Pos(), call.End(), funcName(fn), ifaceKey(fn)})
	}
}

// ifaceKey names the interface that declares an interface method.
func ifaceKey(m *types.Func) string {
	return types.TypeString(m.Signature().Recv().Type(), nil)
}

// mentionsClient reports whether a signature's parameters or results use
// a type of a GitHub client library.
func mentionsClient(sig *types.Signature) bool {
	for _, tuple := range []*types.Tuple{sig.Params(), sig.Results()} {
		for v := range tuple.Variables() {
			if isClientType(v.Type()) {
				return true
			}
		}
	}
	return false
}

func isClientType(t types.Type) bool {
	for {
		switch u := t.(type) {
		case *types.Pointer:
			t = u.Elem()
		case *types.Slice:
			t = u.Elem()
		case *types.Named:
			return u.Obj().Pkg() != nil && libraryOf(u.Obj().Pkg().Path()) != libNone
		default:
			return false
		}
	}
}
