# Source me: makes sure PostgreSQL and Redis answer (starting them with this machine's commands if not) and starts
# the Kafka broker. `start_infra FILE` appends what it started to FILE, so `stop_infra FILE` stops exactly that
# (the local stack and a test run keep separate records).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$root/.run"

# The probes use the client tools when installed and a bare TCP connection otherwise (a server in a container).
pg_answers() {
  if command -v pg_isready >/dev/null; then pg_isready -h 127.0.0.1 -p 5432 -q; else (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; fi
}
redis_answers() {
  if command -v redis-cli >/dev/null; then redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; else (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; fi
}
# Debian's packaged cluster ("16 main", the newest version installed), or nothing where pg_ctlcluster is absent.
pg_cluster() {
  command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] || return 0
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  [ -n "$version" ] && [ -d "/etc/postgresql/$version/main" ] && echo "$version main"
}

start_infra() {
  local record=$1; touch "$record"
  if ! pg_answers; then
    if [ -n "$(pg_cluster)" ]; then
      echo "infra: starting PostgreSQL (cluster $(pg_cluster))"
      pg_ctlcluster --skip-systemctl-redirect $(pg_cluster) start && echo postgres >> "$record"
      for _ in $(seq 1 30); do pg_answers && break; sleep 1; done
    else
      echo "infra: PostgreSQL is not running; start it (e.g. sudo systemctl start postgresql, brew services start postgresql@16)" >&2
    fi
  fi
  pg_answers || { echo "infra: PostgreSQL does not answer on 127.0.0.1:5432" >&2; return 1; }
  if ! redis_answers; then
    # A package's Redis keeps its files in /var/lib/redis, writable by root or the redis user only: otherwise .run/redis.
    local dir=/var/lib/redis
    [ -d "$dir" ] && [ -w "$dir" ] || dir=$root/.run/redis
    mkdir -p "$dir"
    echo "infra: starting Redis (files in $dir)"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir "$dir" \
      --logfile "$dir/redis-local.log" && echo redis >> "$record"
    for _ in $(seq 1 30); do redis_answers && break; sleep 0.5; done
  fi
  redis_answers || { echo "infra: Redis does not answer on 127.0.0.1:6379" >&2; return 1; }
  if ! bash "$root/infra/kafka/kafka.sh" status >/dev/null 2>&1; then
    bash "$root/infra/kafka/kafka.sh" start || return 1
    echo kafka >> "$record"
  fi
  node "$root/scripts/create-topics.mjs"
}

stop_infra() {
  local record=$1
  [ -f "$record" ] || return 0
  grep -q '^kafka$' "$record" && bash "$root/infra/kafka/kafka.sh" stop
  grep -q '^redis$' "$record" && redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1
  grep -q '^postgres$' "$record" && [ -n "$(pg_cluster)" ] && pg_ctlcluster --skip-systemctl-redirect $(pg_cluster) stop
  rm -f "$record"
}
