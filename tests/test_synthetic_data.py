"""The synthetic data generator writes a package that is valid at a multiple of today's row counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from vdp.checks.validate import validate_package
from vdp.package.resources import PACKAGE_DIR, load_resources, read_table
from vdp.tools.synthetic_data import write_synthetic

pytestmark = pytest.mark.tools


def test_three_times_the_rows_and_still_valid(tmp_path: Path):
    counts = write_synthetic(3, tmp_path / "pkg")
    today = {name: len(read_table(resource)) for name, resource in load_resources(PACKAGE_DIR).items()}
    assert counts == {name: 3 * rows for name, rows in today.items()}
    problems, validated = validate_package(tmp_path / "pkg")
    assert problems == []
    assert {name: len(frame) for name, frame in validated.items()} == counts
