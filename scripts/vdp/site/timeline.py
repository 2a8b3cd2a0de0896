"""The timeline: contacts, pledges and deliveries on one date axis, month by month, filterable by partner.

Like a table, it is cut into pages of at most EVENTS_PER_PAGE events (timeline/, timeline-2/, ...), so a page stays
light however large the data grow; the real data fit on one. Without JavaScript each page is its full list of
events; assets/timeline.js adds the partner and kind filters, which work on the events of the page.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import Markup

from vdp.measures.figures import VIETNAM
from vdp.package.resources import Resource
from vdp.site.html_table import ROWS_PER_PAGE
from vdp.site.labels import Labels, text
from vdp.site.safe import attribute, inert
from vdp.site.strings import strings
from vdp.site.templates import render_page
from vdp.site.text import LANGUAGES, day, number, page_file, page_href

ROOT = "../"  # from /timeline/ (or /timeline-2/, /vi/timeline/ ...) up to the language's site root
EVENTS_PER_PAGE = ROWS_PER_PAGE  # events a timeline page holds, as a table page holds rows


def timeline_url(page: int) -> str:
    """The URL (from the language's site root) of a timeline page: timeline/, then timeline-2/ and so on."""
    return "timeline/" if page == 1 else f"timeline-{page}/"


def events(tables: dict[str, pd.DataFrame], labels: Labels) -> pd.DataFrame:
    """One row per event: date, kind, partner, the sentence shown, and links to its row and source."""
    words = strings("timeline", labels.lang)
    items = []
    for _, r in tables["donations"].iterrows():
        partner = r["recipient_id"] if r["donor_id"] == VIETNAM else r["donor_id"]
        template = words["pledge" if r["status"] == "pledged" else "delivery"]
        sentence = template.format(
            donor=labels.actor(r["donor_id"]),
            recipient=labels.actor(r["recipient_id"]),
            doses=labels.doses(r["doses"]),
            vaccine=labels.vaccine(r["vaccine_id"]),
            channel=labels.value("donations", "channel", r["channel"]),
        )
        items.append((r, r["status"], partner, inert(sentence), "donations", r["donation_id"]))
    for _, r in tables["contacts"].iterrows():
        counterpart = ", ".join(p for p in (text(r["counterpart_person"]), labels.actor(r["counterpart_id"])) if p)
        channel = labels.value("contacts", "channel", r["channel"])
        sentence = words["contact"].format(
            channel=inert(channel[0].upper() + channel[1:]),
            vn=labels.person(r, "vn_person", "vn_role"),
            counterpart=inert(counterpart),
        )
        summary = f' <span class="event-summary">{labels.summary(r)}</span>'
        items.append((r, "contact", r["counterpart_id"], sentence + summary, "contacts", r["contact_id"]))
    frame = pd.DataFrame(
        [
            {
                "date": r["date"],
                "when": labels.date(r),
                "kind": kind,
                "partner": partner,
                "html": html,
                "links": f"{labels.row_link(table, row_id, ROOT)} · {labels.source_link(r['source_id'])}",
            }
            for r, kind, partner, html, table, row_id in items
        ]
    )
    return frame.sort_values(["date", "kind"], kind="stable").reset_index(drop=True)


def _months(rows: pd.DataFrame, lang: str) -> list[dict]:
    """The events of one page, month by month, as the template shows them."""
    months = []
    for month, events_of_month in rows.groupby(rows["date"].dt.to_period("M"), sort=True):
        start = month.to_timestamp()
        months.append(
            {
                "id": f"{start:%Y-%m}",
                "title": day(start, lang, "month").capitalize(),
                "events": [
                    {
                        "kind": e["kind"],
                        "partner": e["partner"],
                        "when": Markup(e["when"]),
                        "html": Markup(e["html"]),
                        "links": Markup(e["links"]),
                    }
                    for _, e in events_of_month.iterrows()
                ],
            }
        )
    return months


def _pager(frame: pd.DataFrame, current: int, lang: str) -> str:
    """Links to every page of the timeline, each named by its events and months (plain links: no JavaScript)."""
    words, here, items = strings("timeline", lang), timeline_url(current), []
    for page, start in enumerate(range(0, len(frame), EVENTS_PER_PAGE), start=1):
        dates = frame["date"].iloc[start : start + EVENTS_PER_PAGE]
        label = inert(
            words["range"].format(
                a=number(start + 1, lang),
                b=number(start + len(dates), lang),
                first=day(dates.iloc[0], lang, "month"),
                last=day(dates.iloc[-1], lang, "month"),
            )
        )
        if page == current:
            items.append(f'<li aria-current="page">{label}</li>')
        else:
            items.append(f'<li><a href="{attribute(page_href(here, timeline_url(page)))}">{label}</a></li>')
    return f'<nav class="table-pages" aria-label="{inert(words["pages"])}"><ul>{"".join(items)}</ul></nav>'


def timeline_pages(tables: dict[str, pd.DataFrame], labels: Labels) -> dict[str, str]:
    """The timeline's pages (file name -> Markdown, template timeline.md.j2): intro, then raw HTML months of events
    with data attributes for the filters, at most EVENTS_PER_PAGE events a page."""
    lang, words = labels.lang, strings("timeline", labels.lang)
    frame = events(tables, labels)
    partners = [{"id": p, "name": labels.actor(p)} for p in sorted(frame["partner"].unique(), key=labels.actor)]
    total = len(frame)
    several = total > EVENTS_PER_PAGE
    pages = {}
    for page, start in enumerate(range(0, max(total, 1), EVENTS_PER_PAGE), start=1):
        rows = frame.iloc[start : start + EVENTS_PER_PAGE]
        text = render_page(
            "timeline.md.j2",
            page=page,
            words=words,
            count=words["events"].format(n=number(total, lang)),
            several=several,
            note=words["partial"].format(a=number(start + 1, lang), b=number(start + len(rows), lang), n=number(total, lang)),
            shown=words["shown_page" if several else "shown"],
            pager=Markup(_pager(frame, page, lang)),
            partners=partners,
            months=_months(rows, lang),
        )
        pages[page_file("timeline" if page == 1 else f"timeline-{page}", lang)] = text
    return pages


def write_timeline(dst: Path, tables: dict[str, pd.DataFrame], resources: dict[str, Resource]) -> None:
    """Write the timeline's pages (timeline.md, timeline-2.md, ...) in each language."""
    for lang in LANGUAGES:
        for file_name, page in timeline_pages(tables, Labels(tables, resources, lang)).items():
            (dst / file_name).write_text(page, encoding="utf-8")
