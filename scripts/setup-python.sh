#!/usr/bin/env bash
# Creates .venv (idempotently) with the tools the Python tests and `make lint-py` (ruff) need,
# then installs the ekusia package from ./py the way a user would (pip builds it with maturin).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=.venv/.deps-installed
deps="maturin>=1.5,<2 pytest>=7 pandas>=1.5 matplotlib>=3.5 nbclient>=0.7 nbformat>=5 ipykernel>=6 mypy>=1.5 openpyxl>=3.1 ruff>=0.17,<0.18"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$deps" ]; then
  .venv/bin/pip install -q --upgrade pip
  # shellcheck disable=SC2086
  .venv/bin/pip install -q $deps
  echo "$deps" > "$stamp"
fi
# The package itself: always rebuilt, so the tests see the current core.
.venv/bin/pip install -q --force-reinstall --no-deps ./py
