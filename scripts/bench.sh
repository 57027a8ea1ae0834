#!/usr/bin/env bash
# npm run bench: builds, starts what the measurement needs (Kafka; PostgreSQL/Redis if down), runs scripts/bench.mjs
# against a fresh isolated stack of real service processes, and stops what it started.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/provision.sh || exit 1
source scripts/services.sh
mkdir -p .run
trap 'stop_infra .run/started-by-bench' EXIT
npm run --silent build || exit 1
start_infra .run/started-by-bench || exit 1
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379} KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
node scripts/bench.mjs
