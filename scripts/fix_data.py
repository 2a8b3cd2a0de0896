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

from package_io import PACKAGE_DIR, load_resources, read_table
from project_checks import expected_value_usd

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


def fix_value_usd(package_dir: Path) -> int:
    """Recompute value_usd for every equipment_aid row; return how many cells changed."""
    resources = load_resources(package_dir)
    aid, rates = read_table(resources["equipment_aid"]), read_table(resources["exchange_rates"])
    changed = 0
    for index, row in aid.iterrows():
        expected, _ = expected_value_usd(row, rates)
        value = "" if expected is None else str(expected)
        if value != row["value_usd"]:
            aid.at[index, "value_usd"] = value
            changed += 1
    if changed:
        aid.to_csv(resources["equipment_aid"].path, index=False, lineterminator="\n")
    return changed


def main(argv: list[str]) -> int:
    package_dir = Path(argv[0]) if argv else PACKAGE_DIR
    for resource in load_resources(package_dir).values():
        try:
            text, changes = fix_text(resource.path.read_bytes())
        except UnicodeDecodeError:
            print(f"{resource.file_label}: not UTF-8; re-save it as UTF-8 (cannot be fixed automatically)")
            return 1
        if changes:
            resource.path.write_text(text, encoding="utf-8", newline="")
            print(f"{resource.file_label}: " + "; ".join(changes))
    changed = fix_value_usd(package_dir)
    if changed:
        print(f"data/equipment_aid.csv: recomputed value_usd in {changed} row(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
