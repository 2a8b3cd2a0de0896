"""The reconciliation sums the right rows: deliveries only, up to each total's date, never pledges."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import read_csv, write_csv
from vdp.measures.figures import aid_from_vietnam, aid_to_vietnam, vietnamese_actors
from vdp.measures.reconcile import coverage, donor_check
from vdp.measures.targets import measure_targets
from vdp.package.resources import PACKAGE_DIR, ROOT, load_resources, load_typed
from vdp.site.coverage import markdown

TABLES = load_typed(PACKAGE_DIR)


def _delivered_to_vietnam_until(tables: dict[str, pd.DataFrame], until: pd.Timestamp) -> float:
    d = tables["donations"]
    rows = d[(d["status"] == "delivered") & (d["recipient_id"] == "VNM") & (d["date"] <= until)]
    return float(rows["doses"].sum())


def _assert_donated_totals_count_up_to_their_date(tables: dict[str, pd.DataFrame]) -> set[str]:
    report = coverage(tables)
    donated = report[report["metric"] == "doses_donated_total"]
    for _, row in donated.iterrows():
        as_of = pd.Timestamp(row["as_of"])
        until = as_of if row["as_of_precision"] == "day" else pd.Timestamp(as_of.year, as_of.month, as_of.days_in_month)
        assert row["itemised"] == _delivered_to_vietnam_until(tables, until)
        assert row["gap"] == row["official"] - row["itemised"]
    return set(donated["as_of_precision"])


def test_donated_total_compares_with_deliveries_up_to_its_date(package_copy: Path):
    """Up to the day of a total dated to the day; to the last day of its month when it is dated to a month."""
    assert "day" in _assert_donated_totals_count_up_to_their_date(TABLES)
    path = package_copy / "data" / "official_totals.csv"
    totals = read_csv(path)
    latest = totals["total_id"] == "tot-doses-donated-total-vnm-20221231"
    totals.loc[latest, ["as_of", "as_of_precision"]] = ["2021-09-01", "month"]  # a month with deliveries after the 1st
    write_csv(totals, path)
    tables = load_typed(package_copy)
    assert "month" in _assert_donated_totals_count_up_to_their_date(tables)
    month = coverage(tables).set_index("total_id").loc["tot-doses-donated-total-vnm-20221231"]
    assert month["itemised"] > _delivered_to_vietnam_until(tables, pd.Timestamp("2021-09-01"))


def test_every_comparison_has_a_reason_and_a_source():
    report = coverage(TABLES)
    assert report["reason"].str.len().min() > 20
    assert set(report["source_id"]) <= set(TABLES["sources"]["source_id"])


def test_adding_a_pledge_changes_no_itemised_sum(package_copy: Path):
    before = coverage(load_typed(package_copy))
    path = package_copy / "data" / "donations.csv"
    frame = read_csv(path)
    pledge = frame.iloc[[0]].copy()
    pledge["donation_id"], pledge["status"], pledge["pledge_id"], pledge["doses"] = (
        "pled-test-20210101",
        "pledged",
        "",
        "99999999",
    )
    write_csv(pd.concat([frame, pledge], ignore_index=True), path)
    after = coverage(load_typed(package_copy))
    assert after["itemised"].tolist() == before["itemised"].tolist()


def test_donor_check_keeps_each_donors_latest_total():
    donors = donor_check(coverage(TABLES))
    assert donors["subject_id"].is_unique
    totals = TABLES["official_totals"]
    for _, row in donors.iterrows():
        stated = totals[(totals["metric"] == "doses_delivered_by_donor") & (totals["subject_id"] == row["subject_id"])]
        assert row["as_of"] == stated["as_of"].max().date().isoformat()


@pytest.mark.tools
def test_cli_prints_the_tables():
    result = subprocess.run([sys.executable, "scripts/coverage_report.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert "| donated doses received | 31 December 2022 | about 160,000,000 doses |" in result.stdout
    assert "Main known reasons for the gaps" in result.stdout
    assert "| Letters of the four top leaders about vaccines (officially over 100) | ≥ 40 |" in result.stdout


def test_unsized_shipments_are_counted_not_summed():
    report = coverage(TABLES)
    d = TABLES["donations"]
    delivered = d[(d["status"] == "delivered") & (d["recipient_id"] == "VNM")]
    assert delivered["doses"].isna().any(), "the real data have shipments of unstated size"
    for _, row in report[report["metric"].isin(["doses_donated_total", "doses_delivered_by_donor"])].iterrows():
        as_of = pd.Timestamp(row["as_of"])
        until = as_of if row["as_of_precision"] == "day" else pd.Timestamp(as_of.year, as_of.month, as_of.days_in_month)
        rows = delivered[delivered["date"] <= until]
        if row["subject_id"] == "covax":
            rows = rows[rows["channel"].isin(["covax_amc", "covax_dose_sharing"])]
        elif row["metric"] == "doses_delivered_by_donor":
            rows = rows[rows["donor_id"] == row["subject_id"]]
        assert row["unsized"] == rows["doses"].isna().sum()
        assert row["itemised"] == rows["doses"].sum()
    page = markdown(TABLES, load_resources(PACKAGE_DIR))
    sized = report[report["unsized"] > 0].iloc[0]
    assert f"(+{int(sized['unsized'])} of unstated size)" in page


def _raw(name: str) -> pd.DataFrame:
    return read_csv(PACKAGE_DIR / "data" / f"{name}.csv")


TOP_FOUR = {"General Secretary", "President", "Prime Minister", "National Assembly Chairman", "General Secretary and President"}


def test_targets_are_measured_on_the_real_rows():
    measured = measure_targets(TABLES, coverage(TABLES)).set_index("key")["measured"]
    sources, donations, contacts = _raw("sources"), _raw("donations"), _raw("contacts")
    leaders = contacts[contacts["vn_role"].str.replace(r" \(.*\)$", "", regex=True).isin(TOP_FOUR)]
    assert measured["leader_calls"] == (leaders["channel"] != "letter").sum()
    assert measured["leader_letters"] == (leaders["channel"] == "letter").sum()
    assert measured["vietnamese_sources"] == (sources["language"] == "vi").sum() / len(sources)
    assert measured["english_sources"] == (sources["language"] == "en").sum() / len(sources)
    delivered = donations[(donations["status"] == "delivered") & (donations["recipient_id"] == "VNM")]
    assert measured["vaccine_donors"] == delivered["donor_id"].nunique()
    donated = coverage(TABLES).set_index("total_id").loc["tot-doses-donated-total-vnm-20221231"]
    assert measured["donated_share"] == donated["itemised"] / donated["official"]


def test_a_target_falls_when_rows_are_removed(package_copy: Path):
    path = package_copy / "data" / "contacts.csv"
    contacts = read_csv(path)
    letters = contacts[(contacts["channel"] == "letter") & (contacts["vn_role"] == "Prime Minister")]
    write_csv(contacts.drop(letters.index[1:]), path)
    tables = load_typed(package_copy)
    targets = measure_targets(tables, coverage(tables)).set_index("key")
    before = measure_targets(TABLES, coverage(TABLES)).set_index("key")
    assert targets.loc["leader_letters", "measured"] == before.loc["leader_letters", "measured"] - len(letters) + 1
    assert not targets.loc["leader_letters", "met"]
    line = f"| Letters of the four top leaders about vaccines (officially over 100) | ≥ 40 | {targets.loc['leader_letters', 'measured']:.0f} | ✗ |"
    assert line in markdown(tables, load_resources(package_copy))


def test_aid_to_and_from_vietnam_never_mix():
    inward, outward = aid_to_vietnam(TABLES), aid_from_vietnam(TABLES)
    assert set(inward.index).isdisjoint(outward.index)
    ours = vietnamese_actors(TABLES["actors"])
    assert {"VNM", "vnm-ha-noi"} <= ours
    assert inward["recipient_id"].isin(ours).all() and not inward["donor_id"].isin(ours).any()
    assert outward["donor_id"].isin(ours).all() and not outward["recipient_id"].isin(ours).any()
    assert outward["donor_id"].str.startswith("vnm-").any(), "a Vietnamese city's gift abroad counts as outward aid"
    kinds = TABLES["actors"].set_index("actor_id").loc[sorted(set(outward["donor_id"]) - {"VNM"}), "kind"]
    assert (kinds == "company").any(), "a Vietnamese company's gift abroad counts as outward aid, not as aid received"
