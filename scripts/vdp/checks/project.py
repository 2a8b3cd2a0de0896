"""The project's own rules, beyond what a Table Schema can say."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa

from vdp.checks import events, evidence, inputs
from vdp.checks.schema import TYPE_FORMS, repeats
from vdp.measures.usd import expected_value_usd
from vdp.package.problems import Problem, row_number
from vdp.package.resources import Resource

Tables = dict[str, pd.DataFrame]
Resources = dict[str, Resource]

FORMULA_START = ("=", "+", "-", "@")
HTML_TAG = r"<\s*/?\s*[a-zA-Z][^>]*>"
DATE_RULES = {"month": r"-01$", "year": r"-01-01$"}
PRECISION_OF = {"date": "date_precision", "as_of": "as_of_precision"}
ID_PREFIXES = re.compile(r"^\^\(?([a-z]+(?:\|[a-z]+)*)\)?-")  # "^src-...", "^(don|pled)-..."


def _chunk_is_nfc(text: pa.Array) -> bool:
    """Whether all the text of an Arrow string array, read straight from its data buffer, is NFC."""
    _, offsets, data = text.buffers()
    if data is None:
        return True
    width = np.int64 if pa.types.is_large_string(text.type) else np.int32
    ends = np.frombuffer(offsets, dtype=width)[text.offset : text.offset + len(text) + 1]
    return unicodedata.is_normalized("NFC", data.to_pybytes()[ends[0] : ends[-1]].decode("utf-8"))


def _not_nfc(column: pd.Series) -> pd.Series:
    """Mask of cells not in Unicode NFC (one check on all the column's text first: most columns are clean)."""
    text = pa.array(column)
    chunks = text.chunks if isinstance(text, pa.ChunkedArray) else [text]
    if all(_chunk_is_nfc(chunk) for chunk in chunks):
        return pd.Series(False, index=column.index)
    return ~column.map(lambda v: unicodedata.is_normalized("NFC", v))


def _free_text(resource: Resource) -> list[str]:
    """Names of the string fields whose text is free (no pattern or list of allowed values to hold it)."""
    return [
        name
        for name, spec in resource.fields.items()
        if spec["type"] == "string" and not {"pattern", "enum"} & spec.get("constraints", {}).keys()
    ]


def _html(column: pd.Series) -> pd.Series:
    """Mask of cells that contain an HTML tag (the regex runs only where a "<" appears)."""
    angled = column.str.contains("<", regex=False)
    return angled & column.str.contains(HTML_TAG) if angled.any() else angled


def text_cells(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Text must be NFC, trimmed, free of HTML and not start like a spreadsheet formula."""
    for name, frame in tables.items():
        res = resources[name]
        for field in _free_text(res):  # a pattern or a list of allowed values already rules out what these rules look for
            if field not in frame:
                continue
            column = frame[field]
            rules = [
                (column != column.str.strip(), lambda v: "has spaces at the start or end: remove them, or run `make fix`"),
                (_not_nfc(column), lambda v: "text is not in Unicode NFC (decomposed Vietnamese accents): run `make fix`"),
                (_html(column), lambda v: "contains HTML or a script tag: write plain text"),
                (
                    column.str.startswith(FORMULA_START),
                    lambda v: f'starts with "{v[0]}", which spreadsheets run as a formula: reword it',
                ),
            ]
            for mask, message in rules:
                for index in frame.index[mask.to_numpy()]:
                    yield Problem(res.file_label, row_number(index), field, message(column.at[index]))


def _row_ids(tables: Tables, resources: Resources) -> tuple[re.Pattern, str, set[str]]:
    """A pattern for the row ids a text may cite, from the id patterns of the schemas; a looser one without the
    lookbehind, which pandas runs on the whole column at once (the exact one is then run only on the cells it
    matched); and every id in the package."""
    prefixes, ids = [], set()
    for name, res in resources.items():
        key = res.primary_key
        found = ID_PREFIXES.match(res.fields[key[0]].get("constraints", {}).get("pattern", "")) if len(key) == 1 else None
        if found and name in tables:
            prefixes.append(found.group(1))
            ids.update(tables[name][key[0]])
    alternatives = "|".join(prefixes)
    return re.compile(rf"(?<![\w-])(?:{alternatives})-[a-z0-9]+(?:-[a-z0-9]+)*"), rf"(?:{alternatives})-[a-z0-9]", ids


def cited_ids(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """A note that cites a row id or source id ("see src-...") must cite one that exists."""
    pattern, candidates, ids = _row_ids(tables, resources)
    for name, frame in tables.items():
        res = resources[name]
        for field in _free_text(res):
            if field not in frame:
                continue
            for index, text in frame[field][frame[field].str.contains(candidates)].items():
                for cited in pattern.findall(text):
                    if cited not in ids:
                        yield Problem(
                            res.file_label,
                            row_number(index),
                            field,
                            f'cites "{cited}", which is not in the package: correct the id or add the row',
                        )


def _comparable(column: pd.Series, field: dict) -> pd.Series:
    """A key column as compared for duplicates: numbers by value (+1000000, 01000000 and 1000000 are one), text by
    its trimmed lower case."""
    text = column.str.strip().str.lower()
    if field.get("type") not in ("integer", "number"):
        return text
    values = pd.to_numeric(column.where(column.str.fullmatch(TYPE_FORMS["number"])), errors="coerce")
    return values.map(repr).where(values.notna(), text)


def natural_keys(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """No two rows may describe the same record under the table's natural key."""
    for name, frame in tables.items():
        res = resources[name]
        key = res.schema.get("naturalKey")
        if not key or frame.empty:
            continue
        normalised = pd.DataFrame({field: _comparable(frame[field], res.fields.get(field, {})) for field in key})
        for index, first in repeats(normalised):
            yield Problem(
                res.file_label,
                row_number(index),
                res.primary_key[0],
                f"same record as row {row_number(first)} (same {', '.join(key)}): keep one row",
            )


def date_precision(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """A month-precise date is written as the 1st of the month, a year-precise one as 1 January."""
    for name, frame in tables.items():
        res = resources[name]
        for date_field, precision_field in PRECISION_OF.items():
            if date_field not in frame or precision_field not in frame:
                continue
            for precision, pattern in DATE_RULES.items():
                bad = (frame[precision_field] == precision) & ~frame[date_field].str.contains(pattern)
                for index in frame.index[bad]:
                    yield Problem(
                        res.file_label,
                        row_number(index),
                        date_field,
                        f"{precision_field} is {precision}, so write the date as {'YYYY-MM-01' if precision == 'month' else 'YYYY-01-01'}",
                    )


def pledges_apart(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Pledges and deliveries are kept apart: right id prefix, links only to pledges, no pledge entered again as a delivery."""
    frame, label = tables["donations"], resources["donations"].file_label
    for status, prefix in {"delivered": "don-", "pledged": "pled-"}.items():
        wrong = (frame["status"] == status) & ~frame["donation_id"].str.startswith(prefix)
        for index in frame.index[wrong.to_numpy()]:
            yield Problem(label, row_number(index), "donation_id", f"a {status} row needs an id starting with {prefix}")
    linked_pledge = (frame["status"] == "pledged") & (frame["pledge_id"] != "")
    for index in frame.index[linked_pledge.to_numpy()]:
        yield Problem(label, row_number(index), "pledge_id", "a pledge cannot fulfil another pledge: leave pledge_id empty")
    status = pd.Series(frame["status"].to_numpy(), index=frame["donation_id"].to_numpy())
    status = status[~status.index.duplicated()]
    target = frame["pledge_id"].map(status)
    for index in frame.index[((frame["status"] == "delivered") & (target == "delivered")).to_numpy()]:
        yield Problem(label, row_number(index), "pledge_id", f'"{frame.at[index, "pledge_id"]}" is a delivery, not a pledge')
    key = ["date", "donor_id", "recipient_id", "vaccine_id", "doses"]
    pledged = frame[frame["status"] == "pledged"][key].drop_duplicates(keep="first").reset_index()
    delivered = frame[frame["status"] == "delivered"][key].reset_index()
    for _, twin in delivered.merge(pledged, on=key, suffixes=("", "_pledge")).iterrows():
        yield Problem(
            label,
            row_number(twin["index"]),
            "status",
            f"this delivery repeats the pledge in row {row_number(twin['index_pledge'])} (same date, donor, recipient, vaccine and doses): a pledge is never counted as a delivery; link the delivery with pledge_id or remove one row",
        )


def value_usd_consistent(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """value_usd equals value converted at the year's rate from exchange_rates (whole dollars), and is empty without a value."""
    frame, label = tables["equipment_aid"], resources["equipment_aid"].file_label
    expected = expected_value_usd(frame, tables["exchange_rates"])
    readable = frame["value"].str.fullmatch(TYPE_FORMS["number"]) & frame["date"].str.match(r"\d{4}-")
    readable &= pd.to_numeric(frame["value"].where(readable), errors="coerce").abs() < float("inf")  # 1e400: a type problem
    for index in frame.index[(readable & (frame["currency"] == "")).to_numpy()]:
        yield Problem(label, row_number(index), "currency", "value is given without a currency: add the ISO 4217 code")
    wrong = readable & (frame["currency"] != "") & (frame["value_usd"] != expected)
    for index in frame.index[wrong.to_numpy()]:
        row, should = frame.loc[index], expected.at[index]
        if not should:
            message = f"cannot be computed (no {row['currency']} rate for {row['date'][:4]} in exchange_rates.csv): leave it empty or add the rate"
        else:
            message = f"should be {should} (value converted at the rate for {row['currency']} in {row['date'][:4]}), not {row['value_usd'] or 'empty'}: run `make fix`"
        yield Problem(label, row_number(index), "value_usd", message)
    stray = (frame["value"] == "") & (frame["value_usd"] != "")
    for index in frame.index[stray.to_numpy()]:
        yield Problem(label, row_number(index), "value_usd", "is given without a value: leave it empty")


def one_rate(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Each exchange rate row states its rate in exactly one direction, as its source does."""
    frame, label = tables["exchange_rates"], resources["exchange_rates"].file_label
    filled = (frame["units_per_usd"] != "").astype(int) + (frame["usd_per_unit"] != "").astype(int)
    for index in frame.index[filled != 1]:
        yield Problem(
            label,
            row_number(index),
            "units_per_usd",
            "fill exactly one of units_per_usd and usd_per_unit, as the source states the rate",
        )


def paired_fields(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Fields that only make sense together: quantity needs a unit, a unit its Vietnamese form, an authorisation date
    needs a source."""
    pairs = [
        ("equipment_aid", "quantity", "unit"),
        ("equipment_aid", "unit", "unit_vi"),
        ("vaccines", "vn_authorised", "source_id"),
    ]
    for name, given, needed in pairs:
        frame = tables[name]
        for index in frame.index[(frame[given] != "") & (frame[needed] == "")]:
            yield Problem(resources[name].file_label, row_number(index), needed, f"is required when {given} is given")


Check = Callable[[Tables, Resources], Iterator[Problem]]

# Each check with the tables it reads; a check is skipped when one of them could not be read at all.
CHECKS: list[tuple[Check, set[str]]] = [
    (inputs.invisible_characters, set()),
    (inputs.cell_size, set()),
    (inputs.plain_names, set()),
    (inputs.id_form, set()),
    (inputs.mixed_scripts, set()),
    (inputs.lookalike_actors, {"actors"}),
    (inputs.country_codes, {"actors"}),
    (inputs.safe_urls, {"sources"}),
    (inputs.trusted_sites, {"sources"}),
    (inputs.plausible_figures, {"donations", "purchases", "equipment_aid", "official_totals"}),
    (inputs.plausible_dates, {"sources"}),
    (inputs.known_codes, {"donations", "purchases", "equipment_aid", "contacts", "official_totals"}),
    (inputs.pledge_links, {"donations", "actors"}),
    (events.same_event, set()),
    (events.pledges_cover_deliveries, {"donations"}),
    (text_cells, set()),
    (evidence.evidence_states_figures, set()),
    (natural_keys, set()),
    (cited_ids, set()),
    (date_precision, set()),
    (pledges_apart, {"donations"}),
    (value_usd_consistent, {"equipment_aid", "exchange_rates"}),
    (one_rate, {"exchange_rates"}),
    (paired_fields, {"equipment_aid", "vaccines"}),
]


def run_project_checks(tables: Tables, resources: Resources) -> list[Problem]:
    """Run every project check on the tables that could be read."""
    problems = []
    for check, needed in CHECKS:
        if needed <= tables.keys():
            problems.extend(check(tables, resources))
    return problems
