"""The MkDocs configuration of a build: mkdocs.yml with its Data menu written from the package's tables.

mkdocs.yml holds everything about the site but the tables: the menu lists one page per table of datapackage.json,
titled from the descriptor in each language, so a table added as data alone (schema, CSV, descriptor entry) has its
menu entry and its Vietnamese menu label with no edit here or in mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from vdp.package.resources import ROOT, Resource
from vdp.site.text import title

DATA_MENU = "Data"


def menu_order(resources: dict[str, Resource]) -> list[Resource]:
    """The tables as the menu lists them: the dated tables of events first, then the reference tables, each group in
    descriptor order."""
    return sorted(resources.values(), key=lambda r: not r.date_field)


def site_config(resources: dict[str, Resource], docs_dir: Path, target: Path) -> Path:
    """Write the build's MkDocs configuration to target (paths made absolute, so it may live anywhere); returns it."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs_dir)
    config["hooks"] = [str(ROOT / hook) for hook in config.get("hooks", [])]
    tables = menu_order(resources)
    config["nav"] = [
        {DATA_MENU: [{title(r.descriptor, "en"): f"data/{r.name}.md"} for r in tables]} if DATA_MENU in item else item
        for item in config["nav"]
    ]
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    for language in i18n["languages"]:
        if not language.get("default"):
            translations = language.setdefault("nav_translations", {})
            translations.update({title(r.descriptor, "en"): title(r.descriptor, language["locale"]) for r in tables})
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target
