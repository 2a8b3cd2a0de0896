"""Write the download files and the downloads page.

Per table: CSV, JSON and XLSX. The whole package: the zipped Frictionless package, one SQLite database and one
Parquet file per table. Text cells that a spreadsheet would run as a formula are neutralised in the CSV and XLSX
copies (validation already refuses them in the data; this guards the downloads as well).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd
import yaml
from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from vdp.checks.project import FORMULA_START
from vdp.package.resources import ROOT, Resource, load_descriptor, typed
from vdp.site.safe import attribute, inert
from vdp.site.strings import strings
from vdp.site.templates import render_page
from vdp.site.text import LANGUAGES, number, page_file, site_href, title

ZIP_NAME = "vietnam-vaccine-diplomacy-datapackage.zip"
SQLITE_NAME = "vietnam-vaccine-diplomacy.sqlite"
CITATION_NAME = "CITATION.cff"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # fixed timestamps keep the zip byte-identical between builds
SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "date": "TEXT", "string": "TEXT"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def neutralise(value: str) -> str:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_START) else value


def write_zip(package_dir: Path, resources: dict[str, Resource], target: Path) -> None:
    """Zip datapackage.json and each declared table with its schema (nothing else in the folder), with stable
    ordering and timestamps."""
    files = [
        package_dir / "datapackage.json",
        *sorted(package_dir / "schemas" / f"{name}.json" for name in resources),
        *sorted(resource.path for resource in resources.values()),
    ]
    with _FixedTimeZip(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.writestr(path.relative_to(package_dir).as_posix(), path.read_bytes())


def _text_fields(resource: Resource) -> list[str]:
    return [f["name"] for f in resource.schema["fields"] if f["type"] == "string"]


def write_csv(frame: pd.DataFrame, resource: Resource, target: Path) -> None:
    safe = frame.copy()
    for name in _text_fields(resource):
        safe[name] = safe[name].map(neutralise)
    safe.to_csv(target, index=False, encoding="utf-8", lineterminator="\n")


def json_records(frame: pd.DataFrame, resource: Resource) -> list[dict]:
    """Rows as JSON objects with the schema's types: numbers as numbers, dates as YYYY-MM-DD, empty cells as null."""
    values = typed(frame, resource)
    for field in resource.schema["fields"]:
        if field["type"] == "date":
            values[field["name"]] = values[field["name"]].dt.strftime("%Y-%m-%d")
    return [
        {k: (None if pd.isna(v) else v.item() if hasattr(v, "item") else v) for k, v in row.items()}
        for row in values.astype(object).to_dict("records")
    ]


def write_json(records: list[dict], target: Path) -> None:
    target.write_text(json.dumps(records, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_xlsx(frame: pd.DataFrame, resource: Resource, target: Path) -> None:
    """One sheet named after the table; numbers as numbers, text neutralised; fixed document dates."""
    workbook = Workbook(write_only=True)
    # save_workbook() would stamp the current time as modified; ExcelWriter below writes these as they are
    workbook.properties.created = workbook.properties.modified = datetime(*FIXED_TIME)
    sheet = workbook.create_sheet(resource.name[:31])
    sheet.append(resource.field_names)
    kinds = [f["type"] for f in resource.schema["fields"]]
    for row in frame.itertuples(index=False):
        sheet.append([_xlsx_cell(value, kind) for value, kind in zip(row, kinds, strict=True)])
    with _FixedTimeZip(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive (the data package, a workbook) whose entries all carry FIXED_TIME: the same data give the same
    file, byte for byte, so its published checksum changes only when the data do."""

    def writestr(self, name, data, *args, **kwargs):
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, FIXED_TIME)
            name.compress_type = zipfile.ZIP_DEFLATED
        return super().writestr(name, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):  # openpyxl adds a write-only sheet from a temporary file
        return self.writestr(arcname or Path(filename).name, Path(filename).read_bytes())


def _xlsx_cell(value: str, kind: str):
    if value == "":
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    return neutralise(value)


def write_sqlite(records: dict[str, list[dict]], resources: dict[str, Resource], target: Path) -> None:
    """Every table (its JSON records) in one SQLite database, with the schema's column types, primary and foreign keys."""
    target.unlink(missing_ok=True)
    db = sqlite3.connect(target)
    try:
        for name, resource in resources.items():
            columns = [f'"{f["name"]}" {SQL_TYPES[f["type"]]}' for f in resource.schema["fields"]]
            columns.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in resource.primary_key) + ")")
            for fk in resource.schema.get("foreignKeys", []):
                ref = fk["reference"]
                columns.append(f'FOREIGN KEY ("{fk["fields"][0]}") REFERENCES "{ref["resource"] or name}" ("{ref["fields"][0]}")')
            db.execute(f'CREATE TABLE "{name}" ({", ".join(columns)})')
            rows = [tuple(r.values()) for r in records[name]]
            marks = ", ".join("?" for _ in resource.field_names)
            db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
        db.commit()
    finally:
        db.close()


def write_parquet(frame: pd.DataFrame, resource: Resource, target: Path) -> None:
    typed(frame, resource).to_parquet(target, index=False)


def _row(path: Path, folder: Path, label: str, rows: int | None, lang: str, digests: dict[Path, str]) -> Markup:
    """One file's line of a downloads table: link, what it holds, rows, bytes and SHA-256."""
    href = site_href("downloads/", "downloads/" + path.relative_to(folder).as_posix(), lang)
    link = f'<a href="{attribute(href)}">{inert(path.name)}</a>'
    return Markup(f"| {link} | {inert(label)} | {number(rows, lang)} | {number(path.stat().st_size, lang)} | `{digests[path]}` |")


def citation(citation_file: Path, version: str, lang: str = "en") -> dict[str, str]:
    """What the "how to cite" box says, from CITATION.cff, with the package's version (the descriptor's, the one
    source of it) and a link to the CITATION.cff copy among the downloads."""
    cff = yaml.safe_load(citation_file.read_text(encoding="utf-8"))
    authors = "; ".join(a.get("name") or f"{a.get('family-names', '')}, {a.get('given-names', '')}" for a in cff["authors"])
    link = f'<a href="{attribute(site_href("downloads/", "downloads/" + CITATION_NAME, lang))}">{CITATION_NAME}</a>'
    more = strings("downloads", lang)["cite_more"].format(cff=link)
    return {
        "authors": authors,
        "year": str(cff["date-released"])[:4],
        "title": cff["title"],
        "version": version,
        "licence": cff["license"],
        "more": Markup(more),
    }


def write_downloads(dst: Path, package_dir: Path, resources: dict[str, Resource], tables: dict[str, pd.DataFrame]) -> None:
    """Write every download into dst/downloads and the Downloads page in each language, with row counts and checksums."""
    folder = dst / "downloads"
    (folder / "parquet").mkdir(parents=True, exist_ok=True)
    records = {}
    for name, resource in resources.items():
        records[name] = json_records(tables[name], resource)
        write_csv(tables[name], resource, folder / f"{name}.csv")
        write_json(records[name], folder / f"{name}.json")
        write_xlsx(tables[name], resource, folder / f"{name}.xlsx")
        write_parquet(tables[name], resource, folder / "parquet" / f"{name}.parquet")
    write_zip(package_dir, resources, folder / ZIP_NAME)
    shutil.copyfile(ROOT / CITATION_NAME, folder / CITATION_NAME)
    write_sqlite(records, resources, folder / SQLITE_NAME)
    digests = {path: sha256(path) for path in folder.rglob("*") if path.is_file()}  # once for both languages
    for lang in LANGUAGES:
        page = downloads_page(folder, digests, resources, tables, lang, load_descriptor(package_dir)["version"])
        (dst / page_file("downloads", lang)).write_text(page, encoding="utf-8")


def downloads_page(
    folder: Path,
    digests: dict[Path, str],
    resources: dict[str, Resource],
    tables: dict[str, pd.DataFrame],
    lang: str,
    version: str,
) -> str:
    """The Downloads page over the files already written in folder (digests: each file's SHA-256)."""
    words = strings("downloads", lang)
    per_table, package_rows = [], []
    for name, resource in resources.items():
        label, rows = title(resource.descriptor, lang), len(tables[name])
        per_table += [_row(folder / f"{name}.{suffix}", folder, label, rows, lang, digests) for suffix in ("csv", "json", "xlsx")]
        package_rows.append(_row(folder / "parquet" / f"{name}.parquet", folder, label, rows, lang, digests))
    total = sum(len(frame) for frame in tables.values())
    return render_page(
        "downloads.md.j2",
        words={key: Markup(value) for key, value in words.items()},  # the project's catalogue: Markdown and headers
        cite=citation(ROOT / CITATION_NAME, version, lang),
        package=[
            _row(folder / ZIP_NAME, folder, words["zip"], total, lang, digests),
            _row(folder / SQLITE_NAME, folder, words["sqlite"], total, lang, digests),
            _row(folder / CITATION_NAME, folder, words["citation"], None, lang, digests),
            *package_rows,
        ],
        tables=per_table,
    )
