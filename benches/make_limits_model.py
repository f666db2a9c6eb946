#!/usr/bin/env python3
"""Writes two generated models for the benchmarks and tests.

benches/sensitivity-1000.toml: 1,000 uncertain values (500 parameters drawn from
distributions, each used by a flow's formula, and 500 flow amounts), 250 states, 10 years.

benches/limits.toml: a model at the format's limits for time and size (SPEC §2, §8):
a 200-year horizon, 64 actors, 256 states (every eighth time-limited), 1,000 cohorts in four
target groups, 1,000 transition rules, 24 uncertain values. Deterministic (no randomness), so
the file is the same on every run; `make bench` and the tests read it.

Usage: python3 benches/make_limits_model.py
"""
from pathlib import Path

H, NA, NS, NCOHORTS, NGROUPS = 200, 64, 256, 1000, 4


def main() -> None:
    out = [
        "# A model at the format's limits (written by benches/make_limits_model.py; do not edit).",
        'format = "ekusia-model/1.1"',
        'name = "Limits: 200 years, 64 actors, 256 states, 1,000 cohorts"',
        f"horizon = {H}",
        "discount_rate = 0.035",
        "",
    ]
    for a in range(NA):
        out += ["[[actors]]", f'id = "a{a}"', f'name = {{ sv = "Aktör {a}", en = "Actor {a}" }}']
        if a == 0:
            out.append('kind = "individual"')
        out.append("")
    for s in range(NS):
        out += ["[[states]]", f'id = "s{s}"', f'name = "Tillstånd {s}"']
        if s % 8 == 3:
            out += [f"max_years = {2 + s % 5}", f'then = "s{(s + 1) % NS}"']
        payer = 1 + s % (NA - 1)
        other = 1 + (s * 7) % (NA - 1)
        amount = 50_000 + (s * 1_237) % 90_000
        if s % 16 == 5:
            lo, hi = amount * 9 // 10, amount * 11 // 10
            amount_text = f'{{ dist = "triangular", min = {lo}, mode = {amount}, max = {hi} }}'
        else:
            amount_text = str(amount)
        out.append("flows = [")
        out.append(f'  {{ type = "transfer", from = "a{payer}", to = "a0", amount = {amount_text} }},')
        out.append(f'  {{ type = "resource", actor = "a{other}", amount = {5_000 + (s * 311) % 20_000} }},')
        if s % 4 == 0:
            out.append(f'  {{ type = "production", actor = "a0", amount = {100_000 + (s * 977) % 300_000} }},')
        out.append("]")
        out.append("")
    out += ["[intervention]", 'start = { s0 = 0.5, s1 = 0.3, s2 = "rest" }']
    out.append("costs = [")
    out.append('  { name = "Team", amount = 2000000, years = [0, 1, 2, 3, 4], financing = { a1 = 2, a2 = 1 } },')
    out.append('  { name = "Plats", per_participant = { dist = "uniform", min = 10000, max = 20000 }, financing = { a1 = 1 } },')
    out.append("]")
    out.append("")

    def rules(offset: int, drawn: bool) -> list[str]:
        lines = ["transitions = ["]
        n = 0
        for s in range(NS):
            for step in (1, 5, 17, 101):
                if n >= 500:
                    break
                to = (s + step + offset) % NS
                share = 0.02 + ((s * 13 + step) % 20) / 1000
                if drawn and n % 25 == 0:
                    text = f'{{ dist = "triangular", min = {share / 2:.4f}, mode = {share:.4f}, max = {share * 1.5:.4f} }}'
                else:
                    text = f"{share:.4f}"
                lines.append(f'  {{ from = "s{s}", to = "s{to}", share = {text} }},')
                n += 1
        lines.append("]")
        return lines

    out += ["[scenarios.without]"] + rules(0, False) + [""]
    out += ["[scenarios.with]"] + rules(3, True) + [""]
    out += ["[analysis]", 'attribution = { dist = "uniform", min = 0.6, max = 1 }', ""]
    per = NCOHORTS // NGROUPS
    for g in range(NGROUPS):
        out += ["[[groups]]", f'id = "g{g}"', f'name = "Grupp {g}"']
        out.append(f'start = {{ s{g * 10} = 0.6, s{g * 10 + 3} = 0.2, s{g * 10 + 7} = "rest" }}')
        cohorts = ", ".join(
            f"{{ start_year = {(k * 3 + g) % 150}, participants = {10 + (k * 7 + g) % 40} }}" for k in range(per)
        )
        out.append(f"cohorts = [{cohorts}]")
        out.append("")
    Path(__file__).with_name("limits.toml").write_text("\n".join(out), encoding="utf-8")
    sensitivity_model()


def sensitivity_model() -> None:
    ns, na = 250, 8
    out = [
        "# 1,000 uncertain values (written by benches/make_limits_model.py; do not edit).",
        'format = "ekusia-model/1.1"',
        'name = "Sensitivity: 1,000 uncertain values"',
        "horizon = 10",
        "discount_rate = 0.035",
        "",
        "[parameters]",
    ]
    for k in range(500):
        mode = 1_000 + 37 * k
        out.append(f'p{k} = {{ dist = "triangular", min = {mode * 8 // 10}, mode = {mode}, max = {mode * 13 // 10} }}')
    out.append("")
    for a in range(na):
        out += ["[[actors]]", f'id = "a{a}"', f'name = "Aktör {a}"']
        if a == 0:
            out.append('kind = "individual"')
        out.append("")
    for s in range(ns):
        out += ["[[states]]", f'id = "s{s}"', f'name = "Tillstånd {s}"', "flows = ["]
        for j in range(2):
            k = 2 * s + j
            payer = 1 + k % (na - 1)
            if k < 500:
                out.append(f'  {{ type = "transfer", from = "a{payer}", to = "a0", amount = "= p{k} * 12" }},')
            lo = 20_000 + 101 * k
            out.append(f'  {{ type = "resource", actor = "a{payer}", amount = {{ dist = "uniform", min = {lo}, max = {lo * 3 // 2} }} }},')
        out.append("]")
        out.append("")
    out += ["[intervention]", 'start = { s0 = 1 }', "cohorts = [{ start_year = 0, participants = 100 }]",
            'costs = [{ name = "Team", amount = 1000000, years = [0], financing = { a1 = 1 } }]', "",
            "[scenarios.with]", "transitions = ["]
    out += [f'  {{ from = "s{s}", to = "s{s + 1}", share = 0.{10 + s % 80:02d} }},' for s in range(ns - 1)]
    out += ["]", ""]
    Path(__file__).with_name("sensitivity-1000.toml").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
