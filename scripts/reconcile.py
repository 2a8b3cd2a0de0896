"""Reconcile the itemised rows with the official totals: for each total, the sum of matching rows up to its date."""

from __future__ import annotations

import pandas as pd

from figures import VIETNAM, donations_to_vietnam

TOP_LEADER_ROLES = ("General Secretary", "President", "Prime Minister", "National Assembly Chairman")
COVAX_CHANNELS = ("covax_amc", "covax_dose_sharing")
DONOR_TOLERANCE = 0.05

REASONS = {
    "doses_donated_total": "Government totals include consignments that no public report itemised one by one "
    "(notably United States and COVAX shipments in 2022 and several Chinese batches of late 2021).",
    "doses_received_total": "Bought doses are itemised only where a delivery was reported; most purchased doses "
    "arrived in shipments that were never reported one by one.",
    "doses_delivered_by_donor": "Donors count doses at dispatch or announcement and often round; shipments known "
    "only from a running total have no row of their own.",
    "leader_calls_contacts": "Only contacts whose public readout mentions vaccines are recorded, and many were "
    "not reported at all; the dataset also counts ministers and ambassadors, shown separately.",
    "leader_letters": "Most letters were never made public.",
    "equipment_aid_value": "Most handovers are reported without a value, and values in currencies without a "
    "recorded annual rate stay unconverted.",
    "equipment_aid_donors": "The dataset names every company, community and province separately; official counts group them.",
}


def _until(frame: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    return frame[frame["date"] <= as_of]


def _aid_to_vietnam(aid: pd.DataFrame) -> pd.DataFrame:
    to_vn = (aid["recipient_id"] == VIETNAM) | aid["recipient_id"].str.startswith("vnm-")
    return aid[to_vn & (aid["donor_id"] != VIETNAM)]


def _leader_contacts(contacts: pd.DataFrame) -> pd.DataFrame:
    roles = contacts["vn_role"].str.contains("|".join(TOP_LEADER_ROLES), regex=True)
    return contacts[roles & ~contacts["vn_role"].str.contains("Deputy|Vice", regex=True)]


def itemised(tables: dict[str, pd.DataFrame], metric: str, subject: str, as_of: pd.Timestamp) -> float | None:
    """Sum of the itemised rows that an official total of this metric and subject counts, up to as_of."""
    purchases = tables["purchases"]
    delivered = _until(donations_to_vietnam(tables["donations"], "delivered"), as_of)
    if metric == "doses_donated_total" and subject == VIETNAM:
        return float(delivered["doses"].sum())
    if metric == "doses_received_total" and subject == VIETNAM:
        bought = _until(purchases[purchases["status"] == "delivered"], as_of)
        return float(delivered["doses"].sum() + bought["doses"].sum())
    if metric == "doses_delivered_by_donor":
        rows = (
            delivered[delivered["channel"].isin(COVAX_CHANNELS)]
            if subject == "covax"
            else delivered[delivered["donor_id"] == subject]
        )
        return float(rows["doses"].sum())
    leaders = _until(_leader_contacts(tables["contacts"]), as_of)
    if metric == "leader_calls_contacts":
        return float((leaders["channel"] != "letter").sum())
    if metric == "leader_letters":
        return float((leaders["channel"] == "letter").sum())
    aid = _until(_aid_to_vietnam(tables["equipment_aid"]), as_of)
    if metric == "equipment_aid_value" and subject == VIETNAM:
        return float(aid["value_usd"].sum())
    if metric == "equipment_aid_donors" and subject == VIETNAM:
        return float(aid["donor_id"].nunique())
    return None


def coverage(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per comparable official total: official value, itemised sum, gap and gap share, reason."""
    totals = tables["official_totals"]
    comparable = totals[
        totals["metric"].isin(REASONS) & ~((totals["metric"] == "equipment_aid_value") & (totals["unit"] != "USD"))
    ]
    rows = []
    for _, total in comparable.sort_values(["metric", "subject_id", "as_of"]).iterrows():
        found = itemised(tables, total["metric"], total["subject_id"], total["as_of"])
        if found is None:
            continue
        gap = float(total["value"]) - found
        rows.append(
            {
                "total_id": total["total_id"],
                "metric": total["metric"],
                "subject_id": total["subject_id"],
                "as_of": total["as_of"].date().isoformat(),
                "official": float(total["value"]),
                "qualifier": total["qualifier"],
                "unit": total["unit"],
                "itemised": found,
                "gap": gap,
                "gap_share": gap / float(total["value"]) if float(total["value"]) else None,
                "reason": REASONS[total["metric"]],
                "source_id": total["source_id"],
            }
        )
    return pd.DataFrame(rows)


def donor_check(report: pd.DataFrame) -> pd.DataFrame:
    """Each donor's latest stated cumulative delivery total next to its rows, and whether they agree within 5%."""
    donors = report[report["metric"] == "doses_delivered_by_donor"].sort_values("as_of").groupby("subject_id").tail(1)
    donors = donors.assign(within_tolerance=donors["gap_share"].abs() <= DONOR_TOLERANCE)
    return donors.reset_index(drop=True)
