"""Render a table of the package as an HTML table with escaped text, row anchors and source links."""

from __future__ import annotations

import pandas as pd

from vdp.package.resources import Resource
from vdp.site.safe import attribute, inert
from vdp.site.strings import strings
from vdp.site.text import decimal, description, field_labels, title

LONG_TEXT = 500  # a text field this long (maxLength) wraps at a reading measure and comes last on the page
ROWS_PER_PAGE = 500  # rows a table page holds as HTML; the first page loads the rest from the JSON download on demand


def row_anchor(resource: Resource, row_id: str) -> str:
    """Stable HTML id of a row, e.g. donation-don-jpn-20210616 (Resource.anchor, then the row's id)."""
    return f"{resource.anchor}-{row_id}"


def table_page_url(table: str, page: int) -> str:
    """The URL (from the language's site root) of a table's page: data/NAME/ for the first, data/NAME-2/ and so on
    for the rows beyond ROWS_PER_PAGE, so every row's anchor is in some page's HTML without JavaScript."""
    return f"data/{table}/" if page == 1 else f"data/{table}-{page}/"


def page_count(rows: int) -> int:
    return max(1, -(-rows // ROWS_PER_PAGE))


def records(frame: pd.DataFrame) -> list[dict]:
    """The rows of a frame as plain dicts, column by column (pandas' to_dict and iterrows cost more than a small
    partner section's HTML)."""
    columns = [frame[name].tolist() for name in frame.columns]
    return [dict(zip(frame.columns, values, strict=True)) for values in zip(*columns, strict=True)]


def row_ids(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    """Each row's id: its primary key's values joined with "-" (as in its anchor)."""
    ids = frame[key[0]].astype(str)
    return ids.str.cat([frame[k].astype(str) for k in key[1:]], sep="-") if len(key) > 1 else ids


def row_pages(ids: pd.Series) -> dict[str, int]:
    """The page number (1, 2, ...) of each row of a table, by the row's id, in the table's order."""
    return {row_id: position // ROWS_PER_PAGE + 1 for position, row_id in enumerate(ids)}


def shown(field: dict, value: str, lang: str) -> str:
    """A cell as a reader of the page's language reads it: a coded value by its label, a number with the language's
    separators (unless the schema says groupDigits: false, as for years), a date in the language's order. The
    CSV value stays in the cell's data-v attribute, for filtering and sorting (assets/tables.js does the same)."""
    if not value:
        return value
    labels = field_labels(field, lang)
    if value in labels:
        return labels[value]
    if field["type"] in ("integer", "number") and field.get("groupDigits", True):
        try:
            return decimal(float(value), lang)
        except ValueError:
            return value
    if field["type"] == "date" and len(value) == 10:
        year, month, day = value.split("-")
        return strings("explorer", lang)["date"].format(y=year, m=month, d=day)  # assets/tables.js reads the same
    return value


def _cell(field: str, value: str, source_urls: dict[str, str]) -> str:
    text = inert(value)
    if field == "url" and value:
        return f'<a href="{attribute(value)}" rel="nofollow noopener">{text}</a>'
    if field == "source_id" and value in source_urls:
        return f'<a href="{attribute(source_urls[value])}" rel="nofollow noopener">{text}</a>'
    return text


ENGLISH_TEXT = {"notes", "derivation"}  # free text the data keep in English
DESCRIBED = "(description) "  # a source title the project wrote (in English) because the page's own was not seen


def _text_language(field: dict, names: set[str], quoted: str, title_language: str) -> str:
    """The language a text cell is written in, where it is not the reader's by design: a quote's is its source's
    (quoted), a page title's its page's (title_language), a _vi twin's Vietnamese; notes, derivations and every field
    with a _vi twin are English."""
    name = field["name"]
    if name == "evidence":
        return quoted
    if name == "title" and title_language:
        return title_language
    if name.endswith("_vi"):
        return "vi"
    return "en" if name in ENGLISH_TEXT or f"{name}_vi" in names else ""


def _td(field: dict, value: str, source_urls: dict[str, str], lang: str, long: bool, text_lang: str = "") -> str:
    """One cell: its text in the page language, the CSV value in data-v when the two differ; text_lang marks free
    text written in another language than the page's."""
    text = shown(field, value, lang)
    attrs = ' class="long"' if long else ""
    if text_lang and text_lang != lang and value:
        attrs += f' lang="{inert(text_lang)}"'
    if text != value:
        attrs += f' data-v="{inert(value)}"'
        return f"<td{attrs}>{inert(text)}</td>"
    return f"<td{attrs}>{_cell(field['name'], value, source_urls)}</td>"


def render(
    resource: Resource,
    frame: pd.DataFrame,
    fields: list[dict],
    source_urls: dict[str, str],
    lang: str = "en",
    cited_by: tuple[str, dict[str, str]] | None = None,
    source_languages: dict[str, str] | None = None,
) -> str:
    """HTML for every row of a string table; the first cell of each row carries the row's anchor.

    Headers show the columns' titles in the page language, with the CSV column name and its meaning as a tooltip.
    cited_by (a heading, and HTML links by row id) adds a last column listing the rows that cite each row.
    Text written in a language other than the page's is marked with it (see _text_language; source_languages gives
    each source's language, by source id).
    """
    head = "".join(
        f'<th scope="col" title="{inert(f["name"])}: {inert(description(f, lang))}">{inert(title(f, lang))}</th>' for f in fields
    )
    if cited_by:
        head += f'<th scope="col">{inert(cited_by[0])}</th>'
    lines = [f'<table class="data-table" data-table="{resource.name}">', f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    long = [f.get("constraints", {}).get("maxLength", 0) >= LONG_TEXT for f in fields]
    names = {f["name"] for f in fields}
    for row in records(frame):
        row_id = "-".join(row[k] for k in resource.primary_key)
        anchor = row_anchor(resource, row_id)
        quoted = (source_languages or {}).get(row.get("source_id", ""), "")
        title_language = "en" if row.get("title", "").startswith(DESCRIBED) else row.get("language", "")
        cells = "".join(
            _td(f, row[f["name"]], source_urls, lang, is_long, _text_language(f, names, quoted, title_language))
            for f, is_long in zip(fields, long, strict=True)
        )
        if cited_by:
            cells += f'<td class="cited-by">{cited_by[1].get(row_id, "")}</td>'
        lines.append(f'<tr id="{inert(anchor)}">{cells}</tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)
