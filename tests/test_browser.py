"""The built site in a real browser: Debian's Chromium, driven by Playwright, against pages served on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import read_csv
from vdp.measures.figures import headline
from vdp.package.resources import PACKAGE_DIR, load_resources, load_typed
from vdp.site.text import number
from vdp.tools.serve import server as gzip_server

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESOURCES = load_resources(PACKAGE_DIR)
PAGES = ["", "coverage/", "data/donations/", "data/sources/", "charts/donated-doses/", "downloads/", "dictionary/"]
PAGES += ["vi/", "vi/data/donations/", "vi/charts/donor-map/", "partners/JPN/", "vi/partners/USA/", "timeline/", "vi/story/"]


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    server = gzip_server(site)  # as `make serve` serves it
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: tab.console_errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_request_leaves_127_0_0_1_and_no_console_error(page: Page, base_url: str, path: str):
    hosts = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).hostname))
    page.goto(base_url + path, wait_until="networkidle")
    assert hosts and set(hosts) == {"127.0.0.1"}
    assert page.console_errors == []


def test_home_page_shows_the_headline_figures(page: Page, base_url: str):
    figures = headline(load_typed(PACKAGE_DIR))
    page.goto(base_url)
    text = page.inner_text("article")
    for key in ("doses_delivered", "vaccine_donors", "contacts", "aid_donors", "sources"):
        assert number(figures[key]) in text, key


def test_every_chart_renders(page: Page, base_url: str, site: Path):
    charts = sorted(p.parent.relative_to(site).as_posix() for p in (site / "charts").rglob("index.html"))
    assert charts
    for chart in charts:
        page.goto(f"{base_url}{chart}/", wait_until="networkidle")
        svgs = page.locator("article svg")
        assert svgs.count() >= 1, chart
        box = svgs.first.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, chart
        assert page.console_errors == [], chart


def test_table_search_narrows_the_rows_in_both_languages(page: Page, base_url: str):
    page.goto(base_url + "data/donations/")
    status = page.locator(".table-status")
    total = int(page.locator(".explorable").get_attribute("data-total"))
    assert status.inner_text().endswith(f"of {total:,}")
    search = page.locator(".table-controls input[type=search]")
    rows = page.locator("table.data-table tbody tr")
    search.fill("Nhật Bản")
    vietnamese = rows.count()
    search.fill("nhat ban")  # typed without diacritics
    folded = rows.count()
    for row in rows.all():
        assert "JPN" in row.inner_text() or "Nhật" in row.inner_text()
    search.fill("Japan")
    english = rows.count()
    assert 0 < vietnamese == folded <= english < total


def _column(page: Page, name: str) -> int:
    """The 1-based position of a table column by its CSV name (each header's tooltip starts with it)."""
    titles = page.locator("table.data-table thead th").evaluate_all("ths => ths.map(th => th.title)")
    return next(i for i, title in enumerate(titles, 1) if title.startswith(name + ":"))


def test_table_filters_and_sorting(page: Page, base_url: str):
    page.goto(base_url + "data/donations/")
    status, doses = _column(page, "status"), _column(page, "doses")
    page.select_option("select[data-field=status]", "pledged")
    statuses = page.locator(f"table.data-table tbody tr td:nth-child({status})").all_inner_texts()
    assert statuses and set(statuses) == {"pledged"}
    page.select_option("select[data-field=status]", "")
    page.click(f"th:nth-child({doses}) button")  # ascending
    page.click(f"th:nth-child({doses}) button")  # descending
    values = [
        int(d.replace(",", "")) for d in page.locator(f"table.data-table tbody tr td:nth-child({doses})").all_inner_texts() if d
    ]
    assert values == sorted(values, reverse=True)


def test_vietnamese_table_shows_vietnamese_values_and_filters_on_codes(page: Page, base_url: str):
    page.goto(base_url + "vi/data/donations/")
    status, doses, date = _column(page, "status"), _column(page, "doses"), _column(page, "date")
    page.select_option("select[data-field=status]", "delivered")
    cells = page.locator("table.data-table tbody tr")
    assert set(cells.locator(f"td:nth-child({status})").all_inner_texts()) == {"đã giao"}
    amounts = [d for d in cells.locator(f"td:nth-child({doses})").all_inner_texts() if d]
    assert amounts and all("," not in d for d in amounts) and any("." in d for d in amounts)
    assert all(len(d.split("/")) == 3 for d in cells.locator(f"td:nth-child({date})").all_inner_texts())


@pytest.mark.parametrize("which", ["last embedded row", "last row of the table"])
def test_a_row_anchor_beyond_the_first_page_is_shown(page: Page, base_url: str, site: Path, which: str):
    html = (site / "data" / "sources" / "index.html").read_text(encoding="utf-8")
    last = html.rsplit('<tr id="', 1)[1].split('"', 1)[0]
    if which == "last row of the table":
        last = "source-" + read_csv(PACKAGE_DIR / "data" / "sources.csv")["source_id"].iloc[-1]
    page.goto(f"{base_url}data/sources/#{last}")
    row = page.locator(f"tr[id='{last}']")
    row.wait_for()
    assert row.is_visible()


@pytest.mark.parametrize("path", ["", "story/", "data/donations/", "charts/donor-map/", "partners/JPN/", "timeline/"])
def test_language_switch_lands_on_the_twin_page(page: Page, base_url: str, path: str):
    page.goto(base_url + path)
    assert page.locator("html").get_attribute("lang") == "en"
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang=vi]")
    page.wait_for_url(base_url + "vi/" + path)
    assert page.locator("html").get_attribute("lang") == "vi"
    page.hover(".md-header__option .md-select")
    page.click(".md-select__link[hreflang=en]")
    page.wait_for_url(base_url + path)
    assert page.locator("html").get_attribute("lang") == "en"


def _search(page: Page, query: str) -> list[str]:
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.match(/\\d/)")
    return page.locator(".md-search-result__item").all_inner_texts()


def test_site_search_finds_vietnamese_typed_without_diacritics(page: Page, base_url: str):
    page.goto(base_url + "vi/")
    with_marks = _search(page, "Nhật Bản")
    page.goto(base_url + "vi/")
    without_marks = _search(page, "nhat ban")
    assert with_marks and without_marks
    assert any("Nhật Bản" in item for item in without_marks)
    page.goto(base_url)
    assert any("Japan" in item for item in _search(page, "Japan"))


def test_the_search_index_is_fetched_only_when_the_reader_opens_the_search(page: Page, base_url: str):
    """A page loads without the search index (the heaviest file a page would fetch); opening the search fetches it
    once, and the search then works."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if "search_index" in request.url else None)
    page.goto(base_url + "vi/")
    page.wait_for_load_state("networkidle")
    assert fetched == []
    assert any("Nhật Bản" in item for item in _search(page, "Nhật Bản"))
    assert [url.removeprefix(base_url) for url in fetched] == ["vi/search/search_index.json"]


def test_timeline_filters_by_partner(page: Page, base_url: str):
    tables = load_typed(PACKAGE_DIR)
    donations, contacts = tables["donations"], tables["contacts"]
    expected = int((donations["donor_id"] == "JPN").sum() + (contacts["counterpart_id"] == "JPN").sum())
    page.goto(base_url + "timeline/")
    total = page.locator("li.event:visible").count()
    page.select_option(".timeline-controls select[name=partner]", "JPN")
    shown = page.locator("li.event:visible")
    assert shown.count() == expected < total
    assert {e.get_attribute("data-partner") for e in shown.all()} == {"JPN"}
    page.uncheck(".timeline-controls input[value=contact]")
    assert page.locator("li.event:visible").count() == int((donations["donor_id"] == "JPN").sum())


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


CHART_TEXT = """() => {
  const sizes = [];
  for (const svg of document.querySelectorAll(".chart-svg svg")) {
    if (!svg.getClientRects().length) continue;  // the drawing for the other screen width
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll("text")) sizes.push(parseFloat(text.getAttribute("font-size")) * scale);
  }
  return sizes;
}"""


@pytest.mark.parametrize("path", ["charts/donated-doses/", "vi/charts/donor-map/", "vi/charts/contacts-and-aid/"])
def test_chart_text_is_readable_on_a_phone(phone: Page, base_url: str, path: str):
    phone.goto(base_url + path)
    sizes = phone.evaluate(CHART_TEXT)
    assert sizes and min(sizes) >= 10, min(sizes or [0])
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("path", ["", "vi/", "vi/data/equipment_aid/", "partners/USA/", "vi/timeline/", "vi/coverage/"])
def test_pages_do_not_scroll_sideways_on_a_phone(phone: Page, base_url: str, path: str):
    phone.goto(base_url + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_without_javascript_rows_beyond_the_first_page_and_the_timeline_still_work(browser: Browser, base_url: str, site: Path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    last = "source-" + read_csv(PACKAGE_DIR / "data" / "sources.csv")["source_id"].iloc[-1]
    page.goto(base_url + "partners/AUS/")
    href = (
        page.locator(f"a[href$='#{last}']").first.get_attribute("href") if page.locator(f"a[href$='#{last}']").count() else None
    )
    page.goto(f"{base_url}data/sources-2/#{last}" if href is None else base_url + "partners/AUS/" + href)
    assert page.locator(f"tr[id='{last}']").is_visible()
    page.goto(base_url + "timeline/")
    assert not page.locator(".timeline-controls").is_visible()
    assert page.locator("li.event").first.is_visible()
    context.close()


def _count(page: Page, query: str) -> int:
    """How many sections the site search finds for a query (the number its result header states, once it states one
    or says that nothing matched)."""
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "")
    meta = "document.querySelector('.md-search-result__meta').textContent"
    page.wait_for_function(f"() => /Nhập để|Type to start/.test({meta})")  # the index is loaded and idle
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # the theme searches on key events, which fill() does not send
    page.wait_for_function(f"() => /^\\d|Không tìm thấy|No matching/.test({meta})")
    text = page.locator(".md-search-result__meta").inner_text()
    return int(text.split()[0].replace(".", "").replace(",", "")) if text[0].isdigit() else 0


def test_site_search_matches_words_typed_with_diacritics_together_and_finds_products(page: Page, base_url: str):
    """'khẩu trang' (face mask) finds only sections holding both syllables, far fewer than 'trang' (page, also in
    'trang thiết bị', equipment) alone; products listed on partner pages are found in both languages; a reader of
    English pages gets English pages."""
    page.goto(base_url + "vi/")
    masks, page_word = _count(page, "khẩu trang"), _count(page, "trang")
    assert 0 < masks < page_word
    assert _count(page, "máy thở") > 0
    page.goto(base_url)
    assert _count(page, "oxygen") > 0
    assert _count(page, "Nhật Bản") > 0  # English pages name Japan in Vietnamese too, and only they come back
    links = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert links and not any("/vi/" in link for link in links)


KEY_COLUMNS_SHOWN = """() => {
  const table = document.querySelector("table.data-table");
  const box = table.closest(".table-scroll").getBoundingClientRect();
  return [...table.querySelectorAll("thead th")].map(th => {
    const edge = th.getBoundingClientRect();
    return [th.title.split(":")[0], edge.left >= box.left - 1 && edge.right <= box.right + 1];
  });
}"""


def key_columns(name: str) -> set[str]:
    """What identifies and states a row (id, dates, parties, figures, source), from the schema: what a reader must see
    without scrolling sideways."""
    resource = RESOURCES[name]
    fields = resource.schema["fields"]
    links = [fk for fk in resource.schema.get("foreignKeys", []) if fk["reference"]["resource"] == "actors"]
    parties = {field for fk in links for field in ([fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"])}
    return {
        f["name"]
        for f in fields
        if f["name"] in resource.primary_key or f["name"] in parties | {"source_id"} or f["type"] in ("date", "integer", "number")
    }


def test_every_table_shows_its_key_columns_without_scrolling_sideways(page: Page, base_url: str):
    """On a desktop (1280 px), each table page in each language shows its id, dates, partners, figures and source in
    the column; the other columns may follow off-screen."""
    for name in RESOURCES:
        for lang in ("", "vi/"):
            page.goto(f"{base_url}{lang}data/{name}/")
            page.wait_for_selector(".table-controls")  # the explorer has laid the table out
            shown = dict(page.evaluate(KEY_COLUMNS_SHOWN))
            hidden = sorted(column for column in key_columns(name) if not shown[column])
            assert hidden == [], f"{lang}data/{name}/: {hidden} off-screen"
