"""Figures for the story pages, computed from the typed tables at build time, each with the rows it rests on."""

from __future__ import annotations

import pandas as pd

from vdp.measures.figures import REFERENCE_DATE, aid_from_vietnam, donations_to_vietnam, latest_official

SCARCITY_END = pd.Timestamp("2021-07-31")  # the months before the working group and the mass deliveries
MASS_START, MASS_END = pd.Timestamp("2021-08-01"), pd.Timestamp("2021-12-31")
YEAR_2022 = (pd.Timestamp("2022-01-01"), pd.Timestamp("2022-12-31"))
WORKING_GROUP = "Working Group"  # how the contacts' summaries name the Government working group on vaccine diplomacy


def _between(frame: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp) -> pd.DataFrame:
    dates = frame["date"]
    return frame[(dates <= end) & (dates >= start if start is not None else True)]


def _top(frame: pd.DataFrame, by: str, value: str, n: int) -> list[dict]:
    sums = frame.groupby(by)[value].sum().sort_values(ascending=False).head(n)
    return [{"id": key, "value": int(v)} for key, v in sums.items()]


def story(tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Every figure the story pages quote, with row ids for the links."""
    delivered = donations_to_vietnam(tables["donations"], "delivered").sort_values("date", kind="stable")
    pledged = donations_to_vietnam(tables["donations"], "pledged")
    contacts, totals = tables["contacts"], tables["official_totals"]
    early = _between(delivered, None, SCARCITY_END)
    mass = _between(delivered, MASS_START, MASS_END)
    in_2022 = _between(delivered, *YEAR_2022)
    monthly = mass.groupby(mass["date"].dt.to_period("M"))["doses"].sum()
    group_meetings = contacts[contacts["summary"].str.contains(WORKING_GROUP, regex=False)].sort_values("date")
    outward = aid_from_vietnam(tables)
    by_recipient = outward.groupby("recipient_id").agg(rows=("aid_id", "size"), usd=("value_usd", "sum"))
    covax_pledges = totals[totals["metric"] == "covax_pledge_by_vietnam"].sort_values("as_of")
    return {
        "first_delivery": delivered.iloc[0] if len(delivered) else None,
        "early_doses": int(early["doses"].sum()),
        "early_shipments": len(early),
        "early_donors": early["donor_id"].nunique(),
        "early_contacts": len(_between(contacts, None, SCARCITY_END)),
        "early_pledged": int(_between(pledged, None, SCARCITY_END)["doses"].sum()),
        "target": latest_official(totals, "vaccination_target_doses"),
        "received_by_july": latest_official(totals, "doses_received_total", on_or_before=SCARCITY_END),
        "group_meetings": group_meetings,
        "contacts_aug_sep": len(_between(contacts, MASS_START, pd.Timestamp("2021-09-30"))),
        "mass_doses": int(mass["doses"].sum()),
        "mass_shipments": len(mass),
        "mass_share_2021": float(mass["doses"].sum() / _between(delivered, None, MASS_END)["doses"].sum()),
        "busiest_month": monthly.idxmax().to_timestamp() if len(monthly) else None,
        "busiest_doses": int(monthly.max()) if len(monthly) else 0,
        "mass_top": _top(mass, "donor_id", "doses", 3),
        "donated_by_dec_2021": latest_official(totals, "doses_donated_total", on_or_before=MASS_END),
        "doses_2022": int(in_2022["doses"].sum()),
        "shipments_2022": len(in_2022),
        "top_2022": _top(in_2022, "donor_id", "doses", 3),
        "received_at_review": latest_official(totals, "doses_received_total", on_or_before=REFERENCE_DATE),
        "donated_latest": latest_official(totals, "doses_donated_total"),
        "calls_at_review": latest_official(totals, "leader_calls_contacts", on_or_before=REFERENCE_DATE),
        "letters_at_review": latest_official(totals, "leader_letters", on_or_before=REFERENCE_DATE),
        "aid_value_at_review": latest_official(totals, "equipment_aid_value", on_or_before=REFERENCE_DATE),
        "itemised_donated": int(delivered["doses"].sum()),
        "outward_rows": len(outward),
        "outward_recipients": [
            {"id": key, "rows": int(r["rows"]), "usd": float(r["usd"])}
            for key, r in by_recipient.sort_values("rows", ascending=False).iterrows()
        ],
        "outward_usd": float(outward["value_usd"].sum()),
        "covax_pledge": covax_pledges.iloc[-1] if len(covax_pledges) else None,
        "covax_pledge_first": covax_pledges.iloc[0] if len(covax_pledges) else None,
    }
