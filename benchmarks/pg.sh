#!/usr/bin/env bash
# Issue 12: PostgreSQL clients side by side on one embedded server: jawait-postgres (JDK 17, with
# the agent), raw Vert.x (JDK 17), pgjdbc on virtual threads (JDK 25), pgjdbc on HikariCP with
# platform threads (JDK 17). This is benchmarks/run.sh's scenario pg alone (the server starts
# and stops with the run; each contender in its own process, interleaved within a run); it
# prints the medians over runs, ratios against raw Vert.x.
#
#   benchmarks/pg.sh                    # 3 runs (a few minutes)
#   benchmarks/pg.sh --quick            # smoke run: 1 run, a fifth of the work
#   benchmarks/pg.sh --runs 5 --contenders "jawait vertx" --no-build
set -euo pipefail
cd "$(dirname "$0")/.."

ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --contenders) ARGS+=(--pg-contenders "$2"); shift ;;
    --runs) ARGS+=(--runs "$2"); shift ;;
    --quick|--no-build) ARGS+=("$1") ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
exec benchmarks/run.sh --scenarios pg "${ARGS[@]}"
