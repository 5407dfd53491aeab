// Package analyzer defines ghperm's analysis pass: it finds the GitHub API
// calls of a Go program and the REST endpoints they reach.
//
// # Analyzer ghperm
//
// ghperm: find GitHub API calls and the REST endpoints they reach
//
// The ghperm analyzer finds every call by which a package reaches GitHub's
// API and resolves it, by types (never by the text of a selector: GitLab and
// Gitea clients have methods of the same names), to the REST endpoints of
// ghperm's catalog ("GET /repos/{owner}/{repo}/pulls/{pull_number}", with
// its operationId, its docs and the permissions it needs).
//
// It recognises:
//
//   - go-github service methods (github.com/google/go-github/vN/github, any
//     major, vendored or not, several majors in one build). From v57 on, a
//     method's endpoints are its //meta:operation directives in the very
//     version being built: the analyzer reads them when it runs on go-github
//     itself (it does under every driver, as it uses facts). Before v57, a
//     method table built from the directives of later versions, then the
//     method's "GitHub API docs" link, say. A method with several
//     endpoints is narrowed by constant arguments: Users.Get(ctx, "") is
//     GET /user, Users.Get(ctx, "octocat") GET /users/{username},
//     Repositories.Create(ctx, "", r) POST /user/repos, GetArchiveLink with
//     github.Zipball the zipball endpoint, ListEventsPerformedByUser with
//     publicOnly true the public one; otherwise the call may reach any of
//     them. Iter methods (v83+) reach what the method they paginate
//     reaches. Method values (f := s.Get) count where they are taken.
//   - go-github's escape hatches NewRequest (with or without the ctx of
//     v86+), NewUploadRequest and NewFormRequest: the method (a constant, or
//     http.MethodX) and the URL are folded at compile time (constants, +,
//     fmt.Sprintf, path.Join, url.PathEscape, and local variables assigned
//     earlier in the function); an unknown part is one unknown path segment,
//     the query string is ignored. The endpoint is counted where the request
//     is built; a Do or BareDo of a request built otherwise in the same
//     function is unresolved.
//   - cli/go-gh v1 and v2 REST clients (Get, Post, Put, Patch, Delete, Do,
//     DoWithContext, Request, RequestWithContext) with paths folded as above.
//   - net/http requests to the API: http.NewRequest[WithContext],
//     http.Get/Head/Post/PostForm and the same *http.Client methods, when
//     the URL folds to https://api.github.com/..., uploads.github.com or a
//     GitHub Enterprise host's /api/v3/.... Other URLs are not GitHub calls.
//   - GraphQL: shurcooL/githubv4 Query and Mutate, go-gh's GraphQL clients,
//     and requests to /graphql. GitHub publishes no permission map for
//     GraphQL, so these are always unresolved, naming the operation's
//     top-level fields.
//   - Wrappers: a function (of any package, dependencies included) that
//     reaches endpoints, itself or through its callees, carries a fact
//     listing them with an example call chain, so calling it counts at the
//     call site. Closures count for the function that encloses them
//     (retry(func() error { ... })). Calls inside the client libraries
//     themselves are not uses.
//   - Calls through a project interface whose methods mention a GitHub
//     client's types: resolved through the concrete types of the package
//     that implement it, unresolved when the package has none.
//
// # Categories
//
// unresolved: a call reaches GitHub but its endpoint cannot be determined:
// a URL not known at compile time, a path matching no endpoint or too many,
// an interface with no known implementation, GraphQL. The message says why.
// A call of a function of another package that makes such calls is
// reported too. Nothing is guessed: these calls are left out of what the
// program needs, so treat the result as incomplete where they remain.
//
// endpoint (with -endpoints): a resolved call, one diagnostic per endpoint,
// such as "GET /repos/{owner}/{repo}/pulls/{pull_number} (pulls/get) needs
// pull_requests:read or contents:read", with the endpoint's docs as URL.
//
// # Flags
//
//	-unresolved=false  do not report unresolved calls
//	-endpoints         report every resolved call with its endpoints
//
// Under go vet, analyzer flags take the analyzer's name as prefix:
//
//	go vet -vettool=$(command -v ghperm) -ghperm.endpoints ./...
//
// # Facts and result
//
// Each function that reaches endpoints carries a [FuncFact]; each package
// that takes part a [PackageFact] with its own endpoints and unresolved
// calls plus those of its direct imports' facts, so that the facts of a
// main package cover the whole program under go vet, which shows a package
// only its direct imports' facts. The pass's result is a [*Result] listing
// every call site of the package with its endpoints: the single source for
// comparing with granted permissions.
//
// # Limitations
//
// Endpoints are found along static calls, references to functions and
// methods, and interface calls resolved as above. Functions stored in
// variables or fields of other packages, reflection, and URLs built in
// other functions (passed as parameters) are not followed: the latter are
// unresolved where the request is made. A package fact is the union over
// everything the package links in, not only what its code paths call.
package analyzer
