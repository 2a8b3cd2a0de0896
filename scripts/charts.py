"""Charts drawn from the typed tables with Altair, rendered at build time to inline SVG (no CDN, no chart library).

Every mark carries an aria-label with its values (Vega writes them), which assets/charts.js shows as a tooltip.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pycountry
import vl_convert
from IPython.display import HTML

from figures import aid_to_vietnam, donations_to_vietnam, latest_official
from package_io import load_resources
from safe_text import inert
from site_text import name_field, value_labels

WIDTH = 640
WORLD = Path(__file__).parent / "geo" / "countries-110m.json"  # world-atlas 2.0.2 (Natural Earth 1:110m), ISC licence
WORDS = {
    "en": {
        "rows_link": "The rows behind this chart",
        "doses": "Doses",
        "doses_delivered": "Doses delivered",
        "running": "Doses (running total)",
        "by_donor": "Donated doses delivered to Vietnam, by donor",
        "cumulative": "Cumulative donated doses delivered, by donor",
        "month_arrival": "Month of arrival",
        "donor": "Donor",
        "others": "Others",
        "not_stated": "not stated",
        "donated": "Donated",
        "bought": "Bought",
        "itemised": "Itemised in this dataset",
        "official": "Official total ({date})",
        "donated_bought": "Donated and bought doses: itemised rows against official totals",
        "contacts_title": "Diplomatic contacts about vaccines, per month",
        "month": "Month",
        "contacts": "Contacts",
        "channel": "Channel",
        "map": "Donated doses delivered to Vietnam, by donor country",
        "country": "Country",
    },
    "vi": {
        "rows_link": "Các dòng dữ liệu của biểu đồ này",
        "doses": "Số liều",
        "doses_delivered": "Số liều đã giao",
        "running": "Số liều (cộng dồn)",
        "by_donor": "Số liều vắc xin được tặng đã về Việt Nam, theo nhà tài trợ",
        "cumulative": "Số liều được tặng đã về Việt Nam, cộng dồn theo nhà tài trợ",
        "month_arrival": "Tháng về",
        "donor": "Nhà tài trợ",
        "others": "Các nhà tài trợ khác",
        "not_stated": "không nêu",
        "donated": "Được tặng",
        "bought": "Mua",
        "itemised": "Ghi chi tiết trong bộ dữ liệu",
        "official": "Số liệu chính thức ({date})",
        "donated_bought": "Vắc xin được tặng và vắc xin mua: dữ liệu chi tiết so với số liệu chính thức",
        "contacts_title": "Các cuộc tiếp xúc ngoại giao về vắc xin, theo tháng",
        "month": "Tháng",
        "contacts": "Số cuộc",
        "channel": "Hình thức",
        "map": "Số liều vắc xin được tặng đã về Việt Nam, theo quốc gia tài trợ",
        "country": "Quốc gia",
    },
}


def show(chart: alt.Chart, description: str, data_href: str, lang: str = "en") -> HTML:
    """The chart as an inline, scalable SVG figure with a text description and a link to the rows behind it."""
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    svg = re.sub(r'^<svg([^>]*?) width="[\d.]+" height="[\d.]+"', r"<svg\1", svg, count=1)
    link = WORDS[lang]["rows_link"]
    return HTML(
        f'<figure class="chart"><div class="chart-svg" role="img" aria-label="{inert(description)}">{svg}</div>'
        f'<figcaption>{inert(description)} <a href="{inert(data_href)}">{link}</a>.'
        "</figcaption></figure>"
    )


_resources = functools.cache(load_resources)  # the schemas, read once per notebook kernel


def labels(table: str, field: str, lang: str) -> dict[str, str]:
    """Readable labels of a coded column's values in a language (the Table Schema's enumLabels)."""
    return value_labels(_resources()[table], field, lang)


def _named(frame: pd.DataFrame, tables: dict[str, pd.DataFrame], id_field: str, lang: str) -> pd.Series:
    names = tables["actors"].set_index("actor_id")[name_field(lang)]
    return frame[id_field].map(names).fillna(frame[id_field])


def delivered_by_donor(tables: dict[str, pd.DataFrame], lang: str = "en") -> pd.DataFrame:
    """Donated doses delivered to Vietnam per donor, largest first, with donor names in the language."""
    delivered = donations_to_vietnam(tables["donations"], "delivered")
    sums = delivered.groupby("donor_id", as_index=False)["doses"].sum()
    sums["donor"] = _named(sums, tables, "donor_id", lang)
    return sums.sort_values("doses", ascending=False).reset_index(drop=True)


def doses_by_donor_chart(tables: dict[str, pd.DataFrame], lang: str = "en") -> alt.Chart:
    """Horizontal bars: delivered donated doses by donor."""
    words = WORDS[lang]
    return (
        alt.Chart(delivered_by_donor(tables, lang), title=words["by_donor"])
        .mark_bar()
        .encode(
            x=alt.X("doses:Q", title=words["doses_delivered"], axis=alt.Axis(format="~s")),
            y=alt.Y("donor:N", sort="-x", title=None),
            tooltip=[alt.Tooltip("donor", title=words["donor"]), alt.Tooltip("doses:Q", format=",", title=words["doses"])],
        )
        .properties(width=WIDTH - 180)
    )


def cumulative_by_donor(tables: dict[str, pd.DataFrame], lang: str = "en", top: int = 8) -> pd.DataFrame:
    """Running total of delivered donated doses per donor by month; donors beyond the top ones grouped as others."""
    delivered = donations_to_vietnam(tables["donations"], "delivered").dropna(subset=["doses"]).copy()
    delivered["donor"] = _named(delivered, tables, "donor_id", lang)
    leaders = delivered.groupby("donor")["doses"].sum().nlargest(top).index
    delivered.loc[~delivered["donor"].isin(leaders), "donor"] = WORDS[lang]["others"]
    delivered["month"] = delivered["date"].dt.to_period("M").dt.to_timestamp()
    monthly = delivered.pivot_table(index="month", columns="donor", values="doses", aggfunc="sum", fill_value=0)
    months = pd.date_range(monthly.index.min(), monthly.index.max(), freq="MS")
    running = monthly.reindex(months, fill_value=0).cumsum()
    running.index.name = "month"
    return running.reset_index().melt(id_vars="month", var_name="donor", value_name="doses")


def cumulative_by_donor_chart(tables: dict[str, pd.DataFrame], lang: str = "en") -> alt.Chart:
    """Stacked bars, one per month: cumulative donated doses delivered, by donor."""
    words = WORDS[lang]
    return (
        alt.Chart(cumulative_by_donor(tables, lang), title=words["cumulative"])
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title=words["month_arrival"]),
            y=alt.Y("doses:Q", stack=True, title=words["running"], axis=alt.Axis(format="~s")),
            color=alt.Color("donor:N", title=words["donor"], sort="-y"),
            tooltip=[
                alt.Tooltip("donor", title=words["donor"]),
                alt.Tooltip("month:T", format="%m/%Y", title=words["month"]),
                alt.Tooltip("doses:Q", format=",", title=words["doses"]),
            ],
        )
        .properties(width=WIDTH - 200, height=320)
    )


def delivered_by(tables: dict[str, pd.DataFrame], field: str, lang: str = "en") -> pd.DataFrame:
    """Delivered donated doses to Vietnam summed by vaccine or channel, largest first, with readable labels."""
    delivered = donations_to_vietnam(tables["donations"], "delivered")
    if field == "vaccine_id":
        names = tables["vaccines"].set_index("vaccine_id")[name_field(lang)]
    else:
        names = pd.Series(labels("donations", field, lang))
    keys = delivered[field].map(names).fillna(WORDS[lang]["not_stated"])
    grouped = delivered.groupby(keys.rename(field), as_index=False)["doses"].sum()
    return grouped.sort_values("doses", ascending=False).reset_index(drop=True)


def bar_chart(data: pd.DataFrame, category: str, value: str, title: str, value_title: str, category_title: str) -> alt.Chart:
    """Horizontal bars of one value by one category, largest first."""
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format="~s")),
            y=alt.Y(f"{category}:N", sort="-x", title=None),
            tooltip=[alt.Tooltip(category, title=category_title), alt.Tooltip(f"{value}:Q", format=",", title=value_title)],
        )
        .properties(width=WIDTH - 220)
    )


def donated_and_bought(tables: dict[str, pd.DataFrame], lang: str = "en") -> pd.DataFrame:
    """Itemised donated and bought doses delivered, next to the latest official totals of each."""
    words = WORDS[lang]
    delivered = donations_to_vietnam(tables["donations"], "delivered")["doses"].sum()
    purchases = tables["purchases"]
    bought = purchases.loc[purchases["status"] == "delivered", "doses"].sum()
    totals = tables["official_totals"]
    rows = [(words["donated"], words["itemised"], delivered), (words["bought"], words["itemised"], bought)]
    for label, metric in ((words["donated"], "doses_donated_total"), (words["bought"], "doses_purchased_total")):
        latest = latest_official(totals, metric)
        if latest is not None:
            rows.append((label, words["official"].format(date=latest.as_of.strftime("%d/%m/%Y")), latest.value))
    return pd.DataFrame(rows, columns=["kind", "measure", "doses"])


def donated_and_bought_chart(tables: dict[str, pd.DataFrame], lang: str = "en") -> alt.Chart:
    """Grouped bars: itemised against official doses, donated and bought."""
    words = WORDS[lang]
    return (
        alt.Chart(donated_and_bought(tables, lang), title=words["donated_bought"])
        .mark_bar()
        .encode(
            y=alt.Y("measure:N", title=None),
            x=alt.X("doses:Q", title=words["doses"], axis=alt.Axis(format="~s")),
            color=alt.Color("measure:N", legend=None),
            row=alt.Row("kind:N", title=None),
            tooltip=["kind", "measure", alt.Tooltip("doses:Q", format=",", title=words["doses"])],
        )
        .properties(width=WIDTH - 260)
    )


def contacts_per_month(tables: dict[str, pd.DataFrame], lang: str = "en") -> pd.DataFrame:
    """Number of recorded vaccine contacts per month and channel (channel labels in the language)."""
    contacts = tables["contacts"].copy()
    contacts["month"] = contacts["date"].dt.to_period("M").dt.to_timestamp()
    contacts["channel"] = contacts["channel"].map(labels("contacts", "channel", lang))
    return contacts.groupby(["month", "channel"], as_index=False).size().rename(columns={"size": "contacts"})


def contacts_chart(tables: dict[str, pd.DataFrame], lang: str = "en") -> alt.Chart:
    """Stacked bars: contacts per month by channel."""
    words = WORDS[lang]
    return (
        alt.Chart(contacts_per_month(tables, lang), title=words["contacts_title"])
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title=words["month"]),
            y=alt.Y("contacts:Q", title=words["contacts"]),
            color=alt.Color("channel:N", title=words["channel"]),
            tooltip=[
                alt.Tooltip("month:T", format="%m/%Y", title=words["month"]),
                alt.Tooltip("channel", title=words["channel"]),
                alt.Tooltip("contacts", title=words["contacts"]),
            ],
        )
        .properties(width=WIDTH - 120, height=280)
    )


def aid_by(tables: dict[str, pd.DataFrame], field: str, lang: str = "en", top: int = 15) -> pd.DataFrame:
    """Equipment aid to Vietnam: rows and converted US dollar value by category or donor (top entries)."""
    aid = aid_to_vietnam(tables).copy()
    if field == "donor_id":
        aid["donor"] = _named(aid, tables, "donor_id", lang)
        field = "donor"
    else:
        aid[field] = aid[field].map(labels("equipment_aid", field, lang))
    grouped = aid.groupby(field, as_index=False).agg(rows=("aid_id", "size"), value_usd=("value_usd", "sum"))
    return grouped.sort_values(["rows", "value_usd"], ascending=False).head(top).reset_index(drop=True)


def doses_by_country(tables: dict[str, pd.DataFrame], lang: str = "en") -> pd.DataFrame:
    """Delivered donated doses per donor country, with the ISO 3166 numeric code the world map's shapes carry.

    Doses that international bodies funded (COVAX's own) are not tied to a country and are left out of the map.
    """
    sums = delivered_by_donor(tables, lang)
    countries = tables["actors"].set_index("actor_id")["kind"]
    sums = sums[sums["donor_id"].map(countries) == "country"].copy()
    sums["id"] = sums["donor_id"].map(lambda code: pycountry.countries.get(alpha_3=code).numeric)
    return sums[["id", "donor_id", "donor", "doses"]].reset_index(drop=True)


def donor_map_chart(tables: dict[str, pd.DataFrame], lang: str = "en") -> alt.Chart:
    """World map: donor countries shaded by the donated doses they delivered to Vietnam; Vietnam outlined."""
    words = WORDS[lang]
    world = alt.InlineData(values=json.loads(WORLD.read_text()), format=alt.DataFormat(type="topojson", feature="countries"))
    donors = doses_by_country(tables, lang)
    shapes = alt.Chart(world, title=words["map"]).mark_geoshape(stroke="#ffffff", strokeWidth=0.4)
    base = shapes.encode(color=alt.value("#e3e3e3"))
    shaded = (
        shapes.transform_lookup(lookup="id", from_=alt.LookupData(donors, "id", ["donor", "doses"]))
        .transform_filter("isValid(datum.doses)")
        .encode(
            color=alt.Color("doses:Q", title=words["doses_delivered"], scale=alt.Scale(type="log", scheme="reds")),
            tooltip=[alt.Tooltip("donor:N", title=words["country"]), alt.Tooltip("doses:Q", format=",", title=words["doses"])],
        )
    )
    vietnam = shapes.transform_filter(f"datum.id === '{pycountry.countries.get(alpha_3='VNM').numeric}'").encode(
        color=alt.value("#1a237e")
    )
    return (base + shaded + vietnam).project("equalEarth").properties(width=WIDTH, height=340)
