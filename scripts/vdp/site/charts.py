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
from IPython.display import HTML, Markdown, display

from vdp.measures.figures import aid_to_vietnam, donations_to_vietnam, latest_official
from vdp.package.resources import load_resources
from vdp.site.safe import inert
from vdp.site.strings import strings
from vdp.site.text import day, name_field, number, page_file, value_labels

WIDTH = 640
WORLD = Path(__file__).parent / "geo" / "countries-110m.json"  # world-atlas 2.0.2 (Natural Earth 1:110m), ISC licence
# Vega's number and month formats for Vietnamese pages (d3-format and d3-time-format locale objects).
VEGA_LOCALES = {
    "vi": {
        "format_locale": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
        "time_format_locale": {
            "dateTime": "%A, %e %B %Y, %X",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["SA", "CH"],
            "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
            "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
            "months": [f"tháng {m}" for m in range(1, 13)],
            "shortMonths": [f"Th{m}" for m in range(1, 13)],
        },
    }
}


NARROW = 0.5  # a phone's rendering draws each chart at this share of its width, with larger text and no title
PHONE_CONFIG = {
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 110},
    "legend": {"orient": "bottom", "columns": 2, "labelFontSize": 12, "titleFontSize": 12, "labelLimit": 130},
    "header": {"labelFontSize": 12},
}


def _millions_in_words(spec: object, word: str) -> object:
    """Axes in the language's word for millions ("90 tr", triệu) instead of the SI "90M" that the "~s" format writes."""
    if isinstance(spec, dict):
        if spec.get("format") == "~s":
            spec = {k: v for k, v in spec.items() if k != "format"} | {"labelExpr": f"format(datum.value / 1e6, ',') + '{word}'"}
        return {k: _millions_in_words(v, word) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_millions_in_words(v, word) for v in spec]
    return spec


def _svg(chart: alt.Chart, lang: str, config: dict | None = None) -> str:
    word = strings("formats", lang)["millions"]
    spec = _millions_in_words(chart.to_dict(), word) if word else chart.to_dict()
    svg = vl_convert.vegalite_to_svg(spec, config=config, **VEGA_LOCALES.get(lang, {}))
    return re.sub(r'^<svg([^>]*?) width="[\d.]+" height="[\d.]+"', r"<svg\1", svg, count=1)


def _narrow(chart: alt.Chart) -> alt.Chart:
    """The chart for a phone: half as wide (the page's heading names it, so no title)."""
    width = chart.to_dict().get("width", WIDTH)
    return chart.properties(width=round(width * NARROW), title="")


def notebook_text(key: str, lang: str) -> dict | str:
    """A chart notebook's strings in a language (catalogue section "notebooks"), e.g. notebook_text("donor-map", "vi")."""
    return strings("notebooks", lang)[key]


def heading(title: str | None, *paragraphs: str, level: int = 2) -> None:
    """Show a heading and paragraphs (Markdown from the catalogue) as the notebook's output in the page language."""
    display(Markdown("\n\n".join(([f"{'#' * level} {title}"] if title else []) + list(paragraphs))))


def run_note(notebook: str, lang: str) -> None:
    """How a reader runs the notebook: a link to its file as the site serves it beside the page."""
    heading(None, notebook_text("run", lang).format(file=page_file(notebook, lang, ".ipynb")))


def show(chart: alt.Chart, description: str, data_href: str, lang: str = "en") -> HTML:
    """The chart as an inline, scalable SVG figure with a text description and a link to the rows behind it; a
    narrower drawing with larger text replaces it on phones (site.css), so its text stays readable at 390 px."""
    wide, narrow = _svg(chart, lang), _svg(_narrow(chart), lang, PHONE_CONFIG)
    link = strings("charts", lang)["rows_link"]
    return HTML(
        f'<figure class="chart"><div class="chart-svg chart-wide" role="img" aria-label="{inert(description)}">{wide}</div>'
        f'<div class="chart-svg chart-narrow" role="img" aria-label="{inert(description)}">{narrow}</div>'
        f'<figcaption>{inert(description)} <a href="{inert(data_href)}">{link}</a>.'
        "</figcaption></figure>"
    )


def data_table(frame: pd.DataFrame, lang: str = "en") -> HTML:
    """The figures behind a chart as a small HTML table in the page's language: column names in words, numbers with
    the language's separators, months as readers write them."""
    columns = strings("charts", lang)["columns"]
    head = "".join(f'<th scope="col">{inert(columns.get(c, c))}</th>' for c in frame.columns)

    def cell(value: object) -> str:
        if isinstance(value, pd.Timestamp):
            return inert(day(value, lang, "month"))
        if pd.api.types.is_number(value) and not isinstance(value, bool):
            return f'<td class="number">{inert(number(value, lang))}</td>'
        return inert(value)

    rows = []
    for record in frame.itertuples(index=False):
        cells = [cell(v) for v in record]
        rows.append("<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in cells) + "</tr>")
    return HTML(f'<table class="chart-data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


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
    words = strings("charts", lang)
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
    delivered.loc[~delivered["donor"].isin(leaders), "donor"] = strings("charts", lang)["others"]
    delivered["month"] = delivered["date"].dt.to_period("M").dt.to_timestamp()
    monthly = delivered.pivot_table(index="month", columns="donor", values="doses", aggfunc="sum", fill_value=0)
    months = pd.date_range(monthly.index.min(), monthly.index.max(), freq="MS")
    running = monthly.reindex(months, fill_value=0).cumsum()
    running.index.name = "month"
    return running.reset_index().melt(id_vars="month", var_name="donor", value_name="doses")


def cumulative_by_donor_chart(tables: dict[str, pd.DataFrame], lang: str = "en") -> alt.Chart:
    """Stacked bars, one per month: cumulative donated doses delivered, by donor."""
    words = strings("charts", lang)
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
    keys = delivered[field].map(names).fillna(strings("charts", lang)["not_stated"])
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
    words = strings("charts", lang)
    delivered = donations_to_vietnam(tables["donations"], "delivered")["doses"].sum()
    purchases = tables["purchases"]
    bought = purchases.loc[purchases["status"] == "delivered", "doses"].sum()
    totals = tables["official_totals"]
    rows = [(words["donated"], words["itemised"], delivered), (words["bought"], words["itemised"], bought)]
    for label, metric in ((words["donated"], "doses_donated_total"), (words["bought"], "doses_purchased_total")):
        latest = latest_official(totals, metric)
        if latest is not None:
            rows.append((label, words["official"].format(date=day(latest.as_of, lang, latest.as_of_precision)), latest.value))
    return pd.DataFrame(rows, columns=["kind", "measure", "doses"])


def donated_and_bought_chart(tables: dict[str, pd.DataFrame], lang: str = "en") -> alt.Chart:
    """Grouped bars: itemised against official doses, donated and bought."""
    words = strings("charts", lang)
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
    words = strings("charts", lang)
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
    words = strings("charts", lang)
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
