#!/usr/bin/env bash
# Installs wasm-bindgen-cli at exactly the version of the wasm-bindgen crate the project pins
# (the CLI and the crate must match to the patch level), idempotently.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
ver=$(grep -E '^wasm-bindgen *=' "$here/Cargo.toml" | sed -E 's/.*"=?([0-9.]+)".*/\1/')
if command -v wasm-bindgen >/dev/null 2>&1 && [ "$(wasm-bindgen --version | awk '{print $2}')" = "$ver" ]; then
  exit 0
fi
echo "setup-wasm-tools: installing wasm-bindgen-cli $ver"
cargo install wasm-bindgen-cli --version "$ver" --locked || cargo install wasm-bindgen-cli --version "$ver"
