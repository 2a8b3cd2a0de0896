"""One page per partner (every donor, seller, counterpart, and recipient of Vietnam's gifts) and the partners index."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from event_text import Labels, html_table, text
from figures import VIETNAM, aid_to_vietnam, donations_to_vietnam
from package_io import Resource
from reconcile import COVAX, COVAX_CHANNELS
from safe_text import inert
from site_text import LANGUAGES, number, official_figure, page_file, value_labels

PARTNER_FIELDS = {
    "donations": ("donor_id", "recipient_id"),
    "equipment_aid": ("donor_id", "recipient_id"),
    "contacts": ("counterpart_id",),
    "purchases": ("seller_id",),
    "official_totals": ("subject_id",),
}
ROOT = "../../"  # from /partners/ID/ (or /vi/partners/ID/) up to the language's site root
WORDS = {
    "en": {
        "index_title": "Partners",
        "index_intro": "Every government, international organisation, company, community and foreign province that "
        "gave Vietnam vaccines or aid, sold it vaccines, discussed vaccines with its leaders, or received vaccines "
        "from Vietnam. Each page gathers that partner's rows from every table, in date order, with their sources.",
        "partner": "Partner",
        "kind": "Kind",
        "delivered": "Donated doses delivered to Vietnam",
        "pledged": "Doses pledged to Vietnam",
        "aid": "Aid handovers to Vietnam",
        "contacts": "Contacts",
        "code": "Code in the data",
        "summary": "In figures",
        "donations": "Vaccine pledges and shipments",
        "purchases": "Vaccines Vietnam bought",
        "equipment": "Equipment and medical aid",
        "contact_list": "Diplomatic contacts about vaccines",
        "totals": "Stated totals",
        "sources": "Sources",
        "none": "None recorded.",
        "date": "Date",
        "status": "Status",
        "from_to": "From → to",
        "vaccine": "Vaccine",
        "doses": "Doses",
        "channel": "Channel",
        "row": "Row",
        "source": "Source",
        "category": "Category",
        "what": "What",
        "quantity": "Quantity",
        "value": "Value as stated",
        "vietnam": "Vietnam",
        "counterpart": "Counterpart",
        "summary_col": "Summary",
        "as_of": "As of",
        "metric": "Total",
        "figure": "Figure",
        "line_delivered": "{doses} donated doses delivered to Vietnam in {n}",
        "line_pledged": "{doses} doses pledged to Vietnam in {n} (counted separately)",
        "line_given": "{doses} doses given by Vietnam in {n}",
        "line_aid": "{n} of equipment and medical aid to Vietnam; {value}",
        "line_aid_value": "US$ {usd} for the {k} that state a value",
        "line_aid_no_value": "no source states a value",
        "line_aid_given": "{n} of aid from Vietnam",
        "line_bought": "{doses} doses that Vietnam bought ({n}: contracts and deliveries)",
        "line_contacts": "{n} in which vaccines were raised, from {first} to {last}",
        "shipment": ("shipment", "shipments"),
        "announcement": ("announcement", "announcements"),
        "handover": ("handover", "handovers"),
        "row_count": ("row", "rows"),
        "contact": ("diplomatic contact", "diplomatic contacts"),
        "back": "All partners",
        "channel_note": "COVAX was also the channel for doses other governments gave: {shared} doses in {n} shipments "
        "reached Vietnam through COVAX on their behalf, and are listed on those governments' pages. With COVAX's own "
        "doses above, {total} donated doses reached Vietnam through COVAX, the figure the coverage page compares with "
        "COVAX's stated totals.",
    },
    "vi": {
        "index_title": "Đối tác",
        "index_intro": "Mọi chính phủ, tổ chức quốc tế, doanh nghiệp, cộng đồng và địa phương nước ngoài đã tặng Việt "
        "Nam vắc xin hoặc viện trợ, bán vắc xin cho Việt Nam, trao đổi về vắc xin với lãnh đạo Việt Nam, hoặc nhận "
        "vắc xin từ Việt Nam. Mỗi trang tập hợp các dòng dữ liệu của đối tác đó từ mọi bảng, theo thứ tự thời gian, "
        "kèm nguồn.",
        "partner": "Đối tác",
        "kind": "Loại",
        "delivered": "Số liều được tặng đã về Việt Nam",
        "pledged": "Số liều cam kết tặng Việt Nam",
        "aid": "Số lần viện trợ cho Việt Nam",
        "contacts": "Số cuộc tiếp xúc",
        "code": "Mã trong dữ liệu",
        "summary": "Các con số",
        "donations": "Cam kết và các lô vắc xin",
        "purchases": "Vắc xin Việt Nam mua",
        "equipment": "Trang thiết bị và viện trợ y tế",
        "contact_list": "Các cuộc tiếp xúc ngoại giao về vắc xin",
        "totals": "Các con số tổng được công bố",
        "sources": "Nguồn",
        "none": "Chưa có dòng nào.",
        "date": "Ngày",
        "status": "Trạng thái",
        "from_to": "Từ → đến",
        "vaccine": "Vắc xin",
        "doses": "Số liều",
        "channel": "Kênh",
        "row": "Dòng",
        "source": "Nguồn",
        "category": "Loại",
        "what": "Nội dung",
        "quantity": "Số lượng",
        "value": "Giá trị theo nguồn",
        "vietnam": "Phía Việt Nam",
        "counterpart": "Phía đối tác",
        "summary_col": "Tóm tắt",
        "as_of": "Tính đến",
        "metric": "Chỉ tiêu",
        "figure": "Con số",
        "line_delivered": "{doses} liều vắc xin được tặng đã về Việt Nam trong {n}",
        "line_pledged": "{doses} liều cam kết tặng Việt Nam trong {n} (tính riêng)",
        "line_given": "{doses} liều Việt Nam tặng trong {n}",
        "line_aid": "{n} trao trang thiết bị và viện trợ y tế cho Việt Nam; {value}",
        "line_aid_value": "{usd} USD ở {k} có nêu giá trị",
        "line_aid_no_value": "không nguồn nào nêu giá trị",
        "line_aid_given": "{n} Việt Nam trao viện trợ",
        "line_bought": "{doses} liều Việt Nam mua ({n}: hợp đồng và lô hàng)",
        "line_contacts": "{n} có đề cập vắc xin, từ {first} đến {last}",
        "shipment": ("lô", "lô"),
        "announcement": ("thông báo", "thông báo"),
        "handover": ("lần", "lần"),
        "row_count": ("dòng", "dòng"),
        "contact": ("cuộc tiếp xúc ngoại giao", "cuộc tiếp xúc ngoại giao"),
        "back": "Tất cả đối tác",
        "channel_note": "COVAX còn là kênh chuyển vắc xin do các chính phủ khác tặng: {shared} liều trong {n} lô về Việt "
        "Nam qua COVAX thay mặt các chính phủ đó, và được liệt kê trên trang của họ. Cộng với các liều của chính COVAX ở "
        "trên, {total} liều được tặng đã về Việt Nam qua COVAX, là con số mà trang mức độ bao phủ so với các tổng COVAX "
        "công bố.",
    },
}


def partner_ids(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Every actor that appears in a fact table other than Vietnam and its provinces."""
    ids = set()
    for table, fields in PARTNER_FIELDS.items():
        for field in fields:
            ids |= set(tables[table][field].dropna().unique())
    return sorted(i for i in ids if i != VIETNAM and not i.startswith("vnm-"))


def _by_partner(frame: pd.DataFrame, fields: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """Rows of a table grouped by each partner column they name (a row can belong to two partners)."""
    groups: dict[str, list[pd.DataFrame]] = {}
    for field in fields:
        for key, rows in frame.groupby(field, sort=False):
            groups.setdefault(key, []).append(rows)
    order = "as_of" if "as_of" in frame.columns else "date"
    return {key: pd.concat(parts).sort_values(order, kind="stable") for key, parts in groups.items()}


class PartnerRows:
    """Each partner's rows in every fact table, grouped once for all pages."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.groups = {table: _by_partner(tables[table], fields) for table, fields in PARTNER_FIELDS.items()}
        self.empty = {table: tables[table].iloc[0:0] for table in PARTNER_FIELDS}
        self.inward_aid = set(aid_to_vietnam(tables)["aid_id"])

    def rows(self, table: str, partner: str) -> pd.DataFrame:
        return self.groups[table].get(partner, self.empty[table])

    def aid_to_vietnam(self, partner: str) -> pd.DataFrame:
        """The partner's handovers of aid to Vietnam (figures.aid_to_vietnam), not gifts by Vietnamese donors abroad."""
        aid = self.rows("equipment_aid", partner)
        return aid[(aid["donor_id"] == partner) & aid["aid_id"].isin(self.inward_aid)]


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
    return [f"- {line}" for line in lines]


def _middle_cells(labels: Labels) -> dict[str, tuple[list[str], Callable[[pd.Series], list[str]]]]:
    """For each table shown on a partner page: its own column headings and cells, between the date and the links."""
    lang, value = labels.lang, labels.value
    units = value_labels(labels.resources["official_totals"], "unit", lang)

    def arrow(r: pd.Series) -> str:
        return inert(f"{labels.actor(r['donor_id'])} → {labels.actor(r['recipient_id'])}")

    def stated(amount: float, unit_html: str) -> str:
        """An amount with its unit (already HTML), or a dash."""
        return f"{inert(number(amount, lang))} {unit_html}".strip() if pd.notna(amount) else "—"

    return {
        "donations": (
            ["status", "from_to", "vaccine", "doses", "channel"],
            lambda r: [
                inert(value("donations", "status", r["status"])),
                arrow(r),
                inert(labels.vaccine(r["vaccine_id"])),
                number(r["doses"], lang),
                inert(value("donations", "channel", r["channel"])),
            ],
        ),
        "purchases": (
            ["status", "vaccine", "doses"],
            lambda r: [
                inert(value("purchases", "status", r["status"])),
                inert(labels.vaccine(r["vaccine_id"])),
                number(r["doses"], lang),
            ],
        ),
        "equipment_aid": (
            ["from_to", "category", "what", "quantity", "value"],
            lambda r: [
                arrow(r),
                inert(value("equipment_aid", "category", r["category"])),
                labels.translated(r, "description"),
                stated(r["quantity"], labels.translated(r, "unit")),
                stated(r["value"], inert(text(r["currency"]))),
            ],
        ),
        "contacts": (
            ["channel", "vietnam", "counterpart", "summary_col"],
            lambda r: [
                inert(value("contacts", "channel", r["channel"])),
                labels.person(r, "vn_person", "vn_role"),
                labels.person(r, "counterpart_person", "counterpart_role"),
                unindexed(labels.summary(r)),  # long: the people and the partner are what readers search for
            ],
        ),
        "official_totals": (
            ["metric", "figure"],
            lambda r: [
                inert(value("official_totals", "metric", r["metric"])),
                inert(official_figure(r["value"], r["qualifier"], r["unit"], lang, units)),
            ],
        ),
    }


SECTIONS = {
    "donations": "donations",
    "purchases": "purchases",
    "equipment_aid": "equipment",
    "contacts": "contact_list",
    "official_totals": "totals",
}  # table -> the heading's key in WORDS, in page order


def unindexed(html: str) -> str:
    """A cell's HTML kept out of the site's search index (dates, row ids, source links and quotes would only weigh it)."""
    return f"<span data-search-exclude>{html}</span>"


def _channel_note(partner: str, rows: PartnerRows, labels: Labels, words: dict) -> list[str]:
    """On COVAX's page: the doses other governments gave through it, so its own total and the channel's agree with
    the coverage page."""
    if partner != COVAX:
        return []
    delivered = donations_to_vietnam(labels.tables["donations"], "delivered")
    through = delivered[delivered["channel"].isin(COVAX_CHANNELS)]
    shared = through[through["donor_id"] != COVAX]
    lang = labels.lang
    return [
        words["channel_note"].format(
            shared=number(shared["doses"].sum(), lang), n=number(len(shared), lang), total=number(through["doses"].sum(), lang)
        ),
        "",
    ]


def partner_page(partner: str, actor: pd.Series, rows: PartnerRows, labels: Labels) -> str:
    """Markdown page of one partner: its figures, then its rows from each table in date order, then its sources."""
    lang, w = labels.lang, WORDS[labels.lang]
    other = actor["name_vi"] if lang == "en" else actor["name_en"]
    parts = [
        f"# {inert(actor[f'name_{lang}'])}",
        "",
        f"*{inert(other)}* · {inert(labels.value('actors', 'kind', actor['kind']))} · {w['code']}: <code>{inert(partner)}</code> · "
        f"[{w['back']}](../partners.md)",
        "",
        f"## {w['summary']}",
        "",
        *(_figures(partner, rows, labels, w) or [w["none"]]),
        "",
        *_channel_note(partner, rows, labels, w),
    ]
    middles = _middle_cells(labels)
    for table, heading in SECTIONS.items():
        frame = rows.rows(table, partner)
        if frame.empty:
            continue
        date = "as_of" if "as_of" in frame.columns else "date"
        key = labels.resources[table].primary_key[0]
        columns, middle = middles[table]
        cells = [
            [
                unindexed(labels.date(r, date, f"{date}_precision")),
                *middle(r),  # what was given, to whom, by whom: the words a reader searches for
                unindexed(labels.row_link(table, r[key], ROOT)),
                unindexed(labels.source_link(r["source_id"]) + labels.quote(r)),
            ]
            for _, r in frame.iterrows()
        ]
        headers = [w[c] for c in (date, *columns, "row", "source")]
        parts += [f"## {w[heading]}", "", html_table(headers, cells), ""]
    source_ids = sorted({s for table in PARTNER_FIELDS for s in rows.rows(table, partner)["source_id"].dropna()})
    items = "".join(f"<li>{labels.source_link(s)}: {labels.row_link('sources', s, ROOT)}</li>" for s in source_ids)
    parts += [f"## {w['sources']}", "", f'<ul class="partner-sources" data-search-exclude markdown="0">{items}</ul>']
    return "\n".join(parts) + "\n"


def partners_index(ids: list[str], actors: pd.DataFrame, rows: PartnerRows, labels: Labels) -> str:
    """The partners index: one line per partner with its main figures, largest donors first."""
    lang, words = labels.lang, WORDS[labels.lang]
    lines = []
    for partner in ids:
        donations = rows.rows("donations", partner)  # a partner's rows to Vietnam are the ones it gave
        delivered = donations_to_vietnam(donations, "delivered")["doses"].sum()
        lines.append(
            (
                -delivered,
                labels.actor(partner),
                partner,
                number(delivered, lang),
                number(donations_to_vietnam(donations, "pledged")["doses"].sum(), lang),
                len(rows.aid_to_vietnam(partner)),
                len(rows.rows("contacts", partner)),
            )
        )
    kinds = actors.set_index("actor_id")["kind"]
    table = [
        f"| {words['partner']} | {words['kind']} | {words['delivered']} | {words['pledged']} | {words['aid']} | {words['contacts']} |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for _, name, partner, delivered, pledged, aid_count, contact_count in sorted(lines):
        kind = inert(labels.value("actors", "kind", kinds[partner]))
        table.append(
            f"| [{inert(name)}](partners/{partner}.md) | {kind} | {delivered} | {pledged} | {aid_count} | {contact_count} |"
        )
    return "\n".join([f"# {words['index_title']}", "", words["index_intro"], "", *table, ""])


def write_partner_pages(dst: Path, tables: dict[str, pd.DataFrame], resources: dict[str, Resource]) -> None:
    """Write partners.md and partners/ID.md in each language from the typed tables."""
    ids = partner_ids(tables)
    rows = PartnerRows(tables)
    actors = tables["actors"].set_index("actor_id")
    (dst / "partners").mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        labels = Labels(tables, resources, lang)
        (dst / page_file("partners", lang)).write_text(partners_index(ids, tables["actors"], rows, labels), encoding="utf-8")
        for partner in ids:
            page = partner_page(partner, actors.loc[partner], rows, labels)
            (dst / "partners" / page_file(partner, lang)).write_text(page, encoding="utf-8")
