"""Benchmark the reader's site: build time, transferred (gzip) page weights and Lighthouse scores.

Usage: python scripts/benchmark_site.py
Builds the site three times (the median build time is recorded), serves it on 127.0.0.1 with gzip (as a static host does), weighs every page with the assets it
loads, and runs Lighthouse (npm, mobile settings) on Debian's Chromium for a home, table, chart and partner page in
both languages. Writes benchmarks/site.json and benchmarks/site.md (shown on the Performance page). Not a test: the
figures are recorded, never asserted; the targets are listed next to them.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from vdp.package.resources import ROOT
from vdp.tools.serve import server as gzip_server

OUT = ROOT / "benchmarks"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)
AUDITED = ["", "data/donations/", "charts/donated-doses/", "partners/USA/"]
TARGETS = {"home_kb": 150, "page_kb": 500, "performance": 95, "accessibility": 100}


BUILD_RUNS = 3
SEARCH_INDEXES = {"en": "search", "vi": "vi/search"}  # each language's site search index, fetched when search is opened


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes()))


def page_weights(site: Path) -> dict[str, int]:
    """Gzip bytes of every page with the same-site files it loads (stylesheets, scripts, the search worker); the
    search index is left out: pages fetch it only when a reader opens the search (assets/search-on-demand.js)."""
    shared = set((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    weights = {}
    for page in site.rglob("index.html"):
        if page.relative_to(site).parts[0] in ("assets", "search"):
            continue
        html = page.read_text(encoding="utf-8")
        assets = {(page.parent / ref).resolve() for ref in re.findall(r'(?:src|href)="([^":#?]+\.(?:css|js))"', html)}
        files = {a for a in assets if a.is_file()} | shared
        weights[page.parent.relative_to(site).as_posix() + "/"] = gz(page) + sum(gz(f) for f in files)
    return weights


def lighthouse(url: str, out: Path) -> dict:
    """Lighthouse performance and accessibility scores (mobile) and transferred bytes of one page."""
    command = ["npx", "--no-install", "lighthouse", url, "--quiet", f"--chrome-flags={CHROME_FLAGS}"]
    command += ["--only-categories=performance,accessibility", "--output=json", f"--output-path={out}"]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, cwd=ROOT, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    failing = [
        ref["id"]
        for ref in report["categories"]["accessibility"]["auditRefs"]
        if report["audits"][ref["id"]]["score"] is not None and report["audits"][ref["id"]]["score"] < 1
    ]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        "transfer_kb": round(report["audits"]["total-byte-weight"]["numericValue"] / 1024),
        "lcp_s": round(report["audits"]["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "failing_accessibility_audits": failing,
    }


def markdown(result: dict) -> str:
    t = TARGETS
    lines = [
        f"Measured on {result['machine']}. Full build: **{result['build_seconds']} s** (median of "
        f"{len(result['build_runs'])} builds, {min(result['build_runs'])}–{max(result['build_runs'])} s). Pages served with gzip from "
        "127.0.0.1; Lighthouse mobile settings (simulated slow 4G and a mid-range phone).",
        "",
        f"- Home page, with everything it loads: **{result['home_kb']} KB** transferred (target under {t['home_kb']} KB).",
        f"- Heaviest chart page: `{result['heaviest_chart']['page']}`, **{result['heaviest_chart']['kb']} KB**.",
        f"- Heaviest of all {result['pages']} pages: `{result['heaviest']['page']}`, **{result['heaviest']['kb']} KB** "
        f"(target: every page under {t['page_kb']} KB); pages over the target: {result['over_target'] or 'none'}.",
        "- Site search index, fetched when a reader first opens the search: "
        + ", ".join(f"**{kb} KB** ({lang})" for lang, kb in result["search_index_kb"].items())
        + " (before partner tables were indexed, one index of both languages weighed 62 KB).",
        "",
        f"| Page | Lighthouse performance (target ≥ {t['performance']}) | Accessibility (target {t['accessibility']}) "
        "| Transferred | Largest contentful paint | Failing accessibility audits |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for page, r in result["lighthouse"].items():
        failing = ", ".join(f"`{a}`" for a in r["failing_accessibility_audits"]) or "none"
        lines.append(
            f"| `/{page}` | {r['performance']} | {r['accessibility']} | {r['transfer_kb']} KB | {r['lcp_s']} s | {failing} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    builds = []
    for _ in range(BUILD_RUNS):  # the machine's speed drifts: the median of a few full builds, with their range
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py")], check=True, capture_output=True)
        builds.append(round(time.perf_counter() - started, 1))
    build_seconds = statistics.median(builds)
    site = ROOT / "site"
    weights = page_weights(site)
    charts = {p: w for p, w in weights.items() if "charts/" in p}
    server = gzip_server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    scores = {}
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("", "vi/"):
            for page in AUDITED:
                scores[lang + page] = lighthouse(base + lang + page, Path(tmp) / "report.json")
                print(lang + page, scores[lang + page], flush=True)
    server.shutdown()
    heaviest = max(weights, key=weights.get)
    chart = max(charts, key=charts.get)
    result = {
        "machine": f"{sys.platform}, Python {sys.version.split()[0]}",
        "build_seconds": build_seconds,
        "build_runs": builds,
        "pages": len(weights),
        "home_kb": round(weights["./"] / 1024),
        "heaviest": {"page": heaviest, "kb": round(weights[heaviest] / 1024)},
        "heaviest_chart": {"page": chart, "kb": round(charts[chart] / 1024)},
        "search_index_kb": {
            lang: round(gz(site / folder / "search_index.json") / 1024) for lang, folder in SEARCH_INDEXES.items()
        },
        "over_target": sorted(p for p, w in weights.items() if w > TARGETS["page_kb"] * 1024),
        "lighthouse": scores,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "site.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (OUT / "site.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0
