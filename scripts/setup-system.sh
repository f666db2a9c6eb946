#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, idempotently.
# - chromium: the browser the end-to-end tests drive through playwright-core.
# - rustc-web, cargo-web, rust-web-src, lld-22: the fallback route to build the wasm package
#   on machines whose rustup toolchain has no wasm32-unknown-unknown standard library.
set -euo pipefail
pkgs=()
need() { dpkg -s "$1" >/dev/null 2>&1 || pkgs+=("$1"); }
need chromium
if ! rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
  need rustc-web; need cargo-web; need rust-web-src; need lld-22
fi
if [ ${#pkgs[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup-system: installing ${pkgs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
fi
