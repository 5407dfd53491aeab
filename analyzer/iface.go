package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"sort"
)

// ifaceCall resolves a call through an interface whose method mentions a
// GitHub client's types (a project interface mirroring go-github's
// signatures): by the concrete types of this package that implement it.
// Implementations outside the package count through their facts, local
// ones through their bodies. With none known, the call is unresolved.
// Interfaces that do not mention a client's types are not GitHub calls.
func (p *pkgPass) ifaceCall(owner *localFunc, call *ast.CallExpr, fn *types.Func) (*Call, error) {
	if !mentionsClient(fn.Signature()) {
		return nil, nil
	}
	iface, ok := fn.Signature().Recv().Type().Underlying().(*types.Interface)
	if !ok {
		return nil, nil
	}
	var c *Call
	local := false
	for _, t := range p.concreteTypes() {
		if !types.Implements(t, iface) {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, fn.Pkg(), fn.Name())
		m, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		m = m.Origin()
		if m.Pkg() == p.pass.Pkg {
			if _, ok := p.local[m]; ok {
				p.localEdge(owner, m, call)
				local = true
			}
			continue
		}
		fact := new(FuncFact)
		if !p.pass.ImportObjectFact(m, fact) {
			continue
		}
		var keys []string
		if libraryOf(m.Pkg().Path()) == libGoGitHub {
			for _, r := range fact.Endpoints {
				keys = append(keys, r.Endpoint)
			}
			keys = narrow(p.pass.TypesInfo, m, call, keys)
		}
		mc := p.factCall(call, m, StyleIface, fact, keys)
		if mc == nil {
			continue
		}
		if c == nil {
			c = mc
			c.Callee = funcName(fn)
		} else {
			c.Endpoints = append(c.Endpoints, mc.Endpoints...)
			c.Inner = append(c.Inner, mc.Inner...)
		}
	}
	if c != nil || local {
		return c, nil
	}
	return unresolvedCall(call, fn, StyleIface,
		fmt.Sprintf("call through interface %s: no implementation known in this package", types.TypeString(fn.Signature().Recv().Type(), types.RelativeTo(p.pass.Pkg)))), nil
}

// concreteTypes lists the named non-interface types that values of this
// package have, and pointers to them: the implementations an interface
// call may reach.
func (p *pkgPass) concreteTypes() []types.Type {
	if p.impls != nil {
		return p.impls
	}
	seen := make(map[types.Type]bool)
	add := func(t types.Type) {
		if ptr, ok := t.(*types.Pointer); ok {
			t = ptr.Elem()
		}
		n, ok := t.(*types.Named)
		if !ok || types.IsInterface(n) || seen[n] {
			return
		}
		seen[n] = true
		p.impls = append(p.impls, n, types.NewPointer(n))
	}
	for _, tv := range p.pass.TypesInfo.Types {
		add(tv.Type)
	}
	// The map's order is random; facts and results must not be.
	sort.Slice(p.impls, func(i, j int) bool { return p.impls[i].String() < p.impls[j].String() })
	if p.impls == nil {
		p.impls = []types.Type{}
	}
	return p.impls
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
