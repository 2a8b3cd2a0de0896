"""MkDocs hooks: keep notebooks rendered as pages in both languages, and link every page to its twin.

The i18n plugin rebuilds every file object late in on_files (priority -100), which drops the notebook wrapper that
mkdocs-jupyter put on the .ipynb files; on_files runs after it and wraps them again, in place, so the i18n file
list (and its lookup of a page's twin) is kept.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from mkdocs_jupyter.plugin import NotebookFile


@event_priority(-200)
def on_files(files, config):
    jupyter = config.plugins["mkdocs-jupyter"]
    for file in [f for f in files if jupyter.should_include(f) and not isinstance(f, NotebookFile)]:
        wrapped = NotebookFile(file, **config)
        wrapped.dest_path, wrapped.abs_dest_path, wrapped.url = file.dest_path, file.abs_dest_path, file.url
        files.remove(file)
        files.append(wrapped)
    return files


# The theme's <link rel="alternate"> tags make its script fetch a sitemap under each language's address; the site
# has no fixed public address (no site_url), so it has no sitemap and these tags are dropped; the switch links remain.
HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[a-z]+">\s*')


# nbconvert's JupyterLab stylesheet (570 KB inline on every notebook page) and its Mermaid loader: the chart pages
# hold only hidden-input cells whose outputs are inline SVG figures and tables, styled by the theme and site.css.
JUPYTER_STYLES = re.compile(r'<style[^>]*>\s*(?:@charset "UTF-8";)?\s*\.jupyter-wrapper\{.*?</style>', re.S)
MERMAID_LOADER = re.compile(
    r"<script[^>]*>\s*document\.addEventListener\(\"DOMContentLoaded\", async \(\) => \{\s*const diagrams = document\.querySelectorAll\(\".jp-Mermaid.*?</script>",
    re.S,
)


@event_priority(-200)
def on_post_page(output, page, config):
    """Point every page's language switch at its twin with a relative link.

    The i18n plugin pairs only Markdown pages and links the home pages absolutely ("/", "/vi/"), which breaks when
    the site is served from a sub-path; every page of this site has a twin, and the browser tests check each link.
    """
    if isinstance(page.file, NotebookFile):
        output = MERMAID_LOADER.sub("", JUPYTER_STYLES.sub("", output))
    plain = page.url.removeprefix("vi/")
    twins = {"en": plain, "vi": f"vi/{plain}"}

    def relink(match: re.Match) -> str:
        return f'<a href="{get_relative_url(twins[match.group(2)], page.url)}" hreflang="{match.group(2)}"'

    output = re.sub(r'<a href="([^"]*)" hreflang="(en|vi)"', relink, output)
    output = output.replace("</head>", f"<script>{search_on_demand(config['docs_dir'])}</script></head>", 1)
    return name_search_dialog(HEAD_ALTERNATE.sub("", output), "vi" if page.url.startswith("vi/") else "en")


@functools.cache
def search_on_demand(docs_dir: str) -> str:
    """assets/search-on-demand.js, inlined in each page's head so that it runs before the theme's script."""
    return (Path(docs_dir) / "assets" / "search-on-demand.js").read_text(encoding="utf-8")


def name_search_dialog(output: str, lang: str) -> str:
    """Give the theme's search dialog an accessible name (it has role="dialog" and no label)."""
    label = {"en": "Search the site", "vi": "Tìm kiếm trên trang"}[lang]
    return output.replace(
        'data-md-component="search" role="dialog">', f'data-md-component="search" role="dialog" aria-label="{label}">'
    )


@event_priority(-200)
def on_post_build(config):
    """Split the theme's search index, which holds both languages, into one per language: search/search_index.json
    for the English pages and vi/search/search_index.json for the Vietnamese ones (search-on-demand.js asks a
    Vietnamese page's search for its own), so a reader fetches half the index and finds pages in the language read.
    Sections with a heading and no text of their own (a partner page's sources, kept out of the index) are dropped."""
    folder = Path(config["site_dir"])
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    for vietnamese, target in ((False, folder / "search"), (True, folder / "vi" / "search")):
        docs = [doc for doc in index["docs"] if doc["location"].startswith("vi/") == vietnamese and _searchable(doc)]
        target.mkdir(parents=True, exist_ok=True)
        text = json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        (target / "search_index.json").write_text(text, encoding="utf-8")


def _searchable(doc: dict) -> bool:
    """Whether an index entry has text, or is a page's first entry (its title)."""
    return "#" not in doc["location"] or bool(doc["text"].strip())


def on_post_template(output, template_name, config):
    """The 404 page offers each language's home page (it has no twin of its own)."""
    if template_name != "404.html":
        return output
    homes = {"en": "/", "vi": "/vi/"}
    output = re.sub(
        r'<a href="[^"]*" hreflang="(en|vi)"', lambda m: f'<a href="{homes[m.group(1)]}" hreflang="{m.group(1)}"', output
    )
    return HEAD_ALTERNATE.sub("", output)
