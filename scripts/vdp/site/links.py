"""Check every link of the built site: each local page, download and asset exists, and each #anchor is on its page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRS = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src")}
EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "data")


class _PageLinks(HTMLParser):
    """The ids a page defines and the local links it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRS:
                self.links.append(value)


def _target(site: Path, page: Path, path: str) -> Path:
    """The file a link's path resolves to, as a static host would serve it."""
    base = site if path.startswith("/") else page.parent
    target = (base / unquote(path).lstrip("/")).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    """Every link whose file is missing or leaves the site, or whose #anchor is not on its page, as 'page: link'."""
    site = site.resolve()
    pages: dict[Path, _PageLinks] = {}
    for path in sorted(site.rglob("*.html")):
        parsed = _PageLinks()
        parsed.feed(path.read_text(encoding="utf-8"))
        pages[path.resolve()] = parsed
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme in EXTERNAL_SCHEMES or parts.netloc:
                continue
            if parts.scheme:
                broken.append(f"{page.relative_to(site)}: {link} (scheme not allowed)")
                continue
            target = _target(site, page, parts.path) if parts.path else page
            if site not in target.parents or not target.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return broken


def main(argv: list[str]) -> int:
    """Check the built site in argv[0] (default: site/); print what is wrong, exit 1 if anything is."""
    found = broken_links(Path(argv[0] if argv else "site"))
    print("\n".join(found) or "every link resolves")
    return 1 if found else 0
