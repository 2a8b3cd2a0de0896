"""`make fix` repairs what is certain (BOM, CRLF, NFD, spaces, value_usd) and the result validates."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from vdp.checks.validate import validate_package
from vdp.package.resources import ROOT

pytestmark = pytest.mark.tools


def test_fix_repairs_encoding_details_and_reports_them(package_copy: Path):
    path = package_copy / "data" / "actors.csv"
    original = path.read_bytes()
    spaced = original.decode("utf-8").replace(",Việt Nam,", ", Việt Nam ,")
    assert spaced != original.decode("utf-8")
    text = unicodedata.normalize("NFD", spaced).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert validate_package(package_copy)[0]
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fix_data.py"), str(package_copy)], capture_output=True, text=True
    )
    assert result.returncode == 0
    for change in ("removed the byte-order mark", "converted CRLF", "normalised text to Unicode NFC", "trimmed spaces"):
        assert change in result.stdout
    assert path.read_bytes() == original
    assert validate_package(package_copy)[0] == []


def test_fix_recomputes_value_usd(package_copy: Path):
    path = package_copy / "data" / "equipment_aid.csv"
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    header = lines[0].split(",")
    index = next(i for i, line in enumerate(lines[1:], 1) if line and line.split(",")[header.index("currency")] == "USD")
    cells = lines[index].split(",")
    cells[header.index("value_usd")] = "999"
    lines[index] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert any(p.field == "value_usd" for p in validate_package(package_copy)[0])
    subprocess.run([sys.executable, str(ROOT / "scripts" / "fix_data.py"), str(package_copy)], check=True, capture_output=True)
    assert path.read_text(encoding="utf-8") == original
