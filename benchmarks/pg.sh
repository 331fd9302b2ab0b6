#!/usr/bin/env bash
# Issue 12: PostgreSQL clients side by side on one embedded server (started here, stopped at the
# end): jawait-postgres (JDK 17, with the agent), raw Vert.x (JDK 17), pgjdbc on virtual threads
# (JDK 25), pgjdbc on HikariCP with platform threads (JDK 17); jawaitThreads is jawait-postgres
# with Vert.x on its own threads (-Djawait.postgres.vertx=threads). Each contender runs in its own
# process, interleaved within a run; prints the medians over runs, ratios against raw Vert.x.
#
#   benchmarks/pg.sh                    # 3 runs (a few minutes)
#   benchmarks/pg.sh --quick            # smoke run: 1 run, a fifth of the work
#   benchmarks/pg.sh --runs 5 --contenders "jawait jawaitThreads vertx" --no-build
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=3
QUICK=
BUILD=1
CONTENDERS="jawait jawaitThreads vertx jdbcVirtual jdbcHikari"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=--quick; RUNS=1 ;;
    --runs) RUNS="$2"; shift ;;
    --contenders) CONTENDERS="$2"; shift ;;
    --no-build) BUILD= ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

JAVA17=${JAVA17:-java}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
AGENT=agent/target/jawait-agent-0.1.0-SNAPSHOT.jar
JAR=benchmarks/target/jawait-benchmarks.jar
MAIN=io.github.jawait.benchmarks.postgres.PgBench

if [ -n "$BUILD" ]; then
  echo "== building (mvn -B -q package -DskipTests -pl benchmarks -am)" >&2
  mvn -B -q package -DskipTests -pl benchmarks -am >&2
fi

WORK=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkfifo "$WORK/server.in"
"$JAVA17" -cp "$JAR" "$MAIN" server < "$WORK/server.in" > "$WORK/url" 2>"$WORK/server.err" &
SERVER=$!
exec 3> "$WORK/server.in"   # the server runs until this closes
for _ in $(seq 1 120); do
  [ -s "$WORK/url" ] && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/server.err" >&2; exit 1; }
  sleep 0.5
done
URL=$(head -1 "$WORK/url")
echo "== server: $URL" >&2

command_for() {
  case "$1" in
    jawait) echo "$JAVA17 -javaagent:$AGENT -cp $JAR $MAIN jawait $URL $QUICK" ;;
    jawaitThreads) echo "$JAVA17 -Djawait.postgres.vertx=threads -javaagent:$AGENT -cp $JAR $MAIN jawait $URL $QUICK" ;;
    vertx) echo "$JAVA17 -cp $JAR $MAIN vertx $URL $QUICK" ;;
    jdbcVirtual) echo "$JDK25/bin/java -cp $JAR $MAIN jdbcVirtual $URL $QUICK" ;;
    jdbcHikari) echo "$JAVA17 -cp $JAR $MAIN jdbcHikari $URL $QUICK" ;;
    *) echo "unknown contender $1" >&2; exit 2 ;;
  esac
}

mkdir -p benchmarks/target/results
OUT=benchmarks/target/results/pg-$(date -u +%Y%m%dT%H%M%SZ).tsv
printf 'contender\trun\tmetric\tvalue\n' > "$OUT"
for run in $(seq 1 "$RUNS"); do
  for c in $CONTENDERS; do
    cmd=$(command_for "$c")
    echo "-- run $run/$RUNS $c: $cmd" >&2
    $cmd 2>>"$OUT.stderr" | grep '^RESULT' | while IFS=$'\t' read -r _ metric value; do
      printf '%s\t%s\t%s\t%s\n' "$c" "$run" "$metric" "$value" >> "$OUT"
    done
  done
done
exec 3>&-
wait "$SERVER" || true

python3 - "$OUT" $CONTENDERS <<'PY'
import sys, statistics, collections
path, contenders = sys.argv[1], sys.argv[2:]
vals = collections.defaultdict(list)
for line in open(path).read().splitlines()[1:]:
    c, run, metric, value = line.split('\t')
    vals[(c, metric)].append(float(value))
metrics = [("select.per_s", "prepared single-row selects, 10 connections (queries/s)"),
           ("select.cpu_us", "client CPU per select (µs)"),
           ("insert.per_s", "executeMany / batch insert, 1 connection (rows/s)"),
           ("insert.cpu_us", "client CPU per inserted row (µs)"),
           ("handoff.per_s", "round trips to Vert.x's event loop and back (/s)"),
           ("handoff.cpu_us", "client CPU per round trip (µs)")]
names = {"jawait": "jawait-postgres, Vert.x on the loop thread (JDK 17)",
         "jawaitThreads": "jawait-postgres, Vert.x threads (JDK 17)", "vertx": "raw Vert.x (JDK 17)",
         "jdbcVirtual": "pgjdbc, virtual threads (JDK 25)", "jdbcHikari": "pgjdbc + HikariCP, platform threads (JDK 17)"}
print("| metric | " + " | ".join(names.get(c, c) for c in contenders) + " |")
print("|---" * (len(contenders) + 1) + "|")
for m, label in metrics:
    base = vals.get(("vertx", m))
    cells = []
    for c in contenders:
        v = vals.get((c, m))
        if not v:
            cells.append("—")
            continue
        med = statistics.median(v)
        cell = f"{med:,.0f}" if med >= 100 else f"{med:.2f}"
        if base and c != "vertx":
            cell += f" (×{med / statistics.median(base):.2f})"
        cells.append(cell)
    print(f"| {label} | " + " | ".join(cells) + " |")
print(f"\n(medians of the runs in {path}; ×: ratio to raw Vert.x)")
PY
