"""Execute the chart notebooks on the current data; fail on any error or on a chart that did not render."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

from vdp.package.resources import PACKAGE_DIR, ROOT

CHART_MARK = '<figure class="chart">'  # what charts.show() writes; the figure holds an inline SVG


class NotebookError(RuntimeError):
    """A notebook raised, or produced no chart."""


def chart_count(notebook: nbformat.NotebookNode) -> int:
    """Number of chart outputs (an inline SVG figure) in an executed notebook."""
    return sum(
        CHART_MARK in output.get("data", {}).get("text/html", "") and "<svg" in output["data"]["text/html"]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
    )


def execute(source: Path, target: Path, package_dir: Path | None = None, timeout: int = 300) -> int:
    """Run one notebook from the repository root on a package and write the executed copy; return its chart count."""
    notebook = nbformat.read(source, as_version=4)
    runner = ExecutePreprocessor(timeout=timeout, kernel_name="python3", allow_errors=False)
    previous = os.environ.get("VDP_PACKAGE_DIR")
    os.environ["VDP_PACKAGE_DIR"] = str(package_dir or PACKAGE_DIR)  # the kernel inherits it
    try:
        runner.preprocess(notebook, {"metadata": {"path": str(ROOT)}})
    except Exception as err:  # nbconvert raises CellExecutionError and kernel errors
        raise NotebookError(f"{source}: a cell raised an error:\n{err}") from err
    finally:
        if previous is None:
            del os.environ["VDP_PACKAGE_DIR"]
        else:
            os.environ["VDP_PACKAGE_DIR"] = previous
    charts = chart_count(notebook)
    if charts == 0:
        raise NotebookError(f"{source}: no chart was rendered (expected at least one figure made by charts.show)")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return charts


def execute_all(src: Path, dst: Path, package_dir: Path) -> dict[str, int]:
    """Execute every notebook under src on package_dir into the same place under dst."""
    return {path.name: execute(path, dst / path.relative_to(src), package_dir) for path in sorted(src.rglob("*.ipynb"))}
