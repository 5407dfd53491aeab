#!/usr/bin/env bash
# Measures ghperm side by side with plain go vet, cold (empty build cache)
# and warm, on the bundled example and on a large generated module:
#
#	bash testdata/measure.sh [packages-in-large-module]
#
# Prints one line per run: wall time and peak memory (/usr/bin/time -v,
# the largest process of the run). The module cache is kept throughout.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/ghperm" ./cmd/ghperm
go run ./testdata/largegen -o "$work/large" -packages "${1:-200}"

measure() { # label dir cmd...
	local label=$1 dir=$2
	shift 2
	local status=0
	(cd "$dir" && /usr/bin/time -v "$@" >/dev/null 2>"$work/time") || status=$?
	[ "$status" -le 1 ] || { cat "$work/time" >&2; exit 1; }
	awk -v l="$label" -F': ' '
		/Elapsed \(wall clock\)/ { t = $2 }
		/Maximum resident set size/ { m = $2 }
		END { printf "%-44s %10s %8.0f MiB\n", l, t, m / 1024 }' "$work/time"
}

for mod in "$repo/testdata/example" "$work/large"; do
	name=$(basename "$mod")
	export GOCACHE="$work/cache-$name"
	rm -rf "$GOCACHE"
	echo "== $name ($(cd "$mod" && go list ./... | wc -l) packages)"
	measure "go vet ./... (cold)" "$mod" go vet ./...
	measure "go vet ./... (warm)" "$mod" go vet ./...
	rm -rf "$GOCACHE"
	measure "go vet -vettool=ghperm ./... (cold)" "$mod" go vet -vettool="$work/ghperm" ./...
	measure "go vet -vettool=ghperm ./... (warm)" "$mod" go vet -vettool="$work/ghperm" ./...
	rm -rf "$GOCACHE"
	measure "ghperm ./... (cold)" "$mod" "$work/ghperm" ./...
	measure "ghperm ./... (warm)" "$mod" "$work/ghperm" ./...
done
