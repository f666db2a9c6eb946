"""ekusia: socio-economic cost-benefit analysis of social interventions (the EKUSIA model).

Every number is computed by the Rust core in exact decimal arithmetic; this package hands it to
you as :class:`decimal.Decimal` (and as pandas DataFrames when you ask for tables). The guide for
analysts is docs/python.md in the repository; the notebook py/examples/quickstart.ipynb shows
each step with its output.

The main verbs:

- ``ekusia.Model.load(path)`` reads a model; ``model.evaluate()`` gives a :class:`Report`
  (``report.row("society").npv``, ``report.summary()``, ``report.plot()``).
- ``model.set(path, value)`` / ``model.get(path)`` change and read one value by what it is:
  ``"scenarios.with.transitions[from=social_assistance,to=employment].share"``.
- ``model.sweep(path, values)`` evaluates many values at once (a tidy DataFrame,
  ``ekusia.plot_sweep`` draws it); ``model.solve(path, row="municipality")`` finds the value
  at which a row breaks even; ``ekusia.compare({"bas": m, "dyrare": m2})`` puts variants side
  by side.
- ``model.simulate()`` (Monte Carlo: how sure is the result?) and ``model.sensitivity(row=...)``
  (the tornado: what does it hang on?).
- ``ekusia.set_option("lang", "en")`` for English labels, headers and error messages
  (Swedish by default). Every problem in a model is one :class:`ModelError`.

>>> import ekusia
>>> report = ekusia.Model.load("models/examples/jobbspar-forsorjningsstod.toml").evaluate()
>>> report.row("society").npv  # doctest: +SKIP
Decimal('74544263.6...')
"""
from ekusia._core import ModelError, __version__
from ekusia._core import bases as _bases
from ekusia._core import price_list_json as _price_list_json
from ekusia._core import schema as _schema
from ekusia._model import Model, compare, plot_sweep
from ekusia._observe import Observation, observe
from ekusia._options import get_option, lang_is_set, lang_of, set_option
from ekusia._report import EkusiaWarning, Report, Row
from ekusia._uncertainty import Sensitivity, Simulation

__all__ = [
    "Model", "Report", "Row", "Simulation", "Sensitivity", "ModelError", "EkusiaWarning", "Base",
    "base", "bases", "schema", "observe", "Observation", "compare", "plot_sweep", "set_option", "get_option", "__version__",
]


def _problem_text(self: ModelError, lang: "str | None" = None) -> str:
    """Every problem of this error, one per line, in Swedish (``"sv"``) or English (``"en"``),
    as the command line prints them with ``--lang`` (the core words both); by default in the
    language of ``ekusia.set_option("lang", …)``."""
    lang = lang_of(lang)
    lines = []
    for p in getattr(self, "errors", []) or []:
        text = (p.get("messages") or {}).get(lang, p.get("message", ""))
        lines.append(f"[{p['code']}] {p['path']}: {text}" if p.get("path") else f"[{p['code']}] {text}")
    return "\n".join(lines) or str(self)


def _problem_str(self: ModelError) -> str:
    """``str(error)``: every problem in the package's language once ``ekusia.set_option("lang",
    …)`` is called; before that the core's English message, as the command line's."""
    if getattr(self, "errors", None) and lang_is_set():
        return _problem_text(self)
    return ValueError.__str__(self)


ModelError.text = _problem_text  # type: ignore[method-assign]
ModelError.__str__ = _problem_str  # type: ignore[method-assign, assignment]


def bases() -> dict[str, str]:
    """The bundled base libraries, by name, with a description of each."""
    return dict(_bases())


def schema() -> dict:
    """The model format (``ekusia-model/1``) as a JSON Schema dictionary."""
    import json

    return json.loads(_schema())


class Base:
    """A base library's "price list": every state's yearly amount per actor for one person-year
    in it, and every parameter with its value and source (what ``ekusia bases --show`` prints).

    ``states()`` and ``parameters()`` are pandas DataFrames; ``to_dict()`` has it all."""

    __slots__ = ("_data",)

    def __init__(self, data: dict):
        self._data = data

    @property
    def name(self) -> str:
        """The base's name (``se-2024``)."""
        return self._data["name"]

    @property
    def currency(self) -> str:
        """The currency of every amount in the base."""
        return self._data["currency"]

    def to_dict(self) -> dict:
        """Everything in the price list as a dict (amounts as strings, so they stay exact)."""
        import json

        return json.loads(json.dumps(self._data))

    def states(self, lang: str = "sv"):
        """One row per state, one column per actor: the yearly net amount (Decimal)."""
        from decimal import Decimal

        from ekusia._report import _need

        pd = _need("pandas", "pandas")
        actors = [(a, n[lang]) for a, n in self._data["actors"]]
        rows = {s["id"]: {"name": s["names"][lang], **{name: Decimal(v) for (_, name), (_, v) in zip(actors, s["net"])}}
                for s in self._data["states"]}
        return pd.DataFrame.from_dict(rows, orient="index").rename_axis("state")

    def parameters(self):
        """One row per parameter: value, name, unit, source, year, quality."""
        from ekusia._model import _parameter_frame

        return _parameter_frame(self._data["parameters"])

    def __repr__(self) -> str:
        return f"<ekusia.Base {self.name!r}: {len(self._data['states'])} states, {len(self._data['parameters'])} parameters>"


def base(name: str) -> Base:
    """The price list of a bundled base (``ekusia.base("se-2024")``) or of a base file."""
    import json

    return Base(json.loads(_price_list_json(name, None)))
