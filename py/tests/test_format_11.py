"""The 1.1 format through Python: parameters, time limits, groups (SPEC §8.1–§8.3)."""
import json
from decimal import Decimal

import pytest

import ekusia
from conftest import ROOT

V11 = ROOT / "tests/vectors/models"


def test_parameters_with_their_metadata_and_one_edit_moves_every_formula():
    m = ekusia.Model.load(V11 / "v11-base-parameters.toml")
    p = m.parameters
    assert list(p.index[:2]) == ["municipal_tax", "regional_tax"]  # the base's first, in its order
    assert p.loc["municipal_tax", "origin"] == "model" and p.loc["regional_tax", "origin"] == "base"
    assert isinstance(p.loc["wage_year", "value"], Decimal)
    before = m.evaluate()
    after = m.set("parameters.municipal_tax", "32.5%").evaluate()
    assert m.set("parameters.municipal_tax", "32.5%").parameters.loc["municipal_tax", "value"] == Decimal("0.325")
    changed = [r.id for r, s in zip(before.rows, after.rows) if r.npv != s.npv]
    assert "municipality" in changed and "individual" in changed
    # The report states every parameter's value after evaluation.
    values = {q["id"]: q["value"] for q in json.loads(after.to_json())["model"]["parameters"]}
    assert values["municipal_tax"] == "0.325"


def test_a_formula_problem_is_a_model_error_with_its_position_in_both_languages():
    m = ekusia.Model.load(V11 / "v11-formulas.toml")
    with pytest.raises(ekusia.ModelError) as e:
        m.set("parameters.wage_year", "= wage_month * (12").evaluate()
    p = e.value.errors[0]
    assert (p["code"], p["path"]) == ("formula", "parameters.wage_year")
    assert "position 19" in p["messages"]["en"] and "position 19" in p["messages"]["sv"]
    with pytest.raises(ekusia.ModelError) as e:
        m.set("parameters.third", "= 1/0").evaluate()
    assert e.value.code == "division_by_zero"


def test_groups_as_a_tidy_frame_that_adds_up_to_the_rows():
    r = ekusia.Model.load(V11 / "v11-groups.toml").evaluate()
    g = r.groups(exact=True)
    assert set(g["group"]) == {"young", "older", "planned"}
    for row in r.rows:
        total = g[g["row"] == row.id]["pv_effect"].sum()
        assert abs(total - row.pv_effect) < Decimal("1e-15")
    assert ekusia.Model.load(ROOT / "models/examples/jobbspar-forsorjningsstod.toml").evaluate().groups().empty
    assert "Målgrupper" in r.table() and "Target groups" in r.to_html("en")


def test_the_html_report_lists_the_parameters_with_their_sources():
    html = ekusia.Model.load(V11 / "v11-base-parameters.toml").evaluate().to_html("en")
    assert "Parameters and sources" in html and "Socialstyrelsen" in html


def test_a_bases_price_list():
    b = ekusia.base("se-2024")
    s = b.states()
    assert "Försörjningsstöd" in set(s["name"]) and "Kommunen" in s.columns
    assert s.loc["social_assistance", "Kommunen"] == Decimal("-140040")
    assert repr(b).startswith("<ekusia.Base 'se-2024'")


def test_outputs_breakdown_outcomes_milestones_and_the_icer():
    with pytest.warns(ekusia.EkusiaWarning, match="outside the horizon"):
        r = ekusia.Model.load(V11 / "v11-breakdowns.toml").evaluate()
    b = r.breakdown(exact=True)
    for row in r.rows:
        part = b[(b["row"] == row.id) & (b["type"] != "cost")]["pv_effect"].sum()
        cost = b[(b["row"] == row.id) & (b["type"] == "cost")]["pv_cost"].sum()
        scale = max(abs(row.pv_effect), Decimal(1))
        assert abs(part - row.pv_effect) <= scale * Decimal("1e-15")
        assert abs(cost - row.pv_cost) <= max(abs(row.pv_cost), Decimal(1)) * Decimal("1e-15")
    hiv = ekusia.Model.load(V11 / "v11-markov-hiv.toml").evaluate()
    o = hiv.outcomes(exact=True)
    icer = o[(o["row"] == "nhs")]["net_cost_per_unit"].iloc[0]
    assert round(icer) == 6276  # Briggs, Claxton & Sculpher, exercise 2.5
    m = ekusia.Model.load(V11 / "v11-swedish-figures.toml").evaluate()
    ms = m.milestones(exact=True)
    assert sorted(set(ms["years"])) == [1, 5]
    muni = m.row("municipality")
    assert muni.payback_months == Decimal(json.loads(m.to_json())["rows"][0]["payback_months"])
    assert "år" in m.table() and "mån" in m.table()
