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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier: `browser` (Chromium against the built site), `build` (a built site, or the build's
    page and notebook steps), `tools` (marked in the test modules: the validator and the other command-line tools run
    over package folders, and the outside tools they are compared with: Frictionless, actionlint, git), `scale`
    (marked by hand: a package of a million rows), or `unit` (functions on the tables in memory). `pytest -m unit`
    runs the quick tier."""
    for item in items:
        if any(item.get_closest_marker(tier) for tier in ("scale", "tools", "build")):
            continue
        if item.module.__name__ == "test_browser":
            tier = pytest.mark.browser
        elif {"site", "built"} & set(item.fixturenames):
            tier = pytest.mark.build
        else:
            tier = pytest.mark.unit
        item.add_marker(tier)
