#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine, idempotently: Debian packages
# (Chromium, the wasm toolchain route), wasm-bindgen-cli, npm packages, the Python venv.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-system.sh
bash scripts/setup-wasm-tools.sh
if [ ! -d node_modules/playwright-core ] || ! cmp -s package.json node_modules/.package.json.installed; then
  npm install --no-audit --no-fund --loglevel=error
  cp package.json node_modules/.package.json.installed
fi
bash scripts/setup-python.sh
