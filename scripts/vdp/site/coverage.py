"""Print, as Markdown, how far the itemised rows reach towards each official total.

Usage: python scripts/coverage_report.py
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from vdp.measures.reconcile import DONOR_TOLERANCE, REASONS, coverage, donor_check, donor_gaps
from vdp.measures.targets import TARGETS, measure_targets
from vdp.package.resources import Resource, load_resources, load_typed
from vdp.site.labels import Labels
from vdp.site.safe import inert
from vdp.site.strings import strings
from vdp.site.text import day, number, official_figure, share, value_labels


def _level(value: float, kind: str, lang: str) -> str:
    return share(value) if kind == "share" else number(value, lang)


def targets_table(tables: dict[str, pd.DataFrame], report: pd.DataFrame, lang: str = "en") -> list[str]:
    """The research targets as Markdown lines: what each requires, what the data reach, and whether it is met."""
    words = strings("coverage_report", lang)
    lines = [words["targets"], "", words["target_head"], "| --- | ---: | ---: | :---: |"]
    measured = measure_targets(tables, report).set_index("key")
    for target in TARGETS:
        row = measured.loc[target.key]
        lines.append(
            f"| {target.label[lang]} | {'' if target.required == 1 else '≥ '}{_level(target.required, target.kind, lang)} | "
            f"{_level(row['measured'], target.kind, lang)} | {'✓' if row['met'] else '✗'} |"
        )
    return lines + [""]


def markdown(
    tables: dict[str, pd.DataFrame],
    resources: dict[str, Resource],
    row_href: Callable[[str, str], str] | None = None,
    lang: str = "en",
    targets: bool = True,
) -> str:
    """The research targets (unless targets=False, as on the reader's coverage page), then the reconciliation tables:
    national totals and each donor's latest running total.

    Metric names come from the schemas of the package the tables were read from (resources); with row_href (see
    vdp.site.pages.row_locator) each official figure links its row."""
    words = strings("coverage_report", lang)
    report = coverage(tables)
    metric_labels = value_labels(resources["official_totals"], "metric", lang)
    units = value_labels(resources["official_totals"], "unit", lang)
    labels = Labels(tables, resources, lang)

    def when(row: pd.Series) -> str:
        return day(pd.Timestamp(row["as_of"]), lang, row["as_of_precision"])

    def official(row: pd.Series) -> str:
        text = official_figure(row["official"], row["qualifier"], row["unit"], lang, units)
        return f"[{text}]({row_href('official_totals', row['total_id'])})" if row_href else text

    def itemised(row: pd.Series) -> str:
        text = number(row["itemised"], lang)
        return f"{text} ({words['unsized'].format(n=row['unsized'])})" if row["unsized"] else text

    lines = targets_table(tables, report, lang) if targets else []
    lines += [words["national"], "| --- | --- | ---: | ---: | ---: | ---: |"]
    national = report[report["subject_id"] == "VNM"]
    for _, row in national.iterrows():
        lines.append(
            f"| {inert(metric_labels[row['metric']])} | {when(row)} | {official(row)} | {itemised(row)} | "
            f"{number(row['gap'], lang)} | {share(row['gap_share'])} |"
        )
    lines += ["", words["reasons"], ""]
    lines += [f"- **{inert(metric_labels[metric])}**: {REASONS[metric][lang]}" for metric in national["metric"].unique()]
    tolerance = f"{DONOR_TOLERANCE:.0%}"
    lines += ["", words["donors"].format(tol=tolerance), "", words["donor_head"].format(tol=tolerance)]
    lines.append("| --- | --- | ---: | ---: | ---: | :---: |")
    for _, row in donor_check(report).iterrows():
        lines.append(
            f"| {inert(labels.actor(row['subject_id']))} | {when(row)} | {official(row)} | {itemised(row)} | "
            f"{share(row['gap_share'])} | {'✓' if row['within_tolerance'] else '✗'} |"
        )
    lines += ["", words["gap_reasons"].format(tol=tolerance), ""]
    lines += gap_reason_lines(labels, report, row_href, when)
    return "\n".join(lines) + "\n"


def gap_reason_lines(
    labels: Labels, report: pd.DataFrame, row_href: Callable[[str, str], str] | None, when: Callable[[pd.Series], str]
) -> list[str]:
    """One list item per donor short of its stated total: each sourced reason (table gap_reasons) with its source and
    folded quote, or a plain statement that none has been found, so that no gap is silent."""
    lang, words = labels.lang, strings("coverage_report", labels.lang)
    lines = []
    for _, rows in donor_gaps(labels.tables, report).groupby("total_id", sort=False):
        first = rows.iloc[0]
        head = f"- **{inert(labels.actor(first['subject_id']))}**: " + words["short_by"].format(
            gap=number(first["gap"], lang), date=when(first)
        )
        if pd.isna(first["reason_id"]):
            lines.append(f"{head} {words['no_reason']}")
            continue
        for _, reason in rows.iterrows():
            link = labels.source_link(reason["source_id"])
            if row_href:
                link += f", [{words['row']}]({row_href('gap_reasons', reason['reason_id'])})"
            lines.append(f"{head} {labels.translated(reason, 'reason')} ({link}) {labels.quote(reason)}")
    return lines


def main() -> int:
    print(markdown(load_typed(), load_resources()))
    return 0
