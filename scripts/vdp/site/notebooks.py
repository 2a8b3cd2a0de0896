"""Execute the chart notebooks on the current data; fail on any error or on a chart that did not render."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

from vdp.package.resources import PACKAGE_DIR, ROOT
from vdp.site.text import LANGUAGES, page_file

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


def with_parameters(notebook: nbformat.NotebookNode, values: dict[str, str]) -> nbformat.NotebookNode:
    """The notebook with a cell setting values after its cell tagged "parameters" (papermill's convention)."""
    tagged = [i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", [])]
    if not tagged:
        raise NotebookError("no cell is tagged 'parameters' (the cell that sets LANG and PACKAGE)")
    cell = nbformat.v4.new_code_cell("\n".join(f"{name} = {value!r}" for name, value in values.items()))
    cell.metadata["tags"] = ["injected-parameters", "hide-input"]
    cell["id"] = "injected-parameters"
    notebook.cells.insert(tagged[0] + 1, cell)
    return notebook


def execute(source: Path, target: Path, lang: str, package_dir: Path | None = None, timeout: int = 300) -> int:
    """Run one notebook from the repository root in a language on a package and write the executed copy; return its
    chart count."""
    package = Path(package_dir or PACKAGE_DIR).resolve()
    # The published notebook names the package as a reader's clone has it (datapackage), not by this machine's path.
    shown = package.relative_to(ROOT.resolve()).as_posix() if package.is_relative_to(ROOT.resolve()) else str(package)
    try:
        notebook = with_parameters(nbformat.read(source, as_version=4), {"LANG": lang, "PACKAGE": shown})
    except NotebookError as err:
        raise NotebookError(f"{source}: {err}") from err
    runner = ExecutePreprocessor(timeout=timeout, kernel_name="python3", allow_errors=False, record_timing=False)
    previous = os.environ.get("VDP_PACKAGE_DIR")
    os.environ["VDP_PACKAGE_DIR"] = str(package)  # the kernel inherits it: the schemas' labels come from the same package
    try:
        runner.preprocess(notebook, {"metadata": {"path": str(ROOT)}})
    except Exception as err:  # nbconvert raises CellExecutionError and kernel errors
        raise NotebookError(f"{source} ({lang}): a cell raised an error:\n{err}") from err
    finally:
        if previous is None:
            del os.environ["VDP_PACKAGE_DIR"]
        else:
            os.environ["VDP_PACKAGE_DIR"] = previous
    charts = chart_count(notebook)
    if charts == 0:
        raise NotebookError(f"{source} ({lang}): no chart was rendered (expected at least one figure made by charts.show)")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return charts


def execute_all(src: Path, dst: Path, package_dir: Path) -> dict[str, int]:
    """Execute every notebook under src once per language on package_dir, into the same place under dst with the
    language's file name (donor-map.ipynb, donor-map.vi.ipynb)."""
    counts = {}
    for path in sorted(src.rglob("*.ipynb")):
        for lang in LANGUAGES:
            target = dst / path.parent.relative_to(src) / page_file(path.stem, lang, ".ipynb")
            counts[target.name] = execute(path, target, lang, package_dir)
    return counts
