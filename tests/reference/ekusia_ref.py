#!/usr/bin/env python3
"""Independent reference implementation of the ekusia arithmetic (SPEC §3) and report (§4).

It shares no code with the Rust crate: it reads model files with Python's own TOML/JSON
parsers, resolves bases, and computes every figure with exact rational arithmetic
(`fractions.Fraction`), rounding after each operation exactly as a 96-bit decimal
(`rust_decimal`) does:

    R(x) = x rounded half-to-even at the largest scale s <= 28 for which
           floor(|x| * 10^s) < 2^96.

That rule is what rust_decimal's multiplication, division and addition do (its code is a
port of .NET's decimal), so the reference produces the same digits, and the golden vectors in
tests/vectors/ can be compared byte for byte. The order of operations follows
docs/arithmetic.md. Only valid models are supported: validation is the crate's business.

Usage:
    ekusia_ref.py MODEL               print the report JSON
    ekusia_ref.py --write-vectors     regenerate tests/vectors/*.json
    ekusia_ref.py --check-vectors     fail if any vector differs from a fresh computation
"""
from __future__ import annotations

import json
import sys
import tomllib
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TWO96 = 2**96
ZERO = Fraction(0)
ONE = Fraction(1)


class Overflow(Exception):
    pass


def R(x: Fraction) -> Fraction:
    """Round an exact value as a 96-bit decimal with at most 28 decimal places."""
    if x == 0:
        return ZERO
    sign = -1 if x < 0 else 1
    a = abs(x)
    s = 28
    while True:
        if s < 0:
            raise Overflow()
        scaled = a * 10**s
        q, rem = divmod(scaled.numerator, scaled.denominator)
        if q < TWO96:
            break
        s -= 1
    twice = 2 * rem
    if twice > scaled.denominator or (twice == scaled.denominator and q % 2 == 1):
        q += 1
    if q >= TWO96:  # the rounding carried past 96 bits: one digit fewer
        s -= 1
        if s < 0:
            raise Overflow()
        scaled = a * 10**s
        q, rem = divmod(scaled.numerator, scaled.denominator)
        twice = 2 * rem
        if twice > scaled.denominator or (twice == scaled.denominator and q % 2 == 1):
            q += 1
    return sign * Fraction(q, 10**s)


def add(a, b):
    return R(a + b)


def sub(a, b):
    return R(a - b)


def mul(a, b):
    return R(a * b)


def div(a, b):
    return R(a / b)


def ratio(a, b):
    """A ratio, or None where it leaves the decimal range (a residual denominator)."""
    try:
        return div(a, b)
    except Overflow:
        return None


def num(v) -> Fraction:
    """A number as the model file gives it: int, float (shortest repr) or string; for a
    distribution, its point value (the mode, or the mean)."""
    if isinstance(v, dict):
        kind = v["dist"]
        if kind in ("triangular", "pert"):
            return num(v["mode"])
        if kind == "uniform":
            return (num(v["min"]) + num(v["max"])) / 2
        return num(v["mean"])
    if isinstance(v, bool):
        raise TypeError("boolean is not a number")
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, float):
        return Fraction(Decimal(repr(v)))
    return Fraction(Decimal(str(v).strip()))


def text(x: Fraction) -> str:
    """The shortest exact decimal text of a value with a power-of-ten denominator."""
    with localcontext() as ctx:
        ctx.prec = 200
        d = Decimal(x.numerator) / Decimal(x.denominator)
        d = d.normalize()
        s = format(d, "f")
    return "0" if s in ("-0", "0") else s


def load_doc(path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        return json.loads(raw)
    return tomllib.loads(raw)


def name_in(name, lang: str) -> str:
    """The name in `lang`, else Swedish, else English, else the first; a plain name in both."""
    if isinstance(name, str):
        return name
    for k in (lang, "sv", "en"):
        if k in name:
            return name[k]
    return name[sorted(name)[0]]


def name_sv(name) -> str:
    return name_in(name, "sv")


# The aggregate rows' names (the report carries them so that no interface spells them).
AGGREGATE_NAMES = {
    "public_sector": {"sv": "Offentlig sektor", "en": "Public sector"},
    "society": {"sv": "Samhället", "en": "Society"},
}


def merged(base_list, own_list):
    out = [dict(e) for e in base_list]
    ids = [e["id"] for e in out]
    for e in own_list:
        if e["id"] in ids:
            out[ids.index(e["id"])] = e
        else:
            out.append(e)
            ids.append(e["id"])
    return out


def distribution(shares: dict, state_ids: list) -> list:
    d = [ZERO] * len(state_ids)
    named = ZERO
    rest = None
    for sid, v in shares.items():
        i = state_ids.index(sid)
        if isinstance(v, str) and v.strip() == "rest":
            rest = i
        else:
            d[i] = num(v)
            named += d[i]
    if rest is not None:
        d[rest] = ONE - named
    return d


def evaluate(model_path: Path) -> dict:
    m = load_doc(model_path)
    base = {"actors": [], "states": []}
    if "base" in m:
        p = ROOT / "models" / "bases" / f"{m['base']}.toml"
        base = load_doc(p if p.exists() else model_path.parent / m["base"])
    actors = merged(base.get("actors", []), m.get("actors", []))
    states = merged(base.get("states", []), m.get("states", []))
    A = [a["id"] for a in actors]
    S = [s["id"] for s in states]
    kinds = [a.get("kind", "public") for a in actors]
    H = int(num(m.get("horizon", 10)))
    price_year = m.get("price_year", base.get("price_year"))
    currency = m.get("currency", base.get("currency", "SEK"))

    # §3.1 net yearly amount per state and actor
    f = []
    for s in states:
        row = [ZERO] * len(A)
        for fl in s.get("flows", []):
            amt = num(fl["amount"])
            if fl["type"] == "transfer":
                row[A.index(fl["from"])] -= amt
                row[A.index(fl["to"])] += amt
            elif fl["type"] == "resource":
                row[A.index(fl["actor"])] -= amt
            else:
                row[A.index(fl["actor"])] += amt
        f.append(row)

    analysis = m.get("analysis", {})
    success = analysis.get("success")
    y_success = int(num(success["years"])) if success else 0
    n_rates = max(H, y_success + 1)

    # §3.8 rates and discount factors
    dr = m.get("discount_rate", Fraction(35, 1000))
    if isinstance(dr, dict):
        dr = num(dr)
    if isinstance(dr, list):
        steps = [(int(num(s["from_year"])), num(s["rate"])) for s in dr]
        rates = []
        for t in range(n_rates):
            rates.append([r for (y, r) in steps if y <= t][-1])
    else:
        rates = [num(dr) if not isinstance(dr, Fraction) else dr] * n_rates
    delta = [ONE]
    for t in range(1, n_rates):
        delta.append(div(delta[-1], ONE + rates[t]))

    iv = m["intervention"]
    start = distribution(iv["start"], S)
    warnings = []
    cohorts = []
    for k, c in enumerate(iv.get("cohorts", [])):
        s0 = int(num(c.get("start_year", 0)))
        if s0 >= H:
            warnings.append(
                f"intervention.cohorts[{k}] starts in year {s0}, outside the horizon (years 0 to {H - 1}), and was ignored"
            )
        else:
            cohorts.append((s0, num(c["participants"])))

    # §3.2 occupancy per scenario
    def occupancy(scn) -> list:
        d = [start]
        for c in range(1, H):
            prev = d[-1]
            if scn and scn.get("transitions"):
                out = [ZERO] * len(S)
                inn = [ZERO] * len(S)
                for rule in scn["transitions"]:
                    lo = int(num(rule.get("from_year", 1)))
                    hi = int(num(rule["to_year"])) if "to_year" in rule else 10**9
                    if lo <= c <= hi:
                        i, j = S.index(rule["from"]), S.index(rule["to"])
                        moved = mul(num(rule["share"]), prev[i])
                        out[i] = add(out[i], moved)
                        inn[j] = add(inn[j], moved)
                d.append([add(sub(prev[i], out[i]), inn[i]) for i in range(len(S))])
            elif scn and scn.get("trajectory"):
                entries = sorted(scn["trajectory"], key=lambda e: int(num(e["year"])))
                cur = start
                for e in entries:
                    if int(num(e["year"])) <= c:
                        cur = distribution(e["shares"], S)
                d.append(cur)
            else:
                d.append(start)
        return d

    # §3.3 scenario flows
    def flows(scn) -> list:
        d = occupancy(scn)
        per = []
        for dc in d:
            p = [ZERO] * len(A)
            for i, share in enumerate(dc):
                if share == 0:
                    continue
                for a in range(len(A)):
                    if f[i][a] != 0:
                        p[a] = add(p[a], mul(share, f[i][a]))
            per.append(p)
        F = [[ZERO] * len(A) for _ in range(H)]
        for s0, n in cohorts:
            for t in range(s0, H):
                for a in range(len(A)):
                    F[t][a] = add(F[t][a], mul(n, per[t - s0][a]))
        return F

    scen = m.get("scenarios", {})
    Fw = flows(scen.get("with"))
    Fo = flows(scen.get("without"))
    attribution = num(analysis.get("attribution", 1))
    E = [[mul(attribution, sub(Fw[t][a], Fo[t][a])) for a in range(len(A))] for t in range(H)]

    # §3.5 intervention cost
    K = [[ZERO] * len(A) for _ in range(H)]
    for c in iv.get("costs", []):
        total = sum((num(w) for w in c["financing"].values()), ZERO)
        weights = [(A.index(aid), div(num(w), total)) for aid, w in c["financing"].items()]
        if "amount" in c:
            amount = num(c["amount"])
            for y in c.get("years", [0]):
                t = int(num(y))
                if t >= H:
                    warnings.append(f"cost '{c['name']}' in year {t} is outside the horizon and was ignored")
                    continue
                for a, w in weights:
                    K[t][a] = add(K[t][a], mul(amount, w))
        else:
            amount = num(c["per_participant"])
            cy = int(num(c.get("cohort_year", 0)))
            for s0, n in cohorts:
                t = s0 + cy
                if t >= H:
                    warnings.append(
                        f"cost '{c['name']}' for the cohort starting in year {s0} falls in year {t}, outside the horizon, and was ignored"
                    )
                    continue
                base_amount = mul(n, amount)
                for a, w in weights:
                    K[t][a] = add(K[t][a], mul(base_amount, w))
    # The crate reports warnings in model order: cohorts first, then costs in file order.

    participants = sum((n for _, n in cohorts), ZERO)

    def total(values):
        s = ZERO
        for v in values:
            s = add(s, v)
        return s

    def row(rid, name, kind, members):
        years = []
        pv_e = pv_c = cum = ZERO
        for t in range(H):
            w = total(Fw[t][a] for a in members)
            wo = total(Fo[t][a] for a in members)
            e = total(E[t][a] for a in members)
            k = total(K[t][a] for a in members)
            net = sub(e, k)
            pv_e = add(pv_e, mul(delta[t], e))
            pv_c = add(pv_c, mul(delta[t], k))
            pv_net = mul(delta[t], net)
            cum = add(cum, pv_net)
            years.append((t, delta[t], w, wo, e, k, net, pv_net, cum))
        npv = sub(pv_e, pv_c)
        has_cost = pv_c != 0
        payback = None
        if has_cost:
            for y in reversed(years):
                if y[8] >= 0:
                    payback = y[0]
                else:
                    break
        sv = bes = None
        if success:
            i, j = S.index(success["from"]), S.index(success["to"])
            fi = total(f[i][a] for a in members)
            fj = total(f[j][a] for a in members)
            diff = sub(fj, fi)
            sv = ZERO
            for c in range(1, y_success + 1):
                sv = add(sv, mul(delta[c], diff))
            bes = ratio(pv_c, sv) if has_cost and sv > 0 else None
        return {
            "id": rid,
            "name": name["sv"],
            "names": name,
            "kind": kind,
            "pv_effect": pv_e,
            "pv_cost": pv_c,
            "npv": npv,
            "bcr": ratio(pv_e, pv_c) if has_cost else None,
            "roi": ratio(npv, pv_c) if has_cost else None,
            "payback_year": payback,
            "break_even_effect": ratio(pv_c, pv_e) if has_cost and pv_e > 0 else None,
            "npv_per_participant": ratio(npv, participants) if participants != 0 else None,
            "success_value": sv,
            "break_even_successes": bes,
            "fair_cost_share": None,
            "years": years,
        }

    def names(n):
        return {"sv": name_in(n, "sv"), "en": name_in(n, "en")}

    rows = [row(A[a], names(actors[a]["name"]), kinds[a], [a]) for a in range(len(A))]
    rows.append(row("public_sector", AGGREGATE_NAMES["public_sector"], "aggregate", [a for a in range(len(A)) if kinds[a] == "public"]))
    rows.append(row("society", AGGREGATE_NAMES["society"], "aggregate", list(range(len(A)))))
    payers = [a for a in range(len(A)) if kinds[a] != "individual"]
    pos_total = ZERO
    for a in payers:
        pos_total = add(pos_total, max(rows[a]["pv_effect"], ZERO))
    if pos_total != 0:
        for a in payers:
            rows[a]["fair_cost_share"] = ratio(max(rows[a]["pv_effect"], ZERO), pos_total)

    def out(x):
        return None if x is None else text(x)

    def year_obj(y):
        keys = ("year", "discount_factor", "with", "without", "effect", "cost", "net", "pv_net", "cumulative_pv_net")
        return {k: (v if k == "year" else text(v)) for k, v in zip(keys, y)}

    return {
        "format": "ekusia-report/1",
        "model": {
            "name": m["name"],
            "currency": currency,
            "price_year": int(num(price_year)) if price_year is not None else None,
            "horizon": H,
            "discount_rates": [text(r) for r in rates[:H]],
            "participants": int(participants),
            "attribution": text(attribution),
            "success": (
                {"from": success["from"], "to": success["to"], "years": y_success} if success else None
            ),
        },
        "warnings": warnings,
        "rows": [
            {
                **{
                    k: (out(v) if isinstance(v, Fraction) or v is None else v)
                    for k, v in r.items()
                    if k != "years"
                },
                "years": [year_obj(y) for y in r["years"]],
            }
            for r in rows
        ],
    }


def to_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def vector_cases():
    """(model path, vector path) for every example model and every extra vector model."""
    cases = []
    for p in sorted((ROOT / "models" / "examples").glob("*.toml")):
        cases.append((p, ROOT / "tests" / "vectors" / "reports" / f"{p.stem}.json"))
    for p in sorted((ROOT / "tests" / "vectors" / "models").glob("*.*")):
        cases.append((p, ROOT / "tests" / "vectors" / "reports" / f"{p.stem}.json"))
    return cases


def main(argv):
    if argv[1:] == ["--write-vectors"] or argv[1:] == ["--check-vectors"]:
        write = argv[1] == "--write-vectors"
        index = []
        bad = 0
        for model, vec in vector_cases():
            got = to_json(evaluate(model))
            index.append({"model": str(model.relative_to(ROOT)), "report": str(vec.relative_to(ROOT))})
            if write:
                vec.parent.mkdir(parents=True, exist_ok=True)
                vec.write_text(got, encoding="utf-8")
            elif not vec.exists() or vec.read_text(encoding="utf-8") != got:
                print(f"vector differs from the reference: {vec.relative_to(ROOT)}", file=sys.stderr)
                bad += 1
        idx = ROOT / "tests" / "vectors" / "index.json"
        idx_text = json.dumps(index, indent=2) + "\n"
        if write:
            idx.write_text(idx_text, encoding="utf-8")
            print(f"wrote {len(index)} vectors")
        elif idx.read_text(encoding="utf-8") != idx_text:
            print("tests/vectors/index.json is out of date", file=sys.stderr)
            bad += 1
        if not write:
            print(f"{len(index) - bad} passed, {bad} failed")
        return 1 if bad else 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(to_json(evaluate(Path(argv[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
