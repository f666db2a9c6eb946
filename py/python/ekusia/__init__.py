"""ekusia: socio-economic cost-benefit analysis of social interventions (the EKUSIA model).

Every number is computed by the Rust core in exact decimal arithmetic; this package hands it
to you as :class:`decimal.Decimal` (and as pandas DataFrames when you ask for tables).

>>> import ekusia
>>> report = ekusia.Model.load("models/examples/jobbspar-forsorjningsstod.toml").evaluate()
>>> report.row("society").npv  # doctest: +SKIP
Decimal('74544263.6...')
"""
from ekusia._core import ModelError, __version__
from ekusia._core import bases as _bases
from ekusia._core import schema as _schema
from ekusia._model import Model
from ekusia._report import EkusiaWarning, Report, Row
from ekusia._uncertainty import Sensitivity, Simulation

__all__ = ["Model", "Report", "Row", "Simulation", "Sensitivity", "ModelError", "EkusiaWarning", "bases", "schema", "__version__"]


def bases() -> dict[str, str]:
    """The bundled base libraries, by name, with a description of each."""
    return dict(_bases())


def schema() -> dict:
    """The model format (``ekusia-model/1``) as a JSON Schema dictionary."""
    import json

    return json.loads(_schema())
