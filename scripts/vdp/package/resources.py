"""Read the data package: its descriptor, table schemas and CSV tables."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from vdp.package.guards import descriptor_problems

ROOT = Path(__file__).resolve().parents[3]  # scripts/vdp/package/ -> the repository
# The package the scripts and notebooks read; tests and the build point it elsewhere with VDP_PACKAGE_DIR.
PACKAGE_DIR = Path(os.environ.get("VDP_PACKAGE_DIR", ROOT / "datapackage"))


@dataclass(frozen=True)
class Resource:
    """One table of the package with its schema."""

    name: str
    path: Path
    descriptor: dict
    schema: dict

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.schema["fields"]]

    @property
    def fields(self) -> dict[str, dict]:
        return {f["name"]: f for f in self.schema["fields"]}

    @property
    def primary_key(self) -> list[str]:
        key = self.schema.get("primaryKey", [])
        return [key] if isinstance(key, str) else list(key)

    @property
    def file_label(self) -> str:
        """Path of the CSV relative to the package folder, as shown in messages."""
        return self.descriptor["path"]

    # What the site derives from the descriptor entry and the schema: a table added as data alone gets all of it.

    @property
    def anchor(self) -> str:
        """Prefix of the rows' HTML ids on the table's pages: the descriptor's `anchor`, else the key field less `_id`."""
        return self.descriptor.get("anchor") or self.primary_key[0].removesuffix("_id")

    @property
    def filters(self) -> list[str]:
        """Columns a reader can filter the table page by (the descriptor's `filters`)."""
        return list(self.descriptor.get("filters", []))

    @property
    def references(self) -> dict[str, str]:
        """Single-field foreign keys: field -> the resource it references (its own name for a self-reference)."""
        return {
            fk["fields"][0]: fk["reference"]["resource"] or self.name
            for fk in self.schema.get("foreignKeys", [])
            if len(fk["fields"]) == 1
        }

    @property
    def actor_fields(self) -> list[str]:
        """Fields that name a partner (a foreign key to actors): they put a row on that partner's page."""
        return [field for field, target in self.references.items() if target == "actors" and self.name != "actors"]

    @property
    def date_field(self) -> str:
        """The field that dates a row (a date with a `<field>_precision` twin), or "" for undated tables."""
        names = set(self.field_names)
        return next((f["name"] for f in self.schema["fields"] if f["type"] == "date" and f"{f['name']}_precision" in names), "")

    @property
    def partner_columns(self) -> list[dict]:
        """The columns of the table's section on partner pages, between the date and the links (the descriptor's
        `partnerColumns`: a field name, or {fields, format, title, title_vi}); by default its partner fields."""
        columns = self.descriptor.get("partnerColumns") or self.actor_fields
        return [c if isinstance(c, dict) else {"fields": [c]} for c in columns]


def load_descriptor(package_dir: Path = PACKAGE_DIR) -> dict:
    """Return datapackage.json as a dict."""
    return json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))


class PackageError(ValueError):
    """The descriptor or a schema is unsafe to read; the problems say where."""

    def __init__(self, problems: list):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def load_resources(package_dir: Path = PACKAGE_DIR) -> dict[str, Resource]:
    """Return every resource of the package, in descriptor order, keyed by name (schemas read from their files).

    Raises PackageError when the descriptor or a schema is malformed, points outside the package, or takes away
    what the code relies on (vdp.package.guards)."""
    declared, problems = descriptor_problems(package_dir)
    if problems:
        raise PackageError(problems)
    return {name: Resource(name, package_dir / entry["path"], entry, schema) for name, (entry, schema) in declared.items()}


def read_table(resource: Resource) -> pd.DataFrame:
    """Read a CSV as strings exactly as written (empty cells become empty strings).

    Raises pyarrow.ArrowInvalid when a row has more or fewer cells than the header.
    """
    table = pa_csv.read_csv(
        resource.path,
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            column_types={name: pa.string() for name in resource.field_names},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    return table.to_pandas()


def read_tables(package_dir: Path = PACKAGE_DIR) -> dict[str, pd.DataFrame]:
    """Read every table of the package as strings."""
    return {name: read_table(res) for name, res in load_resources(package_dir).items()}


def typed(frame: pd.DataFrame, resource: Resource) -> pd.DataFrame:
    """Convert a string table to the schema's types (integers, numbers, dates); empty cells become NA."""
    out = frame.copy()
    for name, field in resource.fields.items():
        if name not in out:
            continue
        column = out[name].replace("", pd.NA)
        if field["type"] == "integer":
            out[name] = pd.to_numeric(column).astype("Int64")
        elif field["type"] == "number":
            out[name] = pd.to_numeric(column).astype("Float64")
        elif field["type"] == "date":
            out[name] = pd.to_datetime(column, format="%Y-%m-%d")
        else:
            out[name] = column
    return out


def load_typed(package_dir: Path = PACKAGE_DIR) -> dict[str, pd.DataFrame]:
    """Read every table and convert it to its schema's types (only for validated data)."""
    resources = load_resources(package_dir)
    return {name: typed(read_table(res), res) for name, res in resources.items()}
