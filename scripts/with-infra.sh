#!/usr/bin/env bash
# Runs a command against real infrastructure: provisions Node and dependencies, builds, starts what is missing
# (Kafka; PostgreSQL/Redis if down), exports DATABASE_URL/REDIS_URL/KAFKA_BROKERS, and stops what it started.
#   bash scripts/with-infra.sh <name> <command...>      (npm run bench, npm run chaos)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
name=$1; shift
source scripts/provision.sh || exit 1
source scripts/services.sh
mkdir -p .run
trap "stop_infra .run/started-by-$name" EXIT
npm run --silent build || exit 1
start_infra ".run/started-by-$name" || exit 1
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379} KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:9092}
"$@"
