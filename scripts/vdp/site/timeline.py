"""The timeline page: contacts, pledges and deliveries on one date axis, month by month, filterable by partner.

Without JavaScript the page is the full list; assets/timeline.js adds the partner and kind filters.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import Markup

from vdp.measures.figures import VIETNAM
from vdp.package.resources import Resource
from vdp.site.labels import Labels, text
from vdp.site.safe import inert
from vdp.site.strings import strings
from vdp.site.templates import render_page
from vdp.site.text import LANGUAGES, day, number, page_file

ROOT = "../"  # from /timeline/ (or /vi/timeline/) up to the language's site root


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


def timeline_page(tables: dict[str, pd.DataFrame], labels: Labels) -> str:
    """The timeline page's Markdown (template timeline.md.j2): intro, then raw HTML months of events with data
    attributes for the filters."""
    lang, words = labels.lang, strings("timeline", labels.lang)
    frame = events(tables, labels)
    partners = sorted(frame["partner"].unique(), key=labels.actor)
    months = []
    for month, rows in frame.groupby(frame["date"].dt.to_period("M"), sort=True):
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
                    for _, e in rows.iterrows()
                ],
            }
        )
    return render_page(
        "timeline.md.j2",
        words=words,
        count=words["events"].format(n=number(len(frame), lang)),
        partners=[{"id": p, "name": labels.actor(p)} for p in partners],
        months=months,
    )


def write_timeline(dst: Path, tables: dict[str, pd.DataFrame], resources: dict[str, Resource]) -> None:
    """Write timeline.md in each language."""
    for lang in LANGUAGES:
        page = timeline_page(tables, Labels(tables, resources, lang))
        (dst / page_file("timeline", lang)).write_text(page, encoding="utf-8")
