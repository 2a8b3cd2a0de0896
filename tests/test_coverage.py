"""The reconciliation sums the right rows: deliveries only, up to each total's date, never pledges."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from conftest import read_csv, write_csv
from package_io import PACKAGE_DIR, ROOT, load_typed
from reconcile import coverage, donor_check

TABLES = load_typed(PACKAGE_DIR)


def _delivered_to_vietnam_until(as_of: str) -> float:
    d = TABLES["donations"]
    rows = d[(d["status"] == "delivered") & (d["recipient_id"] == "VNM") & (d["date"] <= pd.Timestamp(as_of))]
    return float(rows["doses"].sum())


def test_donated_total_compares_with_deliveries_up_to_its_date():
    report = coverage(TABLES)
    donated = report[report["metric"] == "doses_donated_total"]
    assert not donated.empty
    for _, row in donated.iterrows():
        assert row["itemised"] == _delivered_to_vietnam_until(row["as_of"])
        assert row["gap"] == row["official"] - row["itemised"]


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


def test_cli_prints_the_tables():
    result = subprocess.run([sys.executable, "scripts/coverage_report.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert "| donated doses received | 2022-09-01 | over 120,000,000 doses |" in result.stdout
    assert "Main known reasons for the gaps" in result.stdout
