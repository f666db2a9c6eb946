"""The Python API: loading, editing, exact values, DataFrames, pickling, errors."""
import json
import math
import pickle
import subprocess
import sys
import tomllib
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from importlib.metadata import version

import pytest

import ekusia
from conftest import ROOT

EXAMPLE = ROOT / "models/examples/jobbspar-forsorjningsstod.toml"
VECTOR = ROOT / "tests/vectors/reports/jobbspar-forsorjningsstod.json"


def expected():
    return json.loads(VECTOR.read_text(encoding="utf-8"))


def test_version_equals_the_crate_version():
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text())
    crate_version = cargo["workspace"]["package"]["version"]
    assert ekusia.__version__ == crate_version
    assert version("ekusia") == crate_version


def test_one_abi3_extension_for_python_39_and_later():
    # One wheel serves every CPython >= 3.9: the compiled module uses the stable ABI.
    assert ekusia._core.__file__.endswith(".abi3.so")
    from importlib.metadata import metadata

    assert metadata("ekusia")["Requires-Python"] == ">=3.9"


def test_bases_and_schema():
    assert "se-2024" in ekusia.bases()
    schema = ekusia.schema()
    assert schema["additionalProperties"] is False
    assert "intervention" in schema["properties"]


def test_exact_values_are_decimals_equal_to_the_reference():
    report = ekusia.Model.load(EXAMPLE).evaluate()
    society = report.row("society")
    ref = next(r for r in expected()["rows"] if r["id"] == "society")
    assert isinstance(society.npv, Decimal)
    assert society.npv == Decimal(ref["npv"])
    assert society.bcr == Decimal(ref["bcr"])
    assert society.payback_year == ref["payback_year"]
    assert society.fair_cost_share is None
    d = report.to_dict()
    assert d["rows"][0]["years"][3]["net"] == Decimal(expected()["rows"][0]["years"][3]["net"])
    with pytest.raises(KeyError):
        report.row("nobody")


def test_toml_json_dict_round_trips():
    m = ekusia.Model.load(EXAMPLE)
    d = m.to_dict()
    assert d["intervention"]["cohorts"][0]["participants"] == Decimal(40)
    assert d["intervention"]["start"]["labour_market_programme"] == "rest"
    assert ekusia.Model.from_dict(d, EXAMPLE.parent) == m
    assert ekusia.Model.from_json(m.to_json()) == m
    assert ekusia.Model.from_toml(m.to_toml()) == m


def test_editing_participants_matches_the_independent_reference(tmp_path):
    m = ekusia.Model.load(EXAMPLE)
    d = m.to_dict()
    d["intervention"]["cohorts"][0]["participants"] = 55
    edited = ekusia.Model.from_dict(d, EXAMPLE.parent)
    assert edited == m.set("intervention.cohorts[0].participants", 55)
    npv = edited.evaluate().row("society").npv
    # The same edit through the independent reference implementation.
    path = tmp_path / "edited.json"
    path.write_text(edited.to_json().replace('"base": "se-2024"', '"base": "se-2024"'), encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "tests/reference/ekusia_ref.py"), str(path)],
                         capture_output=True, text=True, check=True).stdout
    ref = next(r for r in json.loads(out)["rows"] if r["id"] == "society")
    assert npv == Decimal(ref["npv"])
    assert npv != m.evaluate().row("society").npv


def test_set_edits_one_value_and_reports_bad_paths():
    m = ekusia.Model.load(EXAMPLE)
    share = m.set("scenarios.with.transitions[0].share", 0.1)
    assert share.to_dict()["scenarios"]["with"]["transitions"][0]["share"] == Decimal("0.1")
    assert m.set("scenarios.with.transitions[0].share", Decimal("0.1")) == share
    # A table missing on the way is created; the model keeps its base folder.
    half = m.set("analysis.attribution", Decimal("0.5"))
    assert half.to_dict()["analysis"]["attribution"] == Decimal("0.5")
    # Half the effect is attributed (to the last digits, which round differently).
    full, halved = m.evaluate().row("society").pv_effect, half.evaluate().row("society").pv_effect
    assert abs(halved - full / 2) < Decimal("1e-15")
    with pytest.raises(ekusia.ModelError) as e:
        m.set("intervention.cohorts[9].participants", 5)
    assert (e.value.code, e.value.path) == ("schema", "intervention.cohorts[9].participants")
    assert "has 3 entries" in e.value.message
    with pytest.raises(ekusia.ModelError) as e:
        m.set("intervention.cohorts[0].participants", "many")
    assert (e.value.code, e.value.path) == ("schema", "intervention.cohorts[0].participants")
    with pytest.raises(ekusia.ModelError) as e:
        m.set("horizon", float("inf"))
    assert e.value.code == "schema"


def test_floats_go_through_their_shortest_repr():
    d = ekusia.Model.load(EXAMPLE).to_dict()
    d["scenarios"]["with"]["transitions"][0]["share"] = 0.1
    m = ekusia.Model.from_dict(d)
    assert m.to_dict()["scenarios"]["with"]["transitions"][0]["share"] == Decimal("0.1")
    d["scenarios"]["with"]["transitions"][0]["share"] = float("nan")
    with pytest.raises(ekusia.ModelError) as info:
        ekusia.Model.from_dict(d)
    assert info.value.code == "schema"
    assert info.value.path == "scenarios.with.transitions[0].share"


def test_summary_dataframe(root):
    report = ekusia.Model.load(EXAMPLE).evaluate()
    df = report.summary()
    assert list(df.index) == ["municipality", "employment_service", "social_insurance", "region", "state",
                              "individual", "public_sector", "society"]
    assert df["npv"].dtype == "float64"
    ref = {r["id"]: r for r in expected()["rows"]}
    for rid in df.index:
        assert df.loc[rid, "npv"] == float(Decimal(ref[rid]["npv"]))
    assert math.isnan(df.loc["region", "bcr"])  # region pays nothing: no ratio
    exact = report.summary(exact=True)
    assert exact.loc["society", "npv"] == Decimal(ref["society"]["npv"])


def test_yearly_dataframe_is_tidy():
    report = ekusia.Model.load(EXAMPLE).evaluate()
    df = report.yearly()
    # No column is a Python keyword (`with`): the scenarios are spelled out.
    assert list(df.columns) == ["row", "year", "with_intervention", "without_intervention", "effect", "cost", "net",
                                "discount_factor", "pv_net", "cumulative_pv_net"]
    assert df.shape == (8 * 10, 10)
    soc = df[df["row"] == "society"].reset_index(drop=True)
    ref = next(r for r in expected()["rows"] if r["id"] == "society")
    assert soc.loc[4, "cumulative_pv_net"] == float(Decimal(ref["years"][4]["cumulative_pv_net"]))
    assert report.yearly(exact=True)["net"].iloc[0] == Decimal(expected()["rows"][0]["years"][0]["net"])


def test_html_repr_and_exports():
    report = ekusia.Model.load(EXAMPLE).evaluate()
    html = report._repr_html_()
    society = next(r for r in report.to_dict()["rows"] if r["id"] == "society")
    assert "<table>" in html and "Samhället" in html and f">{society['payback_year']} år<" in html
    # A negative benefit-cost ratio reads "ej meningsfull", here as on the command line.
    negative = [r for r in report.to_dict()["rows"] if r["bcr"] is not None and r["bcr"] < 0]
    assert negative, "the example has an actor that loses (the employment service)"
    assert html.count("ej meningsfull") == len(negative)
    assert report.table().count("ej meningsfull") == len(negative)
    assert "Samhället" in report.table()
    assert report.to_csv().splitlines()[0].startswith("id,name,kind")
    assert "<svg" in report.to_html("en")


def test_plot_marks_payback(tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    report = ekusia.Model.load(EXAMPLE).evaluate()
    ax = report.plot()
    labels = [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert "Samhället" in labels and "Kommunen" in labels
    # One marker line per row with a payback year.
    paybacks = sum(1 for r in report.rows if r.payback_year is not None)
    markers = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(markers) == paybacks
    ax.figure.savefig(tmp_path / "plot.png")
    assert (tmp_path / "plot.png").stat().st_size > 1000
    # Years count from 1 on the axis.
    assert min(min(line.get_xdata()) for line in ax.get_lines() if not line.get_label().startswith("_")) == 1
    bars = report.plot(kind="breakdown")
    b = report.breakdown()
    society = b[(b["row"] == "society") & (b["type"] != "cost") & (b["pv_effect"] != 0)]
    assert len(bars.patches) == len(society) > 0
    with pytest.raises(ValueError):
        report.plot(kind="pie")


def test_missing_extra_says_what_to_install(monkeypatch):
    report = ekusia.Model.load(EXAMPLE).evaluate()
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"ekusia\[pandas\]"):
        report.summary()


def test_warnings_surface_as_python_warnings():
    m = ekusia.Model.load(ROOT / "tests/vectors/models/rounding-thirds.toml")
    with pytest.warns(ekusia.EkusiaWarning, match="outside the horizon"):
        report = m.evaluate()
    assert len(report.warnings) == 3


def _society_npv(model):
    return model.evaluate().row("society").npv


def test_model_and_report_pickle_and_travel_to_worker_processes():
    m = ekusia.Model.load(EXAMPLE)
    r = m.evaluate()
    assert pickle.loads(pickle.dumps(m)) == m
    r2 = pickle.loads(pickle.dumps(r))
    assert r2 == r and r2.to_json() == r.to_json()
    assert r2.table() == r.table()
    with ProcessPoolExecutor(max_workers=2) as pool:
        npvs = list(pool.map(_society_npv, [m, m.set("intervention.cohorts[1].participants", 10)]))
    assert npvs[0] == r.row("society").npv
    assert npvs[1] != npvs[0]


def test_evaluation_releases_the_gil():
    # A large model (200 years, 1000 cohorts) takes tens of milliseconds to evaluate. While a
    # thread evaluates it, this thread keeps running Python, which it could not if the GIL were
    # held: then it would not run at all until the evaluation returned.
    import threading
    import time

    d = ekusia.Model.load(EXAMPLE).to_dict()
    d["horizon"] = 200
    d["intervention"]["cohorts"] = [{"start_year": i % 200, "participants": 10} for i in range(1000)]
    big = ekusia.Model.from_dict(d, EXAMPLE.parent)
    started, done = threading.Event(), threading.Event()

    def work():
        started.set()
        big.evaluate()
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    stamps = [time.perf_counter()]
    while not done.is_set():
        stamps.append(time.perf_counter())
    worker.join()
    span = stamps[-1] - stamps[0]
    longest_pause = max(b - a for a, b in zip(stamps, stamps[1:]))
    assert span > 0.02, "this thread did not run while the other evaluated"
    assert longest_pause < span / 2


def test_stub_matches_the_compiled_module():
    out = subprocess.run([sys.executable, "-m", "mypy.stubtest", "ekusia._core"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_a_type_checker_knows_the_observe_options(tmp_path):
    # with_observed names its options (not **options: Any), so an editor completes them and
    # mypy catches a misspelt one; the correct call type-checks.
    script = tmp_path / "use.py"
    script.write_text(
        "import ekusia\n"
        "m = ekusia.Model.load('m.toml')\n"
        "ok = m.with_observed('f.xlsx', person='lopnr', period='manad', state='s', group=None,\n"
        "                     scenario='sc', mapping={'Arbete 100 %': 'employment'}, sheet='Data')\n"
        "reveal_type(ok)\n"
        "bad = m.with_observed('f.csv', persn='lopnr')\n",
        encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--follow-imports=silent", str(script)],
                         capture_output=True, text=True, cwd=tmp_path)
    lines = [line for line in out.stdout.splitlines() if ": error:" in line or ": note: Revealed" in line]
    assert any(':6: error: Unexpected keyword argument "persn"' in line for line in lines), out.stdout
    assert any("Revealed type is \"ekusia._model.Model\"" in line for line in lines), out.stdout
    assert not [line for line in lines if ":3:" in line or ":4:" in line], out.stdout


def test_problems_are_worded_by_the_core_in_both_languages():
    m = ekusia.Model.load(EXAMPLE)
    with pytest.raises(ekusia.ModelError) as e:
        m.set("intervention.start", {"social_asistance": 1}).evaluate()
    p = e.value.errors[0]
    assert p["code"] == "unknown_reference"
    assert p["key"] == "unknown_state"
    assert p["values"] == {"found": "social_asistance", "suggestion": "social_assistance"}
    assert p["messages"]["en"] == p["message"] == "unknown state 'social_asistance' — did you mean 'social_assistance'?"
    assert p["messages"]["sv"] == "Okänt tillstånd 'social_asistance' – menade du 'social_assistance'?"
    assert e.value.text("sv").startswith("[unknown_reference] intervention.start.social_asistance: Okänt tillstånd")
    assert "did you mean" in e.value.text("en")


def test_the_report_alone_carries_its_presentation():
    """A report read back from JSON (no model) shows the same tables; names in both languages."""
    report = ekusia.Model.load(EXAMPLE).evaluate()
    again = pickle.loads(pickle.dumps(report))
    assert again.table("en") == report.table("en")
    assert report.row("society").names == {"sv": "Samhället", "en": "Society"}
    assert "Society" in report.table("en") and "Public sector" in report.table("en")


def test_jupyter_html_escapes_every_model_text_and_uses_the_models_currency():
    text = EXAMPLE.read_text(encoding="utf-8").replace('base = "se-2024"', 'base = "se-2024"\ncurrency = "<b>X</b>"')
    m = ekusia.Model.from_toml(text.replace('currency = "<b>X</b>"', ""), base_dir=EXAMPLE.parent)
    hostile = m.set("name", "<script>alert(1)</script>")
    html = hostile.evaluate()._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert " kr" in html
    eur = ekusia.Model.from_toml(
        'format = "ekusia-model/1"\nname = "e"\ncurrency = "<i>EUR</i>"\nhorizon = 2\n'
        '[[actors]]\nid = "a"\nname = "A"\n[[states]]\nid = "s"\nname = "S"\n'
        '[intervention]\nstart = { s = 1 }\ncohorts = [{ participants = 1 }]\n'
        'costs = [{ name = "c", amount = 1000, financing = { a = 1 } }]\n'
    ).evaluate()._repr_html_()
    assert "<i>" not in eur and "&lt;i&gt;EUR&lt;/i&gt;" in eur
    assert " kr<" not in eur  # the model's currency, never "kr" on a EUR model
    assert "-1 000 &lt;i&gt;EUR&lt;/i&gt;" in eur
