#!/usr/bin/env bash
# What `npm start` needs from the machine, found before anything starts:
#   node and npm (any version: scripts/provision.sh fetches Node 24), curl, a Java runtime, Maven (until the broker's
#   jars are resolved into infra/kafka/lib), and PostgreSQL and Redis unless something already answers on their port.
#   prerequisites.sh          on Debian/Ubuntu as root: apt-get installs what is missing; otherwise prints the exact
#                             commands and exits 1
#   prerequisites.sh --check  only reports: prints what is missing (one "missing: what package" line each), exit 1 if any
# POSTGRES_PORT / REDIS_PORT (5432 / 6379) say where a running server would answer.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

has() { command -v "$1" >/dev/null 2>&1; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# One "what debian-package brew-formula" line per missing prerequisite.
missing() {
  has node && has npm || echo "node nodejs+npm node"
  has curl || echo "curl curl curl"
  has java || echo "java default-jre-headless openjdk"
  if ! { [ -f "$root/infra/kafka/lib/.complete" ] && [ "$root/infra/kafka/lib/.complete" -nt "$root/infra/kafka/pom.xml" ]; }; then
    has mvn || echo "maven maven maven"
  fi
  if ! answers "${POSTGRES_PORT:-5432}"; then
    has pg_ctlcluster || has pg_ctl || echo "postgresql postgresql postgresql@16"
  fi
  if ! answers "${REDIS_PORT:-6379}"; then
    has redis-server || echo "redis redis-server redis"
  fi
}

list=$(missing)
[ -z "$list" ] && exit 0
debs=$(awk '{ gsub(/\+/, " ", $2); printf "%s ", $2 }' <<<"$list" | sed 's/ $//')
brews=$(awk '{ printf "%s ", $3 }' <<<"$list" | sed 's/ $//')
while read -r what deb _; do echo "prerequisites: missing: $what (${deb//+/ })"; done <<<"$list"
[ "${1:-}" = --check ] && exit 1

if [ "$(id -u)" = 0 ] && has apt-get; then
  echo "prerequisites: installing with apt-get: $debs"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q $debs || { echo "prerequisites: apt-get failed" >&2; exit 1; }
  exit 0
fi
{
  echo "prerequisites: install them, then run npm start again:"
  if has apt-get; then echo "  sudo apt-get update && sudo apt-get install -y $debs"
  elif [ "$(uname -s)" = Darwin ]; then echo "  brew install $brews"
  else echo "  with your system's package manager: $debs"
  fi
} >&2
exit 1
