"""The se-2024 base's key derived figures, recomputed by hand from its parameters (plain
arithmetic, the tax rules written out independently of the base's formulas) and compared with
`ekusia.base("se-2024")` and a model's `parameters()`."""

import math
from decimal import Decimal
from pathlib import Path

import ekusia

ROOT = Path(__file__).resolve().parents[2]


def _params():
    m = ekusia.Model.load(ROOT / "models/examples/jobbspar-forsorjningsstod.toml")
    return {pid: row["value"] for pid, row in m.parameters.iterrows()}


def _basic_allowance(income, pbb):
    """IL 63 kap. 3 § (under 66), band by band, rounded up to 100 kr."""
    if income <= Decimal("0.99") * pbb:
        ga = Decimal("0.423") * pbb
    elif income <= Decimal("2.72") * pbb:
        ga = Decimal("0.423") * pbb + Decimal("0.2") * (income - Decimal("0.99") * pbb)
    elif income <= Decimal("3.11") * pbb:
        ga = Decimal("0.77") * pbb
    elif income <= Decimal("7.88") * pbb:
        ga = Decimal("0.77") * pbb - Decimal("0.1") * (income - Decimal("3.11") * pbb)
    else:
        ga = Decimal("0.293") * pbb
    return Decimal(math.ceil(ga / 100) * 100)


def test_net_pay_and_local_taxes_at_the_sample_wage():
    p = _params()
    pbb, wage = p["pbb"], p["wage_month"] * 12
    assert wage == 324000
    ga = _basic_allowance(wage, pbb)
    assert ga == 29600  # research 3b
    taxable = wage - ga
    municipal, regional = taxable * Decimal("0.2070"), taxable * Decimal("0.1167")
    # 3.24–8.08 PBB band of the job-tax credit (research 3c)
    jsa = (Decimal("1.813") * pbb + Decimal("0.1643") * (wage - Decimal("3.24") * pbb) - ga) * Decimal("0.3237")
    net = wage - municipal - regional + jsa + 1500
    assert p["employment_basic_allowance"] == ga
    assert p["employment_net_pay"] == net
    assert round(net / 12) == 21801  # research 3d: ≈21 800 kr/month without the fees
    price = ekusia.base("se-2024").states(lang="en")
    assert price.loc["employment", "Municipality"] == municipal
    assert price.loc["employment", "Region"] == regional
    production = wage * (1 + Decimal("0.3142") + Decimal("0.0492"))
    # the individual keeps net pay and the agreed employer costs (deferred pay)
    assert price.loc["employment", "Individual"] == net + wage * Decimal("0.0492")
    assert price.loc["employment", "State"] == wage * Decimal("0.3142") - jsa - 1500
    assert sum(price.loc["employment", c] for c in price.columns if c != "name") == production


def test_social_assistance_top_up_in_a_programme():
    p = _params()
    need = (5020 + 5400) * 12
    assert p["sa_need_year"] == need
    support = 223 * 5 * 52
    ga = _basic_allowance(Decimal(support), p["pbb"])
    assert ga == 24500
    net = support - (support - ga) * Decimal("0.3237")
    assert p["programme_sa_top_up"] == need - net
    price = ekusia.base("se-2024").states(lang="en")
    # the municipality pays the top-up and case work and receives the municipal tax
    assert price.loc["labour_market_programme", "Municipality"] == -(need - net) - 15000 + (support - ga) * Decimal("0.2070")
    assert price.loc["labour_market_programme", "Individual"] == need
    assert price.loc["social_assistance", "Municipality"] == -(need + 15000)


def test_every_parameter_has_a_quality_and_a_source():
    b = ekusia.base("se-2024").parameters()
    assert set(b["quality"]) <= {"verified", "derived", "assumption"}
    assert b["quality"].notna().all() and b["source"].notna().all()
    assert b.loc["wage_month", "quality"] == "assumption"


def test_sfi_without_a_study_grant_is_social_assistance_plus_an_sfi_place():
    price = ekusia.base("se-2024").states(lang="en")
    p = _params()
    need = (5020 + 5400) * 12
    # the municipality pays social assistance, its case work (15 000 kr) and the sfi place
    assert price.loc["sfi_studies", "Municipality"] == -(need + 15000 + p["sfi_place_cost"])
    assert price.loc["sfi_studies", "Individual"] == need
    assert p["sfi_place_cost"] == 40000
    row = ekusia.base("se-2024").parameters().loc["sfi_place_cost"]
    assert row["quality"] == "assumption"
