#!/usr/bin/env bash
# Machine instructions per request of one server, counted by valgrind's callgrind: unlike
# req/s, the count is the same from run to run (±0.3%) whatever else the machine is doing,
# so a change of a few hundred instructions per request can be measured before and after.
#
#   bash bench/instructions.sh <impl> <variant> <path> [warm-up requests=40000] [counted requests=10000]
#   e.g. bash bench/instructions.sh trellis mw /mw/hello
#        bash bench/instructions.sh fastify-raw main '/users?limit=100' 4000 2000
#
# Needs the compiled bench servers (`node bench/run.js` compiles them) and valgrind. Only the
# counted requests are instrumented (--instr-atstart=no, then callgrind_control); the server
# runs under --perf-basic-prof so JIT addresses in the output can be named from the perf map.
# Prints the main thread's count and all threads' (GC helpers included). ~1–2 min a run.
set -euo pipefail
impl=$1 variant=$2 path=$3 warm=${4:-40000} count=${5:-10000}
port=${BENCH_PORT:-3977}
bench=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d /tmp/trellis-instructions.XXXXXX)
# The same file run.js starts for this implementation and variant (`large` is a generated app).
file=$(node -e 'console.log(require(process.argv[1]).serverFile(process.argv[2], process.argv[3]))' "$bench/lib/server.js" "$impl" "$variant")
[ -f "$file" ] || { echo "$file does not exist: compile the bench servers first (node bench/run.js)" >&2; exit 1; }

# From $out: V8 writes its isolate log (for --perf-basic-prof) to the working directory.
cd "$out"
PORT=$port BENCH_VARIANT=$variant NODE_ENV=production valgrind --tool=callgrind --instr-atstart=no \
  --separate-threads=yes --callgrind-out-file="$out/callgrind.out" \
  node --perf-basic-prof "$file" >"$out/server.log" 2>&1 &
server=$!
# A failed step must not leave the server running under valgrind.
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q READY "$out/server.log" && break; sleep 0.5; done
grep -q READY "$out/server.log" || { echo "server did not start: $out/server.log" >&2; exit 1; }

node "$bench/lib/keep-alive-client.js" "$port" "$path" "$warm"
callgrind_control -i on "$server" >/dev/null 2>&1
node "$bench/lib/keep-alive-client.js" "$port" "$path" "$count"
callgrind_control -i off "$server" >/dev/null 2>&1
callgrind_control -d "$server" >/dev/null 2>&1
sleep 1
mv "/tmp/perf-$server.map" "$out/perf.map" 2>/dev/null || true
kill "$server"
wait "$server" 2>/dev/null || true

# awk reads all of callgrind_annotate's output: stopping early would fail the pipe (pipefail).
total() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ && !found { gsub(",", "", $1); print $1; found = 1 }'; }
main=$(total "$out/callgrind.out.1-01")
all=0
for file in "$out"/callgrind.out.1-*; do all=$((all + $(total "$file"))); done
echo "$impl $variant $path: main thread $((main / count)), all threads $((all / count)) instructions per request ($count requests; files in $out)"
