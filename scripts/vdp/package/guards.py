"""Checks on the package's structure before any cell is read: the descriptor, the schemas and the files on disk.

A pull request may edit datapackage.json and the schemas as freely as the data, so these run first: only resources
the descriptor declares are read, their paths stay inside the package, every schema is well formed, and nothing the
code relies on (vdp.package.contract) has been taken away. Every problem names its file and, where it has one, its field.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

import jsonschema

from vdp.package.contract import FIELDS, PRIMARY_KEYS, REFERENCES
from vdp.package.problems import Problem

DESCRIPTOR = "datapackage.json"
OTHER_FILES = {DESCRIPTOR, "CHANGELOG.md"}  # the only files besides the declared tables and schemas
RESOURCE_NAME = re.compile(r"[a-z][a-z0-9_]{0,40}")
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,40}")
DATA_PATH = re.compile(r"data/[a-z][a-z0-9_]{0,40}\.csv")
SCHEMA_PATH = re.compile(r"schemas/[a-z][a-z0-9_]{0,40}\.json")
TYPES = {"string", "integer", "number", "date"}
CONSTRAINT_TYPES = {
    "required": bool,
    "unique": bool,
    "pattern": str,
    "enum": list,
    "maxLength": int,
    "minLength": int,
    "minimum": (int, float, str),
    "maximum": (int, float, str),
}
MAX_JSON_BYTES = 1_000_000
EXTENSIONS = Path(__file__).with_name("extensions.schema.json")
FORMAT_ARITY = {"pair": 2, "amount": 2, "person": 2, "figure": 3}  # partnerColumns formats: how many fields each joins


def _read_json(path: Path, label: str) -> tuple[object, list[Problem]]:
    if path.is_symlink() or not path.is_file():
        return None, [Problem(label, 0, "", "file is missing (or is a link): it must be a regular file in the package")]
    if path.stat().st_size > MAX_JSON_BYTES:
        return None, [Problem(label, 0, "", f"file is larger than {MAX_JSON_BYTES:,} bytes: a descriptor or schema never is")]
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return None, [Problem(label, 0, "", f"is not valid UTF-8 JSON ({err}): fix the syntax")]


def _bound_fits(kind: object, value: object) -> bool:
    """Whether a minimum or maximum can be compared with the field's values."""
    if kind == "date":
        return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) != float("inf")


def _field_problems(label: str, index: int, field: object) -> list[Problem]:
    where = f"fields[{index}]"
    if not isinstance(field, dict) or not isinstance(field.get("name"), str) or not FIELD_NAME.fullmatch(field["name"]):
        return [Problem(label, 0, where, "every field needs a name of lower-case letters, digits and _")]
    name, problems = field["name"], []
    if field.get("type") not in TYPES:
        problems.append(Problem(label, 0, name, f'type "{field.get("type")}" is not one of: {", ".join(sorted(TYPES))}'))
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        return problems + [Problem(label, 0, name, "constraints must be an object")]
    for key, value in constraints.items():
        expected = CONSTRAINT_TYPES.get(key)
        if expected is None or not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            problems.append(Problem(label, 0, name, f'constraint "{key}" is unknown or has the wrong type'))
        elif key in ("minimum", "maximum") and not _bound_fits(field.get("type"), value):
            problems.append(
                Problem(label, 0, name, f'constraint "{key}" must be a number, or a YYYY-MM-DD date for a date field')
            )
        elif key == "pattern":
            try:
                re.compile(value)
            except re.error as err:
                problems.append(Problem(label, 0, name, f"pattern is not a valid regular expression ({err})"))
    return problems


def _foreign_key_problems(label: str, schema: dict) -> list[Problem]:
    problems = []
    for index, fk in enumerate(schema.get("foreignKeys", [])):
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not (
            isinstance(ref, dict)
            and isinstance(fk.get("fields"), list)
            and isinstance(ref.get("fields"), list)
            and isinstance(ref.get("resource"), str)
        ):
            problems.append(
                Problem(
                    label, 0, f"foreignKeys[{index}]", "needs fields (a list) and a reference with resource and fields (a list)"
                )
            )
    return problems


def schema_problems(label: str, schema: object) -> list[Problem]:
    """Whether a Table Schema is well formed enough to be read safely (its rules are checked on the data later)."""
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        return [Problem(label, 0, "", "a Table Schema needs a non-empty list of fields")]
    problems = [p for i, f in enumerate(schema["fields"]) for p in _field_problems(label, i, f)]
    names = [f["name"] for f in schema["fields"] if isinstance(f, dict) and isinstance(f.get("name"), str)]
    problems += [Problem(label, 0, n, "field is declared twice") for n in sorted({n for n in names if names.count(n) > 1})]
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    if not isinstance(key, list) or not key or not set(key) <= set(names):
        problems.append(Problem(label, 0, "primaryKey", "must name one or more fields of the schema"))
    if not isinstance(schema.get("naturalKey", []), list) or not set(schema.get("naturalKey", [])) <= set(names):
        problems.append(Problem(label, 0, "naturalKey", "must list fields of the schema"))
    return problems + _foreign_key_problems(label, schema)


def contract_problems(name: str, label: str, schema: dict) -> list[Problem]:
    """What a schema took away from vdp.package.contract: a field, its type, the primary key or a reference."""
    problems, fields = [], {f["name"]: f.get("type") for f in schema["fields"]}
    for field, kind in FIELDS.get(name, {}).items():
        if field not in fields:
            problems.append(Problem(label, 0, field, "field was removed, but the site's code reads it: restore it"))
        elif fields[field] != kind:
            problems.append(
                Problem(label, 0, field, f'type changed to "{fields[field]}"; the code reads it as {kind}: restore it')
            )
    key = schema.get("primaryKey")
    if name in PRIMARY_KEYS and ([key] if isinstance(key, str) else key) != PRIMARY_KEYS[name]:
        problems.append(Problem(label, 0, "primaryKey", f"must stay {', '.join(PRIMARY_KEYS[name])}"))
    declared = {
        (tuple(fk["fields"]), fk["reference"]["resource"] or name, tuple(fk["reference"]["fields"]))
        for fk in schema.get("foreignKeys", [])
    }
    for (table, field), (target, target_field) in REFERENCES.items():
        if table == name and ((field,), target, (target_field,)) not in declared:
            problems.append(
                Problem(label, 0, field, f"foreign key to {target}.{target_field} was removed: restore it (it is checked anyway)")
            )
    return problems


@cache
def _extension_validators() -> dict[str, jsonschema.Draft202012Validator]:
    """Validators of a descriptor entry and of a schema against the project's extensions (descriptor_extensions)."""
    spec = json.loads(EXTENSIONS.read_text(encoding="utf-8"))
    return {
        part: jsonschema.Draft202012Validator({"$defs": spec["$defs"], **spec["properties"][part]})
        for part in ("resource", "schema")
    }


def _where(instance: dict, path: list) -> str:
    """A JSON path as a contributor reads it: a schema field by its name (date.title_vi), else keys and indexes."""
    if len(path) >= 2 and path[0] == "fields" and isinstance(path[1], int):
        field = instance["fields"][path[1]]
        head = field.get("name", f"fields[{path[1]}]") if isinstance(field, dict) else f"fields[{path[1]}]"
        path = [head, *path[2:]]
    return ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")


def extension_problems(name: str, entry: dict, schema_path: str, schema: dict) -> list[Problem]:
    """What the descriptor entry and schema lack or get wrong of the project's extensions: missing titles in either
    language, markup in a title or label, filters and partner columns naming fields the table does not have."""
    problems = []
    validators = _extension_validators()
    for error in sorted(validators["resource"].iter_errors(entry), key=lambda e: list(e.absolute_path)):
        where = _where(entry, list(error.absolute_path))
        problems.append(Problem(DESCRIPTOR, 0, f"{name}.{where}" if where else name, _message(error)))
    for error in sorted(validators["schema"].iter_errors(schema), key=lambda e: list(e.absolute_path)):
        problems.append(Problem(schema_path, 0, _where(schema, list(error.absolute_path)), _message(error)))
    if problems:
        return problems
    fields = {f["name"] for f in schema["fields"]}
    for index, field in enumerate(entry.get("filters", [])):
        if field not in fields:
            problems.append(Problem(DESCRIPTOR, 0, f"{name}.filters[{index}]", f'"{field}" is not a field of {schema_path}'))
    for index, column in enumerate(entry.get("partnerColumns", [])):
        column = column if isinstance(column, dict) else {"fields": [column]}
        where = f"{name}.partnerColumns[{index}]"
        problems += [
            Problem(DESCRIPTOR, 0, where, f'"{field}" is not a field of {schema_path}')
            for field in column["fields"]
            if field not in fields
        ]
        form = column.get("format")
        if form and len(column["fields"]) != FORMAT_ARITY[form]:
            problems.append(
                Problem(DESCRIPTOR, 0, where, f'format "{form}" joins {FORMAT_ARITY[form]} fields, not {len(column["fields"])}')
            )
    return problems


def _message(error: jsonschema.ValidationError) -> str:
    """A JSON Schema error worded for a contributor."""
    if error.validator == "required":
        missing = error.message.split("'")[1]
        if any(str(part).endswith("Labels") for part in error.absolute_path):
            return f'"{missing}" is missing: every label of a coded value is given in English (en) and Vietnamese (vi)'
        return f'"{missing}" is missing: every table and field has a title and a description in English and Vietnamese'
    if error.validator == "pattern" and error.schema is _extension_validators()["resource"].schema["$defs"]["plain"]:
        return "contains markup, template syntax or a line break: titles and labels are plain words"
    return error.message


def _resource_problems(index: int, resource: object, package_dir: Path) -> tuple[dict | None, list[Problem]]:
    """One descriptor entry: safe name and paths, and a readable, well-formed schema (returned)."""
    where = f"resources[{index}]"
    if (
        not isinstance(resource, dict)
        or not isinstance(resource.get("name"), str)
        or not RESOURCE_NAME.fullmatch(resource["name"])
    ):
        return None, [Problem(DESCRIPTOR, 0, where, "every resource needs a name of lower-case letters, digits and _")]
    name, path, schema_path = resource["name"], resource.get("path"), resource.get("schema")
    if not isinstance(path, str) or path != f"data/{name}.csv" or not DATA_PATH.fullmatch(path):
        return None, [
            Problem(DESCRIPTOR, 0, f"{name}.path", f'must be "data/{name}.csv": no other folder, URL, absolute path or ..')
        ]
    if not isinstance(schema_path, str) or schema_path != f"schemas/{name}.json" or not SCHEMA_PATH.fullmatch(schema_path):
        return None, [Problem(DESCRIPTOR, 0, f"{name}.schema", f'must be "schemas/{name}.json": no inline schema, URL or ..')]
    schema, problems = _read_json(package_dir / schema_path, schema_path)
    if problems:
        return None, problems
    problems = schema_problems(schema_path, schema)
    if not problems:
        problems = contract_problems(name, schema_path, schema) + extension_problems(name, resource, schema_path, schema)
    return schema, problems


def descriptor_problems(package_dir: Path) -> tuple[dict[str, tuple[dict, dict]], list[Problem]]:
    """Each declared resource's (descriptor entry, schema), or the problems that make the package unsafe to read."""
    descriptor, problems = _read_json(package_dir / DESCRIPTOR, DESCRIPTOR)
    if problems:
        return {}, problems
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return {}, [Problem(DESCRIPTOR, 0, "resources", "the descriptor needs a list of resources")]
    resources = {}
    for index, entry in enumerate(descriptor["resources"]):
        schema, found = _resource_problems(index, entry, package_dir)
        problems += found
        if schema is not None:
            resources.setdefault(entry["name"], (entry, schema))
    names = [e["name"] for e in descriptor["resources"] if isinstance(e, dict)]
    problems += [
        Problem(DESCRIPTOR, 0, n, "resource is declared twice") for n in sorted({n for n in names if names.count(n) > 1})
    ]
    problems += [
        Problem(DESCRIPTOR, 0, table, "resource was removed, but the site's code reads it: restore it")
        for table in FIELDS
        if table not in names
    ]
    return ({} if problems else resources), problems


def stray_files(package_dir: Path, names: list[str]) -> list[Problem]:
    """Files in the package folder that the descriptor does not declare, and links of any kind: never read or published."""
    declared = OTHER_FILES | {f"data/{n}.csv" for n in names} | {f"schemas/{n}.json" for n in names}
    problems = []
    for folder, dirs, files in os.walk(package_dir):  # links to folders are reported, not followed
        for entry in sorted(dirs + files):
            path = Path(folder) / entry
            label = path.relative_to(package_dir).as_posix()
            if path.is_symlink():
                problems.append(Problem(label, 0, "", "is a symbolic link: the package holds only regular files; remove it"))
            elif entry in files and label not in declared:
                problems.append(
                    Problem(
                        label, 0, "", "is not declared in datapackage.json: remove it, or declare it as a resource with a schema"
                    )
                )
    return problems
