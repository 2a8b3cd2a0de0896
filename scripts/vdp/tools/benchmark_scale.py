"""Benchmark validation and the full build on synthetic data at 1x, 10x, 100x and 1000x today's rows.

Usage: python scripts/benchmark_scale.py [SCALE ...]   (default: 1 10 100 1000)
Writes benchmarks/scale.json and benchmarks/scale.md (shown on the site's Performance page). Not a test: the
figures depend on the machine, so they are recorded, never asserted.
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


def bench(scale: int, work: Path) -> dict:
    package = work / f"package-{scale}x"
    counts = write_synthetic(scale, package)
    runs = 3 if scale <= 100 else 1
    validate = median_run([sys.executable, str(ROOT / "scripts" / "validate.py"), str(package)], runs)
    frictionless = median_run(
        [str(Path(sys.executable).with_name("frictionless")), "validate", str(package / "datapackage.json")], 1
    )
    site = work / f"site-{scale}x"
    env = {**os.environ, "VDP_PACKAGE_DIR": str(package)}
    build = measure([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(site)], env)
    result = {
        "scale": scale,
        "rows": sum(counts.values()),
        "validate": validate,
        "frictionless": frictionless,
        "speedup": round(frictionless["seconds"] / validate["seconds"], 1),
        "build": build,
    }
    if build["exit"] == 0:
        result["heaviest_table_page"] = heaviest_table_page(site)
    return result


def markdown(results: list[dict], machine: str) -> str:
    lines = [
        f"Measured on {machine} with `python scripts/benchmark_scale.py`; synthetic data from "
        "`scripts/synthetic_data.py`. Validation times are medians of 5 runs (plain Frictionless: 3) up to 100x, "
        "single runs at 1000x.",
        "",
        "| Scale | Rows | `make validate` (s) | Plain `frictionless validate` (s) | Speed-up | Validate peak memory (MB) "
        "| Full build (s) | Build peak memory (MB) | Heaviest table page (gzip KB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        page = r.get("heaviest_table_page", {})
        build = f"{r['build']['seconds']}" if r["build"]["exit"] == 0 else "failed"
        lines.append(
            f"| {r['scale']}x | {r['rows']:,} | {r['validate']['seconds']} | {r['frictionless']['seconds']} | {r['speedup']}x "
            f"| {r['validate']['peak_mb']} | {build} | {r['build']['peak_mb']} | {page.get('gzip_kb', '')} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    scales = [int(a) for a in argv] or [1, 10, 100, 1000]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            started = time.perf_counter()
            results.append(bench(scale, Path(tmp)))
            print(json.dumps(results[-1]), f"({time.perf_counter() - started:.0f} s)", flush=True)
    OUT.mkdir(exist_ok=True)
    if (OUT / "scale.json").exists():  # keep earlier measurements of the scales not run this time
        earlier = json.loads((OUT / "scale.json").read_text(encoding="utf-8"))["results"]
        results = sorted([r for r in earlier if r["scale"] not in scales] + results, key=lambda r: r["scale"])
    (OUT / "scale.json").write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n", encoding="utf-8")
    (OUT / "scale.md").write_text(markdown(results, machine), encoding="utf-8")
    return 0
