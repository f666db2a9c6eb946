"""The Report class: exact values, DataFrames, HTML for Jupyter and a chart."""
from __future__ import annotations

import html as _html
import json
import os
import warnings
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional, Union

from ekusia import _core

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from ekusia._model import Model

METRICS = (
    "pv_effect", "pv_cost", "npv", "bcr", "roi", "payback_year", "break_even_effect",
    "npv_per_participant", "success_value", "break_even_successes", "fair_cost_share",
    "payback_months", "pv_cost_per_participant", "potential", "efficiency",
)
YEARLY = ("with", "without", "effect", "cost", "net", "discount_factor", "pv_net", "cumulative_pv_net")


class EkusiaWarning(UserWarning):
    """A non-fatal finding about a model (e.g. a cost outside the horizon)."""


def _need(module: str, extra: str):
    try:
        return __import__(module)
    except ImportError as e:  # pragma: no cover - exercised by hand
        raise ImportError(f"this needs {module}; install it with: pip install 'ekusia[{extra}]'") from e


def _dec(v: Optional[str]) -> Optional[Decimal]:
    return None if v is None else Decimal(v)


@dataclass(frozen=True)
class Row:
    """One row of the report: an actor, ``public_sector`` or ``society``. Values are exact."""

    id: str
    name: str
    names: dict[str, str]
    kind: str
    pv_effect: Decimal
    pv_cost: Decimal
    npv: Decimal
    bcr: Optional[Decimal]
    roi: Optional[Decimal]
    payback_year: Optional[int]
    break_even_effect: Optional[Decimal]
    npv_per_participant: Optional[Decimal]
    success_value: Optional[Decimal]
    break_even_successes: Optional[Decimal]
    fair_cost_share: Optional[Decimal]
    payback_months: Optional[Decimal] = None
    pv_cost_per_participant: Optional[Decimal] = None
    potential: Optional[Decimal] = None
    efficiency: Optional[Decimal] = None

    @classmethod
    def _from(cls, d: dict) -> "Row":
        keep = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**{k: (_dec(v) if k in METRICS and k != "payback_year" else v) for k, v in keep.items()})


class Report:
    """The result of :meth:`ekusia.Model.evaluate` (the ``ekusia-report/1`` form)."""

    __slots__ = ("_core", "_model")

    def __init__(self) -> None:  # pragma: no cover
        raise TypeError("a Report comes from Model.evaluate()")

    @classmethod
    def _wrap(cls, core: _core.Report, model: "Model", warn: bool = True) -> "Report":
        r = object.__new__(cls)
        r._core = core
        r._model = model
        if warn:
            for w in core.warnings():
                warnings.warn(w, EkusiaWarning, stacklevel=3)
        return r

    # --- exact values -------------------------------------------------------------------
    def _rows(self) -> list[dict]:
        """The rows as the report's JSON holds them (without the yearly values)."""
        return json.loads(self._core.rows_json())

    def row(self, id: str) -> Row:
        """The row with this id (an actor id, ``public_sector`` or ``society``)."""
        for d in self._rows():
            if d["id"] == id:
                return Row._from(d)
        raise KeyError(f"no row {id!r}; rows: {', '.join(self._core.row_ids())}")

    @property
    def rows(self) -> list[Row]:
        return [Row._from(d) for d in self._rows()]

    @property
    def warnings(self) -> list[str]:
        return self._core.warnings()

    @property
    def model_info(self) -> dict:
        """The report's ``model`` section (name, currency, horizon, rates, participants)."""
        m = json.loads(self._core.model_json())
        m["discount_rates"] = [Decimal(x) for x in m["discount_rates"]]
        return m

    def to_json(self) -> str:
        """The report as JSON, byte for byte what ``ekusia run --format json`` prints."""
        return self._core.to_json()

    def to_dict(self) -> dict:
        """The report as a dict; every decimal is a ``Decimal``."""
        d = json.loads(self._core.to_json())
        d["model"]["discount_rates"] = [Decimal(x) for x in d["model"]["discount_rates"]]
        for r in d["rows"]:
            for k in METRICS:
                if k != "payback_year":
                    r[k] = _dec(r[k])
            for y in r["years"]:
                for k in YEARLY:
                    y[k] = Decimal(y[k])
        return d

    # --- tables -------------------------------------------------------------------------
    def summary(self, exact: bool = False) -> "pandas.DataFrame":
        """One row per actor, public sector and society; the metrics as float64 columns
        (``exact=True`` gives ``Decimal`` objects instead). Needs ``ekusia[pandas]``."""
        pd = _need("pandas", "pandas")
        rows = self._rows()
        data: dict[str, list[Any]] = {"name": [r["name"] for r in rows], "kind": [r["kind"] for r in rows]}
        for k in METRICS:
            if k == "payback_year":
                data[k] = [r[k] for r in rows] if exact else [float("nan") if r[k] is None else float(r[k]) for r in rows]
            elif exact:
                data[k] = [_dec(r[k]) for r in rows]
            else:
                data[k] = [float("nan") if r[k] is None else float(r[k]) for r in rows]
        df = pd.DataFrame(data, index=pd.Index([r["id"] for r in rows], name="row"))
        return df

    def yearly(self, exact: bool = False) -> "pandas.DataFrame":
        """A tidy table: one line per row and year (row, year, with, without, effect, cost,
        net, discount_factor, pv_net, cumulative_pv_net). Needs ``ekusia[pandas]``."""
        pd = _need("pandas", "pandas")
        cols = self._core.yearly_columns()
        conv = Decimal if exact else float
        data = {"row": cols["row"], "year": cols["year"]}
        for k in YEARLY:
            data[k] = [conv(x) for x in cols[k]]
        return pd.DataFrame(data)

    # --- presentation -------------------------------------------------------------------
    def table(self, lang: str = "sv") -> str:
        """The command line's table, as text."""
        return self._core.present("table", lang)

    def to_markdown(self, lang: str = "sv") -> str:
        return self._core.present("markdown", lang)

    def to_csv(
        self,
        path: Optional[Union[str, os.PathLike[str]]] = None,
        lang: Optional[str] = None,
        table: str = "summary",
    ) -> Optional[str]:
        """A table of the report as CSV at full precision: ``table="summary"`` (one line per
        row) or ``"years"`` (one line per row and year). With ``lang="sv"`` it is CSV for
        Swedish Excel (``;`` between fields, decimal comma, Swedish headers, UTF-8 with a byte
        order mark, years counted from 1), with ``lang="en"`` for English Excel; without a
        language it is CSV for programs (``,`` and ``.``, the report's field names) — what
        ``ekusia run --format csv [--lang L] [--table T]`` prints.

        Writes the file and returns None when ``path`` is given, else returns the text."""
        if path is not None and lang is None and str(path) in ("sv", "en"):
            # The old signature was to_csv(lang): keep such calls meaning what they meant.
            warnings.warn("to_csv(lang) is now to_csv(path, lang=...); pass lang by name",
                          DeprecationWarning, stacklevel=2)
            return self._core.csv(table, None)
        text = self._core.csv(table, lang)
        if path is None:
            return text
        # newline="" keeps the CSV's own line ends; the byte order mark is part of the text.
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return None

    def to_excel(self, path: Union[str, os.PathLike[str]], lang: str = "sv") -> None:
        """Writes the report as an Excel workbook (``.xlsx``), byte for byte what ``ekusia run
        --format xlsx --lang L`` writes: the summary with a chart of every row's cumulative
        discounted net, the years per row, the breakdowns, the outcomes and target groups when
        the model has them, and the assumptions (settings, states and flows, costs, parameters
        with their sources). Numbers are stored as numbers with Swedish (or English) formats."""
        with open(path, "wb") as f:
            f.write(self.to_excel_bytes(lang))

    def to_excel_bytes(self, lang: str = "sv") -> bytes:
        """The workbook of :meth:`to_excel` as bytes (for a web response or a notebook)."""
        model = getattr(getattr(self, "_model", None), "_core", None)
        return self._core.to_xlsx(lang, model)

    def to_html(self, lang: str = "sv") -> str:
        """The self-contained HTML report (summary, chart, groups, the parameters used with
        their sources, yearly tables)."""
        try:
            params = self._model._core.parameters_json()
        except Exception:  # noqa: BLE001 - a report read back without its model still renders
            params = None
        return self._core.present("html", lang, params)

    def breakdown(self, exact: bool = False) -> "pandas.DataFrame":
        """Where each row's value comes from (SPEC §8.5), tidy: one line per report row and kind
        of flow (type, category) with its part of the row's pv_effect, and one per cost item
        (type "cost") with its part of pv_cost. The flow parts add up to pv_effect, the cost
        parts to pv_cost (up to the last digits)."""
        pd = _need("pandas", "pandas")
        conv = Decimal if exact else float
        lines = []
        for r in json.loads(self._core.rows_json()):
            for b in r["breakdown"]:
                lines.append({"row": r["id"], "type": b["type"], "category": b["category"], "pv_effect": conv(b["pv_effect"]), "pv_cost": conv(0)})
            for c in r["cost_breakdown"]:
                lines.append({"row": r["id"], "type": "cost", "category": c["name"], "pv_effect": conv(0), "pv_cost": conv(c["pv_cost"])})
        return pd.DataFrame(lines, columns=["row", "type", "category", "pv_effect", "pv_cost"])

    def outcomes(self, exact: bool = False) -> "pandas.DataFrame":
        """Outcomes that are not money (SPEC §8.4): one line per outcome and report row, with the
        outcome's totals, its discounted effect and the row's net cost per unit (the ICER for
        the payer when `with` and `without` are two strategies)."""
        pd = _need("pandas", "pandas")
        conv = (lambda x: None if x is None else Decimal(x)) if exact else (lambda x: float("nan") if x is None else float(x))
        d = json.loads(self._core.to_json())
        lines = [
            {"outcome": o["id"], "name": o["name"], "unit": (o["unit"] or {}).get("sv"), "row": row,
             "with": conv(o["with"]), "without": conv(o["without"]), "effect": conv(o["effect"]),
             "pv_effect": conv(o["pv_effect"]), "net_cost_per_unit": conv(v)}
            for o in d["outcomes"] for row, v in o["net_cost_per_unit"].items()
        ]
        return pd.DataFrame(lines, columns=["outcome", "name", "unit", "row", "with", "without", "effect", "pv_effect", "net_cost_per_unit"])

    def milestones(self, exact: bool = False) -> "pandas.DataFrame":
        """The sums after the first years in `analysis.milestones` (NyttoSam's short and medium
        term): one line per report row and milestone."""
        pd = _need("pandas", "pandas")
        conv = Decimal if exact else float
        lines = [
            {"row": r["id"], "years": m["years"], "pv_effect": conv(m["pv_effect"]), "pv_cost": conv(m["pv_cost"]), "npv": conv(m["npv"])}
            for r in json.loads(self._core.rows_json()) for m in r["milestones"]
        ]
        return pd.DataFrame(lines, columns=["row", "years", "pv_effect", "pv_cost", "npv"])

    def groups(self, exact: bool = False) -> "pandas.DataFrame":
        """The target groups (SPEC §8.3) as a tidy table: one line per group and report row,
        with the group's participants, the row's present value of the effect from that group's
        cohorts, and per participant. Empty for a model without groups."""
        pd = _need("pandas", "pandas")
        d = json.loads(self._core.to_json())
        conv = (lambda x: None if x is None else Decimal(x)) if exact else (lambda x: float("nan") if x is None else float(x))
        rows = [
            {"group": g["id"], "name": g["name"], "participants": g["participants"], "row": r["id"],
             "pv_effect": conv(r["pv_effect"]), "pv_effect_per_participant": conv(r["pv_effect_per_participant"])}
            for g in d["groups"] for r in g["rows"]
        ]
        frame = pd.DataFrame(rows, columns=["group", "name", "participants", "row", "pv_effect", "pv_effect_per_participant"])
        frame["participants"] = frame["participants"].astype("Int64")
        return frame

    def _repr_html_(self) -> str:
        info = self.model_info
        esc = _html.escape

        def money(d: Optional[Decimal]) -> str:
            # The core's one money format (the same as the command line's and the page's).
            return "–" if d is None else _core.format_money(format(d, "f"), info["currency"], "sv")

        def ratio(d: Optional[Decimal]) -> str:
            return "–" if d is None else _core.format_number(format(d, "f"), 2, "sv")

        def pct(d: Optional[Decimal]) -> str:
            return "–" if d is None else _core.format_number(format(d * 100, "f"), 0, "sv") + "\u00a0%"

        head = ["Rad", "Nettonuvärde", "Nytta/kostnad", "Återbetald", "Effekt som krävs", "Rättvis kostnadsandel"]
        out = [
            f"<div><strong>{esc(info['name'])}</strong> "
            f"<small>({esc(info['currency'])}, {info['horizon']} år, {info['participants']} deltagare)</small>",
            "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>",
        ]
        for r in self.rows:
            style = ' style="font-weight:bold"' if r.kind == "aggregate" else ""
            months = None if r.payback_months is None else format(r.payback_months, "f")
            payback = esc(_core.format_duration(months, "sv"))
            cells = [esc(r.name), esc(money(r.npv)), esc(ratio(r.bcr)), payback, pct(r.break_even_effect), pct(r.fair_cost_share)]
            out.append(f"<tr{style}>" + "".join(
                f'<td style="text-align:{"left" if i == 0 else "right"}">{c}</td>' for i, c in enumerate(cells)) + "</tr>")
        out.append("</tbody></table>")
        for w in self.warnings:
            out.append(f'<p style="color:#8a4b00">Varning: {_html.escape(w)}</p>')
        out.append("</div>")
        return "".join(out)

    def plot(self, ax: Any = None, rows: Optional[list[str]] = None, kind: str = "cumulative"):
        """``kind="cumulative"``: cumulative discounted net per row over the years (counted from
        1), payback marked. ``kind="breakdown"``: where society's (or the first of ``rows``)
        value comes from, a bar per kind of flow. Needs ``ekusia[plot]``. Returns the Axes."""
        _need("matplotlib", "plot")
        import matplotlib.pyplot as plt

        if kind == "breakdown":
            row = (rows or ["society"])[0]
            b = self.breakdown()
            b = b[(b["row"] == row) & (b["type"] != "cost") & (b["pv_effect"] != 0)]
            labels = [f"{c} ({t})" if c else t for c, t in zip(b["category"], b["type"])]
            if ax is None:
                _, ax = plt.subplots(figsize=(9, 0.45 * max(len(labels), 2) + 1))
            ax.barh(labels, b["pv_effect"] / 1e6, color=["#1b6ca8" if v >= 0 else "#d1495b" for v in b["pv_effect"]])
            ax.axvline(0, color="#444", linewidth=0.8)
            ax.set_xlabel(f"mn{self.model_info['currency']}" if self.model_info["currency"] != "SEK" else "mnkr")
            ax.set_title(f"{self.row(row).name}: var värdet kommer ifrån")
            return ax
        if kind != "cumulative":
            raise ValueError(f"kind must be 'cumulative' or 'breakdown', not {kind!r}")

        df = self.yearly()
        if ax is None:
            _, ax = plt.subplots(figsize=(9, 5))
        wanted = rows or self._core.row_ids()
        for r in self.rows:
            if r.id not in wanted:
                continue
            part = df[df["row"] == r.id]
            width = 2.5 if r.kind == "aggregate" else 1.3
            (line,) = ax.plot(part["year"] + 1, part["cumulative_pv_net"], label=r.name, linewidth=width)
            if r.payback_year is not None:
                y = part[part["year"] == r.payback_year]["cumulative_pv_net"].iloc[0]
                ax.plot([r.payback_year + 1], [y], "o", color=line.get_color())
        ax.axhline(0, color="#444", linewidth=0.8)
        ax.set_xlabel("år")
        ax.set_ylabel(f"ackumulerat diskonterat netto ({self.model_info['currency']})")
        ax.set_title(self.model_info["name"])
        ax.legend(fontsize="small")
        return ax

    # --- Python protocol ----------------------------------------------------------------
    def __reduce__(self):
        return (_restore_report, (self._model, self._core.to_json()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Report) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        s = self.row("society")
        return f"<ekusia.Report {self.model_info['name']!r}: society npv {s.npv:.0f}>"


def _restore_report(model: "Model", text: str) -> Report:
    return Report._wrap(_core.report_from_json(text), model, warn=False)
