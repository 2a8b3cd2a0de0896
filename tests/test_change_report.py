"""The change report lists rows added, changed and removed between two commits, and how the figures move."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import read_csv, write_csv
from vdp.package.resources import PACKAGE_DIR
from vdp.tools.change_report import report

pytestmark = pytest.mark.tools

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid"]


def commit(repo: Path, message: str) -> None:
    subprocess.run([*GIT, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", message], cwd=repo, check=True)


def repository(tmp_path: Path) -> Path:
    """A git repository holding a copy of the package, committed once as the base."""
    repo = tmp_path / "repo"
    shutil.copytree(PACKAGE_DIR, repo / "datapackage")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    commit(repo, "base")
    return repo


def test_report_between_two_commits(tmp_path: Path):
    repo = repository(tmp_path)
    path = repo / "datapackage" / "data" / "donations.csv"
    donations = read_csv(path)
    delivered = donations.index[(donations["status"] == "delivered") & (donations["recipient_id"] == "VNM")]
    changed_id, removed_id = donations.loc[delivered[0], "donation_id"], donations.loc[delivered[1], "donation_id"]
    removed_doses = int(donations.loc[delivered[1], "doses"])
    donations.loc[delivered[0], "doses"] = str(int(donations.loc[delivered[0], "doses"]) + 1000)
    donations = donations.drop(index=delivered[1])
    write_csv(donations, path)
    commit(repo, "edit")

    text = report("HEAD~1", "HEAD", repo)
    assert "| donations | 0 | 1 | 1 |" in text
    assert f"- **donations** changed: `{changed_id} (doses)`" in text
    assert f"- **donations** removed: `{removed_id}`" in text
    assert "| sources | 0 | 0 | 0 |" in text
    change = 1000 - removed_doses
    assert "| Donated doses delivered to Vietnam |" in text
    assert f"| {change:+,} |" in text.split("Donated doses delivered to Vietnam")[1].splitlines()[0]


def test_no_changes_says_so(tmp_path: Path):
    repo = repository(tmp_path)
    text = report("HEAD", None, repo)
    assert "No rows changed." in text


def test_schema_loosening_is_listed_first(tmp_path: Path):
    """A pull request that widens a pattern and drops a foreign key sees both at the top of its report."""
    repo = repository(tmp_path)
    path = repo / "datapackage" / "schemas" / "donations.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["fields"][0]["constraints"]["pattern"] = ".*"
    schema["foreignKeys"] = [fk for fk in schema["foreignKeys"] if fk["fields"] != ["donor_id"]]
    path.write_text(json.dumps(schema), encoding="utf-8")
    text = report("HEAD", None, repo)
    assert text.startswith("## ⚠ Schema and descriptor changes")
    first = text.split("## Data changes")[0]
    assert '`schemas/donations.json` .fields[donation_id].constraints.pattern: "^(don|pled)-' in first
    assert '→ ".*"' in first
    assert "foreignKeys" in first and "donor_id" in first
