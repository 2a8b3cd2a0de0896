"""The site's two languages: page file names, number and date formats, value labels and interface words.

English pages are `name.md` at the site root; their Vietnamese twins are `name.vi.md`, published under /vi/.
"""

from __future__ import annotations

import posixpath

import numpy as np
import pandas as pd

from vdp.package.resources import Resource
from vdp.site.strings import strings

LANGUAGES = ("en", "vi")
DEFAULT_LANGUAGE = LANGUAGES[0]  # its pages sit at the site root and its fields carry no suffix (title, title_vi)


def other_language(lang: str) -> str:
    """The site's other language (the one a page's language switch leads to)."""
    return next(other for other in LANGUAGES if other != lang)


def page_file(stem: str, lang: str, suffix: str = ".md") -> str:
    """File name of a page in a language, e.g. coverage.md / coverage.vi.md, donor-map.ipynb / donor-map.vi.ipynb."""
    return f"{stem}{suffix}" if lang == DEFAULT_LANGUAGE else f"{stem}.{lang}{suffix}"


def site_href(page: str, target: str, lang: str) -> str:
    """The address of a file at the site root (e.g. downloads/x.csv) relative to a page of the English tree
    (e.g. data/donations/), as the page's twin in lang is served (under /vi/ for Vietnamese).

    Files outside the pages (downloads, other languages) are linked this way in raw HTML, which neither MkDocs nor
    the language plugin rewrites.
    """
    return page_href(page if lang == DEFAULT_LANGUAGE else f"{lang}/{page}", target)


def page_href(here: str, target: str) -> str:
    """The address of a page from another page of the same language tree (both given from the language's root, e.g.
    data/sources/ and data/sources-2/), so a Vietnamese page links the Vietnamese twin of its target."""
    relative = posixpath.relpath(target.rstrip("/") or ".", here.rstrip("/") or ".")
    return relative + ("/" if target.endswith("/") else "")


def number(value: float | int | None, lang: str = "en") -> str:
    """A whole number with thousands separators (1,500,000 in English, 1.500.000 in Vietnamese); a dash when missing."""
    if value is None or pd.isna(value):
        return "—"
    return f"{value:,.0f}".replace(",", strings("formats", lang)["thousands"])


def decimal(value: float, lang: str = "en") -> str:
    """A number as the reader's language writes it, with up to three decimals (as JavaScript's toLocaleString):
    1,316,250 / 1.316.250; 8,797.5 / 8.797,5; below one, six significant digits (0.000043 / 0,000043)."""
    value += 0.0  # no "-0"
    if 0 < abs(value) < 1:  # a rate such as 0.000043: six significant digits, as maximumSignificantDigits: 6
        text = np.format_float_positional(value, precision=6, unique=True, fractional=False, trim="-")
    else:
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
    formats = strings("formats", lang)
    return text.translate(str.maketrans(",.", formats["thousands"] + formats["decimal"]))


def share(value: float) -> str:
    """A fraction as a whole percentage."""
    return "—" if pd.isna(value) else f"{round(value * 100) or 0}%"  # or 0: a tiny negative share is 0%, not -0%


def day(ts: pd.Timestamp, lang: str = "en", precision: str = "day") -> str:
    """A date as readers write it, to the precision the source gives (day, month or year): the language's pattern
    from the catalogue (section formats), e.g. 13 October 2021 / 13/10/2021, October 2021 / tháng 10/2021."""
    formats = strings("formats", lang)
    return formats[precision].format(d=ts.day, y=ts.year, month=formats["months"][ts.month - 1])


def name_field(lang: str) -> str:
    """Column of the actors and vaccines tables that holds names in a language."""
    return f"name_{lang}"


def title(descriptor: dict, lang: str) -> str:
    """A schema's or field's title in a language."""
    return descriptor["title" if lang == DEFAULT_LANGUAGE else f"title_{lang}"]


def description(descriptor: dict, lang: str) -> str:
    """A schema's or field's description in a language."""
    return descriptor["description" if lang == DEFAULT_LANGUAGE else f"description_{lang}"]


def field_labels(field: dict, lang: str) -> dict[str, str]:
    """Readable labels of a field's coded values (its enumLabels, or valueLabels for the usual values of an open
    field such as a unit), e.g. phone_call -> điện đàm, doses -> liều."""
    labels = field.get("enumLabels") or field.get("valueLabels") or {}
    return {value: names[lang] for value, names in labels.items()}


def value_labels(resource: Resource, field: str, lang: str) -> dict[str, str]:
    """Readable labels of a table's coded column (the schema's enumLabels)."""
    return field_labels(resource.fields[field], lang)


def official_figure(value: float, qualifier: str, unit: str, lang: str = "en", units: dict[str, str] | None = None) -> str:
    """An official figure as stated, e.g. "over 120,000,000 doses" / "hơn 120.000.000 liều" (units: the unit's labels
    in the language, from the schema's valueLabels)."""
    unit = (units or {}).get(unit, unit)
    said = strings("qualifiers", lang)[qualifier]
    return f"{said}{number(value, lang)} {unit}".rstrip()
