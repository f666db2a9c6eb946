"""Hostile input through Python: every failure is a ModelError (or OSError for a missing file)
with a code and a path, never a crash, a leak, an unbounded read or script in the output."""
import pytest

import ekusia
from conftest import ROOT

MINI = """format = "ekusia-model/1"
name = "{name}"
horizon = 3
[[actors]]
id = "a"
name = "{name}"
[[actors]]
id = "p"
name = "P"
kind = "individual"
[[states]]
id = "s"
name = "S"
flows = [{flows}]
[[states]]
id = "w"
name = "W"
[intervention]
start = {{ s = 1 }}
cohorts = [{{ participants = 10 }}]
costs = [{{ name = "{name}", amount = 1000, financing = {{ a = 1 }} }}]
[scenarios.with]
transitions = [{{ from = "s", to = "w", share = {share} }}]
"""


def mini(name="M", flows='{ type = "transfer", from = "a", to = "p", amount = 100 }', share="0.5"):
    return ekusia.Model.from_toml(MINI.format(name=name, flows=flows, share=share))


def test_a_base_path_cannot_leave_the_models_folder_or_echo_a_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:SECRET-LINE:0:0\n", encoding="utf-8")
    folder = tmp_path / "models"
    folder.mkdir()
    for base in ["../secret.txt", str(secret), "/etc/passwd", "/proc/self/environ"]:
        model = folder / "m.toml"
        model.write_text(f'format = "ekusia-model/1"\nname = "x"\nbase = "{base}"\n[intervention]\nstart = {{}}\n')
        with pytest.raises(ekusia.ModelError) as e:
            ekusia.Model.load(model).evaluate()
        assert e.value.code == "base_not_found" and e.value.path == "base"
        assert "SECRET" not in str(e.value) and "root:" not in str(e.value)
    # A file inside the folder that is not a base is refused without repeating its lines.
    (folder / "notes.toml").write_text("password = SECRET-LINE\n", encoding="utf-8")
    (folder / "m.toml").write_text('format = "ekusia-model/1"\nname = "x"\nbase = "notes.toml"\n[intervention]\nstart = {}\n')
    with pytest.raises(ekusia.ModelError) as e:
        ekusia.Model.load(folder / "m.toml").evaluate()
    assert "SECRET" not in str(e.value) and all("SECRET" not in p["message"] for p in e.value.errors)


def test_reads_stop_at_the_limit_and_bad_text_is_a_parse_error(tmp_path):
    with pytest.raises(ekusia.ModelError) as e:
        ekusia.Model.load("/dev/zero")
    assert e.value.code == "limit"
    bad = tmp_path / "latin1.toml"
    bad.write_bytes('name = "Malmö"'.encode("latin-1"))
    with pytest.raises(ekusia.ModelError) as e:
        ekusia.Model.load(bad)
    assert e.value.code == "parse"


def test_numbers_out_of_range_are_coded_errors_never_panics():
    # Two flows near the decimal limit on one actor: a limit error per flow, no panic.
    big = '{ type = "production", actor = "a", amount = "79000000000000000000000000000" }'
    with pytest.raises(ekusia.ModelError) as e:
        mini(flows=f"{big}, {big}").evaluate()
    assert {p["code"] for p in e.value.errors} == {"limit"}
    assert all(p["path"] for p in e.value.errors)
    # A share whose range would flip the tornado beyond the decimal range: a result, not a panic.
    wide = '{ dist = "normal", mean = 0.5, sd = "40000000000000000000000000000" }'
    s = mini(share=wide).sensitivity()
    assert s.skipped or s.table() is not None
    with pytest.raises(ekusia.ModelError) as e:
        mini().simulate(runs=10, seed=2**64)
    assert (e.value.code, e.value.path) == ("limit", "seed")
    with pytest.raises(ekusia.ModelError) as e:
        mini().simulate(runs=-1)
    assert (e.value.code, e.value.path) == ("limit", "runs")
    assert mini().simulate(runs=10, seed=2**53 - 1).summary() is not None


def test_deep_nesting_is_a_limit_error():
    deep: dict = {}
    node = deep
    for _ in range(100_000):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(ekusia.ModelError) as e:
        ekusia.Model.from_dict(deep)
    assert e.value.code == "limit"
    with pytest.raises(ekusia.ModelError) as e:
        ekusia.Model.from_json("[" * 100_000 + "]" * 100_000)
    assert e.value.code == "parse"


def test_model_text_cannot_act_in_any_output():
    r = mini(name="=HYPERLINK(1)|<script>x</script>\\u001b[31m").evaluate()
    assert "\x1b" in r.row("a").name
    csv = r.to_csv()
    assert "\n=" not in csv and ",=" not in csv and "'=HYPERLINK" in csv
    assert "<script>" not in r.to_html() and "<script>" not in r.to_markdown() and "<script>" not in r._repr_html_()
    assert "\x1b" not in r.table()
    assert "\\|" in r.to_markdown()


def test_json_duplicate_keys_are_an_error_with_the_path():
    text = (ROOT / "tests/vectors/models/no-cost-eur.json").read_text(encoding="utf-8")
    dup = text.replace('"name":', '"name": "first", "name":', 1)
    with pytest.raises(ekusia.ModelError) as e:
        ekusia.Model.from_json(dup)
    assert (e.value.code, e.value.path) == ("parse", "name")
