"""Print, as Markdown, how far the itemised rows reach towards each official total.

Usage: python scripts/coverage_report.py
"""

from __future__ import annotations

import sys

import pandas as pd

from figures import QUALIFIER_WORDS
from package_io import load_typed
from reconcile import DONOR_TOLERANCE, coverage, donor_check


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def markdown(report: pd.DataFrame, link_rows: bool = False) -> str:
    """The reconciliation tables: national totals, then each donor's latest running total."""

    def official(row: pd.Series) -> str:
        text = f"{QUALIFIER_WORDS[row['qualifier']]}{_fmt(row['official'])} {row['unit']}"
        return f"[{text}](data/official_totals.md#total-{row['total_id']})" if link_rows else text

    lines = [
        "| Official total | As of | Official figure | Itemised rows | Gap | Gap % |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    national = report[report["subject_id"] == "VNM"]
    for _, row in national.iterrows():
        share = "—" if pd.isna(row["gap_share"]) else f"{row['gap_share']:.0%}"
        lines.append(
            f"| {row['metric']} | {row['as_of']} | {official(row)} | {_fmt(row['itemised'])} | {_fmt(row['gap'])} | {share} |"
        )
    lines += ["", "Main known reasons for the gaps:", ""]
    lines += [
        f"- **{metric}**: {reason}"
        for metric, reason in national.drop_duplicates("metric")[["metric", "reason"]].itertuples(index=False)
    ]
    donors = donor_check(report)
    lines += [
        "",
        f"Each donor's latest stated cumulative delivery total (agreement within {DONOR_TOLERANCE:.0%} marked ✓):",
        "",
        f"| Donor | As of | Stated total | Itemised rows | Gap % | Within {DONOR_TOLERANCE:.0%} |",
        "| --- | --- | ---: | ---: | ---: | :---: |",
    ]
    for _, row in donors.iterrows():
        lines.append(
            f"| {row['subject_id']} | {row['as_of']} | {official(row)} | {_fmt(row['itemised'])} | {row['gap_share']:.0%} | {'✓' if row['within_tolerance'] else '✗'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    print(markdown(coverage(load_typed())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
