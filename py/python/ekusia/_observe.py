"""Observed trajectories from a follow-up table: :func:`ekusia.observe`.

A follow-up table has one row per participant and period (a cohort year 0, 1, 2 … or a month
``YYYY-MM``) with the participant's state. The counting — a group-by — runs in the data frame's
own engine through narwhals (pandas, polars, DuckDB relations, PySpark DataFrames …), so a
register extract is aggregated where it lives; only the count table (weights and persons per
scenario, group, cohort year and state) reaches the Rust core, which writes the shares into the
model exactly as ``ekusia observe`` does. A path to a ``.csv`` or ``.xlsx`` file is read and
counted by the core's own reader instead, the command line's code.
"""
from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Optional, Union

from ekusia import _core

if TYPE_CHECKING:  # pragma: no cover
    from ekusia._model import Model

PathLike = Union[str, "os.PathLike[str]"]

# Rows that are examples of a problem: at most this many per kind.
_EXAMPLES = 10


class Observation:
    """The result of :func:`observe`: the new :attr:`model` and what it rests on.

    ``text(lang)`` is the table ``ekusia observe`` prints; ``summary()`` and ``attrition()``
    are pandas DataFrames (lists of dicts without pandas); ``warnings(lang)`` the warnings;
    ``to_dict()`` everything, decimals as :class:`decimal.Decimal`."""

    __slots__ = ("model", "_summary")

    def __init__(self, model: "Model", summary_json: str):
        self.model = model
        self._summary = summary_json

    def to_dict(self) -> dict:
        """The summary as plain data: per scenario, group and year the persons each share rests
        on, the shares, attrition and the warnings (persons' counts are aggregates only)."""
        data = json.loads(self._summary)
        for s in data["series"]:
            for y in s["years"]:
                if y["retained"] is not None:
                    y["retained"] = Decimal(y["retained"])
                for sh in y["shares"]:
                    sh["share"] = Decimal(sh["share"])
        return data

    def text(self, lang: str = "sv") -> str:
        """The summary as the command line prints it: persons per share, attrition, warnings."""
        return _core.observe_summary_text(self._summary, lang)

    def warnings(self, lang: str = "sv") -> list[str]:
        """The warnings, one sentence each: shares resting on fewer than 5 persons, a comparison
        group whose year 0 differs clearly from the participants', years without data."""
        return _core.observe_warnings(self._summary, lang)

    def summary(self):
        """One row per scenario, group, cohort year and state: the share written into the
        model, its weight (person-years or person-months), the persons in the state, and the
        persons the year rests on."""
        rows = []
        for s in self.to_dict()["series"]:
            for y in s["years"]:
                for sh in y["shares"]:
                    rows.append({"scenario": s["scenario"], "group": s["group"], "year": y["year"],
                                 "state": sh["state"], "share": sh["share"], "weight": sh["weight"],
                                 "persons_in_state": sh["persons"], "persons": y["persons"]})
        return _frame(rows)

    def attrition(self):
        """One row per scenario, group and cohort year: persons, persons lost since the
        previous year, and the share of cohort year 0's persons still followed."""
        rows = [{"scenario": s["scenario"], "group": s["group"], "year": y["year"], "persons": y["persons"],
                 "lost": y["lost"], "retained": y["retained"]}
                for s in self.to_dict()["series"] for y in s["years"]]
        return _frame(rows)

    def __str__(self) -> str:
        return self.text("sv")

    def _repr_html_(self) -> str:
        import html

        return f"<pre>{html.escape(self.text('sv'))}</pre>"

    def __repr__(self) -> str:
        n = len(json.loads(self._summary)["series"])
        return f"<ekusia.Observation: {n} series, model {self.model.name!r}>"


def _frame(rows: list):
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - exercised by hand
        return rows
    return pd.DataFrame(rows)


def _mapping_toml(mapping: Union[Mapping[str, str], PathLike, None]) -> Optional[str]:
    """The mapping as the TOML text the core reads: a dict ``{label: state}``, a path to a
    mapping file, or None."""
    if mapping is None:
        return None
    if isinstance(mapping, Mapping):
        # JSON strings are TOML basic strings; a value that is not a string is the core's error.
        return "\n".join(f"{json.dumps(str(k))} = {json.dumps(v)}" for k, v in mapping.items()) + "\n"
    return Path(mapping).read_text(encoding="utf-8")


def observe(data: Any, model: Union["Model", PathLike], *, person: Optional[str] = None,
            period: Optional[str] = None, state: Optional[str] = None, group: Optional[str] = None,
            scenario: Optional[str] = None, default_scenario: str = "with",
            mapping: Union[Mapping[str, str], PathLike, None] = None,
            sheet: Optional[str] = None) -> Observation:
    """Writes a follow-up table's observations into ``model``: the participants' cohort year 0
    becomes ``start``, later years each scenario's ``trajectory`` (per group where the table has
    groups). Returns an :class:`Observation` with the new model.

    ``data`` is a data frame of any engine narwhals knows (pandas, polars, DuckDB, PySpark …)
    or a path to a ``.csv``/``.xlsx`` file (read as ``ekusia observe`` reads it; ``sheet``
    names a sheet). ``person``, ``period``, ``state``, ``group`` and ``scenario`` name the
    columns (default: ``person``, ``period``, ``state``, and ``group``/``scenario`` when the
    table has them). Rows without a scenario column are ``default_scenario`` (``"with"``, or
    ``"without"`` for a comparison group). ``mapping`` maps labels to state ids: a dict or a
    mapping file (TOML). Problems raise :class:`ekusia.ModelError` with the command line's codes.
    """
    from ekusia._model import Model

    if not isinstance(model, Model):
        model = Model.load(model)
    if default_scenario not in ("with", "without"):
        raise ValueError(f"default_scenario must be 'with' or 'without', not {default_scenario!r}")
    columns = [person, period, state, group, scenario]
    mapping_text = _mapping_toml(mapping)
    core = model._core
    if isinstance(data, (str, os.PathLike)):
        new, summary = core.observe_file(Path(data), columns, default_scenario, mapping_text, sheet)
    else:
        counts = _count_frame(data, core, columns, default_scenario, mapping_text)
        new, summary = core.observe_counts(json.dumps(counts))
    return Observation(Model(new), summary)


def _rows(frame: Any) -> list[dict]:
    """A small narwhals frame's rows as dicts (a lazy one is collected)."""
    import narwhals as nw

    if isinstance(frame, nw.LazyFrame):
        frame = frame.collect()
    return list(frame.rows(named=True))


def _int(v: Any) -> int:
    return int(v)


def _raise(core: Any, problems: list[dict]) -> None:
    """Raises the problems through the core, worded as the command line words them."""
    core.observe_counts(json.dumps({"cells": [], "problems": problems}))


def _month_text(m: int) -> str:
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def _count_frame(native: Any, core: Any, columns: list, default_scenario: str,
                 mapping_text: Optional[str]) -> dict:
    """The count table of a data frame, computed by the frame's engine."""
    from ekusia._report import _need

    nw = _need("narwhals", "observe")

    frame = nw.from_native(native)
    names = list(frame.collect_schema().names())
    c_person, c_period, c_state, c_group, c_scenario = _core.observe_columns(names, columns)
    # The core returns the three required columns or raises (a missing column is its error).
    assert c_person is not None and c_period is not None and c_state is not None
    schema = frame.collect_schema()
    col = nw.col

    # Empty cells (nulls, or empty text) in any column read. Text is not trimmed in the engine
    # (a regular expression per row costs more than all the counting); the few distinct labels,
    # groups and scenarios are trimmed after the group-by, as the file reader trims cells.
    used = [c for c in (c_person, c_period, c_state, c_group, c_scenario) if c is not None]
    empties = []
    for c in used:
        empty = col(c).is_null()
        if schema[c] == nw.String:
            empty = empty | (col(c) == "")
        empties.append(empty.cast(nw.Int64).sum().alias(c))
    counts = _rows(frame.select(*empties, nw.len().alias("__rows")))[0]
    problems = [{"kind": "empty_cell", "column": c, "count": _int(counts[c])} for c in used if counts[c]]
    if problems:
        _raise(core, problems)
    if not counts["__rows"]:
        _raise(core, [])  # the core's "the table has no rows of data"

    def text(c: str):
        return col(c) if schema[c] == nw.String else col(c).cast(nw.String)

    f = frame.select(
        col(c_person).alias("p"),
        text(c_state).alias("s"),
        (text(c_scenario) if c_scenario else nw.lit(default_scenario, dtype=nw.String)).alias("sc"),
        *([text(c_group).alias("g")] if c_group else []),
        col(c_period).alias("t_raw"),
    )

    # The period: a cohort year, or a month counted as year · 12 + month − 1.
    dtype = schema[c_period]
    months = False
    if dtype.is_integer():
        f = f.with_columns(t=col("t_raw").cast(nw.Int64))
    elif dtype.is_float():
        bad = _rows(f.filter(col("t_raw") != col("t_raw").round(0)).select("p", "t_raw").head(_EXAMPLES))
        if bad:
            _raise(core, [{"kind": "period", "person": str(r["p"]), "period": str(r["t_raw"])} for r in bad])
        f = f.with_columns(t=col("t_raw").cast(nw.Int64))
    elif dtype in (nw.Date, nw.Datetime) or isinstance(dtype, nw.Datetime):
        months = True
        f = f.with_columns(t=col("t_raw").dt.year().cast(nw.Int64) * 12 + col("t_raw").dt.month().cast(nw.Int64) - 1)
    else:
        t = col("t_raw").cast(nw.String).str.strip_chars()
        is_year = t.str.contains(r"^-?[0-9]{1,9}(?:\.0+)?$")
        is_month = t.str.contains(r"^[0-9]{4}-(?:0[1-9]|1[0-2])(?:-[0-3][0-9](?:[ T].*)?)?$")
        f = f.with_columns(kind=nw.when(is_year).then(nw.lit(1)).otherwise(
            nw.when(is_month).then(nw.lit(2)).otherwise(nw.lit(0))))
        kinds = {_int(r["kind"]): _int(r["n"]) for r in _rows(f.group_by("kind").agg(nw.len().alias("n")))}
        if kinds.get(0):
            bad = _rows(f.filter(col("kind") == 0).select("p", "t_raw").head(_EXAMPLES))
            _raise(core, [{"kind": "period", "person": str(r["p"]), "period": str(r["t_raw"])} for r in bad])
        if kinds.get(1) and kinds.get(2):
            rare = 1 if kinds[1] <= kinds[2] else 2
            bad = _rows(f.filter(col("kind") == rare).select("p", "t_raw").head(_EXAMPLES))
            _raise(core, [{"kind": "period_mixed", "person": str(r["p"]), "period": str(r["t_raw"])} for r in bad])
        months = bool(kinds.get(2))
        if months:
            f = f.with_columns(t=t.str.slice(0, 4).cast(nw.Int64) * 12 + t.str.slice(5, 2).cast(nw.Int64) - 1)
        else:
            f = f.with_columns(t=t.str.replace(r"\.0+$", "").cast(nw.Int64))
    period_text = _month_text if months else str

    # Row problems: a cohort year below 0; the same person and period twice.
    if not months:
        bad = _rows(f.filter(col("t") < 0).select("p", "t").head(_EXAMPLES))
        if bad:
            _raise(core, [{"kind": "before_start", "person": str(r["p"]), "period": str(r["t"])} for r in bad])
    dup = f.group_by("p", "t").agg(nw.len().alias("n")).filter(col("n") > 1)
    bad = _rows(dup.sort("p", "t").head(_EXAMPLES))
    if bad:
        _raise(core, [{"kind": "duplicate", "person": str(r["p"]), "period": period_text(_int(r["t"])),
                       "count": _int(r["n"])} for r in bad])

    # Cohort years of months: from each person's first month, twelve months a year.
    if months:
        first = f.group_by("p").agg(col("t").min().alias("t0"))
        f = f.join(first, on="p").with_columns(year=(col("t") - col("t0")) // 12)
    else:
        f = f.with_columns(year=col("t"))

    # Labels to state ids by the core (mapping file, id, name); then the state in the engine.
    labels = [[str(r["s"]), _int(r["n"])] for r in _rows(f.group_by("s").agg(nw.len().alias("n")))]
    labels.sort(key=lambda x: str(x[0]))
    resolved = json.loads(core.observe_labels(json.dumps(labels), mapping_text))
    by_state: dict[str, list[str]] = {}
    for label, st in resolved.items():
        by_state.setdefault(st, []).append(label)
    items = sorted(by_state.items())
    expr = nw.lit(items[-1][0], dtype=nw.String)
    for st, labs in items[:-1]:
        expr = nw.when(col("s").is_in(labs)).then(nw.lit(st, dtype=nw.String)).otherwise(expr)
    f = f.with_columns(st=expr)

    keys = ["sc", "g"] if c_group else ["sc"]
    cells = _rows(f.group_by(*keys, "year", "st").agg(nw.len().alias("weight"), col("p").n_unique().alias("persons")))
    totals = _rows(f.group_by(*keys, "year").agg(col("p").n_unique().alias("persons")))

    def key(r: dict) -> dict:
        return {"scenario": str(r["sc"]).strip(), "group": str(r["g"]).strip() if c_group else None,
                "year": _int(r["year"])}

    out_cells = [{**key(r), "state": str(r["st"]), "weight": _int(r["weight"]), "persons": _int(r["persons"])}
                 for r in cells]
    out_cells.sort(key=lambda c: (c["scenario"], c["group"] or "", c["year"], c["state"]))
    out_totals = [{**key(r), "persons": _int(r["persons"])} for r in totals]
    out_totals.sort(key=lambda c: (c["scenario"], c["group"] or "", c["year"]))
    return {"unit": "months" if months else "years", "cells": out_cells, "totals": out_totals}
