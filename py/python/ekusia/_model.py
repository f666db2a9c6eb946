"""The Model class: load, edit and evaluate a model; the analyst's verbs (sweep, solve, compare)."""
from __future__ import annotations

import json
import math
import numbers
import os
import re
from decimal import Decimal, localcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Union

from ekusia import _core
from ekusia._options import check_rows, header, lang_of, unknown
from ekusia._report import METRICS, Report
from ekusia._uncertainty import Sensitivity, Simulation

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    from matplotlib.axes import Axes

PathLike = Union[str, "os.PathLike[str]"]
#: What a number may be wherever the package takes one: int, float, Decimal, a numeric string
#: ("0.12", "12%"), or a numpy/pandas scalar (int64, int32, float32, float64 …).
Number = Union[int, float, Decimal, str, numbers.Real]
#: A value in a model: a number, a formula string ("= wage * 12"), or a table or list of them.
ModelValue = Union[Number, bool, None, Mapping[str, Any], list]
#: A value read with :meth:`Model.get`: a number as Decimal, text (a name, a formula, "rest"),
#: a table as a dict, a list, a flag.
ReadValue = Union[Decimal, str, bool, None, dict[str, Any], list[Any]]

# Keys whose values are numbers in the model format (the core writes them as strings so they
# stay exact; to_dict() gives them back as Decimal).
_NUMBER_KEYS = {
    "amount", "share", "participants", "start_year", "per_participant", "cohort_year", "horizon",
    "price_year", "discount_rate", "rate", "from_year", "to_year", "attribution", "year", "years",
    # the numbers of a distribution
    "min", "mode", "max", "mean", "sd",
}
# Keys whose values are tables of numbers (shares by state, weights by actor).
_NUMBER_TABLES = {"start", "shares", "financing"}


def _to_decimal(v: Any) -> Any:
    if isinstance(v, str) and v != "rest":
        try:
            return Decimal(v)
        except Exception:  # pragma: no cover - the core wrote it, so it parses
            return v
    if isinstance(v, list):
        return [_to_decimal(x) for x in v]
    return v


def _numbers_to_decimal(node: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        if key in _NUMBER_TABLES:
            # Values are numbers, "rest", or distributions.
            return {k: _numbers_to_decimal(v) if isinstance(v, dict) else _to_decimal(v) for k, v in node.items()}
        return {k: _numbers_to_decimal(v, k) for k, v in node.items()}
    if isinstance(node, list):
        if key in _NUMBER_KEYS:
            return _to_decimal(node)
        return [_numbers_to_decimal(x, key) for x in node]
    if key in _NUMBER_KEYS:
        return _to_decimal(node)
    return node


def _plain(o: Any) -> Any:
    """A numpy or pandas scalar as the Python value it stands for: whole numbers as int, a
    binary float through its shortest decimal form for its own precision (float32 0.1 is 0.1,
    not 0.100000001…), so every number reaches the core as the decimal a reader sees."""
    mod = type(o).__module__ or ""
    if not (mod.startswith("numpy") or mod.startswith("pandas")):
        return o
    if type(o).__name__ in ("NAType", "NaTType"):
        return float("nan")  # rejected by _check_floats with its path
    import numpy as np

    if isinstance(o, np.bool_):
        return bool(o)
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        if not np.isfinite(o):
            return float(o)
        return Decimal(np.format_float_positional(o, unique=True, trim="-"))
    if isinstance(o, np.ndarray) and o.ndim == 0:
        return _plain(o[()])
    return o


def _json_default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return str(o)
    if isinstance(o, Path):
        return str(o)
    p = _plain(o)
    if p is not o:
        return str(p) if isinstance(p, Decimal) else p
    if isinstance(o, numbers.Integral):
        return int(o)
    raise TypeError(f"{type(o).__name__} is not valid in a model")


def _error(code: str, path: str, en: str, sv: str) -> "_core.ModelError":
    """A ModelError for a problem found before the core sees the model, shaped as the core's."""
    where = f" {path}:" if path else ""
    err = _core.ModelError(f"[{code}]{where} {en}")
    err.code, err.path, err.message = code, path, en
    err.errors = [{"code": code, "path": path, "message": en, "messages": {"sv": sv, "en": en}}]
    return err


# Seeds are whole numbers 0 .. 2^53 - 1 in every interface (JavaScript holds no larger integer
# exactly); runs 1 .. 10,000,000.
MAX_SEED = 2**53 - 1
MAX_RUNS = 10_000_000


def _whole(value: Any, name: str, low: int, high: int) -> int:
    try:
        n = int(value)
        exact = n == value
    except (TypeError, ValueError, OverflowError):
        n, exact = 0, False
    if not exact:
        raise _error("invalid_range", name, f"{name} must be a whole number, found {value!r}",
                     f"{name} måste vara ett heltal (nu {value!r}).")
    if not low <= n <= high:
        raise _error("limit", name, f"{name} must be between {low} and {high}, found {n}",
                     f"{name} ska vara mellan {low} och {high} (nu {n}).")
    return n


def _json(value: Any) -> str:
    """JSON text of a value; a structure nested beyond Python's recursion limit is a `limit` error."""
    try:
        _check_floats(value)
        return json.dumps(value, default=_json_default)
    except RecursionError:
        raise _error("limit", "", "the model is nested too deeply", "Modellen är för djupt nästlad.") from None


def _check_floats(node: Any, path: str = "") -> None:
    """NaN and infinity (and pandas' NA) have no decimal value: reject them with the path."""
    node = _plain(node)
    if isinstance(node, numbers.Real) and not isinstance(node, (int, Decimal)) and not math.isfinite(float(node)):
        raise _error("schema", path, f"{node!r} is not a number", f"{node!r} är inte ett tal.")
    if isinstance(node, dict):
        for k, v in node.items():
            _check_floats(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _check_floats(v, f"{path}[{i}]")


def _parameter_frame(params: list):
    """Parameters as a DataFrame indexed by id (value as Decimal), or the list of dicts without
    pandas."""
    rows = []
    for p in params:
        names, unit = p.get("names") or {}, p.get("unit") or {}
        rows.append({
            "id": p["id"], "value": Decimal(p["value"]), "name": names.get("sv"), "name_en": names.get("en"),
            "unit": unit.get("sv"), "source": p.get("source"), "year": p.get("year"),
            "quality": p.get("quality"), "origin": p.get("origin"), "definition": p.get("definition"),
        })
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - exercised by hand
        return rows
    frame = pd.DataFrame(rows, columns=["id", "value", "name", "name_en", "unit", "source", "year", "quality", "origin", "definition"])
    frame["year"] = frame["year"].astype("Int64")
    return frame.set_index("id")


_PERCENT = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$")


def _percent(value: Any) -> Any:
    """``"32.5%"`` as the exact decimal 0.325 (a convenience of Python's ``set``; in a model
    file a percentage is written as a formula, ``"= 32.5%"``)."""
    value = _plain(value)
    if isinstance(value, str):
        m = _PERCENT.match(value)
        if m:
            return Decimal(m.group(1)) / 100
    return value


_WHOLE_KEYS = {"participants", "start_year", "cohort_year", "horizon", "years", "year", "from_year",
               "to_year", "price_year", "max_years"}


def _last_key(path: str) -> str:
    """The last key of a path, without selectors: ``…transitions[from=a,to=b].share`` → share."""
    depth, key, keys = 0, "", []
    for ch in path:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == "." and depth == 0:
            keys.append(key)
            key = ""
        elif depth == 0:
            key += ch
    keys.append(key)
    return keys[-1].strip()


def _value_json(path: str, value: Any) -> str:
    """JSON text of a value to set at ``path``: percentages, numpy scalars and floats checked."""
    value = _percent(value)
    try:
        _check_floats(value, path)
    except RecursionError:
        raise _error("limit", path, "the value is nested too deeply", "Värdet är för djupt nästlat.") from None
    if isinstance(value, Decimal):
        return json.dumps(str(value))
    return _json(value)


def _decimal(value: Any, name: str) -> Decimal:
    """A number given to solve/sweep as an exact Decimal (floats through their shortest form)."""
    v = _percent(_plain(value))
    try:
        if isinstance(v, bool):
            raise TypeError
        if isinstance(v, float):
            if not math.isfinite(v):
                raise ValueError
            return Decimal(repr(v))
        return Decimal(v) if isinstance(v, (int, Decimal)) else Decimal(str(v).strip())
    except Exception:  # noqa: BLE001 - any failure means: not a number
        raise _error("schema", name, f"{name} must be a number, found {value!r}",
                     f"{name} måste vara ett tal (nu {value!r}).") from None


def _decimal_text(x: Decimal, whole: bool) -> Any:
    return int(x) if whole else format(x.normalize(), "f")


def _shown_value(v: Any, exact: bool) -> Any:
    """A swept value in the frame: a float (plottable) or, with ``exact``, a Decimal; a formula
    or other text stays text."""
    try:
        d = _decimal(v, "value")
    except Exception:  # noqa: BLE001
        return v
    if isinstance(_plain(v), numbers.Integral) and not isinstance(v, bool):
        return int(d)   # participants, years: whole numbers stay whole
    return d if exact else float(d)


_NUMBERISH = set(_NUMBER_KEYS) | {"value", "per_participant"}


def _from_json_value(v: Any, path: str) -> Any:
    """A value read from the model's JSON: numbers (written as strings) as Decimal."""
    key = _last_key(path)
    if isinstance(v, (dict, list)):
        if path.startswith("parameters") and isinstance(v, dict):
            return {k: (_to_decimal(x) if k in _NUMBERISH and isinstance(x, str) and not x.startswith("=") else
                        _numbers_to_decimal(x, k)) for k, x in v.items()}
        return _numbers_to_decimal(v, key)
    if isinstance(v, str) and (key in _NUMBERISH or path.startswith("parameters")) and not v.startswith("="):
        try:
            return Decimal(v)
        except Exception:  # noqa: BLE001 - text, e.g. "rest"
            return v
    return v


class Model:
    """A model in the ``ekusia-model/1`` format.

    Build one with :meth:`load`, :meth:`from_toml`, :meth:`from_json` or :meth:`from_dict`;
    change it through :meth:`to_dict` / :meth:`from_dict` or :meth:`set`; run it with
    :meth:`evaluate`. A Model is immutable: edits return a new Model.

    Python floats are accepted where numbers are expected and read through their shortest
    representation (``0.1`` is exactly one tenth, as ``repr(0.1)`` shows), never through the
    binary value; ``Decimal`` and numeric strings are read exactly.
    """

    __slots__ = ("_core",)

    def __init__(self, core: _core.Model):
        self._core = core

    # --- construction ---------------------------------------------------------------
    @classmethod
    def load(cls, path: PathLike) -> "Model":
        """Reads a ``.toml`` or ``.json`` model; a ``base`` path is relative to the file."""
        # Read by the core: never more than the 10 MiB limit + 1 byte, and text that is not
        # UTF-8 is a `parse` error like any other.
        return cls(_core.Model.load(Path(path)))

    @classmethod
    def from_toml(cls, text: str, base_dir: PathLike | None = None) -> "Model":
        """A model from TOML text; a ``base`` path in it is relative to ``base_dir``."""
        return cls(_core.Model.parse(text, "toml", None if base_dir is None else str(base_dir)))

    @classmethod
    def from_json(cls, text: str, base_dir: PathLike | None = None) -> "Model":
        """A model from JSON text (the same structure as TOML); a ``base`` path is relative to
        ``base_dir``."""
        return cls(_core.Model.parse(text, "json", None if base_dir is None else str(base_dir)))

    @classmethod
    def from_dict(cls, data: dict, base_dir: PathLike | None = None) -> "Model":
        """A model from a dict of the file's structure (numbers as int, Decimal, str or float)."""
        return cls.from_json(_json(data), base_dir)

    # --- export -----------------------------------------------------------------------
    def to_dict(self) -> dict:
        """The model as a dict; numbers are ``Decimal``."""
        return _numbers_to_decimal(json.loads(self._core.to_json()))

    def to_json(self) -> str:
        """The model as JSON (numbers as strings, so they stay exact)."""
        return self._core.to_json()

    def to_toml(self) -> str:
        """The model as TOML (numbers as strings, so they stay exact)."""
        return self._core.to_toml()

    def save(self, path: PathLike) -> None:
        """Writes the model as TOML or JSON, by the file's extension."""
        p = Path(path)
        p.write_text(self.to_json() if p.suffix.lower() == ".json" else self.to_toml(), encoding="utf-8")

    # --- editing ----------------------------------------------------------------------
    def set(self, path: str, value: ModelValue) -> "Model":
        """A copy with one value replaced. Name the value by what it is::

            model.set("scenarios.with.transitions[from=social_assistance,to=employment].share", 0.12)
            model.set("intervention.costs[name=Arbetsmarknadscoacher].amount", 2_000_000)
            model.set("intervention.cohorts[start_year=1].participants", 60)
            model.set("parameters[id=municipal_tax].value", "32.5%")   # a base's parameter too

        or by position, as error messages write it (``intervention.cohorts[0].participants``).
        ``[key=value, …]`` picks the one entry of a list with those keys (ids, names in either
        language, ``from``/``to``, ``start_year`` …); quote a value with ``]``, ``,`` or ``=`` in
        it (``costs[name="Kurs, steg 1"]``). A selector that matches no entry, or several, raises
        :class:`ModelError` (code ``schema``) listing the entries there are and the nearest one.
        Tables missing on the way are created (``analysis.attribution``). The value may be an
        int, float, Decimal, a numeric string, ``"12%"``, a numpy or pandas scalar, or a
        formula ``"= wage * 12"``. The edit is made in Rust, so many variants stay cheap."""
        return Model(self._core.set(path, _value_json(path, value)))

    def get(self, path: str) -> ReadValue:
        """The value at ``path`` (the paths of :meth:`set`): numbers as ``Decimal``, tables as
        dicts. A value the model takes from its base (a base parameter, a base state's flow) is
        the base's. A path that leads nowhere raises :class:`ModelError` (code ``schema``) with
        the keys or entries there are::

            model.get("scenarios.with.transitions[from=social_assistance,to=employment].share")
            model.get("parameters[id=wage_month].value")"""
        return _from_json_value(json.loads(self._core.get(path)), path)

    def with_observed(self, data: Any, *, person: Optional[str] = None, period: Optional[str] = None,
                      state: Optional[str] = None, group: Optional[str] = None,
                      scenario: Optional[str] = None, default_scenario: str = "with",
                      mapping: Union[Mapping[str, str], PathLike, None] = None,
                      sheet: Optional[str] = None) -> "Model":
        """A copy with a follow-up table's observations written in: the participants' cohort
        year 0 as ``start``, later years as the trajectories (see :func:`ekusia.observe`, which
        takes the same options and also gives the persons, attrition and warnings). ``data``
        is a data frame (pandas, polars, DuckDB, PySpark …) or the path of a ``.csv``/``.xlsx``
        file. Each warning is issued as an :class:`ekusia.EkusiaWarning`."""
        import warnings

        from ekusia._observe import observe
        from ekusia._report import EkusiaWarning

        o = observe(data, self, person=person, period=period, state=state, group=group,
                    scenario=scenario, default_scenario=default_scenario, mapping=mapping,
                    sheet=sheet)
        for w in o.warnings("en"):
            warnings.warn(w, EkusiaWarning, stacklevel=2)
        return o.model

    # --- running ----------------------------------------------------------------------
    def validate(self) -> list[str]:
        """Checks the model; raises :class:`ModelError` listing every problem. Returns warnings."""
        return self._core.validate()

    def evaluate(self) -> Report:
        """Evaluates the model: every actor's net present value (npv), benefit-cost ratio,
        return on investment, payback, break-even effect and fair cost share, exactly (see
        :class:`Report`). The GIL is released while the core computes."""
        return Report._wrap(self._core.evaluate(), self)

    def simulate(self, runs: int = 10_000, seed: int = 1, draws: bool = False) -> Simulation:
        """Monte Carlo simulation over the model's distributions (SPEC §6): per row the mean,
        standard deviation, 5th/50th/95th percentiles of npv and P(npv > 0), the chance that the
        intervention pays for that row. The same seed gives the same numbers here, on the
        command line and in the browser. ``draws=True`` keeps every run's npv
        (``Simulation.draws()``)."""
        runs = _whole(runs, "runs", 1, MAX_RUNS)
        seed = _whole(seed, "seed", 0, MAX_SEED)
        text, raw = self._core.simulate(runs, seed, bool(draws))
        return Simulation(text, raw, self._currency())

    def sensitivity(self, row: str = "society") -> Sensitivity:
        """One-way sensitivity ("tornado") of a row's npv, exact: each uncertain value at its
        low and high value (in a model without distributions every amount and share ±20 %), the
        others as they are. ``row`` is an actor's id, ``public_sector`` or ``society`` (the
        default): ``model.sensitivity(row="municipality")`` shows what the municipality's
        result hangs on. Bars are labelled by the parameter's name or a readable path that
        :meth:`set` takes."""
        data = self._core.sensitivity(str(row))
        try:  # the row's name for titles; the tornado stands without it
            names = next((r["names"] for r in json.loads(self._core.evaluate().rows_json()) if r["id"] == row), None)
        except _core.ModelError:
            names = None
        return Sensitivity(data, self._currency(), names)

    # --- the analyst's verbs -----------------------------------------------------------
    def sweep(self, path: str, values: Iterable[ModelValue], rows: Union[str, Iterable[str], None] = None,
              exact: bool = False) -> "pandas.DataFrame":
        """The report for each of ``values`` set at ``path``, as one tidy DataFrame: one line per
        value and report row, columns ``value``, ``row``, ``name``, ``kind`` and every figure of
        :meth:`Report.summary` (floats; ``exact=True`` gives ``Decimal``). ``rows`` keeps some
        rows (checked). All variants are evaluated in Rust in one call (about 0.1 ms each)::

            s = model.sweep("scenarios.with.transitions[from=social_assistance,to=employment].share",
                            [0.04, 0.06, 0.08, 0.10, 0.12])
            ekusia.plot_sweep(s)          # npv per row against the value, in mnkr
            s.pivot(index="value", columns="row", values="npv")   # the wide table
        """
        from ekusia._report import _need

        pd = _need("pandas", "pandas")
        given = list(values)
        texts = [_value_json(path, v) for v in given]
        cols = json.loads(self._core.sweep(path, texts))
        known = list(dict.fromkeys(cols["id"]))
        wanted = check_rows(rows, known) if given else []
        keep = [i for i, r in enumerate(cols["id"]) if r in set(wanted)]
        shown = [_shown_value(v, exact) for v in given]
        data: dict[str, Any] = {
            "value": [shown[cols["variant"][i]] for i in keep],
            "row": [cols["id"][i] for i in keep],
            "name": [cols["name"][i] for i in keep],
            "kind": [cols["kind"][i] for i in keep],
        }
        for k in METRICS:
            col = cols[k]
            if k == "payback_year":
                data[k] = pd.array([col[i] for i in keep], dtype="Int64")
            elif exact:
                data[k] = [None if col[i] is None else Decimal(col[i]) for i in keep]
            else:
                data[k] = pd.array([float("nan") if col[i] is None else float(col[i]) for i in keep], dtype="float64")
        frame = pd.DataFrame(data)
        frame.attrs["ekusia"] = {"path": path, "currency": self._currency()}
        return frame

    def _share_room(self, path: str) -> Decimal:
        """The largest value a transition's share at ``path`` can take: 1 less the other
        transitions' shares from the same state (a distribution counts with its maximum), so
        that the shares leaving a state never sum above 1 whatever their years. 1 for any
        other share, or when a share is a formula."""
        entry_path = path.rsplit(".", 1)[0]
        cut = entry_path.rfind("[")
        if not entry_path.endswith("]") or cut < 0 or not entry_path[:cut].endswith("transitions"):
            return Decimal(1)
        try:
            entry = self.get(entry_path)
            entries = self.get(entry_path[:cut])
        except _core.ModelError:
            return Decimal(1)
        if not isinstance(entry, dict) or not isinstance(entries, list):
            return Decimal(1)
        taken = Decimal(0)
        for t in entries:
            if not isinstance(t, dict) or t == entry or t.get("from") != entry.get("from"):
                continue
            share = t.get("share")
            if isinstance(share, dict):
                share = share.get("max")
            if not isinstance(share, Decimal):
                return Decimal(1)
            taken += share
        return max(Decimal(1) - taken, Decimal(0)) if taken < 1 else Decimal(1)

    def solve(self, path: str, row: str = "society", target: Number = 0, lo: Optional[Number] = None,
              hi: Optional[Number] = None, metric: str = "npv", tol: Optional[Number] = None,
              max_iter: int = 200) -> Decimal:
        """The value at ``path`` at which ``row``'s ``metric`` (npv by default) reaches
        ``target``: the break-even value. ``model.solve(share_path, row="municipality")`` is the
        outcome share at which the municipality's net present value is zero.

        Every step is an exact evaluation; the root is bracketed between ``lo`` and ``hi``
        (default 0 and 1 for a share or attribution — for a transition's share, 1 less the
        other shares leaving the same state, the most it can be — else 0 and ten times the
        current value) and
        narrowed by regula falsi (Illinois) with bisection steps, to ``tol`` (default 10⁻¹²
        times the bracket's size). A whole-number value (participants, years) is narrowed to
        whole numbers: the answer is the first whole number, from ``lo`` towards ``hi``, at
        which the target is reached. When the metric does not cross the target between ``lo``
        and ``hi`` a :class:`ModelError` (code ``invalid_range``) says what it is at both ends."""
        if metric not in METRICS:
            raise unknown("nyckeltal", "metric", metric, METRICS, "metric")
        key = _last_key(path)
        whole = key in _WHOLE_KEYS
        goal = _decimal(target, "target")
        if lo is None or hi is None:
            if key in ("share", "attribution"):
                dlo, dhi = Decimal(0), self._share_room(path) if key == "share" else Decimal(1)
            else:
                current = self.get(path)
                c = current if isinstance(current, Decimal) else Decimal(1)
                dlo, dhi = Decimal(0), max(abs(c) * 10, Decimal(1))
            lo = dlo if lo is None else lo
            hi = dhi if hi is None else hi
        a, b = _decimal(lo, "lo"), _decimal(hi, "hi")
        if whole:
            a, b = Decimal(math.ceil(a)), Decimal(math.floor(b))
        if a >= b:
            raise _error("invalid_range", "lo", f"lo ({a}) must be below hi ({b})",
                         f"lo ({a}) måste vara mindre än hi ({b}).")
        xtol = abs(_decimal(tol, "tol")) if tol is not None else (b - a) * Decimal("1e-12")
        grain = max(Decimal(1).scaleb(xtol.adjusted() - 4) if xtol else Decimal("1e-20"), Decimal("1e-20"))

        def f(x: Decimal) -> Decimal:
            variant = self._core.set(path, json.dumps(_decimal_text(x, whole)))
            rows_ = json.loads(variant.evaluate().rows_json())
            for r in rows_:
                if r["id"] == row:
                    v = r[metric]
                    if v is None:
                        raise _error("invalid_range", path, f"{metric} of {row} has no value at {x}",
                                     f"{metric} för {row} saknar värde vid {x}.")
                    return Decimal(str(v)) - goal
            raise unknown("rad", "row", row, [r["id"] for r in rows_], "row")

        with localcontext() as ctx:
            ctx.prec = 28
            fa, fb = f(a), f(b)
            if fa == 0:
                return a.normalize()
            if fb == 0:
                return b.normalize()
            if (fa > 0) == (fb > 0):
                en = (f"{row}'s {metric} does not reach {goal} between {a} and {b}: it is "
                      f"{fa + goal:.0f} at {a} and {fb + goal:.0f} at {b}; widen lo and hi")
                sv = (f"{header(metric, 'sv')} för {row} når inte {goal} mellan {a} och {b}: det är "
                      f"{fa + goal:.0f} vid {a} och {fb + goal:.0f} vid {b}; vidga lo och hi.")
                raise _error("invalid_range", path, en, sv)
            # wa, wb: the Illinois weights on f(a), f(b) (halved when one end stays put).
            wa, wb, side, width = fa, fb, 0, b - a
            for i in range(max_iter):
                if whole:
                    if b - a <= 1:
                        return b  # the first whole number at which the target is reached
                    c = (a + b) // 2
                else:
                    if b - a <= xtol:
                        break
                    c = (a * wb - b * wa) / (wb - wa)
                    if i % 3 == 2:
                        # Every third step: bisect if the bracket has not halved since.
                        if b - a > width / 2:
                            c = (a + b) / 2
                        width = b - a
                    if not a < c < b:
                        c = (a + b) / 2
                    # The core reads at most 28 decimal places: round far below the tolerance.
                    c = c.quantize(grain)
                    if not a < c < b:
                        c = ((a + b) / 2).quantize(grain)
                        if not a < c < b:
                            break
                fc = f(c)
                if fc == 0:
                    return c.normalize()
                if (fc > 0) == (fa > 0):
                    a, fa, wa = c, fc, fc
                    if side == -1:
                        wb /= 2
                    side = -1
                else:
                    b, fb, wb = c, fc, fc
                    if side == 1:
                        wa /= 2
                    side = 1
            if whole:
                return b
            # The end nearer the target.
            return (a if abs(fa) <= abs(fb) else b).normalize()

    def _currency(self) -> str:
        try:
            return json.loads(self._core.to_json()).get("currency") or "SEK"
        except Exception:  # noqa: BLE001 - pragma: no cover
            return "SEK"

    @property
    def name(self) -> str:
        """The model's name, as written in the file."""
        return json.loads(self._core.to_json())["name"]

    @property
    def parameters(self):
        """Every parameter (the base's first), evaluated: a DataFrame indexed by id with value
        (Decimal), name, unit, source, year, quality, origin ("base" or "model") and the
        definition as written. ``model.set("parameters.municipal_tax", "32.5%")`` changes one,
        and every formula that uses it follows."""
        return _parameter_frame(json.loads(self._core.parameters_json()))

    # --- Python protocol ---------------------------------------------------------------
    def __reduce__(self):
        return (_restore_model, (self._core.to_json(), self._core.base_dir))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Model) and self._core.to_json() == other._core.to_json()

    def __hash__(self) -> int:
        return hash(self._core.to_json())

    def __repr__(self) -> str:
        return f"<ekusia.Model {self.name!r}>"


def _restore_model(text: str, base_dir: "str | os.PathLike[str] | None") -> Model:
    return Model(_core.Model.parse(text, "json", None if base_dir is None else Path(base_dir)))


def compare(variants: Mapping[str, Union[Model, Report]], exact: bool = False, aggregates: bool = True,
            rows: Union[str, Iterable[str], None] = None) -> "pandas.DataFrame":
    """Several variants side by side in one DataFrame, indexed by (variant, row)::

        ekusia.compare({"bas": model, "dyrare": model.set("intervention.costs[0].amount", 3e6)})

    ``variants`` maps a name to a :class:`Model` (evaluated here) or a :class:`Report`; the
    columns are those of :meth:`Report.summary` (``exact``, ``aggregates`` as there), the
    variants in the order given. ``rows`` keeps some rows (checked). Pick one figure with
    ``df["npv"].unstack("variant")`` (rows × variants), or the difference with
    ``df.loc["dyrare"] - df.loc["bas"]``."""
    from ekusia._report import _need

    pd = _need("pandas", "pandas")
    if not isinstance(variants, Mapping) or not variants:
        raise TypeError("compare takes a dict of name -> Model or Report, e.g. {'bas': m, 'dyrare': m2}")
    frames = []
    for name, v in variants.items():
        report = v.evaluate() if isinstance(v, Model) else v
        if not isinstance(report, Report):
            raise TypeError(f"variant {name!r} is a {type(v).__name__}, not a Model or Report")
        df = report.summary(exact=exact, aggregates=aggregates)
        keep = check_rows(rows, list(df.index))
        frames.append(df.loc[keep])
    return pd.concat(frames, keys=list(variants), names=["variant", "row"])


def plot_sweep(frame: "pandas.DataFrame", metric: str = "npv", rows: Union[str, Iterable[str], None] = None,
               ax: Optional["Axes"] = None, lang: Optional[str] = None, xlabel: Optional[str] = None) -> "Axes":
    """Plots a :meth:`Model.sweep` frame for a board: ``metric`` (npv by default; money in
    millions) of each row against the swept value, one labelled line per row, the zero line,
    a legend and a title naming the swept path. ``rows`` is checked against the frame's rows.
    Needs ``ekusia[plot]``. Returns the Axes."""
    from ekusia._options import money_unit, word
    from ekusia._report import _money_axis, _need

    _need("matplotlib", "plot")
    import matplotlib.pyplot as plt

    lg = lang_of(lang)
    known = list(dict.fromkeys(frame["row"]))
    wanted = check_rows(rows if rows is not None else [r for r in known if r in ("municipality", "public_sector", "society")] or known, known)
    info = frame.attrs.get("ekusia", {})
    money = metric in ("npv", "pv_effect", "pv_cost", "npv_per_participant", "success_value", "pv_cost_per_participant", "potential")
    scale = 1e6 if money else 1.0
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5))
    for r in wanted:
        part = frame[frame["row"] == r]
        ax.plot(part["value"].astype(float), part[metric].astype(float) / scale, marker="o", markersize=3,
                label=part["name"].iloc[0], linewidth=2.5 if part["kind"].iloc[0] == "aggregate" else 1.3)
    ax.axhline(0, color="#444", linewidth=0.8)
    unit = money_unit(info.get("currency", "SEK"), lg)
    ax.set_ylabel(f"{header(metric, lg)}, {unit}" if money else header(metric, lg))
    ax.set_xlabel(xlabel or info.get("path", word("värde", "value", lg)))
    ax.set_title(word(f"{header(metric, lg)} när värdet ändras", f"{header(metric, lg)} as the value changes", lg))
    if money:
        _money_axis(ax, "y", lg)
    if lg == "sv" and _pd_numeric(frame["value"]):
        from matplotlib.ticker import FuncFormatter

        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:g}".replace(".", ",")))
    ax.legend(fontsize="small")
    return ax


def _pd_numeric(col: Any) -> bool:
    """Whether a frame's column holds numbers (a sweep over formulas holds text)."""
    from pandas.api.types import is_numeric_dtype

    return bool(is_numeric_dtype(col))
