"""The example notebooks (examples/notebooks/*.ipynb) run again with the gd
kernel give the outputs saved in them.

Each notebook is executed by nbclient, as Jupyter would run it, in its own
folder; every cell's outputs are compared with the saved ones, leaving out
what changes from run to run (execution counts, metadata, transient ids).
With --update the executed notebooks are written back instead (after a
change that is meant to change them; review the diff).

Run by tests/kernel.rs with JUPYTER_PATH pointing at the gd under test; by hand:
    target/jupyter-venv/bin/python tests/kernel/notebooks.py [--update]
"""

import copy
import difflib
import json
import pathlib
import sys

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "examples" / "notebooks").glob("*.ipynb"))


def executed(path):
    """The notebook at `path`, run from the first cell in its folder."""
    notebook = nbformat.read(path, as_version=4)
    fresh = copy.deepcopy(notebook)
    client = NotebookClient(fresh, kernel_name="gd", timeout=120, resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook, fresh


def outputs(notebook):
    """Each code cell's outputs, without what changes from run to run."""
    kept = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell_outputs = []
        for output in cell.get("outputs", []):
            output = {k: v for k, v in output.items() if k not in ("execution_count", "metadata", "transient")}
            cell_outputs.append(output)
        kept.append({"source": cell.source, "outputs": cell_outputs})
    return kept


def main():
    update = "--update" in sys.argv[1:]
    if len(NOTEBOOKS) < 3:
        print(f"expected the three example notebooks, found {len(NOTEBOOKS)}")
        return 1
    failed = 0
    for path in NOTEBOOKS:
        saved, fresh = executed(path)
        if update:
            nbformat.write(fresh, path)
            print(f"updated {path.relative_to(ROOT)}")
            continue
        want = json.dumps(outputs(saved), indent=1, ensure_ascii=False, sort_keys=True).splitlines()
        got = json.dumps(outputs(fresh), indent=1, ensure_ascii=False, sort_keys=True).splitlines()
        if want == got:
            print(f"ok {path.relative_to(ROOT)}")
            continue
        failed += 1
        print(f"FAILED {path.relative_to(ROOT)}: outputs differ from the saved ones")
        diff = difflib.unified_diff(want, got, "saved", "now", lineterm="", n=2)
        print("\n".join(list(diff)[:200]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
