#!/usr/bin/env bash
# The cost of one whole `massage-navigator assess` process (start-up, loading
# the knowledge base, assessing, printing), against /bin/true as the floor of
# starting any process on this machine.
#
#   bench/cli_process.sh [INTAKE.json]    (default: bench/typical_intake.json)
#
# Needs the Release build of scripts/test's benchmark stage (build-bench/), or
# BINARY=path. Uses hyperfine when installed, else a loop of RUNS (100) runs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
input=${1:-bench/typical_intake.json}
binary=${BINARY:-build-bench/massage-navigator}
runs=${RUNS:-100}

if [[ ! -x "$binary" ]]; then
  echo "no $binary: build it with" >&2
  echo "  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DMN_BENCH=ON -DMN_TESTS=OFF" >&2
  echo "  cmake --build build-bench -j2" >&2
  exit 1
fi
command=("$binary" assess --input "$input" --today 2026-11-27)
"${command[@]}" >/dev/null  # fail now, not inside the timing loop

# Mean wall time of one run of "$@", in microseconds.
mean_us() {
  if command -v hyperfine >/dev/null; then
    local json
    json=$(mktemp)
    hyperfine --shell=none --warmup 5 --runs "$runs" --export-json "$json" -- "$(printf '%q ' "$@")" >/dev/null
    python3 -c 'import json, sys; print(round(json.load(open(sys.argv[1]))["results"][0]["mean"] * 1e6))' "$json"
    rm -f "$json"
  else
    local start end
    for _ in 1 2 3 4 5; do "$@" >/dev/null; done
    start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do "$@" >/dev/null; done
    end=$(date +%s%N)
    echo $(((end - start) / runs / 1000))
  fi
}

cli=$(mean_us "${command[@]}")
floor=$(mean_us /bin/true)
echo "massage-navigator assess: ${cli} us per process (mean of $runs)"
echo "/bin/true:                ${floor} us per process (mean of $runs)"
awk -v a="$cli" -v b="$floor" 'BEGIN { printf "ratio:                    %.1fx\n", (b > 0 ? a / b : 0) }'
