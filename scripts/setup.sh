#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine with Node 20 and npm only:
#   1. the pinned pnpm, installed locally into .tools/ (no global install, no root needed);
#   2. nats-server, from Debian's packages when missing (needs root and apt-get);
#   3. for the tests (TB_SETUP_BROWSER=1), Chromium from Debian's packages;
#   4. the workspace's dependencies from the committed lockfile.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

say() { printf '[setup] %s\n' "$*" >&2; }

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  say "Node.js 20 or newer is required (found $(node -v))."; exit 1
fi

if [ ! -x "$TOOLS/node_modules/.bin/pnpm" ] || [ "$("$TOOLS/node_modules/.bin/pnpm" --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  say "installing pnpm $PNPM_VERSION into .tools/"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"private":true}' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >&2
fi

if [ -n "${NATS_SERVER_BIN:-}" ]; then
  [ -x "$NATS_SERVER_BIN" ] || { say "NATS_SERVER_BIN=$NATS_SERVER_BIN is not executable."; exit 1; }
elif ! command -v nats-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "installing nats-server from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || true
    apt-get install -y -qq nats-server >&2
  else
    say "nats-server is missing. Install it (Debian: 'sudo apt-get install -y nats-server'),"
    say "or point NATS_SERVER_BIN at a nats-server binary (2.9 or newer), then run this again."
    exit 1
  fi
fi

# 3. Chromium, for the console's browser tests (npm test sets TB_SETUP_BROWSER=1): Debian's package, driven by
#    playwright-core; no browser is downloaded. CHROMIUM_BIN points at another Chromium.
if [ "${TB_SETUP_BROWSER:-0}" = "1" ] && [ -z "${CHROMIUM_BIN:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "installing chromium from Debian's packages (the console's browser tests)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || true
    apt-get install -y -qq chromium >&2
  else
    say "chromium is missing: the console's browser tests need it (Debian: 'sudo apt-get install -y chromium'),"
    say "or point CHROMIUM_BIN at a Chromium binary, then run this again."
    exit 1
  fi
fi

say "installing workspace dependencies"
"$TOOLS/node_modules/.bin/pnpm" install --frozen-lockfile=${TB_FROZEN_LOCKFILE:-true} --reporter=append-only >&2
