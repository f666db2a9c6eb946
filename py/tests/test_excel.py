"""Excel out: the workbook read with openpyxl and the Swedish Excel CSV read with the csv module
hold the JSON report's numbers; the command line, Python and (tests/js) the page write the same
workbook."""
import csv
import io
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import ekusia

ROOT = Path(__file__).resolve().parents[2]
# A bundled example (its figures may change: nothing here is copied from a report) and a fixture
# with target groups.
MODELS = [ROOT / "models/examples/jobbspar-forsorjningsstod.toml", ROOT / "tests/vectors/models/v11-groups.toml",
          ROOT / "tests/vectors/models/v11-outcomes.toml"]
YEARLY = ("discount_factor", "with", "without", "effect", "cost", "net", "pv_net", "cumulative_pv_net")
# The summary's columns by their Swedish and English headers, and the report's field each holds.
SUMMARY = {
    "pv_effect": ("Nuvärde effekt", "PV effect"), "pv_cost": ("Nuvärde kostnad", "PV cost"),
    "npv": ("Nettonuvärde", "NPV"), "bcr": ("Nytta/kostnad", "BCR"), "roi": ("Avkastning (ROI)", "ROI"),
    "payback_months": ("Återbetalningstid, månader", "Payback, months"),
    "break_even_effect": ("Effekt som krävs", "Break-even effect"),
    "npv_per_participant": ("Netto per deltagare", "NPV per participant"),
    "pv_cost_per_participant": ("Kostnad per deltagare", "PV cost per participant"),
    "fair_cost_share": ("Rättvis kostnadsandel", "Fair cost share"),
}
YEAR_HEADERS = {
    "sv": ("Id", "År", "Diskonteringsfaktor", "Med insatsen", "Utan insatsen", "Effekt", "Kostnad", "Netto",
           "Nuvärde netto", "Ackumulerat nuvärde netto"),
    "en": ("Id", "Year", "Discount factor", "With", "Without", "Effect", "Cost", "Net", "PV net", "Cumulative PV net"),
}


def as_float(v):
    """What a cell must hold for a report value: the nearest float to the exact decimal."""
    return None if v is None else float(Decimal(v))


def table(ws, header_row=2):
    """A sheet's table as dicts by header (the title is on line 1, the headers on line 2)."""
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    head = rows[0]
    return [dict(zip(head, r)) for r in rows[1:] if any(c is not None for c in r)]


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_workbook_holds_the_json_reports_numbers(path, lang, tmp_path):
    model = ekusia.Model.load(path)
    report = model.evaluate()
    js = json.loads(report.to_json())
    out = tmp_path / "r.xlsx"
    report.to_excel(out, lang=lang)
    wb = openpyxl.load_workbook(out)
    summary_name, years_name = ("Sammanfattning", "År") if lang == "sv" else ("Summary", "Years")
    assert wb.sheetnames[:2] == [summary_name, years_name]
    i = 0 if lang == "sv" else 1
    lines = {line["Id"]: line for line in table(wb[summary_name])}
    assert set(lines) == {r["id"] for r in js["rows"]}
    for r in js["rows"]:
        line = lines[r["id"]]
        assert line["Aktör" if lang == "sv" else "Actor"] == r["names"][lang]
        for key, heads in SUMMARY.items():
            assert line[heads[i]] == as_float(r[key]), (r["id"], key)
        # Years are counted from 1 in every presentation.
        payback = line["Återbetald år" if lang == "sv" else "Payback year"]
        assert payback == (None if r["payback_year"] is None else r["payback_year"] + 1)
    # Money is stored as a number with a money format; shares with a percent format.
    ws = wb[summary_name]
    heads = [c.value for c in ws[2]]
    npv_cell = ws.cell(row=3, column=heads.index(SUMMARY["npv"][i]) + 1)
    assert isinstance(npv_cell.value, float) or isinstance(npv_cell.value, int)
    assert ('"kr"' if lang == "sv" else '"SEK "') in npv_cell.number_format
    share = ws.cell(row=3, column=heads.index(SUMMARY["fair_cost_share"][i]) + 1)
    assert share.number_format.endswith("%")
    assert ws.column_dimensions["A"].width > 10
    assert len(ws._charts) == 1
    # The years sheet: one line per row and year.
    h = YEAR_HEADERS[lang]
    years = table(wb[years_name])
    assert len(years) == sum(len(r["years"]) for r in js["rows"])
    by_row = {r["id"]: r for r in js["rows"]}
    for line in years:
        y = by_row[line[h[0]]]["years"][line[h[1]] - 1]
        for key, head in zip(YEARLY, h[2:]):
            assert line[head] == as_float(y[key]), (line[h[0]], line[h[1]], key)


def test_groups_and_assumptions_sheets(tmp_path):
    model = ekusia.Model.load(ROOT / "tests/vectors/models/v11-groups.toml")
    report = model.evaluate()
    js = json.loads(report.to_json())
    report.to_excel(tmp_path / "g.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "g.xlsx")
    assert "Målgrupper" in wb.sheetnames and "Utfall" not in wb.sheetnames
    got = {(line["Gruppens id"], line["Id"]): line for line in table(wb["Målgrupper"])}
    for g in js["groups"]:
        for r in g["rows"]:
            line = got[(g["id"], r["id"])]
            assert line["Deltagare"] == g["participants"]
            assert line["Nuvärde effekt"] == as_float(r["pv_effect"])
            assert line["Per deltagare"] == as_float(r["pv_effect_per_participant"])
    values = [c for row in wb["Antaganden"].iter_rows(values_only=True) for c in row]
    assert "Diskonteringsränta per år" in values
    for s in json.loads(model.to_json()).get("states", []):
        assert s["id"] in values


def test_command_line_and_python_write_the_same_workbook(tmp_path):
    cli = ROOT / "target/debug/ekusia"
    if not cli.exists():
        pytest.skip("the command line is built by `make test-rust` (target/debug/ekusia)")
    for path in MODELS[:2]:
        out = tmp_path / "cli.xlsx"
        subprocess.run([str(cli), "run", str(path), "--format", "xlsx", "--lang", "sv", "--output", str(out)],
                       check=True, capture_output=True)
        report = ekusia.Model.load(path).evaluate()
        assert report.to_excel_bytes("sv") == out.read_bytes()
        mine = tmp_path / "py.xlsx"
        report.to_excel(mine)
        assert mine.read_bytes() == out.read_bytes()


def test_a_report_read_back_from_json_still_makes_a_workbook(tmp_path):
    import pickle

    report = ekusia.Model.load(MODELS[0]).evaluate()
    again = pickle.loads(pickle.dumps(report))
    assert again.to_excel_bytes("en")[:4] == b"PK\x03\x04"


def read_sv(text):
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    return rows[0], rows[1:]


def sv_number(s):
    assert "." not in s
    return None if s == "" else Decimal(s.replace(",", "."))


@pytest.mark.parametrize("path", MODELS[:2], ids=lambda p: p.stem)
def test_swedish_csv_parses_back_to_the_json_reports_values(path, tmp_path):
    report = ekusia.Model.load(path).evaluate()
    js = json.loads(report.to_json())
    out = tmp_path / "s.csv"
    assert report.to_csv(out, lang="sv") is None
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    head, rows = read_sv(raw.decode("utf-8"))
    assert head[:3] == ["Aktör", "Id", "Nuvärde effekt"]
    by_id = {r["id"]: r for r in js["rows"]}
    for line in rows:
        d = dict(zip(head, line))
        r = by_id[d["Id"]]
        for key, heads in SUMMARY.items():
            want = None if r[key] is None else Decimal(r[key])
            assert sv_number(d[heads[0]]) == want, (r["id"], key)
    # The yearly table, from the same call with table="years", also as returned text.
    text = report.to_csv(lang="sv", table="years")
    head, rows = read_sv(text)
    assert head == ["Aktör", *YEAR_HEADERS["sv"]]
    assert len(rows) == sum(len(r["years"]) for r in js["rows"])
    for line in rows:
        d = dict(zip(head, line))
        y = by_id[d["Id"]]["years"][int(d["År"]) - 1]
        for key, h in zip(YEARLY, YEAR_HEADERS["sv"][2:]):
            assert sv_number(d[h]) == Decimal(y[key])


def test_machine_csv_is_unchanged_and_the_years_table_matches_yearly():
    report = ekusia.Model.load(MODELS[0]).evaluate()
    assert report.to_csv().splitlines()[0].startswith("id,name,kind")
    with pytest.warns(DeprecationWarning):
        assert report.to_csv("sv") == report.to_csv()
    rows = list(csv.DictReader(io.StringIO(report.to_csv(table="years"))))
    yearly = report.yearly(exact=True)
    assert len(rows) == len(yearly)
    for line, (_, y) in zip(rows, yearly.iterrows()):
        assert line["row"] == y["row"] and int(line["year"]) == y["year"]
        for key in YEARLY:
            # yearly() names these with_intervention/without_intervention (`with` is a keyword)
            column = {"with": "with_intervention", "without": "without_intervention"}.get(key, key)
            assert Decimal(line[key]) == y[column]
    with pytest.raises(ValueError):
        report.to_csv(table="months")
