"""Render a table of the package as an HTML table with escaped text, row anchors and source links."""

from __future__ import annotations

import pandas as pd

from safe_text import attribute, inert
from site_text import description

ANCHOR_PREFIX = {
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


def row_anchor(table: str, row_id: str) -> str:
    """Stable HTML id of a row, e.g. donation-don-jpn-20210616."""
    return f"{ANCHOR_PREFIX[table]}-{row_id}"


def _cell(field: str, value: str, source_urls: dict[str, str]) -> str:
    text = inert(value)
    if field == "url" and value:
        return f'<a href="{attribute(value)}" rel="nofollow noopener">{text}</a>'
    if field == "source_id" and value in source_urls:
        return f'<a href="{attribute(source_urls[value])}" rel="nofollow noopener">{text}</a>'
    return text


def render(
    table: str, frame: pd.DataFrame, fields: list[dict], key: list[str], source_urls: dict[str, str], lang: str = "en"
) -> str:
    """HTML for every row of a string table; the first cell of each row carries the row's anchor.

    Headers show the column names of the CSV files, with the column's meaning in the page language as a tooltip.
    """
    head = "".join(f'<th scope="col" title="{inert(description(f, lang))}">{inert(f["name"])}</th>' for f in fields)
    lines = [f'<table class="data-table" data-table="{table}">', f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    names = [f["name"] for f in fields]
    opening = ['<td class="long">' if f.get("constraints", {}).get("maxLength", 0) >= 500 else "<td>" for f in fields]
    for _, row in frame.iterrows():
        anchor = row_anchor(table, "-".join(row[k] for k in key))
        cells = "".join(f"{td}{_cell(n, row[n], source_urls)}</td>" for td, n in zip(opening, names, strict=True))
        lines.append(f'<tr id="{inert(anchor)}">{cells}</tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)
