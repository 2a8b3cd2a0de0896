"""Serve the built site on 127.0.0.1 as a static host does: text files compressed with gzip when the browser accepts
it, so that a reader previewing locally sees the page weights and scores the Performance page reports.

Usage: python scripts/serve.py [--port PORT] [SITE_DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
from pathlib import Path

from vdp.package.resources import ROOT

TEXT_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".md", ".ipynb")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text compressed with gzip when the browser accepts it, as GitHub Pages and most hosts do."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if not (path.suffix in TEXT_TYPES and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        pass


class _Body:
    """The file-like object SimpleHTTPRequestHandler copies to the socket."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def server(directory: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server of directory on 127.0.0.1 (port 0: any free port), not yet started."""
    handler = lambda *args, **kwargs: GzipHandler(*args, directory=str(directory), **kwargs)  # noqa: E731
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site here (run make build)")
        return 1
    httpd = server(args.site, args.port)
    print(f"Serving {args.site} on http://127.0.0.1:{httpd.server_address[1]}/ with gzip (Ctrl-C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        httpd.serve_forever()
    return 0
