#!/usr/bin/env python3
"""Independent reference implementation of the ekusia arithmetic (SPEC §3) and report (§4),
with version 1.1's parameters and formulas (§8.1), time limits (§8.2), target groups (§8.3),
outcomes (§8.4), breakdowns (§8.5) and the figures Swedish practice reports (§8.6): the report
"ekusia-report/1.1" (model.parameters, the groups and outcomes sections, and the rows' payback
months, cost per participant, potential, efficiency, milestones and breakdowns added).

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

Cohorts that share a start year (within a group) are taken as one for the scenario flows and
the outcomes' quantities (docs/arithmetic.md §4, §17): their participants are summed in file
order, and the start years are walked in the order of their first cohort, so one product of
the summed count stands where several rounded products and sums stood before; with distinct
start years nothing changes. Costs, the potential and the participant counts still go cohort
by cohort.

Usage:
    ekusia_ref.py MODEL               print the report JSON
    ekusia_ref.py --write-vectors     regenerate tests/vectors/*.json
    ekusia_ref.py --check-vectors     fail if any vector differs from a fresh computation, or the
                                      self-test fails (formulas, twin models, groups and
                                      breakdowns adding up, the HIV Markov model's ICER)
"""
from __future__ import annotations

import json
import math
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
    distribution, its point value (the mode, or the mean; uniform: R((min + max) / 2))."""
    if isinstance(v, dict):
        kind = v["dist"]
        if kind in ("triangular", "pert"):
            return num(v["mode"])
        if kind == "uniform":
            return div(add(num(v["min"]), num(v["max"])), Fraction(2))
        return num(v["mean"])
    if isinstance(v, bool):
        raise TypeError("boolean is not a number")
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, float):
        return Fraction(Decimal(repr(v)))
    return Fraction(Decimal(str(v).strip()))


# ---------------------------------------------------------------------------------------------
# Formulas and parameters (SPEC §8.1, docs/arithmetic.md 11–13)


class FormulaError(Exception):
    """A formula the reference cannot evaluate (validation is the crate's business; the
    reference only stops with a readable reason)."""


FUNCTIONS = {"min": (2, None), "max": (2, None), "round": (2, 2), "floor": (1, 1), "ceil": (1, 1)}


def is_formula(v) -> bool:
    return isinstance(v, str) and v.startswith("=")


def tokens(src: str) -> list:
    """(kind, text, position) with kind one of num, id, op; position counts from 1 in the whole
    string, the leading '=' included."""
    out = []
    i = 1  # after the leading '='
    while i < len(src):
        ch = src[i]
        if ch in " \t\r\n":
            i += 1
        elif ch.isdigit():
            j = i
            while j < len(src) and src[j].isdigit():
                j += 1
            if j < len(src) and src[j] == ".":
                j += 1
                if j >= len(src) or not src[j].isdigit():
                    raise FormulaError(f"a digit must follow '.' at position {j + 1}")
                while j < len(src) and src[j].isdigit():
                    j += 1
            out.append(("num", src[i:j], i + 1))
            i = j
        elif ch.isalpha() or ch == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            out.append(("id", src[i:j], i + 1))
            i = j
        elif ch in "+-*/(),%":
            out.append(("op", ch, i + 1))
            i += 1
        else:
            raise FormulaError(f"unexpected {ch!r} at position {i + 1}")
    out.append(("end", "", len(src) + 1))
    return out


def parse_formula(src: str):
    """The formula's tree: ('num', value) | ('ref', id) | ('neg', x) | ('pos', x) |
    ('op', '+-*/', a, b) | ('call', name, [args]), by the grammar of SPEC §8.1."""
    toks = tokens(src)
    pos = 0

    def peek():
        return toks[pos]

    def take(kind=None, text=None):
        nonlocal pos
        t = toks[pos]
        if (kind and t[0] != kind) or (text and t[1] != text):
            raise FormulaError(f"expected {text or kind} at position {t[2]}")
        pos += 1
        return t

    def expr(depth):
        a = term(depth)
        while peek()[0] == "op" and peek()[1] in "+-":
            op = take()[1]
            a = ("op", op, a, term(depth))
        return a

    def term(depth):
        a = unary(depth)
        while peek()[0] == "op" and peek()[1] in "*/":
            op = take()[1]
            a = ("op", op, a, unary(depth))
        return a

    def unary(depth):
        t = peek()
        if t[0] == "op" and t[1] in "+-":
            take()
            if depth + 1 > 64:
                raise FormulaError("nesting deeper than 64")
            return ("neg" if t[1] == "-" else "pos", unary(depth + 1))
        return primary(depth)

    def primary(depth):
        t = take()
        if t[0] == "num":
            v = Fraction(Decimal(t[1]))
            if peek()[:2] == ("op", "%"):
                take()
                v = R(v / 100)
            return ("num", v)
        if t[0] == "id":
            if peek()[:2] == ("op", "("):
                take()
                if depth + 1 > 64:
                    raise FormulaError("nesting deeper than 64")
                if t[1] not in FUNCTIONS:
                    raise FormulaError(f"unknown function {t[1]!r} at position {t[2]}")
                args = [expr(depth + 1)]
                while peek()[:2] == ("op", ","):
                    take()
                    args.append(expr(depth + 1))
                take("op", ")")
                lo, hi = FUNCTIONS[t[1]]
                if len(args) < lo or (hi is not None and len(args) > hi):
                    raise FormulaError(f"{t[1]} takes the wrong number of arguments at position {t[2]}")
                return ("call", t[1], args)
            return ("ref", t[1])
        if t[:2] == ("op", "("):
            if depth + 1 > 64:
                raise FormulaError("nesting deeper than 64")
            a = expr(depth + 1)
            take("op", ")")
            return a
        raise FormulaError(f"unexpected {t[1] or 'end'} at position {t[2]}")

    tree = expr(0)
    take("end")
    return tree


def round_half_away(x: Fraction, n: int) -> Fraction:
    scale = 10**n
    q = math.floor(abs(x) * scale + Fraction(1, 2))
    return (-1 if x < 0 else 1) * Fraction(q, scale)


def eval_formula(tree, lookup) -> Fraction:
    """Each +, -, * is one rounded operation (R), / is div; literals, % and signs are exact."""
    kind = tree[0]
    if kind == "num":
        return tree[1]
    if kind == "ref":
        return lookup(tree[1])
    if kind == "neg":
        return -eval_formula(tree[1], lookup)
    if kind == "pos":
        return eval_formula(tree[1], lookup)
    if kind == "op":
        a = eval_formula(tree[2], lookup)
        b = eval_formula(tree[3], lookup)
        if tree[1] == "/":
            if b == 0:
                raise FormulaError("division by zero")
            return div(a, b)
        return {"+": add, "-": sub, "*": mul}[tree[1]](a, b)
    name, args = tree[1], [eval_formula(a, lookup) for a in tree[2]]
    if name in ("min", "max"):
        best = args[0]
        for v in args[1:]:
            if (v < best) if name == "min" else (v > best):
                best = v
        return best
    if name == "round":
        n = args[1]
        if n.denominator != 1 or not 0 <= n <= 28:
            raise FormulaError("round's n must be a whole number from 0 to 28")
        return round_half_away(args[0], int(n))
    if name == "floor":
        return Fraction(math.floor(args[0]))
    return Fraction(math.ceil(args[0]))


def point(v, lookup) -> Fraction:
    """The value of a place (or a parameter): a number, a formula, a distribution's point value
    (its fields may be formulas), or a parameter table's `value`."""
    if isinstance(v, dict):
        if "dist" not in v:
            return point(v["value"], lookup)
        kind = v["dist"]
        if kind in ("triangular", "pert"):
            return point(v["mode"], lookup)
        if kind == "uniform":
            return div(add(point(v["min"], lookup), point(v["max"], lookup)), Fraction(2))
        return point(v["mean"], lookup)
    if is_formula(v):
        return eval_formula(parse_formula(v), lookup)
    return num(v)


def evaluate_parameters(defs: dict) -> dict:
    """Every parameter's value, each evaluated once its references are known (depth first)."""
    values = {}
    visiting = []

    def get(pid):
        if pid in values:
            return values[pid]
        if pid not in defs:
            raise FormulaError(f"unknown parameter {pid!r}")
        if pid in visiting:
            raise FormulaError("cycle: " + " -> ".join(visiting[visiting.index(pid):] + [pid]))
        visiting.append(pid)
        values[pid] = point(defs[pid], get)
        visiting.pop()
        return values[pid]

    for pid in defs:
        get(pid)
    return {pid: values[pid] for pid in defs}


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


def merged_parameters(base_params: dict, own_params: dict) -> dict:
    """Base parameters first; a model parameter with a base parameter's id replaces it in the
    base's place; the model's new ones follow in model order."""
    out = dict(base_params)
    for pid, v in own_params.items():
        out[pid] = v  # a dict keeps a replaced key in its first place
    return out


def distribution(shares: dict, state_ids: list, value) -> list:
    d = [ZERO] * len(state_ids)
    named = ZERO
    rest = None
    for sid, v in shares.items():
        i = state_ids.index(sid)
        if isinstance(v, str) and v.strip() == "rest":
            rest = i
        else:
            d[i] = value(v)
            named += d[i]
    if rest is not None:
        d[rest] = ONE - named
    return d


def total(values):
    """Σ in order: from 0, each addition rounded."""
    s = ZERO
    for v in values:
        s = add(s, v)
    return s


def load_model(model_path: Path):
    m = load_doc(model_path)
    base = {"actors": [], "states": []}
    if "base" in m:
        p = ROOT / "models" / "bases" / f"{m['base']}.toml"
        base = load_doc(p if p.exists() else model_path.parent / m["base"])
    return m, base


def evaluate(model_path: Path) -> dict:
    m, base = load_model(model_path)
    actors = merged(base.get("actors", []), m.get("actors", []))
    states = merged(base.get("states", []), m.get("states", []))
    A = [a["id"] for a in actors]
    S = [s["id"] for s in states]
    kinds = [a.get("kind", "public") for a in actors]
    H = int(num(m.get("horizon", 10)))
    price_year = m.get("price_year", base.get("price_year"))
    currency = m.get("currency", base.get("currency", "SEK"))

    # §8.1 parameters, then every place's value (a number, a formula or a distribution)
    params = evaluate_parameters(merged_parameters(base.get("parameters", {}), m.get("parameters", {})))

    def V(v) -> Fraction:
        return point(v, params.__getitem__)

    # §3.1 net yearly amount per state and actor; §8.5 the same restricted to one flow key
    def flow_key(fl):
        return (fl["type"], fl.get("category"))

    def state_amounts(keep) -> list:
        out = []
        for s in states:
            row = [ZERO] * len(A)
            for fl in s.get("flows", []):
                if not keep(fl):
                    continue
                # Each addition rounded as a decimal (docs/arithmetic.md, step 1): amounts that
                # are formulas can carry 28 digits, and their sum must fit a decimal too.
                amt = V(fl["amount"])
                if fl["type"] == "transfer":
                    i, j = A.index(fl["from"]), A.index(fl["to"])
                    row[i] = sub(row[i], amt)
                    row[j] = add(row[j], amt)
                elif fl["type"] == "resource":
                    i = A.index(fl["actor"])
                    row[i] = sub(row[i], amt)
                else:
                    i = A.index(fl["actor"])
                    row[i] = add(row[i], amt)
            out.append(row)
        return out

    f = state_amounts(lambda fl: True)
    # The breakdown's keys: (type, category) in order of first appearance, states in model
    # order (the base's first), flows in file order.
    keys = []
    for s in states:
        for fl in s.get("flows", []):
            if flow_key(fl) not in keys:
                keys.append(flow_key(fl))
    f_key = [state_amounts(lambda fl, k=k: flow_key(fl) == k) for k in keys]

    analysis = m.get("analysis", {})
    success = analysis.get("success")
    y_success = int(num(success["years"])) if success else 0
    n_rates = max(H, y_success + 1)

    # §3.8 rates and discount factors (the model's; an outcome has its own, §8.4)
    def factors(dr, n) -> tuple:
        if isinstance(dr, list):
            steps = [(int(num(s["from_year"])), V(s["rate"])) for s in dr]
            rates = []
            for t in range(n):
                rates.append([r for (y, r) in steps if y <= t][-1])
        else:
            rates = [V(dr)] * n
        delta = [ONE]
        for t in range(1, n):
            delta.append(div(delta[-1], add(ONE, rates[t])))
        return rates, delta

    rates, delta = factors(m.get("discount_rate", "0.035"), n_rates)
    milestones = [int(num(y)) for y in analysis.get("milestones", [])]

    iv = m["intervention"]
    warnings = []
    scen = m.get("scenarios", {})

    # §8.3 groups: each group's start, cohorts and scenarios, inherited one by one from the
    # top-level keys; without `groups`, the model is one group made of the top-level keys.
    # A cohort outside the horizon is warned about once, under its own path, when a group
    # first uses it (top-level cohorts that no group uses are not looked at).
    warned = set()

    def cohorts_of(raw, path):
        out = []
        for k, c in enumerate(raw):
            s0 = int(num(c.get("start_year", 0)))
            if s0 >= H:
                if f"{path}[{k}]" not in warned:
                    warned.add(f"{path}[{k}]")
                    warnings.append(
                        f"{path}[{k}] starts in year {s0}, outside the horizon (years 0 to {H - 1}), and was ignored"
                    )
            else:
                n = V(c["participants"])
                assert n.denominator == 1 and n >= 0, "participants must be a whole number"
                out.append((s0, n))
        return out

    groups = []
    for g, gr in enumerate(m.get("groups") or [{}]):
        own = gr.get("scenarios", {})
        groups.append({
            "id": gr.get("id"),
            "name": gr.get("name"),
            "start": distribution(gr["start"] if "start" in gr else iv["start"], S, V),
            "cohorts": (cohorts_of(gr["cohorts"], f"groups[{g}].cohorts") if "cohorts" in gr
                        else cohorts_of(iv.get("cohorts", []), "intervention.cohorts")),
            "with": own["with"] if "with" in own else scen.get("with"),
            "without": own["without"] if "without" in own else scen.get("without"),
        })
    group_ids = [gr["id"] for gr in groups]

    # §3.2 and §8.2 occupancy per scenario, time limits by time in state
    limited = {}  # state index -> (max_years, index of `then`)
    for i, s in enumerate(states):
        if "max_years" in s:
            limited[i] = (int(num(s["max_years"])), S.index(s["then"]))

    def occupancy(scn, start) -> list:
        if scn and scn.get("trajectory"):  # time limits do not apply
            entries = sorted(scn["trajectory"], key=lambda e: int(num(e["year"])))
            d = [start]
            for c in range(1, H):
                cur = start
                for e in entries:
                    if int(num(e["year"])) <= c:
                        cur = distribution(e["shares"], S, V)
                d.append(cur)
            return d
        rules = []
        for rule in (scn or {}).get("transitions", []):
            lo = int(num(rule.get("from_year", 1)))
            hi = int(num(rule["to_year"])) if "to_year" in rule else 10**9
            rules.append((lo, hi, S.index(rule["from"]), S.index(rule["to"]), V(rule["share"])))
        d = [start]
        subs = {i: [start[i]] + [ZERO] * (mx - 1) for i, (mx, _) in limited.items()}
        for c in range(1, H):
            prev = d[-1]
            out = [ZERO] * len(S)
            inn = [ZERO] * len(S)
            out_sub = {i: [ZERO] * mx for i, (mx, _) in limited.items()}
            for lo, hi, i, j, share in rules:
                if not lo <= c <= hi:
                    continue
                if i in limited:
                    for k in range(limited[i][0]):
                        moved = mul(share, subs[i][k])
                        out_sub[i][k] = add(out_sub[i][k], moved)
                        inn[j] = add(inn[j], moved)
                else:
                    moved = mul(share, prev[i])
                    out[i] = add(out[i], moved)
                    inn[j] = add(inn[j], moved)
            for i, (mx, then) in limited.items():  # dict order is state order
                inn[then] = add(inn[then], sub(subs[i][mx - 1], out_sub[i][mx - 1]))
            cur = [ZERO] * len(S)
            new_subs = {}
            for i in range(len(S)):
                if i in limited:
                    mx = limited[i][0]
                    new_subs[i] = [inn[i]] + [sub(subs[i][k], out_sub[i][k]) for k in range(mx - 1)]
                    cur[i] = total(new_subs[i])
                else:
                    cur[i] = add(sub(prev[i], out[i]), inn[i])
            d.append(cur)
            subs = new_subs
        return d

    # §3.3 scenario flows of one group: occupancy once per group and scenario, then the money
    # (and, for the breakdown, each flow key's money) per participant and per calendar year
    occ_w = [occupancy(gr["with"], gr["start"]) for gr in groups]
    occ_o = [occupancy(gr["without"], gr["start"]) for gr in groups]

    def per_person(d, amounts) -> list:
        """P[c][a] = Σ over states in state order of d_c[i]·f_i[a] (zeros skipped)."""
        per = []
        for dc in d:
            p = [ZERO] * len(A)
            for i, share in enumerate(dc):
                if share == 0:
                    continue
                for a in range(len(A)):
                    if amounts[i][a] != 0:
                        p[a] = add(p[a], mul(share, amounts[i][a]))
            per.append(p)
        return per

    def cohort_flows(per, cohorts) -> list:
        """F[t][a] = Σ over start years in order of first appearance (s <= t) of N_s·P[t - s][a],
        N_s the participants of the cohorts starting in year s summed in file order."""
        F = [[ZERO] * len(A) for _ in range(H)]
        for s0, n in by_start_year(cohorts):
            for t in range(s0, H):
                for a in range(len(A)):
                    F[t][a] = add(F[t][a], mul(n, per[t - s0][a]))
        return F

    attribution = V(analysis.get("attribution", 1))

    def effect(Fw, Fo):
        return [[mul(attribution, sub(Fw[t][a], Fo[t][a])) for a in range(len(A))] for t in range(H)]

    def summed(parts):  # Σ over groups in group order
        return [[total(P[t][a] for P in parts) for a in range(len(A))] for t in range(H)]

    def money(amounts):
        """(F_with per group, F_without per group, F_with, F_without, E) for these amounts."""
        fw_g = [cohort_flows(per_person(occ_w[g], amounts), gr["cohorts"]) for g, gr in enumerate(groups)]
        fo_g = [cohort_flows(per_person(occ_o[g], amounts), gr["cohorts"]) for g, gr in enumerate(groups)]
        fw, fo = summed(fw_g), summed(fo_g)
        return fw_g, fo_g, fw, fo, effect(fw, fo)

    Fw_g, Fo_g, Fw, Fo, E = money(f)
    Po_g = [per_person(occ_o[g], f) for g in range(len(groups))]  # §8.6 potential
    # §8.5 each flow key's effect, by the same arithmetic with only that key's flows
    E_key = [money(fk)[4] for fk in f_key]

    # §3.5 intervention cost; §8.5 each item's own share of it
    def zeros():
        return [[ZERO] * len(A) for _ in range(H)]

    def add_cost(K, c, warn):
        """Adds item c's contributions into K (in place), warning about years outside."""
        weight_total = total(V(w) for w in c["financing"].values())
        weights = [(A.index(aid), div(V(w), weight_total)) for aid, w in c["financing"].items()]
        if "amount" in c:
            amount = V(c["amount"])
            for y in c.get("years", [0]):
                t = int(num(y))
                if t >= H:
                    if warn:
                        warnings.append(f"cost '{c['name']}' in year {t} is outside the horizon and was ignored")
                    continue
                for a, w in weights:
                    K[t][a] = add(K[t][a], mul(amount, w))
        else:
            amount = V(c["per_participant"])
            cy = int(num(c.get("cohort_year", 0)))
            for gr in groups:
                if "groups" in c and gr["id"] not in c["groups"]:
                    continue
                for s0, n in gr["cohorts"]:
                    t = s0 + cy
                    if t >= H:
                        if warn:
                            warnings.append(
                                f"cost '{c['name']}' for the cohort starting in year {s0} falls in year {t}, outside the horizon, and was ignored"
                            )
                        continue
                    base_amount = mul(n, amount)
                    for a, w in weights:
                        K[t][a] = add(K[t][a], mul(base_amount, w))

    # K: every item's contributions added in item order into one running sum per year and
    # actor (not the sum of the items' K_item, which could round differently).
    cost_items = iv.get("costs", [])
    K = zeros()
    for c in cost_items:
        add_cost(K, c, True)
    K_item = []
    for c in cost_items:
        K_item.append(zeros())
        add_cost(K_item[-1], c, False)
    # The crate reports warnings in model order: cohorts first, then costs in file order.

    group_participants = [sum((n for _, n in gr["cohorts"]), ZERO) for gr in groups]
    participants = sum(group_participants, ZERO)

    def pv_of(X, members, upto=None) -> Fraction:
        """Σ_t in order of δ_t·X[t][R], X[t][R] the sum over R's actors in actor order; over
        t = 0 .. upto-1 (a milestone), or the whole horizon."""
        pv = ZERO
        for t in range(H if upto is None else upto):
            pv = add(pv, mul(delta[t], total(X[t][a] for a in members)))
        return pv

    def row(rid, name, kind, members):
        years = []
        pv_e = pv_c = cum = ZERO
        at = {}  # milestone m -> (pv_effect, pv_cost) over t = 0 .. m-1
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
            at[t + 1] = (pv_e, pv_c)
        npv = sub(pv_e, pv_c)
        has_cost = pv_c != 0
        payback = None
        if has_cost:
            for y in reversed(years):
                if y[8] >= 0:
                    payback = y[0]
                else:
                    break
        # §8.6 payback in months: the net spread evenly over the payback year
        months = None
        if payback == 0:
            months = ZERO
        elif payback is not None:
            c_before, c_at = years[payback - 1][8], years[payback][8]
            months = add(Fraction(12 * payback), div(mul(Fraction(12), -c_before), sub(c_at, c_before)))
        sv = bes = None
        potential = efficiency = None
        if success:
            i, j = S.index(success["from"]), S.index(success["to"])
            fi = total(f[i][a] for a in members)
            fj = total(f[j][a] for a in members)
            diff = sub(fj, fi)
            sv = ZERO
            for c in range(1, y_success + 1):
                sv = add(sv, mul(delta[c], diff))
            bes = ratio(pv_c, sv) if has_cost and sv > 0 else None
            # §8.6 potential: everyone in `to` from cohort year 1 to the horizon, against the
            # counterfactual's money per person (time limits included)
            acc = ZERO
            for g, gr in enumerate(groups):
                for s0, n in gr["cohorts"]:
                    for c in range(1, H - s0):
                        term = sub(fj, total(Po_g[g][c][a] for a in members))
                        acc = add(acc, mul(delta[s0 + c], mul(n, term)))
            potential = acc if attribution == 1 else mul(attribution, acc)
            efficiency = ratio(pv_e, potential) if potential > 0 else None
        return {
            "id": rid,
            "name": name["sv"],
            "names": name,
            "kind": kind,
            "members": members,
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
            "payback_months": months,
            "pv_cost_per_participant": ratio(pv_c, participants) if participants != 0 else None,
            "potential": potential,
            "efficiency": efficiency,
            "milestones": [
                {"years": ms, "pv_effect": text(at[ms][0]), "pv_cost": text(at[ms][1]),
                 "npv": text(sub(at[ms][0], at[ms][1]))}
                for ms in milestones
            ],
            "breakdown": [
                {"type": ty, "category": cat, "pv_effect": text(pv_of(E_key[x], members))}
                for x, (ty, cat) in enumerate(keys)
            ],
            "cost_breakdown": [
                {"name": c["name"], "pv_cost": text(pv_of(K_item[x], members))}
                for x, c in enumerate(cost_items)
            ],
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

    # §8.3 the group section: pv_effect of each report row restricted to one group's cohorts
    group_section = []
    if m.get("groups"):
        for g, gr in enumerate(groups):
            Eg = effect(Fw_g[g], Fo_g[g])
            n = group_participants[g]
            grows = []
            for r in rows:
                pv = ZERO
                for t in range(H):
                    pv = add(pv, mul(delta[t], total(Eg[t][a] for a in r["members"])))
                grows.append({
                    "id": r["id"],
                    "pv_effect": text(pv),
                    "pv_effect_per_participant": text(div(pv, n)) if n != 0 else None,
                })
            group_section.append({
                "id": gr["id"],
                "name": name_sv(gr["name"]),
                "names": names(gr["name"]),
                "participants": int(n),
                "rows": grows,
            })
    assert len(set(group_ids)) == len(group_ids)

    def out(x):
        return None if x is None else text(x)

    # §8.4 outcomes that are not money: the same occupancy, quantities per person-year, the
    # outcome's own discount factors; net cost per unit for every report row
    outcome_section = []
    for o in m.get("outcomes", []):
        q = [ZERO] * len(S)
        for sid, v in o["per_state"].items():
            q[S.index(sid)] = V(v)
        _, d_o = factors(o.get("discount_rate", 0), H)

        def quantity(occ, q=q) -> list:
            parts = []
            for g, gr in enumerate(groups):
                per = []
                for dc in occ[g]:
                    pq = ZERO
                    for i, share in enumerate(dc):
                        if share != 0 and q[i] != 0:
                            pq = add(pq, mul(share, q[i]))
                    per.append(pq)
                Qg = [ZERO] * H
                for s0, n in by_start_year(gr["cohorts"]):
                    for t in range(s0, H):
                        Qg[t] = add(Qg[t], mul(n, per[t - s0]))
                parts.append(Qg)
            return [total(Qg[t] for Qg in parts) for t in range(H)]

        Qw, Qo = quantity(occ_w), quantity(occ_o)
        eff = [sub(Qw[t], Qo[t]) if attribution == 1 else mul(attribution, sub(Qw[t], Qo[t])) for t in range(H)]
        pv_o = ZERO
        for t in range(H):
            if eff[t] != 0:
                pv_o = add(pv_o, mul(d_o[t], eff[t]))
        outcome_section.append({
            "id": o["id"],
            "name": name_sv(o["name"]),
            "names": names(o["name"]),
            "unit": names(o["unit"]) if "unit" in o else None,
            "with": text(total(Qw)),
            "without": text(total(Qo)),
            "effect": text(total(eff)),
            "pv_effect": text(pv_o),
            "net_cost_per_unit": {
                r["id"]: (out(ratio(-r["npv"], pv_o)) if pv_o != 0 else None) for r in rows
            },
            "years": [
                {"year": t, "discount_factor": text(d_o[t]), "with": text(Qw[t]), "without": text(Qo[t]),
                 "effect": text(eff[t])}
                for t in range(H)
            ],
        })

    def year_obj(y):
        keys = ("year", "discount_factor", "with", "without", "effect", "cost", "net", "pv_net", "cumulative_pv_net")
        return {k: (v if k == "year" else text(v)) for k, v in zip(keys, y)}

    return {
        "format": "ekusia-report/1.1",
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
            "parameters": [{"id": pid, "value": text(v)} for pid, v in params.items()],
        },
        "warnings": warnings,
        "rows": [
            {
                **{
                    k: (out(v) if isinstance(v, Fraction) or v is None else v)
                    for k, v in r.items()
                    if k not in ("years", "members")
                },
                "years": [year_obj(y) for y in r["years"]],
            }
            for r in rows
        ],
        "groups": group_section,
        "outcomes": outcome_section,
    }


def to_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def vector_cases():
    """(model path, vector path) for every example model and every extra vector model."""
    cases = []
    for p in sorted((ROOT / "models" / "examples").glob("*.toml")):
        cases.append((p, ROOT / "tests" / "vectors" / "reports" / f"{p.stem}.json"))
    for p in sorted((ROOT / "tests" / "vectors" / "models").glob("*.*")):
        if str(load_doc(p).get("format", "")).startswith("ekusia-base/"):
            continue  # a base file that a vector model names by path, not a model
        cases.append((p, ROOT / "tests" / "vectors" / "reports" / f"{p.stem}.json"))
    return cases


# Pairs of vector models that must give identical rows (and warnings), but for the row keys
# named: a time limit longer than the horizon never binds; a formula's value is used exactly as
# the number written out; milestones add a key and change nothing else.
TWINS = [
    ("v11-limit-beyond-horizon.toml", "v11-limit-beyond-horizon-twin.toml", ()),
    ("v11-parameters-twin.toml", "v11-parameters-written.toml", ()),
    ("v11-outputs.toml", "v11-outputs-twin.toml", ("milestones",)),
]

# Vector models whose `with` scenario puts everyone in the success's `to` state from cohort
# year 1: the effect is the whole potential, so efficiency is 1 up to rounding (potential > 0).
FULL_POTENTIAL = ["v11-outputs.toml", "v11-outputs-twin.toml"]


def hiv_markov(cost_rate: Fraction, ly_rate: Fraction) -> tuple:
    """The HIV model of Chancellor et al. (1997) as in Briggs, Claxton & Sculpher (2006),
    exercise 2.5, computed exactly (no rounding) as a plain Markov trace, independently of
    the ekusia model that writes it as states and rules: per patient, (discounted cost with
    monotherapy, with combination, discounted life years with monotherapy, with combination).
    Cycles 1..20 counted (not cycle 0), the relative risk on every probability of progressing
    in cycles 1 and 2, lamivudine paid in those cycles."""
    counts = [[1251, 350, 116, 17], [0, 731, 512, 15], [0, 0, 1312, 437], [0, 0, 0, 1]]
    mono = [[Fraction(c, sum(row)) for c in row] for row in counts]
    rr = Fraction(509, 1000)
    comb = []
    for i, row in enumerate(mono):
        new = [rr * p if j != i else None for j, p in enumerate(row)]
        new[i] = 1 - sum(p for p in new if p is not None)
        comb.append(new)
    state_cost = [1701 + 1055 + 2278, 1774 + 1278 + 2278, 6948 + 2059 + 2278, 0]
    lamivudine = Fraction(417300, 200)  # 2086.50

    def arm(combination: bool) -> tuple:
        pop = [ONE, ZERO, ZERO, ZERO]
        cost = ly = ZERO
        for t in range(1, 21):
            matrix = comb if combination and t <= 2 else mono
            pop = [sum(pop[i] * matrix[i][j] for i in range(4)) for j in range(4)]
            extra = lamivudine if combination and t <= 2 else 0
            cost += sum(pop[i] * (state_cost[i] + (extra if i < 3 else 0)) for i in range(4)) / (1 + cost_rate) ** t
            ly += sum(pop[:3]) / (1 + ly_rate) ** t
        return cost, ly

    (c_mono, ly_mono), (c_comb, ly_comb) = arm(False), arm(True)
    return c_mono, c_comb, ly_mono, ly_comb


def check_markov() -> int:
    """The HIV vectors: Briggs et al.'s published figures (exercise 2.5: costs at 6 %, life
    years undiscounted) and every ICER against the independent exact trace above."""
    bad = 0
    models = ROOT / "tests" / "vectors" / "models"

    def close(got: str, want: Fraction) -> bool:
        return abs(Fraction(Decimal(got)) - want) <= abs(want) * Fraction(1, 10**20)

    cases = [
        ("v11-markov-hiv.toml", Fraction(6, 100), {"life_years": ZERO}),
        ("v11-markov-hiv-nice.toml", Fraction(35, 1000), {"life_years": Fraction(35, 1000), "life_years_15": Fraction(15, 1000)}),
    ]
    for name, cost_rate, outcomes in cases:
        rep = evaluate(models / name)
        nhs = rep["rows"][0]
        for o in rep["outcomes"]:
            c_mono, c_comb, ly_mono, ly_comb = hiv_markov(cost_rate, outcomes[o["id"]])
            icer = (c_comb - c_mono) / (ly_comb - ly_mono)
            if not close(o["net_cost_per_unit"]["nhs"], icer):
                print(f"{name}: ICER for {o['id']} is {o['net_cost_per_unit']['nhs']}, the exact trace gives {float(icer)}", file=sys.stderr)
                bad += 1
            if not close(o["pv_effect"], 1000 * (ly_comb - ly_mono)):
                print(f"{name}: pv_effect of {o['id']} differs from the exact trace", file=sys.stderr)
                bad += 1
        if name == "v11-markov-hiv.toml":
            # Briggs et al. (2006), exercise 2.5: GBP 44,663 and 50,602 per patient, life years
            # 7.991 and 8.937, ICER GBP 6,276 per life year gained.
            o = rep["outcomes"][0]
            cost_with = -sum(Fraction(Decimal(y["discount_factor"])) * Fraction(Decimal(y["with"])) for y in nhs["years"]) / 1000
            cost_without = -sum(Fraction(Decimal(y["discount_factor"])) * Fraction(Decimal(y["without"])) for y in nhs["years"]) / 1000
            got = (round(cost_without), round(cost_with), round(Fraction(Decimal(o["without"])) / 1000, 3),
                   round(Fraction(Decimal(o["with"])) / 1000, 3), round(Fraction(Decimal(o["net_cost_per_unit"]["nhs"]))))
            want = (44663, 50602, Fraction(7991, 1000), Fraction(8937, 1000), 6276)
            if got != want:
                print(f"{name}: reproduces {got}, Briggs et al. publish {want}", file=sys.stderr)
                bad += 1
    return bad


def check_outputs(model: Path, rep: dict) -> int:
    """SPEC §8.5–§8.6 properties of one report: breakdowns add up to the row's totals (to
    1e-15 relative: they are sums of differently rounded products), a milestone at the horizon
    is the row's figures exactly, payback months lie in the payback year, full potential gives
    efficiency 1."""
    bad = 0
    H = rep["model"]["horizon"]

    def dec(x):
        return Fraction(Decimal(x))

    for r in rep["rows"]:
        for part, total_key, value_key in (("breakdown", "pv_effect", "pv_effect"), ("cost_breakdown", "pv_cost", "pv_cost")):
            entries = [dec(e[value_key]) for e in r[part]]
            whole = dec(r[total_key])
            scale = max([abs(whole)] + [abs(e) for e in entries])
            if abs(sum(entries) - whole) > scale * Fraction(1, 10**15):
                print(f"{model.name}: {r['id']}'s {part} does not add up to its {total_key}", file=sys.stderr)
                bad += 1
        for ms in r["milestones"]:
            if ms["years"] == H and (ms["pv_effect"], ms["pv_cost"], ms["npv"]) != (r["pv_effect"], r["pv_cost"], r["npv"]):
                print(f"{model.name}: {r['id']}'s milestone at the horizon differs from its pv figures", file=sys.stderr)
                bad += 1
        p = r["payback_year"]
        if (p is None) != (r["payback_months"] is None) or (p == 0 and r["payback_months"] != "0"):
            print(f"{model.name}: {r['id']}'s payback_months does not follow payback_year", file=sys.stderr)
            bad += 1
        elif p:
            months = dec(r["payback_months"])
            # in (12p, 12p + 12] exactly; rounding may give 12p itself (ratio-residual.toml)
            if not 12 * p <= months <= 12 * p + 12:
                print(f"{model.name}: {r['id']}'s payback_months {months} is outside year {p}", file=sys.stderr)
                bad += 1
        if model.name in FULL_POTENTIAL and r["efficiency"] is not None:
            if abs(dec(r["efficiency"]) - 1) > Fraction(1, 10**15):
                print(f"{model.name}: {r['id']}'s efficiency is {r['efficiency']}, not 1", file=sys.stderr)
                bad += 1
    return bad


# Formulas and their values (SPEC §8.1): the grammar, the written order, the functions.
FORMULA_CASES = [
    ("= 5%", "0.05"),
    ("= 12.5 %", "0.125"),
    ("= -5% * 2", "-0.1"),
    ("= 1/3", "0.3333333333333333333333333333"),
    ("= floor(1/3*3)", "0"),
    ("= floor(1*3/3)", "1"),
    ("= ceil(1/3*3)", "1"),
    ("= 2 - 3 - 4", "-5"),
    ("= 2 - (3 - 4)", "3"),
    ("= 2 + 3 * 4", "14"),
    ("= 24 / 4 / 2", "3"),
    ("= --3", "3"),
    ("= -+-3", "3"),
    ("= round(2.5, 0)", "3"),
    ("= round(-2.5, 0)", "-3"),
    ("= round(0.125, 2)", "0.13"),
    ("= round(-0.125, 2)", "-0.13"),
    ("= round(1/3, 28)", "0.3333333333333333333333333333"),
    ("= round(7, 2)", "7"),
    ("= floor(-0.5)", "-1"),
    ("= ceil(-0.5)", "0"),
    ("= min(3, 1, 2)", "1"),
    ("= max(3, 1, 2)", "3"),
    ("= min(1/3, 0.34) * 3", "0.9999999999999999999999999999"),
    ("=1+1", "2"),
    ("= 2/3", "0.6666666666666666666666666667"),
    ("= 10/3", "3.3333333333333333333333333333"),
    ("= 100/3", "33.333333333333333333333333333"),
    ("= 1/3 + 1/3 + 1/3", "0.9999999999999999999999999999"),
]


def self_test() -> int:
    """The twins, the formula table, the groups' pv_effect adding up to each row's (up to
    rounding), the HIV Markov vectors against Briggs et al. and an exact trace, and the
    properties of breakdowns, milestones, payback months and potential (check_outputs).
    Returns the number of failures."""
    bad = 0
    for src, want in FORMULA_CASES:
        got = text(point(src, {}.__getitem__))
        if got != want:
            print(f"formula {src!r} gives {got}, expected {want}", file=sys.stderr)
            bad += 1
    models = ROOT / "tests" / "vectors" / "models"
    for a, b, ignored in TWINS:
        ra, rb = evaluate(models / a), evaluate(models / b)

        def rows(rep, ignored=ignored):
            return [{k: v for k, v in r.items() if k not in ignored} for r in rep["rows"]]

        if (rows(ra), ra["warnings"]) != (rows(rb), rb["warnings"]):
            print(f"twins {a} and {b} give different rows", file=sys.stderr)
            bad += 1
    bad += check_markov()
    for model, _ in vector_cases():
        rep = evaluate(model)
        bad += check_outputs(model, rep)
        for i, r in enumerate(rep["rows"]):
            if not rep["groups"]:
                break
            parts = sum(Fraction(Decimal(g["rows"][i]["pv_effect"])) for g in rep["groups"])
            if abs(parts - Fraction(Decimal(r["pv_effect"]))) > Fraction(1, 10**15):
                print(f"{model.name}: the groups' pv_effect do not add up for {r['id']}", file=sys.stderr)
                bad += 1
    return bad


def by_start_year(cohorts):
    """docs/arithmetic.md §4: the cohorts that share a start year as one, their participants
    summed in file order (whole numbers, so exactly), the start years in the order of their
    first cohort in file order. With distinct start years this is the cohort list itself."""
    merged: dict = {}
    for s0, n in cohorts:
        merged[s0] = add(merged[s0], n) if s0 in merged else n
    return list(merged.items())


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
            failed = self_test()
            print(f"{len(index) - bad} passed, {bad} failed; self-test: {len(FORMULA_CASES)} formulas, "
                  f"{len(TWINS)} twins, 2 Markov models, {failed} failures")
            bad += failed
        return 1 if bad else 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(to_json(evaluate(Path(argv[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
