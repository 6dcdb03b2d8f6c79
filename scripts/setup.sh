#!/bin/sh
# One-step set-up on a fresh machine: dependencies (with a supported Node.js when the
# system one is too old) and, where we may install system packages, Debian's chromium
# for the browser tests. Safe to run again: it only does what is missing.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

sh scripts/node.sh -e 'console.log("setup: node " + process.version + " at " + process.execPath)'

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the browser tests"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; browser tests will be skipped (install Debian's chromium package to run them)"
  fi
fi
