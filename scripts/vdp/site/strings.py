"""The site's interface strings: one catalogue per language (catalogue/en.yml, catalogue/vi.yml), by page.

Table and field titles, value labels and descriptions are not here: they live in the descriptor and the schemas.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

CATALOGUE = Path(__file__).with_name("catalogue")


@cache
def catalogue(lang: str) -> dict:
    """Every interface string of a language, by section (a page or a part of the site)."""
    return yaml.safe_load((CATALOGUE / f"{lang}.yml").read_text(encoding="utf-8"))


def strings(section: str, lang: str) -> dict:
    """The strings of one section in a language, e.g. strings("partners", "vi")["back"]."""
    return catalogue(lang)[section]
