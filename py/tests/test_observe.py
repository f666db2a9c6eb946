"""ekusia.observe: a generated follow-up table (monthly periods, attrition, a comparison group,
two groups) counted by each frame engine and by the file reader; the shares are checked against
plain Python counting (fractions) done here, and the bad tables against their errors."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import subprocess
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import ekusia

ROOT = Path(__file__).resolve().parents[2]

MODEL = """
format = "ekusia-model/1.1"
name = "Uppföljning"
horizon = 6
[[actors]]
id = "municipality"
name = "Kommunen"
[[actors]]
id = "state"
name = "Staten"
[[actors]]
id = "individual"
name = "Individen"
kind = "individual"
[[states]]
id = "social_assistance"
name = { sv = "Försörjningsstöd", en = "Social assistance" }
flows = [{ type = "transfer", from = "municipality", to = "individual", amount = 110000 }]
[[states]]
id = "employment"
name = { sv = "Arbete", en = "Work" }
flows = [{ type = "production", actor = "individual", amount = 320000 },
         { type = "transfer", from = "individual", to = "municipality", amount = 60000 }]
[[states]]
id = "studies"
name = "Studier"
flows = [{ type = "transfer", from = "state", to = "individual", amount = 40000 }]
[[states]]
id = "sickness"
name = { sv = "Sjukpenning", en = "Sickness benefit" }
flows = [{ type = "transfer", from = "state", to = "individual", amount = 150000 }]
[intervention]
start = { social_assistance = 1 }
costs = [{ name = "Coacher", amount = 900000, years = [0, 1], financing = { municipality = 1 } }]
[[groups]]
id = "young"
name = "Unga"
cohorts = [{ start_year = 0, participants = 40 }]
[[groups]]
id = "adults"
name = "Vuxna"
cohorts = [{ start_year = 0, participants = 25 }]
"""

LABELS = {  # label in the table → state, as the test expects the core to resolve it
    "Försörjningsstöd": "social_assistance",  # a state's Swedish name
    "Arbete 100 %": "employment",  # only through the mapping
    "Studier": "studies",  # a plain name
    "sickness": "sickness",  # an id as is
}
MAPPING = {"Arbete 100 %": "employment"}


def generate(seed: int = 14) -> list[dict]:
    """A follow-up table: two groups, participants and a comparison group, persons starting in
    different months of 2023, followed 4–40 months (attrition), moving between states."""
    rng = random.Random(seed)
    rows = []
    labels = list(LABELS)
    for group, sizes in (("young", {"with": 24, "without": 14}), ("adults", {"with": 16, "without": 9})):
        for scenario, n in sizes.items():
            for i in range(n):
                person = f"{group[0]}{'p' if scenario == 'with' else 'c'}{i:03d}"
                start = 2023 * 12 + rng.randrange(12)
                months = rng.randrange(4, 41)
                label = labels[0] if rng.random() < 0.8 else labels[2]
                p_work = 0.06 if scenario == "with" else 0.03
                for k in range(months):
                    r = rng.random()
                    if r < p_work:
                        label = labels[1]
                    elif r < p_work + 0.02:
                        label = labels[2]
                    elif r < p_work + 0.03:
                        label = labels[3]
                    elif r < p_work + 0.05:
                        label = labels[0]
                    m = start + k
                    rows.append({"person": person, "period": f"{m // 12:04d}-{m % 12 + 1:02d}",
                                 "state": label, "group": group, "scenario": scenario})
    rng.shuffle(rows)
    return rows


def expected(rows: list[dict]):
    """Plain counting: person-months per (scenario, group, cohort year, state), persons per
    (scenario, group, cohort year); shares as exact fractions."""
    def month(p: str) -> int:
        y, m = p.split("-")
        return int(y) * 12 + int(m) - 1

    first: dict[str, int] = {}
    for r in rows:
        m = month(r["period"])
        first[r["person"]] = min(first.get(r["person"], m), m)
    weight: dict = defaultdict(lambda: defaultdict(int))
    persons: dict = defaultdict(set)
    for r in rows:
        year = (month(r["period"]) - first[r["person"]]) // 12
        key = (r["scenario"], r["group"], year)
        weight[key][LABELS[r["state"]]] += 1
        persons[key].add(r["person"])
    shares = {k: {s: Fraction(w, sum(v.values())) for s, w in v.items()} for k, v in weight.items()}
    return shares, {k: len(v) for k, v in persons.items()}


def assert_shares(got: dict, want: dict) -> None:
    got = {k: Decimal(v) for k, v in got.items()}
    assert set(got) == set(want), (got, want)
    assert sum(got.values()) == 1  # exactly
    for s, f in want.items():
        assert abs(Fraction(got[s]) - f) < Fraction(1, 10**25), (s, got[s], f)


def assert_observed(model: ekusia.Model, rows: list[dict]) -> None:
    shares, _ = expected(rows)
    d = model.to_dict()
    assert d["format"] == "ekusia-model/1.1"
    for g in d["groups"]:
        assert_shares(g["start"], shares[("with", g["id"], 0)])
        for scenario in ("with", "without"):
            traj = g["scenarios"][scenario]["trajectory"]
            years = sorted(y for (sc, grp, y) in shares if sc == scenario and grp == g["id"] and y >= 1)
            assert [int(e["year"]) for e in traj] == years
            for e in traj:
                assert_shares(e["shares"], shares[(scenario, g["id"], int(e["year"]))])
    # Aggregates only: no person id anywhere in the model.
    text = model.to_toml()
    assert not any(r["person"] in text for r in rows)


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return generate()


@pytest.fixture(scope="module")
def model() -> ekusia.Model:
    return ekusia.Model.from_toml(MODEL)


@pytest.fixture(scope="module")
def files(tmp_path_factory, rows):
    d = tmp_path_factory.mktemp("observe")
    (d / "model.toml").write_text(MODEL, encoding="utf-8")
    (d / "map.toml").write_text('"Arbete 100 %" = "employment"\n', encoding="utf-8")
    with open(d / "data.csv", "w", newline="", encoding="utf-8-sig") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";")
        w.writeheader()
        w.writerows(rows)
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "Info"
    wb.active.append(["Uppföljning, projekt X"])
    ws = wb.create_sheet("Uppföljning")
    ws.append(["Person", "Period", "State", "Group", "Scenario"])
    for r in rows:
        y, m = r["period"].split("-")
        # Real dates in the period column, as Excel keeps months.
        ws.append([r["person"], dt.datetime(int(y), int(m), 1), r["state"], r["group"], r["scenario"]])
    wb.save(d / "data.xlsx")
    return d


@pytest.fixture(scope="module")
def from_csv(files, model):
    return ekusia.observe(files / "data.csv", model, mapping=files / "map.toml")


def test_the_file_reader_gives_the_independently_counted_shares(from_csv, rows):
    assert_observed(from_csv.model, rows)
    _, persons = expected(rows)
    for s in from_csv.to_dict()["series"]:
        for y in s["years"]:
            assert y["persons"] == persons[(s["scenario"], s["group"], y["year"])]
    attrition = from_csv.attrition()
    young = attrition[(attrition.scenario == "with") & (attrition.group == "young")]
    assert list(young.persons) == [persons[("with", "young", y)] for y in young.year]
    # Warnings: the small comparison group's later years rest on fewer than 5 persons.
    small = [k for k, n in persons.items() if n < 5]
    assert small
    few = [w for w in from_csv.warnings("en") if "fewer than 5" in w]
    assert len(few) == len(small)
    assert "kohortår" in from_csv.text("sv")
    assert from_csv._repr_html_().startswith("<pre>") and "&lt;" not in from_csv.text("sv")


def test_xlsx_with_dates_on_a_named_sheet_reads_as_the_csv(files, model, from_csv):
    o = ekusia.observe(files / "data.xlsx", model, mapping=MAPPING, sheet="Uppföljning")
    assert o.model == from_csv.model
    with pytest.raises(ekusia.ModelError) as e:
        ekusia.observe(files / "data.xlsx", model, mapping=MAPPING, sheet="Uppfoljning")
    assert e.value.code == "unknown_reference"
    assert "did you mean 'Uppföljning'" in str(e.value)
    # Without a sheet the first (a title page) is read; the error names the sheet there is.
    with pytest.raises(ekusia.ModelError) as e:
        ekusia.observe(files / "data.xlsx", model, mapping=MAPPING)
    assert e.value.code == "schema"
    assert e.value.errors[-1]["message"] == (
        "the first sheet, 'Info', was read; the workbook also has: Uppföljning (name the sheet with --sheet, in Python sheet=)")


def frames(rows):
    pl = pytest.importorskip("polars")
    df = pl.DataFrame(rows)
    yield "polars", df
    yield "polars-lazy-dates", df.lazy().with_columns(pl.col("period").str.to_date("%Y-%m"))
    yield "pandas", df.to_pandas()
    duckdb = pytest.importorskip("duckdb")
    yield "duckdb", duckdb.from_arrow(df.to_arrow())


def test_every_engine_counts_the_same_model(rows, model, from_csv):
    for name, frame in frames(rows):
        o = ekusia.observe(frame, model, mapping=MAPPING)
        assert o.model == from_csv.model, name
        assert o.to_dict() == from_csv.to_dict(), name


def test_with_observed_and_the_round_trip_through_the_command_line(files, rows, model, from_csv):
    import polars as pl

    with pytest.warns(ekusia.EkusiaWarning):
        new = model.with_observed(pl.DataFrame(rows), mapping=MAPPING)
    assert new == from_csv.model
    exe = ROOT / "target" / "debug" / "ekusia"
    if not exe.exists():
        pytest.skip("the ekusia binary is built by `cargo build` (make test-rust runs first)")
    out = files / "observed.toml"
    run = subprocess.run([str(exe), "observe", str(files / "data.csv"), "--model", str(files / "model.toml"),
                          "--map", str(files / "map.toml"), "--output", str(out), "--lang", "en"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout == from_csv.text("en")
    report = subprocess.run([str(exe), "run", str(out), "--format", "json"], capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout) == json.loads(new.evaluate().to_json())


def csv_error(tmp_path, model, text: str, **kw):
    p = tmp_path / "bad.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ekusia.ModelError) as e:
        ekusia.observe(p, model, **kw)
    return e.value


def frame_error(model, data: dict, **kw):
    import pandas as pd

    with pytest.raises(ekusia.ModelError) as e:
        ekusia.observe(pd.DataFrame(data), model, **kw)
    return e.value


def test_bad_tables_from_a_file_name_their_rows(tmp_path, model):
    e = csv_error(tmp_path, model, "person,period,state\np1,2024-01,Studier\np2,2024-01,Studier\np1,2024-01,Studier\n")
    assert (e.code, e.path) == ("duplicate_id", "row 4")
    assert "already on row 2" in e.message
    e = csv_error(tmp_path, model, "person;period;state\np1;0;Studier\np1;-1;Studier\n")
    assert (e.code, e.path) == ("invalid_range", "row 3")
    e = csv_error(tmp_path, model, "person,period,state\n")
    assert (e.code, e.errors[0]["key"]) == ("schema", "observe_empty")
    e = csv_error(tmp_path, model, "person,period,status\np1,0,Studier\n")
    assert e.code == "schema" and "no column 'state'" in e.message
    e = csv_error(tmp_path, model, "person,period,state\np1,0,Arbete 100 %\np2,0,Arbete 100 %\np3,0,Pension\n")
    assert [(p["code"], p["values"]["label"], p["values"]["count"]) for p in e.errors] == [
        ("unknown_reference", "Arbete 100 %", "2"), ("unknown_reference", "Pension", "1")]
    e = csv_error(tmp_path, model, "person,period,state\np1,2024-01,Studier\np1,1,Studier\n")
    assert (e.code, e.path) == ("schema", "row 3")
    e = csv_error(tmp_path, model, "person,period,state\np1,år 1,Studier\n")
    assert (e.code, e.path) == ("schema", "row 2")


def test_bad_frames_name_a_person(model):
    e = frame_error(model, {"person": ["p1", "p2", "p1"], "period": ["2024-01"] * 3, "state": ["Studier"] * 3})
    assert (e.code, e.path) == ("duplicate_id", "person 'p1'")
    assert e.errors[0]["values"]["count"] == "2"
    e = frame_error(model, {"person": ["p1", "p1"], "period": [0, -1], "state": ["Studier"] * 2})
    assert (e.code, e.path) == ("invalid_range", "person 'p1'")
    e = frame_error(model, {"person": [], "period": [], "state": []})
    assert (e.code, e.errors[0]["key"]) == ("schema", "observe_empty")
    e = frame_error(model, {"person": ["p1"], "period": [0], "status": ["Studier"]})
    assert e.code == "schema" and "no column 'state'" in e.message
    e = frame_error(model, {"person": ["p1", "p2", "p3"], "period": [0, 0, 0],
                            "state": ["Arbete 100 %", "Arbete 100 %", "Pension"]})
    assert [(p["values"]["label"], p["values"]["count"]) for p in e.errors] == [("Arbete 100 %", "2"), ("Pension", "1")]
    e = frame_error(model, {"person": ["p1", "p2"], "period": ["2024-01", "1"], "state": ["Studier"] * 2})
    assert (e.code, e.errors[0]["key"]) == ("schema", "observe_period_mixed_person")
    e = frame_error(model, {"person": ["p1", None], "period": [0, 0], "state": ["Studier"] * 2})
    assert (e.code, e.path) == ("schema", "column 'person'")


@pytest.mark.spark
def test_a_spark_frame_counts_the_same_model(rows, model, from_csv):
    """PySpark in local mode (Java 17): one session, one table."""
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", os.sys.executable)
    spark = (SparkSession.builder.master("local[1]").appName("ekusia-observe")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    try:
        frame = spark.createDataFrame([tuple(r.values()) for r in rows],
                                      "person string, period string, state string, group string, scenario string")
        o = ekusia.observe(frame, model, mapping=MAPPING)
        assert o.model == from_csv.model
        assert_observed(o.model, rows)
    finally:
        spark.stop()


def test_cohort_years_as_integers_floats_or_text_give_one_model(tmp_path, model):
    import pandas as pd
    import polars as pl

    # Year 0: 3 on social assistance, 1 in studies; year 2: 2 in work, 1 on social assistance.
    people = ["a", "b", "c", "d", "a", "b", "c"]
    years = [0, 0, 0, 0, 2, 2, 2]
    labels = ["Försörjningsstöd"] * 3 + ["Studier", "Arbete 100 %", "Arbete 100 %", "Försörjningsstöd"]
    data = {"person": people, "period": years, "state": labels}
    p = tmp_path / "years.csv"
    p.write_text("person,period,state\n" + "".join(f"{a},{y},{s}\n" for a, y, s in zip(people, years, labels)),
                 encoding="utf-8")
    want = ekusia.observe(p, model, mapping=MAPPING).model
    for frame in (pd.DataFrame(data), pl.DataFrame(data).with_columns(pl.col("period").cast(pl.Float64)),
                  pl.DataFrame(data).with_columns(pl.col("period").cast(pl.String))):
        assert ekusia.observe(frame, model, mapping=MAPPING).model == want
    d = want.to_dict()
    assert d["intervention"]["start"] == {"social_assistance": Decimal("0.75"), "studies": Decimal("0.25")}
    traj = d["scenarios"]["with"]["trajectory"]
    assert [int(e["year"]) for e in traj] == [2]
    assert_shares(traj[0]["shares"], {"employment": Fraction(2, 3), "social_assistance": Fraction(1, 3)})
    with pytest.raises(ekusia.ModelError) as e:
        ekusia.observe(pl.DataFrame(data).with_columns(pl.col("period").cast(pl.Float64) + 0.5), model,
                       mapping=MAPPING)
    assert e.value.code == "schema"
