"""Validate the data package: file format, Table Schemas (Frictionless) and the project's own checks.

Usage: python scripts/validate.py [PACKAGE_DIR]
Prints every problem as FILE:ROW:FIELD: message and exits 1, or prints a one-line summary and exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from file_checks import check_file
from package_io import PACKAGE_DIR, load_resources, read_table
from problems import Problem
from project_checks import run_project_checks
from schema_checks import check_schemas


def validate_package(package_dir: Path = PACKAGE_DIR) -> tuple[list[Problem], dict[str, int]]:
    """Return all problems found in the package, and the row count of each table."""
    resources = load_resources(package_dir)
    problems, unreadable = [], set()
    for name, resource in resources.items():
        found = check_file(resource)
        problems.extend(found)
        if found:
            unreadable.add(name)
    problems.extend(check_schemas(package_dir, resources, unreadable))
    tables = {name: read_table(res) for name, res in resources.items() if name not in unreadable}
    problems.extend(run_project_checks(tables, resources))
    return sorted(set(problems)), {name: len(frame) for name, frame in tables.items()}


def main(argv: list[str]) -> int:
    package_dir = Path(argv[0]) if argv else PACKAGE_DIR
    problems, counts = validate_package(package_dir)
    if problems:
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s) found in {package_dir}: nothing was built.", file=sys.stderr)
        return 1
    print("valid: " + ", ".join(f"{name} {count}" for name, count in counts.items()) + " rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
