"""Charts drawn from the typed tables with Altair, rendered at build time to inline SVG (no CDN, no chart library).

Every mark carries an aria-label with its values (Vega writes them), which assets/charts.js shows as a tooltip.
"""

from __future__ import annotations

import re
from html import escape

import altair as alt
import pandas as pd
import vl_convert
from IPython.display import HTML

from figures import donations_to_vietnam

WIDTH = 640


def show(chart: alt.Chart, description: str, data_href: str) -> HTML:
    """The chart as an inline, scalable SVG figure with a text description and a link to the rows behind it."""
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    svg = re.sub(r'^<svg([^>]*?) width="[\d.]+" height="[\d.]+"', r"<svg\1", svg, count=1)
    return HTML(
        f'<figure class="chart"><div class="chart-svg" role="img" aria-label="{escape(description, quote=True)}">{svg}</div>'
        f'<figcaption>{escape(description)} <a href="{escape(data_href, quote=True)}">The rows behind this chart</a>.'
        "</figcaption></figure>"
    )


def delivered_by_donor(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Donated doses delivered to Vietnam per donor, largest first, with English donor names."""
    delivered = donations_to_vietnam(tables["donations"], "delivered")
    names = tables["actors"].set_index("actor_id")["name_en"]
    sums = delivered.groupby("donor_id", as_index=False)["doses"].sum()
    sums["donor"] = sums["donor_id"].map(names)
    return sums.sort_values("doses", ascending=False).reset_index(drop=True)


def doses_by_donor_chart(tables: dict[str, pd.DataFrame]) -> alt.Chart:
    """Horizontal bars: delivered donated doses by donor."""
    data = delivered_by_donor(tables)
    return (
        alt.Chart(data, title="Donated doses delivered to Vietnam, by donor")
        .mark_bar()
        .encode(
            x=alt.X("doses:Q", title="Doses delivered", axis=alt.Axis(format="~s")),
            y=alt.Y("donor:N", sort="-x", title=None),
            tooltip=["donor", alt.Tooltip("doses:Q", format=",")],
        )
        .properties(width=WIDTH - 180)
    )


def cumulative_deliveries(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Running total of donated doses delivered to Vietnam, by arrival date."""
    delivered = donations_to_vietnam(tables["donations"], "delivered").dropna(subset=["doses"])
    daily = delivered.groupby("date", as_index=False)["doses"].sum().sort_values("date")
    daily["cumulative"] = daily["doses"].cumsum()
    return daily


def cumulative_chart(tables: dict[str, pd.DataFrame]) -> alt.Chart:
    """Step line: cumulative donated doses delivered over time."""
    return (
        alt.Chart(cumulative_deliveries(tables), title="Cumulative donated doses delivered to Vietnam")
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X("date:T", title="Arrival date"),
            y=alt.Y("cumulative:Q", title="Doses (running total)", axis=alt.Axis(format="~s")),
        )
        .properties(width=WIDTH - 100, height=300)
    )


def _named(frame: pd.DataFrame, tables: dict[str, pd.DataFrame], id_field: str, name_field: str) -> pd.Series:
    names = tables["actors"].set_index("actor_id")["name_en"]
    return frame[id_field].map(names).fillna(frame[id_field]).rename(name_field)


def cumulative_by_donor(tables: dict[str, pd.DataFrame], top: int = 8) -> pd.DataFrame:
    """Running total of delivered donated doses per donor by month; donors beyond the top ones grouped as Others."""
    delivered = donations_to_vietnam(tables["donations"], "delivered").dropna(subset=["doses"]).copy()
    delivered["donor"] = _named(delivered, tables, "donor_id", "donor")
    leaders = delivered.groupby("donor")["doses"].sum().nlargest(top).index
    delivered.loc[~delivered["donor"].isin(leaders), "donor"] = "Others"
    delivered["month"] = delivered["date"].dt.to_period("M").dt.to_timestamp()
    monthly = delivered.pivot_table(index="month", columns="donor", values="doses", aggfunc="sum", fill_value=0)
    months = pd.date_range(monthly.index.min(), monthly.index.max(), freq="MS")
    running = monthly.reindex(months, fill_value=0).cumsum()
    running.index.name = "month"
    return running.reset_index().melt(id_vars="month", var_name="donor", value_name="doses")


def cumulative_by_donor_chart(tables: dict[str, pd.DataFrame]) -> alt.Chart:
    """Stacked bars, one per month: cumulative donated doses delivered, by donor."""
    return (
        alt.Chart(cumulative_by_donor(tables), title="Cumulative donated doses delivered, by donor")
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title="Month of arrival"),
            y=alt.Y("doses:Q", stack=True, title="Doses (running total)", axis=alt.Axis(format="~s")),
            color=alt.Color("donor:N", title="Donor", sort="-y"),
            tooltip=["donor", alt.Tooltip("month:T", format="%b %Y"), alt.Tooltip("doses:Q", format=",")],
        )
        .properties(width=WIDTH - 200, height=320)
    )


def delivered_by(tables: dict[str, pd.DataFrame], field: str) -> pd.DataFrame:
    """Delivered donated doses to Vietnam summed by one column (vaccine_id or channel), largest first."""
    delivered = donations_to_vietnam(tables["donations"], "delivered")
    grouped = delivered.groupby(delivered[field].fillna("not stated"), as_index=False)["doses"].sum()
    return grouped.sort_values("doses", ascending=False).reset_index(drop=True)


def bar_chart(data: pd.DataFrame, category: str, value: str, title: str, value_title: str) -> alt.Chart:
    """Horizontal bars of one value by one category, largest first."""
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format="~s")),
            y=alt.Y(f"{category}:N", sort="-x", title=None),
            tooltip=[category, alt.Tooltip(f"{value}:Q", format=",")],
        )
        .properties(width=WIDTH - 220)
    )


def donated_and_bought(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Itemised donated and bought doses delivered, next to the latest official totals of each."""
    delivered = donations_to_vietnam(tables["donations"], "delivered")["doses"].sum()
    purchases = tables["purchases"]
    bought = purchases.loc[purchases["status"] == "delivered", "doses"].sum()
    totals = tables["official_totals"]
    rows = [("Donated", "Itemised in this dataset", delivered), ("Bought", "Itemised in this dataset", bought)]
    for label, metric in (("Donated", "doses_donated_total"), ("Bought", "doses_purchased_total")):
        latest = totals[(totals["metric"] == metric) & (totals["subject_id"] == "VNM")].sort_values("as_of")
        if not latest.empty:
            rows.append((label, f"Official total ({latest.iloc[-1]['as_of']:%d %b %Y})", latest.iloc[-1]["value"]))
    return pd.DataFrame(rows, columns=["kind", "measure", "doses"])


def donated_and_bought_chart(tables: dict[str, pd.DataFrame]) -> alt.Chart:
    """Grouped bars: itemised against official doses, donated and bought."""
    return (
        alt.Chart(donated_and_bought(tables), title="Donated and bought doses: itemised rows against official totals")
        .mark_bar()
        .encode(
            y=alt.Y("measure:N", title=None),
            x=alt.X("doses:Q", title="Doses", axis=alt.Axis(format="~s")),
            color=alt.Color("measure:N", legend=None),
            row=alt.Row("kind:N", title=None),
            tooltip=["kind", "measure", alt.Tooltip("doses:Q", format=",")],
        )
        .properties(width=WIDTH - 260)
    )


def contacts_per_month(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Number of recorded vaccine contacts per month and channel."""
    contacts = tables["contacts"].copy()
    contacts["month"] = contacts["date"].dt.to_period("M").dt.to_timestamp()
    return contacts.groupby(["month", "channel"], as_index=False).size().rename(columns={"size": "contacts"})


def contacts_chart(tables: dict[str, pd.DataFrame]) -> alt.Chart:
    """Stacked bars: contacts per month by channel."""
    return (
        alt.Chart(contacts_per_month(tables), title="Diplomatic contacts about vaccines, per month")
        .mark_bar()
        .encode(
            x=alt.X("yearmonth(month):T", title="Month"),
            y=alt.Y("contacts:Q", title="Contacts"),
            color=alt.Color("channel:N", title="Channel"),
            tooltip=[alt.Tooltip("month:T", format="%b %Y"), "channel", "contacts"],
        )
        .properties(width=WIDTH - 120, height=280)
    )


def aid_by(tables: dict[str, pd.DataFrame], field: str, top: int = 15) -> pd.DataFrame:
    """Equipment aid to Vietnam: rows and converted US dollar value by category or donor (top entries)."""
    aid = tables["equipment_aid"]
    aid = aid[aid["donor_id"] != "VNM"].copy()
    if field == "donor_id":
        aid["donor"] = _named(aid, tables, "donor_id", "donor")
        field = "donor"
    grouped = aid.groupby(field, as_index=False).agg(rows=("aid_id", "size"), value_usd=("value_usd", "sum"))
    return grouped.sort_values(["rows", "value_usd"], ascending=False).head(top).reset_index(drop=True)
