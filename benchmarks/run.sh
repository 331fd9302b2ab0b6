#!/usr/bin/env bash
# Issues #6, #11, #12, #17: builds jawait and runs the macro scenarios for jawait and each peer,
# several times, then prints the tables of medians with the ratio peer/jawait
# (benchmarks/summarize.py).
#
#   benchmarks/run.sh                 # full run: 3 runs of every default scenario (about 25 minutes)
#   benchmarks/run.sh --quick         # smoke run: 1 run, 1/10 of the work
#   benchmarks/run.sh --runs 5 --scenarios "yield chain" --contenders "jawait kotlin node"
#   benchmarks/run.sh --no-build      # reuse the jars already built
#   benchmarks/run.sh --scenarios net --net-contenders "netty jawait"   # network only
#   benchmarks/run.sh --scenarios "files pg"                            # the I/O tables only
#
# Scenarios: sleep sleep_mem yield handoff spawn await chain timers net (the default), and the
# opt-in files and pg (slower, and pg starts a PostgreSQL): --scenarios "default files pg", or
# --scenarios all, which is the same. In --scenarios, the word default stands for the default list.
# Contenders: jawait (JDK 17, the default JDK), jawait25 (same code on JDK 25), jawaitSerial
# (JDK 17 with -XX:+UseSerialGC, the collector that suits a one-thread loop process), vt (virtual
# threads, JDK 25, default scheduler), vt1 (-Djdk.virtualThreadScheduler.parallelism=1), cf
# (CompletableFuture, JDK 17), kotlin (Kotlin coroutines under runBlocking, one thread, JDK 17),
# kotlinDefault (Kotlin on Dispatchers.Default), node (Node.js, benchmarks/node/bench.js),
# asyncio (python3, benchmarks/python/bench.py), floor and floor25 (issue 17: a hand-written
# state machine on a minimal loop, JDK 17 / 25; sleep scenarios only).
# Scenario net (issue #11): one echo server per process, driven by the load client NetBench
# (JDK 25, its own process); contenders netty (Netty 4.2 NIO, one event loop: the reference of
# the network table), nettyEpoll, jawait, jawaitGroup (the same handlers on an EventLoopGroup of
# one loop per core, issue #17), nio (a bare JDK selector loop: the floor), vt (virtual
# threads, blocking sockets), node (Node.js net), asyncio (asyncio streams). It prints a second
# table, ratios against netty.
# Scenario files (issue #12): 1,000 files of 64 KiB read concurrently, one process on JDK 17 and
# one on JDK 25 (FileReads: jawait AsyncFiles, jawait toThread, virtual threads on JDK 25,
# sequential blocking reads, interleaved in the process); a table of its own.
# Scenario pg (issue #12): starts one embedded PostgreSQL for the run, then PgBench for each of
# --pg-contenders (default "jawait jawaitThreads vertx jdbcVirtual jdbcHikari": jawait-postgres,
# the same with Vert.x on its own threads (-Djawait.postgres.vertx=threads), raw Vert.x,
# pgjdbc on virtual threads on JDK 25, pgjdbc + HikariCP on platform threads); a table of its
# own, ratios against raw Vert.x. benchmarks/pg.sh is this scenario alone.
# Raw results: benchmarks/target/results/<time>.tsv; the tables also go to <time>.md.
# JMH micro-benchmarks are separate (see docs/benchmarks.md):
#   java -javaagent:agent/target/jawait-agent-0.1.0-SNAPSHOT.jar -jar benchmarks/target/jawait-benchmarks.jar
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=3
QUICK=
BUILD=1
DEFAULT="sleep sleep_mem yield handoff spawn await chain timers net"
SCENARIOS=$DEFAULT
CONTENDERS="jawait jawait25 jawaitSerial vt vt1 cf kotlin kotlinDefault node asyncio floor floor25"
NET_CONTENDERS="netty jawait jawaitGroup nettyEpoll nio vt node asyncio"
PG_CONTENDERS="jawait jawaitThreads vertx jdbcVirtual jdbcHikari"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=--quick; RUNS=1 ;;
    --runs) RUNS="$2"; shift ;;
    --scenarios) SCENARIOS="$2"; shift ;;
    --contenders) CONTENDERS="$2"; shift ;;
    --net-contenders) NET_CONTENDERS="$2"; shift ;;
    --pg-contenders) PG_CONTENDERS="$2"; shift ;;
    --no-build) BUILD= ;;
    -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
SCENARIOS=$(echo " $SCENARIOS " | sed "s/ all / default files pg /; s/ default / $DEFAULT /" | xargs)

JAVA17=${JAVA17:-java}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA25="$JDK25/bin/java"
AGENT=agent/target/jawait-agent-0.1.0-SNAPSHOT.jar
JAR=benchmarks/target/jawait-benchmarks.jar
MACRO=io.github.jawait.benchmarks.macro.Macro
NETBENCH=io.github.jawait.benchmarks.net.NetBench
ECHO=io.github.jawait.benchmarks.net.EchoServer
FILEREADS=io.github.jawait.benchmarks.macro.FileReads
PGBENCH=io.github.jawait.benchmarks.postgres.PgBench

if [ -n "$BUILD" ]; then
  echo "== building (mvn -B -q verify -DskipTests)" >&2
  mvn -B -q verify -DskipTests >&2
fi
if [ ! -x "$JAVA25" ]; then
  echo "JDK 25 not found at $JDK25: skipping jawait25, vt, vt1" >&2
  CONTENDERS=$(echo "$CONTENDERS" | tr ' ' '\n' | grep -vx 'jawait25\|vt\|vt1\|floor25' | tr '\n' ' ')
  PG_CONTENDERS=$(echo "$PG_CONTENDERS" | tr ' ' '\n' | grep -vx 'jdbcVirtual' | tr '\n' ' ')
  echo "   and the net scenario (its load client runs on virtual threads)" >&2
  SCENARIOS=$(echo "$SCENARIOS" | tr ' ' '\n' | grep -vx net | tr '\n' ' ')
fi
if ! command -v node >/dev/null; then
  echo "node not found: skipping the node contenders" >&2
  NET_CONTENDERS=$(echo "$NET_CONTENDERS" | tr ' ' '\n' | grep -vx node | tr '\n' ' ')
  CONTENDERS=$(echo "$CONTENDERS" | tr ' ' '\n' | grep -vx node | tr '\n' ' ')
fi

command_for() { # contender scenario -> the command line of one process
  case "$1" in
    jawait)   echo "$JAVA17 -javaagent:$AGENT -cp $JAR $MACRO jawait $2 $QUICK" ;;
    jawait25) echo "$JAVA25 -javaagent:$AGENT -cp $JAR $MACRO jawait $2 $QUICK" ;;
    jawaitSerial) echo "$JAVA17 -XX:+UseSerialGC -javaagent:$AGENT -cp $JAR $MACRO jawait $2 $QUICK" ;;
    vt)       echo "$JAVA25 -cp $JAR $MACRO vt $2 $QUICK" ;;
    vt1)      echo "$JAVA25 -Djdk.virtualThreadScheduler.parallelism=1 -cp $JAR $MACRO vt $2 $QUICK" ;;
    cf)       echo "$JAVA17 -cp $JAR $MACRO cf $2 $QUICK" ;;
    kotlin)   echo "$JAVA17 -cp $JAR $MACRO kotlin $2 $QUICK" ;;
    kotlinDefault) echo "$JAVA17 -cp $JAR $MACRO kotlinDefault $2 $QUICK" ;;
    node)     echo "node --expose-gc benchmarks/node/bench.js $2 $QUICK" ;;
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
    jawaitGroup) echo "$JAVA17 -javaagent:$AGENT -cp $JAR $ECHO jawait-group" ;;
    vt)         echo "$JAVA25 -cp $JAR $ECHO vt" ;;
    node)       echo "node --expose-gc benchmarks/node/echo_server.js" ;;
    asyncio)    echo "python3 benchmarks/python/echo_server.py" ;;
    *) echo "unknown net contender $1" >&2; exit 2 ;;
  esac
}

files_command_for() { # files contender (the JDK of the FileReads process) -> its command line
  case "$1" in
    jawait)   echo "$JAVA17 -javaagent:$AGENT -cp $JAR $FILEREADS $QUICK" ;;
    jawait25) echo "$JAVA25 -javaagent:$AGENT -cp $JAR $FILEREADS $QUICK" ;;
  esac
}

pg_command_for() { # pg contender -> its command line against the server at $PG_URL
  case "$1" in
    jawait)      echo "$JAVA17 -javaagent:$AGENT -cp $JAR $PGBENCH jawait $PG_URL $QUICK" ;;
    jawaitThreads) echo "$JAVA17 -Djawait.postgres.vertx=threads -javaagent:$AGENT -cp $JAR $PGBENCH jawait $PG_URL $QUICK" ;;
    vertx)       echo "$JAVA17 -cp $JAR $PGBENCH vertx $PG_URL $QUICK" ;;
    jdbcVirtual) echo "$JAVA25 -cp $JAR $PGBENCH jdbcVirtual $PG_URL $QUICK" ;;
    jdbcHikari)  echo "$JAVA17 -cp $JAR $PGBENCH jdbcHikari $PG_URL $QUICK" ;;
    *) echo "unknown pg contender $1" >&2; exit 2 ;;
  esac
}

WORK=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null || true; rm -rf "$WORK"' EXIT
PG_URL=
if echo " $SCENARIOS " | grep -q ' pg '; then
  # one embedded PostgreSQL for the whole run; it stops when fd 3 (its stdin) closes
  mkfifo "$WORK/server.in"
  "$JAVA17" -cp "$JAR" "$PGBENCH" server < "$WORK/server.in" > "$WORK/url" 2>"$WORK/server.err" &
  PG_SERVER=$!
  exec 3> "$WORK/server.in"
  for _ in $(seq 1 240); do
    [ -s "$WORK/url" ] && break
    kill -0 "$PG_SERVER" 2>/dev/null || { cat "$WORK/server.err" >&2; exit 1; }
    sleep 0.5
  done
  PG_URL=$(head -1 "$WORK/url")
  [ -n "$PG_URL" ] || { echo "embedded PostgreSQL did not start; see $WORK/server.err" >&2; cat "$WORK/server.err" >&2; exit 1; }
  echo "== PostgreSQL: $PG_URL" >&2
fi

mkdir -p benchmarks/target/results
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=benchmarks/target/results/$STAMP.tsv
printf 'contender\trun\tmetric\tvalue\n' > "$OUT"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB" >&2
for run in $(seq 1 "$RUNS"); do
  for scenario in $SCENARIOS; do
    contenders=$CONTENDERS
    prefix=   # pg's metrics get a prefix of their own (PgBench also serves benchmarks/pg.sh)
    case "$scenario" in
      net) contenders=$NET_CONTENDERS ;;
      files) contenders=$( [ -x "$JAVA25" ] && echo "jawait jawait25" || echo jawait ) ;;
      pg) contenders=$PG_CONTENDERS; prefix=pg. ;;
    esac
    for c in $contenders; do  # contenders interleaved, so that noise hits them alike
      if [ "$scenario" = timers ] && [ "${c#vt}" != "$c" ]; then
        continue # virtual threads have no cancellable timer handle of their own
      fi
      if [ "${c#floor}" != "$c" ] && [ "${scenario#sleep}" = "$scenario" ]; then
        continue # the hand-written floor exists for the sleep scenarios only
      fi
      if [ "$scenario" = spawn ] && [ "$c" = node ]; then
        continue # Node has no tasks: an async function starts when called (the await scenario's call row)
      fi
      case "$scenario" in
        net) cmd="$JAVA25 -cp $JAR $NETBENCH $QUICK -- $(server_for "$c")" ;; # the load client starts the server
        files) cmd=$(files_command_for "$c") ;;
        pg) cmd=$(pg_command_for "$c") ;;
        *) cmd=$(command_for "$c" "$scenario") ;;
      esac
      echo "-- run $run/$RUNS $scenario $c: $cmd" >&2
      if ! lines=$(timeout 600 $cmd 2>>"$OUT.stderr" | grep '^RESULT'); then
        echo "   (no result; see $OUT.stderr)" >&2
        continue
      fi
      echo "$lines" | awk -v c="$c" -v r="$run" -v p="$prefix" -F'\t' '{print c "\t" r "\t" p $2 "\t" $3}' >> "$OUT"
    done
  done
done
if [ -n "$PG_URL" ]; then
  exec 3>&-   # stops the embedded server
  wait "$PG_SERVER" || true
fi
python3 benchmarks/summarize.py "$OUT" | tee "${OUT%.tsv}.md"
if [ -n "$QUICK" ]; then
  echo "(--quick smoke run: one run of a tenth of the work, e.g. 100k sleepers, 30k echo requests, a fifth for pg," \
       "1,000 idle connections, little warm-up; the targets are for the full run)" | tee -a "${OUT%.tsv}.md"
fi
echo "raw results: $OUT" >&2
