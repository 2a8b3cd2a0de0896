"""Repair what can be repaired without doubt, and report every change.

Removes a UTF-8 byte-order mark, turns CRLF into LF, normalises text to NFC, trims spaces around cells, and
recomputes equipment_aid.value_usd from exchange_rates. Usage: python scripts/fix_data.py [PACKAGE_DIR]
"""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
from pathlib import Path

import pyarrow as pa

from vdp.measures.usd import expected_value_usd
from vdp.package.resources import PACKAGE_DIR, PackageError, load_resources, read_table

BOM = "\ufeff"


def fix_text(raw: bytes) -> tuple[str, list[str]]:
    """Return repaired CSV text and the list of repairs made (the file must already be UTF-8)."""
    text, changes = raw.decode("utf-8"), []
    if text.startswith(BOM):
        text, changes = text[1:], changes + ["removed the byte-order mark"]
    if "\r" in text:
        text, changes = text.replace("\r\n", "\n").replace("\r", "\n"), changes + ["converted CRLF line endings to LF"]
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        text, changes = nfc, changes + ["normalised text to Unicode NFC"]
    rows = list(csv.reader(io.StringIO(text)))
    trimmed = [[cell.strip() for cell in row] for row in rows]
    if trimmed != rows:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(trimmed)
        text, changes = out.getvalue(), changes + ["trimmed spaces around cells"]
    return text, changes


def _replace(path: Path, text: str) -> None:
    """Write a file in one step: a temporary file next to it is renamed over it."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8", newline="")
    partial.replace(path)


def fix_value_usd(package_dir: Path) -> int:
    """Recompute value_usd for every equipment_aid row; return how many cells changed."""
    resources = load_resources(package_dir)
    aid, rates = read_table(resources["equipment_aid"]), read_table(resources["exchange_rates"])
    expected = expected_value_usd(aid, rates)
    changed = int((aid["value_usd"] != expected).sum())
    if changed:
        aid["value_usd"] = expected
        _replace(resources["equipment_aid"].path, aid.to_csv(index=False, lineterminator="\n"))
    return changed


def fix_package(package_dir: Path) -> tuple[list[str], list[str]]:
    """Repair every file that can be repaired without doubt; return (changes made, files left alone and why)."""
    changes, refused = [], []
    for resource in load_resources(package_dir).values():  # declared tables only, each data/NAME.csv, never a link
        if resource.path.is_symlink() or not resource.path.is_file():
            refused.append(f"{resource.file_label}: missing or a link; left alone")
            continue
        try:
            text, fixed = fix_text(resource.path.read_bytes())
        except UnicodeDecodeError:
            refused.append(f"{resource.file_label}: not UTF-8; re-save it as UTF-8 (cannot be fixed automatically)")
            continue
        if fixed:
            _replace(resource.path, text)
            changes.append(f"{resource.file_label}: " + "; ".join(fixed))
    try:
        changed = fix_value_usd(package_dir)
    except (pa.ArrowInvalid, KeyError):
        refused.append(
            "data/equipment_aid.csv: value_usd not recomputed until equipment_aid.csv and exchange_rates.csv can be read"
        )
        changed = 0
    if changed:
        changes.append(f"data/equipment_aid.csv: recomputed value_usd in {changed} row(s)")
    return changes, refused


def main(argv: list[str]) -> int:
    package_dir = Path(argv[0]) if argv else PACKAGE_DIR
    try:
        changes, refused = fix_package(package_dir)
    except PackageError as err:  # never write through a descriptor that points elsewhere
        print(f"{err}\nnothing was fixed: correct datapackage.json and the schemas first", file=sys.stderr)
        return 1
    print("\n".join(changes + refused) or "nothing to fix")
    return 1 if refused else 0
