"""Draw a seeded random sample of rows for a maintainer's spot check: each row, its quote and the page to check it on.

Usage: python scripts/audit_sample.py [--seed N] [--size N] [PACKAGE_DIR]
Prints Markdown: one section per row with the row's fields, its `evidence` quote and its source's URL. The same
seed over the same data draws the same rows, so a recorded check can be repeated.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from vdp.package.resources import PACKAGE_DIR, load_resources, read_table

AUDITED = ["donations", "purchases", "equipment_aid", "contacts", "official_totals"]
SHOWN_FIELDS = 12  # the first fields of a row, which carry its date, parties and figures


def sample(package_dir: Path, seed: int, size: int) -> pd.DataFrame:
    """`size` rows drawn uniformly from the audited tables, with their table, id, source URL and quote."""
    resources = load_resources(package_dir)
    urls = read_table(resources["sources"]).set_index("source_id")["url"]
    rows = []
    for table in AUDITED:
        frame = read_table(resources[table])
        key = resources[table].primary_key[0]
        for _, row in frame.iterrows():
            fields = [f for f in resources[table].field_names[:SHOWN_FIELDS] if row[f] and f not in ("evidence", "derivation")]
            rows.append(
                {
                    "table": table,
                    "id": row[key],
                    "fields": "; ".join(f"{f}={row[f]}" for f in fields),
                    "evidence": row.get("evidence", ""),
                    "derivation": row.get("derivation", ""),
                    "url": urls.get(row["source_id"], ""),
                }
            )
    return pd.DataFrame(rows).sample(n=size, random_state=seed).reset_index(drop=True)


def markdown(drawn: pd.DataFrame, seed: int) -> str:
    lines = [f"# Spot-check sample (seed {seed}, {len(drawn)} rows)", ""]
    for number, row in drawn.iterrows():
        lines += [
            f"## {number + 1}. {row['table']} `{row['id']}`",
            "",
            f"- Row: {row['fields']}",
            f"- Quote: {row['evidence'] or '(none)'}",
            *([f"- Derivation: {row['derivation']}"] if row["derivation"] else []),
            f"- Page: {row['url']}",
            "- Verdict: ",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--size", type=int, default=45)
    parser.add_argument("package_dir", nargs="?", type=Path, default=PACKAGE_DIR)
    args = parser.parse_args(argv)
    print(markdown(sample(args.package_dir, args.seed, args.size), args.seed))
    return 0
