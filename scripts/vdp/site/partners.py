"""One page per partner (every donor, seller, counterpart, and recipient of Vietnam's gifts) and the partners index."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import Markup

from vdp.measures.figures import VIETNAM, aid_to_vietnam, donations_to_vietnam
from vdp.measures.reconcile import COVAX, COVAX_CHANNELS
from vdp.package.resources import Resource
from vdp.site.html_table import records, row_ids
from vdp.site.labels import Labels, html_table, text
from vdp.site.safe import inert
from vdp.site.strings import strings
from vdp.site.templates import render_page
from vdp.site.text import LANGUAGES, field_labels, name_field, number, official_figure, other_language, page_file, title

ROOT = "../../"  # from /partners/ID/ (or /vi/partners/ID/) up to the language's site root


def partner_ids(tables: dict[str, pd.DataFrame], resources: dict[str, Resource]) -> list[str]:
    """Every actor that a table names in a partner field (Resource.actor_fields), other than Vietnam and its provinces."""
    ids = set()
    for name, resource in resources.items():
        for field in resource.actor_fields:
            ids |= set(tables[name][field].dropna().unique())
    return sorted(i for i in ids if i != VIETNAM and not i.startswith("vnm-"))


def _by_partner(frame: pd.DataFrame, resource: Resource) -> dict[str, pd.DataFrame]:
    """Rows of a table grouped by each partner column they name (a row can belong to two partners), in date order."""
    groups: dict[str, list[pd.DataFrame]] = {}
    for field in resource.actor_fields:
        for key, rows in frame.groupby(field, sort=False):
            groups.setdefault(key, []).append(rows)
    order = resource.date_field or resource.primary_key[0]
    return {key: pd.concat(parts).sort_values(order, kind="stable") for key, parts in groups.items()}


class PartnerRows:
    """Each partner's rows in every table that names partners, grouped once for all pages (descriptor order)."""

    def __init__(self, tables: dict[str, pd.DataFrame], resources: dict[str, Resource]):
        shown = [name for name, resource in resources.items() if resource.actor_fields]
        self.groups = {name: _by_partner(tables[name], resources[name]) for name in shown}
        self.empty = {name: tables[name].iloc[0:0] for name in shown}
        # grouped once, like the tables: a filter per partner and language made the pages quadratic in rows
        self.inward_aid = _by_partner(aid_to_vietnam(tables), resources["equipment_aid"])

    def rows(self, table: str, partner: str) -> pd.DataFrame:
        return self.groups[table].get(partner, self.empty[table])

    def aid_to_vietnam(self, partner: str) -> pd.DataFrame:
        """The partner's handovers of aid to Vietnam (figures.aid_to_vietnam), not gifts by Vietnamese donors abroad."""
        return self.inward_aid.get(partner, self.empty["equipment_aid"])


def _figures(partner: str, rows: PartnerRows, labels: Labels, words: dict) -> list[str]:
    lang = labels.lang

    def counted(n: int, noun: str) -> str:
        """A count with its noun in the right number ("1 shipment", "3 shipments")."""
        one, many = words[noun]
        return f"{number(n, lang)} {one if n == 1 else many}"

    donations, aid = rows.rows("donations", partner), rows.rows("equipment_aid", partner)
    lines = []
    for status, key, noun in (("delivered", "line_delivered", "shipment"), ("pledged", "line_pledged", "announcement")):
        part = donations_to_vietnam(donations, status)
        if len(part):
            lines.append(words[key].format(doses=number(part["doses"].sum(), lang), n=counted(len(part), noun)))
    given = donations[(donations["donor_id"] == VIETNAM) & (donations["status"] == "delivered")]
    if len(given):
        lines.append(words["line_given"].format(doses=number(given["doses"].sum(), lang), n=counted(len(given), "shipment")))
    received = rows.aid_to_vietnam(partner)
    if len(received):
        valued = received["value_usd"].notna().sum()
        value = (
            words["line_aid_value"].format(usd=number(received["value_usd"].sum(), lang), k=counted(valued, "handover"))
            if valued
            else words["line_aid_no_value"]
        )
        lines.append(words["line_aid"].format(n=counted(len(received), "handover"), value=value))
    if len(aid) > len(received):
        lines.append(words["line_aid_given"].format(n=counted(len(aid) - len(received), "handover")))
    bought = rows.rows("purchases", partner)
    if len(bought):
        delivered = bought[bought["status"] == "delivered"]["doses"].sum()
        doses = delivered if delivered else bought["doses"].sum()
        lines.append(words["line_bought"].format(doses=number(doses, lang), n=counted(len(bought), "row_count")))
    contacts = rows.rows("contacts", partner)
    if len(contacts):
        first, last = labels.date(contacts.iloc[0]), labels.date(contacts.iloc[-1])
        lines.append(words["line_contacts"].format(n=counted(len(contacts), "contact"), first=first, last=last))
    return [Markup(line) for line in lines]  # catalogue words around numbers and <time> elements built from dates


def field_cell(labels: Labels, resource: Resource, field: str, row: pd.Series) -> str:
    """One field of a row as HTML in the page language, by what its schema says it is: a partner or a vaccine by
    name, a number with the language's separators, a coded value by its label, a text by its translation."""
    value, lang = row[field], labels.lang
    target = resource.references.get(field)
    if target == "actors":
        return inert(labels.actor(value)) if text(value) else "—"
    if target == "vaccines":
        return inert(labels.vaccine(value))
    schema_field = resource.fields[field]
    if schema_field["type"] in ("integer", "number"):
        return number(value, lang)
    if field_labels(schema_field, lang):
        return inert(labels.value(resource.name, field, text(value)))
    if f"{field}_vi" in resource.fields:
        return labels.translated(row, field)
    return inert(text(value))


def column_cell(labels: Labels, resource: Resource, column: dict, row: pd.Series) -> str:
    """A partner-page cell of one column of Resource.partner_columns: a field, or fields in a named format."""
    fields, form = column["fields"], column.get("format", "")
    if form == "pair":  # from → to
        html = " → ".join(field_cell(labels, resource, f, row) for f in fields)
    elif form == "amount":  # a figure and its unit, or a dash when no figure is stated
        amount, unit = fields
        html = (
            f"{number(row[amount], labels.lang)} {field_cell(labels, resource, unit, row)}".strip()
            if pd.notna(row[amount])
            else "—"
        )
    elif form == "person":  # a person and their office
        html = labels.person(row, *fields)
    elif form == "figure":  # a stated figure with its qualifier and unit
        qualifier, amount, unit = fields
        units = field_labels(resource.fields[unit], labels.lang)
        html = inert(official_figure(row[amount], row[qualifier], row[unit], labels.lang, units))
    else:
        html = " ".join(field_cell(labels, resource, f, row) for f in fields)
    return html if column.get("searchable", True) else unindexed(html)  # long text would only weigh the index


def column_heading(resource: Resource, column: dict, lang: str) -> str:
    """A partner-page column's heading: the column's own title, or its fields' titles."""
    if "title" in column:
        return title(column, lang)
    return " → ".join(title(resource.fields[f], lang) for f in column["fields"])


def unindexed(html: str) -> str:
    """A cell's HTML kept out of the site's search index (dates, row ids, source links and quotes would only weigh it)."""
    return f"<span data-search-exclude>{html}</span>"


def _channel_note(partner: str, rows: PartnerRows, labels: Labels, words: dict) -> str:
    """On COVAX's page: the doses other governments gave through it, so its own total and the channel's agree with
    the coverage page."""
    if partner != COVAX:
        return ""
    delivered = donations_to_vietnam(labels.tables["donations"], "delivered")
    through = delivered[delivered["channel"].isin(COVAX_CHANNELS)]
    shared = through[through["donor_id"] != COVAX]
    lang = labels.lang
    return words["channel_note"].format(
        shared=number(shared["doses"].sum(), lang), n=number(len(shared), lang), total=number(through["doses"].sum(), lang)
    )


def _section(table: str, frame: pd.DataFrame, labels: Labels) -> dict | None:
    """A partner's rows of one table: its date, the table's partner columns, then links to the row and its source."""
    if frame.empty:
        return None
    resource, lang, words = labels.resources[table], labels.lang, strings("partners", labels.lang)
    date, columns = resource.date_field, resource.partner_columns
    cells = []
    for row_id, r in zip(row_ids(frame, resource.primary_key), records(frame), strict=True):
        dated = [unindexed(labels.date(r, date, f"{date}_precision"))] if date else []
        middle = [column_cell(labels, resource, c, r) for c in columns]  # the words a reader searches for
        source = [unindexed(labels.source_link(r["source_id"]) + labels.quote(r))] if "source_id" in r else []
        cells.append([*dated, *middle, unindexed(labels.row_link(table, row_id, ROOT)), *source])
    headers = [
        *([title(resource.fields[date], lang)] if date else []),
        *(column_heading(resource, c, lang) for c in columns),
        words["row"],
        *([words["source"]] if "source_id" in frame.columns else []),
    ]
    return {"title": title(resource.descriptor, lang), "table": Markup(html_table(headers, cells))}


def partner_page(partner: str, actor: pd.Series, rows: PartnerRows, labels: Labels) -> str:
    """Markdown page of one partner (template partner.md.j2): its figures, then its rows from each table in date
    order, then its sources."""
    lang, words = labels.lang, strings("partners", labels.lang)
    sections = [s for table in rows.groups if (s := _section(table, rows.rows(table, partner), labels))]
    source_ids = sorted({s for table in rows.groups for s in rows.rows(table, partner).get("source_id", pd.Series()).dropna()})
    return render_page(
        "partner.md.j2",
        name=actor[name_field(lang)],
        other_name=actor[name_field(other_language(lang))],
        kind=labels.value("actors", "kind", actor["kind"]),
        partner=partner,
        words=words,
        figures=_figures(partner, rows, labels, words),
        channel_note=_channel_note(partner, rows, labels, words),
        sections=sections,
        sources=[{"link": Markup(labels.source_link(s)), "row": Markup(labels.row_link("sources", s, ROOT))} for s in source_ids],
    )


def partners_index(ids: list[str], actors: pd.DataFrame, rows: PartnerRows, labels: Labels) -> str:
    """The partners index (template partners.md.j2): one line per partner with its main figures, largest donors
    first."""
    lang = labels.lang
    kinds = actors.set_index("actor_id")["kind"]
    lines = []
    for partner in ids:
        donations = rows.rows("donations", partner)  # a partner's rows to Vietnam are the ones it gave
        delivered = donations_to_vietnam(donations, "delivered")["doses"].sum()
        lines.append(
            {
                "order": (-delivered, labels.actor(partner), partner),
                "name": labels.actor(partner),
                "href": Markup(f"partners/{partner}.md"),  # actor ids are [A-Z]{3} or lower-case words and dashes
                "kind": labels.value("actors", "kind", kinds[partner]),
                "delivered": number(delivered, lang),
                "pledged": number(donations_to_vietnam(donations, "pledged")["doses"].sum(), lang),
                "aid": len(rows.aid_to_vietnam(partner)),
                "contacts": len(rows.rows("contacts", partner)),
            }
        )
    return render_page("partners.md.j2", words=strings("partners", lang), partners=sorted(lines, key=lambda line: line["order"]))


def write_partner_pages(dst: Path, tables: dict[str, pd.DataFrame], resources: dict[str, Resource]) -> None:
    """Write partners.md and partners/ID.md in each language from the typed tables."""
    ids = partner_ids(tables, resources)
    rows = PartnerRows(tables, resources)
    actors = tables["actors"].set_index("actor_id")
    (dst / "partners").mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        labels = Labels(tables, resources, lang)
        (dst / page_file("partners", lang)).write_text(partners_index(ids, tables["actors"], rows, labels), encoding="utf-8")
        for partner in ids:
            page = partner_page(partner, actors.loc[partner], rows, labels)
            (dst / "partners" / page_file(partner, lang)).write_text(page, encoding="utf-8")
