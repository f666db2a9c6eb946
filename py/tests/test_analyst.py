"""The analyst's one-liners of docs/python.md, each checked against separate exact evaluations:
values by readable path, sweep, solve, compare, numpy scalars, summary habits, the language
option, board-ready figures. A model of its own (the bundled examples' effects may be retuned)."""
import keyword
import pickle
from decimal import Decimal

import matplotlib
import numpy as np
import pandas as pd
import pytest

import ekusia

matplotlib.use("Agg")

FIXTURE = """
format = "ekusia-model/1.1"
name = "Analytikerns testmodell"
base = "se-2024"
horizon = 8

[parameters]
coach_cost = { value = 600000, name = { sv = "Coachkostnad per år", en = "Coach cost per year" } }

[intervention]
start = { social_assistance = 1 }
cohorts = [{ start_year = 0, participants = 30 }, { start_year = 1, participants = 20 }]

  [[intervention.costs]]
  name = "Coacher"
  amount = "= coach_cost"
  years = [0, 1]
  financing = { municipality = 1 }

  [[intervention.costs]]
  name = "Kurs, steg 1"
  per_participant = 10000
  financing = { municipality = 1, employment_service = 1 }

[[scenarios.without.transitions]]
from = "social_assistance"
to = "employment"
share = 0.04

[[scenarios.with.transitions]]
from = "social_assistance"
to = "employment"
share = 0.10

[[scenarios.with.transitions]]
from = "social_assistance"
to = "studies"
share = 0.03

[[scenarios.with.transitions]]
from = "studies"
to = "employment"
share = 0.2
from_year = 2
to_year = 4

[[scenarios.with.transitions]]
from = "studies"
to = "employment"
share = 0.3
from_year = 5
"""

SHARE = "scenarios.with.transitions[from=social_assistance,to=employment].share"


@pytest.fixture
def model() -> ekusia.Model:
    return ekusia.Model.from_toml(FIXTURE)


@pytest.fixture(autouse=True)
def _swedish_labels_after_each_test():
    yield
    ekusia.set_option("lang", "sv")
    ekusia._options._SET.discard("lang")


def npv(m: ekusia.Model, row: str = "society") -> Decimal:
    return m.evaluate().row(row).npv


# --- names, not positions ------------------------------------------------------------------

def test_set_and_get_by_selector_are_the_positional_edit(model):
    assert model.get(SHARE) == Decimal("0.10")
    by_name = model.set(SHARE, 0.12)
    by_index = model.set("scenarios.with.transitions[0].share", "0.12")
    assert by_name == by_index
    assert by_name.get("scenarios.with.transitions[0].share") == Decimal("0.12")
    # Other entries are untouched.
    assert by_name.get("scenarios.with.transitions[from=social_assistance,to=studies].share") == Decimal("0.03")
    # Costs and cohorts by name, a name with a comma quoted; parameters by id.
    assert model.get('intervention.costs[name="Kurs, steg 1"].per_participant') == Decimal("10000")
    assert model.set("intervention.cohorts[start_year=1].participants", 25).to_dict()["intervention"]["cohorts"][1][
        "participants"] == Decimal("25")
    assert model.get("parameters[id=coach_cost].value") == Decimal("600000")
    dearer = model.set("parameters[id=coach_cost].value", 900000)
    assert dearer.get("parameters.coach_cost.name.en") == "Coach cost per year"   # the table is kept
    # A base parameter the model does not set: get reads the base's, set adds it to the model.
    tax = model.get("parameters[id=municipal_tax].value")
    assert tax == model.parameters.loc["municipal_tax", "definition"] or tax == model.parameters.loc["municipal_tax", "value"]
    assert model.set("parameters[id=municipal_tax].value", "30%").get("parameters.municipal_tax") == Decimal("0.3")
    # The edit really reaches the report: the coach cost is paid by the municipality alone, so
    # 300,000 more a year for two years lowers its npv by their discounted sum.
    rate = Decimal("0.035")
    more = Decimal(300000) + Decimal(300000) / (1 + rate)
    diff = npv(model, "municipality") - npv(dearer, "municipality")
    assert abs(diff - more) < Decimal("0.000001")


def test_a_selector_that_matches_nothing_or_several_is_a_schema_error_with_suggestions(model):
    with pytest.raises(ekusia.ModelError) as e:
        model.set("scenarios.with.transitions[from=social_assistance,to=employmnt].share", 0.1)
    assert e.value.code == "schema"
    assert "from=social_assistance,to=employment" in e.value.errors[0]["values"]["suggestion"]
    with pytest.raises(ekusia.ModelError) as e:
        model.get("scenarios.with.transitions[from=studies,to=employment].share")
    assert e.value.code == "schema" and "2 entries" in e.value.message
    assert "from_year=5" in e.value.message   # the entries, told apart
    with pytest.raises(ekusia.ModelError) as e:
        model.get("intervention.costs[name=Coachar].amount")
    assert e.value.errors[0]["values"]["suggestion"] == "name=Coacher"
    with pytest.raises(ekusia.ModelError) as e:
        model.get("parameters[id=coach_cots].value")
    assert "coach_cost" in e.value.errors[0]["values"]["suggestion"]


@pytest.mark.parametrize("value", [np.int64(45), np.int32(45), np.float32(45), np.float64(45.0), pd.Series([45])[0]])
def test_numpy_and_pandas_integers_are_numbers(model, value):
    path = "intervention.cohorts[start_year=0].participants"
    assert model.set(path, value).get(path) == Decimal(45)
    assert npv(model.set(path, value)) == npv(model.set(path, 45))


@pytest.mark.parametrize("value", [np.float32(0.12), np.float64(0.12), pd.Series([0.12])[0], 0.12])
def test_numpy_floats_become_the_decimal_they_show(model, value):
    # float32(0.12) is 0.119999997…: it must reach the model as 0.12, the number the analyst typed.
    assert model.set(SHARE, value).get(SHARE) == Decimal("0.12")


@pytest.mark.parametrize("bad", [np.float32("nan"), np.float64("inf"), pd.NA])
def test_missing_numbers_are_errors(model, bad):
    with pytest.raises(ekusia.ModelError) as e:
        model.set(SHARE, bad)
    assert e.value.code == "schema" and e.value.path == SHARE


# --- the analyst's verbs -------------------------------------------------------------------

def test_compare_gives_one_frame_variant_by_row(model):
    dearer = model.set("parameters[id=coach_cost].value", 900000)
    df = ekusia.compare({"bas": model, "dyrare": dearer})
    assert df.index.names == ["variant", "row"]
    assert list(df.index.get_level_values("variant").unique()) == ["bas", "dyrare"]
    for name, m in (("bas", model), ("dyrare", dearer)):
        rep = m.evaluate()
        for r in rep.rows:
            assert df.loc[(name, r.id), "npv"] == float(r.npv)
    exact = ekusia.compare({"bas": model.evaluate(), "dyrare": dearer}, exact=True)
    assert exact.loc[("dyrare", "society"), "npv"] == npv(dearer)
    wide = df["npv"].unstack("variant")
    assert list(wide.columns) == ["bas", "dyrare"]
    with pytest.raises(ekusia.ModelError):
        ekusia.compare({"bas": model}, rows=["sociey"])


def test_sweep_is_each_value_evaluated_on_its_own(model):
    values = [Decimal("0.04"), 0.06, "0.08", np.float64(0.1), np.float32(0.12)]
    s = model.sweep(SHARE, values, exact=True)
    assert list(s.columns[:4]) == ["value", "row", "name", "kind"]
    assert len(s) == len(values) * len(model.evaluate().rows)
    for v in ["0.04", "0.06", "0.08", "0.1", "0.12"]:
        rep = model.set(SHARE, v).evaluate()
        part = s[s["value"] == Decimal(v)].set_index("row")
        for r in rep.rows:
            assert part.loc[r.id, "npv"] == r.npv
            assert part.loc[r.id, "bcr"] == r.bcr
    floats = model.sweep(SHARE, [0.05, 0.1], rows=["municipality", "society"])
    assert list(floats["row"]) == ["municipality", "society"] * 2
    assert floats["npv"].dtype == "float64" and floats["payback_year"].dtype == "Int64"
    wide = floats.pivot(index="value", columns="row", values="npv")
    assert wide.loc[0.1, "society"] == float(npv(model.set(SHARE, 0.1)))
    with pytest.raises(ekusia.ModelError) as e:
        model.sweep(SHARE, [0.1], rows=["municipalty"])
    assert "municipality" in e.value.message


def test_a_sweep_of_1000_values_equals_separate_evaluations(model):
    # Its speed is measured by `make bench-python` (timed tests are flaky on a shared machine);
    # here every value's rows must equal an evaluation of the edited model.
    values = [Decimal(i) / 10000 for i in range(1000)]
    s = model.sweep(SHARE, values, exact=True)
    assert len(s) == 1000 * 8
    for v in (values[0], values[137], values[999]):
        expected = model.set(SHARE, v).evaluate().row("society").npv
        got = s[(s["value"] == v) & (s["row"] == "society")]["npv"].iloc[0]
        assert got == expected


def test_solve_finds_the_break_even_share(model):
    x = model.solve(SHARE, row="municipality", target=0, lo=0, hi=0.9)
    assert isinstance(x, Decimal)
    eps = Decimal("1e-9")
    below, above = npv(model.set(SHARE, x - eps), "municipality"), npv(model.set(SHARE, x + eps), "municipality")
    assert below < 0 < above
    # At the answer the municipality's npv is nearly zero next to its cost.
    cost = model.evaluate().row("municipality").pv_cost
    assert abs(npv(model.set(SHARE, x), "municipality")) < cost * Decimal("1e-6")
    # Another target: the share at which society's npv is ten million.
    y = model.solve(SHARE, target=10_000_000, lo=0, hi=0.9)
    assert npv(model.set(SHARE, y - eps)) < 10_000_000 < npv(model.set(SHARE, y + eps))


def test_solve_a_transition_share_without_a_range_stays_inside_what_the_model_allows(model):
    # The guide's `model.solve(share, row="municipality")`: 3 % already leave social assistance
    # for studies, so the share to employment can be at most 0.97; the default bracket is
    # [0, 0.97], not [0, 1] (which would be an outflow_exceeds_one error at its top).
    x = model.solve(SHARE, row="municipality")
    assert abs(x - model.solve(SHARE, row="municipality", lo=0, hi=0.9)) < Decimal("1e-9")
    with pytest.raises(ekusia.ModelError) as e:
        model.solve(SHARE, row="municipality", target=10**12)
    assert e.value.code == "invalid_range" and "between 0 and 0.97" in e.value.message, e.value.message
    # A distribution counts with its maximum.
    uncertain = model.set("scenarios.with.transitions[from=social_assistance,to=studies].share",
                          {"dist": "triangular", "min": 0.01, "mode": 0.03, "max": 0.05})
    with pytest.raises(ekusia.ModelError) as e:
        uncertain.solve(SHARE, row="municipality", target=10**12)
    assert "between 0 and 0.95" in e.value.message, e.value.message


def test_solve_a_cost_is_the_exact_linear_answer(model):
    # The municipality's npv falls linearly with the coach cost: from two evaluations the cost at
    # which it breaks even is npv(0) / (npv(0) − npv(1 krona)), independently of solve.
    path = "parameters[id=coach_cost].value"
    n0, n1 = npv(model.set(path, 0), "municipality"), npv(model.set(path, 1), "municipality")
    expected = n0 / (n0 - n1)
    x = model.solve(path, row="municipality", lo=0, hi=100_000_000)
    assert abs(x - expected) < Decimal("0.001")


def test_solve_participants_gives_the_first_whole_number_that_pays(model):
    # Without the second cohort the municipality's npv crosses zero at some cohort size.
    path = "intervention.cohorts[start_year=0].participants"
    one = model.set("intervention.cohorts[start_year=1].participants", 0)
    n = one.solve(path, row="municipality", lo=0, hi=1000)
    assert n == int(n)
    assert npv(one.set(path, int(n) - 1), "municipality") < 0 <= npv(one.set(path, int(n)), "municipality")


def test_solve_without_a_root_in_the_range_says_so(model):
    with pytest.raises(ekusia.ModelError) as e:
        model.solve(SHARE, row="society", target=0, lo=0.09, hi=0.1)
    assert e.value.code == "invalid_range"
    assert "widen" in e.value.message and "0.09" in e.value.message


# --- pandas habits -------------------------------------------------------------------------

def test_summary_nullable_integers_actor_split_and_no_keyword_columns(model):
    rep = model.evaluate()
    df = rep.summary()
    assert df["payback_year"].dtype == "Int64"
    actors = rep.summary(aggregates=False)
    assert "society" not in actors.index and "public_sector" not in actors.index
    assert set(actors["kind"]) <= {"public", "individual", "other"}
    assert list(actors.index) == [r.id for r in rep.rows if r.kind != "aggregate"]
    frames = [df, rep.yearly(), rep.breakdown(), rep.outcomes(), rep.milestones(), rep.groups(),
              model.sweep(SHARE, [0.1]), ekusia.compare({"a": rep}), model.sensitivity().table()]
    for f in frames:
        bad = [c for c in f.columns if keyword.iskeyword(str(c))]
        assert not bad, bad


def test_row_to_dict_and_as_float():
    rep = ekusia.Model.from_toml(FIXTURE).evaluate()
    r = rep.row("society")
    d, f = r.to_dict(), r.as_float()
    assert d["npv"] == r.npv and isinstance(d["npv"], Decimal)
    assert f["npv"] == float(r.npv) and isinstance(f["npv"], float)
    assert d["payback_year"] == r.payback_year and (r.payback_year is None or type(f["payback_year"]) is int)
    assert f["id"] == "society"
    # A whole-number figure comes back as int.
    whole = rep.row("region").as_float()
    assert whole["pv_cost"] == 0 and type(whole["pv_cost"]) is int


def test_language_option_for_headers_labels_and_errors(model):
    rep = model.evaluate()
    assert "Nettonuvärde" in rep.summary(labels=True).columns
    with pytest.raises(ekusia.ModelError) as e:
        model.get("horizon.years")
    assert "is a value" in str(e.value)   # the core's English until the option is set
    ekusia.set_option("lang", "sv")
    assert "är ett värde" in str(e.value)
    ekusia.set_option("lang", "en")
    assert ekusia.get_option("lang") == "en"
    assert "Net present value" in rep.summary(labels=True).columns
    assert "is a value" in str(e.value)
    assert "Net present value" in rep._repr_html_()
    with pytest.raises(ValueError):
        ekusia.set_option("lang", "de")


# --- board-ready figures -------------------------------------------------------------------

def test_report_plot_in_mnkr_with_labelled_lines_and_checked_rows(model):
    rep = model.evaluate()
    ax = rep.plot(rows=["municipality", "society"])
    assert "mnkr" in ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [rep.row("municipality").name, rep.row("society").name]
    last = next(line for line in ax.get_lines() if line.get_label() == rep.row("society").name)
    assert last.get_ydata()[-1] == pytest.approx(float(rep.yearly().query("row == 'society'")["cumulative_pv_net"].iloc[-1]) / 1e6)
    assert ax.get_title() == rep.model_info["name"]
    with pytest.raises(ekusia.ModelError) as e:
        rep.plot(rows=["sociey"])
    assert e.value.code == "unknown_reference" and "society" in e.value.message


def test_probabilities_are_never_rounded_up_to_certainty(model):
    from ekusia._options import probability_text

    assert probability_text(0.9996, "sv") == "> 99,9 %"
    assert probability_text(0.0004, "en") == "< 0.1 %"
    assert probability_text(1.0) == "100 %" and probability_text(0.5, "sv") == "50,0 %"
    sim = ekusia.Model.from_toml(FIXTURE.replace("share = 0.10", 'share = { dist = "triangular", min = 0.09, mode = 0.1, max = 0.4 }', 1)).simulate(runs=2000, seed=3)
    import json

    data = sim.to_dict()
    data["rows"][-1]["p_positive"] = 0.9996
    fake = ekusia.Simulation(json.dumps(data), [])
    ax = fake.plot()
    assert "> 99,9 %" in ax.get_title() and "100" not in ax.get_title().split("=")[1].split("(")[0]
    assert "mnkr" in ax.get_xlabel()
    with pytest.raises(ekusia.ModelError):
        fake.plot(row="municipalty")


def test_sensitivity_of_any_row_with_readable_labels(model):
    s = model.sensitivity(row="municipality")
    assert s.row == "municipality"
    assert s.npv == npv(model, "municipality")
    top = s.rows[0]
    # The label is a path set() takes: the municipality's npv there is the bar's low end, exactly.
    low = model.set(top["label"], str(top["low"]))
    assert npv(low, "municipality") == top["npv_low"]
    assert any("[from=" in r["label"] for r in s.rows)
    assert "Coachkostnad per år (coach_cost)" in [s.label(r) for r in s.rows]
    ax = s.plot()
    assert "mnkr" in ax.get_xlabel() and ax.get_legend() is not None
    with pytest.raises(ekusia.ModelError) as e:
        model.sensitivity(row="municipalty")
    assert e.value.code == "unknown_reference"


def test_simulation_and_sensitivity_show_themselves(model):
    sim = model.simulate(runs=200, seed=1)
    sens = model.sensitivity()
    for obj in (sim, sens):
        assert repr(obj).startswith("<ekusia.")
        html = obj._repr_html_()
        assert html.startswith("<div>") and "<table>" in html
        assert pickle.loads(pickle.dumps(obj))._repr_html_() == html
    assert "Samhället" in sim._repr_html_()


def test_plot_sweep_draws_one_labelled_line_per_row(model):
    s = model.sweep(SHARE, [0.05, 0.08, 0.11])
    ax = ekusia.plot_sweep(s, rows=["municipality", "society"])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Kommunen", "Samhället"]
    assert "mnkr" in ax.get_ylabel() and SHARE in ax.get_xlabel()
    ys = ax.get_lines()[1].get_ydata()
    assert ys[2] == pytest.approx(float(npv(model.set(SHARE, 0.11))) / 1e6)


# --- discoverable --------------------------------------------------------------------------

def test_every_public_name_has_a_docstring_and_help_leads_somewhere():
    assert "docs/python.md" in ekusia.__doc__ and "sweep" in ekusia.__doc__
    missing = []
    for name in ekusia.__all__:
        obj = getattr(ekusia, name)
        if name.startswith("__"):
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if isinstance(obj, type):
            for attr, member in vars(obj).items():
                if attr.startswith("_") or not (callable(member) or isinstance(member, (property, classmethod, staticmethod))):
                    continue
                doc = getattr(member, "__doc__", None) or getattr(getattr(member, "fget", None), "__doc__", None)
                if not (doc or "").strip():
                    missing.append(f"{name}.{attr}")
    assert not missing, missing


def test_solve_attribution_is_the_break_even_effect(model):
    # npv = attribution · effect − cost, so the attribution at which a row breaks even is its
    # break_even_effect (pv_cost / pv_effect), which the report computes by division.
    rep = model.evaluate()
    for row in ("municipality", "society"):
        expected = rep.row(row).break_even_effect
        x = model.solve("analysis.attribution", row=row)
        assert abs(x - expected) < Decimal("1e-10"), (row, x, expected)


def test_the_guides_one_liners_run_as_written(tmp_path, monkeypatch):
    # docs/python.md's "everyday tasks" block, line by line, from a scratch directory (the
    # model path made absolute). The export lines run once the report has the export.
    from conftest import ROOT

    text = (ROOT / "docs/python.md").read_text(encoding="utf-8")
    block = text.split("## The everyday tasks, one line each", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    code = block.replace('"models/examples/', f'"{ROOT}/models/examples/')
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    ran = []
    for line in code.strip().splitlines():
        if "to_excel(" in line and not hasattr(ekusia.Report, "to_excel"):
            continue
        exec(line, ns)  # noqa: S102 - the guide's own lines
        ran.append(line)
    assert len(ran) >= 7
    assert (tmp_path / "styrelse.png").stat().st_size > 10_000


def test_every_block_of_the_guide_runs_top_to_bottom(tmp_path, monkeypatch):
    # A reader copies docs/python.md's blocks in order into one session: each must run on what
    # the earlier ones defined (no name used before the guide defines it, no path of another
    # example's model). From a scratch directory, the models' paths made absolute.
    import re

    import matplotlib

    matplotlib.use("Agg")
    from conftest import ROOT

    text = (ROOT / "docs/python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 10
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    for i, block in enumerate(blocks):
        code = block.replace('"models/examples/', f'"{ROOT}/models/examples/')
        try:
            exec(compile(code, f"docs/python.md block {i}", "exec"), ns)  # noqa: S102 - the guide's own code
        except Exception as e:  # noqa: BLE001
            raise AssertionError(f"block {i} of docs/python.md fails: {e!r}\n{block}") from e
    assert (tmp_path / "report.xlsx").stat().st_size > 10_000
