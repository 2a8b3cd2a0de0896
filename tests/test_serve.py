"""`make serve` serves the built site compressed, as a static host does."""

from __future__ import annotations

import gzip
import threading
import urllib.request
from pathlib import Path

import pytest

from vdp.tools.serve import server


@pytest.fixture
def served(tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "index.html").write_text("<p>Nhật Bản</p>" * 200, encoding="utf-8")
    (tmp_path / "data" / "index.html").write_text("<p>data</p>", encoding="utf-8")
    (tmp_path / "pack.zip").write_bytes(b"PK\x03\x04" + bytes(300))
    httpd = server(tmp_path)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", tmp_path
    httpd.shutdown()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        response = urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as redirect:
        return redirect.code, redirect.headers, b""
    with response:
        return response.status, response.headers, response.read()


def test_text_is_sent_gzipped_to_a_browser_that_accepts_it(served):
    base, folder = served
    status, headers, body = get(base)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (folder / "index.html").read_bytes()
    assert int(headers["Content-Length"]) == len(body) < (folder / "index.html").stat().st_size
    assert headers["Content-Type"].startswith("text/html")


def test_plain_to_a_client_that_does_not_and_binary_files_as_they_are(served):
    base, folder = served
    status, headers, body = get(base, gzip_ok=False)
    assert status == 200 and headers["Content-Encoding"] is None and body == (folder / "index.html").read_bytes()
    status, headers, body = get(base + "pack.zip")
    assert status == 200 and headers["Content-Encoding"] is None and body == (folder / "pack.zip").read_bytes()


def test_a_folder_without_its_slash_is_redirected_not_served(served):
    base, _ = served
    status, headers, _ = get(base + "data")
    assert status == 301 and headers["Location"].endswith("/data/")
    assert get(base + "data/")[0] == 200
