"""Frictionless validation of the package, with its errors reworded as Problems."""

from __future__ import annotations

from pathlib import Path

from frictionless import Package, system

from package_io import Resource
from problems import Problem

TYPE_HINTS = {
    "date": "write dates as YYYY-MM-DD, e.g. 2021-06-16",
    "integer": "write a whole number with digits only, e.g. 1000000 (no dots, commas or spaces)",
    "number": "write a number with digits and an optional decimal point, e.g. 1500000 or 2.5",
}


def _constraint_message(error, field: dict) -> str:
    note, cell = error.note, error.cell
    constraints = field.get("constraints", {})
    if note.startswith('constraint "required"'):
        return "is empty but required"
    if note.startswith('constraint "enum"'):
        return f'"{cell}" is not an allowed value; use one of: {", ".join(map(str, constraints["enum"]))}'
    if note.startswith('constraint "pattern"'):
        return f'"{cell}" does not have the expected form (pattern {constraints["pattern"]})'
    if note.startswith('constraint "minimum"'):
        return f"{cell} is below the minimum {constraints['minimum']}"
    if note.startswith('constraint "maximum"'):
        return f"{cell} is above the maximum {constraints['maximum']}"
    if note.startswith('constraint "maxLength"'):
        return f"text is {len(cell)} characters long; the limit is {constraints['maxLength']}"
    return f'"{cell}" breaks a rule of the schema: {note}'


def _reword(error, resource: Resource) -> Problem:
    label = resource.file_label
    row = getattr(error, "row_number", None) or 0
    field_name = getattr(error, "field_name", None) or ""
    field = resource.fields.get(field_name, {})
    kind = error.type
    if kind == "type-error":
        hint = TYPE_HINTS.get(field.get("type"), f"expected type {field.get('type')}")
        return Problem(label, row, field_name, f'"{error.cell}" is not a valid {field.get("type")}: {hint}')
    if kind == "constraint-error":
        return Problem(label, row, field_name, _constraint_message(error, field))
    if kind in ("primary-key", "unique-error"):
        names = field_name or ",".join(resource.primary_key)
        cells = error.cell if field_name else ",".join(map(str, error.cells or []))
        return Problem(label, row, names, f'duplicate id "{cells}": {error.note}; every id must be unique')
    if kind == "foreign-key":
        names = ",".join(error.field_names)
        values = ",".join(map(str, error.field_cells))
        target = error.reference_name or resource.name
        return Problem(
            label,
            row,
            names,
            f'unknown reference "{values}": no row with that {",".join(error.reference_field_names)} in {target}.csv',
        )
    if kind in ("extra-cell", "missing-cell"):
        what = "more" if kind == "extra-cell" else "fewer"
        return Problem(label, row, field_name, f"row has {what} cells than the header: check commas and quotes")
    return Problem(label, row, field_name, error.message)


def check_schemas(package_dir: Path, resources: dict[str, Resource], skip: set[str]) -> list[Problem]:
    """Validate every resource not in skip against its Table Schema, foreign keys included."""
    with system.use_context(trusted=True):
        package = Package(str(package_dir / "datapackage.json"))
        for name in skip:
            package.remove_resource(name)
        for res in package.resources:  # references into a skipped file cannot be checked
            res.schema.foreign_keys = [fk for fk in res.schema.foreign_keys if fk["reference"]["resource"] not in skip]
        report = package.validate()
    problems = []
    for task in report.tasks:
        resource = resources[task.name]
        problems.extend(_reword(error, resource) for error in task.errors)
    return problems
