#!/usr/bin/env bash
# `massage-navigator reassess` over a million stored intakes on SQLite,
# against the issue's limit of 60 s.
#
#   bench/reassess_million.sh [BUILD_DIR] [PEOPLE]    (build-bench, 1000000)
#
# Builds nothing: BUILD_DIR must hold the Release build of scripts/test's
# benchmark stage (massage-navigator and bench/mn_make_reassess_db). Makes the
# database in a temporary directory (14 GB for a million people, most of it
# the stored assessments' JSON; removed at the end), then runs reassess once,
# under /usr/bin/time -v when present for the CPU time, waits and peak memory.
# The database has just been written, so much of it is likely in the page
# cache: a warm-cache figure.
#
# DATABASE=PATH keeps the database there instead (made when missing, reused
# when present, never removed), to time reassess again without remaking it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build-bench}
people=${2:-1000000}
binary=$build/massage-navigator
maker=$build/bench/mn_make_reassess_db
limit=60

for program in "$binary" "$maker"; do
  if [[ ! -x $program ]]; then
    echo "no $program: build it with" >&2
    echo "  cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release -DMN_BENCH=ON -DMN_TESTS=OFF" >&2
    echo "  cmake --build $build -j2" >&2
    exit 1
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
database=${DATABASE:-$work/reassess.db}

if [[ -e $database ]]; then
  echo "== reusing $database"
else
  echo "== making $people people in $database"
  start=$(date +%s%N)
  "$maker" "$database" "$people"
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "made in %.1f s (wall, with start-up)\n", ns / 1e9 }'
fi
echo "database: $(du -h "$database" | cut -f1)"
echo "load average before reassess: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== massage-navigator reassess"
command=("$binary" --database "sqlite:$database" reassess --no-progress --format json)
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -v -o "$work/time.txt" "${command[@]}" >"$work/report.json"
else
  time "${command[@]}" >"$work/report.json"
fi

python3 - "$work/report.json" "$limit" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
limit = float(sys.argv[2])
s = report["seconds"]
total, parse, assess = s["total"], s["parse"], s["assess"]
rest = total - parse - assess
n = report["reassessed"]
print(f"reassessed:          {n} people, {len(report['changed'])} changed, {report['unreadable']} unreadable")
print(f"total:               {total:.2f} s  ({n / total:,.0f} people/s)")
print(f"  parsing intakes:   {parse:.2f} s  ({parse / total:.0%})")
print(f"  assessing:         {assess:.2f} s  ({assess / total:.0%})")
print(f"  the rest (database, paging, reporting): {rest:.2f} s  ({rest / total:.0%})")
print(f"ratio to the {limit:.0f} s limit: {total / limit:.2f}")
EOF
if [[ -f $work/time.txt ]]; then
  grep -E 'Elapsed|Maximum resident|User time|System time|Percent of CPU|context switches|File system inputs|Major' "$work/time.txt" |
    sed 's/^[[:space:]]*/process: /'
fi
