"""The built site, as a reader gets it: every row, every download, the dictionary, the charts, nothing remote."""

from __future__ import annotations

import hashlib
import io
import json
import re
import sqlite3
import zipfile
from datetime import datetime
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import read_csv, write_csv
from vdp.measures.figures import REFERENCE_DATE, headline, latest_official
from vdp.package.resources import PACKAGE_DIR, ROOT, load_descriptor, load_resources, load_typed
from vdp.site.build import BuildError, prepare_docs
from vdp.site.downloads import FIXED_TIME, SQLITE_NAME, ZIP_NAME, write_xlsx
from vdp.site.downloads import write_csv as write_download_csv
from vdp.site.html_table import ROWS_PER_PAGE, table_page_url
from vdp.site.links import broken_links
from vdp.site.notebooks import NotebookError, execute
from vdp.site.offline import remote_assets
from vdp.site.safe import inert as escape  # the pages escape every data value this way
from vdp.site.text import number

RESOURCES = load_resources(PACKAGE_DIR)
# The published row ids (links to rows from outside the site depend on them): prefix, then the row's key. A table
# added later gets the registry's prefix (Resource.anchor).
ANCHORS = {
    "sources": "source",
    "actors": "actor",
    "vaccines": "vaccine",
    "donations": "donation",
    "purchases": "purchase",
    "equipment_aid": "aid",
    "contacts": "contact",
    "official_totals": "total",
    "exchange_rates": "rate",
}


@pytest.mark.parametrize("table", list(RESOURCES))
@pytest.mark.parametrize("lang_root", ["", "vi/"])
def test_every_row_has_an_anchor_in_the_html_of_a_table_page(site: Path, table: str, lang_root: str):
    """Every row is in the HTML of one page of its table (ROWS_PER_PAGE a page), so its anchor resolves without
    JavaScript; the first page also reaches every row from the JSON download."""
    resource = RESOURCES[table]
    frame = read_csv(resource.path)
    keys = ["-".join(row[k] for k in resource.primary_key) for _, row in frame.iterrows()]
    for position, key in enumerate(keys):
        page = site / lang_root / table_page_url(table, position // ROWS_PER_PAGE + 1) / "index.html"
        if position % ROWS_PER_PAGE == 0:
            html = page.read_text(encoding="utf-8")
        assert f'id="{ANCHORS.get(table, resource.anchor)}-{key}"' in html, (page, key)
    html = (site / lang_root / "data" / table / "index.html").read_text(encoding="utf-8")
    records = json.loads((site / "downloads" / f"{table}.json").read_text(encoding="utf-8"))
    loaded = ["-".join(str(record[k]) for k in resource.primary_key) for record in records]
    assert loaded == keys
    assert f'data-total="{len(keys)}"' in html


def test_source_links_point_to_the_source_url(site: Path):
    sources = read_csv(RESOURCES["sources"].path).set_index("source_id")["url"]
    donations = read_csv(RESOURCES["donations"].path)
    html = (site / "data" / "donations" / "index.html").read_text(encoding="utf-8")
    for source_id in donations["source_id"].unique():
        assert f'href="{sources[source_id]}"'.replace("&", "&amp;") in html, source_id


@pytest.mark.parametrize("table", list(RESOURCES))
def test_csv_download_round_trips(site: Path, table: str):
    downloaded = read_csv(site / "downloads" / f"{table}.csv")
    assert downloaded.equals(read_csv(RESOURCES[table].path))


def test_zip_holds_the_whole_package(site: Path):
    with zipfile.ZipFile(site / "downloads" / ZIP_NAME) as archive:
        names = set(archive.namelist())
        assert "datapackage.json" in names
        for table, resource in RESOURCES.items():
            member = f"data/{table}.csv"
            assert archive.read(member) == resource.path.read_bytes(), member
            assert f"schemas/{table}.json" in names
            assert read_csv(io.BytesIO(archive.read(member))).equals(read_csv(resource.path))


@pytest.mark.parametrize("table", list(RESOURCES))
def test_json_xlsx_parquet_and_sqlite_hold_every_row(site: Path, table: str):
    ids = read_csv(RESOURCES[table].path)[RESOURCES[table].primary_key[0]]
    records = json.loads((site / "downloads" / f"{table}.json").read_text(encoding="utf-8"))
    assert [r[ids.name] for r in records] == ids.tolist()
    sheet = pd.read_excel(site / "downloads" / f"{table}.xlsx", dtype=str)
    assert sheet[ids.name].tolist() == ids.tolist()
    assert pd.read_parquet(site / "downloads" / "parquet" / f"{table}.parquet")[ids.name].tolist() == ids.tolist()
    with sqlite3.connect(site / "downloads" / SQLITE_NAME) as db:
        assert [r[0] for r in db.execute(f'SELECT "{ids.name}" FROM "{table}" ORDER BY rowid')] == ids.tolist()


def test_json_and_sqlite_keep_the_schema_types(site: Path):
    records = json.loads((site / "downloads" / "donations.json").read_text(encoding="utf-8"))
    delivered = next(r for r in records if r["status"] == "delivered" and r["doses"])
    assert isinstance(delivered["doses"], int)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", delivered["date"])
    assert any(r["pledge_id"] is None for r in records)
    with sqlite3.connect(site / "downloads" / SQLITE_NAME) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        total = db.execute("SELECT SUM(doses) FROM donations WHERE status = 'delivered'").fetchone()[0]
    assert total == sum(r["doses"] or 0 for r in records if r["status"] == "delivered")


@pytest.mark.build
def test_spreadsheet_downloads_neutralise_formula_cells(tmp_path: Path):
    resource = RESOURCES["contacts"]
    frame = read_csv(resource.path).head(2)
    frame.loc[0, "summary"] = '=HYPERLINK("https://example.com")'
    frame.loc[1, "vn_role"] = "@SUM(A1)"
    write_xlsx(frame, resource, tmp_path / "c.xlsx")
    write_download_csv(frame, resource, tmp_path / "c.csv")
    for sheet in (pd.read_excel(tmp_path / "c.xlsx", dtype=str), read_csv(tmp_path / "c.csv")):
        assert sheet.loc[0, "summary"] == '\'=HYPERLINK("https://example.com")'
        assert sheet.loc[1, "vn_role"] == "'@SUM(A1)"


@pytest.mark.build
def test_a_workbook_carries_only_the_fixed_time_so_its_checksum_follows_its_data(tmp_path: Path):
    """Every part of an .xlsx download, and its document dates, carry FIXED_TIME, not the time of the build."""
    resource = RESOURCES["donations"]
    write_xlsx(read_csv(resource.path), resource, tmp_path / "d.xlsx")
    with zipfile.ZipFile(tmp_path / "d.xlsx") as workbook:
        assert {info.date_time for info in workbook.infolist()} == {FIXED_TIME}
        core = workbook.read("docProps/core.xml").decode("utf-8")
    stamp = datetime(*FIXED_TIME).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert core.count(stamp) == 2  # created and modified


def test_downloads_page_lists_counts_and_checksums(site: Path):
    html = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    for table, resource in RESOURCES.items():
        for suffix in ("csv", "json", "xlsx", "parquet"):
            assert f"{table}.{suffix}" in html
        assert f"{len(read_csv(resource.path)):,}" in html
    for name in (ZIP_NAME, SQLITE_NAME):
        assert name in html
    for path in (site / "downloads").rglob("*.*"):
        if path.suffix != ".html":
            assert hashlib.sha256(path.read_bytes()).hexdigest() in html, path.name


def test_dictionary_is_generated_from_every_schema_field(site: Path):
    english = (site / "dictionary" / "index.html").read_text(encoding="utf-8")
    vietnamese = (site / "vi" / "dictionary" / "index.html").read_text(encoding="utf-8")
    for resource in RESOURCES.values():
        for field in resource.schema["fields"]:
            assert f"<code>{escape(field['name'])}</code>" in english and f"<code>{escape(field['name'])}</code>" in vietnamese
            assert escape(field["title"]) in english and escape(field["title_vi"]) in vietnamese


def test_home_page_shows_figures_computed_from_the_data(site: Path):
    html = (site / "index.html").read_text(encoding="utf-8")
    figures = headline(load_typed(PACKAGE_DIR))
    assert number(figures["doses_delivered"]) in html
    assert number(figures["contacts"]) in html
    assert f"{figures['aid_donors']} donors of every kind" in html
    assert number(figures["official"]["doses_received_total"].value) in html


def test_story_quotes_the_review_figures_and_the_reference_donated_total(site: Path):
    """The November 2022 review paragraph quotes the received total told at the review, and the donated figure the
    whole site compares with (the latest on or before REFERENCE_DATE, the end of 2022)."""
    totals = load_typed(PACKAGE_DIR)["official_totals"]
    received = latest_official(totals, "doses_received_total", on_or_before=REFERENCE_DATE)
    donated = latest_official(totals, "doses_donated_total", on_or_before=REFERENCE_DATE)
    assert received.as_of.year == donated.as_of.year == 2022
    for page, lang in ((site / "story" / "index.html", "en"), (site / "vi" / "story" / "index.html", "vi")):
        html = page.read_text(encoding="utf-8")
        assert number(received.value, lang) in html and number(donated.value, lang) in html


def test_published_notebooks_are_set_to_their_language_and_the_readers_package(site: Path):
    """Each chart page offers its executed notebook for download, set to the page's language and to the package as a
    clone of the repository holds it (no path of the machine that built the site)."""
    for lang_root, name, lang in (("", "donated-doses.ipynb", "en"), ("vi/", "donated-doses.vi.ipynb", "vi")):
        page = site / lang_root / "charts" / "donated-doses"
        notebook = nbformat.read(page / name, as_version=4)
        injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert [c.source for c in injected] == [f"LANG = '{lang}'\nPACKAGE = 'datapackage'"]
        assert f'href="{name}"' in (page / "index.html").read_text(encoding="utf-8")


def test_chart_page_has_inline_svg_charts(site: Path):
    html = (site / "charts" / "donated-doses" / "index.html").read_text(encoding="utf-8")
    assert html.count("<svg") >= 2
    assert "Traceback" not in html


def test_site_loads_nothing_from_other_hosts(site: Path):
    assert remote_assets(site) == []


def test_every_link_of_the_site_resolves_in_both_languages(site: Path):
    """Pages, downloads and #anchors, English and Vietnamese (the build refuses a site that fails this too)."""
    assert broken_links(site) == []
    vietnamese = (site / "vi" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../downloads/donations.csv"' in vietnamese


def test_link_check_catches_missing_files_anchors_and_escapes(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a><a href="../b/">ok</a>')
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text(
        '<a href="../a/#here">ok</a><a href="../a/#gone">anchor</a><a href="downloads/x.csv">file</a>'
        '<a href="../../outside.html">escape</a><a href="javascript:alert(1)">scheme</a><a href="https://example.org/">ext</a>'
    )
    assert broken_links(tmp_path) == [
        "b/index.html: ../a/#gone (no such anchor)",
        "b/index.html: downloads/x.csv",
        "b/index.html: ../../outside.html",
        "b/index.html: javascript:alert(1) (scheme not allowed)",
    ]


def test_offline_check_catches_a_cdn_script(tmp_path: Path):
    (tmp_path / "index.html").write_text('<html><head><script src="https://cdn.example.org/x.js"></script></head></html>')
    (tmp_path / "a.css").write_text("@font-face{src:url(https://fonts.example.org/f.woff2)}")
    assert len(remote_assets(tmp_path)) == 2


@pytest.mark.tools
def test_build_refuses_invalid_data(package_copy: Path, tmp_path: Path):
    path = package_copy / "data" / "donations.csv"
    frame = read_csv(path)
    frame.loc[0, "doses"] = "lots"
    write_csv(frame, path)
    target = tmp_path / "docs"
    with pytest.raises(BuildError, match='data/donations.csv:2:doses: "lots" is not a valid integer'):
        prepare_docs(package_copy, target)
    assert not target.exists()


def _notebook(tmp_path: Path, code: str, parameters: bool = True) -> Path:
    path = tmp_path / "chart.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell('LANG = "en"'), nbformat.v4.new_code_cell(code)]
    if parameters:
        nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(nb, path)
    return path


@pytest.mark.build
def test_a_notebook_that_raises_fails_the_build(tmp_path: Path):
    with pytest.raises(NotebookError, match="a cell raised an error"):
        execute(_notebook(tmp_path, "raise ValueError('broken chart')"), tmp_path / "out.ipynb", "en")


@pytest.mark.build
def test_a_notebook_without_a_chart_fails_the_build(tmp_path: Path):
    with pytest.raises(NotebookError, match="no chart was rendered"):
        execute(_notebook(tmp_path, "print('no chart here')"), tmp_path / "out.ipynb", "vi")
    assert not (tmp_path / "out.ipynb").exists()


@pytest.mark.build
def test_a_notebook_without_a_parameters_cell_is_refused(tmp_path: Path):
    with pytest.raises(NotebookError, match="no cell is tagged 'parameters'"):
        execute(_notebook(tmp_path, "print(LANG)", parameters=False), tmp_path / "out.ipynb", "vi")


@pytest.mark.build
def test_the_build_sets_the_language_after_the_parameters_cell(tmp_path: Path):
    """The injected cell overrides the notebook's own LANG, whatever the order of execution would otherwise give."""
    with pytest.raises(NotebookError, match="language was vi"):
        execute(_notebook(tmp_path, "raise ValueError(f'language was {LANG}')"), tmp_path / "out.ipynb", "vi")


@pytest.mark.build
def test_notebook_charts_follow_the_data_in_each_language(package_copy: Path, tmp_path: Path):
    """Changed data is re-executed: a renamed donor appears in the chart on the next run, in each language's name."""
    actors = package_copy / "data" / "actors.csv"
    frame = read_csv(actors)
    frame.loc[frame["actor_id"] == "JPN", ["name_en", "name_vi"]] = ["Japan (renamed for test)", "Nhật Bản (đổi tên để thử)"]
    write_csv(frame, actors)
    for lang, name, heading in (
        ("en", "Japan (renamed for test)", "By donor"),
        ("vi", "Nhật Bản (đổi tên để thử)", "Theo nhà tài trợ"),
    ):
        out = tmp_path / f"out.{lang}.ipynb"
        execute(ROOT / "docs" / "charts" / "donated-doses.ipynb", out, lang, package_copy)
        executed = nbformat.read(out, as_version=4)
        shown = json.dumps([o for c in executed.cells for o in c.get("outputs", [])], ensure_ascii=False)
        assert name in shown
        assert f"## {heading}" in shown


def test_citation_names_the_packages_version_and_links_citation_cff(site: Path):
    version = load_descriptor(PACKAGE_DIR)["version"]
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{version}"' in cff
    for page, word in ((site / "downloads" / "index.html", "version"), (site / "vi" / "downloads" / "index.html", "phiên bản")):
        html = page.read_text(encoding="utf-8")
        assert f"({word} {version})" in html
        assert 'href="../../downloads/CITATION.cff"' in html or 'href="CITATION.cff"' in html
    assert (site / "downloads" / "CITATION.cff").read_text(encoding="utf-8") == cff


def test_home_page_and_story_state_one_share_of_one_reference_figure(site: Path):
    """The donated doses itemised up to the date of the review's figure, as a share of it, the same on every page."""
    tables = load_typed(PACKAGE_DIR)
    totals = tables["official_totals"]
    official = latest_official(totals, "doses_donated_total", on_or_before=REFERENCE_DATE)
    end = official.as_of + pd.offsets.MonthEnd(0) if official.as_of_precision == "month" else official.as_of
    donations = tables["donations"]
    counted = donations[(donations["status"] == "delivered") & (donations["recipient_id"] == "VNM") & (donations["date"] <= end)]
    itemised = int(counted["doses"].sum())
    share = f"{round(100 * itemised / official.value)}%"
    for lang, root in (("en", site), ("vi", site / "vi")):
        for page in ("index.html", "story/index.html"):
            text = (root / page).read_text(encoding="utf-8")
            assert number(itemised, lang) in text and share in text, (lang, page)
    methodology = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert share in methodology
    assert "≥ 85%" in methodology and "≥ 85%" not in (site / "coverage" / "index.html").read_text(encoding="utf-8")


def test_partner_pages_count_in_the_right_number_and_never_show_a_zero_value(site: Path):
    for page in (site / "partners").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"\b1 (handovers|shipments|announcements|diplomatic contacts|rows)\b", html), page
        assert "US$ 0 " not in html, page
