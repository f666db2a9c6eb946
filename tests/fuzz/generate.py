"""Hostile models for the cross-interface fuzz campaign: deterministic from a seed.

Each case is model text (JSON or TOML) made by mutating a bundled example or a small model:
extreme and malformed numbers, hostile names (control characters, markup, formulas, pipes, very
long strings), long lists, deep nesting, duplicate keys, wrong types, keys of the 1.1 format.
Stdlib only, so that the harness runs before anything is installed.
"""
from __future__ import annotations

import copy
import json
import random
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NUMBERS = [
    "0", "-1", "1e12", "1000000000001", "7.9e28", "-7.9e28", "79228162514264337593543950335",
    "79228162514264337593543950336", "1e-28", "0.0000000000000000000000000001", "1e400", "-0",
    "0.5", "1.0000001", "2", "200", "201", "1000000000", "1000000001", "--5", "8e28", "NaN",
    "Infinity", "", " 1 ", "1_000", "0x10", "1e", ".5", "5.", "+3", "1" * 40, "3.14159265358979323846264338327950288",
]
RAW_NUMBERS = [0, -1, 1e12, 1e13, 7.9e28, -7.9e28, 1e-28, 1e300, 0.1, 2**63, 2**64, -(2**63) - 1, 10**30]
STRINGS = [
    "\u001b[31mred\u001b[0m", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "+cmd", "-1+1", "@SUM(A1)",
    "\tTAB", "a|b|c", "**bold** _x_ `code` [l](x)", "& &amp; \" '", "Ω≈ç√∫ 😀", "\u202eevil", "", " ", "x" * 10_000,
    "social_assistance", "municipality", "SE", "EUR", "../../etc/passwd", "/etc/shadow", "/proc/self/environ",
    "= 1/0", "= " + "(" * 70 + "1" + ")" * 70, "= a", "= round(1, 99)", "= 1 +", "= " + "9" * 40,
    "= min()", "= 6%%", "=" * 3, "= p0 * p0",
]
DISTS = [
    {"dist": "normal", "mean": "0.5", "sd": "40000000000000000000000000000"},
    {"dist": "triangular", "min": "-7.9e28", "mode": "0", "max": "7.9e28"},
    {"dist": "uniform", "min": "1", "max": "0"},
    {"dist": "pert", "min": "0", "mode": "0", "max": "0"},
    {"dist": "normal", "mean": "1e12", "sd": "-1"},
    {"dist": "triangular", "min": "0.1"},
    {"dist": "cauchy", "min": "0", "max": "1"},
]


def examples() -> list[dict]:
    """The bundled examples and the 1.1 vector models (parameters, formulas, time limits,
    groups, outcomes, milestones), so the 1.1 keys are attacked too."""
    paths = sorted((ROOT / "models" / "examples").glob("*.toml"))
    paths += [
        p for p in sorted((ROOT / "tests" / "vectors" / "models").glob("v11-*.toml"))
        if "base = " not in p.read_text(encoding="utf-8") and p.name != "v11-base.toml"
    ]
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in paths]


def paths(node, prefix=()):
    """Every (path, value) in a document."""
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, prefix + (i,))


def put(doc, path, value):
    node = doc
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value


def is_number(v) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, str) and v.replace(".", "", 1).replace("-", "", 1).isdigit()


TEXT_KEYS = {"name", "label", "description", "currency", "category", "sv", "en", "then", "source"}


def soft(rng: random.Random, doc: dict) -> dict:
    """Mutations that keep the model's shape: extreme numbers and distributions where numbers
    stand, hostile text where names stand, so that most cases reach the engine."""
    doc = copy.deepcopy(doc)
    numbers = [p for p, v in paths(doc) if p and is_number(v) and p[-1] not in ("year", "start_year")]
    texts = [p for p, v in paths(doc) if p and isinstance(v, str) and p[-1] in TEXT_KEYS]
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        if r < 0.5 and numbers:
            put(doc, rng.choice(numbers), rng.choice(NUMBERS + RAW_NUMBERS))
        elif r < 0.7 and numbers:
            put(doc, rng.choice(numbers), copy.deepcopy(rng.choice(DISTS[:3])))
        elif texts:
            put(doc, rng.choice(texts), rng.choice(STRINGS))
    return doc


def mutate(rng: random.Random, doc: dict) -> dict:
    if rng.random() < 0.6:
        return soft(rng, doc)
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 2)):
        all_paths = [p for p, _ in paths(doc) if p]
        if not all_paths:
            break
        p = rng.choice(all_paths)
        kind = rng.randrange(10)
        if kind == 0:
            put(doc, p, rng.choice(NUMBERS))
        elif kind == 1:
            put(doc, p, rng.choice(RAW_NUMBERS))
        elif kind == 2:
            put(doc, p, rng.choice(STRINGS))
        elif kind == 3:
            put(doc, p, copy.deepcopy(rng.choice(DISTS)))
        elif kind == 4:
            # Long lists: repeat a list many times.
            lists = [q for q, v in paths(doc) if isinstance(v, list) and v]
            if lists:
                q = rng.choice(lists)
                node = doc
                for k in q:
                    node = node[k]
                node.extend(copy.deepcopy(node) * rng.choice([10, 100, 1000]))
        elif kind == 5:
            deep = {}
            node = deep
            for _ in range(rng.choice([10, 100, 400])):
                node["x"] = {}
                node = node["x"]
            put(doc, p, deep)
        elif kind == 6:
            parent = p[:-1]
            node = doc
            for k in parent:
                node = node[k]
            if isinstance(node, dict):
                node.pop(p[-1], None)
        elif kind == 7:
            put(doc, p, rng.choice([None, True, [], {}, [1, 2], {"a": 1}]))
        elif kind == 8:
            # Keys of the 1.1 format and unknown keys.
            doc[rng.choice(["parameters", "groups", "outcomes", "zzz"])] = {"municipal_tax": "= 1/0"}
        else:
            put(doc, p, rng.choice(["rest", "-rest", "= 6%", "6%", "1/3"]))
    return doc


def case(rng: random.Random, bases: list[dict]) -> tuple[str, str]:
    """(format, text) of one hostile model."""
    doc = mutate(rng, rng.choice(bases))
    r = rng.random()
    if r < 0.05:
        # Duplicate keys in JSON text.
        text = json.dumps(doc)
        return "json", text.replace('"name":', '"name": "x", "name":', 1)
    if r < 0.08:
        text = json.dumps(doc)
        cut = rng.randrange(len(text)) if text else 0
        return "json", text[:cut]
    return "json", json.dumps(doc, ensure_ascii=rng.random() < 0.5)


def cases(seed: int, n: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    bases = examples()
    return [case(rng, bases) for _ in range(n)]
