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
#
# A warm run takes well under a second, less than the machine's noise
# between two runs, so the rounds end with WARM (default 15) more warm
# runs of each command, taken in turn, and their medians.
set -euo pipefail
dir=$(cd "$1" && pwd)
runs=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$dir" && GOCACHE="$work/base" go build ./...)
labels=("go vet")
args=("")
for bin in "$@"; do
	labels+=("go vet -vettool=$(basename "$bin")")
	args+=("-vettool=$bin")
done
vet() { # cache-index -> appends "cpu wall maxrss-KiB" to $work/time
	local i=$1
	# shellcheck disable=SC2086 # args[i] is one flag or none
	(cd "$dir" && GOCACHE="$work/run$i" /usr/bin/time -f "%e %U %S %M" go vet ${args[i]} ./... >/dev/null 2>"$work/time") || true
	tail -1 "$work/time" | awk '{print $2+$3, $1, $4}'
}
echo "== $dir (load $(cut -d' ' -f1-3 /proc/loadavg))"
for _ in $(seq "$runs"); do
	for i in "${!labels[@]}"; do
		rm -rf "$work/run$i"
		cp -a "$work/base" "$work/run$i"
		for kind in vet-only warm; do
			vet "$i" | awk -v l="${labels[i]} $kind" '{printf "%-40s cpu %7.2f wall %7.2f maxrss %5.0f MiB\n", l, $1, $2, $3/1024}'
		done
	done
done
for _ in $(seq "${WARM:-15}"); do
	for i in "${!labels[@]}"; do
		vet "$i" >>"$work/warm$i"
	done
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
for i in "${!labels[@]}"; do
	printf "%-40s cpu %7.3f wall %7.3f (medians of %d)\n" "${labels[i]} warm" \
		"$(cut -d' ' -f1 "$work/warm$i" | median)" "$(cut -d' ' -f2 "$work/warm$i" | median)" "$(wc -l <"$work/warm$i")"
done
