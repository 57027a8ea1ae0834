#!/usr/bin/env bash
# Stops exactly what infra/local/up.sh started: the services, the SMTP sink, Kafka, and PostgreSQL/Redis only if
# up.sh had to start them.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source scripts/provision.sh >/dev/null
source scripts/services.sh
for f in .run/pids/*.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f"); name=$(basename "$f" .pid)
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "local: stopped $name"
  fi
  rm -f "$f"
done
stop_infra .run/started-by-local
