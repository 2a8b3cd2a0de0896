"""Write the site's Markdown sources into build/docs: narrative pages, one page per table, the data dictionary."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import Markup

from vdp.measures.figures import headline
from vdp.package.resources import Resource
from vdp.site.coverage import markdown
from vdp.site.html_table import LONG_TEXT, ROWS_PER_PAGE, page_count, render, row_anchor, row_ids, row_pages, table_page_url
from vdp.site.safe import attribute, code, inert
from vdp.site.strings import strings
from vdp.site.templates import environment, render_page
from vdp.site.text import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    day,
    description,
    field_labels,
    name_field,
    number,
    other_language,
    page_file,
    page_href,
    share,
    site_href,
    title,
    value_labels,
)


def page_language(path: Path) -> str:
    """The language of a page source from its suffix: name.vi.md is Vietnamese, name.md English."""
    suffixes = path.suffixes
    return suffixes[-2].lstrip(".") if len(suffixes) > 1 and suffixes[-2].lstrip(".") in LANGUAGES else DEFAULT_LANGUAGE


@jinja2.pass_context
def _num(context: jinja2.runtime.Context, value: float | int | None) -> str:
    return number(value, context["lang"])


@jinja2.pass_context
def _date(context: jinja2.runtime.Context, ts: pd.Timestamp, precision: str = "day") -> str:
    return day(ts, context["lang"], precision)


def row_locator(tables: dict[str, pd.DataFrame], resources: dict[str, Resource]) -> Callable[[str, str], Markup]:
    """row_href(table, row_id): the Markdown link target of a row on the table page that holds it (data/NAME.md or
    data/NAME-2.md, ...), for the narrative pages; the id is made inert, the rest is the site's own markup."""
    pages = {name: row_pages(row_ids(frame, resources[name].primary_key)) for name, frame in tables.items()}

    def row_href(table: str, row_id: str) -> Markup:
        page = pages[table].get(row_id, 1)
        stem = table if page == 1 else f"{table}-{page}"
        return Markup(f"data/{stem}.md#{inert(row_anchor(resources[table], row_id))}")

    return row_href


def render_narrative(src: Path, dst: Path, typed_tables: dict[str, pd.DataFrame], context: dict | None = None) -> None:
    """Copy docs/ into dst, rendering every Markdown file as a Jinja template over the computed figures.

    Each page gets `lang` (from its file name), `figures` (the headline figures) and whatever `context` adds. Values
    from the data reach the page only through `vdp.site.safe.template_finalize`, never as markup.
    """
    env = environment(src)
    env.filters["num"] = _num
    env.filters["date"] = _date
    env.filters["pct"] = share
    shared = {
        "figures": headline(typed_tables),
        "qualifiers": {lang: strings("qualifiers", lang) for lang in LANGUAGES},
        **(context or {}),
    }
    for path in sorted(src.rglob("*")):
        target = dst / path.relative_to(src)
        if path.is_dir() or path.suffix == ".ipynb":
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            template = env.get_template(path.relative_to(src).as_posix())
            target.write_text(template.render(lang=page_language(path), **shared), encoding="utf-8")
        else:
            shutil.copyfile(path, target)


def contributing_pages(root: Path, dst: Path) -> None:
    """The contributor guides (CONTRIBUTING.md and its Vietnamese twin) as site pages, each linking the other."""
    twins = {"CONTRIBUTING.md": "en", "CONTRIBUTING.vi.md": "vi"}
    for name, lang in twins.items():
        text = (root / name).read_text(encoding="utf-8")
        for other, other_lang in twins.items():
            here = "contributing/"
            there = here if other_lang == DEFAULT_LANGUAGE else f"{other_lang}/{here}"
            link = f'<a href="{site_href(here, there, lang)}" hreflang="{other_lang}">{other}</a>'
            text = text.replace(f"[{other}]({other})", link)
        (dst / page_file("contributing", lang)).write_text(text, encoding="utf-8")


def changelog_page(changelog: Path, lang: str) -> str:
    """The data changelog; the Vietnamese page says that the entries are kept in English."""
    text = changelog.read_text(encoding="utf-8")
    hidden = "---\nsearch:\n  exclude: true\n---\n\n"  # it names row ids by the dozen; rows are found on their table pages
    if lang == DEFAULT_LANGUAGE:
        return hidden + text
    heading, kept_in = strings("changelog", lang)
    body = text.split("\n", 1)[1] if text.startswith("# ") else text
    return hidden + f"# {heading}\n\n*{kept_in}*\n" + body


MAX_OPTIONS = 300


def _filter_options(
    resource: Resource, frame: pd.DataFrame, actor_names: dict[str, str], lang: str
) -> dict[str, list[list[str]]]:
    """The values a reader can filter each column by, labelled with partner names or the schema's value labels.

    A column with more than MAX_OPTIONS distinct values gets no list (its values are still found by search), so a
    page's size does not grow with the number of partners.
    """
    options = {}
    for field in resource.filters:
        values = sorted(v for v in frame[field].unique() if v)
        labels = actor_names if field in resource.actor_fields else value_labels(resource, field, lang)
        if len(values) <= MAX_OPTIONS:
            options[field] = [[v, f"{labels[v]} ({v})" if v in labels else v] for v in values]
    return options


def _partner_names(
    resource: Resource, shown: pd.DataFrame, options: dict[str, list[list[str]]], actor_names: dict[str, str]
) -> dict[str, str]:
    """English and Vietnamese names of the partners in the page's rows and filter lists, so search finds them by name."""
    fields = resource.actor_fields
    ids = {v for f in fields for v in shown[f].unique()}
    ids |= {value for field, pairs in options.items() if field in fields for value, _ in pairs}
    return {i: actor_names[i] for i in sorted(ids) if i in actor_names}


BENCHMARKS = {"scale.md": "Validation and build at scale", "site.md": "Page weight and Lighthouse scores"}


def performance_page(root: Path, lang: str = "en") -> str:
    """The Performance page: the recorded benchmark figures (benchmarks/*.md, written by the benchmark scripts)."""
    heading, intro = strings("performance", lang)
    sections = []
    for name, section in BENCHMARKS.items():
        recorded = root / "benchmarks" / name
        text = recorded.read_text(encoding="utf-8") if recorded.exists() else f"Not measured yet (`benchmarks/{name}`)."
        sections.append({"title": section, "text": Markup(text)})  # the project's own benchmark record, in Markdown
    return render_page("performance.md.j2", heading=heading, intro=intro, sections=sections)


CITED_TABLE = "sources"  # its page lists, for each row, the rows of other tables that cite it


def citations(
    resources: dict[str, Resource], tables: dict[str, pd.DataFrame], cited: str
) -> dict[str, list[tuple[str, str, str]]]:
    """For each row id of the cited table, the rows whose foreign keys point at it, as (their table page from the
    language's site root, their anchor, their row id)."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for name, resource in resources.items():
        frame = tables[name]
        ids = row_ids(frame, resource.primary_key)
        pages = row_pages(ids)
        for field in (f for f, target in resource.references.items() if target == cited):
            for row_id, target in zip(ids, frame[field], strict=True):
                if isinstance(target, str) and target:
                    page = table_page_url(name, pages[row_id])
                    found.setdefault(target, []).append((page, row_anchor(resource, row_id), row_id))
    return found


def _citing_links(here: str, rows: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(address from the page at here, label) of each citing row."""
    return [(f"{page_href(here, page)}#{anchor}", row_id) for page, anchor, row_id in rows]


def page_order(resource: Resource) -> list[dict]:
    """A table's fields in the order a reader scans a row: its id, dates, parties (fields referencing actors),
    figures, source, then the other short fields, and long text last, so the first screen holds what identifies and
    states the row. Derived from the schema; the downloads keep the schema's order."""
    parties = set(resource.actor_fields)

    def rank(field: dict) -> int:
        name = field["name"]
        if name in resource.primary_key:
            return 0
        if field.get("constraints", {}).get("maxLength", 0) >= LONG_TEXT:
            return 6
        if field["type"] == "date":
            return 1
        if name in parties:
            return 2
        if field["type"] in ("integer", "number"):
            return 3
        return 4 if name == "source_id" else 5

    return sorted(resource.schema["fields"], key=rank)  # sorted() is stable: the schema's order within each rank


def _pager(name: str, total: int, current: int, lang: str) -> str:
    """Links to every page of a long table (plain links, so they work without JavaScript)."""
    words, here = strings("tables", lang), table_page_url(name, current)
    items = []
    for page in range(1, page_count(total) + 1):
        a, b = (page - 1) * ROWS_PER_PAGE + 1, min(page * ROWS_PER_PAGE, total)
        label = inert(words["range"].format(a=number(a, lang), b=number(b, lang)))
        if page == current:
            items.append(f'<li aria-current="page">{label}</li>')
        else:
            items.append(f'<li><a href="{attribute(page_href(here, table_page_url(name, page)))}">{label}</a></li>')
    return f'<nav class="table-pages" aria-label="{inert(words["pages"])}"><ul>{"".join(items)}</ul></nav>'


def table_pages(
    resource: Resource,
    frame: pd.DataFrame,
    source_urls: dict[str, str],
    actor_names: dict[str, str],
    lang: str = "en",
    cited: dict[str, list[tuple[str, str, str]]] | None = None,
    source_languages: dict[str, str] | None = None,
) -> dict[str, str]:
    """Markdown pages of one table (file name under data/ -> text), ROWS_PER_PAGE rows each as HTML. The first page
    is made explorable by assets/tables.js over the whole table; the others hold the later rows for readers without
    JavaScript and for links to those rows. cited (see citations) adds a column of the rows citing each row."""
    desc, name = resource.descriptor, resource.name
    fields = page_order(resource)
    options = _filter_options(resource, frame, actor_names, lang)
    date_field = resource.date_field
    first = table_page_url(name, 1)
    attributes = {
        "data-json": site_href(first, f"downloads/{name}.json", lang),
        "data-total": str(len(frame)),
        "data-fields": json.dumps([f["name"] for f in fields]),
        "data-types": json.dumps([f["type"] for f in fields]),
        "data-key": json.dumps(resource.primary_key),
        "data-anchor-prefix": resource.anchor,
        "data-filters": json.dumps(options, ensure_ascii=False),
        "data-labels": json.dumps({f["name"]: title(f, lang) for f in fields}, ensure_ascii=False),
        "data-date-field": date_field,
        "data-names": json.dumps(_partner_names(resource, frame.head(ROWS_PER_PAGE), options, actor_names), ensure_ascii=False),
        "data-values": json.dumps({f["name"]: labels for f in fields if (labels := field_labels(f, lang))}, ensure_ascii=False),
        "data-plain": json.dumps([f["name"] for f in fields if f.get("groupDigits") is False]),
        "data-words": json.dumps(strings("explorer", lang), ensure_ascii=False),
    }
    words, total = strings("tables", lang), len(frame)
    (key,) = resource.primary_key if len(resource.primary_key) == 1 else (None,)
    if cited is not None and key:
        later = frame[key].iloc[ROWS_PER_PAGE:]  # rows the first page's script builds from the JSON download
        attributes["data-cited-by"] = json.dumps({r: _citing_links(first, cited.get(r, [])) for r in later})
        attributes["data-cited-label"] = words["cited_by"]
    attrs = Markup(" ".join(f'{k}="{inert(v)}"' for k, v in attributes.items()))
    free_text = any(f.get("constraints", {}).get("maxLength", 0) >= LONG_TEXT for f in fields)
    pages = {}
    for page in range(1, page_count(total) + 1):
        start = (page - 1) * ROWS_PER_PAGE
        shown = frame.iloc[start : start + ROWS_PER_PAGE]
        here = table_page_url(name, page)
        downloads = {
            kind: f'<a href="{attribute(site_href(here, f"downloads/{name}.{kind}", lang))}">{kind.upper()}</a>'
            for kind in ("csv", "json", "xlsx")
        }
        first_row, last_row = number(start + 1, lang), number(start + len(shown), lang)
        links = None
        if cited is not None and key:
            links = (
                words["cited_by"],
                {
                    r: ", ".join(
                        f'<a href="{attribute(h)}">{inert(label)}</a>' for h, label in _citing_links(here, cited.get(r, []))
                    )
                    for r in shown[key]
                },
            )
        text = render_page(
            "table.md.j2",
            page=page,
            heading=title(desc, lang),
            range=words["range"].format(a=first_row, b=last_row),
            description=description(desc, lang),
            free_text=free_text,
            words=words,
            rows_line=Markup(words["rows"].format(n=number(total, lang), name=name, **downloads)),  # catalogue Markdown
            several=total > ROWS_PER_PAGE,
            note=words["partial"].format(a=first_row, b=last_row, n=number(total, lang)),
            pager=Markup(_pager(name, total, page, lang)),
            attributes=attrs,
            table=Markup(render(resource, shown, fields, source_urls, lang, links, source_languages)),
        )
        stem = name if page == 1 else f"{name}-{page}"
        pages[page_file(stem, lang)] = text
    return pages


def actor_names(actors: pd.DataFrame, lang: str) -> dict[str, str]:
    """Partner names for labels: the page language's name first, then the other one."""
    other = name_field(other_language(lang))
    return dict(zip(actors["actor_id"], actors[name_field(lang)] + " / " + actors[other], strict=False))


def write_table_pages(dst: Path, resources: dict[str, Resource], tables: dict[str, pd.DataFrame]) -> None:
    """One page per table under data/, in each language."""
    source_urls = dict(zip(tables["sources"]["source_id"], tables["sources"]["url"], strict=False))
    languages = dict(zip(tables["sources"]["source_id"], tables["sources"]["language"], strict=False))
    (dst / "data").mkdir(parents=True, exist_ok=True)
    cited = citations(resources, tables, CITED_TABLE)
    for lang in LANGUAGES:
        names = actor_names(tables["actors"], lang)
        for name, resource in resources.items():
            rows_citing = cited if name == CITED_TABLE else None
            pages = table_pages(resource, tables[name], source_urls, names, lang, rows_citing, languages)
            for file_name, text in pages.items():
                (dst / "data" / file_name).write_text(text, encoding="utf-8")


def _constraints(field: dict, lang: str) -> str:
    """A field's rules as page text (every schema value made inert: a schema edit is as untrusted as a cell)."""
    labels = field_labels(field, lang)
    words = {"en": ("one of", "required", "unique"), "vi": ("một trong", "bắt buộc", "không trùng")}[lang]
    parts = []
    for key, value in field.get("constraints", {}).items():
        if key == "enum":
            parts.append(
                f"{words[0]}: " + ", ".join(f"{code(v)} ({inert(labels[v])})" if v in labels else code(v) for v in value)
            )
        elif key in ("required", "unique"):
            parts.append(words[1 if key == "required" else 2] if value else "")
        else:
            parts.append(f"{inert(key)}: {code(value)}")
    return "; ".join(p for p in parts if p)


def described(text: str, field_names: set[str]) -> str:
    """A schema description as page text: `back-quoted` values and the names of columns (with an underscore) shown as
    code, everything else inert."""
    parts = []
    for index, part in enumerate(text.split("`")):
        if index % 2:
            parts.append(code(part))
            continue
        words = re.split(r"\b([a-z]+(?:_[a-z0-9]+)+)\b", part)
        parts += [code(w) if i % 2 and w in field_names else inert(w) for i, w in enumerate(words)]
    return "".join(parts)


def dictionary_page(descriptor: dict, resources: dict[str, Resource], lang: str = "en") -> str:
    """The data dictionary (template dictionary.md.j2), generated from the Table Schemas only."""
    words = strings("dictionary", lang)
    field_names = {f["name"] for res in resources.values() for f in res.schema["fields"]}
    tables = []
    for name, res in resources.items():
        schema = res.schema
        references = []
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"]["resource"] or name
            fields, refs = ", ".join(fk["fields"]), ", ".join(fk["reference"]["fields"])
            references.append({"fields": Markup(code(fields)), "target": Markup(code(f"{target}.{refs}"))})
        tables.append(
            {
                "title": title(res.descriptor, lang),
                "anchor": Markup(f"{{#{name}}}"),  # attribute list: table names are [a-z_]+ (descriptor guard)
                "description": description(res.descriptor, lang),
                "file": Markup(code(res.descriptor["path"])),
                "key": Markup(code(", ".join(res.primary_key))),
                "natural": Markup(code(", ".join(schema["naturalKey"]))) if schema.get("naturalKey") else "",
                "references": references,
                "rows": [
                    [
                        Markup(code(field["name"])),
                        Markup(code(field["type"])),
                        Markup(_constraints(field, lang)),
                        title(field, lang),
                        Markup(described(description(field, lang), field_names)),
                    ]
                    for field in schema["fields"]
                ],
            }
        )
    intro = Markup(words["intro"].format(name=code(descriptor["name"]), version=inert(descriptor["version"])))
    columns = Markup(words["columns"])  # the catalogue's Markdown table header
    return render_page("dictionary.md.j2", words=words, intro=intro, columns=columns, tables=tables)


def coverage_page(
    typed_tables: dict[str, pd.DataFrame], resources: dict[str, Resource], lang: str = "en", row_href: Callable | None = None
) -> str:
    """The Coverage page: each official total next to the sum of the itemised rows it counts."""
    return markdown(typed_tables, resources, row_href, lang=lang, targets=False, heading=strings("coverage_page", lang))
