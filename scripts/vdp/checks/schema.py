"""Table Schema checks (types, constraints, keys), vectorised with pandas and worded for contributors.

They find what `frictionless validate` finds on this package's schemas (tests/test_broken_inputs.py compares
the two on every broken fixture), column by column instead of cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from vdp.package.problems import Problem, row_number
from vdp.package.resources import Resource

Tables = dict[str, pd.DataFrame]

TYPE_FORMS = {
    "integer": r"[+-]?\d+",
    "number": r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?",
    "date": r"\d{4}-\d{2}-\d{2}",
}
TYPE_HINTS = {
    "date": "write dates as YYYY-MM-DD, e.g. 2021-06-16",
    "integer": "write a whole number with digits only, e.g. 1000000 (no dots, commas or spaces)",
    "number": "write a number with digits and an optional decimal point, e.g. 1500000 or 2.5",
}


def _rows(mask: pd.Series) -> list[int]:
    """Spreadsheet row numbers (header = 1) of the rows where mask is true."""
    return [row_number(i) for i in mask.index[mask.to_numpy()]]


LARGEST = 1e15  # beyond this a number loses whole-unit precision as a float (and no figure of this package is near it)


def _parse(column: pd.Series, kind: str) -> tuple[pd.Series, pd.Series]:
    """Return (values as the schema's type, mask of non-empty cells that do not parse).

    A number that overflows (1e400), is not finite or is beyond LARGEST does not parse."""
    present = column != ""
    if kind not in TYPE_FORMS:
        return column, pd.Series(False, index=column.index)
    form_ok = column.str.fullmatch(TYPE_FORMS[kind])
    if kind == "date":
        values = pd.to_datetime(column.where(form_ok & present), format="%Y-%m-%d", errors="coerce")
    else:
        values = pd.to_numeric(column.where(form_ok & present), errors="coerce").astype("float64")
        values = values.where(values.abs() <= LARGEST)
    return values, present & values.isna()


def _bound(kind: str, limit):
    return pd.Timestamp(limit) if kind == "date" else limit


def _cell_problems(label: str, name: str, field: dict, column: pd.Series) -> Iterator[Problem]:
    kind, rules = field["type"], field.get("constraints", {})
    values, bad = _parse(column, kind)
    for row in _rows(bad):
        cell = column.iat[row - 2]
        too_large = kind != "date" and re.fullmatch(TYPE_FORMS[kind], cell) is not None  # well written, but 1e400
        hint = f"numbers in this package are at most {LARGEST:,.0f}" if too_large else TYPE_HINTS[kind]
        yield Problem(label, row, name, f'"{cell[:60]}" is not a valid {kind}: {hint}')
    ok = (column != "") & ~bad
    if rules.get("required"):
        yield from (Problem(label, row, name, "is empty but required") for row in _rows(column == ""))
    if "enum" in rules:
        allowed = ", ".join(map(str, rules["enum"]))
        for row in _rows(ok & ~column.isin([str(v) for v in rules["enum"]])):
            yield Problem(label, row, name, f'"{column.iat[row - 2]}" is not an allowed value; use one of: {allowed}')
    if "pattern" in rules:
        for row in _rows(ok & ~column.str.fullmatch(rules["pattern"])):
            cell = column.iat[row - 2]
            yield Problem(label, row, name, f'"{cell}" does not have the expected form (pattern {rules["pattern"]})')
    if "maxLength" in rules:
        for row in _rows(ok & (column.str.len() > rules["maxLength"])):
            length = len(column.iat[row - 2])
            yield Problem(label, row, name, f"text is {length} characters long; the limit is {rules['maxLength']}")
    if "minimum" in rules:
        for row in _rows(ok & (values < _bound(kind, rules["minimum"]))):
            yield Problem(label, row, name, f"{column.iat[row - 2]} is below the minimum {rules['minimum']}")
    if "maximum" in rules:
        for row in _rows(ok & (values > _bound(kind, rules["maximum"]))):
            yield Problem(label, row, name, f"{column.iat[row - 2]} is above the maximum {rules['maximum']}")


def repeats(keys: pd.DataFrame) -> Iterator[tuple[int, int]]:
    """(index, index of the first row with the same values) for every row that repeats an earlier row."""
    repeated = keys.iloc[:, 0].duplicated() if keys.shape[1] == 1 else keys.duplicated()
    if not repeated.any():
        return
    groups = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup()
    first = pd.Series(keys.index, index=keys.index).groupby(groups.to_numpy()).transform("first")
    for index in keys.index[repeated.to_numpy()]:
        yield index, first.at[index]


def _duplicates(label: str, frame: pd.DataFrame, names: list[str]) -> Iterator[Problem]:
    """Rows whose key repeats an earlier row's key (empty keys are left to the required check)."""
    keys = frame[names]
    for index, first in repeats(keys):
        key = keys.loc[index]
        if (key != "").all():
            yield Problem(
                label,
                row_number(index),
                ",".join(names),
                f'duplicate id "{",".join(key)}": the same as in row {row_number(first)}; every id must be unique',
            )


def _isin(values: pd.Series, known: pd.Series) -> pd.Series:
    """values.isin(known) through Arrow: pandas' own isin is slow for large sets of strings."""
    found = pc.is_in(pa.array(values, type=pa.string()), value_set=pa.array(known, type=pa.string()))
    return pd.Series(found.to_numpy(zero_copy_only=False), index=values.index)


def _foreign_keys(resource: Resource, frame: pd.DataFrame, tables: Tables) -> Iterator[Problem]:
    for fk in resource.schema.get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        target = ref["resource"] or resource.name
        ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        if target not in tables:  # an unreadable target file is reported on its own
            continue
        if len(fields) == 1:
            found = _isin(frame[fields[0]], tables[target][ref_fields[0]])
        else:
            keys = pd.MultiIndex.from_frame(frame[fields])
            found = pd.Series(keys.isin(pd.MultiIndex.from_frame(tables[target][ref_fields])), index=frame.index)
        unknown = ~found & (frame[fields] != "").all(axis=1)
        for row in _rows(unknown):
            shown = ",".join(frame[fields].iloc[row - 2])
            yield Problem(
                resource.file_label,
                row,
                ",".join(fields),
                f'unknown reference "{shown}": no row with that {",".join(ref_fields)} in {target}.csv',
            )


def check_schemas(tables: Tables, resources: dict[str, Resource]) -> list[Problem]:
    """Check every readable table against its Table Schema, foreign keys into readable tables included."""
    problems: list[Problem] = []
    for name, frame in tables.items():
        resource = resources[name]
        label = resource.file_label
        for field_name, field in resource.fields.items():
            problems.extend(_cell_problems(label, field_name, field, frame[field_name]))
            if field.get("constraints", {}).get("unique") and [field_name] != resource.primary_key:
                problems.extend(_duplicates(label, frame, [field_name]))
        problems.extend(_duplicates(label, frame, resource.primary_key))
        problems.extend(_foreign_keys(resource, frame, tables))
    return problems
