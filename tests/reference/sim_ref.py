#!/usr/bin/env python3
"""Independent reference for the Monte Carlo simulation (SPEC §6), for models whose uncertain
parameters are uniform or triangular (their draws need only + − × ÷ and sqrt, which are exact
IEEE operations in Python as in Rust; normal and PERT draws need ln and cos, whose last bit
may differ between math libraries).

It re-implements, from docs/uncertainty.md and without sharing code with the crate: ChaCha8
seeded by PCG32 (rand_core's seed_from_u64), the mapping of 64 random bits to (0, 1), the
draws, the npv of every row in f64 in the documented order, and the statistics (Welford mean
and sd, type-7 quantiles, P(npv > 0), a 30-bin histogram). The golden vector it writes must be
reproduced bit for bit by the native build, Python and WebAssembly.

Usage: sim_ref.py MODEL RUNS SEED   (prints the simulation JSON)
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ekusia_ref as ref  # noqa: E402  (for reading models and their bases)

M32 = 0xFFFFFFFF
M64 = 0xFFFFFFFFFFFFFFFF
# A double round's eight quarter rounds: the four columns, then the four diagonals.
QUARTER_ROUNDS = ((0, 4, 8, 12), (1, 5, 9, 13), (2, 6, 10, 14), (3, 7, 11, 15),
                  (0, 5, 10, 15), (1, 6, 11, 12), (2, 7, 8, 13), (3, 4, 9, 14))


BLOCK_RUNS = 1024  # runs per random stream: run k uses stream k // 1024


class ChaCha8:
    """ChaCha with 8 rounds, 64-bit block counter and 64-bit stream id, as rand_chacha."""

    def __init__(self, seed_u64: int, stream: int = 0):
        # rand_core's seed_from_u64: PCG32 output words fill the 32-byte key.
        state = seed_u64 & M64
        key = []
        for _ in range(8):
            state = (state * 6364136223846793005 + 11634580027462260723) & M64
            xorshifted = (((state >> 18) ^ state) >> 27) & M32
            rot = state >> 59
            key.append(((xorshifted >> rot) | (xorshifted << ((32 - rot) & 31))) & M32)
        self.key = key
        self.stream = stream & M64
        self.counter = 0
        self.buf: list[int] = []

    def _block(self):
        s = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574] + self.key + [self.counter & M32, self.counter >> 32, self.stream & M32, self.stream >> 32]
        x = s[:]

        def rotl(v, n):
            return ((v << n) | (v >> (32 - n))) & M32

        def qr(a, b, c, d):
            x[a] = (x[a] + x[b]) & M32
            x[d] = rotl(x[d] ^ x[a], 16)
            x[c] = (x[c] + x[d]) & M32
            x[b] = rotl(x[b] ^ x[c], 12)
            x[a] = (x[a] + x[b]) & M32
            x[d] = rotl(x[d] ^ x[a], 8)
            x[c] = (x[c] + x[d]) & M32
            x[b] = rotl(x[b] ^ x[c], 7)

        for _ in range(4):  # ChaCha8: four double rounds
            for a, b, c, d in QUARTER_ROUNDS:
                qr(a, b, c, d)
        self.counter += 1
        self.buf.extend((x[i] + s[i]) & M32 for i in range(16))

    def next_u64(self) -> int:
        if len(self.buf) < 2:
            self._block()
        lo, hi = self.buf[0], self.buf[1]
        del self.buf[:2]
        return (hi << 32) | lo


def uniform(rng: ChaCha8) -> float:
    return ((rng.next_u64() >> 11) + 0.5) * (1.0 / 9007199254740992.0)


def f(x) -> float:
    return float(ref.text(x))


def draw(d: dict, rng: ChaCha8) -> float:
    if d["dist"] == "uniform":
        lo, hi = f(ref.num(d["min"])), f(ref.num(d["max"]))
        return lo + (hi - lo) * uniform(rng)
    if d["dist"] == "triangular":
        lo, mode, hi = f(ref.num(d["min"])), f(ref.num(d["mode"])), f(ref.num(d["max"]))
        u = uniform(rng)
        if hi <= lo:
            return lo
        fc = (mode - lo) / (hi - lo)
        if u < fc:
            return lo + math.sqrt(u * (hi - lo) * (mode - lo))
        return hi - math.sqrt((1.0 - u) * (hi - lo) * (hi - mode))
    raise SystemExit(f"sim_ref.py handles uniform and triangular only, not {d['dist']}")


def simulate(path: Path, runs: int, seed: int) -> dict:
    m = ref.load_doc(path)
    base = {"actors": [], "states": []}
    if "base" in m:
        base = ref.load_doc(ref.ROOT / "models" / "bases" / f"{m['base']}.toml")
    actors = ref.merged(base.get("actors", []), m.get("actors", []))
    states = ref.merged(base.get("states", []), m.get("states", []))
    A = [a["id"] for a in actors]
    S = [s["id"] for s in states]
    kinds = [a.get("kind", "public") for a in actors]
    na, ns = len(A), len(S)
    H = int(ref.num(m.get("horizon", 10)))

    # Parameters in the documented order: flows, costs, start, scenarios, attribution, rate.
    params: list[tuple[str, dict]] = []

    # Parameters (base and model) at their point values: this port draws no parameter, but a
    # base's flows may be formulas of its parameters (se-2024 is built that way).
    pvals = ref.evaluate_parameters(ref.merged_parameters(base.get("parameters", {}), m.get("parameters", {})))

    def V(v, p):
        if ref.is_formula(v):
            return ("C", f(ref.eval_formula(ref.parse_formula(v), lambda k: pvals[k])))
        if isinstance(v, dict):
            params.append((p, v))
            return ("S", len(params) - 1)
        return ("C", f(ref.num(v)))

    flows = []
    for i, s in enumerate(states):
        for j, fl in enumerate(s.get("flows", [])):
            v = V(fl["amount"], f"states[{i}].flows[{j}].amount")
            if fl["type"] == "transfer":
                flows += [(i, A.index(fl["from"]), -1.0, v), (i, A.index(fl["to"]), 1.0, v)]
            else:
                flows.append((i, A.index(fl["actor"]), -1.0 if fl["type"] == "resource" else 1.0, v))
    iv = m["intervention"]
    cohorts = [(int(ref.num(c.get("start_year", 0))), f(ref.num(c["participants"]))) for c in iv.get("cohorts", [])]
    cohorts = [(s0, n) for s0, n in cohorts if s0 < H]
    costs = []
    for i, c in enumerate(iv.get("costs", [])):
        total = sum(ref.num(w) for w in c["financing"].values())
        weights = [(A.index(a), f(ref.div(ref.num(w), total))) for a, w in c["financing"].items()]
        if "amount" in c:
            v = V(c["amount"], f"intervention.costs[{i}].amount")
            spec = ("fixed", [int(ref.num(y)) for y in c.get("years", [0]) if int(ref.num(y)) < H])
        else:
            v = V(c["per_participant"], f"intervention.costs[{i}].per_participant")
            spec = ("per", int(ref.num(c.get("cohort_year", 0))))
        costs.append((spec, v, weights))

    def dist_spec(shares, p):
        named, rest = [], None
        for sid, v in shares.items():
            if isinstance(v, str) and v.strip() == "rest":
                rest = S.index(sid)
            else:
                named.append((S.index(sid), V(v, f"{p}.{sid}")))
        return named, rest

    start = dist_spec(iv["start"], "intervention.start")

    def moves(name):
        sc = m.get("scenarios", {}).get(name)
        if not sc:
            return ("stay", None)
        if sc.get("transitions"):
            rules = []
            for i, t in enumerate(sc["transitions"]):
                fy = int(ref.num(t.get("from_year", 1)))
                ty = min(int(ref.num(t["to_year"])), H) if "to_year" in t else H
                rules.append((S.index(t["from"]), S.index(t["to"]), V(t["share"], f"scenarios.{name}.transitions[{i}].share"), fy, ty))
            return ("transitions", rules)
        if sc.get("trajectory"):
            es = [(int(ref.num(e["year"])), dist_spec(e["shares"], f"scenarios.{name}.trajectory[{i}].shares"))
                  for i, e in enumerate(sc["trajectory"])]
            es.sort(key=lambda e: e[0])
            return ("trajectory", es)
        return ("stay", None)

    with_, without = moves("with"), moves("without")
    att = m.get("analysis", {}).get("attribution", 1)
    attribution = V(att, "analysis.attribution")
    dr = m.get("discount_rate", "0.035")
    if isinstance(dr, list):
        steps = [(int(ref.num(s["from_year"])), f(ref.num(s["rate"]))) for s in dr]
        rates = ("schedule", [[r for (y, r) in steps if y <= t][-1] for t in range(H)])
    else:
        rates = ("const", V(dr, "discount_rate"))

    def val(v, x):
        return v[1] if v[0] == "C" else x[v[1]]

    def clamp(v, lo, hi):
        return max(lo, min(hi, v))

    def dist_into(spec, x):
        named, rest = spec
        out = [0.0] * ns
        total = 0.0
        for i, v in named:
            s = clamp(val(v, x), 0.0, 1.0)
            out[i] = s
            total += s
        if rest is not None:
            if total > 1.0:
                for i, _ in named:
                    out[i] /= total
                out[rest] = 0.0
            else:
                out[rest] = 1.0 - total
        return out

    def occupancy(mv, x):
        d = [dist_into(start, x)]
        for c in range(1, H):
            prev = d[-1]
            if mv[0] == "stay":
                d.append(prev[:])
            elif mv[0] == "trajectory":
                cur = d[0][:]
                for y, spec in reversed(mv[1]):
                    if y <= c:
                        cur = dist_into(spec, x)
                        break
                d.append(cur)
            else:
                total_out = [0.0] * ns
                for fr, _to, s, fy, ty in mv[1]:
                    if fy <= c <= ty:
                        total_out[fr] += clamp(val(s, x), 0.0, 1.0)
                cur = prev[:]
                moved_out = [0.0] * ns
                for fr, to, s, fy, ty in mv[1]:
                    if fy <= c <= ty:
                        scale = 1.0 / total_out[fr] if total_out[fr] > 1.0 else 1.0
                        moved = clamp(val(s, x), 0.0, 1.0) * scale * prev[fr]
                        moved_out[fr] += moved
                        cur[to] += moved
                for i in range(ns):
                    cur[i] -= moved_out[i]
                d.append(cur)
        return d

    def npv(x):
        fa = [0.0] * (ns * na)
        for i, a, sign, v in flows:
            fa[i * na + a] += sign * val(v, x)
        delta = [1.0]
        for t in range(1, H):
            r = clamp(val(rates[1], x), 0.0, 0.999) if rates[0] == "const" else rates[1][t]
            delta.append(delta[t - 1] / (1.0 + r))
        # Cohorts sharing a start year are one; W[c] = sum over start years s (ascending) of
        # N_s * delta[s + c]; each scenario's discounted occupancy E[i] = sum_c W[c] d_c[i].
        by_year: dict[int, float] = {}
        for s0, n in cohorts:
            by_year[s0] = by_year.get(s0, 0.0) + n
        w = [0.0] * H
        for c in range(H):
            for s0 in sorted(by_year):
                if s0 + c < H:
                    w[c] += by_year[s0] * delta[s0 + c]

        def discounted(d):
            e = [0.0] * ns
            for c in range(H):
                for i in range(ns):
                    e[i] += w[c] * d[c][i]
            return e

        ew, en = discounted(occupancy(with_, x)), discounted(occupancy(without, x))
        g = [0.0] * ns
        for i in range(ns):
            g[i] += ew[i] - en[i]
        at = clamp(val(attribution, x), 0.0, 1.0)
        out = []
        for a in range(na):
            pe = 0.0
            for i in range(ns):
                pe += g[i] * fa[i * na + a]
            out.append(at * pe)
        for spec, v, weights in costs:
            disc = 0.0
            if spec[0] == "fixed":
                for t in spec[1]:
                    disc += delta[t]
            else:
                for s0, n in cohorts:
                    if s0 + spec[1] < H:
                        disc += n * delta[s0 + spec[1]]
            total = val(v, x) * disc
            for a, w in weights:
                out[a] -= total * w
        public = society = 0.0
        for a in range(na):
            if kinds[a] == "public":
                public += out[a]
            society += out[a]
        return out + [public, society]

    nr = na + 2
    mean, m2, pos = [0.0] * nr, [0.0] * nr, [0] * nr
    lo, hi = [math.inf] * nr, [-math.inf] * nr
    kept = [[] for _ in range(nr)]
    for k in range(runs):
        if k % BLOCK_RUNS == 0:
            rng = ChaCha8(seed, k // BLOCK_RUNS)
        x = [draw(d, rng) for _, d in params]
        out = npv(x)
        n = float(k + 1)
        for r in range(nr):
            v = out[r]
            dlt = v - mean[r]
            mean[r] += dlt / n
            m2[r] += dlt * (v - mean[r])
            pos[r] += v > 0.0
            lo[r], hi[r] = min(lo[r], v), max(hi[r], v)
            kept[r].append(v)

    def q7(data, p):
        s = sorted(data)
        h = (len(s) - 1) * p
        i = math.floor(h)
        return s[i] if i + 1 >= len(s) else s[i] + (h - i) * (s[i + 1] - s[i])

    def hist(data, a, b):
        counts = [0] * 30
        for v in data:
            counts[0 if b <= a else min(int((v - a) / (b - a) * 30), 29)] += 1
        return counts

    names = [{"sv": ref.name_in(a["name"], "sv"), "en": ref.name_in(a["name"], "en")} for a in actors] + [
        ref.AGGREGATE_NAMES["public_sector"],
        ref.AGGREGATE_NAMES["society"],
    ]
    ids = A + ["public_sector", "society"]
    rkinds = kinds + ["aggregate", "aggregate"]
    return {
        "format": "ekusia-simulation/1",
        "runs": runs,
        "seed": seed,
        "quantiles": "exact",
        "parameters": [{"path": p, "dist": {k: (ref.text(ref.num(v)) if k != "dist" else v) for k, v in d.items()}} for p, d in params],
        "rows": [
            {"id": ids[r], "name": names[r]["sv"], "names": names[r], "kind": rkinds[r], "mean": mean[r],
             "sd": math.sqrt(m2[r] / (runs - 1)) if runs > 1 else 0.0,
             "p5": q7(kept[r], 0.05), "p50": q7(kept[r], 0.5), "p95": q7(kept[r], 0.95),
             "p_positive": pos[r] / runs, "histogram": {"min": lo[r], "max": hi[r], "counts": hist(kept[r], lo[r], hi[r])}}
            for r in range(nr)
        ],
    }


VECTORS = [("tests/vectors/simulation/uniform-triangular.toml", 3000, 7,
            "tests/vectors/simulation/uniform-triangular.seed7.runs3000.json")]


def check_vectors(write: bool) -> int:
    bad = 0
    for model, runs, seed, out in VECTORS:
        got = simulate(ref.ROOT / model, runs, seed)
        path = ref.ROOT / out
        if write:
            path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        elif json.loads(path.read_text(encoding="utf-8")) != got:
            print(f"simulation vector differs from the reference: {out}", file=sys.stderr)
            bad += 1
    if not write:
        print(f"{len(VECTORS) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] in ("--check-vectors", "--write-vectors"):
        sys.exit(check_vectors(sys.argv[1] == "--write-vectors"))
    if len(sys.argv) == 2 and sys.argv[1] == "--chacha-check":
        r = ChaCha8(1)
        print(" ".join(str(r.next_u64()) for _ in range(70)))
        sys.exit(0)
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    print(json.dumps(simulate(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])), indent=2, ensure_ascii=False))
