#!/usr/bin/env bash
# Builds the wasm package into wasm/pkg (ES module + TypeScript types) and copies it next to
# the calculator page (wasm/www/pkg).
#
# Route 1 (a normal developer machine): rustup's wasm32-unknown-unknown target.
# Route 2 (machines without it): Debian's rustc-web/cargo-web with -Zbuild-std and lld
#   (scripts/setup-system.sh installs them); see DEVELOPERS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-wasm-tools.sh

# WebAssembly SIMD (128-bit vectors; every browser of the last years has it): the simulation's
# loops over 8 runs at a time become two-lane f64 vector instructions. IEEE arithmetic lane by
# lane, never fused, so the numbers stay those of the native build (the vectors test it).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:--C target-feature=+simd128}"

# Two modules from the one crate: the calculator's (everything but the Excel writer) and, with
# the `xlsx` feature, the one the page loads only when a visitor downloads a workbook.
build() { # $1: cargo feature arguments, $2: output name
  local wasm
  if rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    echo "build-wasm: rustup wasm32 target ($2)"
    # shellcheck disable=SC2086
    cargo build -p ekusia-wasm --target wasm32-unknown-unknown --profile wasm $1
    wasm="target/wasm32-unknown-unknown/wasm/ekusia_wasm.wasm"
  else
    echo "build-wasm: Debian rustc-web route (-Zbuild-std) ($2)"
    export CARGO_TARGET_DIR="$root/target/wasm-debian"
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="${WASM_LD:-wasm-ld-22}"
    # shellcheck disable=SC2086
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo build -p ekusia-wasm --profile wasm \
      --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort $1
    wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/ekusia_wasm.wasm"
  fi
  wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir wasm/pkg --out-name "$2" "$wasm"
}
build "" ekusia_wasm
build "--features xlsx" ekusia_wasm_xlsx
mkdir -p wasm/www/pkg
cp wasm/pkg/ekusia_wasm.js wasm/pkg/ekusia_wasm_bg.wasm wasm/pkg/ekusia_wasm.d.ts wasm/www/pkg/
cp wasm/pkg/ekusia_wasm_xlsx.js wasm/pkg/ekusia_wasm_xlsx_bg.wasm wasm/pkg/ekusia_wasm_xlsx.d.ts wasm/www/pkg/
cp wasm/js/ekusia.js wasm/js/ekusia.d.ts wasm/www/pkg/
size=$(gzip -9 -c wasm/pkg/ekusia_wasm_bg.wasm | wc -c)
echo "build-wasm: wasm/pkg/ekusia_wasm_bg.wasm $(wc -c < wasm/pkg/ekusia_wasm_bg.wasm) bytes, ${size} gzipped"
xsize=$(gzip -9 -c wasm/pkg/ekusia_wasm_xlsx_bg.wasm | wc -c)
echo "build-wasm: wasm/pkg/ekusia_wasm_xlsx_bg.wasm (loaded on the first Excel download) ${xsize} gzipped"
