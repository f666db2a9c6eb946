"""How long evaluation takes from Python, against the Rust benchmark (make bench).

Prints per-call times for: evaluate() on a loaded model; editing a value (set) and
evaluating; the exact row lookup; summary() as a DataFrame; to_json().
"""
import statistics
import sys
import time
from pathlib import Path

import ekusia

ROOT = Path(__file__).resolve().parents[2]
model = ekusia.Model.load(ROOT / "models/examples/jobbspar-forsorjningsstod.toml")


def per_call(fn, n):
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        runs.append((time.perf_counter() - t0) / n * 1e6)
    return statistics.median(runs)


report = model.evaluate()
cases = [
    ("model.evaluate()  (validate + evaluate in Rust, GIL released)", lambda: model.evaluate(), 2000),
    ("report.row('society').npv  (exact Decimal)", lambda: report.row("society").npv, 20000),
    ("model.set(participants) + evaluate()  (an edited variant)",
     lambda: model.set("intervention.cohorts[0].participants", 50).evaluate(), 500),
    ("report.summary()  (pandas DataFrame)", lambda: report.summary(), 500),
    ("report.to_json()", lambda: report.to_json(), 2000),
]
print(f"ekusia {ekusia.__version__}, Python {sys.version.split()[0]}")
for name, fn, n in cases:
    print(f"{per_call(fn, n):10.1f} µs  {name}")
