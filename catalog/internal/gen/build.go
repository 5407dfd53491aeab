package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// table is everything the generated file holds.
type table struct {
	version string
	ops     []genOp
	vocab   map[string]*permission
	events  map[string]event
	scopes  map[string]scope
	aliases []pathAlias
	notes   []string // facts worth a look that do not stop generation
}

type genOp struct {
	o               *opInfo
	inst, user, pat requirement
	scopes          scopeResult
	appJWT          bool
}

// checksummed are the SHA256SUMS files that pin the upstream data.
var checksummed = []string{"openapi/SHA256SUMS", "SHA256SUMS"}

func build(dir string) (*table, error) {
	digest, err := verifySums(dir)
	if err != nil {
		return nil, err
	}
	keys, err := readKeyTable(dir)
	if err != nil {
		return nil, err
	}
	api, err := loadOpenAPI(filepath.Join(dir, "openapi"))
	if err != nil {
		return nil, err
	}
	docs, err := loadDocs(dir, keys.renames)
	if err != nil {
		return nil, err
	}
	docs.rejoin(api)
	plan, err := readPlans(dir, keys.renames)
	if err != nil {
		return nil, err
	}
	vocab, err := vocabulary(api, docs, plan, keys)
	if err != nil {
		return nil, err
	}
	curated, err := readCurated(dir, vocab)
	if err != nil {
		return nil, err
	}
	sd, err := readScopes(dir)
	if err != nil {
		return nil, err
	}
	evs, err := events(dir, api, vocab)
	if err != nil {
		return nil, err
	}
	commits, err := docsCommits(dir)
	if err != nil {
		return nil, err
	}
	aliases, err := readAliases(dir, api)
	if err != nil {
		return nil, err
	}
	statements, err := readStatements(dir)
	if err != nil {
		return nil, err
	}
	t := &table{
		version: fmt.Sprintf("@octokit/openapi@%s + github/docs %s@%s (inputs sha256:%s)", api.version, filepath.Base(docsDir), strings.Join(commits, ","), digest[:12]),
		vocab:   vocab,
		events:  evs,
		scopes:  sd.vocab,
		aliases: aliases,
	}
	reqs, err := readCuratedReqs(dir, vocab)
	if err != nil {
		return nil, err
	}
	b := &reqBuilder{docs: docs, curated: curated, vocab: vocab, statements: statements, used: map[string]bool{}, reqs: reqs, plan: plan}
	for _, o := range api.sortedOps() {
		g := genOp{o: o, appJWT: jwtOnly.MatchString(o.description)}
		if g.inst, g.user, g.pat, err = b.build(o); err != nil {
			return nil, err
		}
		if no := statementFor(statements, o, "oauth"); no != nil && !g.appJWT {
			g.scopes = scopeResult{basis: "ScopesNotUsable", evidence: fmt.Sprintf("%q (%s)", no.sentence, no.evidence)}
		} else if !g.appJWT {
			if g.scopes, err = sd.resolve(o); err != nil {
				return nil, fmt.Errorf("%s: %s (%s): %w", plans[o.plans[0]].file, o.key(), o.id, err)
			}
		}
		t.ops = append(t.ops, g)
	}
	for k := range curated {
		if !b.used[k] {
			if _, ok := api.ops[k]; !ok && slices.Contains(docs.unmatched, k) {
				continue // a docs operation @octokit/openapi does not have
			}
			return nil, fmt.Errorf("permission-sets.tsv: %s: no operation uses these sets", k)
		}
	}
	if err := sd.unused(); err != nil {
		return nil, err
	}
	if err := unusedCuratedReqs(reqs); err != nil {
		return nil, err
	}
	if err := unusedStatements(statements); err != nil {
		return nil, err
	}
	sort.Strings(docs.joined)
	t.notes = append(t.notes, docs.joined...)
	sort.Strings(docs.unmatched)
	for _, k := range docs.unmatched {
		t.notes = append(t.notes, k+" is in the docs data but not in the OpenAPI description")
	}
	return t, nil
}

// verifySums checks the upstream data against the SHA256SUMS files (lines
// for "original/..." describe the untrimmed npm files and are skipped) and
// returns a digest of all of them: the catalog's input version.
func verifySums(dir string) (string, error) {
	all := sha256.New()
	for _, name := range checksummed {
		sums := filepath.Join(dir, name)
		data, err := os.ReadFile(sums)
		if err != nil {
			return "", err
		}
		all.Write(data)
		sc := bufio.NewScanner(bytes.NewReader(data))
		for line := 1; sc.Scan(); line++ {
			text := sc.Text()
			if text == "" || strings.HasPrefix(text, "#") {
				continue
			}
			want, file, ok := strings.Cut(text, "  ")
			if !ok {
				return "", fmt.Errorf("%s:%d: want \"SHA256  FILE\"", sums, line)
			}
			if strings.HasPrefix(file, "original/") {
				continue
			}
			got, err := os.ReadFile(filepath.Join(filepath.Dir(sums), file))
			if err != nil {
				return "", fmt.Errorf("%s:%d: %w", sums, line, err)
			}
			if fmt.Sprintf("%x", sha256.Sum256(got)) != want {
				return "", fmt.Errorf("%s:%d: %s does not match its checksum (refresh it with the tools in upstream/README.md)", sums, line, file)
			}
		}
	}
	for _, tsv := range []string{"permission-keys.tsv", "scopes.tsv", "scope-names.tsv", "scope-rules.tsv", "scope-overrides.tsv", "event-overrides.tsv", "path-aliases.tsv", "token-statements.tsv", "curated-requirements.tsv"} {
		data, err := os.ReadFile(filepath.Join(dir, tsv))
		if err != nil {
			return "", err
		}
		all.Write(data)
	}
	return fmt.Sprintf("%x", all.Sum(nil)), nil
}

// docsCommits reads the github/docs commit of each docs file, in file
// order, shortened to 8 hex digits for the version string.
func docsCommits(dir string) ([]string, error) {
	rows, err := readTSV(filepath.Join(dir, docsDir, "COMMITS.tsv"), "", 2)
	if err != nil {
		return nil, err
	}
	byFile := map[string]string{}
	for _, r := range rows {
		if len(r.fields[1]) != 40 {
			return nil, r.errorf("want a 40-digit commit, have %q", r.fields[1])
		}
		byFile[r.fields[0]] = r.fields[1][:8]
	}
	var out []string
	for _, f := range docsFiles {
		c, ok := byFile[f]
		if !ok {
			return nil, fmt.Errorf("%s: no commit for %s", filepath.Join(dir, docsDir, "COMMITS.tsv"), f)
		}
		out = append(out, c)
	}
	return out, nil
}
