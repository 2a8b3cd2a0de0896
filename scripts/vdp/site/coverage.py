"""Print, as Markdown, how far the itemised rows reach towards each official total.

Usage: python scripts/coverage_report.py
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from markupsafe import Markup

from vdp.measures.reconcile import DONOR_TOLERANCE, REASONS, coverage, donor_check, donor_gaps
from vdp.measures.targets import TARGETS, measure_targets
from vdp.package.resources import Resource, load_resources, load_typed
from vdp.site.labels import Labels
from vdp.site.safe import inert
from vdp.site.strings import strings
from vdp.site.templates import render_page
from vdp.site.text import day, number, official_figure, share, value_labels


def _level(value: float, kind: str, lang: str) -> str:
    return share(value) if kind == "share" else number(value, lang)


def targets_rows(tables: dict[str, pd.DataFrame], report: pd.DataFrame, lang: str = "en") -> list[dict]:
    """The research targets, one row each: what it requires, what the data reach, and whether it is met."""
    measured = measure_targets(tables, report).set_index("key")
    return [
        {
            "label": Markup(target.label[lang]),  # the project's own wording
            "required": f"{'' if target.required == 1 else '≥ '}{_level(target.required, target.kind, lang)}",
            "measured": _level(measured.loc[target.key, "measured"], target.kind, lang),
            "mark": "✓" if measured.loc[target.key, "met"] else "✗",
        }
        for target in TARGETS
    ]


def targets_table(tables: dict[str, pd.DataFrame], report: pd.DataFrame, lang: str = "en") -> str:
    """The research targets as a Markdown table under its heading (the methodology page shows it)."""
    return render_page("coverage_targets.md.j2", words=_catalogue(lang), targets=targets_rows(tables, report, lang))


def _catalogue(lang: str) -> dict[str, Markup]:
    """The coverage report's catalogue lines, which hold Markdown (table headers, emphasis): the project's own text."""
    return {key: Markup(value) for key, value in strings("coverage_report", lang).items() if isinstance(value, str)}


def markdown(
    tables: dict[str, pd.DataFrame],
    resources: dict[str, Resource],
    row_href: Callable[[str, str], str] | None = None,
    lang: str = "en",
    targets: bool = True,
    heading: tuple[str, str] | None = None,
) -> str:
    """The research targets (unless targets=False, as on the reader's coverage page), then the reconciliation tables:
    national totals and each donor's latest running total; under a page's (heading, intro) when given.

    Metric names come from the schemas of the package the tables were read from (resources); with row_href (see
    vdp.site.pages.row_locator) each official figure links its row."""
    words = strings("coverage_report", lang)
    report = coverage(tables)
    metric_labels = value_labels(resources["official_totals"], "metric", lang)
    units = value_labels(resources["official_totals"], "unit", lang)
    labels = Labels(tables, resources, lang)

    def when(row: pd.Series) -> str:
        return day(pd.Timestamp(row["as_of"]), lang, row["as_of_precision"])

    def official(row: pd.Series) -> Markup:
        text = inert(official_figure(row["official"], row["qualifier"], row["unit"], lang, units))
        return Markup(f"[{text}]({row_href('official_totals', row['total_id'])})" if row_href else text)

    def itemised(row: pd.Series) -> str:
        text = number(row["itemised"], lang)
        return f"{text} ({words['unsized'].format(n=row['unsized'])})" if row["unsized"] else text

    national = report[report["subject_id"] == "VNM"]
    tolerance = f"{DONOR_TOLERANCE:.0%}"
    return render_page(
        "coverage.md.j2",
        heading=heading[0] if heading else None,
        intro=Markup(heading[1]) if heading else None,
        words=_catalogue(lang),
        targets=targets_rows(tables, report, lang) if targets else [],
        national=[
            {
                "metric": metric_labels[row["metric"]],
                "when": when(row),
                "official": official(row),
                "itemised": itemised(row),
                "gap": number(row["gap"], lang),
                "share": share(row["gap_share"]),
            }
            for _, row in national.iterrows()
        ],
        reasons=[{"metric": metric_labels[m], "text": Markup(REASONS[m][lang])} for m in national["metric"].unique()],
        donors_intro=Markup(words["donors"].format(tol=tolerance)),
        donor_head=Markup(words["donor_head"].format(tol=tolerance)),
        donors=[
            {
                "partner": labels.actor(row["subject_id"]),
                "when": when(row),
                "official": official(row),
                "itemised": itemised(row),
                "share": share(row["gap_share"]),
                "mark": "✓" if row["within_tolerance"] else "✗",
            }
            for _, row in donor_check(report).iterrows()
        ],
        gaps_intro=Markup(words["gap_reasons"].format(tol=tolerance)),
        gaps=gap_reasons(labels, report, row_href, when),
    )


def gap_reasons(
    labels: Labels, report: pd.DataFrame, row_href: Callable[[str, str], str] | None, when: Callable[[pd.Series], str]
) -> list[dict]:
    """One item per donor short of its stated total and each sourced reason (table gap_reasons) with its source and
    folded quote, or a plain statement that none has been found, so that no gap is silent."""
    lang, words = labels.lang, strings("coverage_report", labels.lang)
    items = []
    for _, rows in donor_gaps(labels.tables, report).groupby("total_id", sort=False):
        first = rows.iloc[0]
        item = {
            "partner": labels.actor(first["subject_id"]),
            "short": words["short_by"].format(gap=number(first["gap"], lang), date=when(first)),
        }
        if pd.isna(first["reason_id"]):
            items.append({**item, "reason": words["no_reason"]})
            continue
        for _, reason in rows.iterrows():
            link = labels.source_link(reason["source_id"])
            if row_href:
                link += f", [{words['row']}]({row_href('gap_reasons', reason['reason_id'])})"
            items.append({**item, "reason": Markup(f"{labels.translated(reason, 'reason')} ({link}) {labels.quote(reason)}")})
    return items


def main() -> int:
    print(markdown(load_typed(), load_resources()))
    return 0
