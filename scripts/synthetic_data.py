"""Write a synthetic, schema-valid copy of the package at N times today's row counts (for benchmarks only).

Usage: python scripts/synthetic_data.py SCALE OUT_DIR

Copy 0 is today's data; copy k adds "-sk" to every row id, shifts event dates by k days (inside the project's
period) and marks copied text, so ids and natural keys stay unique. References keep pointing at today's actors,
vaccines and sources, so partners do not multiply: only the rows about them do.
"""

from __future__ import annotations

import shutil
import sys
from itertools import product
from pathlib import Path
from string import ascii_uppercase

import pandas as pd

from package_io import PACKAGE_DIR, load_resources, read_table
from usd_values import expected_value_usd

PERIOD_START, PERIOD_DAYS = pd.Timestamp("2020-01-01"), 1461
DATE_FIELDS = {"date": "date_precision", "as_of": "as_of_precision"}
TEXT_MARK = {"url": "#synthetic-{k}", "name_en": " (synthetic {k})", "name_vi": " (tổng hợp {k})"}


def _shift(dates: pd.Series, days: pd.Series) -> pd.Series:
    """Move ISO dates by a number of days, wrapping around inside 2020-2023."""
    offset = (pd.to_datetime(dates) - PERIOD_START).dt.days
    return (PERIOD_START + pd.to_timedelta((offset + days) % PERIOD_DAYS, unit="D")).dt.strftime("%Y-%m-%d")


def _spare_currencies(taken: set[str]):
    """Three-letter codes that are not used by the real exchange_rates table."""
    for letters in product(ascii_uppercase, repeat=3):
        code = "".join(letters)
        if code not in taken:
            yield code


def _copy(frame: pd.DataFrame, resource, k: int, currencies: dict[str, str]) -> pd.DataFrame:
    out = frame.copy()
    for field in resource.primary_key:
        if field == "currency":
            out[field] = out[field].map(currencies)
        elif resource.fields[field]["type"] == "string":
            out[field] = out[field].str.lower() + f"-s{k}"
    if "pledge_id" in out:
        out["pledge_id"] = out["pledge_id"].where(out["pledge_id"] == "", out["pledge_id"] + f"-s{k}")
    marked = set(resource.schema.get("naturalKey", []))
    if "name_en" in marked:
        marked.add("name_vi")
    for field, mark in TEXT_MARK.items():
        if field in marked:
            out[field] = out[field].where(out[field] == "", out[field] + mark.format(k=k))
    for field, precision in DATE_FIELDS.items():
        if field in out:
            out[field] = _shift(out[field], k)
            out[precision] = "day"
    return out


def _unique_dates(frame: pd.DataFrame, resource) -> pd.DataFrame:
    """Shift copies whose natural key (status aside) collides with another row until none does."""
    key = [f for f in resource.schema.get("naturalKey", []) if f != "status"]
    date_field = next((f for f in DATE_FIELDS if f in key), None)
    if not date_field:
        return frame
    while (clash := frame.duplicated(key, keep="first")).any():
        frame.loc[clash, date_field] = _shift(frame.loc[clash, date_field], 1)
    return frame


def write_synthetic(scale: int, out_dir: Path, package_dir: Path = PACKAGE_DIR) -> dict[str, int]:
    """Write the package at `scale` times today's rows into out_dir; return the row count of each table."""
    resources = load_resources(package_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(package_dir / "datapackage.json", out_dir / "datapackage.json")
    shutil.copytree(package_dir / "schemas", out_dir / "schemas", dirs_exist_ok=True)
    (out_dir / "data").mkdir(exist_ok=True)
    counts = {}
    for name, resource in resources.items():
        frame = read_table(resource)
        spare = _spare_currencies(set(frame["currency"])) if "currency" in resource.primary_key else None
        copies = [frame]
        for k in range(1, scale):
            currencies = {c: next(spare) for c in frame["currency"]} if spare else {}
            copies.append(_copy(frame, resource, k, currencies))
        table = _unique_dates(pd.concat(copies, ignore_index=True), resource)
        if name == "equipment_aid":  # shifted dates can fall in another year, with another rate
            table["value_usd"] = expected_value_usd(table, read_table(resources["exchange_rates"]))
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
