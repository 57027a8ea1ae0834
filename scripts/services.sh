# Source me: makes sure PostgreSQL and Redis answer (starting them with this machine's commands if not) and starts
# the Kafka broker. `start_infra FILE` appends what it started to FILE, so `stop_infra FILE` stops exactly that
# (the local stack and a test run keep separate records).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$root/.run"

start_infra() {
  local record=$1; touch "$record"
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    echo "infra: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start && echo postgres >> "$record"
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
  pg_isready -h 127.0.0.1 -p 5432 -q || { echo "infra: PostgreSQL does not answer on 127.0.0.1:5432" >&2; return 1; }
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    echo "infra: starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis \
      --logfile /var/log/redis/ci.log && echo redis >> "$record"
    for _ in $(seq 1 30); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { echo "infra: Redis does not answer on 127.0.0.1:6379" >&2; return 1; }
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
  grep -q '^postgres$' "$record" && pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main stop
  rm -f "$record"
}
