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
from ekusia._options import check_rows, header, lang_of, money_unit, word

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from matplotlib.axes import Axes

    from ekusia._model import Model

METRICS = (
    "pv_effect", "pv_cost", "npv", "bcr", "roi", "payback_year", "break_even_effect",
    "npv_per_participant", "success_value", "break_even_successes", "fair_cost_share",
    "payback_months", "pv_cost_per_participant", "potential", "efficiency",
)
YEARLY = ("with", "without", "effect", "cost", "net", "discount_factor", "pv_net", "cumulative_pv_net")
# The yearly columns in a DataFrame: `with` is a Python keyword (df.with would not parse), so
# both scenarios are spelled out.
YEARLY_COLUMNS = {"with": "with_intervention", "without": "without_intervention"}


class EkusiaWarning(UserWarning):
    """A non-fatal finding about a model (e.g. a cost outside the horizon)."""


def _need(module: str, extra: str):
    try:
        return __import__(module)
    except ImportError as e:  # pragma: no cover - exercised by hand
        raise ImportError(f"this needs {module}; install it with: pip install 'ekusia[{extra}]'") from e


def _money_axis(ax: Any, which: str, lang: str) -> None:
    """Tick labels with the decimal comma and thin-space thousands in Swedish."""
    from matplotlib.ticker import FuncFormatter

    from ekusia._options import number_text

    def fmt(x: float, _pos: Any) -> str:
        decimals = 0 if abs(x) >= 10 or x == int(x) else 1
        return number_text(x, decimals, lang)

    (ax.yaxis if which == "y" else ax.xaxis).set_major_formatter(FuncFormatter(fmt))


def _dec(v: Optional[str]) -> Optional[Decimal]:
    return None if v is None else Decimal(v)


@dataclass(frozen=True)
class Row:
    """One row of the report: an actor (``municipality``, ``individual`` …), the public sector
    or society. Every figure is an exact ``Decimal``; ``None`` where it has no value (a ratio
    with nothing to divide by, a payback that never comes).

    - ``pv_effect``, ``pv_cost``, ``npv``: the present values of the effect (money the
      intervention moves to or from this row, discounted), of its share of the intervention's
      cost, and their difference, the net present value: above zero, the intervention pays for
      this row over the horizon.
    - ``bcr``: benefit-cost ratio, pv_effect / pv_cost; ``roi``: return on investment,
      npv / pv_cost (0.5 is 50 öre back on each krona, beyond the krona itself).
    - ``payback_year`` (counted from 0) and ``payback_months``: when the row's cumulative
      discounted net turns positive for good.
    - ``break_even_effect``: the share of the measured effect the row needs to break even
      (pv_cost / pv_effect; 0.4 means 40 % of the effect would still pay).
    - ``npv_per_participant``, ``pv_cost_per_participant``: per person who took part.
    - ``success_value``, ``break_even_successes``: with ``analysis.success``, what one
      success is worth to the row, and how many successes pay for its cost.
    - ``fair_cost_share``: the share of the cost this row would pay if each paid in proportion
      to what it gains (only rows that gain; sums to 1 over the actors).
    - ``potential``, ``efficiency``: the value if every participant succeeded, and the share of
      it realised.
    """

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
        return cls(**{k: (_dec(v) if k in METRICS and k != "payback_year" else v) for k, v in keep.items()})  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        """The row as a dict: figures as exact ``Decimal``, whole numbers (``payback_year``, a
        whole-kronor figure) as ``int``, ``None`` where there is no value."""
        return {k: _whole_or(getattr(self, k), lambda d: d) for k in self.__dataclass_fields__}

    def as_float(self) -> dict[str, Any]:
        """The row as a dict of plain numbers for plotting or JSON: figures as ``float``, whole
        numbers as ``int``, ``None`` where there is no value; ``id``, ``name``, ``kind`` as text."""
        return {k: _whole_or(getattr(self, k), float) for k in self.__dataclass_fields__}


def _whole_or(v: Any, conv: Any) -> Any:
    """A Decimal that is a whole number as int, another through ``conv``; anything else as is."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else conv(v)
    return v


def _frame_of_rows(rows: list[dict], exact: bool) -> "pandas.DataFrame":
    """Rows as the report's JSON holds them → name, kind and every figure: float64 (a nullable
    Int64 for the payback year) or, with ``exact``, Decimal objects (None where no value)."""
    pd = _need("pandas", "pandas")
    data: dict[str, Any] = {"name": [r["name"] for r in rows], "kind": [r["kind"] for r in rows]}
    for k in METRICS:
        if k == "payback_year":
            data[k] = pd.array([r[k] for r in rows], dtype="Int64")
        elif exact:
            data[k] = [_dec(r[k]) for r in rows]
        else:
            data[k] = pd.array([float("nan") if r[k] is None else float(r[k]) for r in rows], dtype="float64")
    return pd.DataFrame(data)


_CoreReport = _core.Report


class Report:
    """The result of :meth:`ekusia.Model.evaluate`: one :class:`Row` per actor, then the public
    sector and society, with every figure exact. ``summary()`` and ``yearly()`` give DataFrames,
    ``plot()`` a figure for a board, ``table()``/``to_html()`` the report for people; in Jupyter
    the report shows itself as a table."""

    __slots__ = ("_core", "_model")
    _core: "_CoreReport"
    _model: Optional["Model"]

    def __init__(self) -> None:  # pragma: no cover
        raise TypeError("a Report comes from Model.evaluate()")

    @classmethod
    def _wrap(cls, core: _CoreReport, model: "Model", warn: bool = True) -> "Report":
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
        """The row with this id (an actor id, ``public_sector`` or ``society``); a ``KeyError``
        naming the nearest id and every row otherwise."""
        one = self._core.row_json(str(id))
        if one is not None:
            return Row._from(json.loads(one))
        import difflib

        ids = self._core.row_ids()
        near = difflib.get_close_matches(str(id), ids, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        raise KeyError(f"no row {id!r}{hint}; rows: {', '.join(ids)}")

    @property
    def rows(self) -> list[Row]:
        """Every row in report order: the actors, then ``public_sector`` and ``society``."""
        return [Row._from(d) for d in self._rows()]

    @property
    def warnings(self) -> list[str]:
        """Non-fatal findings (a cost outside the horizon …), also issued as :class:`EkusiaWarning`."""
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
    def summary(self, exact: bool = False, aggregates: bool = True, labels: bool = False,
                lang: Optional[str] = None) -> "pandas.DataFrame":
        """One line per report row, indexed by ``row`` (the actor's id, ``public_sector``,
        ``society``); columns ``name``, ``kind`` (``public``, ``individual``, ``other`` or
        ``aggregate``) and every figure of :class:`Row` — float64, ``payback_year`` a nullable
        ``Int64`` (``<NA>`` where the row never pays back). ``exact=True`` gives ``Decimal``
        objects instead. ``aggregates=False`` keeps only the actors (the public sector and
        society are sums of them). ``labels=True`` names the columns for people, in ``lang``
        (default: ``ekusia.set_option("lang", …)``). Needs ``ekusia[pandas]``."""
        pd = _need("pandas", "pandas")
        rows = [r for r in self._rows() if aggregates or r["kind"] != "aggregate"]
        df = _frame_of_rows(rows, exact)
        df.index = pd.Index([r["id"] for r in rows], name="row")
        if labels:
            lg = lang_of(lang)
            df = df.rename(columns={c: header(c, lg) for c in df.columns}).rename_axis(header("row", lg))
        return df

    def yearly(self, exact: bool = False) -> "pandas.DataFrame":
        """A tidy table: one line per report row and year (counted from 0): row, year,
        with_intervention, without_intervention (the row's money in each scenario), effect
        (their difference), cost (its share of the intervention's cost), net, discount_factor,
        pv_net and cumulative_pv_net (the curve of :meth:`plot`). Needs ``ekusia[pandas]``."""
        pd = _need("pandas", "pandas")
        cols = self._core.yearly_columns()
        conv = Decimal if exact else float
        data: dict[str, list[Any]] = {"row": cols["row"], "year": cols["year"]}
        for k in YEARLY:
            data[YEARLY_COLUMNS.get(k, k)] = [conv(x) for x in cols[k]]
        return pd.DataFrame(data)

    # --- presentation -------------------------------------------------------------------
    def table(self, lang: Optional[str] = None) -> str:
        """The command line's table, as text (``lang``: "sv" or "en", default the package option)."""
        return self._core.present("table", lang_of(lang))

    def to_markdown(self, lang: Optional[str] = None) -> str:
        """The summary as a Markdown table, for a README or a report draft."""
        return self._core.present("markdown", lang_of(lang))

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

    def to_html(self, lang: Optional[str] = None) -> str:
        """The self-contained HTML report (summary, chart, groups, the parameters used with
        their sources, yearly tables)."""
        lang = lang_of(lang)
        try:
            params = self._model._core.parameters_json()  # type: ignore[union-attr]
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
        outcome's totals (with_intervention, without_intervention, effect), its discounted effect and the row's net cost per unit (the ICER for
        the payer when `with` and `without` are two strategies)."""
        pd = _need("pandas", "pandas")
        conv = (lambda x: None if x is None else Decimal(x)) if exact else (lambda x: float("nan") if x is None else float(x))
        d = json.loads(self._core.to_json())
        lines = [
            {"outcome": o["id"], "name": o["name"], "unit": (o["unit"] or {}).get("sv"), "row": row,
             "with_intervention": conv(o["with"]), "without_intervention": conv(o["without"]), "effect": conv(o["effect"]),
             "pv_effect": conv(o["pv_effect"]), "net_cost_per_unit": conv(v)}
            for o in d["outcomes"] for row, v in o["net_cost_per_unit"].items()
        ]
        return pd.DataFrame(lines, columns=["outcome", "name", "unit", "row", "with_intervention", "without_intervention",
                                            "effect", "pv_effect", "net_cost_per_unit"])

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
        lg = lang_of(None)

        def money(d: Optional[Decimal]) -> str:
            # The core's one money format (the same as the command line's and the page's).
            return "–" if d is None else _core.format_money(format(d, "f"), info["currency"], lg)

        def ratio(d: Optional[Decimal]) -> str:
            # As the command line and the page: a negative ratio is not a number worth reading.
            if d is not None and d < 0:
                return word("ej meningsfull", "not meaningful", lg)
            return "–" if d is None else _core.format_number(format(d, "f"), 2, lg)

        def pct(d: Optional[Decimal]) -> str:
            return "–" if d is None else _core.format_number(format(d * 100, "f"), 0, lg) + "\u00a0%"

        head = [word("Rad", "Row", lg), header("npv", lg), header("bcr", lg),
                word("Återbetald", "Payback", lg), header("break_even_effect", lg), header("fair_cost_share", lg)]
        years, people = word("år", "years", lg), word("deltagare", "participants", lg)
        out = [
            f"<div><strong>{esc(info['name'])}</strong> "
            f"<small>({esc(info['currency'])}, {info['horizon']} {years}, {info['participants']} {people})</small>",
            "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>",
        ]
        for r in self.rows:
            style = ' style="font-weight:bold"' if r.kind == "aggregate" else ""
            months = None if r.payback_months is None else format(r.payback_months, "f")
            payback = esc(_core.format_duration(months, lg))
            cells = [esc(r.names.get(lg, r.name)), esc(money(r.npv)), esc(ratio(r.bcr)), payback,
                     pct(r.break_even_effect), pct(r.fair_cost_share)]
            out.append(f"<tr{style}>" + "".join(
                f'<td style="text-align:{"left" if i == 0 else "right"}">{c}</td>' for i, c in enumerate(cells)) + "</tr>")
        out.append("</tbody></table>")
        for w in self.warnings:
            out.append(f'<p style="color:#8a4b00">{word("Varning", "Warning", lg)}: {_html.escape(w)}</p>')
        out.append("</div>")
        return "".join(out)

    def plot(self, ax: Optional["Axes"] = None, rows: Union[str, list[str], None] = None, kind: str = "cumulative",
             lang: Optional[str] = None) -> "Axes":
        """A figure for a board, amounts in millions (mnkr), each line labelled, with a legend
        and a title. ``kind="cumulative"``: each row's cumulative discounted net over the years
        (counted from 1), a dot where it pays back. ``kind="breakdown"``: where society's (or the
        first of ``rows``) value comes from, a bar per kind of flow. ``rows`` is checked: an id
        that is no row raises :class:`ModelError` naming the nearest. Needs ``ekusia[plot]``.
        Returns the matplotlib Axes (``ax.figure.savefig("fig.png", dpi=200)``)."""
        _need("matplotlib", "plot")
        import matplotlib.pyplot as plt

        lg = lang_of(lang)
        ids = self._core.row_ids()
        wanted = check_rows(rows, ids)
        info = self.model_info
        unit = money_unit(info["currency"], lg)
        names = {r.id: r.names.get(lg, r.name) for r in self.rows}
        if kind == "breakdown":
            row = wanted[0] if rows is not None else "society"
            b = self.breakdown()
            b = b[(b["row"] == row) & (b["type"] != "cost") & (b["pv_effect"] != 0)]
            labels = [f"{c} ({t})" if c else t for c, t in zip(b["category"], b["type"])]
            if ax is None:
                _, ax = plt.subplots(figsize=(9, 0.45 * max(len(labels), 2) + 1))
            ax.barh(labels, b["pv_effect"] / 1e6, color=["#1b6ca8" if v >= 0 else "#d1495b" for v in b["pv_effect"]])
            ax.axvline(0, color="#444", linewidth=0.8)
            ax.set_xlabel(word(f"nuvärde, {unit}", f"present value, {unit}", lg))
            ax.set_title(word(f"{names[row]}: var värdet kommer ifrån", f"{names[row]}: where the value comes from", lg))
            _money_axis(ax, "x", lg)
            return ax
        if kind != "cumulative":
            raise ValueError(f"kind must be 'cumulative' or 'breakdown', not {kind!r}")

        df = self.yearly()
        if ax is None:
            _, ax = plt.subplots(figsize=(9, 5))
        for r in self.rows:
            if r.id not in wanted:
                continue
            part = df[df["row"] == r.id]
            width = 2.5 if r.kind == "aggregate" else 1.3
            (line,) = ax.plot(part["year"] + 1, part["cumulative_pv_net"] / 1e6, label=names[r.id], linewidth=width)
            if r.payback_year is not None:
                y = part[part["year"] == r.payback_year]["cumulative_pv_net"].iloc[0] / 1e6
                ax.plot([r.payback_year + 1], [y], "o", color=line.get_color())
        ax.axhline(0, color="#444", linewidth=0.8)
        ax.set_xlabel(word("år", "year", lg))
        ax.set_ylabel(word(f"ackumulerat diskonterat netto, {unit}", f"cumulative discounted net, {unit}", lg))
        ax.set_title(info["name"])
        _money_axis(ax, "y", lg)
        ax.legend(fontsize="small", title=word("● återbetald", "● paid back", lg), title_fontsize="small")
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
