"""The generated pages' templates (site/templates/*.md.j2): the pages' structure in Jinja, their values from the code.

A value printed by a template passes `vdp.site.safe.template_finalize`: data text is made inert; only HTML the code
built from inert parts (marked `Markup`) is printed as it is.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from vdp.site.safe import template_finalize


def environment(folder: Path, **options: object) -> jinja2.Environment:
    """A Jinja environment over a folder of page templates (the generated pages' here, the narrative pages' in docs/)
    in which every printed value is made inert (autoescape with finalize; macros and the page text stay markup)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=template_finalize,
        **options,
    )


ENVIRONMENT = environment(Path(__file__).with_name("templates"), keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def render_page(template: str, **context: object) -> str:
    """A generated page's Markdown from its template, e.g. render_page("partner.md.j2", name=..., ...)."""
    return ENVIRONMENT.get_template(template).render(**context)
