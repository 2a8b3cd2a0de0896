"""Shared wording for rows shown outside their table (partner pages, timeline): links to a row and its source,
labelled values, dates and small HTML tables."""

from __future__ import annotations

import pandas as pd

from vdp.package.resources import Resource
from vdp.site.html_table import row_anchor, row_ids, row_pages, table_page_url
from vdp.site.safe import attribute, inert
from vdp.site.strings import strings
from vdp.site.text import DEFAULT_LANGUAGE, day, name_field, number, value_labels


class Labels:
    """Everything needed to turn coded values into words in one language."""

    def __init__(self, tables: dict[str, pd.DataFrame], resources: dict[str, Resource], lang: str):
        self.lang = lang
        self.words = strings("labels", lang)
        self.actors = tables["actors"].set_index("actor_id")[name_field(lang)].to_dict()
        self.vaccines = tables["vaccines"].set_index("vaccine_id")[name_field(lang)].to_dict()
        sources = tables["sources"].set_index("source_id")
        self.source_urls = sources["url"].to_dict()
        self.publishers = sources["publisher"].to_dict()
        self.source_languages = sources["language"].to_dict()
        self.resources = resources
        self.tables = tables
        self._values: dict[tuple[str, str], dict[str, str]] = {}
        self._pages: dict[str, dict[str, int]] = {}

    def value(self, table: str, field: str, code: str) -> str:
        """The label of a coded value (from the schema's enumLabels), or the code itself."""
        if (table, field) not in self._values:
            self._values[table, field] = value_labels(self.resources[table], field, self.lang)
        return self._values[table, field].get(code, code)

    def actor(self, actor_id: str) -> str:
        return self.actors.get(actor_id, actor_id)

    def vaccine(self, vaccine_id: str | None) -> str:
        if vaccine_id is None or pd.isna(vaccine_id) or not vaccine_id:
            return self.words["vaccine_not_stated"]
        return self.vaccines.get(vaccine_id, vaccine_id)

    def doses(self, doses: float | None) -> str:
        if doses is None or pd.isna(doses):
            return self.words["doses_not_stated"]
        return f"{number(doses, self.lang)} {self.words['doses']}"

    def date(self, row: pd.Series, field: str = "date", precision_field: str = "date_precision") -> str:
        """The row's date, to the precision its source gives, in a <time> element."""
        ts = row[field]
        return f'<time datetime="{ts:%Y-%m-%d}">{inert(day(ts, self.lang, row[precision_field]))}</time>'

    def translated(self, row: pd.Series, field: str) -> str:
        """A text field as HTML in the page language: on Vietnamese pages its `<field>_vi` twin, or the English text
        marked as English where no translation exists yet."""
        if self.lang == DEFAULT_LANGUAGE or not text(row.get(f"{field}_{self.lang}")):
            default = inert(text(row[field]))
            return (
                default if self.lang == DEFAULT_LANGUAGE or not default else f'<span lang="{DEFAULT_LANGUAGE}">{default}</span>'
            )
        return inert(row[f"{field}_{self.lang}"])

    def summary(self, row: pd.Series) -> str:
        """A contact's summary in the page language."""
        return self.translated(row, "summary")

    def person(self, row: pd.Series, person_field: str, role_field: str) -> str:
        """A person with their office in brackets, as HTML in the page language; either part may be missing."""
        name, role = inert(text(row[person_field])), self.translated(row, role_field)
        return f"{name} ({role})" if name and role else name or role

    def row_link(self, table: str, row_id: str, root: str) -> str:
        """Link to a row on the table page that holds it (root: the path from the current page up to the language's
        site root)."""
        if table not in self._pages:
            self._pages[table] = row_pages(row_ids(self.tables[table], self.resources[table].primary_key))
        url = table_page_url(table, self._pages[table].get(row_id, 1))
        return f'<a href="{attribute(root + url)}#{inert(row_anchor(self.resources[table], row_id))}">{inert(row_id)}</a>'

    def source_link(self, source_id: str) -> str:
        """Link to a row's source page, labelled with its publisher."""
        url = self.source_urls.get(source_id, "")
        label = inert(self.publishers.get(source_id, source_id))
        return f'<a href="{attribute(url)}" rel="nofollow noopener">{label}</a>' if url else label

    def quote(self, row: pd.Series) -> str:
        """The row's evidence (the verbatim sentences of its source that state it), folded, in the source's language."""
        evidence = text(row.get("evidence"))
        if not evidence:
            return ""
        label = self.words["quote"]
        language = attribute(self.source_languages.get(row["source_id"], ""))
        return (
            f'<details class="quote" data-search-exclude><summary>{label}</summary>'
            f'<blockquote lang="{language}">{inert(evidence)}</blockquote></details>'
        )


def text(value: object) -> str:
    """A text cell of a typed table, with missing values as an empty string."""
    return value if isinstance(value, str) else ""


def html_table(headers: list[str], rows: list[list[str]]) -> str:
    """A small HTML table of cells that are already HTML. Its text is in the site's search index, so that a search
    for a product, a person or a partner finds the partner pages that list it (headers and quotes are left out)."""
    head = "".join(f'<th scope="col">{inert(h)}</th>' for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<div class="table-scroll"><table class="data-table">\n<thead data-search-exclude><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table></div>'
