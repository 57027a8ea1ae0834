#!/usr/bin/env bash
# One idempotent command: provisions Node 24 and dependencies, builds, starts Kafka (and PostgreSQL/Redis if they
# are not answering), creates and migrates each service's database, seeds the demo council, starts an SMTP sink
# with a web inbox (scripts/mail-sink.mjs) and every service. Stop with infra/local/down.sh (npm run stop).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# Fails early with the exact install commands (or installs them through apt when run as root).
bash infra/local/prerequisites.sh
source scripts/provision.sh
source scripts/services.sh
run=$root/.run
mkdir -p "$run/pids" "$run/logs"

npm run --silent build
bash infra/kafka/kafka.sh provision
start_infra "$run/started-by-local"

set -a; source infra/local/local.env; set +a
db() { echo "$POSTGRES_URL/safeguard_${1//-/_}"; }

# A packaged PostgreSQL asks for a password over TCP and its postgres role has none: as root, give it PGPASSWORD
# through the local socket (peer authentication); otherwise print the command.
login=0; node infra/local/pg-login.mjs || login=$?
if [ $login -ne 0 ]; then
  [ $login -eq 2 ] || exit 1
  set_password="ALTER ROLE postgres PASSWORD '${PGPASSWORD//\'/\'\'}'"
  if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null && [ "${POSTGRES_URL}" = postgres://postgres@127.0.0.1:5432 ]; then
    echo "local: setting the postgres role's password to PGPASSWORD (infra/local/local.env)"
    (cd / && runuser -u postgres -- psql -q -c "$set_password") && node infra/local/pg-login.mjs || exit 1
  else
    echo "local: give PostgreSQL's postgres role the password in PGPASSWORD, or set POSTGRES_URL/PGPASSWORD to an account" >&2
    echo "       that may create databases (infra/local/local.env), e.g.: sudo -u postgres psql -c \"ALTER ROLE postgres PASSWORD '<PGPASSWORD>'\"" >&2
    exit 1
  fi
fi

alive() { [ -f "$run/pids/$1.pid" ] && kill -0 "$(cat "$run/pids/$1.pid")" 2>/dev/null; }
start() { # name, command... (only the web keeps the service-token signing key)
  local name=$1; shift
  if alive "$name"; then echo "local: $name already running"; return; fi
  if [ "$name" = web ]; then nohup "$@" > "$run/logs/$name.log" 2>&1 &
  else nohup env -u SERVICE_TOKEN_SIGNING_KEY "$@" > "$run/logs/$name.log" 2>&1 &
  fi
  echo $! > "$run/pids/$name.pid"
}

start mail-sink node scripts/mail-sink.mjs

# Databases are created and migrated by the seeds (and by each service at start, under an advisory lock).
DATABASE_URL=$(db intake) node services/intake/dist/seed.js
DATABASE_URL=$(db notifier) node services/notifier/dist/seed.js
DATABASE_URL=$(db web) node services/web/dist/seed.js

DATABASE_URL=$(db intake) PORT=3001 start intake node services/intake/dist/main.js
DATABASE_URL=$(db risk) PORT=3002 start risk-scoring node services/risk-scoring/dist/main.js
DATABASE_URL=$(db episodes) PORT=3003 start episode-tracker node services/episode-tracker/dist/main.js
DATABASE_URL=$(db notifier) PORT=3004 start notifier node services/notifier/dist/main.js
DATABASE_URL=$(db web) PORT=3000 INTAKE_URL=http://127.0.0.1:3001 TRACKER_URL=http://127.0.0.1:3003 COOKIE_SECURE=false \
  start web node services/web/dist/main.js

for port in 1080 3001 3002 3003 3004 3000; do
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/$([ $port = 1080 ] && echo email || echo health/ready)" >/dev/null && break; sleep 0.5; done
  curl -fs "http://127.0.0.1:$port/$([ $port = 1080 ] && echo email || echo health/ready)" >/dev/null || { echo "local: service on :$port is not ready; see .run/logs/" >&2; exit 1; }
done
INTAKE_DATABASE_URL=$(db intake) TRACKER_DATABASE_URL=$(db episodes) node scripts/seed-history.mjs
cat <<MSG
local: up.
  web            http://127.0.0.1:3000           (demo accounts: care.oak, duty.oak, oncall, manager, police;
                                                  password safeguard-demo-2026; "manager" sees figures and
                                                  patterns, with last year's synthetic history)
  intake API     http://127.0.0.1:3001/api/v1   (risk 3002, episodes 3003, notifier 3004)
  mail inbox     http://127.0.0.1:1080           (SMTP 127.0.0.1:1025)
  kafka          127.0.0.1:9092                  logs: .run/logs/, .run/kafka/logs/
Report a demo absence:  bash infra/local/demo-report.sh
Stop everything:        npm run stop
MSG
