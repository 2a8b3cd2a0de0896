"""Print, as Markdown, how far the itemised rows reach towards each official total.

Usage: python scripts/coverage_report.py
"""

from __future__ import annotations

import sys

import pandas as pd

from package_io import load_resources, load_typed
from reconcile import DONOR_TOLERANCE, REASONS, coverage, donor_check
from site_text import number, official_figure, share, value_labels

COVERAGE_WORDS = {
    "en": {
        "national": "| Official total | As of | Official figure | Itemised rows | Gap | Gap % |",
        "reasons": "Main known reasons for the gaps:",
        "donors": "Each donor's latest stated cumulative delivery total (agreement within {tol} marked ✓):",
        "donor_head": "| Donor | As of | Stated total | Itemised rows | Gap % | Within {tol} |",
    },
    "vi": {
        "national": "| Số liệu tổng | Tính đến | Con số chính thức | Các dòng chi tiết | Chênh lệch | Chênh lệch % |",
        "reasons": "Các lý do chính đã biết của chênh lệch:",
        "donors": "Tổng số liều mới nhất mà từng nhà tài trợ công bố (khớp trong phạm vi {tol} được đánh dấu ✓):",
        "donor_head": "| Nhà tài trợ | Tính đến | Tổng công bố | Các dòng chi tiết | Chênh lệch % | Trong phạm vi {tol} |",
    },
}


def markdown(report: pd.DataFrame, link_rows: bool = False, lang: str = "en") -> str:
    """The reconciliation tables: national totals, then each donor's latest running total."""
    words = COVERAGE_WORDS[lang]
    metric_labels = value_labels(load_resources()["official_totals"], "metric", lang)

    def official(row: pd.Series) -> str:
        text = official_figure(row["official"], row["qualifier"], row["unit"], lang)
        return f"[{text}](data/official_totals.md#total-{row['total_id']})" if link_rows else text

    lines = [words["national"], "| --- | --- | ---: | ---: | ---: | ---: |"]
    national = report[report["subject_id"] == "VNM"]
    for _, row in national.iterrows():
        lines.append(
            f"| {metric_labels[row['metric']]} | {row['as_of']} | {official(row)} | {number(row['itemised'], lang)} | "
            f"{number(row['gap'], lang)} | {share(row['gap_share'])} |"
        )
    lines += ["", words["reasons"], ""]
    lines += [f"- **{metric_labels[metric]}**: {REASONS[metric][lang]}" for metric in national["metric"].unique()]
    tolerance = f"{DONOR_TOLERANCE:.0%}"
    lines += ["", words["donors"].format(tol=tolerance), "", words["donor_head"].format(tol=tolerance)]
    lines.append("| --- | --- | ---: | ---: | ---: | :---: |")
    for _, row in donor_check(report).iterrows():
        lines.append(
            f"| {row['subject_id']} | {row['as_of']} | {official(row)} | {number(row['itemised'], lang)} | "
            f"{share(row['gap_share'])} | {'✓' if row['within_tolerance'] else '✗'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    print(markdown(coverage(load_typed())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
