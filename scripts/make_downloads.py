"""Write the download files: each table's CSV, the zipped data package, and the downloads page."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

from package_io import Resource

ZIP_NAME = "vietnam-vaccine-diplomacy-datapackage.zip"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # fixed timestamps keep the zip byte-identical between builds


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_zip(package_dir: Path, target: Path) -> None:
    """Zip datapackage.json, the schemas and the CSVs, with stable ordering and timestamps."""
    files = [
        package_dir / "datapackage.json",
        *sorted((package_dir / "schemas").glob("*.json")),
        *sorted((package_dir / "data").glob("*.csv")),
    ]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(package_dir).as_posix(), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def write_downloads(dst: Path, package_dir: Path, resources: dict[str, Resource], counts: dict[str, int]) -> None:
    """Copy every CSV and the zip into dst/downloads and write dst/downloads.md with sizes and checksums."""
    folder = dst / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Downloads / Tải dữ liệu",
        "",
        "Every table as a CSV file (UTF-8, comma-separated, header row), and the whole Frictionless Data Package "
        "as a zip with its schemas. Data licence: [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/). "
        "Check a file with `sha256sum FILE`.",
        "",
        "| File | Table | Rows | Size (bytes) | SHA-256 |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for name, res in resources.items():
        target = folder / f"{name}.csv"
        shutil.copyfile(res.path, target)
        lines.append(
            f"| [{name}.csv](downloads/{name}.csv) | {res.descriptor['title']} / {res.descriptor['title_vi']} "
            f"| {counts[name]:,} | {target.stat().st_size:,} | `{sha256(target)}` |"
        )
    archive = folder / ZIP_NAME
    write_zip(package_dir, archive)
    lines.append(
        f"| [{ZIP_NAME}](downloads/{ZIP_NAME}) | Whole package / Toàn bộ gói dữ liệu | {sum(counts.values()):,} "
        f"| {archive.stat().st_size:,} | `{sha256(archive)}` |"
    )
    lines += ["", "Validate a download yourself with `frictionless validate datapackage.json` after unzipping.", ""]
    (dst / "downloads.md").write_text("\n".join(lines), encoding="utf-8")
