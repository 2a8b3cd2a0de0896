"""Benchmark validation and the full build on synthetic data at 1x, 10x, 100x and 1000x today's rows.

Usage: python scripts/benchmark_scale.py [--validate-only] [SCALE ...]   (default: 1 10 100 1000)
Writes benchmarks/scale.json and benchmarks/scale.md (shown on the site's Performance page), keeping the recorded
results of the scales not run. --validate-only measures validation alone (the build at 100x and beyond takes longer
than a session allows). Not a test: the figures depend on the machine, so they are recorded, never asserted.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vdp.package.resources import ROOT
from vdp.tools.benchmark_site import page_weights
from vdp.tools.synthetic_data import write_synthetic

OUT = ROOT / "benchmarks"
# Runs a command and prints its wall time and the peak resident memory of the process tree it started.
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(time.perf_counter() - start, peak, code)\n"
)


def measure(command: list[str], env: dict | None = None) -> dict:
    """Wall seconds, peak memory (MB) and exit code of one run of a command."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, env=env, check=True)
    seconds, kilobytes, code = done.stdout.split()
    return {"seconds": round(float(seconds), 2), "peak_mb": round(int(kilobytes) / 1024), "exit": int(code)}


def median_run(command: list[str], runs: int) -> dict:
    results = [measure(command) for _ in range(runs)]
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "peak_mb": max(r["peak_mb"] for r in results),
        "exit": max(r["exit"] for r in results),
    }


def heaviest_table_page(site: Path) -> dict:
    pages = {p: len(gzip.compress(p.read_bytes())) for p in (site / "data").rglob("index.html")}
    page = max(pages, key=pages.get)
    return {"page": page.parent.relative_to(site).as_posix(), "gzip_kb": round(pages[page] / 1024)}


def bench(scale: int, work: Path, build_site: bool = True) -> dict:
    package = work / f"package-{scale}x"
    counts = write_synthetic(scale, package)
    runs = 3 if scale <= 100 else 1
    validate = median_run([sys.executable, str(ROOT / "scripts" / "validate.py"), str(package)], runs)
    frictionless = median_run(
        [str(Path(sys.executable).with_name("frictionless")), "validate", str(package / "datapackage.json")], 1
    )
    result = {
        "scale": scale,
        "rows": sum(counts.values()),
        "validate": validate,
        "frictionless": frictionless,
        "speedup": round(frictionless["seconds"] / validate["seconds"], 1),
    }
    if not build_site:
        return result
    site = work / f"site-{scale}x"
    env = {**os.environ, "VDP_PACKAGE_DIR": str(package)}
    result["build"] = measure([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(site)], env)
    if result["build"]["exit"] == 0:
        result["heaviest_table_page"] = heaviest_table_page(site)
        weights = page_weights(site)
        heaviest = max(weights, key=weights.get)
        result["home_kb"] = round(weights["./"] / 1024)
        result["heaviest_page"] = {"page": heaviest, "kb": round(weights[heaviest] / 1024)}
    return result


def markdown(results: list[dict], machine: str) -> str:
    base = next((r["build"]["seconds"] for r in results if r["scale"] == 1 and r.get("build", {}).get("exit") == 0), None)
    lines = [
        f"Measured on {machine} with `python scripts/benchmark_scale.py`; synthetic data from "
        "`scripts/synthetic_data.py`. Validation times are medians of 3 runs up to 100x and single runs beyond; plain "
        "Frictionless runs once. Page weights are gzip bytes with everything the page loads (the search index, fetched "
        "only when a reader opens the search, is left out). A dash: not run at that scale.",
        "",
        "| Scale | Rows | `make validate` (s) | Plain `frictionless validate` (s) | Speed-up | Validate peak memory (MB) "
        "| Full build (s) | Build / 1x build | Build peak memory (MB) | Home page (KB) | Heaviest page (KB) "
        "| Heaviest table page (gzip KB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for r in results:
        build = r.get("build")
        seconds = "—" if build is None else (f"{build['seconds']}" if build["exit"] == 0 else "failed")
        ratio = f"{build['seconds'] / base:.1f}" if build and build["exit"] == 0 and base else "—"
        heaviest = r.get("heaviest_page")
        heaviest_text = f"`{heaviest['page']}` {heaviest['kb']}" if heaviest else "—"
        lines.append(
            f"| {r['scale']}x | {r['rows']:,} | {r['validate']['seconds']} | {r['frictionless']['seconds']} | {r['speedup']}x "
            f"| {r['validate']['peak_mb']} | {seconds} | {ratio} | {build['peak_mb'] if build else '—'} "
            f"| {r.get('home_kb', '—')} | {heaviest_text} "
            f"| {r.get('heaviest_table_page', {}).get('gzip_kb', '—')} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    build_site = "--validate-only" not in argv
    scales = [int(a) for a in argv if a != "--validate-only"] or [1, 10, 100, 1000]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            started = time.perf_counter()
            results.append(bench(scale, Path(tmp), build_site))
            print(json.dumps(results[-1]), f"({time.perf_counter() - started:.0f} s)", flush=True)
    OUT.mkdir(exist_ok=True)
    if (OUT / "scale.json").exists():  # keep earlier measurements of the scales not run this time
        earlier = json.loads((OUT / "scale.json").read_text(encoding="utf-8"))["results"]
        results = sorted([r for r in earlier if r["scale"] not in scales] + results, key=lambda r: r["scale"])
    (OUT / "scale.json").write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n", encoding="utf-8")
    (OUT / "scale.md").write_text(markdown(results, machine), encoding="utf-8")
    return 0
