#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft) from Maven Central jars, no Docker.
#   kafka.sh provision | start | stop | status
# State (data, logs, pid) lives in $KAFKA_HOME_DIR (default .run/kafka under the repo).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${KAFKA_HOME_DIR:-$root/.run/kafka}
lib=$here/lib
pidfile=$state/kafka.pid
brokers=${KAFKA_BROKERS:-127.0.0.1:9092}

provision() {
  if [ -f "$lib/.complete" ] && [ "$lib/.complete" -nt "$here/pom.xml" ]; then return; fi
  echo "kafka: resolving broker jars from Maven Central (reuses ~/.m2)"
  rm -rf "$lib"
  mvn -q -B -f "$here/pom.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$lib"
  touch "$lib/.complete"
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

fail() {
  echo "kafka: $1" >&2
  echo "---- last 60 lines of $state/logs/server.log ----" >&2
  tail -n 60 "$state/logs/server.log" 2>/dev/null >&2 || true
  echo "---- last 30 lines of $state/logs/stdout.log ----" >&2
  tail -n 30 "$state/logs/stdout.log" 2>/dev/null >&2 || true
  exit 1
}

start() {
  provision
  if running; then echo "kafka: already running (pid $(cat "$pidfile"))"; return; fi
  mkdir -p "$state/logs" "$state/data"
  # server.properties with this checkout's paths; the rest is the committed file.
  sed "s#^log.dirs=.*##" "$here/server.properties" > "$state/server.properties"
  echo "log.dirs=$state/data" >> "$state/server.properties"
  if [ ! -f "$state/data/meta.properties" ]; then
    local id
    id=$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid)
    java -cp "$lib/*" kafka.tools.StorageTool format -t "$id" -c "$state/server.properties" --ignore-formatted \
      > "$state/logs/format.log" 2>&1 || { cat "$state/logs/format.log" >&2; fail "storage format failed"; }
  fi
  nohup java -Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$state/logs" \
    -cp "$lib/*" kafka.Kafka "$state/server.properties" > "$state/logs/stdout.log" 2>&1 &
  echo $! > "$pidfile"
  # Ready means an admin client's describeCluster answers, not an open port.
  if ! node "$root/scripts/kafka-ready.mjs" "$brokers" 90; then
    running || fail "broker process exited during start"
    fail "broker did not answer describeCluster within 90 s"
  fi
  echo "kafka: ready on $brokers (pid $(cat "$pidfile"))"
}

stop() {
  if ! running; then rm -f "$pidfile"; echo "kafka: not running"; return; fi
  local pid; pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { echo "kafka: still up after 30 s, killing"; kill -9 "$pid"; }
  rm -f "$pidfile"
  echo "kafka: stopped"
}

case "${1:-}" in
  provision) provision ;;
  start) start ;;
  stop) stop ;;
  status) running && echo "running (pid $(cat "$pidfile"))" || { echo "stopped"; exit 1; } ;;
  logs) tail -n "${2:-100}" "$state/logs/server.log" ;;
  *) echo "usage: $0 provision|start|stop|status|logs" >&2; exit 2 ;;
esac
