"""Write a synthetic, schema-valid copy of the package at N times today's row counts (for benchmarks only).

Usage: python scripts/synthetic_data.py SCALE OUT_DIR

Copy 0 is today's data; copy k adds "-sk" to every row id and keeps natural keys unique by pointing one field of
each key at copy k of the row it refers to (the recipient, the seller or the subject) or by marking copied text.
Donors, counterparts and sources stay today's, so the partners readers browse do not multiply: the rows about
them do. Dates and values are unchanged, so every copy passes the same checks as today's rows.
"""

from __future__ import annotations

import shutil
import sys
from itertools import product
from pathlib import Path
from string import ascii_uppercase

import pandas as pd

from vdp.package.resources import PACKAGE_DIR, load_resources, read_table

# The field of each table's natural key that copy k points at copy k of the referenced row (for a table not listed:
# the first field of its natural key that refers to another table, see _copied_reference).
COPIED_REFERENCE = {
    "donations": "recipient_id",
    "equipment_aid": "recipient_id",
    "purchases": "seller_id",
    "official_totals": "subject_id",
}
TEXT_MARK = {"url": "#synthetic-{k}", "name_en": " (synthetic {k})", "name_vi": " (tổng hợp {k})", "vn_person": " ({k})"}


def _spare_currencies(taken: set[str]):
    """Three-letter codes that no table of the real package uses."""
    for letters in product(ascii_uppercase, repeat=3):
        code = "".join(letters)
        if code not in taken:
            yield code


def _copied_reference(resource) -> str | None:
    """The natural-key field that copy k points at copy k of the row it refers to."""
    if resource.name in COPIED_REFERENCE:
        return COPIED_REFERENCE[resource.name]
    references = {fk["fields"][0] for fk in resource.schema.get("foreignKeys", []) if fk["reference"]["resource"]}
    return next((field for field in resource.schema.get("naturalKey", []) if field in references), None)


def _copy(frame: pd.DataFrame, resource, k: int, currencies: dict[str, str]) -> pd.DataFrame:
    out = frame.copy()
    for field in resource.primary_key:
        if field == "currency":
            out[field] = out[field].map(currencies)
        elif resource.fields[field]["type"] == "string":
            out[field] = out[field].str.lower() + f"-s{k}"
    for link in ("pledge_id", "distinct_from"):  # links to rows of the same table follow their copies
        if link in out:
            out[link] = out[link].where(out[link] == "", out[link] + f"-s{k}")
    marked = set(resource.schema.get("naturalKey", []))
    if "name_en" in marked:
        marked.add("name_vi")
    for field, mark in TEXT_MARK.items():
        if field in marked:
            out[field] = out[field].where(out[field] == "", out[field] + mark.format(k=k))
    if resource.name == "actors":  # a copy is not the country itself: a country's code names one actor only
        out["iso3"] = out["iso3"].where(out["kind"] != "country", "")
    reference = _copied_reference(resource)
    if reference:
        out[reference] = out[reference].where(out[reference] == "", out[reference].str.lower() + f"-s{k}")
    return out


def write_synthetic(scale: int, out_dir: Path, package_dir: Path = PACKAGE_DIR) -> dict[str, int]:
    """Write the package at `scale` times today's rows into out_dir; return the row count of each table."""
    resources = load_resources(package_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(package_dir / "datapackage.json", out_dir / "datapackage.json")
    shutil.copytree(package_dir / "schemas", out_dir / "schemas", dirs_exist_ok=True)
    (out_dir / "data").mkdir(exist_ok=True)
    counts = {}
    tables = {name: read_table(resource) for name, resource in resources.items()}
    used = {c for frame in tables.values() if "currency" in frame for c in frame["currency"]}
    for name, resource in resources.items():
        frame = tables[name]
        spare = _spare_currencies(used) if "currency" in resource.primary_key else None
        copies = [frame]
        for k in range(1, scale):
            currencies = {c: next(spare) for c in frame["currency"].unique()} if spare else {}
            copies.append(_copy(frame, resource, k, currencies))
        table = pd.concat(copies, ignore_index=True)
        table.to_csv(out_dir / resource.file_label, index=False, encoding="utf-8", lineterminator="\n")
        counts[name] = len(table)
    return counts


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit() or int(argv[0]) < 1:
        print(__doc__, file=sys.stderr)
        return 2
    counts = write_synthetic(int(argv[0]), Path(argv[1]))
    print(f"wrote {sum(counts.values())} rows to {argv[1]}: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
    return 0
