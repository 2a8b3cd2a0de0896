"""Check that the built site loads nothing from other hosts: every script, style, image and font is local."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ASSET_ATTRS = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
    ("use", "href"),
}
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)
CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)


class _AssetFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        values = dict(attrs)
        if (
            tag == "link"
            and "stylesheet" not in (values.get("rel") or "")
            and "preload" not in (values.get("rel") or "")
            and "icon" not in (values.get("rel") or "")
            and "manifest" not in (values.get("rel") or "")
        ):
            return  # links such as rel=canonical are not loaded
        for name, value in attrs:
            if (tag, name) in ASSET_ATTRS and value and any(REMOTE.match(v.strip().split(" ")[0]) for v in value.split(",")):
                self.remote.append(f"<{tag} {name}={value}>")
            if name == "style" and value:
                self.remote += CSS_REMOTE.findall(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.remote += CSS_REMOTE.findall(data)


def remote_assets(site: Path) -> list[str]:
    """Every reference to an asset on another host, as 'file: reference'."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            finder = _AssetFinder()
            finder.feed(path.read_text(encoding="utf-8"))
            found += [f"{path.relative_to(site)}: {ref}" for ref in finder.remote]
        elif path.suffix == ".css":
            found += [f"{path.relative_to(site)}: {ref}" for ref in CSS_REMOTE.findall(path.read_text(encoding="utf-8"))]
    return found


def main(argv: list[str]) -> int:
    """Check the built site in argv[0] (default: site/); print what is wrong, exit 1 if anything is."""
    refs = remote_assets(Path(argv[0] if argv else "site"))
    print("\n".join(refs) or "no third-party assets")
    return 1 if refs else 0
