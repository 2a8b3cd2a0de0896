"""The project's own rules, beyond what a Table Schema can say."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

import pandas as pd

from package_io import Resource
from problems import Problem

Tables = dict[str, pd.DataFrame]
Resources = dict[str, Resource]

FORMULA_START = ("=", "+", "-", "@")
HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
DATE_RULES = {"month": r"-01$", "year": r"-01-01$"}
PRECISION_OF = {"date": "date_precision", "as_of": "as_of_precision"}


def _row(index: int) -> int:
    """Spreadsheet row number of a data row (the header is row 1)."""
    return int(index) + 2


def text_cells(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Text must be NFC, trimmed, free of HTML and not start like a spreadsheet formula."""
    for name, frame in tables.items():
        res = resources[name]
        for field, spec in res.fields.items():
            if spec["type"] != "string" or field not in frame:
                continue
            for index, value in frame[field].items():
                if not value:
                    continue
                if value != value.strip():
                    yield Problem(
                        res.file_label, _row(index), field, "has spaces at the start or end: remove them, or run `make fix`"
                    )
                if unicodedata.normalize("NFC", value) != value:
                    yield Problem(
                        res.file_label,
                        _row(index),
                        field,
                        "text is not in Unicode NFC (decomposed Vietnamese accents): run `make fix`",
                    )
                if HTML_TAG.search(value):
                    yield Problem(res.file_label, _row(index), field, "contains HTML or a script tag: write plain text")
                if value.startswith(FORMULA_START):
                    yield Problem(
                        res.file_label,
                        _row(index),
                        field,
                        f'starts with "{value[0]}", which spreadsheets run as a formula: reword it',
                    )


def natural_keys(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """No two rows may describe the same record under the table's natural key."""
    for name, frame in tables.items():
        res = resources[name]
        key = res.schema.get("naturalKey")
        if not key or frame.empty:
            continue
        normalised = frame[key].apply(lambda col: col.str.strip().str.casefold())
        dupes = normalised.duplicated(keep="first")
        first = {tuple(r): i for i, r in normalised[~dupes].iterrows()}
        for index in frame.index[dupes]:
            other = _row(first[tuple(normalised.loc[index])])
            id_field = res.primary_key[0]
            yield Problem(
                res.file_label, _row(index), id_field, f"same record as row {other} (same {', '.join(key)}): keep one row"
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
                        _row(index),
                        date_field,
                        f"{precision_field} is {precision}, so write the date as {'YYYY-MM-01' if precision == 'month' else 'YYYY-01-01'}",
                    )


def pledges_apart(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Pledges and deliveries are kept apart: right id prefix, links only to pledges, no pledge entered again as a delivery."""
    frame, label = tables["donations"], resources["donations"].file_label
    prefix = {"delivered": "don-", "pledged": "pled-"}
    for index, row in frame.iterrows():
        expected = prefix.get(row["status"])
        if expected and not row["donation_id"].startswith(expected):
            yield Problem(label, _row(index), "donation_id", f"a {row['status']} row needs an id starting with {expected}")
        if row["status"] == "pledged" and row["pledge_id"]:
            yield Problem(label, _row(index), "pledge_id", "a pledge cannot fulfil another pledge: leave pledge_id empty")
    status = dict(zip(frame["donation_id"], frame["status"], strict=False))
    linked = frame[(frame["status"] == "delivered") & (frame["pledge_id"] != "")]
    for index, row in linked.iterrows():
        if status.get(row["pledge_id"], "pledged") != "pledged":
            yield Problem(label, _row(index), "pledge_id", f'"{row["pledge_id"]}" is a delivery, not a pledge')
    key = ["date", "donor_id", "recipient_id", "vaccine_id", "doses"]
    pledged = frame[frame["status"] == "pledged"]
    pledge_rows = {tuple(r[key]): _row(i) for i, r in pledged.iterrows()}
    for index, row in frame[frame["status"] == "delivered"].iterrows():
        twin = pledge_rows.get(tuple(row[key]))
        if twin:
            yield Problem(
                label,
                _row(index),
                "status",
                f"this delivery repeats the pledge in row {twin} (same date, donor, recipient, vaccine and doses): a pledge is never counted as a delivery; link the delivery with pledge_id or remove one row",
            )


def usd_multiplier(rates: pd.DataFrame, currency: str, year: int) -> float | None:
    """US dollars per unit of a currency in a year, from whichever rate column the exchange_rates row fills."""
    if currency == "USD":
        return 1.0
    match = rates[(rates["currency"] == currency) & (rates["year"] == str(year))]
    if match.empty:
        return None
    units, usd = (pd.to_numeric(match[c], errors="coerce").iloc[0] for c in ("units_per_usd", "usd_per_unit"))
    if pd.notna(usd):
        return float(usd)
    return 1 / float(units) if pd.notna(units) and units > 0 else None


def expected_value_usd(row: pd.Series, rates: pd.DataFrame) -> tuple[int | None, str]:
    """The value_usd a row must carry, or None with the reason it cannot be computed."""
    if not row["value"]:
        return None, ""
    if not row["currency"]:
        return None, "value is given without a currency: add the ISO 4217 code"
    rate = usd_multiplier(rates, row["currency"], int(row["date"][:4]))
    if rate is None:  # no published rate recorded: the value stays unconverted
        return None, ""
    return round(float(row["value"]) * rate), ""


def value_usd_consistent(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """value_usd equals value converted at the year's rate from exchange_rates (whole dollars), and is empty without a value."""
    frame, label = tables["equipment_aid"], resources["equipment_aid"].file_label
    rates = tables["exchange_rates"]
    numeric = pd.to_numeric(frame["value"], errors="coerce").notna() | (frame["value"] == "")
    for index, row in frame[numeric & frame["date"].str.match(r"^\d{4}-")].iterrows():
        expected, reason = expected_value_usd(row, rates)
        if reason:
            yield Problem(label, _row(index), "currency", reason)
        elif expected is None and row["value_usd"]:
            yield Problem(
                label,
                _row(index),
                "value_usd",
                f"cannot be computed (no value, or no {row['currency']} rate for {row['date'][:4]} in exchange_rates.csv): leave it empty or add the rate",
            )
        elif expected is not None and row["value_usd"] != str(expected):
            yield Problem(
                label,
                _row(index),
                "value_usd",
                f"should be {expected} (value converted at the rate for {row['currency']} in {row['date'][:4]}), not {row['value_usd'] or 'empty'}: run `make fix`",
            )


def one_rate(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Each exchange rate row states its rate in exactly one direction, as its source does."""
    frame, label = tables["exchange_rates"], resources["exchange_rates"].file_label
    filled = (frame["units_per_usd"] != "").astype(int) + (frame["usd_per_unit"] != "").astype(int)
    for index in frame.index[filled != 1]:
        yield Problem(
            label,
            _row(index),
            "units_per_usd",
            "fill exactly one of units_per_usd and usd_per_unit, as the source states the rate",
        )


def paired_fields(tables: Tables, resources: Resources) -> Iterator[Problem]:
    """Fields that only make sense together: quantity needs a unit, an authorisation date needs a source."""
    pairs = [("equipment_aid", "quantity", "unit"), ("vaccines", "vn_authorised", "source_id")]
    for name, given, needed in pairs:
        frame = tables[name]
        for index in frame.index[(frame[given] != "") & (frame[needed] == "")]:
            yield Problem(resources[name].file_label, _row(index), needed, f"is required when {given} is given")


Check = Callable[[Tables, Resources], Iterator[Problem]]

# Each check with the tables it reads; a check is skipped when one of them could not be read at all.
CHECKS: list[tuple[Check, set[str]]] = [
    (text_cells, set()),
    (natural_keys, set()),
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
