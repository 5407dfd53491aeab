package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"
)

// GraphQL calls are always unresolved: GitHub publishes no permission map
// for its GraphQL API, so ghperm names the query's top-level fields and
// claims nothing about permissions.

// gitHubV4Call handles shurcooL/githubv4's (*Client).Query and Mutate.
func (p *pkgPass) gitHubV4Call(call *ast.CallExpr, fn *types.Func) *Call {
	if fn.Signature().Recv() == nil || recvName(fn) != "Client" {
		return nil
	}
	switch fn.Name() {
	case "Query":
		return graphQLCall(call, fn, "query", structFields(p.pass.TypesInfo.TypeOf(argNamed(fn, call, "q"))))
	case "Mutate":
		return graphQLCall(call, fn, "mutation", structFields(p.pass.TypesInfo.TypeOf(argNamed(fn, call, "m"))))
	}
	return nil
}

// graphQLClientCall handles go-gh's GraphQL clients: Query and Mutate take
// a struct like githubv4's, Do takes the query text.
func (p *pkgPass) graphQLClientCall(call *ast.CallExpr, fn *types.Func) *Call {
	info := p.pass.TypesInfo
	switch fn.Name() {
	case "Query", "QueryWithContext", "Mutate", "MutateWithContext":
		kind := "query"
		if strings.HasPrefix(fn.Name(), "Mutate") {
			kind = "mutation"
		}
		// Parameter names differ between go-gh v1 and v2: the struct is
		// the argument after the operation name.
		for i, arg := range call.Args {
			if i > 0 && argIsName(fn, i-1) {
				return graphQLCall(call, fn, kind, structFields(info.TypeOf(arg)))
			}
		}
		return graphQLCall(call, fn, kind, nil)
	case "Do", "DoWithContext":
		q := argNamed(fn, call, "query")
		kind, fields := "request", []string(nil)
		if text := constString(info, q); text != "" {
			kind, fields = queryFields(text)
		}
		return graphQLCall(call, fn, kind, fields)
	}
	return nil
}

func argIsName(fn *types.Func, i int) bool {
	params := fn.Signature().Params()
	return i < params.Len() && params.At(i).Name() == "name"
}

// graphQLCall builds the unresolved Call of a GraphQL operation.
func graphQLCall(call ast.Node, fn *types.Func, kind string, fields []string) *Call {
	what := "fields unknown"
	if len(fields) > 0 {
		what = "fields " + strings.Join(fields, ", ")
	}
	return unresolvedCall(call, fn, StyleGraphQL,
		fmt.Sprintf("GraphQL %s (%s): GitHub publishes no permission map for GraphQL", kind, what))
}

// structFields returns the top-level fields of a githubv4-style query
// struct: each field's graphql tag up to its arguments, or its name with a
// lower-case first letter. Inline fragments ("... on X") are skipped.
func structFields(t types.Type) []string {
	for {
		ptr, ok := t.(*types.Pointer)
		if !ok {
			break
		}
		t = ptr.Elem()
	}
	if t == nil {
		return nil
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	var out []string
	for i := range st.NumFields() {
		name := st.Field(i).Name()
		if tag, ok := reflect.StructTag(st.Tag(i)).Lookup("graphql"); ok {
			head, _, _ := strings.Cut(strings.TrimSpace(tag), "(")
			if strings.HasPrefix(head, "...") {
				continue
			}
			if _, field, ok := strings.Cut(head, ":"); ok {
				head = field // an alias
			}
			if f := strings.Fields(head); len(f) > 0 {
				name = f[0]
			}
		} else if r, size := utf8.DecodeRuneInString(name); size > 0 {
			name = string(unicode.ToLower(r)) + name[size:]
		}
		out = append(out, name)
	}
	return out
}

// queryFields reads a GraphQL document's operation kind and the top-level
// fields of its selection set (aliases resolved).
func queryFields(text string) (kind string, fields []string) {
	kind = "query"
	start := strings.IndexByte(text, '{')
	if start < 0 {
		return "request", nil
	}
	if head := strings.TrimSpace(text[:start]); strings.HasPrefix(head, "mutation") {
		kind = "mutation"
	}
	depth, parens := 0, 0
	var word strings.Builder
	pendingAlias := false
	flush := func() {
		if word.Len() > 0 && depth == 1 && parens == 0 {
			if pendingAlias && len(fields) > 0 {
				fields[len(fields)-1] = word.String()
			} else {
				fields = append(fields, word.String())
			}
			pendingAlias = false
		}
		word.Reset()
	}
	for _, r := range text[start:] {
		switch {
		case r == '{':
			flush()
			depth++
		case r == '}':
			flush()
			depth--
		case r == '(':
			flush()
			parens++
		case r == ')':
			parens--
		case r == ':' && depth == 1 && parens == 0:
			flush()
			pendingAlias = true
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_':
			if depth == 1 && parens == 0 {
				word.WriteRune(r)
			}
		default:
			flush()
		}
	}
	return kind, fields
}
