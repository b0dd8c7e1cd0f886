#!/usr/bin/env bash
# Requests per second of the HTTP API against nginx serving a static file of
# the same size, on this machine (docs/BENCHMARKS.md). Run by hand, not in CI:
#
#   bench/http_bench.sh
#
# Builds the Release program (build-bench/), makes a throwaway SQLite database
# with a clinic, its admin (also a clinician) and one person with an intake,
# four sessions and a month of daily journal entries, then starts
# `massage-navigator serve --io-threads 1 --workers 1` and nginx (one worker,
# access log off), both pinned to one core, and loads each with wrk pinned to
# the other core:
#   1. nginx: GET of a static file holding the assessment answer's exact bytes;
#   2. POST /api/v1/assessments with the intake of tests/cases/vignettes/01_*;
#   3. GET /api/v1/patients/{id}/progress with a bearer token.
# Prints requests/s, p99 latency, the share of its core each server used, the
# ratios to nginx against their targets, and the server's resident memory after
# the runs. Everything it starts or writes is removed on exit.
#
# Settings (environment): BUILD_DIR (build-bench), JOBS (build jobs, 2),
# SKIP_BUILD=1 (use the binary as it is), DURATION (10s), WARMUP (2s; 0 for
# none), CONNECTIONS (64), SERVER_CPU (1), CLIENT_CPU (0), PROFILE=DIR (also
# record each measured run of our server with `perf record -g` into
# DIR/perf-NAME.data and print its top functions; the rates then drop a little).
# Needs cmake, nginx, wrk, curl, jq, taskset and pgrep (and perf for PROFILE).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
build=${BUILD_DIR:-build-bench}
jobs=${JOBS:-2}
duration=${DURATION:-10s}
warmup=${WARMUP:-2s}
connections=${CONNECTIONS:-64}
server_cpu=${SERVER_CPU:-1}
client_cpu=${CLIENT_CPU:-0}

for tool in cmake nginx wrk curl jq taskset pgrep; do
  if ! command -v "$tool" >/dev/null; then
    echo "http_bench: needs $tool" >&2
    exit 1
  fi
done

if [[ -z "${SKIP_BUILD:-}" ]]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DMN_BENCH=ON -DMN_TESTS=OFF >/dev/null
  cmake --build "$build" -j"$jobs" --target massage-navigator
fi
[[ $build == /* ]] || build=$root/$build
binary=$build/massage-navigator
[[ -x $binary ]] || { echo "http_bench: no $binary" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/mn-http-bench.XXXXXX")
server_pid=
nginx_pid=
cleanup() {
  local status=$?
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n $nginx_pid ]]; then
    kill -QUIT "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  echo "http_bench: $*" >&2
  if [[ -s $work/server.log ]]; then
    echo "--- the server's last lines:" >&2
    tail -n 5 "$work/server.log" >&2
  fi
  exit 1
}

# nginx, running as root, hands requests to an unprivileged worker: it must be
# able to read the static file. The database stays private.
chmod 755 "$work"
mkdir -m 700 "$work/db"
mkdir -m 755 "$work/www"
database=sqlite:$work/db/bench.db

# The program with its settings pinned: no config file, this checkout's
# knowledge base, the throwaway database.
mn() {
  env -u MN_CONFIG -u MN_DATABASE -u MN_KNOWLEDGE_DIR XDG_CONFIG_HOME="$work/no-config" \
    "$binary" --knowledge "$root/knowledge" --database "$database" "$@"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- the database: a clinic, its admin and clinician, one person -------------
password="bench-password-$RANDOM$RANDOM"
printf '%s\n' "$password" |
  mn admin create --clinic "Bench Clinic" --login admin --name "Bench Admin" --clinician \
    >/dev/null || fail "admin create failed"

# Its access log (a line per answer, on standard error) goes to a file; nginx
# keeps none, which favours nginx a little.
taskset -c "$server_cpu" env -u MN_CONFIG XDG_CONFIG_HOME="$work/no-config" \
  "$binary" --knowledge "$root/knowledge" --database "$database" \
  serve --bind 127.0.0.1 --port 0 --behind-tls false --io-threads 1 --workers 1 \
  >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
port=
for _ in $(seq 300); do
  port=$(sed -nE 's|.*serving http://[^ ]*:([0-9]+) .*|\1|p' "$work/server.out")
  [[ -n $port ]] && break
  kill -0 "$server_pid" 2>/dev/null || fail "the server did not start"
  sleep 0.1
done
[[ -n $port ]] || fail "the server did not say where it listens"
base=http://127.0.0.1:$port

# POST JSON ($3, may be empty) to $2 with the headers in the array named $1;
# prints the answer's body, fails on an error status.
post() {
  local -n headers=$1
  curl -sS --fail-with-body -X POST "${headers[@]}" -H 'Content-Type: application/json' \
    --data-binary "$3" "$base$2" || fail "POST $2 failed"
}

# Sign in with the cookie, then make a bearer token for the rest.
signed_in=$(curl -sS --fail-with-body -D "$work/sign-in.headers" -H 'Content-Type: application/json' \
  --data-binary "$(jq -n --arg password "$password" '{login: "admin", password: $password}')" \
  "$base/api/v1/session") || fail "sign-in failed: $signed_in"
csrf=$(jq -r .csrf_token <<<"$signed_in")
cookie=$(sed -nE 's/^[Ss]et-[Cc]ookie: *(mn_session=[^;]*).*/\1/p' "$work/sign-in.headers" | tr -d '\r')
[[ -n $cookie ]] || fail "sign-in set no mn_session cookie"
cookie_headers=(-H "Cookie: $cookie" -H "X-CSRF-Token: $csrf")
token=$(curl -sS --fail-with-body -X POST "${cookie_headers[@]}" "$base/api/v1/tokens" |
  jq -r .token) || fail "POST /api/v1/tokens failed"
bearer=(-H "Authorization: Bearer $token")

patient=$(post bearer /api/v1/patients '{"display_name": "Bench Person", "time_zone": "UTC"}' |
  jq -r .id)
jq .intake tests/cases/vignettes/01_*.json >"$work/intake.json"
post bearer "/api/v1/patients/$patient/intakes" "$(cat "$work/intake.json")" >/dev/null

# Four weekly sessions and thirty daily entries, slowly improving.
now=$(date -u +%s)
for days_ago in 28 21 14 7; do
  post bearer "/api/v1/patients/$patient/sessions" "$(jq -n --argjson at $((now - days_ago * 86400)) \
    '{time: ($at | strftime("%Y-%m-%dT17:00:00Z")), style: "therapeutic", minutes: 60, pressure: 3}')" \
    >/dev/null
done
journal=$(jq -n --argjson now "$now" '{entries: [range(30; 0; -1) as $ago | (30 - $ago) as $day | {
  time: (($now - $ago * 86400) | strftime("%Y-%m-%dT08:00:00Z")),
  pain: {neck: (6 - ($day / 8 | floor) + ($day % 3 | if . == 0 then 1 else 0 end)),
         shoulders: (4 - ($day / 10 | floor))},
  activities: [{name: "turning my head while driving", score: (3 + ($day / 6 | floor))},
               {name: "working at the computer", score: (4 + ($day / 8 | floor))}],
  stress: (7 - ($day / 10 | floor)), sleep_quality: (4 + ($day / 10 | floor))}]}')
post bearer "/api/v1/patients/$patient/journal" "$journal" >/dev/null
curl -sS --fail-with-body "${bearer[@]}" "$base/api/v1/patients/$patient/progress" >/dev/null ||
  fail "GET progress failed"

# --- nginx with the assessment's own bytes ------------------------------------
curl -sS --fail-with-body -H 'Content-Type: application/json' --data-binary @"$work/intake.json" \
  "$base/api/v1/assessments" >"$work/www/assessment.json" || fail "POST /api/v1/assessments failed"
chmod 644 "$work/www/assessment.json"
size=$(wc -c <"$work/www/assessment.json")

nginx_port=18081
while (exec 3<>"/dev/tcp/127.0.0.1/$nginx_port") 2>/dev/null; do ((nginx_port++)); done
mkdir -p "$work/nginx"
cpu_mask=1$(printf '%*s' "$server_cpu" '' | tr ' ' 0)
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
worker_cpu_affinity $cpu_mask;
user $(id -un) $(id -gn);
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  types { application/json json; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
EOF
taskset -c "$server_cpu" nginx -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx.conf" \
  -g 'daemon off;' 2>"$work/nginx/stderr.log" &
nginx_pid=$!
for _ in $(seq 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/assessment.json" && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/"*.log >&2; fail "nginx did not start"; }
  sleep 0.1
done
cmp -s "$work/www/assessment.json" <(curl -sS "http://127.0.0.1:$nginx_port/assessment.json") ||
  fail "nginx does not serve the file"

# --- the runs -------------------------------------------------------------------
# CPU time a process has used, in clock ticks (user + system).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# wrk NAME PID URL [wrk options]: a warm-up, then the measured run into
# $work/wrk-NAME, and the share of one core that process PID used meanwhile
# into $work/cpu-NAME (below 100% when it waited for the disk or the client, or
# when other processes had the core: then the rates say little).
run() {
  local name=$1 pid=$2 url=$3
  shift 3
  if [[ $warmup != 0 ]]; then
    taskset -c "$client_cpu" wrk -t1 -c"$connections" -d"$warmup" "$@" "$url" >/dev/null
  fi
  local ticks_before start profiler=
  if [[ -n ${PROFILE:-} && $pid == "$server_pid" ]]; then
    mkdir -p "$PROFILE"
    perf record -q -g -p "$pid" -o "$PROFILE/perf-$name.data" -- sleep "${duration%s}" \
      2>/dev/null &
    profiler=$!
  fi
  ticks_before=$(cpu_ticks "$pid")
  start=$(date +%s%N)
  taskset -c "$client_cpu" wrk -t1 -c"$connections" -d"$duration" --latency "$@" "$url" \
    >"$work/wrk-$name"
  awk -v ticks=$(($(cpu_ticks "$pid") - ticks_before)) -v hz="$(getconf CLK_TCK)" \
    -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.0f\n", 100 * ticks / hz / (ns / 1e9) }' \
    >"$work/cpu-$name"
  if [[ -n $profiler ]]; then
    wait "$profiler" || true
    echo "--- $name: where the server's time went (perf report --no-children)"
    perf report -i "$PROFILE/perf-$name.data" --no-children --percent-limit 2 --stdio \
      -g none 2>/dev/null | grep -E '^ +[0-9]' | head -n 25
  fi
  if grep -q 'Non-2xx' "$work/wrk-$name"; then
    cat "$work/wrk-$name" >&2
    fail "$name: some answers were errors"
  fi
}

nginx_worker=$(pgrep -P "$nginx_pid" | head -n 1)
run nginx "$nginx_worker" "http://127.0.0.1:$nginx_port/assessment.json"
MN_BENCH_BODY=$work/intake.json run assessments "$server_pid" "$base/api/v1/assessments" \
  -s bench/http_post.lua
run progress "$server_pid" "$base/api/v1/patients/$patient/progress" "${bearer[@]}"

rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status")
peak_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status")

# --- the report -------------------------------------------------------------------
rate() { awk '/^Requests\/sec:/ {print $2}' "$work/wrk-$1"; }
# The 99th percentile in milliseconds (wrk prints us, ms or s).
p99() {
  awk '$1 == "99%" {
    v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
    print (unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : v) }' "$work/wrk-$1"
}
errors() { sed -nE 's/^ *Socket errors: (.*)/ (socket errors: \1)/p' "$work/wrk-$1"; }

nginx_rate=$(rate nginx)
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server and nginx on core $server_cpu, wrk on core $client_cpu: wrk -t1 -c$connections -d$duration"
echo "CPU: the share of one core the server (or nginx's worker) used during the run"
echo "static file and assessment answer: $size bytes"
echo
printf '%-44s %10s %9s %5s %6s  %s\n' "what" "requests/s" "p99 (ms)" "CPU" "ratio" "target"
report() {  # NAME LABEL RATIO_TARGET [P99_LIMIT_MS]
  local name=$1 label=$2 target=$3 limit=${4:-}
  awk -v label="$label" -v r="$(rate "$name")" -v base="$nginx_rate" -v p="$(p99 "$name")" \
    -v target="$target" -v limit="$limit" -v errors="$(errors "$name")" \
    -v cpu="$(cat "$work/cpu-$name")" 'BEGIN {
      ratio = r / base
      goal = target == "" ? "" : sprintf(">= %.2f", target)
      ok = target == "" || ratio >= target
      if (limit != "") { goal = goal sprintf(", p99 < %s ms", limit); ok = ok && p < limit }
      verdict = target == "" ? "" : (ok ? "  met" : "  MISSED")
      printf "%-44s %10.0f %9.2f %4d%% %6.2f  %s%s%s\n", label, r, p, cpu, ratio, goal, verdict,
        errors }'
}
report nginx "nginx, GET the static file" ""
report assessments "POST /api/v1/assessments" 0.70 5
report progress "GET /api/v1/patients/{id}/progress (bearer)" 0.25
awk -v rss="$rss_kb" -v peak="$peak_kb" 'BEGIN {
  printf "server memory after the runs: VmRSS %.1f MB (peak %.1f MB); target < 64 MB: %s\n",
    rss / 1024, peak / 1024, rss / 1024 < 64 ? "met" : "MISSED" }'
