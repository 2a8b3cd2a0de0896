"""The validator accepts the real package and refuses broken copies with FILE:ROW:FIELD messages."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from conftest import read_csv, write_csv
from package_io import PACKAGE_DIR, ROOT, load_resources
from validate import validate_package


def test_real_package_is_valid():
    problems, counts = validate_package(PACKAGE_DIR)
    assert problems == []
    for name, resource in load_resources(PACKAGE_DIR).items():
        lines = resource.path.read_text(encoding="utf-8").count("\n")
        assert counts[name] == lines - 1, name


def test_cli_prints_one_line_summary_and_exits_zero():
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("valid: sources ")
    assert result.stdout.count("\n") == 1


def set_cell(table: str, row: int, field: str, value: str) -> Callable[[Path], None]:
    """A breakage that writes value into one cell (row counts data rows from 0)."""

    def apply(package: Path) -> None:
        path = package / "data" / f"{table}.csv"
        frame = read_csv(path)
        frame.loc[row, field] = value
        write_csv(frame, path)

    return apply


def first_delivery(package: Path) -> int:
    frame = read_csv(package / "data" / "donations.csv")
    return int(frame.index[frame["status"] == "delivered"][0])


def repeat_pledge_as_delivery(package: Path) -> None:
    path = package / "data" / "donations.csv"
    frame = read_csv(path)
    pledge = frame[frame["status"] == "pledged"].iloc[0].copy()
    pledge["donation_id"] = pledge["donation_id"].replace("pled-", "don-", 1) + "-copy"
    pledge["status"] = "delivered"
    write_csv(pd.concat([frame, pledge.to_frame().T], ignore_index=True), path)


def link_delivery_to_delivery(package: Path) -> None:
    path = package / "data" / "donations.csv"
    frame = read_csv(path)
    deliveries = frame.index[frame["status"] == "delivered"]
    frame.loc[deliveries[1], "pledge_id"] = "pled-" + frame.loc[deliveries[0], "donation_id"][4:]
    frame.loc[deliveries[0], "donation_id"] = "pled-" + frame.loc[deliveries[0], "donation_id"][4:]
    write_csv(frame, path)


def duplicate_first_row(table: str) -> Callable[[Path], None]:
    def apply(package: Path) -> None:
        path = package / "data" / f"{table}.csv"
        frame = read_csv(path)
        write_csv(pd.concat([frame, frame.iloc[[0]]], ignore_index=True), path)

    return apply


def drop_column(table: str, field: str) -> Callable[[Path], None]:
    def apply(package: Path) -> None:
        path = package / "data" / f"{table}.csv"
        write_csv(read_csv(path).drop(columns=[field]), path)

    return apply


def rewrite_bytes(table: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(package: Path) -> None:
        path = package / "data" / f"{table}.csv"
        path.write_bytes(change(path.read_bytes()))

    return apply


def first_value_row(package: Path) -> int:
    frame = read_csv(package / "data" / "equipment_aid.csv")
    return int(frame.index[frame["value_usd"] != ""][0])


CASES = {
    "impossible date": (
        set_cell("donations", 0, "date", "2021-13-01"),
        'data/donations.csv:2:date: "2021-13-01" is not a valid date: write dates as YYYY-MM-DD',
    ),
    "date written day first": (
        set_cell("contacts", 0, "date", "16/06/2021"),
        'data/contacts.csv:2:date: "16/06/2021" is not a valid date',
    ),
    "date before the period": (
        set_cell("donations", 0, "date", "2019-12-31"),
        "data/donations.csv:2:date: 2019-12-31 is below the minimum 2020-01-01",
    ),
    "unknown donor": (
        set_cell("donations", 0, "donor_id", "ZZZ"),
        'data/donations.csv:2:donor_id: unknown reference "ZZZ": no row with that actor_id in actors.csv',
    ),
    "unknown source": (
        set_cell("contacts", 0, "source_id", "src-nowhere"),
        'data/contacts.csv:2:source_id: unknown reference "src-nowhere": no row with that source_id in sources.csv',
    ),
    "missing source": (set_cell("contacts", 0, "source_id", ""), "data/contacts.csv:2:source_id: is empty but required"),
    "dotted thousands": (
        set_cell("donations", 0, "doses", "1.000.000"),
        'data/donations.csv:2:doses: "1.000.000" is not a valid integer: write a whole number',
    ),
    "zero doses": (set_cell("donations", 0, "doses", "0"), "data/donations.csv:2:doses: 0 is below the minimum 1"),
    "unknown status": (
        set_cell("donations", 0, "status", "promised"),
        'data/donations.csv:2:status: "promised" is not an allowed value; use one of: pledged, delivered',
    ),
    "javascript url": (
        set_cell("sources", 0, "url", "javascript:alert(1)"),
        'data/sources.csv:2:url: "javascript:alert(1)" does not have the expected form',
    ),
    "duplicate id": (duplicate_first_row("contacts"), ':contact_id: duplicate id "con-'),
    "pledge counted as delivery": (repeat_pledge_as_delivery, "a pledge is never counted as a delivery"),
    "delivery linked to a delivery": (link_delivery_to_delivery, "is a delivery, not a pledge"),
    "decomposed Vietnamese": (
        set_cell("actors", 0, "name_vi", "Vie\u0323\u0302t Nam"),
        "data/actors.csv:2:name_vi: text is not in Unicode NFC",
    ),
    "stray spaces": (set_cell("actors", 0, "name_en", " Vietnam "), "data/actors.csv:2:name_en: has spaces at the start or end"),
    "script tag": (
        set_cell("contacts", 0, "summary", "<script>alert(1)</script>"),
        "data/contacts.csv:2:summary: contains HTML or a script tag",
    ),
    "formula injection": (
        set_cell("contacts", 0, "summary", '=HYPERLINK("x")'),
        'data/contacts.csv:2:summary: starts with "=", which spreadsheets run as a formula',
    ),
    "month precision with a day": (set_cell("contacts", 0, "date_precision", "month"), "so write the date as YYYY-MM-01"),
    "missing column": (drop_column("contacts", "summary"), "data/contacts.csv:1:summary: column is missing"),
    "byte-order mark": (
        rewrite_bytes("vaccines", lambda b: b"\xef\xbb\xbf" + b),
        "data/vaccines.csv:1:: file starts with a byte-order mark",
    ),
    "Latin-1 file": (rewrite_bytes("actors", lambda b: b.decode("utf-8").encode("cp1258", errors="replace")), "not valid UTF-8"),
    "empty file": (rewrite_bytes("purchases", lambda b: b""), "data/purchases.csv:0:: file is empty"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_copy_is_refused(package_copy: Path, name: str):
    breakage, expected = CASES[name]
    breakage(package_copy)
    problems, _ = validate_package(package_copy)
    lines = [str(p) for p in problems]
    assert any(expected in line for line in lines), lines


def test_value_usd_must_match_the_exchange_rate(package_copy: Path):
    path = package_copy / "data" / "equipment_aid.csv"
    row = first_value_row(package_copy)
    set_cell("equipment_aid", row, "value_usd", "1")(package_copy)
    problems, _ = validate_package(package_copy)
    assert any(
        p.file == "data/equipment_aid.csv" and p.row == row + 2 and p.field == "value_usd" and "should be" in p.message
        for p in problems
    ), problems
    assert path.exists()


def test_all_problems_reported_at_once_with_nonzero_exit(package_copy: Path):
    set_cell("donations", first_delivery(package_copy), "doses", "-5")(package_copy)
    set_cell("contacts", 1, "channel", "telegram")(package_copy)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), str(package_copy)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"data/donations.csv:{first_delivery(package_copy) + 2}:doses: -5 is below the minimum 1" in result.stdout
    assert 'data/contacts.csv:3:channel: "telegram" is not an allowed value' in result.stdout
