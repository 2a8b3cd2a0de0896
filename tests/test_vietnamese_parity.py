"""Vietnamese pages speak Vietnamese: no schema field name, English month, English unit word or English-style number
in what a reader of a /vi/ page reads, outside text marked as another language (quotes of English sources, English
free text marked lang="en"), code, and the data changelog (kept in English, as the page says)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from vdp.package.resources import PACKAGE_DIR, load_resources
from vdp.site.strings import catalogue

FIELD_NAMES = {f["name"] for r in load_resources(PACKAGE_DIR).values() for f in r.schema["fields"] if "_" in f["name"]}
ENGLISH = {
    "month": re.compile(r"\b(January|February|March|April|June|July|August|September|October|November|December)\b"),
    # 1,316,250 (a single group such as 106,775 or 2,558 triệu is a Vietnamese decimal comma)
    "number": re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d,])"),
    # a word, not part of an id such as src-danviet-20211110-australia-27m-doses
    "unit": re.compile(r"(?<![-\w])(doses|ventilators|tonnes|shipments|handovers|donors|letters)(?![-\w])"),
}
SKIPPED_TAGS = {"script", "style", "code", "pre", "svg", "kbd"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "param", "track"}
PAGES_IN_ENGLISH = {"changelog"}  # the data changelog says at its top that its entries are kept in English


class ReaderText(HTMLParser):
    """The text of a page a Vietnamese reader reads as Vietnamese (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        values = dict(attrs)
        other_language = values.get("lang") not in (None, "vi")
        search_ui = "md-search" in (values.get("class") or "")
        self.open.append((tag, tag in SKIPPED_TAGS or other_language or search_ui))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not any(skipped for _, skipped in self.open):
            self.text.append(data)


def english_on(page: Path) -> list[str]:
    """What reads as English on a Vietnamese page, as 'kind: text'."""
    parser = ReaderText()
    parser.feed(page.read_text(encoding="utf-8"))
    text = " ".join(parser.text)
    found = [f"{kind}: {match}" for kind, pattern in ENGLISH.items() for match in pattern.findall(text)]
    found += [f"field: {word}" for word in sorted(set(re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", text)) & FIELD_NAMES)]
    return found


def test_vietnamese_pages_hold_no_english_labels_numbers_or_months(site: Path):
    pages = [p for p in sorted((site / "vi").rglob("index.html")) if p.parent.name not in PAGES_IN_ENGLISH]
    assert len(pages) > 100
    problems = {str(p.relative_to(site)): found[:5] for p in pages if (found := english_on(p))}
    assert problems == {}


def test_the_parity_check_sees_english_left_on_a_page(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text(
        '<html lang="vi"><body><p>Tổng cộng 1,316,250 doses từ tháng July; cột donation_id</p>'
        '<blockquote lang="en">1,316,250 doses in July</blockquote><code>donation_id</code></body></html>',
        encoding="utf-8",
    )
    assert english_on(page) == ["month: July", "number: 1,316,250", "unit: doses", "field: donation_id"]


def test_a_vietnamese_decimal_comma_is_not_an_english_number(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text('<p lang="vi">Tỷ giá 106,775 yên; 2,558 triệu liều; 1.316.250 liều</p>', encoding="utf-8")
    assert english_on(page) == []


def _shape(value: object, path: str = "") -> dict[str, set[str]]:
    """Every string of a catalogue by its key path, with the {placeholders} it takes."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _shape(item, f"{path}.{key}").items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _shape(item, f"{path}[{i}]").items()}
    return {path: set(re.findall(r"\{(\w*)\}", value)) if isinstance(value, str) else set()}


def test_the_two_string_catalogues_have_the_same_keys_and_placeholders():
    """Every interface string exists in both languages and takes the same {placeholders}: a key or placeholder added
    to one catalogue only would show English, or fail, on the other language's pages."""
    english, vietnamese = (_shape(catalogue(lang)) for lang in ("en", "vi"))
    assert set(english) == set(vietnamese), set(english) ^ set(vietnamese)
    assert {k: v for k, v in english.items() if vietnamese[k] != v} == {}


class PageLinks(HTMLParser):
    """The href of every link of a page that does not name its target's language (hreflang)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") and "hreflang" not in values:
            self.hrefs.append(values["href"])


def english_pages_linked(site: Path, page: Path) -> list[str]:
    """Links of a Vietnamese page that lead to a page of the English tree without saying so (hreflang)."""
    parser = PageLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    found = []
    for href in parser.hrefs:
        path = urlsplit(href).path
        if urlsplit(href).scheme or urlsplit(href).netloc or not path:
            continue
        target = (page.parent / path).resolve().relative_to(site.resolve()).as_posix()
        first = target.split("/")[0]
        if first not in ("vi", "downloads", "assets") and not Path(target).suffix:
            found.append(href)
    return found


def test_vietnamese_pages_link_vietnamese_pages(site: Path):
    """A link on a /vi/ page leads to a Vietnamese page (or a download), unless it says it leads to English."""
    pages = sorted((site / "vi").rglob("index.html"))
    problems = {str(p.relative_to(site)): found[:3] for p in pages if (found := english_pages_linked(site, p))}
    assert problems == {}
