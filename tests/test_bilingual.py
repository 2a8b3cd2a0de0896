"""Both languages of the built site: every page has a twin, and the generated pages carry the data's figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import read_csv
from vdp.measures.figures import aid_to_vietnam, donations_to_vietnam, headline
from vdp.measures.story import story
from vdp.package.resources import PACKAGE_DIR, load_resources, load_typed
from vdp.site.labels import Labels
from vdp.site.partners import partner_ids
from vdp.site.safe import inert as escape  # the pages escape every data value this way
from vdp.site.text import number

TABLES = load_typed(PACKAGE_DIR)
RESOURCES = load_resources(PACKAGE_DIR)
SWITCH = re.compile(r'<a href="([^"]*)" hreflang="(en|vi)"')


def _pages(site: Path) -> list[Path]:
    skip = ("assets", "search")
    return [p for p in site.rglob("index.html") if p.relative_to(site).parts[0] not in skip]


def test_every_page_has_a_twin_in_the_other_language(site: Path):
    pages = _pages(site)
    english = [p for p in pages if p.relative_to(site).parts[0] != "vi"]
    assert len(pages) == 2 * len(english) > 300
    for page in pages:
        html = page.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="(\w+)"', html).group(1)
        assert lang == ("vi" if page.relative_to(site).parts[0] == "vi" else "en"), page
        links = dict((language, href) for href, language in SWITCH.findall(html))
        for language, href in links.items():
            twin = (page.parent / href / "index.html").resolve()
            assert twin.exists(), (page, href)
            assert f'<html lang="{language}"' in twin.read_text(encoding="utf-8"), (page, href)
            expected = page if language == lang else None
            assert expected is None or twin == page.resolve()


def test_vietnamese_home_page_shows_the_figures_in_vietnamese_format(site: Path):
    html = (site / "vi" / "index.html").read_text(encoding="utf-8")
    figures = headline(TABLES)
    assert number(figures["doses_delivered"], "vi") in html
    assert "." in number(figures["doses_delivered"], "vi")
    assert "Số liều vắc xin được tặng đã về Việt Nam" in html


def test_every_partner_has_a_page_in_both_languages_with_its_figures(site: Path):
    ids = partner_ids(TABLES, RESOURCES)
    delivered = donations_to_vietnam(TABLES["donations"], "delivered").groupby("donor_id")["doses"].sum()
    contacts = TABLES["contacts"]["counterpart_id"].value_counts()
    aid_given = aid_to_vietnam(TABLES)["donor_id"].value_counts()
    assert {"JPN", "USA", "covax", "LAO", "vingroup"} <= set(ids)  # vingroup: a Vietnamese company's gift abroad
    for partner in ids:
        english = (site / "partners" / partner / "index.html").read_text(encoding="utf-8")
        vietnamese = (site / "vi" / "partners" / partner / "index.html").read_text(encoding="utf-8")
        if partner in delivered:
            assert f"{number(delivered[partner])} donated doses delivered to Vietnam" in english, partner
            assert f"{number(delivered[partner], 'vi')} liều vắc xin được tặng đã về Việt Nam" in vietnamese, partner
        assert english.count('href="../../data/contacts/#contact-') == contacts.get(partner, 0), partner
        line = "of equipment and medical aid to Vietnam"
        if partner in aid_given:
            noun = "handover" if aid_given[partner] == 1 else "handovers"
            assert f"{number(aid_given[partner])} {noun} {line}" in english, partner
        else:
            assert line not in english, partner


def test_partner_page_lists_contacts_in_date_order_with_sources(site: Path):
    html = (site / "partners" / "JPN" / "index.html").read_text(encoding="utf-8")
    section = html.split('id="diplomatic-contacts"', 1)[1].split("<h2", 1)[0]
    dates = re.findall(r'<time datetime="([\d-]+)"', section)
    expected = TABLES["contacts"].query("counterpart_id == 'JPN'")["date"].dt.strftime("%Y-%m-%d").sort_values().tolist()
    assert dates == expected
    assert section.count('rel="nofollow noopener"') == len(expected)


def test_story_quotes_figures_computed_from_the_data(site: Path):
    figures = story(TABLES)
    english = (site / "story" / "index.html").read_text(encoding="utf-8")
    vietnamese = (site / "vi" / "story" / "index.html").read_text(encoding="utf-8")
    for key in ("early_doses", "mass_doses", "doses_2022", "itemised_donated", "busiest_doses"):
        assert number(figures[key]) in english, key
        assert number(figures[key], "vi") in vietnamese, key
    first = figures["first_delivery"]["donation_id"]
    assert f'href="../data/donations/#donation-{first}"' in english


def test_timeline_lists_every_contact_pledge_and_delivery(site: Path):
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert html.count('data-kind="contact"') == len(TABLES["contacts"])
    donations = TABLES["donations"]["status"]
    assert html.count('data-kind="pledged"') == int((donations == "pledged").sum())
    assert html.count('data-kind="delivered"') == int((donations == "delivered").sum())
    dates = re.findall(r'<li class="event[^>]*>\s*<time datetime="([\d-]+)"', html)
    assert dates == sorted(dates)


def test_contact_summaries_follow_the_page_language(site: Path):
    contacts = TABLES["contacts"]
    translated = contacts["summary_vi"].notna()
    assert translated.any()
    english = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    vietnamese = (site / "vi" / "timeline" / "index.html").read_text(encoding="utf-8")
    partners = set(partner_ids(TABLES, RESOURCES))
    partner_vi = {p: (site / "vi" / "partners" / p / "index.html").read_text(encoding="utf-8") for p in partners}
    for _, row in contacts.iterrows():
        assert escape(row["summary"]) in english
        shown = (
            escape(row["summary_vi"])
            if isinstance(row["summary_vi"], str)
            else f'<span lang="en">{escape(row["summary"])}</span>'
        )
        assert shown in vietnamese, row["contact_id"]
        if row["counterpart_id"] in partners:
            assert shown in partner_vi[row["counterpart_id"]], row["contact_id"]


def test_aid_descriptions_follow_the_page_language(site: Path):
    aid = TABLES["equipment_aid"]
    assert aid["description_vi"].notna().any()
    partners = set(partner_ids(TABLES, RESOURCES))
    pages = {
        (lang, p): (site / prefix / "partners" / p / "index.html").read_text(encoding="utf-8")
        for lang, prefix in (("en", ""), ("vi", "vi"))
        for p in partners
    }
    checked = 0
    for _, row in aid.iterrows():
        shown = (
            escape(row["description_vi"])
            if isinstance(row["description_vi"], str)
            else f'<span lang="en">{escape(row["description"])}</span>'
        )
        for partner in {row["donor_id"], row["recipient_id"]} & partners:
            assert escape(row["description"]) in pages["en", partner], row["aid_id"]
            assert shown in pages["vi", partner], row["aid_id"]
            checked += 1
    assert checked >= len(aid)


def test_a_contact_without_a_vietnamese_summary_shows_the_english_one_marked_as_english():
    labels = Labels(TABLES, RESOURCES, "vi")
    row = pd.Series({"summary": "Asked for doses.", "summary_vi": None})
    assert labels.summary(row) == '<span lang="en">Asked for doses.</span>'
    assert labels.summary(row.replace({None: "Đề nghị hỗ trợ vắc xin."})) == "Đề nghị hỗ trợ vắc xin."
    assert Labels(TABLES, RESOURCES, "en").summary(row) == "Asked for doses."


def test_contact_roles_follow_the_page_language(site: Path):
    contacts = TABLES["contacts"]
    assert contacts["vn_role_vi"].notna().any() and contacts["counterpart_role_vi"].notna().any()
    english, vietnamese = (Labels(TABLES, RESOURCES, lang) for lang in ("en", "vi"))
    timeline_en = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    timeline_vi = (site / "vi" / "timeline" / "index.html").read_text(encoding="utf-8")
    partners = set(partner_ids(TABLES, RESOURCES))
    for _, row in contacts.iterrows():
        assert english.person(row, "vn_person", "vn_role") in timeline_en, row["contact_id"]
        assert vietnamese.person(row, "vn_person", "vn_role") in timeline_vi, row["contact_id"]
        if row["counterpart_id"] in partners:
            page = (site / "vi" / "partners" / row["counterpart_id"] / "index.html").read_text(encoding="utf-8")
            assert vietnamese.person(row, "counterpart_person", "counterpart_role") in page, row["contact_id"]


def test_a_role_without_a_vietnamese_twin_shows_the_english_one_marked_as_english():
    labels = Labels(TABLES, RESOURCES, "vi")
    row = pd.Series({"vn_person": "Phạm Minh Chính", "vn_role": "Prime Minister", "vn_role_vi": None})
    assert labels.person(row, "vn_person", "vn_role") == 'Phạm Minh Chính (<span lang="en">Prime Minister</span>)'
    assert labels.person(row.replace({None: "Thủ tướng"}), "vn_person", "vn_role") == "Phạm Minh Chính (Thủ tướng)"
    nameless = pd.Series({"who": None, "role": "WHO Representative", "role_vi": "Trưởng Đại diện WHO"})
    assert labels.person(nameless, "who", "role") == "Trưởng Đại diện WHO"
    assert Labels(TABLES, RESOURCES, "en").person(row, "vn_person", "vn_role") == ("Phạm Minh Chính (Prime Minister)")


@pytest.mark.parametrize("resource", list(RESOURCES.values()), ids=lambda r: r.name)
def test_every_coded_value_has_a_label_in_both_languages(resource):
    for field in resource.schema["fields"]:
        labels = field.get("enumLabels")
        if labels is not None:
            assert set(labels) == set(field["constraints"]["enum"]), field["name"]
            assert all(label.get("en") and label.get("vi") for label in labels.values()), field["name"]


def test_each_language_has_its_own_search_index_without_table_rows_or_headers(site: Path):
    indexes = {
        lang: json.loads((site / folder / "search_index.json").read_text(encoding="utf-8"))
        for lang, folder in {"en": "search", "vi": "vi/search"}.items()
    }
    locations = {lang: {doc["location"].split("#")[0] for doc in index["docs"]} for lang, index in indexes.items()}
    assert {"partners/JPN/", "timeline/", "story/"} <= locations["en"]
    assert {"vi/partners/JPN/", "vi/timeline/", "vi/story/"} <= locations["vi"]
    assert all(not place.startswith("vi/") for place in locations["en"])
    assert all(place.startswith("vi/") for place in locations["vi"])
    assert not [doc for index in indexes.values() for doc in index["docs"] if "#" in doc["location"] and not doc["text"]]
    for index in indexes.values():
        assert index["config"]["lang"] == ["en", "vi"]
        text = " ".join(doc["text"] for doc in index["docs"])
        assert "Nhật Bản" in text  # English pages name Japan in Vietnamese too
        assert "DateStatusFrom" not in text and "NgàyTrạng thái" not in text  # partner tables' headers are left out
        for row_id in TABLES["donations"]["donation_id"]:
            assert row_id not in text, row_id  # rows are searched on their table pages; the site index stays small


def test_covax_page_explains_the_doses_other_governments_gave_through_it(site: Path):
    donations = read_csv(PACKAGE_DIR / "data" / "donations.csv")
    delivered = donations[(donations["status"] == "delivered") & (donations["recipient_id"] == "VNM")]
    through = delivered[delivered["channel"].isin(["covax_amc", "covax_dose_sharing"])]
    shared = through[through["donor_id"] != "covax"]
    doses = lambda frame: int(pd.to_numeric(frame["doses"], errors="coerce").sum())  # noqa: E731
    english = (site / "partners" / "covax" / "index.html").read_text(encoding="utf-8")
    vietnamese = (site / "vi" / "partners" / "covax" / "index.html").read_text(encoding="utf-8")
    assert f"{number(doses(shared))} doses in {len(shared)} shipments" in english
    assert f"{number(doses(through))} donated doses reached Vietnam through COVAX" in english
    assert f"{number(doses(through), 'vi')} liều được tặng đã về Việt Nam qua COVAX" in vietnamese
