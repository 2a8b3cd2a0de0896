"""Shared fixtures: a writable copy of the real package, and one real build of the site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from vdp.package.resources import PACKAGE_DIR
from vdp.site.build import build


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of datapackage/ that a test may break."""
    target = tmp_path / "datapackage"
    shutil.copytree(PACKAGE_DIR, target)
    return target


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once from the real data into a temporary folder."""
    target = tmp_path_factory.mktemp("build") / "site"
    build(target)
    return target
