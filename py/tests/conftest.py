import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def root() -> Path:
    return ROOT


def vector_index():
    return json.loads((ROOT / "tests/vectors/index.json").read_text(encoding="utf-8"))


def error_cases():
    return json.loads((ROOT / "tests/vectors/errors.json").read_text(encoding="utf-8"))


def pytest_configure(config):
    # PySpark tests start a local session (about 20 s): few of them, run by `make test-python`;
    # `-m "not spark"` leaves them out on a quick run.
    config.addinivalue_line("markers", "spark: starts a local PySpark session (Java 17)")
