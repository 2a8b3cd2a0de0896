"""The validator accepts the real package and reports every problem at once with a non-zero exit.

Broken inputs, one per case with its exact expected output, are in test_broken_inputs.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import read_csv, write_csv
from package_io import PACKAGE_DIR, ROOT, load_resources
from validate import validate_package


def test_real_package_is_valid():
    problems, counts = validate_package(PACKAGE_DIR)
    assert problems == []
    for name, resource in load_resources(PACKAGE_DIR).items():
        lines = resource.path.read_text(encoding="utf-8").count("\n")
        assert counts[name] == lines - 1, name


def test_cli_prints_one_line_summary_and_exits_zero():
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("valid: sources ")
    assert result.stdout.count("\n") == 1


def test_all_problems_reported_at_once_with_nonzero_exit(package_copy: Path):
    donations = read_csv(package_copy / "data" / "donations.csv")
    delivery = int(donations.index[donations["status"] == "delivered"][0])
    donations.loc[delivery, "doses"] = "-5"
    write_csv(donations, package_copy / "data" / "donations.csv")
    contacts = read_csv(package_copy / "data" / "contacts.csv")
    contacts.loc[1, "channel"] = "telegram"
    write_csv(contacts, package_copy / "data" / "contacts.csv")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), str(package_copy)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"data/donations.csv:{delivery + 2}:doses: -5 is below the minimum 1" in result.stdout
    assert 'data/contacts.csv:3:channel: "telegram" is not an allowed value' in result.stdout
