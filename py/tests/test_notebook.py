"""The example notebook runs headless from top to bottom; a failing cell fails the suite."""
import nbformat
from nbclient import NotebookClient

from conftest import ROOT


def test_quickstart_notebook_runs():
    nb = nbformat.read(ROOT / "py/examples/quickstart.ipynb", as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    # The report cell rendered as HTML, the plot as an image.
    assert any("text/html" in o.get("data", {}) and "Samhället" in o["data"]["text/html"] for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)
