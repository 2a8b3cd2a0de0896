"""Compare the data package at two git revisions and print the changes as Markdown.

Usage: python scripts/change_report.py BASE [HEAD]
BASE and HEAD are git revisions (HEAD defaults to the working tree). Prints, per table, the rows added,
changed (with the fields that changed) and removed, then how the headline figures move. CI adds it to the
pull request's job summary.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from vdp.measures.figures import headline
from vdp.package.resources import PACKAGE_DIR, ROOT, PackageError, load_resources, typed

FIGURES = {
    "doses_delivered": "Donated doses delivered to Vietnam",
    "vaccine_donors": "Vaccine donors",
    "doses_pledged": "Doses pledged to Vietnam",
    "doses_given_by_vietnam": "Doses Vietnam gave",
    "aid_rows": "Equipment aid rows",
    "aid_donors": "Equipment donors",
    "aid_value_usd": "Equipment aid with a value (USD)",
    "contacts": "Contacts",
    "sources": "Sources",
}
SHOWN_PER_KIND = 20  # rows listed by id per table and kind; the counts are always complete


def read_at(revision: str | None, resource, repo: Path) -> pd.DataFrame:
    """A table as strings at a git revision (None: the working tree); empty if the file did not exist."""
    if revision is None:
        text = resource.path.read_text(encoding="utf-8")
    else:
        path = resource.path.relative_to(repo).as_posix()
        shown = subprocess.run(["git", "show", f"{revision}:{path}"], cwd=repo, capture_output=True, text=True)
        if shown.returncode != 0:
            return pd.DataFrame(columns=resource.field_names, dtype=str)
        text = shown.stdout
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)


def compare(old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """Row ids added, changed (id -> changed fields) and removed between two versions of a table."""
    old_rows = {"|".join(k): r for k, r in zip(old[key].itertuples(index=False), old.to_dict("records"), strict=True)}
    new_rows = {"|".join(k): r for k, r in zip(new[key].itertuples(index=False), new.to_dict("records"), strict=True)}
    added = [k for k in new_rows if k not in old_rows]
    removed = [k for k in old_rows if k not in new_rows]
    changed = {}
    for k in new_rows.keys() & old_rows.keys():
        fields = [f for f in new_rows[k] if old_rows[k].get(f) != new_rows[k][f]]
        if fields:
            changed[k] = fields
    return added, dict(sorted(changed.items())), removed


def _listing(ids: list[str]) -> str:
    shown = ", ".join(f"`{i}`" for i in ids[:SHOWN_PER_KIND])
    more = len(ids) - SHOWN_PER_KIND
    return shown + (f" and {more} more" if more > 0 else "")


def json_at(revision: str | None, path: Path, repo: Path) -> object:
    """A JSON file of the package at a git revision (None: the working tree); None if absent or unreadable."""
    try:
        if revision is None:
            return json.loads(path.read_text(encoding="utf-8"))
        shown = subprocess.run(
            ["git", "show", f"{revision}:{path.relative_to(repo).as_posix()}"], cwd=repo, capture_output=True, text=True
        )
        return json.loads(shown.stdout) if shown.returncode == 0 else None
    except (OSError, ValueError):
        return None


def _differences(old: object, new: object, where: str) -> list[str]:
    """Every leaf that differs between two JSON values, as 'where: old → new'."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [
            d
            for key in sorted(old.keys() | new.keys(), key=str)
            for d in _differences(old.get(key), new.get(key), f"{where}.{key}")
        ]
    if isinstance(old, list) and isinstance(new, list) and all(isinstance(x, dict) and "name" in x for x in old + new):
        old_items, new_items = ({x["name"]: x for x in items} for items in (old, new))
        found = [
            d
            for key in sorted(old_items.keys() | new_items.keys())
            for d in _differences(old_items.get(key), new_items.get(key), f"{where}[{key}]")
        ]
        return found + ([f"{where}: order changed"] if not found and [x["name"] for x in old] != [x["name"] for x in new] else [])
    if old != new:
        return [f"{where}: {json.dumps(old, ensure_ascii=False)} → {json.dumps(new, ensure_ascii=False)}"]
    return []


def schema_changes(base: str, head: str | None, repo: Path) -> list[str]:
    """The descriptor and schema edits between two revisions, listed first and loudly: a pull request may loosen a
    rule (a wider pattern, a dropped foreign key) as easily as it edits a cell."""
    package = repo / PACKAGE_DIR.relative_to(ROOT)
    paths = {package / "datapackage.json", *(package / "schemas").glob("*.json")}
    if head is None and base:
        listed = subprocess.run(
            ["git", "ls-tree", "--name-only", f"{base}:{package.relative_to(repo).as_posix()}/schemas"],
            cwd=repo,
            capture_output=True,
            text=True,
        )
        paths |= {package / "schemas" / name for name in listed.stdout.split()}
    changes = []
    for path in sorted(paths):
        label = path.relative_to(package).as_posix()
        changes += [f"- `{label}` {line}" for line in _differences(json_at(base, path, repo), json_at(head, path, repo), "")]
    heading = "## ⚠ Schema and descriptor changes: review each one before the data"
    if not changes:
        return ["## Schema and descriptor changes", "", "None: the descriptor and every Table Schema are unchanged.", ""]
    return [
        heading,
        "",
        f"**{len(changes)} change(s)** to the rules that validation, the dictionary and the downloads follow:",
        "",
        *changes,
        "",
    ]


def report(base: str, head: str | None = None, repo: Path = ROOT) -> str:
    """The Markdown change report between two revisions of the package in a git repository: schema and descriptor
    edits first, then the rows."""
    lines = schema_changes(base, head, repo)
    try:
        resources = load_resources(repo / PACKAGE_DIR.relative_to(ROOT))
    except PackageError as err:
        return "\n".join([*lines, "## The package cannot be read safely", "", "```", str(err), "```", ""])
    lines += [f"## Data changes: `{base}` → `{head or 'working tree'}`", ""]
    lines += ["| Table | Added | Changed | Removed |", "| --- | ---: | ---: | ---: |"]
    details, tables = [], {"old": {}, "new": {}}
    for name, resource in resources.items():
        old, new = read_at(base, resource, repo), read_at(head, resource, repo)
        tables["old"][name], tables["new"][name] = old, new
        added, changed, removed = compare(old, new, resource.primary_key)
        lines.append(f"| {name} | {len(added)} | {len(changed)} | {len(removed)} |")
        if added:
            details.append(f"- **{name}** added: {_listing(added)}")
        if changed:
            described = [f"{k} ({', '.join(fields)})" for k, fields in changed.items()]
            details.append(f"- **{name}** changed: {_listing(described)}")
        if removed:
            details.append(f"- **{name}** removed: {_listing(removed)}")
    lines += ["", *(details or ["No rows changed."]), ""]
    before, after = (_figures(tables[v], resources) for v in ("old", "new"))
    lines += ["| Figure | Before | After | Change |", "| --- | ---: | ---: | ---: |"]
    for key, label in FIGURES.items():
        lines.append(f"| {label} | {before[key]:,} | {after[key]:,} | {after[key] - before[key]:+,} |")
    return "\n".join(lines) + "\n"


def _figures(tables: dict[str, pd.DataFrame], resources) -> dict[str, int]:
    typed_tables = {name: typed(frame, resources[name]) for name, frame in tables.items()}
    return {key: int(value) for key, value in headline(typed_tables).items() if key in FIGURES}


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(report(argv[0], argv[1] if len(argv) == 2 else None), end="")
    return 0
