#!/usr/bin/env bash
# Compares go vet's own cost with ghperm's as its vet tool, vet only and
# warm, on one module:
#
#	bash testdata/vetcompare.sh DIR RUNS BIN...
#
# DIR is a module (go run ./testdata/largegen -o DIR makes a large one),
# RUNS the number of rounds, each BIN a ghperm binary. Every command starts
# from a copy of one GOCACHE that `go build ./...` filled (the compiled
# packages, no vet results), so "vet-only" is the vet tool's cost on every
# package and, for facts, every dependency; "warm" is the same command
# again, replaying go vet's cache. Prints user+sys CPU seconds, wall
# seconds and the largest process's peak memory (from /usr/bin/time).
set -euo pipefail
dir=$(cd "$1" && pwd)
runs=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$dir" && GOCACHE="$work/base" go build ./...)
one() { # label vet-args...
	local label=$1
	shift
	rm -rf "$work/run"
	cp -a "$work/base" "$work/run"
	for kind in vet-only warm; do
		(cd "$dir" && GOCACHE="$work/run" /usr/bin/time -f "%e %U %S %M" go vet "$@" ./... >/dev/null 2>"$work/time") || true
		tail -1 "$work/time" | awk -v l="$label $kind" '{printf "%-40s cpu %7.2f wall %7.2f maxrss %5.0f MiB\n", l, $2+$3, $1, $4/1024}'
	done
}
echo "== $dir (load $(cut -d' ' -f1-3 /proc/loadavg))"
for _ in $(seq "$runs"); do
	one "go vet"
	for bin in "$@"; do
		one "go vet -vettool=$(basename "$bin")" -vettool="$bin"
	done
done
