#!/usr/bin/env bash
# npm run chaos: builds, starts what it needs (Kafka; PostgreSQL/Redis if down), runs scripts/chaos.mjs, stops what it started.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/provision.sh || exit 1
source scripts/services.sh
mkdir -p .run
trap 'stop_infra .run/started-by-chaos' EXIT
npm run --silent build || exit 1
start_infra .run/started-by-chaos || exit 1
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379} KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
node scripts/chaos.mjs
