"""The example notebook runs headless from top to bottom, from a directory outside the
repository; a failing cell fails the suite. It is stored with its outputs, so it teaches on
GitHub without being run."""
import nbformat
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOK = ROOT / "py/examples/quickstart.ipynb"


def _outputs(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def test_quickstart_notebook_runs_from_any_directory(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = _outputs(nb)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    # The report and the simulation rendered as HTML, the figures as images.
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("Samhället" in h for h in html)
    assert any("Monte Carlo" in h for h in html)
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 4
    text = "".join(o.get("text", "") for o in outputs)
    assert "the municipality breaks even at" in text and "schema" in text and "invalid_range" in text
    assert not list(tmp_path.iterdir())   # it wrote nothing where it was run


def test_quickstart_notebook_is_stored_with_its_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.get("execution_count") for c in code)
    assert not [o for o in _outputs(nb) if o.get("output_type") == "error"]
    sources = "\n".join(c.source for c in code)
    for verb in ("model.sweep(", "ekusia.compare(", "model.solve(", ".simulate(", ".sensitivity(", "to_excel(", "except ekusia.ModelError"):
        assert verb in sources, verb
    assert sum("image/png" in o.get("data", {}) for o in _outputs(nb)) >= 4
