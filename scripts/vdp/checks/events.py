"""One event, one row: near-twins must be declared distinct, and deliveries stay within what their pledges promised."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from vdp.package.problems import Problem, row_number
from vdp.package.resources import Resource

Tables = dict[str, pd.DataFrame]
TWIN_DAYS = 7  # rows of the same parties and figure this close together are taken for one event reported twice
# table -> the fields that must agree for two rows to look like one event (the date is compared apart)
TWIN_KEYS = {
    "donations": ["donor_id", "recipient_id", "status", "doses"],
    "equipment_aid": ["donor_id", "recipient_id", "value", "currency"],
    "contacts": ["counterpart_id", "channel", "vn_person", "counterpart_person"],
}
PLEDGE_TOLERANCE = 0.10  # deliveries may exceed a pledge by this share: donors round announcements, trays are whole


def same_event(tables: Tables, resources: dict[str, Resource]) -> Iterator[Problem]:
    """Two rows with the same parties and figure dated within TWIN_DAYS of each other are one event, unless the later
    row names the earlier one in `distinct_from` (two gifts that happen to look alike)."""
    for name, keys in TWIN_KEYS.items():
        frame = tables.get(name)
        if frame is None or not set(keys) | {"date", "distinct_from"} <= set(frame.columns):
            continue
        key = resources[name].primary_key[0]
        figure = keys[-1] if name != "contacts" else None
        rows = frame[(frame[figure] != "") if figure else frame[key] != ""]
        rows = rows.assign(_day=pd.to_datetime(rows["date"], format="%Y-%m-%d", errors="coerce")).dropna(subset=["_day"])
        rows = rows.assign(_group=rows.groupby(keys, sort=False).ngroup()).sort_values(["_group", "_day"], kind="stable")
        before = rows.shift()  # beside each row, the one before it in its group's date order
        earlier = pd.Series(rows.index, index=rows.index).shift()
        days = (rows["_day"] - before["_day"]).dt.days
        declared = (rows["distinct_from"] == before[key]) | (before["distinct_from"] == rows[key])
        twins = (rows["_group"] == before["_group"]) & (days <= TWIN_DAYS) & ~declared
        for j in rows.index[twins.to_numpy()]:
            yield Problem(
                resources[name].file_label,
                row_number(j),
                key,
                f'looks like the same event as row {row_number(int(earlier[j]))} ("{before.at[j, key]}": same '
                f"{', '.join(keys)}, {int(days[j])} day(s) apart): keep one row, or name that row in distinct_from",
            )


def pledges_cover_deliveries(tables: Tables, resources: dict[str, Resource]) -> Iterator[Problem]:
    """The deliveries linked to a pledge add up to no more than the pledge (plus PLEDGE_TOLERANCE), counting top-up
    pledges: later pledges of the same donor to the same recipient that no delivery links."""
    frame, label = tables["donations"], resources["donations"].file_label
    doses = pd.to_numeric(frame["doses"], errors="coerce")
    pledges = frame[frame["status"] == "pledged"].assign(_n=doses).drop_duplicates("donation_id").set_index("donation_id")
    delivered = frame[(frame["status"] == "delivered") & frame["pledge_id"].isin(pledges.index)].assign(_n=doses)
    pledged_by = delivered["pledge_id"].map(pledges["donor_id"])
    delivered = delivered[delivered["donor_id"] == pledged_by]  # another donor's pledge is inputs.pledge_links' finding
    linked = set(delivered["pledge_id"])
    # Top-up pledges only add to what was promised: only deliveries beyond their own pledge can exceed the total.
    sums = delivered.groupby("pledge_id")["_n"].sum()
    beyond = sums.index[(sums > pledges["_n"].reindex(sums.index) * (1 + PLEDGE_TOLERANCE)).to_numpy()]
    donors = set(pledges.loc[beyond, "donor_id"])
    unlinked = pledges[pledges["donor_id"].isin(donors) & ~pledges.index.isin(linked)]  # the possible top-ups
    for pledge_id, group in delivered[delivered["pledge_id"].isin(beyond)].groupby("pledge_id"):
        pledge = pledges.loc[pledge_id]
        top_ups = unlinked[
            (unlinked["donor_id"] == pledge["donor_id"])
            & (unlinked["recipient_id"] == pledge["recipient_id"])
            & (unlinked["date"] > pledge["date"])
            & (unlinked["date"] <= group["date"].max())
        ]
        promised = pledge["_n"] + top_ups["_n"].sum()
        if pd.notna(promised) and group["_n"].sum() > promised * (1 + PLEDGE_TOLERANCE):
            last = group.index[-1]
            yield Problem(
                label,
                row_number(last),
                "pledge_id",
                f'the deliveries linked to "{pledge_id}" add up to {int(group["_n"].sum()):,} doses, more than the '
                f"{int(promised):,} pledged (tolerance {PLEDGE_TOLERANCE:.0%}): link the right pledge or add the top-up pledge",
            )
