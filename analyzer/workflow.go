package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"github.com/ghperm/ghperm/catalog"
	"github.com/ghperm/ghperm/compare"
)

// Writing a workflow file (.github/workflows/) through the contents API,
// or a ref, tree or release that may carry one, costs workflows: write
// beyond the operation's requirement. A call writes one when the file's
// path is known and in that directory, may when it is not known.

// goGitHubWorkflow decides it for a go-github method call from its path
// argument (RepositoriesService.CreateFile, UpdateFile, DeleteFile).
func (p *pkgPass) goGitHubWorkflow(call *ast.CallExpr, fn *types.Func, c *Call) compare.Workflow {
	if !writesWorkflows(c) {
		return compare.NoWorkflow
	}
	arg := argNamed(fn, call, "path")
	if arg == nil {
		return compare.MaybeWorkflow
	}
	tv, ok := p.pass.TypesInfo.Types[arg]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return compare.MaybeWorkflow
	}
	return fileWorkflow(constant.StringVal(tv.Value))
}

// writesWorkflows reports whether one of c's endpoints can write a
// workflow file.
func writesWorkflows(c *Call) bool {
	cat, err := theCatalog()
	if err != nil || c == nil {
		return false
	}
	for _, e := range c.Endpoints {
		method, tmpl, _ := strings.Cut(e.Key, " ")
		if op, ok := cat.Lookup(method, tmpl); ok && op.WritesWorkflowFiles() {
			return true
		}
	}
	return false
}

// urlWorkflow decides it for a request to op at the folded API path
// (catalog.Unknown segments where not known).
func urlWorkflow(op *catalog.Operation, path string) compare.Workflow {
	if !op.WritesWorkflowFiles() {
		return compare.NoWorkflow
	}
	_, file, ok := strings.Cut(path, "/contents/")
	if !ok || !strings.Contains(op.Path, "/contents/{") {
		return compare.MaybeWorkflow
	}
	if known, _, unknown := strings.Cut(file, catalog.Unknown); unknown {
		if strings.HasSuffix(known, "/") && catalog.IsWorkflowPath(known+"f") {
			return compare.WritesWorkflow // a known directory in .github/workflows/
		}
		return compare.MaybeWorkflow
	}
	return fileWorkflow(file)
}

func fileWorkflow(file string) compare.Workflow {
	if catalog.IsWorkflowPath(file) {
		return compare.WritesWorkflow
	}
	return compare.NoWorkflow
}
