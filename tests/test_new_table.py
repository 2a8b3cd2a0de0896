"""A table added as data alone (schema, CSV, descriptor entry; no code change) reaches every place a table appears:
its pages and menu entry in both languages, the data dictionary, every download, and the partner pages."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from conftest import read_csv
from vdp.package.resources import ROOT

NEW = "gifts"  # a copy of donations under a new name
TITLE = {"en": "Vaccine gifts (copy)", "vi": "Quà tặng vắc xin (bản sao)"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, package_dir: Path) -> Path:
    """The site built from the real package plus the new table, by the build's own command line."""
    target = tmp_path_factory.mktemp("new-table") / "site"
    environment = {**os.environ, "VDP_PACKAGE_DIR": str(package_dir)}
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_site.py"), str(target)], env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real package with donations copied as a new table: its CSV, its schema and a descriptor entry."""
    package = tmp_path_factory.mktemp("package") / "datapackage"
    shutil.copytree(ROOT / "datapackage", package)
    shutil.copy(package / "data" / "donations.csv", package / "data" / f"{NEW}.csv")
    shutil.copy(package / "schemas" / "donations.json", package / "schemas" / f"{NEW}.json")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    entry = dict(next(r for r in descriptor["resources"] if r["name"] == "donations"))
    entry.update(name=NEW, path=f"data/{NEW}.csv", schema=f"schemas/{NEW}.json", title=TITLE["en"], title_vi=TITLE["vi"])
    descriptor["resources"].append(entry)
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return package


@pytest.mark.parametrize("lang_root", ["", "vi"])
def test_the_new_table_has_its_pages_and_menu_entry_in_both_languages(built: Path, lang_root: str):
    lang = lang_root or "en"
    page = (built / lang_root / "data" / NEW / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<h1 id="[^"]*">{re.escape(TITLE[lang])}', page)
    first = read_csv(ROOT / "datapackage" / "data" / "donations.csv")["donation_id"].iloc[0]
    assert f'id="donation-{first}"' in page
    home = (built / lang_root / "index.html").read_text(encoding="utf-8")
    assert f'href="data/{NEW}/"' in home
    assert TITLE[lang] in home  # the menu's label, in the page's language


@pytest.mark.parametrize("lang_root", ["", "vi"])
def test_the_new_table_is_in_the_data_dictionary(built: Path, lang_root: str):
    dictionary = (built / lang_root / "dictionary" / "index.html").read_text(encoding="utf-8")
    assert f'id="{NEW}"' in dictionary
    assert TITLE[lang_root or "en"] in dictionary


def test_the_new_table_is_in_every_download(built: Path):
    rows = len(read_csv(ROOT / "datapackage" / "data" / "donations.csv"))
    downloads = built / "downloads"
    assert len(read_csv(downloads / f"{NEW}.csv")) == rows
    assert len(json.loads((downloads / f"{NEW}.json").read_text(encoding="utf-8"))) == rows
    assert sum(1 for _ in load_workbook(downloads / f"{NEW}.xlsx", read_only=True).active.iter_rows()) == rows + 1
    assert pq.read_table(downloads / "parquet" / f"{NEW}.parquet").num_rows == rows
    with sqlite3.connect(downloads / "vietnam-vaccine-diplomacy.sqlite") as db:
        assert db.execute(f"select count(*) from {NEW}").fetchone()[0] == rows
    with zipfile.ZipFile(downloads / "vietnam-vaccine-diplomacy-datapackage.zip") as archive:
        names = archive.namelist()
    assert any(n.endswith(f"data/{NEW}.csv") for n in names) and any(n.endswith(f"schemas/{NEW}.json") for n in names)
    page = (built / "downloads" / "index.html").read_text(encoding="utf-8")
    assert f"{NEW}.csv" in page


@pytest.mark.parametrize("lang_root", ["", "vi"])
def test_the_new_table_has_its_section_on_partner_pages(built: Path, lang_root: str):
    donations = read_csv(ROOT / "datapackage" / "data" / "donations.csv")
    donor = donations.loc[donations["recipient_id"] == "VNM", "donor_id"].iloc[0]
    row = donations.loc[donations["donor_id"] == donor, "donation_id"].iloc[0]
    page = (built / lang_root / "partners" / donor / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<h2 id="[^"]*">{re.escape(TITLE[lang_root or "en"])}', page)
    assert f'data/{NEW}/#donation-{row}"' in page
