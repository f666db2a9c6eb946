"""Package-wide options (the language of labels, headers and messages) and the words they use."""
from __future__ import annotations

import difflib
import math
from decimal import Decimal
from typing import Iterable, Optional, Union

_OPTIONS: dict[str, str] = {"lang": "sv"}
_ALLOWED = {"lang": ("sv", "en")}
# Options set explicitly: until "lang" is, str(ModelError) stays the core's English message, as
# it always was; labels and tables are Swedish by default.
_SET: set[str] = set()


def set_option(name: str, value: str) -> None:
    """Sets a package-wide option. ``ekusia.set_option("lang", "en")`` makes English the
    language of every label, plot, table, column header (``summary(labels=True)``) and error
    message that you do not give a ``lang=`` of its own; ``"sv"`` is Swedish. Until it is set,
    labels and tables are Swedish and ``str(error)`` is the core's English message."""
    if name not in _OPTIONS:
        raise KeyError(f"no option {name!r}; options: {', '.join(_OPTIONS)}")
    if value not in _ALLOWED[name]:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, _ALLOWED[name]))}, not {value!r}")
    _OPTIONS[name] = value
    _SET.add(name)


def lang_is_set() -> bool:
    """Whether ``set_option("lang", …)`` was called (error messages follow it only then)."""
    return "lang" in _SET


def get_option(name: str) -> str:
    """The current value of a package-wide option (``ekusia.get_option("lang")``)."""
    if name not in _OPTIONS:
        raise KeyError(f"no option {name!r}; options: {', '.join(_OPTIONS)}")
    return _OPTIONS[name]


def lang_of(lang: Optional[str]) -> str:
    """``lang`` if given (checked), else the package's option."""
    if lang is None:
        return _OPTIONS["lang"]
    if lang not in ("sv", "en"):
        raise ValueError(f"lang must be 'sv' or 'en', not {lang!r}")
    return lang


# Column headers and figure words in both languages: metric id -> (sv, en).
HEADERS: dict[str, tuple[str, str]] = {
    "name": ("Namn", "Name"),
    "kind": ("Slag", "Kind"),
    "pv_effect": ("Nuvärde av effekten", "PV of effect"),
    "pv_cost": ("Nuvärde av kostnaden", "PV of cost"),
    "npv": ("Nettonuvärde", "Net present value"),
    "bcr": ("Nytta/kostnad", "Benefit-cost ratio"),
    "roi": ("Avkastning (ROI)", "Return on investment"),
    "payback_year": ("Återbetalningsår", "Payback year"),
    "break_even_effect": ("Effekt som krävs", "Break-even effect"),
    "npv_per_participant": ("Nettonuvärde per deltagare", "NPV per participant"),
    "success_value": ("Värde per lyckat utfall", "Value per success"),
    "break_even_successes": ("Lyckade utfall som krävs", "Break-even successes"),
    "fair_cost_share": ("Rättvis kostnadsandel", "Fair cost share"),
    "payback_months": ("Återbetalningstid (månader)", "Payback (months)"),
    "pv_cost_per_participant": ("Kostnad per deltagare", "Cost per participant"),
    "potential": ("Potential", "Potential"),
    "efficiency": ("Effektivitet", "Efficiency"),
    "mean": ("Medelvärde", "Mean"),
    "sd": ("Standardavvikelse", "Standard deviation"),
    "p5": ("5:e percentilen", "5th percentile"),
    "p50": ("Median", "Median"),
    "p95": ("95:e percentilen", "95th percentile"),
    "p_positive": ("P(NNV > 0)", "P(NPV > 0)"),
    "value": ("Värde", "Value"),
    "variant": ("Variant", "Variant"),
    "row": ("Rad", "Row"),
}


def header(key: str, lang: str) -> str:
    sv, en = HEADERS.get(key, (key, key))
    return sv if lang == "sv" else en


def word(sv: str, en: str, lang: Optional[str] = None) -> str:
    return sv if lang_of(lang) == "sv" else en


def money_unit(currency: str, lang: Optional[str] = None) -> str:
    """The axis unit for millions: "mnkr" for Swedish kronor in Swedish, else "M SEK"."""
    if currency == "SEK" and lang_of(lang) == "sv":
        return "mnkr"
    return f"mn {currency}" if lang_of(lang) == "sv" else f"M {currency}"


def number_text(x: float, decimals: int, lang: Optional[str] = None) -> str:
    """A float with a decimal comma in Swedish and a thin space between thousands."""
    s = f"{x:,.{decimals}f}"
    if lang_of(lang) == "sv":
        s = s.replace(",", "\u202f").replace(".", ",")
    return s


def probability_text(p: float, lang: Optional[str] = None) -> str:
    """A probability as a percentage that is never rounded to 100 % or 0 % unless it is
    exactly that: 0.9996 is "> 99,9 %", 0.0004 is "< 0,1 %" (a board reads "100 %" as certain)."""
    if isinstance(p, Decimal):
        p = float(p)
    if math.isnan(p):
        return "–"
    if p >= 1:
        return "100 %"
    if p <= 0:
        return "0 %"
    if p > 0.999:
        return f"> {number_text(99.9, 1, lang)} %"
    if p < 0.001:
        return f"< {number_text(0.1, 1, lang)} %"
    return f"{number_text(p * 100, 1, lang)} %"


def unknown(kind_sv: str, kind_en: str, found: str, known: Iterable[str], path: str = ""):
    """A ModelError (code ``unknown_reference``) for a name that is not there, with the
    nearest one and the list of those that are."""
    from ekusia._model import _error

    known = list(known)
    near = difflib.get_close_matches(str(found), known, n=1)
    hint_en = f" — did you mean '{near[0]}'?" if near else ""
    hint_sv = f" – menade du '{near[0]}'?" if near else ""
    return _error(
        "unknown_reference", path or kind_en,
        f"there is no {kind_en} '{found}'{hint_en}; there are: {', '.join(known)}",
        f"Det finns ingen {kind_sv} '{found}'{hint_sv}; det finns: {', '.join(known)}.",
    )


def check_rows(rows: Union[str, Iterable[str], None], known: list[str]) -> list[str]:
    """``rows`` as a list, every id checked against the report's rows."""
    if rows is None:
        return list(known)
    wanted = [rows] if isinstance(rows, str) else list(rows)
    for r in wanted:
        if r not in known:
            raise unknown("rad", "row", r, known, "rows")
    return wanted
