"""Write the site's Markdown sources into build/docs: narrative pages, one page per table, the data dictionary."""

from __future__ import annotations

import json
import shutil
from html import escape
from pathlib import Path

import jinja2
import pandas as pd

from coverage_report import markdown
from figures import QUALIFIER_WORDS, headline
from html_table import ANCHOR_PREFIX, render
from package_io import Resource
from reconcile import coverage


def number(value: float | int | None) -> str:
    """Format a figure with thousands separators, or an em dash when missing."""
    if value is None or pd.isna(value):
        return "—"
    return f"{value:,.0f}"


def render_narrative(src: Path, dst: Path, typed_tables: dict[str, pd.DataFrame]) -> None:
    """Copy docs/ into dst, rendering every Markdown file as a Jinja template over the computed figures."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(src), undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["num"] = number
    env.filters["date"] = lambda ts: ts.strftime("%d %B %Y").lstrip("0")
    context = {"figures": headline(typed_tables), "qualifier_words": QUALIFIER_WORDS}
    for path in sorted(src.rglob("*")):
        target = dst / path.relative_to(src)
        if path.is_dir() or path.suffix == ".ipynb":
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            template = env.get_template(path.relative_to(src).as_posix())
            target.write_text(template.render(**context), encoding="utf-8")
        else:
            shutil.copyfile(path, target)


def contributing_pages(root: Path, dst: Path) -> None:
    """The contributor guides (CONTRIBUTING.md and its Vietnamese twin) as site pages, links pointing at each other."""
    twins = {"CONTRIBUTING.md": "contributing.md", "CONTRIBUTING.vi.md": "contributing-vi.md"}
    for name, page in twins.items():
        text = (root / name).read_text(encoding="utf-8")
        for other, other_page in twins.items():
            text = text.replace(f"]({other})", f"]({other_page})")
        (dst / page).write_text(text, encoding="utf-8")


EMBEDDED_ROWS = 500  # rows written into a table page's HTML; the rest load from the JSON download on demand
FILTERS = {
    "sources": ["publisher_type", "language"],
    "actors": ["kind"],
    "vaccines": [],
    "donations": ["donor_id", "recipient_id", "channel", "vaccine_id", "status"],
    "purchases": ["seller_id", "vaccine_id", "status"],
    "equipment_aid": ["donor_id", "recipient_id", "category"],
    "contacts": ["counterpart_id", "channel", "vn_role"],
    "official_totals": ["metric", "subject_id", "qualifier"],
    "exchange_rates": ["currency", "year"],
}
MAX_OPTIONS = 300
ACTOR_FIELDS = {"donor_id", "recipient_id", "counterpart_id", "seller_id", "subject_id"}


def _filter_options(frame: pd.DataFrame, fields: list[str], actor_names: dict[str, str]) -> dict[str, list[list[str]]]:
    """The values a reader can filter each column by, labelled with partner names where the column holds ids.

    A column with more than MAX_OPTIONS distinct values gets no list (its values are still found by search), so a
    page's size does not grow with the number of partners.
    """
    options = {}
    for field in fields:
        values = sorted(v for v in frame[field].unique() if v)
        if len(values) <= MAX_OPTIONS:
            options[field] = [[v, f"{actor_names[v]} ({v})" if field in ACTOR_FIELDS and v in actor_names else v] for v in values]
    return options


def _partner_names(shown: pd.DataFrame, options: dict[str, list[list[str]]], actor_names: dict[str, str]) -> dict[str, str]:
    """English and Vietnamese names of the partners in the page's rows and filter lists, so search finds them by name."""
    ids = {v for f in ACTOR_FIELDS & set(shown.columns) for v in shown[f].unique()}
    ids |= {value for field, pairs in options.items() if field in ACTOR_FIELDS for value, _ in pairs}
    return {i: actor_names[i] for i in sorted(ids) if i in actor_names}


def performance_page(root: Path) -> str:
    """The Performance page: the recorded benchmark figures (benchmarks/*.md, written by the benchmark scripts)."""
    parts = [
        "# Performance",
        "",
        "How fast the checks and the build are, and how heavy the pages are, as measured by the benchmark scripts. "
        "These are recorded measurements, not tests; rerun the scripts to update them.",
        "",
        "## Validation and build at scale",
        "",
    ]
    recorded = root / "benchmarks" / "scale.md"
    parts.append(
        recorded.read_text(encoding="utf-8") if recorded.exists() else "Not measured yet: run `scripts/benchmark_scale.py`."
    )
    return "\n".join(parts)


def table_page(resource: Resource, frame: pd.DataFrame, source_urls: dict[str, str], actor_names: dict[str, str]) -> str:
    """Markdown page of one table: the first EMBEDDED_ROWS rows as HTML, made explorable by assets/tables.js."""
    desc, name = resource.descriptor, resource.name
    fields = resource.schema["fields"]
    shown = frame.head(EMBEDDED_ROWS)
    options = _filter_options(frame, FILTERS[name], actor_names)
    date_field = next((f["name"] for f in fields if f["type"] == "date" and f["name"] in ("date", "as_of")), "")
    attributes = {
        "data-json": f"../../downloads/{name}.json",
        "data-total": str(len(frame)),
        "data-fields": json.dumps([f["name"] for f in fields]),
        "data-types": json.dumps([f["type"] for f in fields]),
        "data-key": json.dumps(resource.primary_key),
        "data-anchor-prefix": ANCHOR_PREFIX[name],
        "data-filters": json.dumps(options, ensure_ascii=False),
        "data-date-field": date_field,
        "data-names": json.dumps(_partner_names(shown, options, actor_names), ensure_ascii=False),
    }
    attrs = " ".join(f'{k}="{escape(v, quote=True)}"' for k, v in attributes.items())
    note = (
        f"This page holds the first {len(shown):,} of {len(frame):,} rows; searching, filtering or sorting loads the rest. "
        f"Without JavaScript, download the full table."
        if len(shown) < len(frame)
        else ""
    )
    return "\n".join(
        [
            "---",
            "hide:",
            "  - toc",
            "---",
            "",
            f"# {desc['title']}",
            "",
            f"{desc['description']}",
            "",
            f"*{desc['title_vi']}: {desc['description_vi']}*",
            "",
            f"{len(frame):,} rows. Download: [CSV](../downloads/{name}.csv) · [JSON](../downloads/{name}.json) · "
            f"[XLSX](../downloads/{name}.xlsx) · columns are explained in the [data dictionary](../dictionary.md#{name}).",
            "",
            note,
            "",
            f'<div class="explorable" {attrs} markdown="0">',
            '<div class="table-scroll">',
            render(name, shown, fields, resource.primary_key, source_urls),
            "</div>",
            "</div>",
            "",
        ]
    )


def write_table_pages(dst: Path, resources: dict[str, Resource], tables: dict[str, pd.DataFrame]) -> None:
    """One page per table under data/."""
    source_urls = dict(zip(tables["sources"]["source_id"], tables["sources"]["url"], strict=False))
    actors = tables["actors"]
    actor_names = dict(zip(actors["actor_id"], actors["name_en"] + " / " + actors["name_vi"], strict=False))
    (dst / "data").mkdir(parents=True, exist_ok=True)
    for name, resource in resources.items():
        page = table_page(resource, tables[name], source_urls, actor_names)
        (dst / "data" / f"{name}.md").write_text(page, encoding="utf-8")


def _constraints(field: dict) -> str:
    parts = []
    for key, value in field.get("constraints", {}).items():
        if key == "enum":
            parts.append("one of: " + ", ".join(f"`{v}`" for v in value))
        elif key in ("required", "unique"):
            parts.append(key if value else "")
        else:
            parts.append(f"{key}: `{value}`")
    return "; ".join(p for p in parts if p)


def dictionary_page(descriptor: dict, resources: dict[str, Resource]) -> str:
    """The data dictionary, generated from the Table Schemas only."""
    lines = [
        "# Data dictionary / Từ điển dữ liệu",
        "",
        f"Generated from the Table Schemas of `{descriptor['name']}` (version {descriptor['version']}). "
        "Each table lists its columns, types, rules, and their meaning in English and Vietnamese.",
        "",
    ]
    for name, res in resources.items():
        schema = res.schema
        lines += [
            f"## {res.descriptor['title']} / {res.descriptor['title_vi']} {{#{name}}}",
            "",
            res.descriptor["description"],
            "",
            f"*{res.descriptor['description_vi']}*",
            "",
            f"File: `{res.descriptor['path']}` · primary key: `{', '.join(res.primary_key)}`"
            + (
                f" · natural key (no two rows may share it): `{', '.join(schema['naturalKey'])}`"
                if schema.get("naturalKey")
                else ""
            ),
            "",
        ]
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"]["resource"] or name
            lines.append(f"- `{', '.join(fk['fields'])}` refers to `{target}.{', '.join(fk['reference']['fields'])}`")
        lines += ["", "| Column | Type | Rules | English | Tiếng Việt |", "| --- | --- | --- | --- | --- |"]
        for field in schema["fields"]:
            cells = [
                f"`{field['name']}`",
                field["type"],
                _constraints(field),
                f"**{field['title']}**: {field['description']}",
                f"**{field['title_vi']}**: {field['description_vi']}",
            ]
            lines.append("| " + " | ".join(escape(c, quote=False).replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def coverage_page(typed_tables: dict[str, pd.DataFrame]) -> str:
    """The Coverage page: each official total next to the sum of the itemised rows it counts."""
    return "\n".join(
        [
            "# Coverage: itemised rows against official totals",
            "",
            "*Mức độ bao phủ: dữ liệu chi tiết so với số liệu tổng chính thức*",
            "",
            "For every official total that the rows can be compared with, this page adds up the matching itemised rows "
            "dated on or before the total's as-of date. A positive gap means the official figure is larger than what the "
            "sourced rows itemise; a negative gap means the dataset itemises more than the official count (for example, "
            "because it names each company and community as a separate donor). Pledges are never counted. "
            "The same table is printed by `make coverage`.",
            "",
            markdown(coverage(typed_tables), link_rows=True),
        ]
    )
