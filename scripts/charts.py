"""Charts drawn from the typed tables with Altair, rendered to self-contained SVG (no JavaScript, no CDN)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import vl_convert
from IPython.display import SVG

from figures import donations_to_vietnam

WIDTH = 640


def show(chart: alt.Chart) -> SVG:
    """Render a chart to inline SVG for the notebook output."""
    return SVG(vl_convert.vegalite_to_svg(chart.to_json()))


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
