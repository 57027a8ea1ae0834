#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft) from Maven Central jars, no Docker.
#   kafka.sh provision | start | stop | status
# State (data, logs, pid) lives in $KAFKA_HOME_DIR (default .run/kafka under the repo).
# A second broker from the same jars that takes only SASL_SSL (SCRAM over TLS), for the transport security test and
# for trying a secured setup locally (docs/security.md, "Transport"):
#   kafka.sh start-secure | stop-secure | status-secure | secure-configs KAFKA-CONFIGS-ARGS
# on 127.0.0.1:$KAFKA_SECURE_PORT (9094; controller on the next port), state in $KAFKA_SECURE_HOME_DIR
# (.run/kafka-secure). Its CA, certificate and SCRAM passwords are made on this machine at first start; the client
# settings are written to .run/kafka-secure/client.env (`set -a; . .run/kafka-secure/client.env; set +a`).
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
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
# Waits up to 90 s for describeCluster to answer (scripts/kafka-ready.mjs), giving up as soon as the broker exits.
ready() { # pidfile, brokers
  for _ in $(seq 1 18); do
    node "$root/scripts/kafka-ready.mjs" "$2" 5 && return 0
    alive "$1" || return 1
  done
  return 1
}

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
  if ! (unset KAFKA_SSL KAFKA_SASL_MECHANISM; ready "$pidfile" "$brokers"); then
    running || fail "broker process exited during start"
    fail "broker did not answer describeCluster within 90 s"
  fi
  echo "kafka: ready on $brokers (pid $(cat "$pidfile"))"
}

stop() { stop_pid "$pidfile" kafka; }

stop_pid() { # pidfile, label
  if ! alive "$1"; then rm -f "$1"; echo "$2: not running"; return; fi
  local pid; pid=$(cat "$1")
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { echo "$2: still up after 30 s, killing"; kill -9 "$pid"; }
  rm -f "$1"
  echo "$2: stopped"
}

secure_state=${KAFKA_SECURE_HOME_DIR:-$root/.run/kafka-secure}
secure_port=${KAFKA_SECURE_PORT:-9094}
secure_controller_port=${KAFKA_SECURE_CONTROLLER_PORT:-$((secure_port + 1))}
secure_pidfile=$secure_state/kafka.pid

# A private CA and the broker's certificate (ECDSA P-256, for 127.0.0.1 and localhost, also its client certificate
# towards the controller). Made with openssl; each is renewed at start when it has less than a day left.
secure_tls() {
  local tls=$secure_state/tls
  mkdir -p "$tls"; chmod 700 "$secure_state" "$tls"
  if [ ! -f "$tls/ca.pem" ] || ! openssl x509 -checkend 86400 -noout -in "$tls/ca.pem" >/dev/null 2>&1; then
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 \
      -subj "/CN=Safeguard local Kafka CA" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
    rm -f "$tls/broker.crt"
  fi
  if [ ! -f "$tls/broker.crt" ] || ! openssl x509 -checkend 86400 -noout -in "$tls/broker.crt" >/dev/null 2>&1; then
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=localhost" \
      -keyout "$tls/broker.key" -out "$tls/broker.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n' \
      > "$tls/broker.ext"
    openssl x509 -req -in "$tls/broker.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 90 \
      -extfile "$tls/broker.ext" -out "$tls/broker.crt" 2>/dev/null
    # Kafka's PEM keystore: the private key (PKCS#8), then the certificate chain.
    cat "$tls/broker.key" "$tls/broker.crt" "$tls/ca.pem" > "$tls/broker-keystore.pem"
  fi
  chmod 600 "$tls"/*.key "$tls/broker-keystore.pem"
}

start_secure() {
  provision
  if alive "$secure_pidfile"; then echo "kafka-secure: already running (pid $(cat "$secure_pidfile"))"; return; fi
  secure_tls
  mkdir -p "$secure_state/logs"
  local env_file=$secure_state/client.env
  # Passwords exist only together with the storage they were formatted into: a missing one means a fresh start.
  if [ ! -f "$secure_state/data/meta.properties" ] || [ ! -f "$env_file" ] || [ ! -f "$secure_state/broker.password" ]; then
    rm -rf "$secure_state/data"
    (umask 077; openssl rand -hex 24 > "$secure_state/broker.password"; echo "KAFKA_SASL_PASSWORD=$(openssl rand -hex 24)" > "$env_file")
  fi
  local broker_password client_password
  broker_password=$(cat "$secure_state/broker.password")
  client_password=$(sed -n 's/^KAFKA_SASL_PASSWORD=//p' "$env_file")
  # Written at every start, so a changed port or state directory is always what clients read.
  (umask 077; cat > "$env_file" <<ENV
KAFKA_BROKERS=127.0.0.1:$secure_port
KAFKA_SSL=true
KAFKA_SSL_CA_FILE=$secure_state/tls/ca.pem
KAFKA_SASL_MECHANISM=scram-sha-512
KAFKA_SASL_USERNAME=safeguard
KAFKA_SASL_PASSWORD=$client_password
ENV
  )
  (umask 077; sed -e "s#@STATE@#$secure_state#g" -e "s#@PORT@#$secure_port#g" \
    -e "s#@CONTROLLER_PORT@#$secure_controller_port#g" -e "s#@BROKER_PASSWORD@#$broker_password#g" \
    "$here/server-secure.properties" > "$secure_state/server.properties")
  if [ ! -f "$secure_state/data/meta.properties" ]; then
    mkdir -p "$secure_state/data"
    local id; id=$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid)
    # SCRAM credentials go into the metadata log at format time: the broker needs its own before it can start.
    java -cp "$lib/*" kafka.tools.StorageTool format -t "$id" -c "$secure_state/server.properties" \
      --add-scram "SCRAM-SHA-512=[name=broker,password=$broker_password]" \
      --add-scram "SCRAM-SHA-512=[name=safeguard,password=$client_password]" \
      --add-scram "SCRAM-SHA-256=[name=safeguard,password=$client_password]" \
      > "$secure_state/logs/format.log" 2>&1 || { cat "$secure_state/logs/format.log" >&2; secure_fail "storage format failed"; }
  fi
  nohup java -Xms128m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$secure_state/logs" \
    -cp "$lib/*" kafka.Kafka "$secure_state/server.properties" > "$secure_state/logs/stdout.log" 2>&1 &
  echo $! > "$secure_pidfile"
  if ! (set -a; . "$env_file"; set +a; ready "$secure_pidfile" "$KAFKA_BROKERS"); then
    alive "$secure_pidfile" || secure_fail "broker process exited during start"
    secure_fail "broker did not answer describeCluster over SASL_SSL within 90 s"
  fi
  echo "kafka-secure: ready on SASL_SSL 127.0.0.1:$secure_port (pid $(cat "$secure_pidfile")); client settings in $env_file"
}

secure_fail() { state=$secure_state; fail "$1"; }

# Kafka's kafka-configs against the secure broker, signed in as the client user (SCRAM users, dynamic TLS settings;
# docs/security.md, "Rotating"). The connection settings go in a file only this user can read, never on the command line.
secure_configs() {
  alive "$secure_pidfile" || { echo "kafka-secure: not running" >&2; exit 1; }
  local env_file=$secure_state/client.env props=$secure_state/admin.properties user password
  user=$(sed -n 's/^KAFKA_SASL_USERNAME=//p' "$env_file")
  password=$(sed -n 's/^KAFKA_SASL_PASSWORD=//p' "$env_file")
  (umask 077; cat > "$props" <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$user" password="$password";
ssl.truststore.type=PEM
ssl.truststore.location=$secure_state/tls/ca.pem
PROPS
  )
  java -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$secure_state/logs" -cp "$lib/*" \
    kafka.admin.ConfigCommand --bootstrap-server "127.0.0.1:$secure_port" --command-config "$props" "$@"
}

case "${1:-}" in
  provision) provision ;;
  start) start ;;
  stop) stop ;;
  status) running && echo "running (pid $(cat "$pidfile"))" || { echo "stopped"; exit 1; } ;;
  logs) tail -n "${2:-100}" "$state/logs/server.log" ;;
  start-secure) start_secure ;;
  stop-secure) stop_pid "$secure_pidfile" kafka-secure ;;
  status-secure) alive "$secure_pidfile" && echo "running (pid $(cat "$secure_pidfile"))" || { echo "stopped"; exit 1; } ;;
  secure-configs) shift; secure_configs "$@" ;;
  *) echo "usage: $0 provision|start|stop|status|logs|start-secure|stop-secure|status-secure|secure-configs ARGS" >&2; exit 2 ;;
esac
