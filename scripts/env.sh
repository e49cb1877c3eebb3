# Sourced by the scripts in this folder: one place for the environment that
# installs and runs Tracebridge on a fresh Debian machine with only Node and npm.
PNPM_VERSION="12.21.0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
# better-sqlite3 is a native addon. Without a nodedir, node-gyp downloads the
# Node headers, and these machines have no internet beyond the registries.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
export PATH="$TOOLS/node_modules/.bin:$ROOT/node_modules/.bin:$PATH"
