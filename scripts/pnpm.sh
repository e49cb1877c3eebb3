#!/usr/bin/env bash
# Runs the project's pinned pnpm (installed by setup.sh into .tools/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec "$TOOLS/node_modules/.bin/pnpm" "$@"
