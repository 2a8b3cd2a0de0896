"""Checks on the raw bytes of each CSV file, before its cells are read."""

from __future__ import annotations

import csv
import io
import re

from vdp.package.problems import Problem
from vdp.package.resources import Resource

BOM = b"\xef\xbb\xbf"
MAX_FILE_BYTES = 512 * 1024 * 1024  # a table 1,000 times today's largest is about 150 MB
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_file(resource: Resource) -> list[Problem]:
    """Return the problems that make a file unreadable as the declared UTF-8 CSV with the schema's header."""
    label = resource.file_label
    if resource.path.is_symlink() or not resource.path.is_file():
        return [Problem(label, 0, "", "file is missing (or is a link): create it with the header row of its schema")]
    size = resource.path.stat().st_size
    if size > MAX_FILE_BYTES:
        return [Problem(label, 0, "", f"file is {size:,} bytes; no table may be larger than {MAX_FILE_BYTES:,} bytes")]
    raw = resource.path.read_bytes()
    if not raw or raw.isspace():
        return [Problem(label, 0, "", "file is empty: it needs at least the header row")]
    problems = []
    if raw.startswith(BOM):
        problems.append(
            Problem(label, 1, "", "file starts with a byte-order mark (BOM): save as UTF-8 without BOM, or run `make fix`")
        )
    if b"\r" in raw:
        line = raw[: raw.index(b"\r")].count(b"\n") + 1
        problems.append(
            Problem(label, line, "", "Windows (CRLF) line endings: save with Unix (LF) line endings, or run `make fix`")
        )
    control = CONTROL_BYTES.search(raw)
    if control:
        line = raw[: control.start()].count(b"\n") + 1
        problems.append(
            Problem(
                label,
                line,
                "",
                f"contains the control byte 0x{control.group()[0]:02x} (NUL, escape…): remove it; text files hold none",
            )
        )
    first_line = raw.split(b"\n", 1)[0]
    try:
        header_text = first_line.decode("utf-8")
    except UnicodeDecodeError as err:
        return problems + [_not_utf8(label, raw, err)]
    header = next(csv.reader(io.StringIO(header_text.lstrip("\ufeff"))), [])
    problems.extend(check_header(resource, [h.strip() for h in header]))
    return problems


def _not_utf8(label: str, raw: bytes, err: UnicodeDecodeError) -> Problem:
    line = raw[: err.start].count(b"\n") + 1
    return Problem(
        label, line, "", f"not valid UTF-8 (byte 0x{raw[err.start]:02x}): save the file as UTF-8, not Windows-1258 or Latin-1"
    )


def encoding_problems(resource: Resource) -> list[Problem]:
    """The first place where a file is not valid UTF-8 (decoding the whole file: only after a failed fast read)."""
    raw = resource.path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return [_not_utf8(resource.file_label, raw, err)]
    return []


def check_header(resource: Resource, header: list[str]) -> list[Problem]:
    """Compare the header row with the schema's field names and order."""
    label, expected = resource.file_label, resource.field_names
    if header == expected:
        return []
    problems = [
        Problem(label, 1, name, "column is missing: add it (it can stay empty if optional)")
        for name in expected
        if name not in header
    ]
    problems += [
        Problem(label, 1, name, f"unknown column: remove it or add it to the schema (expected columns: {', '.join(expected)})")
        for name in header
        if name not in expected
    ]
    if not problems:
        problems.append(Problem(label, 1, "", f"columns are out of order: expected {', '.join(expected)}"))
    return problems
