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
//     itself (it does under every driver, as it uses facts). Before v57,
//     they come from a method table built from the directives of v57..v92,
//     then from the method's "GitHub API docs" link. A method with several
//     endpoints is narrowed by constant arguments: Users.Get(ctx, "") is
//     GET /user, Users.Get(ctx, "octocat") GET /users/{username},
//     Repositories.Create(ctx, "", r) POST /user/repos, GetArchiveLink with
//     github.Zipball the zipball endpoint, ListEventsPerformedByUser with
//     publicOnly true the public one; otherwise the call may reach any of
//     them. Iter methods (v83+) reach what the method they paginate
//     reaches. Method values (f := s.Get) count where they are taken.
//     A route by numeric ID (GET /repositories/{repository_id},
//     /organizations/{org_id}/team/{team_id}/...) is the operation it
//     aliases (GET /repos/{owner}/{repo}); an operation GitHub's
//     description no longer has (Projects (classic), team discussions) is
//     unresolved, as the catalog cannot say what it needs.
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
//     reaches endpoints, itself or through its callees, counts at the call
//     site that calls it, with the chain of calls down to the API call.
//     Closures count for the function that encloses them (retry(func()
//     error { ... })). Calls inside the client libraries themselves are not
//     uses.
//
// # Reachability
//
// A program needs what it can run, and frameworks run an application's
// code through values it registers at start-up: webhook handlers in a
// dispatcher, http.Handler values, controller-runtime reconcilers, cobra's
// RunE functions, constructors passed as values. As in Rapid Type Analysis
// (Bacon and Sweeney, 1996), the program's calls are those reached from
// its roots, main.main and the initialisation (init functions, variable
// initialisers) of every package of the program, where reached code
// reaches:
//
//   - the functions and methods it calls, goroutines and defers included;
//   - the functions and methods it uses as values (RunE: run,
//     http.HandleFunc("/", serve), s.Handle);
//   - the methods of a concrete type it converts to an interface
//     (assignment, argument, return, composite literal element, channel
//     send, explicit conversion), those of the interface's method set, or
//     for an interface without methods (any) those that reach GitHub; a
//     type argument counts as converted to its constraint, a promoted
//     method as the embedded type's. A go-github service converted to a
//     project interface reaches the operations of its methods in that
//     interface.
//
// A call through an interface reaches nothing itself: the conversions do.
// Through an interface whose methods mention a client library's types, a
// call is unresolved when the whole program converts no type to it.
// Chains mark how a step was reached: "(registered) (*app.Merger).Handle"
// through a conversion, "(value) cmd.run" through a function value.
//
// Each package's fact holds the part of the call graph that reaches
// GitHub (its functions that make GitHub calls or reach ones that do,
// with the calls and edges), plus its imports' parts; at a main package,
// the whole program's graph is walked from the roots. The GitHub calls of
// the program's packages (dependencies included, client libraries
// excluded) that no root reaches are not needs: they are counted and
// listed as not reached (ghperm needs), and a program that reaches none
// of them is reported (category unreached) rather than said to need
// nothing.
//
// # Categories
//
// unresolved: a call reaches GitHub but its endpoint cannot be determined:
// a URL not known at compile time, a path matching no endpoint or too many,
// a go-github method whose operation is not in GitHub's current OpenAPI
// description, an interface mentioning client types to which the program
// converts no type, GraphQL. The message says why.
// A call of a function of another package that makes such calls is
// reported too. Nothing is guessed: these calls are left out of what the
// program needs, so treat the result as incomplete where they remain,
// or declare what they need with //ghperm:needs (see Declared needs).
//
// endpoint (with -endpoints): a resolved call, one diagnostic per endpoint,
// such as "GET /repos/{owner}/{repo}/pulls/{pull_number} (pulls/get) needs
// pull_requests:read or contents:read", with the endpoint's docs as URL.
//
// unreached: at a main package, the program reaches none of the GitHub
// calls of its packages, so what it needs is unknown (not "nothing"). A
// "//ghperm:manifest none" directive says the program makes no GitHub call.
//
// no-grants: at a main package, the program calls GitHub but no manifest,
// ghperm.yml or //ghperm:manifest directive declares its grants.
//
// declared-needs: a //ghperm:needs directive on a call that ghperm
// resolves declares other needs than the catalog says its endpoints have
// (the catalog's requirement counts), or the directive covers no GitHub
// call.
//
// unused-ignore: a //ghperm:ignore directive exempts nothing: no GitHub
// call of the package is on its line or the next, or, where the package's
// calls are compared with grants (a main package, or a package compared
// on its own), the call there has no finding to exempt. As staticcheck
// reports unused lint:ignore directives: a stale exemption would hide the
// next finding on its line.
//
// # Declared needs
//
// GitHub publishes no permission map for GraphQL, and a URL built at run
// time names no endpoint: such calls stay unresolved. Their author can
// declare what they need:
//
//	//ghperm:needs pull_requests:read checks:read -- GraphQL: PR status rollup
//	q.Query(ctx, &rollup, vars)
//
//	c.Query(ctx, &orgs, nil) //ghperm:needs scopes=read:org -- GraphQL: the viewer's organisations
//
//	// Avatar fetches a public URL, which needs no permission.
//	//
//	//ghperm:needs none -- public data, read without a token
//	func Avatar(...) { ... }
//
// The items are permission grants written as an app manifest writes them
// (key:level, level read, write or admin; all of them needed), the OAuth
// scopes a classic token needs (one scopes=a,b item, all of them needed)
// and none (nothing at all). After " -- " comes the reason, which is
// required; " //" ends the directive. On a line with a GitHub call the
// directive covers that line's calls; on a line of its own, the next
// line's; in a function's doc comment, the calls of the function's body
// (closures included) that no line directive covers.
//
// A covered call whose endpoint ghperm cannot resolve becomes a call of
// its declaration, with basis "declared": it is no longer unresolved, it
// counts in needs (listed as "//ghperm:needs <declaration>"), in the
// comparison with the grants and in fix, and the declaration travels in
// the package's fact, so a wrapper's declaration counts in every program
// that calls the wrapper. A program whose token kind the declaration says
// nothing of (permissions declared, compared with OAuth scopes, or the
// other way round) gets an unknown-requirement finding at the call. Keys,
// levels and scopes are checked against the catalog: a wrong one is a
// manifest-error at the word, with the closest known one. A line
// directive on a call that ghperm resolves is compared with the
// catalog's requirement for an installation token (and the operation's
// scopes, if it declares scopes): a declared-needs finding when the
// declaration is none of the alternatives; the catalog's requirement
// counts either way.
//
// # Grants
//
// At each main package, the calls of the program (its own, and the calls
// into packages that reach endpoints) are compared with what the program
// is granted: a GitHub App manifest (the JSON of GitHub's manifest flow,
// or probot's app.yml), a GitHub Actions workflow's permissions: block for
// the GITHUB_TOKEN, or OAuth scopes. The grants are found, first match
// wins, by the -manifest flag; a //ghperm:manifest <path> directive in the
// main package (relative to its file; it ties the manifest to that
// program); the manifest: of the ghperm.yml (or .ghperm.yml,
// .github/ghperm.yml) at the module root; or the one well-known file at
// the module root: app.yml, .github/app.yml, github-app.yml,
// .github/github-app.yml, app-manifest.json, .github/app-manifest.json,
// github-app.json, .github/github-app.json (the YAML names also spelt
// .yaml). A program that reaches GitHub with none of these gets a
// no-grants finding at its package clause, unless a "//ghperm:manifest
// none" directive opts it out.
//
// With -callsite, a package other than main is also compared on its own
// when its grants are known without a main package: the -manifest flag,
// or the grants at the module root (its ghperm.yml or well-known manifest)
// when no main package of the module names others with //ghperm:manifest.
// Each GitHub call the package makes itself (not through another package)
// that needs a grant the manifest lacks, or that the token kind cannot
// make, is reported at the call: an editor or golangci-lint run on the
// package of the open file shows it there. Whether a main package reaches
// the call is not known there, so the flag is for editors, not for the
// program's verdict: the main package reports the same need at its call
// into the package, and the ghperm command, which sees both, keeps only
// the program's finding when it analyses a main package. OAuth grants are
// compared at the main package only (its code may add scopes), as are
// excess grants (they need every call of the program).
//
// ghperm.yml, next to the manifest or at the module root, says which kind
// of token the program calls GitHub with, and what it has:
//
//	manifest: deploy/app.yml    # the app manifest, relative to this file
//	token: installation         # installation (default) | user | fine-grained | oauth | actions | app
//	scopes: [repo, read:org]    # token: oauth (OAuth app token or classic PAT)
//	visibility: public          # token: oauth: the repositories it reaches: any (default), private, public
//	workflow: .github/workflows/triage.yml  # token: actions: the workflow ...
//	job: triage                 # ... and the job that runs the program (both found if absent)
//	permissions: {issues: write}  # token: fine-grained (instead of a manifest)
//	allow:                      # grants used outside REST, with the reason
//	  contents: git push over HTTPS
//
// With token: actions, the job compared is the one whose run: steps run the
// program (go run or go build of its directory or import path, or a
// command named like it), found in .github/workflows at the module root,
// else at the repository's root, when workflow: is absent; its own permissions: block governs, else the
// workflow's. What the job's steps need counts as needed: actions/checkout
// needs contents: read (manifest/actions.tsv, with the evidence).
//
// In an app.yml, a comment on a grant's line keeps it too:
// "contents: write # ghperm:allow git push over HTTPS".
//
// A call that writes a file under .github/workflows/ through the contents
// API (go-github's CreateFile, UpdateFile or DeleteFile with a constant
// path there, or a request whose folded URL is there) needs workflows:
// write (classic tokens: the workflow scope) beyond the operation's
// requirement. Where the path is not known, or the operation writes refs,
// trees or releases that may carry such a file, needs says "if it writes
// a file under .github/workflows/ it also needs workflows: write" and
// nothing is required.
//
// The categories of the comparison:
//
// missing-grant: at a call (or the call into the wrapper that reaches
// it), the grants satisfy none of the operation's alternative permission
// sets (or OAuth scopes); also at a subscribed webhook event whose
// permission is not granted.
//
// excess-grant: at the manifest's line, a grant that nothing needs or
// that is above the level needed, where the least-privilege choice among
// alternatives counts (if contents: read is needed anyway, GET
// /repos/{owner}/{repo}/pulls/{pull_number} needs no pull_requests), and
// grants that subscribed events need or that are allowed with a reason are
// kept. Unresolved calls make the message say it may be incomplete.
//
// unusable-endpoint: the token kind cannot call the endpoint at all (GET
// /user/installations with an installation token, GET /app without the
// app's JWT, an endpoint needing a permission the GITHUB_TOKEN cannot
// have).
//
// unknown-requirement: GitHub's data does not say what the token kind needs.
//
// missing-event: reached code handles a webhook event (a go-github event
// type in a type switch, an assertion or a variable declaration, an event
// name compared with github.WebHookType, a go-githubapp handler's
// Handles) that the app manifest's default_events does not subscribe to:
// the handler never runs. The events every GitHub App receives without
// subscribing (installation, for one) are not reported. Reported at the
// handler if the main package declares it, else at the program's anchor,
// with the chain to it.
//
// excess-event: the manifest subscribes to an event no reached code
// handles, when the program handles some (an allow reason keeps it).
// ghperm needs lists the events the code handles, with their permission,
// as default_events.
//
// manifest-error: syntax errors, unknown keys, events or scopes (with the
// closest known name), levels a key does not allow, duplicates, a missing
// manifest: each at its position in the file. Also a file that cannot be
// read (not a regular file, over 1 MiB, nested too deeply, too many
// values), a path that a directive or config names outside the module (or
// workspace) tree, two //ghperm:manifest directives naming different files
// in one program, and a directive that is ignored (without a path, or
// outside a main package).
//
// shared-manifest: several main packages use the same grants. Each reports
// its own missing grants, but under go vet no package sees the programs'
// needs together, so excess grants are not reported: tie a manifest to
// each program with //ghperm:manifest.
//
// A call is exempted from missing-grant and unusable-endpoint by a
// //ghperm:ignore <reason> comment on its line or the line above; the
// call is the one reported: in the main package, its call into a wrapper;
// in a package compared on its own, the GitHub call.
// In any package, the same comment silences the call's unresolved
// finding; the call still makes needs incomplete.
//
// go vet caches a vet tool's output by the package's inputs, which do not
// include a manifest. So that editing only a manifest changes the next
// result, ghperm's answer to go vet's -V=full hashes the manifests, configs
// and workflows of the module, or of every module of its go.work workspace
// (found from the directory go vet runs in), and the main packages with the
// grants each uses (adding a program that shares a manifest changes the
// others' excess grants): after such an edit, go vet re-runs the tool on
// every package. A file
// named only by the -manifest flag is not hashed: use go vet -a after
// editing it.
//
// # Flags
//
//	-unresolved=false  do not report unresolved calls
//	-endpoints         report every resolved call with its endpoints
//	-manifest=path     the app manifest or ghperm.yml to compare with
//	-test              compare the calls in _test.go files with the grants
//	                   too (go vet vets a main package with its tests;
//	                   tests usually run with other tokens)
//	-callsite          also report missing grants at the GitHub calls of
//	                   packages other than main (see Grants; for editors)
//	-excess-at=go      report manifest findings at the //ghperm:manifest
//	                   directive or the package clause, with the manifest's
//	                   line in the message, one finding per category listing
//	                   them all (golangci-lint, gopls and analysistest drop
//	                   diagnostics in non-Go files; golangci-lint keeps one
//	                   finding per line)
//
// Under go vet, analyzer flags take the analyzer's name as prefix:
//
//	go vet -vettool=$(command -v ghperm) -ghperm.endpoints ./...
//
// # Token kinds
//
// A go-github call is checked against the token kind of its client when
// the code shows how the client was built, else against the grants'
// (ghperm.yml's token:, installation by default):
//
//   - the app's JWT: ghinstallation's NewAppsTransport* (any major
//     version), go-githubapp's ClientCreator.NewAppClient/NewAppV4Client;
//   - an installation token: ghinstallation's New, NewKeyFromFile and
//     NewFromAppsTransport, ClientCreator.NewInstallationClient/V4, a
//     token from Apps.CreateInstallationToken given to WithAuthToken;
//   - the web (or device) flow's token, a user access token of a GitHub
//     App (an OAuth token when the grants are an OAuth app's):
//     oauth2.Config's Client, TokenSource, Exchange, DeviceAccessToken,
//     ClientCreator.NewTokenClient and its kin.
//
// The client is followed from github.NewClient through http.Client
// literals (Transport), oauth2.NewClient, local variables, the results of
// functions (across packages: a fact on the function), struct fields
// the package stores one kind of client in, and the parameters of
// functions: a client parameter holds the kind of the argument every
// reached call of the function passes, through wrappers of wrappers and
// across packages (the graph's call edges carry the arguments' kinds), or
// stays unknown when the calls disagree. A field (embedded or not) that
// a function of its package stores one of its parameters in holds the
// kind of that parameter (go-githubapp's NewInstallationsService). A call made with the app's
// JWT needs no permission of the manifest, only that the JWT can make it;
// one made with an installation or user token is compared with the
// manifest's permissions; a call the client's token kind cannot make is
// unusable-endpoint. ghperm needs lists the calls by who makes them ("as
// the app (JWT)", "as an installation", "for a user").
//
// # Facts and result
//
// Each package that takes part in GitHub calls carries one package fact:
// its part of the call graph (the functions that reach GitHub, their
// GitHub calls and their edges) plus those of its imports, as go vet shows
// a package only its direct imports' facts. go-github carries the
// operations of its methods in one package fact (go vet would copy a fact
// per method into every downstream package's fact file); a package that
// calls go-github's methods without importing go-github, through another
// package's types, sees no go-github package fact under go vet, and takes
// them from the method table. The pass's result is a [*Result]: every call
// site of the package with its endpoints, at a main package what the
// program reaches and does not, and every finding with its data. The
// functions and struct fields that hold clients of a known token kind
// carry an object fact with it.
//
// # Limitations
//
// Reachability follows calls, function values and conversions to
// interfaces, not values: a type converted to an interface anywhere in
// reached code counts, whichever value is later called. Reflection,
// plugins, and a value converted to one interface and asserted to another
// with more methods are not followed. URLs built in other functions
// (passed as parameters) are unresolved where the request is made.
package analyzer
