#!/usr/bin/env bash
# A three-node Apache Kafka KRaft cluster on this machine, from the same Maven Central jars as kafka.sh:
#   cluster.sh start | stop | status | kill N | restart N | brokers
# Node N (1-3) listens on 127.0.0.1:$((KAFKA_CLUSTER_BASE_PORT + N)) (9110 + N by default) and its controller on
# the port 100 above. Replication factor 3, min.insync.replicas 2, no unclean leader election (server-cluster.properties).
# `kill N` is kill -9 of one node (a crash, for chaos); `restart N` starts it again on its own data.
# State lives in $KAFKA_CLUSTER_HOME_DIR (.run/kafka-cluster). `brokers` prints the bootstrap list for KAFKA_BROKERS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${KAFKA_CLUSTER_HOME_DIR:-$root/.run/kafka-cluster}
base=${KAFKA_CLUSTER_BASE_PORT:-9110}
lib=$here/lib
nodes=(1 2 3)

port() { echo $((base + $1)); }
controller_port() { echo $((base + 100 + $1)); }
brokers() { local out=(); for n in "${nodes[@]}"; do out+=("127.0.0.1:$(port "$n")"); done; (IFS=,; echo "${out[*]}"); }
pidfile() { echo "$state/node-$1/kafka.pid"; }
alive() { [ -f "$(pidfile "$1")" ] && kill -0 "$(cat "$(pidfile "$1")")" 2>/dev/null; }

configure() { # node: writes its server.properties, formats its storage once with the cluster's id
  local n=$1 dir=$state/node-$1
  mkdir -p "$dir/logs" "$dir/data"
  sed -e "s#@ID@#$n#" -e "s#@PORT@#$(port "$n")#" -e "s#@CONTROLLER_PORT@#$(controller_port "$n")#" -e "s#@STATE@#$dir#" \
    -e "s#@C1@#$(controller_port 1)#" -e "s#@C2@#$(controller_port 2)#" -e "s#@C3@#$(controller_port 3)#" \
    "$here/server-cluster.properties" > "$dir/server.properties"
  if [ ! -f "$dir/data/meta.properties" ]; then
    java -cp "$lib/*" kafka.tools.StorageTool format -t "$(cat "$state/cluster.id")" -c "$dir/server.properties" --ignore-formatted \
      > "$dir/logs/format.log" 2>&1 || { cat "$dir/logs/format.log" >&2; exit 1; }
  fi
}

launch() { # node
  local n=$1 dir=$state/node-$1
  if alive "$n"; then return; fi
  nohup java -Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$dir/logs" \
    -cp "$lib/*" kafka.Kafka "$dir/server.properties" > "$dir/logs/stdout.log" 2>&1 &
  echo $! > "$(pidfile "$n")"
}

# Ready: every node answers, and describeCluster lists all three (the quorum formed and each broker registered).
wait_for() { # expected broker count, seconds
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    if node "$root/scripts/kafka-ready.mjs" "$(brokers)" 5 2>/dev/null | grep -q "($1 broker"; then return 0; fi
    sleep 1
  done
  echo "kafka-cluster: fewer than $1 brokers registered after $2 s; see $state/node-*/logs/server.log" >&2
  return 1
}

start() {
  bash "$here/kafka.sh" provision
  mkdir -p "$state"
  [ -f "$state/cluster.id" ] || java -cp "$lib/*" kafka.tools.StorageTool random-uuid > "$state/cluster.id"
  for n in "${nodes[@]}"; do configure "$n"; done
  for n in "${nodes[@]}"; do launch "$n"; done
  wait_for 3 120
  echo "kafka-cluster: ready on $(brokers)"
}

stop() {
  for n in "${nodes[@]}"; do
    alive "$n" || { rm -f "$(pidfile "$n")"; continue; }
    local pid; pid=$(cat "$(pidfile "$n")"); kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$(pidfile "$n")"
  done
  echo "kafka-cluster: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) for n in "${nodes[@]}"; do alive "$n" && echo "node $n: running on $(port "$n") (pid $(cat "$(pidfile "$n")"))" || echo "node $n: stopped"; done ;;
  kill) alive "$2" && kill -9 "$(cat "$(pidfile "$2")")" && rm -f "$(pidfile "$2")" && echo "kafka-cluster: node $2 killed" ;;
  restart) launch "$2"; wait_for 3 120; echo "kafka-cluster: node $2 back" ;;
  brokers) brokers ;;
  *) echo "usage: $0 start|stop|status|kill N|restart N|brokers" >&2; exit 2 ;;
esac
