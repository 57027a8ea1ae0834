#!/usr/bin/env bash
# Runs every test (unit, integration, end-to-end) against real PostgreSQL, Redis, Kafka and SMTP, starting what is
# missing and stopping what it started. Ends with one line: "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/provision.sh || exit 1
source scripts/services.sh
mkdir -p .run
checks=
trap '[ -n "$checks" ] && kill "$checks" 2>/dev/null; stop_infra .run/started-by-tests' EXIT

echo "== build, boundaries, schema drift (lint and typecheck alongside); Nx skips what it has cached"
NX_DAEMON=false npx nx run-many -t build --outputStyle=static || { echo "0 passed, 1 failed"; exit 1; }
node scripts/check-boundaries.mjs || { echo "0 passed, 1 failed"; exit 1; }
# ESLint and tsc over the tests need only the build: they run while the infrastructure starts (mostly waiting).
# The scripts (bench, chaos, soak, tools) are not an Nx project, so ESLint reads them on its own.
(NX_DAEMON=false npx nx run-many -t lint typecheck --outputStyle=static && npx eslint scripts infra) > .run/lint-typecheck.log 2>&1 &
checks=$!
start_infra .run/started-by-tests || { echo "0 passed, 1 failed"; exit 1; }
drift=0
for s in intake risk-scoring episode-tracker notifier web; do
  out=$(node scripts/schema-drift.mjs "$s" 2>&1) || { echo "schema drift in $s (entities differ from migrations):"; echo "$out"; drift=1; }
done
[ $drift -eq 0 ] || { echo "0 passed, 1 failed"; exit 1; }
wait "$checks"; lint_status=$?; checks=
if [ $lint_status -ne 0 ]; then
  echo "== lint or typecheck failed (npm run lint, npm run typecheck):"; grep -v '^$' .run/lint-typecheck.log | tail -n 60
  echo "0 passed, 1 failed"; exit 1
fi
echo "lint and typecheck: $(grep -E 'Successfully ran|Nx read the output' .run/lint-typecheck.log | tr -s ' ' | head -n 2 | paste -sd ';')"

echo "== jest"
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
mkdir -p test-output
# Two workers on two cores: most integration and browser specs wait on Kafka, timers and processes, not the CPU, so a
# second file overlaps them (jest's default here would be one).
NODE_OPTIONS=--experimental-vm-modules npx jest --ci --maxWorkers="${JEST_WORKERS:-2}" --json --outputFile=test-output/jest.json "$@"
status=$?
if [ -f test-output/jest.json ]; then
  node -e 'const r=require(process.argv[1]);const f=r.numFailedTests+(r.numRuntimeErrorTestSuites||0);console.log(`${r.numPassedTests} passed, ${f} failed`)' "$root/test-output/jest.json"
else
  echo "0 passed, 1 failed"
fi
if [ $status -ne 0 ]; then
  echo "== broker log tail (.run/kafka/logs/server.log)"; tail -n 30 .run/kafka/logs/server.log 2>/dev/null
  echo "== service logs: test-output/*/"; for f in test-output/*/*.log; do [ -f "$f" ] && { echo "-- $f"; tail -n 15 "$f"; }; done
fi
exit $status
