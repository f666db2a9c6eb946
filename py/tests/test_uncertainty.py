"""Uncertainty from Python: the same numbers as the native build, exact sensitivity."""
import json
from decimal import Decimal

import pytest

import ekusia
from conftest import ROOT

UNCERTAIN = ROOT / "models/examples/jobbspar-osakerhet.toml"


def test_simulation_matches_the_independent_reference():
    m = ekusia.Model.load(ROOT / "tests/vectors/simulation/uniform-triangular.toml")
    sim = m.simulate(runs=3000, seed=7)
    expected = json.loads((ROOT / "tests/vectors/simulation/uniform-triangular.seed7.runs3000.json").read_text())
    assert sim.to_dict() == expected


def test_normal_and_pert_draws_equal_the_native_build():
    sim = ekusia.Model.load(UNCERTAIN).simulate(runs=2000, seed=3)
    native = json.loads((ROOT / "tests/vectors/simulation/jobbspar-osakerhet.seed3.runs2000.native.json").read_text())
    assert sim.to_dict() == native


def test_the_kernels_rarer_paths_equal_the_native_build():
    # Scaled shares, a drawn start above 1, a time-limited state, rules for some years only,
    # target groups and a drawn rate (written by the native build before the kernel's rework).
    sim = ekusia.Model.load(ROOT / "tests/vectors/simulation/kernel-paths.toml").simulate(runs=3001, seed=5)
    native = json.loads((ROOT / "tests/vectors/simulation/kernel-paths.seed5.runs3001.native.json").read_text())
    assert sim.to_dict() == native


def test_summary_draws_and_plot():
    import matplotlib
    matplotlib.use("Agg")
    sim = ekusia.Model.load(UNCERTAIN).simulate(runs=1000, seed=1, draws=True)
    df = sim.summary()
    assert list(df.columns) == ["name", "kind", "mean", "sd", "p5", "p50", "p95", "p_positive"]
    draws = sim.draws()
    soc = draws["society"]
    assert soc.shape == (1000,)
    assert df.loc["society", "mean"] == pytest.approx(soc.mean(), rel=1e-12)
    assert df.loc["society", "p_positive"] == (soc > 0).mean()
    ax = sim.plot()
    assert len(ax.patches) == 30
    with pytest.raises(ValueError):
        ekusia.Model.load(UNCERTAIN).simulate(runs=10).draws()


def test_bad_runs_raise_model_error():
    with pytest.raises(ekusia.ModelError) as info:
        ekusia.Model.load(UNCERTAIN).simulate(runs=0)
    assert (info.value.code, info.value.path) == ("limit", "runs")


def test_sensitivity_is_exact_and_sorted():
    import matplotlib
    matplotlib.use("Agg")
    s = ekusia.Model.load(UNCERTAIN).sensitivity()
    assert s.method == "distributions"
    assert s.npv == ekusia.Model.load(UNCERTAIN).evaluate().row("society").npv
    swings = [r["swing"] for r in s.rows]
    assert swings == sorted(swings, reverse=True) and isinstance(swings[0], Decimal)
    assert s.rows[0]["path"] == "scenarios.with.transitions[1].share"
    assert (s.rows[0]["low"], s.rows[0]["high"]) == (Decimal("0.04"), Decimal("0.07"))
    assert list(s.table().columns) == ["label", "path", "low", "high", "npv_low", "npv_high", "swing"]
    ax = s.plot()
    assert len(ax.patches) == 2 * len(s.rows)


def test_distributions_round_trip_through_the_dict_form():
    m = ekusia.Model.load(UNCERTAIN)
    d = m.to_dict()
    share = d["scenarios"]["with"]["transitions"][1]["share"]
    assert share == {"dist": "triangular", "min": Decimal("0.04"), "mode": Decimal("0.05"), "max": Decimal("0.07")}
    assert d["analysis"]["attribution"]["max"] == Decimal(1)
    assert ekusia.Model.from_dict(d, UNCERTAIN.parent) == m
    # Edit a distribution and see the tornado follow.
    share["max"] = Decimal("0.2")
    s = ekusia.Model.from_dict(d, UNCERTAIN.parent).sensitivity()
    bar = next(r for r in s.rows if r["path"] == "scenarios.with.transitions[1].share")
    assert bar["high"] == Decimal("0.2")
