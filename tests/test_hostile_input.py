"""Hostile input: text from the data never becomes markup on a page, and no input makes validation crash.

The page test bypasses validation on purpose: it puts markup, template syntax, comments and line breaks into every
kind of text field of the real data (names the validator would refuse included) and renders the generated pages
with the site's Markdown extensions, so the escaping at the build is checked on its own.
"""

from __future__ import annotations

import re
import string
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_broken_inputs import assemble
from vdp.checks.validate import validate_package
from vdp.package.problems import Problem
from vdp.package.resources import PACKAGE_DIR, ROOT, load_resources, read_tables, typed
from vdp.site.build import write_data_pages
from vdp.site.partners import write_partner_pages

PAYLOAD = (
    "[click](javascript:alert(1)) {: autofocus onfocus=alert(1) } <!-- <script>alert(2)</script> "
    '{{ 7*7 }} {% raw %} **b** `c` | <img src=x onerror=alert(3)> "q" \\ _u_ # H\n\n# Injected heading\n- item'
)
TEXT_FIELDS = {
    "actors": ["name_en", "name_vi"],
    "contacts": ["vn_person", "vn_role", "vn_role_vi", "counterpart_person", "summary", "summary_vi"],
    "equipment_aid": ["description", "description_vi", "unit"],
    "donations": ["arrival_place", "notes"],
    "sources": ["title", "publisher"],
}


class Markup(HTMLParser):
    """Every start tag with its attributes, and the text inside headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []
        self.headings: list[str] = []  # the text of each heading element
        self._in_heading = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._in_heading = True
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._in_heading = False

    def handle_data(self, data):
        if self._in_heading:
            self.headings[-1] += data

    def handle_comment(self, data):
        self.comments.append(data)


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions the site's mkdocs.yml enables."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    return markdown.Markdown(extensions=names)


def hostile_tables() -> tuple[dict[str, pd.DataFrame], dict]:
    """The real tables with the payload in every text field listed above, in the first rows of each table."""
    resources = load_resources(PACKAGE_DIR)
    tables = read_tables(PACKAGE_DIR)
    japan = tables["actors"].index[tables["actors"]["actor_id"] == "JPN"]
    for table, fields in TEXT_FIELDS.items():
        rows = japan if table == "actors" else tables[table].index[:5]
        for field in fields:
            tables[table].loc[rows, field] = PAYLOAD
    return tables, resources


@pytest.mark.build
def test_text_from_the_data_never_becomes_markup(tmp_path: Path):
    tables, resources = hostile_tables()
    write_data_pages(tmp_path, resources, tables)  # the build's own step, without its validation
    pages = sorted(tmp_path.rglob("*.md"))
    assert len(pages) > 100
    seen_payload = 0
    for page in pages:
        source = page.read_text(encoding="utf-8")
        body = re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.S)  # front matter, as mkdocs strips it
        html = site_markdown().convert(body)
        parsed = Markup()
        parsed.feed(html)
        where = page.relative_to(tmp_path)
        seen_payload += "alert(1)" in unescape(html)
        for tag, attrs in parsed.tags:
            assert tag not in ("script", "img", "iframe"), (where, tag)
            assert not any(name.startswith("on") or name == "autofocus" for name in attrs), (where, tag, attrs)
            assert not attrs.get("href", "").lower().startswith("javascript"), (where, attrs)
        assert not [c for c in parsed.comments if "script" in c], where
        assert not [h for h in parsed.headings if h.strip().startswith(("Injected", "H "))], where  # no heading of its own
        assert [tag for tag, _ in parsed.tags].count("h1") <= 1, where
        text = unescape(html)
        assert "{{ 7*7 }}" in text or "alert(1)" not in text, where  # templates in data are never evaluated
    assert seen_payload > 20  # the payload did reach the pages, as text


@pytest.mark.build
def test_japan_page_shows_the_payload_as_text(tmp_path: Path):
    tables, resources = hostile_tables()
    typed_tables = {name: typed(frame, resources[name]) for name, frame in tables.items()}
    write_partner_pages(tmp_path, typed_tables, resources)
    html = site_markdown().convert((tmp_path / "partners" / "JPN.md").read_text(encoding="utf-8"))
    parsed = Markup()
    parsed.feed(html)
    heading = parsed.headings[0]
    assert "[click](javascript:alert(1)) {: autofocus onfocus=alert(1) }" in heading  # shown, not obeyed
    assert "{{ 7*7 }}" in heading


FIELD_VALUES = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=string.printable, max_size=40),
    st.sampled_from(["", "1e400", "inf", "-nan", "+01", "9" * 40, "2021-02-30", "0000-00-00", "\x00", "\u202e", "a\nb"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.binary(max_size=12).map(lambda b: b.decode("latin-1")),
)
RESOURCES = load_resources(PACKAGE_DIR)
CELLS = st.tuples(
    st.sampled_from(sorted(RESOURCES)),
    st.integers(min_value=0, max_value=4),
    st.data(),
)


@pytest.mark.tools
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=CELLS, value=FIELD_VALUES)
def test_any_cell_value_ends_in_located_messages_or_a_pass(tmp_path_factory, cell, value):
    """Random text, bytes and numbers in any column of any table: validation never raises, and every problem it
    reports names a file (and a row and field where it has them)."""
    table, row, data = cell
    field = data.draw(st.sampled_from(RESOURCES[table].field_names))
    package = assemble(tmp_path_factory.mktemp("pkg") / "pkg")
    path = package / "data" / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row % len(frame), field] = value
    with path.open("w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
        frame.to_csv(handle, index=False, lineterminator="\n")
    problems, _ = validate_package(package)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file.startswith("data/") and problem.message
        assert problem.row >= 0


@pytest.mark.tools
@pytest.mark.parametrize("value", ["1e400", "inf", "NaN", "+1000000", "01000000"])
def test_numbers_are_read_by_value(tmp_path: Path, value: str):
    """Non-finite numbers are refused with their row; signed and zero-padded ones are the same number."""
    package = assemble(tmp_path / "pkg")
    path = package / "data" / "donations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    twin = frame.iloc[[1]].assign(donation_id="don-jpn-20210616-twin", doses=value, pledge_id="")
    pd.concat([frame, twin]).to_csv(path, index=False, lineterminator="\n")
    problems, _ = validate_package(package)
    rows = {(p.row, p.field) for p in problems}
    if value in ("+1000000", "01000000"):
        assert (len(frame) + 2, "donation_id") in rows  # the same shipment as row 3
    else:
        assert (len(frame) + 2, "doses") in rows
