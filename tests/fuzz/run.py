"""Cross-interface fuzz campaign: hostile models through Python, JavaScript (Node) and the
command line, asserting for every case and interface:

* no crash: Python raises only ekusia.ModelError, JavaScript only coded Errors, the command
  line exits 0 or 1 (2 is for usage errors, which a model never is);
* every error has a code of SPEC §5 (or `panic`, which fails the run) and a path, empty only
  for `parse` and the input-size `limit`;
* identical results: the same report bytes, or the same (code, path) problems, in every
  interface; simulations and tornados too;
* presented output is safe (no ESC in the table, no raw <script in Markdown or HTML, no CSV text
  cell that a spreadsheet would run);
* bounded time per case and bounded memory.

    .venv/bin/python tests/fuzz/run.py --cases 300          # what `make test` runs
    .venv/bin/python tests/fuzz/run.py --cases 100000 --cli-every 50   # `make fuzz`
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ekusia

sys.path.insert(0, str(Path(__file__).parent))
from generate import ROOT, cases  # noqa: E402

CODES = {
    "parse", "schema", "unsupported_format", "unknown_reference", "duplicate_id", "invalid_share",
    "shares_sum", "outflow_exceeds_one", "invalid_range", "negative_amount", "financing", "limit",
    "overflow", "base_not_found", "formula", "cycle", "division_by_zero",
}
SECONDS_PER_CASE = 20.0
MAX_RSS_MIB = 3072


def py_outcome(fn):
    try:
        return ["ok", fn()]
    except ekusia.ModelError as e:
        return ["err", [[p["code"], p["path"]] for p in e.errors] or [[e.code, e.path]]]
    except Exception as e:  # noqa: BLE001 - any other exception is the finding
        return ["crash", f"{type(e).__name__}: {e}"]


def check_presentation(report, problems):
    table = report.table("en")
    if "\x1b" in table:
        problems.append("ESC in the terminal table")
    for name, text in [("markdown", report.to_markdown()), ("html", report.to_html()), ("jupyter", report._repr_html_())]:
        if "<script" in text.lower():
            problems.append(f"raw <script in {name}")
    for line in report.to_csv().splitlines()[1:]:
        first_cells = line.split(",")[:2]
        if any(c[:1] in ("=", "+", "@", "\t", "\r") for c in first_cells):
            problems.append(f"CSV cell a spreadsheet would run: {line[:60]}")


def python_side(text, problems):
    def evaluate():
        report = ekusia.Model.from_json(text).evaluate()
        check_presentation(report, problems)
        return report.to_json()

    def simulate():
        sim = ekusia.Model.from_json(text).simulate(runs=20, seed=1)
        return json.dumps(sim.to_dict())

    def sensitivity():
        # The exact tornado's JSON as the core writes it (the Python class holds Decimals).
        return ekusia.Model.from_json(text)._core.sensitivity()

    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {"evaluate": py_outcome(evaluate), "simulate": py_outcome(simulate), "sensitivity": py_outcome(sensitivity)}


ERROR_LINE = re.compile(r"^error\[([a-z_]+)\](?: at (\S+))?:")


def cli_outcome(cli, args, text):
    p = subprocess.run([cli, *args, "-", "--lang", "en"], input=text.encode(), capture_output=True, timeout=60)
    if p.returncode == 0:
        return ["ok", p.stdout.decode()]
    if p.returncode == 1:
        found = [ERROR_LINE.match(line) for line in p.stderr.decode(errors="replace").splitlines()]
        return ["err", [[m.group(1), m.group(2) or ""] for m in found if m]]
    return ["crash", f"exit {p.returncode}: {p.stderr.decode(errors='replace')[:300]}"]


def cli_side(cli, text):
    return {
        "evaluate": cli_outcome(cli, ["run", "--format", "json"], text),
        "simulate": cli_outcome(cli, ["simulate", "--runs", "20", "--seed", "1", "--format", "json"], text),
        "sensitivity": cli_outcome(cli, ["sensitivity", "--format", "json"], text),
    }


def normalise(kind, outcome):
    """Reports compare as bytes; simulations and tornados as parsed JSON (the Python layer keeps
    the text, the others too, but whitespace is not the point)."""
    if outcome[0] == "ok" and kind != "evaluate":
        # JavaScript writes the float 0.0 back as 0: compare numbers as numbers.
        return ["ok", json.loads(outcome[1], parse_int=float)]
    return outcome


def check_errors(where, outcome, problems):
    if outcome[0] == "crash":
        problems.append(f"{where}: crash: {outcome[1]}")
    elif outcome[0] == "err":
        if not outcome[1]:
            problems.append(f"{where}: an error without a problem")
        for code, path in outcome[1]:
            if code not in CODES:
                problems.append(f"{where}: uncoded or unknown code {code!r}")
            if not path and code not in ("parse", "limit"):
                problems.append(f"{where}: {code} without a path")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cli-every", type=int, default=3, help="run every n-th case through the command line too")
    ap.add_argument("--cli", default=str(ROOT / "target" / "debug" / "ekusia"))
    args = ap.parse_args(argv)
    all_cases = cases(args.seed, args.cases)
    failures = []
    slowest = 0.0
    tally: dict[str, int] = {}
    t_start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "cases.jsonl", Path(tmp) / "js.jsonl"
        inp.write_text("".join(json.dumps({"text": t}) + "\n" for _, t in all_cases), encoding="utf-8")
        js = subprocess.run(["node", str(ROOT / "tests/fuzz/run.mjs"), str(inp), str(out)], capture_output=True, timeout=3600)
        if js.returncode != 0:
            print(js.stderr.decode(errors="replace")[-2000:], file=sys.stderr)
            return 1
        js_outcomes = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for i, (_, text) in enumerate(all_cases):
        problems: list[str] = []
        t0 = time.perf_counter()
        py = python_side(text, problems)
        sides = {"python": py, "js": js_outcomes[i]}
        if args.cli_every and i % args.cli_every == 0:
            sides["cli"] = cli_side(args.cli, text)
        slowest = max(slowest, time.perf_counter() - t0)
        for kind, o in py.items():
            key = f"{kind} ok" if o[0] == "ok" else f"{kind} {o[1][0][0] if o[0] == 'err' and o[1] else o[0]}"
            tally[key] = tally.get(key, 0) + 1
        if time.perf_counter() - t0 > SECONDS_PER_CASE:
            problems.append(f"took {time.perf_counter() - t0:.1f} s")
        for side, outcomes in sides.items():
            for kind, outcome in outcomes.items():
                check_errors(f"{side} {kind}", outcome, problems)
        for kind in ("evaluate", "simulate", "sensitivity"):
            seen = {side: normalise(kind, o[kind]) for side, o in sides.items()}
            if len({json.dumps(v, sort_keys=True) for v in seen.values()}) > 1:
                brief = {s: (v[0], v[1] if v[0] != "ok" else "…") for s, v in seen.items()}
                problems.append(f"{kind} differs between interfaces: {brief}")
        if problems:
            failures.append((i, problems, text[:300]))
    rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    if rss > MAX_RSS_MIB:
        failures.append((-1, [f"peak memory {rss:.0f} MiB"], ""))
    print(
        f"fuzz: {len(all_cases)} hostile models through Python and JavaScript"
        f" ({len(all_cases) // max(args.cli_every, 1) if args.cli_every else 0} through the command line too):"
        f" {len(failures)} failing, slowest case {slowest:.2f} s, peak memory {rss:.0f} MiB,"
        f" {time.perf_counter() - t_start:.0f} s in all"
    )
    print("  outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items(), key=lambda kv: -kv[1])[:12]))
    for i, problems, text in failures[:20]:
        print(f"  case {i}: {problems[:3]}\n    {text!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
