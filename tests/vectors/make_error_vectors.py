#!/usr/bin/env python3
"""Writes tests/vectors/errors.json: bad models and the problems (code, path) each must raise.

The expectations are written here by hand from SPEC §5, not taken from the crate's output.
Every interface's test suite reads errors.json and checks it gets exactly these problems.
"""
import json
from pathlib import Path

HEAD = 'format = "ekusia-model/1"\nname = "bad"\nbase = "se-2024"\n'
IV = '[intervention]\nstart = { social_assistance = 1 }\ncohorts = [{ participants = 10 }]\n'
COST = 'costs = [{ name = "c", amount = 1000, financing = { municipality = 1 } }]\n'
# Version 1.1 (SPEC §8.1–§8.3): parameters, formulas, time limits, target groups.
HEAD11 = 'format = "ekusia-model/1.1"\nname = "bad"\nbase = "se-2024"\n'
GROUP = '[[groups]]\nid = "young"\nname = "Young"\n'
# Version 1.1 (SPEC §8.4, §8.6): outcomes and milestones.
OUTCOME = '[[outcomes]]\nid = "in_work"\nname = "In work"\n'


def milestones(years):
    """A 1.1 model with a 10-year horizon and analysis.milestones = `years` (TOML text)."""
    return HEAD11 + "horizon = 10\n" + IV + "[analysis]\nmilestones = " + years + "\n"


def params(body):
    """A 1.1 model whose [parameters] table is `body`."""
    return HEAD11 + "[parameters]\n" + body + IV


def state(body, flows=""):
    """A 1.1 model with one state of its own (states[0]) whose extra keys are `body`."""
    return HEAD11 + '[[states]]\nid = "capped"\nname = "Capped"\n' + body + flows + IV


def flow_amount(amount, parameters=""):
    """A 1.1 model whose states[0].flows[0].amount is `amount` (TOML text)."""
    return (HEAD11 + ("[parameters]\n" + parameters if parameters else "")
            + '[[states]]\nid = "x"\nname = "X"\nflows = [{ type = "resource", actor = "region", amount = '
            + amount + " }]\n" + IV)


cases = [
    ("toml syntax", "toml", 'format = "ekusia-model/1"\nname = \n', [("parse", "")], "invalid TOML"),
    ("json syntax", "json", '{"format": "ekusia-model/1", ', [("parse", "")], "invalid JSON"),
    ("unknown key with a typo", "toml", HEAD + 'horizn = 5\n' + IV, [("schema", "horizn")], "did you mean 'horizon'"),
    ("unknown key in a flow", "toml",
     HEAD + '[[states]]\nid = "x"\nname = "X"\nflows = [{ type = "resource", actor = "region", amont = 5 }]\n' + IV,
     [("schema", "states[0].flows[0].amont")], "did you mean 'amount'"),
    ("missing required key", "toml", 'format = "ekusia-model/1"\n' + IV, [("schema", "name")], "required key 'name'"),
    ("wrong type", "json", '{"format": "ekusia-model/1", "name": "x", "horizon": [1], "intervention": {"start": {}}}',
     [("schema", "horizon")], "number"),
    ("unknown flow type", "toml",
     HEAD + '[[states]]\nid = "x"\nname = "X"\nflows = [{ type = "transfr", from = "state", to = "region", amount = 5 }]\n' + IV,
     [("schema", "states[0].flows[0].type")], "did you mean 'transfer'"),
    ("unsupported format", "toml", 'format = "ekusia-model/2"\nname = "x"\n' + IV, [("unsupported_format", "format")], "ekusia-model/1"),
    ("unknown actor with a typo", "toml",
     HEAD + '[[states]]\nid = "x"\nname = "X"\nflows = [{ type = "transfer", from = "municipalty", to = "individual", amount = 5 }]\n' + IV,
     [("unknown_reference", "states[0].flows[0].from")], "did you mean 'municipality'"),
    ("unknown state in start", "toml", HEAD + '[intervention]\nstart = { employmnet = 1 }\ncohorts = [{ participants = 1 }]\n',
     [("unknown_reference", "intervention.start.employmnet")], "did you mean 'employment'"),
    ("duplicate actor id", "toml",
     HEAD + '[[actors]]\nid = "ngo"\nname = "A"\n[[actors]]\nid = "ngo"\nname = "B"\n' + IV,
     [("duplicate_id", "actors[1].id")], "ngo"),
    ("share above one", "toml", HEAD + '[intervention]\nstart = { social_assistance = 1.5 }\ncohorts = [{ participants = 1 }]\n',
     [("invalid_share", "intervention.start.social_assistance")], "between 0 and 1"),
    ("shares do not sum to one", "toml",
     HEAD + '[intervention]\nstart = { social_assistance = 0.5, employment = 0.4 }\ncohorts = [{ participants = 1 }]\n',
     [("shares_sum", "intervention.start")], "0.9"),
    ("rest below zero", "toml",
     HEAD + '[intervention]\nstart = { social_assistance = 0.7, employment = 0.4, studies = "rest" }\ncohorts = [{ participants = 1 }]\n',
     [("shares_sum", "intervention.start")], "rest"),
    ("outflow above one", "toml",
     HEAD + IV + '[scenarios.with]\ntransitions = [\n  { from = "social_assistance", to = "employment", share = 0.7 },\n'
     '  { from = "social_assistance", to = "studies", share = 0.5 },\n]\n',
     [("outflow_exceeds_one", "scenarios.with.transitions[1].share")], "1.2"),
    ("horizon zero", "toml", HEAD + 'horizon = 0\n' + IV, [("invalid_range", "horizon")], "at least 1"),
    ("discount rate of one", "toml", HEAD + 'discount_rate = 1\n' + IV, [("invalid_range", "discount_rate")], "below 1"),
    ("fractional participants", "toml", HEAD + '[intervention]\nstart = { social_assistance = 1 }\ncohorts = [{ participants = 2.5 }]\n',
     [("invalid_range", "intervention.cohorts[0].participants")], "whole number"),
    ("negative amount", "toml",
     HEAD + '[[states]]\nid = "x"\nname = "X"\nflows = [{ type = "resource", actor = "region", amount = -5 }]\n' + IV,
     [("negative_amount", "states[0].flows[0].amount")], "negative"),
    ("zero financing", "toml",
     HEAD + IV + 'costs = [{ name = "c", amount = 1000, financing = { municipality = 0 } }]\n',
     [("financing", "intervention.costs[0].financing")], "positive weight"),
    ("negative financing weight", "toml",
     HEAD + IV + 'costs = [{ name = "c", amount = 1000, financing = { municipality = 1, region = -1 } }]\n',
     [("financing", "intervention.costs[0].financing.region")], "negative"),
    ("horizon over the limit", "toml", HEAD + 'horizon = 201\n' + IV, [("limit", "horizon")], "200"),
    ("participants over the limit", "toml",
     HEAD + '[intervention]\nstart = { social_assistance = 1 }\ncohorts = [{ participants = 2000000000 }]\n',
     [("limit", "intervention.cohorts[0].participants")], "1000000000"),
    ("amount over the limit", "toml",
     HEAD + '[[states]]\nid = "x"\nname = "X"\nflows = [{ type = "resource", actor = "region", amount = 1e13 }]\n' + IV,
     [("limit", "states[0].flows[0].amount")], "10^12"),
    ("number beyond decimal range", "toml", HEAD + 'horizon = 1e40\n' + IV, [("limit", "horizon")], "range"),
    ("overflow in a sum", "toml",
     'format = "ekusia-model/1"\nname = "too big"\nbase = "se-2024"\nhorizon = 200\ndiscount_rate = 0\n'
     '[[states]]\nid = "big"\nname = "Big"\nflows = ['
     + ", ".join(['{ type = "production", actor = "individual", amount = 1e12 }'] * 400) + ']\n'
     '[intervention]\nstart = { big = 1 }\ncohorts = [' + ", ".join(['{ participants = 1000000000 }'] * 1000) + ']\n'
     '[scenarios.without]\ntrajectory = [{ year = 1, shares = { no_income = 1 } }]\n',
     [("overflow", "states")], "range"),
    ("distribution min above max", "toml",
     HEAD + '[[states]]\nid = "x"\nname = "X"\nflows = [{ type = "resource", actor = "region", amount = { dist = "uniform", min = 10, max = 5 } }]\n' + IV,
     [("invalid_range", "states[0].flows[0].amount.min")], "above max"),
    ("distribution mode outside", "toml",
     HEAD + IV + '[scenarios.with]\ntransitions = [{ from = "social_assistance", to = "employment", share = { dist = "triangular", min = 0.1, mode = 0.5, max = 0.3 } }]\n',
     [("invalid_range", "scenarios.with.transitions[0].share.mode")], "between min"),
    ("distribution negative sd", "toml", HEAD + IV + '[analysis]\nattribution = { dist = "normal", mean = 0.8, sd = -0.1 }\n',
     [("invalid_range", "analysis.attribution.sd")], "negative"),
    ("distribution missing and extra fields", "toml", HEAD + 'discount_rate = { dist = "pert", min = 0.01, mode = 0.03, sd = 1 }\n' + IV,
     [("schema", "discount_rate.max"), ("schema", "discount_rate.sd")], "needs 'max'"),
    ("unknown distribution", "toml", HEAD + IV + 'costs = [{ name = "c", amount = { dist = "lognormal", mean = 1, sd = 1 }, financing = { municipality = 1 } }]\n',
     [("schema", "intervention.costs[0].amount.dist")], "did you mean"),
    ("base not found", "toml", 'format = "ekusia-model/1"\nname = "x"\nbase = "se-2042"\n' + IV,
     [("base_not_found", "base")], "did you mean 'se-2024'"),
    ("every problem at once", "toml",
     HEAD + 'horizon = 0\n[[states]]\nid = "x"\nname = "X"\nflows = [{ type = "transfer", from = "nobody", to = "individual", amount = -1 }]\n'
     '[intervention]\nstart = { x = 0.5 }\ncohorts = [{ participants = 1 }]\n'
     'costs = [{ name = "c", amount = 1, financing = { } }]\n',
     [("invalid_range", "horizon"), ("negative_amount", "states[0].flows[0].amount"),
      ("unknown_reference", "states[0].flows[0].from"), ("shares_sum", "intervention.start"),
      ("financing", "intervention.costs[0].financing")], "at least 1"),
    # --- 1.1: formulas (§8.1)
    ("formula syntax error", "toml", params('wage = "= 2 * (3 + 4"\n'), [("formula", "parameters.wage")], "position"),
    ("formula with an unknown function", "toml", params('wage = "= sqrt(4)"\n'), [("formula", "parameters.wage")], "sqrt"),
    ("formula with a wrong number of arguments", "toml", params('wage = "= round(2.5)"\n'),
     [("formula", "parameters.wage")], "round"),
    ("round's n not a whole number from 0 to 28", "toml", params('a = "= round(2.5, 29)"\nb = "= round(2.5, 1.5)"\n'),
     [("formula", "parameters.a"), ("formula", "parameters.b")], "28"),
    ("parameters in a cycle", "toml", params('rate = 0.5\ntax = "= levy * 2"\nlevy = "= tax / 2"\n'),
     [("cycle", "parameters.tax")], "levy"),
    ("division by zero in a parameter", "toml", params('zero = 0\nratio = "= 1 / zero"\n'),
     [("division_by_zero", "parameters.ratio")], "zero"),
    ("division by zero in a place", "toml", flow_amount('"= 1000 / zero"', 'zero = "= 1 - 1"\n'),
     [("division_by_zero", "states[0].flows[0].amount")], "zero"),
    ("unknown name in a formula", "toml", flow_amount('"= wage_mont * 12"', "wage_month = 27000\n"),
     [("unknown_reference", "states[0].flows[0].amount")], "did you mean 'wage_month'"),
    ("unknown name in a parameter's formula", "toml", params('wage_month = 27000\nwage_year = "= wage_mnth * 12"\n'),
     [("unknown_reference", "parameters.wage_year")], "did you mean 'wage_month'"),
    ("a number with a percent sign but no =", "toml", HEAD11 + 'discount_rate = "6%"\n' + IV,
     [("schema", "discount_rate")], "6%"),
    ("a formula in a count field", "toml", HEAD11 + 'horizon = "= 5"\n' + IV, [("schema", "horizon")], "formula"),
    ("formula value breaks its place's rule", "toml", flow_amount('"= 5 - 10"'),
     [("negative_amount", "states[0].flows[0].amount")], "negative"),
    ("participants formula not a whole number", "toml",
     HEAD11 + '[parameters]\nhalf = "= 5 / 2"\n[intervention]\nstart = { social_assistance = 1 }\n'
     'cohorts = [{ participants = "= half" }]\n',
     [("invalid_range", "intervention.cohorts[0].participants")], "whole number"),
    ("unknown parameter quality", "toml", params('wage = { value = 27000, quality = "asumption" }\n'),
     [("schema", "parameters.wage.quality")], "did you mean 'assumption'"),
    # Without a base: se-2024's flows are formulas of its parameters, which a model past the limit
    # leaves unevaluated (each would add an unknown_reference); the limit is the point here.
    ("too many parameters", "toml",
     params("".join(f"p{i} = {i}\n" for i in range(1001))).replace('base = "se-2024"\n', "")
     .replace("social_assistance = 1", "x = 1") + '[[states]]\nid = "x"\nname = "X"\n',
     [("limit", "parameters")], "1000"),
    ("formula too long", "toml", params('long = "= ' + "1 + " * 300 + '1"\n'), [("limit", "parameters.long")], "1000"),
    ("formula nested too deep", "toml", params('deep = "= ' + "(" * 100 + "1" + ")" * 100 + '"\n'),
     [("limit", "parameters.deep")], "64"),
    # --- 1.1: time limits (§8.2)
    ("then without max_years", "toml", state('then = "social_assistance"\n'), [("schema", "states[0].max_years")], "max_years"),
    ("max_years without then", "toml", state("max_years = 2\n"), [("schema", "states[0].then")], "then"),
    ("max_years zero", "toml", state('max_years = 0\nthen = "social_assistance"\n'),
     [("invalid_range", "states[0].max_years")], "at least 1"),
    ("max_years above 200", "toml", state('max_years = 201\nthen = "social_assistance"\n'),
     [("invalid_range", "states[0].max_years")], "200"),
    ("then naming its own state", "toml", state('max_years = 2\nthen = "capped"\n'),
     [("invalid_range", "states[0].then")], "capped"),
    ("then naming an unknown state", "toml", state('max_years = 2\nthen = "social_assistanse"\n'),
     [("unknown_reference", "states[0].then")], "did you mean 'social_assistance'"),
    # --- 1.1: target groups (§8.3)
    ("groups on a fixed cost", "toml",
     HEAD11 + IV + 'costs = [{ name = "c", amount = 1000, groups = ["young"], financing = { municipality = 1 } }]\n' + GROUP,
     [("schema", "intervention.costs[0].groups")], "groups"),
    ("a cost's group that does not exist", "toml",
     HEAD11 + IV + 'costs = [{ name = "c", per_participant = 1000, groups = ["yuong"], financing = { municipality = 1 } }]\n' + GROUP,
     [("unknown_reference", "intervention.costs[0].groups[0]")], "did you mean 'young'"),
    ("two groups with one id", "toml", HEAD11 + IV + GROUP + '[[groups]]\nid = "young"\nname = "Young too"\n',
     [("duplicate_id", "groups[1].id")], "young"),
    ("a group without start and no intervention.start", "toml",
     HEAD11 + "[intervention]\ncohorts = [{ participants = 10 }]\n" + GROUP,
     [("schema", "intervention.start")], "start"),
    # --- 1.1: milestones (§8.6) and outcomes (§8.4)
    ("milestones not increasing", "toml", milestones("[5, 1]"), [("invalid_range", "analysis.milestones[1]")], "increasing"),
    ("a milestone of zero years", "toml", milestones("[0]"), [("invalid_range", "analysis.milestones[0]")], "at least 1"),
    ("a milestone beyond the horizon", "toml", milestones("[11]"), [("invalid_range", "analysis.milestones[0]")], "10"),
    ("an outcome naming an unknown state", "toml",
     HEAD11 + IV + OUTCOME + "per_state = { employment = 1, studeis = 1 }\n",
     [("unknown_reference", "outcomes[0].per_state.studeis")], "did you mean 'studies'"),
    ("two outcomes with one id", "toml",
     HEAD11 + IV + OUTCOME + "per_state = { employment = 1 }\n" + OUTCOME + "per_state = { studies = 1 }\n",
     [("duplicate_id", "outcomes[1].id")], "in_work"),
    ("an outcome's discount rate of one", "toml",
     HEAD11 + IV + OUTCOME + "per_state = { employment = 1 }\ndiscount_rate = 1\n",
     [("invalid_range", "outcomes[0].discount_rate")], "below 1"),
    ("an outcome without per_state", "toml", HEAD11 + IV + OUTCOME, [("schema", "outcomes[0].per_state")], "per_state"),
]

out = [
    {"name": n, "format": f, "model": m, "problems": [{"code": c, "path": p} for c, p in probs], "message_contains": msg}
    for n, f, m, probs, msg in cases
]
path = Path(__file__).with_name("errors.json")
path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {len(out)} error vectors to {path}")
