"""Validate the data package: file format, Table Schemas and the project's own checks.

Usage: python scripts/validate.py [--fix] [PACKAGE_DIR]
Prints every problem as FILE:ROW:FIELD: message and exits 1, or prints a one-line summary and exits 0.
--fix first repairs what can be repaired without doubt (BOM, CRLF, NFD, stray spaces, value_usd) and
reports each change, then validates the result.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa

from vdp.checks.files import check_file, encoding_problems
from vdp.checks.fix import fix_package
from vdp.checks.project import run_project_checks
from vdp.checks.schema import check_schemas
from vdp.package.guards import stray_files
from vdp.package.problems import Problem
from vdp.package.resources import PACKAGE_DIR, PackageError, Resource, load_resources, read_table


def ragged_rows(resource: Resource) -> list[Problem]:
    """Every row whose number of cells differs from the header's (read slowly, only when the fast read failed)."""
    with resource.path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        width = len(next(rows))
        return [
            Problem(
                resource.file_label,
                number,
                "",
                f"row has {'more' if len(cells) > width else 'fewer'} cells than the header ({len(cells)}, not {width}): check commas and quotes",
            )
            for number, cells in enumerate(rows, start=2)
            if len(cells) != width
        ]


def read_checked(resource: Resource) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read a table whose file passed the byte checks; rows with too many or too few cells make it unreadable."""
    try:
        return read_table(resource), []
    except pa.ArrowInvalid:
        return None, encoding_problems(resource) or ragged_rows(resource)


def validate_package(package_dir: Path = PACKAGE_DIR) -> tuple[list[Problem], dict[str, pd.DataFrame]]:
    """Return all problems found in the package, and each readable table as read (strings), so that a build that
    validates does not read the files again."""
    try:
        resources = load_resources(package_dir)
    except PackageError as err:  # nothing is read from a package whose descriptor or schemas are unsafe
        return sorted(set(err.problems)), {}
    problems, tables = stray_files(package_dir, list(resources)), {}
    for name, resource in resources.items():
        found = check_file(resource)
        if not found:
            frame, found = read_checked(resource)
            if frame is not None:
                tables[name] = frame
        problems.extend(found)
    problems.extend(check_schemas(tables, resources))
    problems.extend(run_project_checks(tables, resources))
    return sorted(set(problems)), tables


def main(argv: list[str]) -> int:
    fix = "--fix" in argv
    args = [a for a in argv if a != "--fix"]
    package_dir = Path(args[0]) if args else PACKAGE_DIR
    if fix:
        try:
            changes, _ = fix_package(package_dir)
        except PackageError:  # validation below reports the descriptor's problems; nothing is written
            changes = []
        for change in changes:
            print(f"fixed {change}")
    problems, tables = validate_package(package_dir)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found in {package_dir}: nothing was built.", file=sys.stderr)
        return 1
    print("valid: " + ", ".join(f"{name} {len(frame)}" for name, frame in tables.items()) + " rows")
    return 0
