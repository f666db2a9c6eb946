"""The shared golden vectors, through the Python package."""
import warnings

import pytest

import ekusia
from conftest import ROOT, error_cases, vector_index


@pytest.mark.parametrize("case", vector_index(), ids=lambda c: c["model"])
def test_report_json_is_byte_identical_to_the_reference(case):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ekusia.EkusiaWarning)
        report = ekusia.Model.load(ROOT / case["model"]).evaluate()
    expected = (ROOT / case["report"]).read_text(encoding="utf-8")
    assert report.to_json() == expected


@pytest.mark.parametrize("case", error_cases(), ids=lambda c: c["name"])
def test_bad_models_raise_model_error_with_every_problem(case):
    parse = ekusia.Model.from_json if case["format"] == "json" else ekusia.Model.from_toml
    with pytest.raises(ekusia.ModelError) as info:
        parse(case["model"]).evaluate()
    err = info.value
    assert isinstance(err, ValueError)
    assert [{"code": p["code"], "path": p["path"]} for p in err.errors] == case["problems"]
    assert err.code == case["problems"][0]["code"]
    assert err.path == case["problems"][0]["path"]
    assert case["message_contains"] in err.message
