"""How long evaluation takes from Python, against the Rust benchmark (make bench).

Prints per-call times for: evaluate() on a loaded model; editing a value (set) and
evaluating; the exact row lookup; summary() as a DataFrame; to_json(); then 10,000 Monte Carlo
runs by ekusia against the same simulation written in numpy (numpy_peer.py), measured side by
side in this process, with the ratio, after checking that their means agree.
"""
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from numpy_peer import Peer

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

# An analyst's sweep: 1,000 values of one share, one tidy frame (issue 15: well under a second).
SHARE = "scenarios.with.transitions[from=social_assistance,to=employment].share"
values = [i / 10000 for i in range(1000)]
model.sweep(SHARE, values[:10])
took = min(per_call(lambda: model.sweep(SHARE, values), 1) for _ in range(3)) / 1e3
print(f"{took:10.1f} ms  model.sweep(share, 1,000 values)  (a tidy frame of 8,000 rows)")


# The Monte Carlo against the numpy peer, 10,000 runs of the model with distributions.
RUNS = 10_000
path = ROOT / "models/examples/jobbspar-osakerhet.toml"
uncertain = ekusia.Model.load(path)
peer = Peer(path)
sim = uncertain.simulate(runs=RUNS, seed=1)
rows = peer.simulate(RUNS, 1)
for row in sim.to_dict()["rows"]:
    mine = rows[row["id"]]
    # Two independent means of RUNS runs each: their difference has sd ≈ sd·√(2/RUNS).
    tol = 5 * max(row["sd"], 1.0) * (2 / RUNS) ** 0.5
    assert abs(float(np.mean(mine)) - row["mean"]) <= tol, (row["id"], float(np.mean(mine)), row["mean"], tol)


def best_ms(fn, n=15):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return min(times), statistics.median(times)


ek_best, ek_med = best_ms(lambda: uncertain.simulate(runs=RUNS, seed=1))
np_best, np_med = best_ms(lambda: peer.simulate(RUNS, 1))
print(f"{ek_med:10.2f} ms  model.simulate(runs=10000)  jobbspar-osakerhet (best {ek_best:.2f} ms)")
print(f"{np_med:10.2f} ms  numpy peer, 10000 runs, the same model (best {np_best:.2f} ms); means agree")
print(f"{np_med / ek_med:10.1f} ×   ekusia faster than the numpy peer (median; best/best {np_best / ek_best:.1f} ×)")
