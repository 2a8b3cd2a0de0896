"""The validator accepts the real package and reports every problem at once with a non-zero exit.

Broken inputs, one per case with its exact expected output, are in test_broken_inputs.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import read_csv, write_csv
from vdp.checks.evidence import states_figure
from vdp.checks.validate import validate_package
from vdp.package.resources import PACKAGE_DIR, ROOT, load_resources


@pytest.mark.tools
def test_real_package_is_valid():
    problems, tables = validate_package(PACKAGE_DIR)
    assert problems == []
    for name, resource in load_resources(PACKAGE_DIR).items():
        lines = resource.path.read_text(encoding="utf-8").count("\n")
        assert len(tables[name]) == lines - 1, name


@pytest.mark.tools
def test_cli_prints_one_line_summary_and_exits_zero():
    result = subprocess.run([sys.executable, "scripts/validate.py"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("valid: sources ")
    assert result.stdout.count("\n") == 1


@pytest.mark.tools
def test_all_problems_reported_at_once_with_nonzero_exit(package_copy: Path):
    donations = read_csv(package_copy / "data" / "donations.csv")
    delivery = int(donations.index[donations["status"] == "delivered"][0])
    donations.loc[delivery, "doses"] = "-5"
    write_csv(donations, package_copy / "data" / "donations.csv")
    contacts = read_csv(package_copy / "data" / "contacts.csv")
    contacts.loc[1, "channel"] = "telegram"
    write_csv(contacts, package_copy / "data" / "contacts.csv")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), str(package_copy)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"data/donations.csv:{delivery + 2}:doses: -5 is below the minimum 1" in result.stdout
    assert 'data/contacts.csv:3:channel: "telegram" is not an allowed value' in result.stdout


@pytest.mark.parametrize(
    ("quote", "figure"),
    [
        ("tiếp nhận 1.316.250 liều vắc xin", 1316250),
        ("a shipment of 1,316,250 doses", 1316250),
        ("thêm 1,3 triệu liều", 1300000),
        ("another 1.3 million doses", 1300000),
        ("trị giá 2 tỷ đồng", 2000000000),
        ("khoản hỗ trợ 500.000 USD", 500000),
        ("มอบวัคซีน จำนวน ๓๐๐,๐๐๐ โดส", 300000),
        ("捐赠30万剂疫苗", 300000),
        ("贈送越南50萬1600劑", 501600),
        ("年内に受け取る約1億1000万回分を確保している", 110000000),
        ("조국전선중앙위원회에 약 37억동을 기부했다", 3700000000),
        ("three million doses", 3000000),
        ("la donazione al Vietnam di 5,7 milioni di dosi", 5700000),
        ("Five refrigerated trucks and an additional 4.2 million doses", 5),
    ],
)
def test_evidence_states_the_figure_in_any_notation(quote: str, figure: int):
    assert states_figure(quote, figure)


@pytest.mark.parametrize(
    ("quote", "figure"),
    [
        ("a shipment of 1,316,250 doses", 316250),  # part of a longer number
        ("thêm 1,3 triệu liều", 1000000),
        ("for 3 months", 3000000),  # a word that starts like a scale
        ("捐赠30万剂疫苗", 30000),
        ("約1億1000万回分", 10000000),  # the myriads of a compound number are not a figure of their own
        ("2,500 doses", 500),
        ("năm 2021, Nhật Bản tặng", 5),  # "năm" is also "year": small counts are read in English words only
    ],
)
def test_evidence_does_not_state_another_figure(quote: str, figure: int):
    assert not states_figure(quote, figure)
