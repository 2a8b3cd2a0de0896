"""Build the site: validate, write the Markdown and downloads, execute the notebooks, run mkdocs, check that it
loads nothing from other hosts and that every link resolves.

Usage: python scripts/build_site.py [SITE_DIR]
Nothing is written to SITE_DIR unless every step succeeds.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from markupsafe import Markup

from vdp.checks.validate import validate_package
from vdp.measures.reconcile import coverage, reference_shares
from vdp.measures.story import story
from vdp.package.resources import PACKAGE_DIR, ROOT, load_descriptor, load_resources, typed
from vdp.site.config import site_config
from vdp.site.coverage import targets_table
from vdp.site.downloads import write_downloads
from vdp.site.links import broken_links
from vdp.site.notebooks import NotebookError, execute_all
from vdp.site.offline import remote_assets
from vdp.site.pages import (
    changelog_page,
    contributing_pages,
    coverage_page,
    dictionary_page,
    performance_page,
    render_narrative,
    row_locator,
    write_table_pages,
)
from vdp.site.partners import write_partner_pages
from vdp.site.text import LANGUAGES, name_field, page_file
from vdp.site.timeline import write_timeline

BUILD_DOCS = ROOT / "build" / "docs"
BUILD_CONFIG = ROOT / "build" / "mkdocs.yml"  # mkdocs.yml with the tables' menu (site_config)


class BuildError(RuntimeError):
    """A step of the build failed; the message says which."""


def write_data_pages(dst: Path, resources: dict, tables: dict) -> dict:
    """Every page that shows rows of the data (narrative, table, partner and timeline pages) from the string tables;
    returns the typed tables."""
    typed_tables = {name: typed(frame, resources[name]) for name, frame in tables.items()}
    names = {lang: typed_tables["actors"].set_index("actor_id")[name_field(lang)].to_dict() for lang in LANGUAGES}
    report = coverage(typed_tables)
    context = {
        "story": story(typed_tables),
        "names": names,
        "reference": reference_shares(typed_tables, report),
        "research_targets": {lang: Markup(targets_table(typed_tables, report, lang)) for lang in LANGUAGES},
        "row_href": row_locator(tables, resources),
    }
    render_narrative(ROOT / "docs", dst, typed_tables, context)
    write_table_pages(dst, resources, tables)
    write_partner_pages(dst, typed_tables, resources)
    write_timeline(dst, typed_tables, resources)
    return typed_tables


def prepare_docs(package_dir: Path = PACKAGE_DIR, dst: Path = BUILD_DOCS) -> None:
    """Write every page source of the site into dst, and its MkDocs configuration beside it, from validated data."""
    problems, tables = validate_package(package_dir)  # the tables as validated: the files are read once
    if problems:
        raise BuildError("the data package is not valid, so nothing was built:\n" + "\n".join(map(str, problems)))
    if dst.exists():
        shutil.rmtree(dst)
    resources = load_resources(package_dir)
    typed_tables = write_data_pages(dst, resources, tables)
    contributing_pages(ROOT, dst)
    descriptor = load_descriptor(package_dir)
    row_href = row_locator(tables, resources)
    for lang in LANGUAGES:
        pages = {
            "coverage": coverage_page(typed_tables, resources, lang, row_href),
            "changelog": changelog_page(ROOT / "datapackage" / "CHANGELOG.md", lang),
            "performance": performance_page(ROOT, lang),
            "dictionary": dictionary_page(descriptor, resources, lang),
        }
        for stem, text in pages.items():
            (dst / page_file(stem, lang)).write_text(text, encoding="utf-8")
    write_downloads(dst, package_dir, resources, tables)
    site_config(resources, dst, dst.parent / BUILD_CONFIG.name)
    try:
        execute_all(ROOT / "docs", dst, package_dir)
    except NotebookError as err:
        raise BuildError(str(err)) from err


def build(site_dir: Path = ROOT / "site") -> None:
    """Build the whole site into site_dir, replacing it only when every step passed."""
    prepare_docs()
    staging = site_dir.with_name(site_dir.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(BUILD_CONFIG), "-d", str(staging)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BuildError("mkdocs build --strict failed:\n" + result.stdout + result.stderr)
    for sitemap in ("sitemap.xml", "sitemap.xml.gz"):  # without a fixed public address (site_url) it lists "None/…"
        (staging / sitemap).unlink(missing_ok=True)
    for problems, what in (
        (remote_assets(staging), "load assets from other hosts"),
        (broken_links(staging), "hold broken links"),
    ):
        if problems:
            shutil.rmtree(staging)
            raise BuildError(f"the site would {what}:\n" + "\n".join(problems))
    swap_in(staging, site_dir)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put the new site in place by renames only: the old site stays whole until the new one has its name.

    With renameat2(RENAME_EXCHANGE) (Linux) the two folders trade names in one atomic step; elsewhere the old
    site is first renamed aside, never deleted before the new one is in place."""
    if site_dir.exists() and _exchange(staging, site_dir):
        shutil.rmtree(staging)  # now holds the old site
        return
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    if old.exists():
        shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with renameat2; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    site_dir = Path(argv[0]).resolve() if argv else ROOT / "site"
    try:
        build(site_dir)
    except BuildError as err:
        print(f"build failed: {err}", file=sys.stderr)
        return 1
    print(f"built {site_dir} in {time.perf_counter() - started:.1f} s")
    return 0
