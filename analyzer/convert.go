package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Registrations. A framework calls an application's code through values
// the application hands it: a handler converted to an interface (stored
// in a dispatcher, passed to http.Handle or controller-runtime's
// Complete), a function value (handled by ref). As in Rapid Type Analysis
// (Bacon and Sweeney, 1996), a concrete type converted to an interface in
// reached code makes its methods reached: those of the interface's method
// set, or, converted to an interface without methods (any), all of them,
// of which only those that reach GitHub are kept. A type argument counts
// as converted to its constraint. The conversion, not the later call
// through the interface, is the edge: it is where the type enters the
// program, and it can be seen in the package that makes it.

// conversions finds the values of concrete types that one syntax node
// converts to interfaces: assignments, declarations, call arguments,
// returns, composite literal elements, channel sends and explicit
// conversions.
func (p *pkgPass) conversions(owner *localFunc, n ast.Node, stack []ast.Node) {
	info := p.pass.TypesInfo
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
			return
		}
		if len(n.Lhs) == len(n.Rhs) {
			for i, lhs := range n.Lhs {
				p.convert(owner, n.Rhs[i], info.TypeOf(lhs))
			}
		} else if len(n.Rhs) == 1 {
			p.convertTuple(owner, n.Rhs[0], func(i int) types.Type { return info.TypeOf(n.Lhs[i]) })
		}
	case *ast.ValueSpec:
		if n.Type == nil {
			return
		}
		t := info.TypeOf(n.Type)
		for _, v := range n.Values {
			p.convert(owner, v, t)
		}
		if len(n.Values) == 1 && len(n.Names) > 1 {
			p.convertTuple(owner, n.Values[0], func(int) types.Type { return t })
		}
	case *ast.ReturnStmt:
		sig := enclosingSignature(info, stack)
		if sig == nil {
			return
		}
		res := sig.Results()
		if len(n.Results) == res.Len() {
			for i, r := range n.Results {
				p.convert(owner, r, res.At(i).Type())
			}
		} else if len(n.Results) == 1 {
			p.convertTuple(owner, n.Results[0], func(i int) types.Type { return res.At(i).Type() })
		}
	case *ast.CallExpr:
		p.callConversions(owner, n)
	case *ast.CompositeLit:
		p.literalConversions(owner, n)
	case *ast.SendStmt:
		if ch, ok := typeUnder(info.TypeOf(n.Chan)).(*types.Chan); ok {
			p.convert(owner, n.Value, ch.Elem())
		}
	}
}

// callConversions handles an explicit conversion T(x) and the arguments
// of a call (builtins such as append included: their signature is the
// call's).
func (p *pkgPass) callConversions(owner *localFunc, call *ast.CallExpr) {
	tv, ok := p.pass.TypesInfo.Types[call.Fun]
	if !ok {
		return
	}
	if tv.IsType() {
		if len(call.Args) == 1 {
			p.convert(owner, call.Args[0], tv.Type)
		}
		return
	}
	sig, ok := typeUnder(tv.Type).(*types.Signature)
	if !ok {
		return
	}
	params := sig.Params()
	param := func(i int) types.Type {
		if sig.Variadic() && i >= params.Len()-1 {
			last := params.At(params.Len() - 1).Type()
			if call.Ellipsis.IsValid() {
				return last
			}
			if s, ok := typeUnder(last).(*types.Slice); ok {
				return s.Elem()
			}
			return nil
		}
		if i < params.Len() {
			return params.At(i).Type()
		}
		return nil
	}
	if len(call.Args) == 1 && params.Len() > 1 {
		p.convertTuple(owner, call.Args[0], param) // f(g())
		return
	}
	for i, arg := range call.Args {
		p.convert(owner, arg, param(i))
	}
}

// literalConversions handles the elements of a composite literal.
func (p *pkgPass) literalConversions(owner *localFunc, lit *ast.CompositeLit) {
	info := p.pass.TypesInfo
	t := typeUnder(info.TypeOf(lit))
	if ptr, ok := t.(*types.Pointer); ok {
		t = typeUnder(ptr.Elem())
	}
	for i, elt := range lit.Elts {
		kv, keyed := elt.(*ast.KeyValueExpr)
		switch u := t.(type) {
		case *types.Struct:
			if keyed {
				if id, ok := kv.Key.(*ast.Ident); ok {
					if f, ok := info.Uses[id].(*types.Var); ok {
						p.convert(owner, kv.Value, f.Type())
					}
				}
			} else if i < u.NumFields() {
				p.convert(owner, elt, u.Field(i).Type())
			}
		case *types.Slice, *types.Array:
			elem := u.(interface{ Elem() types.Type }).Elem()
			if keyed {
				p.convert(owner, kv.Value, elem)
			} else {
				p.convert(owner, elt, elem)
			}
		case *types.Map:
			if keyed {
				p.convert(owner, kv.Key, u.Key())
				p.convert(owner, kv.Value, u.Elem())
			}
		}
	}
}

// convertTuple handles a multi-valued expression assigned to several
// destinations: dst(i) is the i-th destination's type.
func (p *pkgPass) convertTuple(owner *localFunc, e ast.Expr, dst func(int) types.Type) {
	tuple, ok := p.pass.TypesInfo.TypeOf(e).(*types.Tuple)
	if !ok {
		return
	}
	for i := range tuple.Len() {
		p.convertType(owner, e, tuple.At(i).Type(), dst(i))
	}
}

func (p *pkgPass) convert(owner *localFunc, e ast.Expr, dst types.Type) {
	p.convertType(owner, e, p.pass.TypesInfo.TypeOf(e), dst)
}

// convertType registers a value of type src converted, at at, to dst, if
// dst is an interface and src is not (a type parameter is not concrete:
// its instantiations are registered where they are made).
func (p *pkgPass) convertType(owner *localFunc, at ast.Node, src, dst types.Type) {
	if src == nil || dst == nil || types.IsInterface(src) {
		return
	}
	iface, ok := typeUnder(dst).(*types.Interface)
	if !ok {
		return
	}
	if _, ok := src.(*types.Tuple); ok {
		return
	}
	p.register(owner, at, src, iface)
}

// register makes the methods of src that an interface's method set
// names (all of them for an interface without methods) reached from
// owner.
func (p *pkgPass) register(owner *localFunc, at ast.Node, src types.Type, iface *types.Interface) {
	var methods []*types.Func
	if iface.NumMethods() > 0 {
		for m := range iface.Methods() {
			if mentionsClient(m.Signature()) {
				p.impls[ifaceKey(m)] = true
			}
			obj, _, _ := types.LookupFieldOrMethod(src, false, m.Pkg(), m.Name())
			if fn, ok := obj.(*types.Func); ok {
				methods = append(methods, fn)
			}
		}
	} else {
		mset := p.msets.MethodSet(src)
		for i := range mset.Len() {
			if fn, ok := mset.At(i).Obj().(*types.Func); ok {
				methods = append(methods, fn)
			}
		}
	}
	for _, m := range methods {
		m = m.Origin()
		if m.Pkg() == nil {
			continue
		}
		switch libraryOf(m.Pkg().Path()) {
		case libNone:
			p.edge(owner, m, at, KindRegistered)
		case libGoGitHub:
			// A go-github service behind a project interface. Handed to
			// any (logged, marshalled), it is no registration.
			if iface.NumMethods() == 0 {
				continue
			}
			if ops, ok, _ := p.methodOps(m); ok {
				if c := p.methodCall(at, m, StyleRegistered, ops, nil); c != nil {
					owner.calls = append(owner.calls, c)
				}
			}
		}
	}
}

// instance registers the type arguments of an instantiation as converted
// to their constraints: a generic function or type may call their methods.
func (p *pkgPass) instance(owner *localFunc, id *ast.Ident) {
	info := p.pass.TypesInfo
	inst, ok := info.Instances[id]
	if !ok {
		return
	}
	var tparams *types.TypeParamList
	switch obj := info.Uses[id].(type) {
	case *types.Func:
		tparams = obj.Origin().Signature().TypeParams()
	case *types.TypeName:
		if n, ok := types.Unalias(obj.Type()).(*types.Named); ok {
			tparams = n.Origin().TypeParams()
		}
	}
	if tparams == nil {
		return
	}
	for i := range min(tparams.Len(), inst.TypeArgs.Len()) {
		p.convertType(owner, id, inst.TypeArgs.At(i), tparams.At(i).Constraint())
	}
}

// enclosingSignature is the signature of the innermost function of stack.
func enclosingSignature(info *types.Info, stack []ast.Node) *types.Signature {
	for i := len(stack) - 1; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncLit:
			sig, _ := info.TypeOf(f).(*types.Signature)
			return sig
		case *ast.FuncDecl:
			if fn, ok := info.Defs[f.Name].(*types.Func); ok {
				return fn.Signature()
			}
			return nil
		}
	}
	return nil
}

func typeUnder(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}
