#!/usr/bin/env bash
# Instructions per operation of a scheduling path (spawn, yield, handoff, call, callchain, chain; sleepers, and
# the hand-written floor under it: floorsleepers, shapedsleepers), counted by valgrind:
# the JVM runs PathLoop for LO and for HI rounds of 100,000 operations (JIT in batch mode, the
# serial collector and a fixed heap, so that both runs compile the same code at the same points);
# (Ir(HI) - Ir(LO)) / ((HI - LO) * 100,000) is what one operation executes once the JIT settled.
# Deterministic to about 1 instruction, whatever the machine's load: the way to compare builds
# where timings on a shared 2-core machine scatter by 15-20 %. Needs valgrind (apt install valgrind).
# Precise register updates at memory accesses: HotSpot turns a fault at a known address into a
# null check (an uncommon trap); with valgrind's default, imprecise fault address the JVM aborted.
#
# HEAP=1g fixes another heap size (default 256m): the sleepers paths keep 100,000 tasks alive a
# round, and under G1 a small heap's young collections copy them more often.
#
# GC=-XX:+UseG1GC counts under G1 (the JVM's default collector) instead of the serial one: the
# difference is G1's barrier code on every reference store (see docs/benchmarks.md, "G1's fenced
# write barrier").
#
#   benchmarks/instructions.sh spawn [AGENT_JAR BENCH_JAR]   (defaults: this checkout's build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
path=${1:-spawn}
agent=${2:-$(ls "$here"/../agent/target/jawait-agent-*-SNAPSHOT.jar | grep -v -e sources -e javadoc | head -1)}
bench=${3:-$here/target/jawait-benchmarks.jar}
lo=${LO:-12}; hi=${HI:-22}; gc=${GC:--XX:+UseSerialGC}; heap=${HEAP:-256m}
count() {
  valgrind --tool=cachegrind --cache-sim=no --smc-check=all-non-file \
    --vex-iropt-register-updates=allregs-at-mem-access --cachegrind-out-file=/dev/null \
    java -Xbatch "$gc" -Xms"$heap" -Xmx"$heap" -javaagent:"$agent" -cp "$bench" \
    io.github.jawait.benchmarks.diag.PathLoop "$path" "$1" 2>&1 | awk '/I *refs/ {gsub(",", "", $NF); print $NF}'
}
a=$(count "$lo"); b=$(count "$hi")
echo "$path ($gc): $(( (b - a) / ((hi - lo) * 100000) )) instructions per operation ($lo rounds: $a, $hi rounds: $b)"
