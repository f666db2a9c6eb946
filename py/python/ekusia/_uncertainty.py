"""Results of the uncertainty analysis: Monte Carlo simulation and one-way sensitivity."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional

from ekusia._report import _need

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    import pandas

STATS = ("mean", "sd", "p5", "p50", "p95", "p_positive")


class Simulation:
    """The result of :meth:`ekusia.Model.simulate`. Statistics are floats (the simulation runs
    in double precision; the deterministic report stays exact)."""

    __slots__ = ("_data", "_draws")

    def __init__(self, text: str, draws: list[bytes]):
        self._data = json.loads(text)
        self._draws = draws

    @property
    def runs(self) -> int:
        return self._data["runs"]

    @property
    def seed(self) -> int:
        return self._data["seed"]

    @property
    def parameters(self) -> list[dict]:
        """The uncertain parameters: their path and distribution."""
        return self._data["parameters"]

    def row(self, id: str) -> dict:
        """One row's statistics: mean, sd, p5, p50, p95, p_positive, histogram."""
        for r in self._data["rows"]:
            if r["id"] == id:
                return r
        raise KeyError(id)

    def to_dict(self) -> dict:
        return json.loads(json.dumps(self._data))

    def summary(self) -> "pandas.DataFrame":
        """One row per actor, public sector and society: mean, sd, p5, p50, p95, p_positive."""
        pd = _need("pandas", "pandas")
        rows = self._data["rows"]
        df = pd.DataFrame({k: [r[k] for r in rows] for k in ("name", "kind") + STATS},
                          index=pd.Index([r["id"] for r in rows], name="row"))
        return df

    def draws(self) -> dict[str, "numpy.ndarray"]:
        """Every run's npv per row (needs ``simulate(..., draws=True)``)."""
        if not self._draws:
            raise ValueError("run model.simulate(..., draws=True) to keep the draws")
        np = _need("numpy", "pandas")
        return {r["id"]: np.frombuffer(b, dtype="<f8") for r, b in zip(self._data["rows"], self._draws)}

    def plot(self, row: str = "society", ax: Any = None):
        """A histogram of the row's npv with P(npv > 0). Needs ``ekusia[plot]``."""
        _need("matplotlib", "plot")
        import matplotlib.pyplot as plt

        r = self.row(row)
        h = r["histogram"]
        n = len(h["counts"])
        width = (h["max"] - h["min"]) / n if h["max"] > h["min"] else 1.0
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        lefts = [h["min"] + i * width for i in range(n)]
        colors = ["#d1495b" if x + width <= 0 else "#1b6ca8" for x in lefts]
        ax.bar(lefts, h["counts"], width=width, align="edge", color=colors)
        ax.axvline(0, color="#444", linewidth=0.8)
        ax.set_title(f"{r['name']}: P(NNV > 0) = {r['p_positive']:.1%} ({self.runs} körningar)")
        ax.set_xlabel("nettonuvärde")
        ax.set_ylabel("antal körningar")
        return ax

    def __repr__(self) -> str:
        s = self.row("society")
        return f"<ekusia.Simulation {self.runs} runs, seed {self.seed}: society P(npv > 0) = {s['p_positive']:.3f}>"


class Sensitivity:
    """The result of :meth:`ekusia.Model.sensitivity`: exact values as ``Decimal``."""

    __slots__ = ("_data",)

    def __init__(self, text: str):
        d = json.loads(text)
        d["npv"] = Decimal(d["npv"])
        for r in d["rows"]:
            for k in ("low", "high", "npv_low", "npv_high", "swing"):
                r[k] = Decimal(r[k])
        self._data = d

    @property
    def method(self) -> str:
        return self._data["method"]

    @property
    def npv(self) -> Decimal:
        """Society's npv with every parameter at its point value."""
        return self._data["npv"]

    @property
    def rows(self) -> list[dict]:
        return self._data["rows"]

    @property
    def skipped(self) -> list[dict]:
        return self._data["skipped"]

    def table(self, exact: bool = False) -> "pandas.DataFrame":
        """The bars, largest swing first: path, low, high, npv_low, npv_high, swing."""
        pd = _need("pandas", "pandas")
        conv = (lambda x: x) if exact else float
        cols = ("low", "high", "npv_low", "npv_high", "swing")
        return pd.DataFrame({"path": [r["path"] for r in self.rows], **{k: [conv(r[k]) for r in self.rows] for k in cols}})

    def plot(self, top: Optional[int] = 12, ax: Any = None):
        """The tornado: society's npv at each parameter's low and high value. Needs ``ekusia[plot]``."""
        _need("matplotlib", "plot")
        import matplotlib.pyplot as plt

        rows = self.rows[:top] if top else self.rows
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.2))
        base = float(self.npv)
        for i, r in enumerate(reversed(rows)):
            lo, hi = float(r["npv_low"]), float(r["npv_high"])
            ax.barh(i, lo - base, left=base, color="#d1495b")
            ax.barh(i, hi - base, left=base, color="#1b6ca8")
        ax.set_yticks(range(len(rows)), [r["path"] for r in reversed(rows)], fontsize="small")
        ax.axvline(base, color="#444", linewidth=0.8)
        ax.set_xlabel("samhällets nettonuvärde (låg: röd, hög: blå)")
        return ax
