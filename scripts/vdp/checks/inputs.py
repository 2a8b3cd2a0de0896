"""Rules that hold whatever the schemas say: a pull request may loosen a schema, never these.

Invisible and control characters, cell size, markup in names, the form of ids, look-alike partners, country codes,
source addresses, plausible figures and dates, and pledges kept consistent with their deliveries. The bounds live
here, in code, because a schema is as easy to edit in a pull request as a cell; the methodology explains each.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

import pandas as pd

from vdp.checks import domains
from vdp.package.contract import CODES, NAME_FIELDS, PRIMARY_KEYS, REFERENCES
from vdp.package.problems import Problem, row_number
from vdp.package.resources import Resource

Tables = dict[str, pd.DataFrame]
Resources = dict[str, Resource]

MAX_CELL = 20_000  # characters in one cell; the longest real cell (a summary) is under 2,000
FIRST_DAY = date(2019, 1, 1)  # the first COVID-19 cases were reported at the end of 2019


def _invisible_class() -> str:
    """A regex class (for Python's re and Arrow's RE2 alike) of every control, format (bidi, zero-width…),
    private-use and separator character but the newline."""
    codes = [
        c
        for c in range(sys.maxunicode + 1)
        if (unicodedata.category(chr(c)) in {"Cc", "Cf", "Co", "Zl", "Zp"} and c != 0x0A)
        or chr(c) in "\u115f\u1160\u3164\uffa0\u2800\ufffc"  # fillers and blanks that render as nothing
    ]

    def char(c: int) -> str:
        return f"\\x{c:02x}" if c < 0x80 else chr(c)

    ranges, start = [], None
    for i, c in enumerate(codes):
        start = c if start is None else start
        if i + 1 == len(codes) or codes[i + 1] != c + 1:
            ranges.append(char(start) + ("" if start == c else "-" + char(c)))
            start = None
    return "[" + "".join(ranges) + "]"


INVISIBLE = re.compile(_invisible_class())
MARKUP_IN_NAMES = re.compile(r"[\[\]{}<>`*|#\\_~\n]")
ID_FORM = re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*")
MAX_ID = 120
CONFUSABLE_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK"}
NON_LATIN_LOOKALIKE = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")
# Cyrillic and Greek letters that look like Latin ones, for comparing partner names.
LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁԛԝһѵАВЕКМНОРСТХІЈЅУΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοικνρτυχ",
    "aeopcyxijsdqwhvABEKMHOPCTXIJSYABEZHIKMNOPTYXaoikvptux",
)
# Largest figure one row may state, by table and field (see the methodology's "Plausibility bounds").
BOUNDS = {
    ("donations", "doses"): 50_000_000,
    ("purchases", "doses"): 100_000_000,
    ("equipment_aid", "quantity"): 500_000_000,
    ("equipment_aid", "value_usd"): 100_000_000,
}
TOTAL_BOUNDS = {"doses": 1_000_000_000, "USD": 10_000_000_000, "VND": 1e15}


def _problems(frame: pd.DataFrame, mask: pd.Series, label: str, field: str, message) -> Iterator[Problem]:
    for index in frame.index[mask.to_numpy()]:
        yield Problem(label, row_number(index), field, message(frame.at[index, field]) if callable(message) else message)


def invisible_characters(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """No cell holds a control, bidirectional, zero-width or other invisible character (a newline only in free text)."""
    for name, frame in tables.items():
        for field in frame.columns:
            column = frame[field]
            found = column.str.contains(INVISIBLE)
            if not found.any():
                continue

            def message(cell: str) -> str:
                char = INVISIBLE.search(cell).group()
                what = unicodedata.name(char, "a control character")
                return f"contains the invisible character U+{ord(char):04X} ({what}): remove it"

            yield from _problems(frame, found, resources[name].file_label, field, message)


def cell_size(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """No cell is longer than MAX_CELL characters, whatever a schema's maxLength says."""
    for name, frame in tables.items():
        for field in frame.columns:
            long = frame[field].str.len() > MAX_CELL
            yield from _problems(
                frame,
                long,
                resources[name].file_label,
                field,
                lambda v: (
                    f"cell is {len(v)} characters long; no cell may be longer than {MAX_CELL:,} (a limit no schema can raise)"
                ),
            )


def plain_names(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Names, people, roles, titles and units are plain words: no markup, template syntax or line breaks."""
    for name, fields in NAME_FIELDS.items():
        frame = tables.get(name)
        for field in fields:
            if frame is None or field not in frame:
                continue

            def message(cell: str) -> str:
                char = MARKUP_IN_NAMES.search(cell).group()
                shown = "a line break" if char == "\n" else f'"{char}"'
                return f"contains {shown}, which a page could read as markup or a template: names and titles are plain words"

            yield from _problems(frame, frame[field].str.contains(MARKUP_IN_NAMES), resources[name].file_label, field, message)


def _id_fields(name: str) -> list[str]:
    key = PRIMARY_KEYS.get(name, [])
    return (key if len(key) == 1 else []) + [field for (table, field) in REFERENCES if table == name]


def id_form(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Ids are ASCII letters and digits joined by - _ or . (they become file names, anchors and links)."""
    for name, frame in tables.items():
        for field in _id_fields(name):
            if field not in frame:
                continue
            column = frame[field]
            bad = (column != "") & (~column.str.fullmatch(ID_FORM) | (column.str.len() > MAX_ID))
            yield from _problems(
                frame,
                bad,
                resources[name].file_label,
                field,
                lambda v: f'"{v[:60]}" is not an id: use ASCII letters and digits joined by "-", at most {MAX_ID} characters',
            )


def _scripts(word: str) -> set[str]:
    return {unicodedata.name(c, "?").split()[0] for c in word if c.isalpha()} & CONFUSABLE_SCRIPTS


def mixed_scripts(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """No word of a name mixes Latin letters with Cyrillic or Greek ones (a Cyrillic "а" in "Japan")."""
    for name, fields in NAME_FIELDS.items():
        frame = tables.get(name)
        for field in fields:
            if frame is None or field not in frame:
                continue
            suspect = frame[field].str.contains(NON_LATIN_LOOKALIKE)
            mixed = pd.Series(False, index=frame.index)  # only the cells holding a look-alike letter are read word by word
            mixed[suspect] = frame.loc[suspect, field].map(lambda v: any(len(_scripts(w)) > 1 for w in re.split(r"\W+", v)))
            yield from _problems(
                frame,
                mixed,
                resources[name].file_label,
                field,
                "mixes Latin letters with look-alike Cyrillic or Greek ones in one word: retype it in one script",
            )


def skeleton(text: str) -> str:
    """What a name looks like: accents, case, spacing, punctuation and Cyrillic or Greek look-alikes set aside."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", plain.translate(LOOKALIKES).casefold().replace("đ", "d"))


def lookalike_actors(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """No partner's id or name looks like another partner's (a second "Japan")."""
    actors, label = tables["actors"], resources["actors"].file_label
    for field in ("actor_id", "name_en", "name_vi"):
        skeletons = actors[field].map(skeleton)
        first = {}
        for index, shape in skeletons.items():
            if shape and shape in first:
                other = first[shape]
                yield Problem(
                    label,
                    row_number(index),
                    field,
                    f'"{actors.at[index, field]}" looks the same as "{actors.at[other, field]}" in row {row_number(other)}: use that partner',
                )
            first.setdefault(shape, index)


def country_codes(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """A country's iso3, where given, is its id, so it names one country only; Vietnam (VNM) is a country."""
    actors, label = tables["actors"], resources["actors"].file_label
    countries = actors[(actors["kind"] == "country") & (actors["iso3"] != "")]
    wrong = countries[countries["iso3"] != countries["actor_id"]]
    for index in wrong.index:
        yield Problem(
            label, row_number(index), "iso3", f'a country\'s iso3 must equal its actor_id ("{actors.at[index, "actor_id"]}")'
        )
    vietnam = actors[actors["actor_id"] == "VNM"]
    for index in vietnam.index[vietnam["kind"] != "country"]:
        yield Problem(label, row_number(index), "kind", 'VNM is Vietnam: its kind is "country"')


def safe_urls(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """A source address is a plain http(s) URL with a host and no user name or password before it."""
    sources, label = tables["sources"], resources["sources"].file_label

    def problem(url: str) -> str:
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:
            return "is not a well-formed address"
        if parts.scheme not in ("http", "https"):
            return "must start with http:// or https://"
        if "@" in parts.netloc or not host:
            return "must name a host and nothing before it (no user name or password, no @)"
        if not re.fullmatch(r"[a-z0-9.-]+", host) or not re.search(r"[a-z]", host.rsplit(".", 1)[-1]):
            return "must name the host by its domain name in ASCII (no raw IP address or look-alike letters)"
        return ""

    for field in ("url", "original_url"):
        if field not in sources:
            continue
        careful = (sources[field] != "") & ~sources[field].str.match(domains.PLAIN_URL)  # plain ones pass as they are
        verdicts = pd.Series("", index=sources.index)
        verdicts[careful] = sources.loc[careful, field].map(problem)
        for index in sources.index[(verdicts != "").to_numpy()]:
            yield Problem(label, row_number(index), field, f'"{sources.at[index, field][:80]}" {verdicts.at[index]}')


def trusted_sites(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """No source on a denied site (betting, lottery, streaming, content farms); a page on a known copy site is
    marked a copy; only a copy names an original."""
    sources, label = tables["sources"], resources["sources"].file_label
    sites = domains.sites_of(sources["url"])
    verdicts = {site: (domains.denial(site), domains.is_copy_site(site)) for site in set(sites)}  # each site once
    for index, site in sites.items():
        reason = verdicts[site][0]
        if reason:
            yield Problem(
                label,
                row_number(index),
                "url",
                f"is on {site}, {reason}: never a source (CONTRIBUTING says why); cite the publisher's page",
            )
    if "page_kind" not in sources:
        return
    copies = sites.map(lambda site: verdicts[site][1])
    for index in sources.index[(copies & (sources["page_kind"] != "copy")).to_numpy()]:
        yield Problem(
            label,
            row_number(index),
            "page_kind",
            f"{sites.at[index]} republishes other publishers' articles: mark it copy, or cite the original",
        )
    if "original_url" in sources:
        stray = (sources["original_url"] != "") & (sources["page_kind"] != "copy")
        for index in sources.index[stray.to_numpy()]:
            yield Problem(
                label, row_number(index), "original_url", "only a copy names an original: leave it empty, or mark the page copy"
            )


def plausible_figures(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """No row states more than BOUNDS allows; official totals have bounds by unit."""
    for (name, field), bound in BOUNDS.items():
        frame = tables[name]
        values = pd.to_numeric(frame[field], errors="coerce")
        values = values.where(values.abs() < float("inf"))  # a non-finite number is refused by the type check
        yield from _problems(
            frame,
            values > bound,
            resources[name].file_label,
            field,
            lambda v, bound=bound: (
                f"{v} is more than one row can hold (at most {bound:,}): check the figure, or split it by shipment"
            ),
        )
    totals = tables["official_totals"]
    limits = totals["unit"].map(TOTAL_BOUNDS)
    values = pd.to_numeric(totals["value"], errors="coerce")
    over = values.where(values.abs() < float("inf")) > limits
    yield from _problems(
        totals,
        over.fillna(False),
        resources["official_totals"].file_label,
        "value",
        lambda v: f"{v} is beyond any official total of its unit: check the figure",
    )


def plausible_dates(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Every date lies between 2019 and today, and a source is not published after it was accessed."""
    today = pd.Timestamp(date.today())
    for name, frame in tables.items():
        for field, spec in resources[name].fields.items():
            if spec.get("type") != "date" or field not in frame:
                continue
            values = pd.to_datetime(
                frame[field].where(frame[field].str.fullmatch(r"\d{4}-\d{2}-\d{2}")), format="%Y-%m-%d", errors="coerce"
            )
            outside = (values < pd.Timestamp(FIRST_DAY)) | (values > today)
            yield from _problems(
                frame,
                outside,
                resources[name].file_label,
                field,
                lambda v: f"{v} is outside {FIRST_DAY.isoformat()} to today: check the year",
            )
    sources = tables["sources"]
    published, accessed = (pd.to_datetime(sources[f], errors="coerce", format="%Y-%m-%d") for f in ("published", "accessed"))
    yield from _problems(
        sources,
        published > accessed,
        resources["sources"].file_label,
        "published",
        lambda v: f"{v} is after the date the page was accessed: check both dates",
    )


def known_codes(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Coded values the code branches on stay within the values it knows, whatever a schema's enum allows."""
    for (name, field), allowed in CODES.items():
        frame = tables[name]
        unknown = (frame[field] != "") & ~frame[field].isin(allowed)
        yield from _problems(
            frame,
            unknown,
            resources[name].file_label,
            field,
            lambda v, allowed=allowed: f'"{v}" is not a value the site can show; use one of: {", ".join(sorted(allowed))}',
        )


def pledge_links(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """A delivery fulfils a pledge of the same donor to the same recipient, made on or before the delivery."""
    frame, label = tables["donations"], resources["donations"].file_label
    pledges = frame[frame["status"] == "pledged"].drop_duplicates("donation_id").set_index("donation_id")
    known = frame["donor_id"].isin(tables["actors"]["actor_id"])  # an unknown donor is reported by its foreign key
    dated = frame["date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}")  # a malformed date is reported by its type
    linked = frame[(frame["status"] == "delivered") & frame["pledge_id"].isin(pledges.index) & known & dated]
    pledge = pledges.reindex(linked["pledge_id"]).set_index(linked.index)  # beside each delivery, its pledge
    elsewhere = (linked["donor_id"] != pledge["donor_id"]) | (linked["recipient_id"] != pledge["recipient_id"])
    for index in linked.index[elsewhere.to_numpy()]:
        yield Problem(
            label,
            row_number(index),
            "pledge_id",
            f'"{linked.at[index, "pledge_id"]}" is a pledge by {pledge.at[index, "donor_id"]} to {pledge.at[index, "recipient_id"]}, '
            f"not by {linked.at[index, 'donor_id']} to {linked.at[index, 'recipient_id']}",
        )
    for index in linked.index[(~elsewhere & (linked["date"] < pledge["date"])).to_numpy()]:
        yield Problem(
            label,
            row_number(index),
            "date",
            f"{linked.at[index, 'date']} is before the pledge it fulfils ({pledge.at[index, 'date']}): check both dates",
        )
