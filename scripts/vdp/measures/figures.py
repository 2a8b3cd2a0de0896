"""Headline figures computed from the validated data, and the official totals they are compared with."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

VIETNAM = "VNM"
# Every page compares the data with the official figures as they stood at the end of 2022 (the latest figure of each
# measure on or before this date), so one measure has one reference everywhere.
REFERENCE_DATE = pd.Timestamp("2022-12-31")
COMPARED = (
    "doses_received_total",
    "doses_donated_total",
    "leader_calls_contacts",
    "leader_letters",
    "equipment_aid_value",
    "equipment_aid_donors",
)
TOP_LEADER_ROLES = ("General Secretary", "President", "Prime Minister", "National Assembly Chairman")


@dataclass(frozen=True)
class Official:
    """The latest official statement of one metric about one subject."""

    value: float
    qualifier: str
    unit: str
    as_of: pd.Timestamp
    total_id: str
    source_id: str
    as_of_precision: str = "day"


def latest_official(
    totals: pd.DataFrame, metric: str, subject: str = VIETNAM, on_or_before: pd.Timestamp | None = None
) -> Official | None:
    """Return the most recent official figure for a metric and subject (largest value on ties), optionally as of a date."""
    rows = totals[(totals["metric"] == metric) & (totals["subject_id"] == subject)]
    if on_or_before is not None:
        rows = rows[rows["as_of"] <= on_or_before]
    if rows.empty:
        return None
    row = rows.sort_values(["as_of", "value"]).iloc[-1]
    return Official(
        float(row["value"]),
        row["qualifier"],
        row["unit"],
        row["as_of"],
        row["total_id"],
        row["source_id"],
        row["as_of_precision"],
    )


def donations_to_vietnam(donations: pd.DataFrame, status: str) -> pd.DataFrame:
    """Donation rows to Vietnam with the given status (pledged or delivered)."""
    return donations[(donations["recipient_id"] == VIETNAM) & (donations["status"] == status)]


def vietnamese_actors(actors: pd.DataFrame) -> set[str]:
    """Vietnam, its provinces and cities, and Vietnamese organisations and companies (actors whose iso3 is VNM)."""
    ids = actors["actor_id"]
    return set(ids[(actors["iso3"] == VIETNAM) | (ids == VIETNAM) | ids.str.startswith("vnm-")])


def _split_aid(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    aid, ours = tables["equipment_aid"], vietnamese_actors(tables["actors"])
    return aid, aid["donor_id"].isin(ours), aid["recipient_id"].isin(ours)


def aid_to_vietnam(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Equipment-aid rows given to a Vietnamese recipient by a foreign donor."""
    aid, from_vn, to_vn = _split_aid(tables)
    return aid[to_vn & ~from_vn]


def aid_from_vietnam(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Equipment-aid rows a Vietnamese donor (state, province, company or association) gave abroad."""
    aid, from_vn, to_vn = _split_aid(tables)
    return aid[from_vn & ~to_vn]


def governments(actors: pd.DataFrame) -> set[str]:
    """Actors that are governments of countries or territories: what official counts of donor governments count."""
    return set(actors.loc[actors["kind"].isin(["country", "territory"]), "actor_id"])


def leader_contacts(contacts: pd.DataFrame) -> pd.DataFrame:
    """Contacts of the four top leaders (not their deputies): what the official counts of calls and letters count."""
    roles = contacts["vn_role"].str.contains("|".join(TOP_LEADER_ROLES), regex=True)
    return contacts[roles & ~contacts["vn_role"].str.contains("Deputy|Vice", regex=True)]


def headline(tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Every figure the home page shows, computed from the typed tables."""
    donations, contacts = tables["donations"], tables["contacts"]
    totals, purchases = tables["official_totals"], tables["purchases"]
    delivered = donations_to_vietnam(donations, "delivered")
    pledged = donations_to_vietnam(donations, "pledged")
    outward = donations[(donations["donor_id"] == VIETNAM) & (donations["status"] == "delivered")]
    aid_in = aid_to_vietnam(tables)
    leaders = leader_contacts(contacts)
    return {
        "doses_delivered": int(delivered["doses"].sum()),
        "delivered_rows": len(delivered),
        "doses_pledged": int(pledged["doses"].sum()),
        "pledge_rows": len(pledged),
        "vaccine_donors": delivered["donor_id"].nunique(),
        "doses_given_by_vietnam": int(outward["doses"].sum()),
        "purchased_doses_delivered": int(purchases.loc[purchases["status"] == "delivered", "doses"].sum()),
        "aid_rows": len(aid_in),
        "aid_donors": aid_in["donor_id"].nunique(),
        "aid_governments": aid_in.loc[aid_in["donor_id"].isin(governments(tables["actors"])), "donor_id"].nunique(),
        "aid_value_usd": int(aid_in["value_usd"].sum()),
        "aid_rows_with_value": int(aid_in["value_usd"].notna().sum()),
        "contacts": len(contacts),
        "leader_calls": int((leaders["channel"] != "letter").sum()),
        "leader_letters": int((leaders["channel"] == "letter").sum()),
        "contacts_by_channel": contacts["channel"].value_counts().to_dict(),
        "sources": len(tables["sources"]),
        "official": {metric: latest_official(totals, metric, on_or_before=REFERENCE_DATE) for metric in COMPARED}
        | {"vaccination_target_doses": latest_official(totals, "vaccination_target_doses")},
    }
