"""Results of the uncertainty analysis: Monte Carlo simulation and one-way sensitivity."""
from __future__ import annotations

import html as _html
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional

from ekusia import _core
from ekusia._options import check_rows, header, lang_of, money_unit, number_text, probability_text, word
from ekusia._report import _money_axis, _need

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    import pandas
    from matplotlib.axes import Axes

STATS = ("mean", "sd", "p5", "p50", "p95", "p_positive")


class Simulation:
    """The result of :meth:`ekusia.Model.simulate`: how sure the result is. For each report row
    the mean, standard deviation (``sd``) and 5th/50th/95th percentiles (``p5``, ``p50``,
    ``p95``) of its net present value over the runs, and ``p_positive``, the share of runs in
    which the intervention pays for that row. Statistics are floats (the simulation runs in
    double precision; the deterministic report stays exact). In Jupyter it shows itself as a
    table."""

    __slots__ = ("_data", "_draws", "_money")

    def __init__(self, text: str, draws: list[bytes], currency: str = "SEK"):
        self._data = json.loads(text)
        self._draws = draws
        self._money = currency

    @property
    def runs(self) -> int:
        """How many runs were drawn."""
        return self._data["runs"]

    @property
    def seed(self) -> int:
        """The seed: the same seed gives the same draws in every interface."""
        return self._data["seed"]

    @property
    def parameters(self) -> list[dict[str, Any]]:
        """The uncertain values: their path and distribution."""
        return self._data["parameters"]

    def _ids(self) -> list[str]:
        return [r["id"] for r in self._data["rows"]]

    def row(self, id: str) -> dict[str, Any]:
        """One row's statistics: mean, sd, p5, p50, p95, p_positive, histogram."""
        for r in self._data["rows"]:
            if r["id"] == id:
                return r
        import difflib

        near = difflib.get_close_matches(str(id), self._ids(), n=1)
        raise KeyError(f"no row {id!r}" + (f" (did you mean {near[0]!r}?)" if near else "") + f"; rows: {', '.join(self._ids())}")

    def to_dict(self) -> dict[str, Any]:
        """Everything as a dict (statistics as floats, the histograms as lists)."""
        return json.loads(json.dumps(self._data))

    def summary(self, aggregates: bool = True) -> "pandas.DataFrame":
        """One line per report row (indexed by ``row``): name, kind, mean, sd, p5, p50, p95,
        p_positive. ``aggregates=False`` keeps only the actors."""
        pd = _need("pandas", "pandas")
        rows = [r for r in self._data["rows"] if aggregates or r.get("kind") != "aggregate"]
        df = pd.DataFrame({k: [r[k] for r in rows] for k in ("name", "kind") + STATS},
                          index=pd.Index([r["id"] for r in rows], name="row"))
        return df

    def draws(self) -> dict[str, "numpy.ndarray"]:
        """Every run's npv per row (needs ``simulate(..., draws=True)``)."""
        if not self._draws:
            raise ValueError("run model.simulate(..., draws=True) to keep the draws")
        np = _need("numpy", "pandas")
        return {r["id"]: np.frombuffer(b, dtype="<f8") for r, b in zip(self._data["rows"], self._draws)}

    def plot(self, row: str = "society", ax: Optional["Axes"] = None, lang: Optional[str] = None) -> "Axes":
        """A histogram of the row's npv in millions, the runs that lose money red, with the chance
        that it pays in the title ("> 99,9 %" rather than a rounded "100 %"). ``row`` is checked.
        Needs ``ekusia[plot]``. Returns the Axes."""
        _need("matplotlib", "plot")
        import matplotlib.pyplot as plt
        from matplotlib.patches import Patch

        lg = lang_of(lang)
        check_rows([row], self._ids())
        r = self.row(row)
        h = r["histogram"]
        n = len(h["counts"])
        width = (h["max"] - h["min"]) / n if h["max"] > h["min"] else 1.0
        if ax is None:
            _, ax = plt.subplots(figsize=(8, 4))
        lefts = [h["min"] + i * width for i in range(n)]
        colors = ["#d1495b" if x + width <= 0 else "#1b6ca8" for x in lefts]
        ax.bar([x / 1e6 for x in lefts], h["counts"], width=width / 1e6, align="edge", color=colors)
        ax.axvline(0, color="#444", linewidth=0.8)
        name = (r.get("names") or {}).get(lg, r["name"])
        p = probability_text(r["p_positive"], lg)
        runs = number_text(self.runs, 0, lg)
        ax.set_title(word(f"{name}: P(NNV > 0) = {p} ({runs} körningar)", f"{name}: P(NPV > 0) = {p} ({runs} runs)", lg))
        ax.set_xlabel(word(f"nettonuvärde, {money_unit(self._currency(), lg)}", f"net present value, {money_unit(self._currency(), lg)}", lg))
        ax.set_ylabel(word("antal körningar", "runs", lg))
        _money_axis(ax, "x", lg)
        ax.legend(handles=[Patch(color="#1b6ca8", label=word("lönsam", "pays", lg)),
                           Patch(color="#d1495b", label=word("olönsam", "loses", lg))], fontsize="small")
        return ax

    def _currency(self) -> str:
        return getattr(self, "_money", "SEK")

    def _repr_html_(self) -> str:
        lg = lang_of(None)
        esc = _html.escape
        cur = self._currency()

        def money(x: float) -> str:
            return _core.format_money(repr(float(x)), cur, lg)

        head = [word("Rad", "Row", lg), header("mean", lg), header("p5", lg), header("p50", lg), header("p95", lg),
                header("p_positive", lg)]
        out = [f"<div><strong>{word('Monte Carlo-simulering', 'Monte Carlo simulation', lg)}</strong> "
               f"<small>({number_text(self.runs, 0, lg)} {word('körningar', 'runs', lg)}, seed {self.seed})</small>",
               "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"]
        for r in self._data["rows"]:
            style = ' style="font-weight:bold"' if r.get("kind") == "aggregate" else ""
            name = (r.get("names") or {}).get(lg, r["name"])
            cells = [esc(name)] + [esc(money(r[k])) for k in ("mean", "p5", "p50", "p95")] + [esc(probability_text(r["p_positive"], lg))]
            out.append(f"<tr{style}>" + "".join(
                f'<td style="text-align:{"left" if i == 0 else "right"}">{c}</td>' for i, c in enumerate(cells)) + "</tr>")
        out.append("</tbody></table></div>")
        return "".join(out)

    def __repr__(self) -> str:
        s = self.row("society")
        return (f"<ekusia.Simulation {self.runs} runs, seed {self.seed}: society mean npv {s['mean']:,.0f}, "
                f"P(npv > 0) = {probability_text(s['p_positive'], 'en')}>")


class Sensitivity:
    """The result of :meth:`ekusia.Model.sensitivity`, the tornado: which assumption a row's net
    present value hangs on most. Each bar is one value at its low and its high end, the others
    as they are; ``swing`` is how far the npv moves between them, largest first. Exact values as
    ``Decimal``. In Jupyter it shows itself as a table."""

    __slots__ = ("_data",)

    def __init__(self, text: str, currency: str = "SEK", row_names: Optional[dict[str, str]] = None):
        d = json.loads(text)
        d.setdefault("row_names", row_names)
        d["npv"] = Decimal(d["npv"])
        for r in d["rows"]:
            for k in ("low", "high", "npv_low", "npv_high", "swing"):
                r[k] = Decimal(r[k])
        d.setdefault("row", "society")
        d.setdefault("currency", currency)
        self._data = d

    @property
    def method(self) -> str:
        """``"distributions"`` (each distribution's low and high end) or
        ``"plus_minus_20_percent"`` (a model without distributions: every amount and share ±20 %)."""
        return self._data["method"]

    @property
    def row(self) -> str:
        """The report row whose npv is varied."""
        return self._data["row"]

    @property
    def npv(self) -> Decimal:
        """The row's npv with every value as it is."""
        return self._data["npv"]

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The bars, largest swing first: path, label (a readable path ``Model.set`` takes),
        names (a parameter's name in both languages, or None), low, high, npv_low, npv_high,
        swing."""
        return self._data["rows"]

    @property
    def skipped(self) -> list[dict[str, Any]]:
        """Values that could not be varied, with the reason."""
        return self._data["skipped"]

    def label(self, bar: dict[str, Any], lang: Optional[str] = None) -> str:
        """A bar's label: the parameter's name (with its id), else the readable path."""
        lg = lang_of(lang)
        names = bar.get("names")
        if names:
            return f"{names.get(lg) or names.get('sv')} ({bar['path'].removeprefix('parameters.')})"
        return bar.get("label") or bar["path"]

    def table(self, exact: bool = False, lang: Optional[str] = None) -> "pandas.DataFrame":
        """The bars, largest swing first: label, path, low, high, npv_low, npv_high, swing."""
        pd = _need("pandas", "pandas")
        conv = (lambda x: x) if exact else float
        cols = ("low", "high", "npv_low", "npv_high", "swing")
        return pd.DataFrame({"label": [self.label(r, lang) for r in self.rows], "path": [r["path"] for r in self.rows],
                             **{k: [conv(r[k]) for r in self.rows] for k in cols}})

    def plot(self, top: Optional[int] = 12, ax: Optional["Axes"] = None, lang: Optional[str] = None) -> "Axes":
        """The tornado for a board: the row's npv in millions at each value's low (red) and high
        (blue) end around its npv, bars labelled by the parameter's name or readable path, with a
        legend and a title. ``top`` bars, largest first. Needs ``ekusia[plot]``."""
        _need("matplotlib", "plot")
        import matplotlib.pyplot as plt

        lg = lang_of(lang)
        rows = self.rows[:top] if top else self.rows
        if ax is None:
            _, ax = plt.subplots(figsize=(9, 0.45 * len(rows) + 1.6))
        base = float(self.npv) / 1e6
        for i, r in enumerate(reversed(rows)):
            lo, hi = float(r["npv_low"]) / 1e6, float(r["npv_high"]) / 1e6
            ax.barh(i, lo - base, left=base, color="#d1495b", label=word("lågt värde", "low value", lg) if i == 0 else None)
            ax.barh(i, hi - base, left=base, color="#1b6ca8", label=word("högt värde", "high value", lg) if i == 0 else None)
        ax.set_yticks(range(len(rows)), [self.label(r, lg) for r in reversed(rows)], fontsize="small")
        ax.axvline(base, color="#444", linewidth=0.8)
        unit = money_unit(self._data["currency"], lg)
        who = self._row_name(lg)
        ax.set_xlabel(word(f"nettonuvärde för {who}, {unit}", f"net present value for {who}, {unit}", lg))
        ax.set_title(word(f"Vad resultatet för {who} hänger på", f"What the result for {who} hangs on", lg))
        _money_axis(ax, "x", lg)
        ax.legend(fontsize="small")
        return ax

    def _row_name(self, lg: str) -> str:
        names = self._data.get("row_names")
        if names:
            return names.get(lg) or names.get("sv") or self.row
        if self.row == "society":
            return word("samhället", "society", lg)
        if self.row == "public_sector":
            return word("offentlig sektor", "the public sector", lg)
        return self.row

    def _repr_html_(self) -> str:
        lg = lang_of(None)
        esc = _html.escape
        cur = self._data["currency"]

        def money(d: Decimal) -> str:
            return _core.format_money(format(d, "f"), cur, lg)

        head = [word("Värde", "Value", lg), word("Låg", "Low", lg), word("Hög", "High", lg),
                word("NNV, låg", "NPV, low", lg), word("NNV, hög", "NPV, high", lg), word("Utslag", "Swing", lg)]
        out = [f"<div><strong>{word('Känslighetsanalys', 'Sensitivity analysis', lg)}: {esc(self._row_name(lg))}</strong> "
               f"<small>({word('nettonuvärde', 'net present value', lg)} {esc(money(self.npv))})</small>",
               "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"]
        for r in self.rows:
            cells = [esc(self.label(r, lg)), esc(_core.format_number(format(r["low"], "f"), 4, lg).rstrip("0").rstrip(",.")),
                     esc(_core.format_number(format(r["high"], "f"), 4, lg).rstrip("0").rstrip(",.")),
                     esc(money(r["npv_low"])), esc(money(r["npv_high"])), esc(money(r["swing"]))]
            out.append("<tr>" + "".join(
                f'<td style="text-align:{"left" if i == 0 else "right"}">{c}</td>' for i, c in enumerate(cells)) + "</tr>")
        out.append("</tbody></table></div>")
        return "".join(out)

    def __repr__(self) -> str:
        top = self.rows[0] if self.rows else None
        lead = f", largest swing {top['swing']:,.0f} from {self.label(top, 'en')}" if top else ""
        return f"<ekusia.Sensitivity of {self.row}'s npv {self.npv:,.0f}: {len(self.rows)} bars{lead}>"
