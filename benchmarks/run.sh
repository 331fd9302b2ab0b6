#!/usr/bin/env bash
# Issue #6: builds jawait and runs the macro scenarios for jawait and each peer, several times,
# then prints ONE table of medians with the ratio peer/jawait (benchmarks/summarize.py).
#
#   benchmarks/run.sh                 # full run: 3 runs of every scenario (about 20 minutes)
#   benchmarks/run.sh --quick         # smoke run: 1 run, 1/10 of the work (about 2 minutes)
#   benchmarks/run.sh --runs 5 --scenarios "yield chain" --contenders "jawait vt1"
#   benchmarks/run.sh --no-build      # reuse the jars already built
#   benchmarks/run.sh --scenarios net --net-contenders "netty jawait"   # network only
#
# Contenders: jawait (JDK 17, the default JDK), jawait25 (same code on JDK 25), jawaitSerial
# (JDK 17 with -XX:+UseSerialGC, the collector that suits a one-thread loop process), vt (virtual
# threads, JDK 25, default scheduler), vt1 (-Djdk.virtualThreadScheduler.parallelism=1), cf
# (CompletableFuture, JDK 17), asyncio (python3, benchmarks/python/bench.py), floor and floor25
# (issue 17: a hand-written state machine on a minimal loop, JDK 17 / 25; sleep scenarios only).
# Scenario net (issue #11): one echo server per process, driven by the load client NetBench
# (JDK 25, its own process); contenders netty (Netty 4.2 NIO, one event loop: the reference of
# the network table), nettyEpoll, jawait, nio (a bare JDK selector loop: the floor), vt (virtual
# threads, blocking sockets), node (Node.js net), asyncio (asyncio streams). It prints a second
# table, ratios against netty.
# Raw results: benchmarks/target/results/<time>.tsv; the tables also go to <time>.md.
# JMH micro-benchmarks are separate (see docs/benchmarks.md):
#   java -javaagent:agent/target/jawait-agent-0.1.0-SNAPSHOT.jar -jar benchmarks/target/jawait-benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=3
QUICK=
BUILD=1
SCENARIOS="sleep sleep_mem yield handoff spawn await chain timers net"
CONTENDERS="jawait jawait25 jawaitSerial vt vt1 cf asyncio floor floor25"
NET_CONTENDERS="netty jawait nettyEpoll nio vt node asyncio"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=--quick; RUNS=1 ;;
    --runs) RUNS="$2"; shift ;;
    --scenarios) SCENARIOS="$2"; shift ;;
    --contenders) CONTENDERS="$2"; shift ;;
    --net-contenders) NET_CONTENDERS="$2"; shift ;;
    --no-build) BUILD= ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

JAVA17=${JAVA17:-java}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA25="$JDK25/bin/java"
AGENT=agent/target/jawait-agent-0.1.0-SNAPSHOT.jar
JAR=benchmarks/target/jawait-benchmarks.jar
MACRO=io.github.jawait.benchmarks.macro.Macro
NETBENCH=io.github.jawait.benchmarks.net.NetBench
ECHO=io.github.jawait.benchmarks.net.EchoServer

if [ -n "$BUILD" ]; then
  echo "== building (mvn -B -q verify -DskipTests)" >&2
  mvn -B -q verify -DskipTests >&2
fi
if [ ! -x "$JAVA25" ]; then
  echo "JDK 25 not found at $JDK25: skipping jawait25, vt, vt1" >&2
  CONTENDERS=$(echo "$CONTENDERS" | tr ' ' '\n' | grep -vx 'jawait25\|vt\|vt1\|floor25' | tr '\n' ' ')
  echo "   and the net scenario (its load client runs on virtual threads)" >&2
  SCENARIOS=$(echo "$SCENARIOS" | tr ' ' '\n' | grep -vx net | tr '\n' ' ')
fi
if ! command -v node >/dev/null; then
  NET_CONTENDERS=$(echo "$NET_CONTENDERS" | tr ' ' '\n' | grep -vx node | tr '\n' ' ')
fi

command_for() { # contender scenario -> the command line of one process
  case "$1" in
    jawait)   echo "$JAVA17 -javaagent:$AGENT -cp $JAR $MACRO jawait $2 $QUICK" ;;
    jawait25) echo "$JAVA25 -javaagent:$AGENT -cp $JAR $MACRO jawait $2 $QUICK" ;;
    jawaitSerial) echo "$JAVA17 -XX:+UseSerialGC -javaagent:$AGENT -cp $JAR $MACRO jawait $2 $QUICK" ;;
    vt)       echo "$JAVA25 -cp $JAR $MACRO vt $2 $QUICK" ;;
    vt1)      echo "$JAVA25 -Djdk.virtualThreadScheduler.parallelism=1 -cp $JAR $MACRO vt $2 $QUICK" ;;
    cf)       echo "$JAVA17 -cp $JAR $MACRO cf $2 $QUICK" ;;
    asyncio)  echo "python3 benchmarks/python/bench.py $2 $QUICK" ;;
    floor)    echo "$JAVA17 -cp $JAR $MACRO floor $2 $QUICK" ;;
    floor25)  echo "$JAVA25 -cp $JAR $MACRO floor $2 $QUICK" ;;
    *) echo "unknown contender $1" >&2; exit 2 ;;
  esac
}

server_for() { # net contender -> the command line of its echo server
  case "$1" in
    netty)      echo "$JAVA17 -cp $JAR $ECHO netty" ;;
    nettyEpoll) echo "$JAVA17 -cp $JAR $ECHO netty-epoll" ;;
    nio)        echo "$JAVA17 -cp $JAR $ECHO nio" ;;
    jawait)     echo "$JAVA17 -javaagent:$AGENT -cp $JAR $ECHO jawait" ;;
    vt)         echo "$JAVA25 -cp $JAR $ECHO vt" ;;
    node)       echo "node --expose-gc benchmarks/node/echo_server.js" ;;
    asyncio)    echo "python3 benchmarks/python/echo_server.py" ;;
    *) echo "unknown net contender $1" >&2; exit 2 ;;
  esac
}

mkdir -p benchmarks/target/results
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=benchmarks/target/results/$STAMP.tsv
printf 'contender\trun\tmetric\tvalue\n' > "$OUT"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB" >&2
for run in $(seq 1 "$RUNS"); do
  for scenario in $SCENARIOS; do
    contenders=$CONTENDERS
    [ "$scenario" = net ] && contenders=$NET_CONTENDERS
    for c in $contenders; do  # contenders interleaved, so that noise hits them alike
      if [ "$scenario" = timers ] && [ "${c#vt}" != "$c" ]; then
        continue # virtual threads have no cancellable timer handle of their own
      fi
      if [ "${c#floor}" != "$c" ] && [ "${scenario#sleep}" = "$scenario" ]; then
        continue # the hand-written floor exists for the sleep scenarios only
      fi
      if [ "$scenario" = net ]; then # the load client in its own process starts the server
        cmd="$JAVA25 -cp $JAR $NETBENCH $QUICK -- $(server_for "$c")"
      else
        cmd=$(command_for "$c" "$scenario")
      fi
      echo "-- run $run/$RUNS $scenario $c: $cmd" >&2
      if ! lines=$(timeout 600 $cmd 2>>"$OUT.stderr" | grep '^RESULT'); then
        echo "   (no result; see $OUT.stderr)" >&2
        continue
      fi
      echo "$lines" | awk -v c="$c" -v r="$run" -F'\t' '{print c "\t" r "\t" $2 "\t" $3}' >> "$OUT"
    done
  done
done
python3 benchmarks/summarize.py "$OUT" | tee "${OUT%.tsv}.md"
if [ -n "$QUICK" ]; then
  echo "(--quick smoke run: one run of a tenth of the work, e.g. 100k sleepers, 30k echo requests," \
       "1,000 idle connections, little warm-up; the targets are for the full run)" | tee -a "${OUT%.tsv}.md"
fi
echo "raw results: $OUT" >&2
