"""The Model class: load, edit and evaluate a model."""
from __future__ import annotations

import json
import math
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Union

from ekusia import _core
from ekusia._report import Report
from ekusia._uncertainty import Sensitivity, Simulation

PathLike = Union[str, "os.PathLike[str]"]

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


def _json_default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return str(o)
    if isinstance(o, Path):
        return str(o)
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
    """NaN and infinity have no decimal value: reject them with the path."""
    if isinstance(node, float) and not math.isfinite(node):
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
    if isinstance(value, str):
        m = _PERCENT.match(value)
        if m:
            return Decimal(m.group(1)) / 100
    return value


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
        return cls(_core.Model.parse(text, "toml", None if base_dir is None else str(base_dir)))

    @classmethod
    def from_json(cls, text: str, base_dir: PathLike | None = None) -> "Model":
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
    def set(self, path: str, value: Any) -> "Model":
        """A copy with one value replaced; ``path`` is written as in error messages, e.g.
        ``model.set("intervention.cohorts[0].participants", 60)``. Tables missing on the way
        are created. A path that leads nowhere (an index past the end of a list, a key below a
        number) raises :class:`ModelError` with code ``schema``; so does a value of the wrong
        type. The edit is made in Rust, so trying many variants stays cheap."""
        value = _percent(value)
        try:
            _check_floats(value, path)
        except RecursionError:
            raise _error("limit", path, "the value is nested too deeply", "Värdet är för djupt nästlat.") from None
        return Model(self._core.set(path, _json(value)))

    def with_observed(self, data: Any, **options: Any) -> "Model":
        """A copy with a follow-up table's observations written in: the participants' cohort
        year 0 as ``start``, later years as the trajectories (see :func:`ekusia.observe`, which
        takes the same options and also gives the persons, attrition and warnings). Each
        warning is issued as an :class:`ekusia.EkusiaWarning`."""
        import warnings

        from ekusia._observe import observe
        from ekusia._report import EkusiaWarning

        o = observe(data, self, **options)
        for w in o.warnings("en"):
            warnings.warn(w, EkusiaWarning, stacklevel=2)
        return o.model

    # --- running ----------------------------------------------------------------------
    def validate(self) -> list[str]:
        """Checks the model; raises :class:`ModelError` listing every problem. Returns warnings."""
        return self._core.validate()

    def evaluate(self) -> Report:
        """Evaluates the model (the GIL is released while the core computes)."""
        return Report._wrap(self._core.evaluate(), self)

    def simulate(self, runs: int = 10_000, seed: int = 1, draws: bool = False) -> Simulation:
        """Monte Carlo simulation over the model's distributions (SPEC §6): per row the mean,
        standard deviation, 5th/50th/95th percentiles of npv and P(npv > 0). The same seed gives
        the same numbers here, on the command line and in the browser. ``draws=True`` keeps
        every run's npv (``Simulation.draws()``)."""
        runs = _whole(runs, "runs", 1, MAX_RUNS)
        seed = _whole(seed, "seed", 0, MAX_SEED)
        text, raw = self._core.simulate(runs, seed, bool(draws))
        return Simulation(text, raw)

    def sensitivity(self) -> Sensitivity:
        """One-way sensitivity ("tornado") of society's npv, exact."""
        return Sensitivity(self._core.sensitivity())

    @property
    def name(self) -> str:
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
    return Model(_core.Model.parse(text, "json", base_dir))
