#!/usr/bin/env bash
# Measures ghperm side by side with plain go vet on the bundled example and
# on a large generated module (testdata/largegen):
#
#	bash testdata/measure.sh [packages [calls-per-package]]
#
# Each go vet command runs three ways: cold (empty GOCACHE), warm (the same
# GOCACHE again: go vet replays its cached results) and vet only (a fresh
# GOCACHE that `go build ./...` filled first, so it holds the compiled
# packages but no vet results: the cost of the vet tool itself, run on
# every package and, for facts, every dependency). The standalone
# `ghperm ./...` has no cache of its own: it runs cold and warm (the go
# list it starts then finds the build cache warm). The module cache is
# kept throughout.
#
# Prints one line per run: wall time, user+sys CPU seconds of the run and
# all its child processes, and peak memory (the largest single process),
# all from /usr/bin/time -v.
#
# To see where a vet-only run spends its time per process, run
# `go vet -work -x -vettool=...` on a copy of a GOCACHE holding the build:
# it prints every vet tool invocation (`$tool -json $WORK/bNNN/vet.cfg`),
# which can be replayed one by one under perf record. Done on 2026-11-21
# on a module of the same shape (200 packages of 25 call sites; 391
# invocations, 190 for facts only): most of the
# CPU is unitchecker's (type checking from export data 36 %, exporting
# types into fact files 17 %, GC 18 %); ghperm's own fact encoding and
# catalog matching took about 1 % each. That was with x/tools v0.52.0;
# go.mod now keeps v0.49.0, whose fact files carry no types, and the
# standard library's facts-only runs are skipped (README, Performance).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/ghperm" ./cmd/ghperm
go run ./testdata/largegen -o "$work/large" -packages "${1:-200}" -calls "${2:-25}"

measure() { # label dir cmd...
	local label=$1 dir=$2
	shift 2
	local status=0
	(cd "$dir" && /usr/bin/time -v "$@" >/dev/null 2>"$work/time") || status=$?
	[ "$status" -le 1 ] || { cat "$work/time" >&2; exit 1; }
	awk -v l="$label" -F': ' '
		/User time \(seconds\)/ { u = $2 }
		/System time \(seconds\)/ { s = $2 }
		/Elapsed \(wall clock\)/ { t = $2 }
		/Maximum resident set size/ { m = $2 }
		END { printf "%-44s %10s wall %8.1f s cpu %6.0f MiB\n", l, t, u + s, m / 1024 }' "$work/time"
}

# vet label dir vet-args...: cold, warm and vet-only runs of go vet.
vet() {
	local label=$1 dir=$2
	shift 2
	rm -rf "$GOCACHE"
	measure "$label (cold)" "$dir" go vet "$@" ./...
	measure "$label (warm)" "$dir" go vet "$@" ./...
	rm -rf "$GOCACHE"
	(cd "$dir" && go build ./...)
	measure "$label (vet only)" "$dir" go vet "$@" ./...
}

for mod in "$repo/testdata/example" "$work/large"; do
	name=$(basename "$mod")
	export GOCACHE="$work/cache-$name"
	echo "== $name ($(cd "$mod" && go list ./... | wc -l) packages, load $(cut -d' ' -f1-3 /proc/loadavg))"
	vet "go vet ./..." "$mod"
	vet "go vet -vettool=ghperm ./..." "$mod" -vettool="$work/ghperm"
	rm -rf "$GOCACHE"
	measure "ghperm ./... (cold)" "$mod" "$work/ghperm" ./...
	measure "ghperm ./... (warm)" "$mod" "$work/ghperm" ./...
done
