"""The honest baseline for ekusia's Monte Carlo: the same simulation written the way an analyst
would write it in numpy, every run a row of an array.

It reads the model file itself (tomllib) and the base's yearly net amount per state and actor
(``ekusia.price_list_json``: a table of inputs, not a result), then for all runs at once:
draws every uncertain value (numpy's own generator, so not the same draws as ekusia), follows
the occupancy of both scenarios year by year (transitions with their years, outflows above 1
scaled down, time-limited states tracked by years in the state), discounts, weights the cohorts,
multiplies by each state's flows per actor, subtracts the costs and sums the public sector and
society. Its means agree with ekusia's within Monte Carlo error (``bench_python.py`` checks).

It covers what the benchmark's models use: one target group, the base's states, transitions
scenarios, a fixed discount rate, fixed and per-participant costs, attribution.
"""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import numpy as np

import ekusia

ROOT = Path(__file__).resolve().parents[2]


def _draw(v, runs: int, rng: np.random.Generator) -> np.ndarray:
    """A value for every run: a constant broadcast, or draws of its distribution."""
    if not isinstance(v, dict):
        return np.full(runs, float(v))
    d = v["dist"]
    if d == "uniform":
        return rng.uniform(float(v["min"]), float(v["max"]), runs)
    if d == "triangular":
        return rng.triangular(float(v["min"]), float(v["mode"]), float(v["max"]), runs)
    if d == "normal":
        return rng.normal(float(v["mean"]), float(v["sd"]), runs)
    if d == "pert":
        lo, mode, hi = float(v["min"]), float(v["mode"]), float(v["max"])
        a = 1 + 4 * (mode - lo) / (hi - lo)
        b = 1 + 4 * (hi - mode) / (hi - lo)
        return lo + (hi - lo) * rng.beta(a, b, runs)
    raise ValueError(f"numpy peer: no {d} distribution")


class Peer:
    """The model read once; :meth:`simulate` runs it."""

    def __init__(self, path: Path):
        m = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        if m.get("states") or m.get("groups") or m.get("actors"):
            raise ValueError("numpy peer: the base's states and actors, one group only")
        base = tomllib.loads((ROOT / "core/bases" / f"{m['base']}.toml").read_text(encoding="utf-8"))
        prices = json.loads(ekusia._core.price_list_json(m["base"]))
        self.actors = [a for a, _ in prices["actors"]]
        kinds = {a["id"]: a.get("kind", "public") for a in base["actors"]}
        self.public = np.array([kinds[a] == "public" for a in self.actors])
        self.states = [s["id"] for s in prices["states"]]
        # F[i, a]: the yearly net amount of state i to actor a.
        self.flows = np.array([[float(Decimal(v)) for _, v in s["net"]] for s in prices["states"]])
        self.limits = {self.states.index(s["id"]): (s["limit"][0], self.states.index(s["limit"][1]))
                       for s in prices["states"] if s.get("limit")}
        self.m = m
        self.h = int(m.get("horizon", 10))
        rate = float(m.get("discount_rate", 0.035))
        self.delta = (1.0 + rate) ** -np.arange(self.h)

    def _start(self, runs: int, rng) -> np.ndarray:
        d = np.zeros((runs, len(self.states)))
        rest = None
        for sid, v in self.m["intervention"]["start"].items():
            if v == "rest":
                rest = self.states.index(sid)
            else:
                d[:, self.states.index(sid)] = np.clip(_draw(v, runs, rng), 0, 1)
        if rest is not None:
            total = d.sum(axis=1)
            over = total > 1
            d[over] /= total[over, None]
            d[:, rest] = np.maximum(0.0, 1.0 - d.sum(axis=1))
        return d

    def _occupancy(self, name: str, d0: np.ndarray, runs: int, rng) -> np.ndarray:
        """d[c, run, state] for c < horizon."""
        h, ns = self.h, len(self.states)
        rules = []
        for t in (self.m.get("scenarios", {}).get(name) or {}).get("transitions", []):
            rules.append((self.states.index(t["from"]), self.states.index(t["to"]),
                          np.clip(_draw(t["share"], runs, rng), 0, 1),
                          int(t.get("from_year", 1)), min(int(t.get("to_year", h)), h)))
        d = np.empty((h, runs, ns))
        d[0] = d0
        # Years in each limited state: sub[i][:, k] is the share in its year k + 1.
        sub = {i: np.zeros((runs, m)) for i, (m, _) in self.limits.items()}
        for i in sub:
            sub[i][:, 0] = d0[:, i]
        for c in range(1, h):
            prev = d[c - 1]
            active = [r for r in rules if r[3] <= c <= r[4]]
            total = np.zeros((runs, ns))
            for fr, _, s, _, _ in active:
                total[:, fr] += s
            scale = np.where(total > 1, 1 / np.maximum(total, 1e-300), 1.0)
            entered = np.zeros((runs, ns))
            left = np.zeros((runs, ns))
            out_sub = {i: np.zeros_like(v) for i, v in sub.items()}
            for fr, to, s, _, _ in active:
                eff = s * scale[:, fr]
                if fr in sub:
                    moved = eff[:, None] * sub[fr]
                    out_sub[fr] += moved
                    entered[:, to] += moved.sum(axis=1)
                else:
                    moved = eff * prev[:, fr]
                    left[:, fr] += moved
                    entered[:, to] += moved
            for i, (m, then) in self.limits.items():
                entered[:, then] += sub[i][:, m - 1] - out_sub[i][:, m - 1]
            cur = prev - left + entered
            for i in self.limits:
                nxt = np.empty_like(sub[i])
                nxt[:, 0] = entered[:, i]
                nxt[:, 1:] = sub[i][:, :-1] - out_sub[i][:, :-1]
                sub[i] = nxt
                cur[:, i] = nxt.sum(axis=1)
            d[c] = cur
        return d

    def simulate(self, runs: int, seed: int) -> dict[str, np.ndarray]:
        """Every row's npv in every run."""
        rng = np.random.default_rng(seed)
        m, h = self.m, self.h
        iv = m["intervention"]
        d0 = self._start(runs, rng)
        dw = self._occupancy("with", d0, runs, rng)
        dn = self._occupancy("without", d0, runs, rng)
        cohorts = [(int(c.get("start_year", 0)), float(c["participants"])) for c in iv["cohorts"]]
        # W[c]: the cohorts' discounted weight of cohort year c.
        w = np.zeros(h)
        for s0, n in cohorts:
            w[: h - s0] += n * self.delta[s0:]
        g = np.einsum("c,crs->rs", w, dw - dn)
        attribution = np.clip(_draw(m.get("analysis", {}).get("attribution", 1), runs, rng), 0, 1)
        npv = attribution[:, None] * (g @ self.flows)
        for cost in iv.get("costs", []):
            fin = {a: float(v) for a, v in cost["financing"].items()}
            total_w = sum(fin.values())
            if "amount" in cost:
                amount = _draw(cost["amount"], runs, rng)
                disc = sum(self.delta[y] for y in cost.get("years", [0]) if y < h)
            else:
                amount = _draw(cost["per_participant"], runs, rng)
                cy = int(cost.get("cohort_year", 0))
                disc = sum(n * self.delta[s0 + cy] for s0, n in cohorts if s0 + cy < h)
            for a, v in fin.items():
                npv[:, self.actors.index(a)] -= amount * disc * v / total_w
        rows = {a: npv[:, k] for k, a in enumerate(self.actors)}
        rows["public_sector"] = npv[:, self.public].sum(axis=1)
        rows["society"] = npv.sum(axis=1)
        return rows
