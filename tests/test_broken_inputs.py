"""Every broken or hostile input in tests/fixtures/broken is refused with exactly the expected messages.

Each case folder holds what it changes in the small valid package of tests/fixtures/package (the real descriptor and
schemas with the fixture data) and expected.txt: the validator's whole output for it. A case may hold
- one or more CSVs, each replacing its table in data/;
- datapackage.json or schemas/NAME.json, replacing the descriptor or a schema (a hostile schema edit);
- extra/: files copied into the package folder as they are (files the descriptor does not declare);
- links.txt: lines "PATH -> TARGET", each made a symbolic link in the package folder.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from frictionless import Package, system

from vdp.checks.validate import main as validate_main
from vdp.package.resources import PACKAGE_DIR, ROOT, load_resources
from vdp.site.build import BuildError, prepare_docs

pytestmark = pytest.mark.tools

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(p.name for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def assemble(target: Path, case: str | None = None) -> Path:
    """A package with the real descriptor and schemas, the fixture data, and a case's broken file over it."""
    target.mkdir(parents=True)
    shutil.copy(PACKAGE_DIR / "datapackage.json", target)
    shutil.copytree(PACKAGE_DIR / "schemas", target / "schemas")
    shutil.copytree(FIXTURES / "package" / "data", target / "data")
    if case:
        folder = FIXTURES / "broken" / case
        for broken in folder.glob("*.csv"):
            shutil.copy(broken, target / "data" / broken.name)
        for replaced in [*folder.glob("datapackage.json"), *folder.glob("schemas/*.json")]:
            shutil.copy(replaced, target / replaced.relative_to(folder))
        if (folder / "extra").is_dir():
            shutil.copytree(folder / "extra", target, dirs_exist_ok=True)
        links = folder / "links.txt"
        for line in links.read_text(encoding="utf-8").splitlines() if links.exists() else []:
            path, link_target = (part.strip() for part in line.split("->"))
            (target / path).symlink_to(link_target)
    return target


def csv_only(case: str) -> bool:
    """Whether a case changes only table files (the cases plain Frictionless can be compared on)."""
    return all(p.suffix == ".csv" or p.name == "expected.txt" for p in (FIXTURES / "broken" / case).iterdir())


def validate_cli(package: Path, *options: str) -> subprocess.CompletedProcess:
    """The validator's command line, run in this process: the same output and exit status without an interpreter's
    start-up per case (test_the_command_line_entry_point_is_the_same runs the script itself)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = validate_main([*options, str(package)])
    return subprocess.CompletedProcess(["validate", *options, str(package)], status, out.getvalue(), err.getvalue())


def validate_script(package: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "scripts" / "validate.py"), *options, str(package)]
    return subprocess.run(command, capture_output=True, text=True)


def checksums(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_there_are_at_least_25_cases():
    assert len(CASES) >= 25


def test_fixture_package_is_valid(tmp_path: Path):
    result = validate_script(assemble(tmp_path / "pkg"))
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("valid: ")


@pytest.mark.parametrize("case", ["26-script-tag", "01-windows-1258-encoding"])
def test_the_command_line_entry_point_is_the_same(case: str, tmp_path: Path):
    package = assemble(tmp_path / "pkg", case)
    script, in_process = validate_script(package), validate_cli(package)
    assert (script.returncode, script.stdout, script.stderr) == (in_process.returncode, in_process.stdout, in_process.stderr)
    assert script.returncode == 1


@pytest.mark.parametrize("case", CASES)
def test_broken_input_is_refused_with_the_expected_message(case: str, tmp_path: Path):
    package = assemble(tmp_path / "pkg", case)
    before = checksums(package)
    result = validate_cli(package)
    expected = (FIXTURES / "broken" / case / "expected.txt").read_text(encoding="utf-8")
    assert result.returncode == 1
    assert result.stdout == expected
    assert "nothing was built" in result.stderr
    assert checksums(package) == before  # validation never rewrites a file, valid or not


# The build refuses whatever the validator finds (it validates first); one case for each stage a problem is found at:
# the package's descriptor and schemas, a file's bytes, its shape, the Table Schemas, and the project's checks.
REFUSAL_CASES = [
    "01-windows-1258-encoding",
    "14-unknown-source",
    "15-date-day-first",
    "26-script-tag",
    "32-row-with-extra-cell",
    "60-nul-byte",
    "62-undeclared-csv",
    "63-symlink-in-package",
    "64-resource-path-leaves-package",
    "73-schema-retypes-a-field",
    "77-descriptor-drops-a-table",
    "80-delivery-exceeds-its-pledge",
    "84-table-title-missing-in-vietnamese",
]


@pytest.mark.parametrize("case", REFUSAL_CASES)
def test_no_page_or_download_is_built_from_broken_input(case: str, tmp_path: Path):
    target = tmp_path / "docs"
    with pytest.raises(BuildError, match="nothing was built"):
        prepare_docs(assemble(tmp_path / "pkg", case), target)
    assert not target.exists()


def frictionless_locations(package: Path) -> set[tuple[str, int]]:
    """(file, row) of every error plain Frictionless reports; row 0 for errors about a whole file."""
    with system.use_context(trusted=True):
        report = Package(str(package / "datapackage.json")).validate()
    found = set()
    for task in report.tasks:
        for error in task.errors:
            found.add((f"data/{task.name}.csv", getattr(error, "row_number", None) or 0))
    return found


def referenced_tables(file: str) -> set[str]:
    """The tables a table's foreign keys point into."""
    resource = load_resources(PACKAGE_DIR)[Path(file).stem]
    return {fk["reference"]["resource"] for fk in resource.schema.get("foreignKeys", []) if fk["reference"]["resource"]}


@pytest.mark.parametrize("case", [c for c in CASES if csv_only(c)])
def test_finds_every_problem_plain_frictionless_finds(case: str, tmp_path: Path):
    package = assemble(tmp_path / "pkg", case)
    ours = [line.split(":")[:2] for line in validate_cli(package).stdout.splitlines()]
    our_rows = {(file, int(row)) for file, row in ours}
    our_files = {file for file, _ in ours}
    unreadable = {file for file, row in our_rows if row == 0}
    for file, row in frictionless_locations(package):
        blamed = {file} | {f"data/{name}.csv" for name in referenced_tables(file)}
        if row == 0:  # Frictionless also blames every table that refers to an unreadable file
            assert blamed & our_files, f"Frictionless finds a problem in {file} that we miss"
        elif blamed & unreadable - {file}:  # a row pointing into a file we reported unreadable: its keys are unknown
            continue
        else:
            assert (file, row) in our_rows or (file, 1) in our_rows, f"Frictionless finds {file}:{row} that we miss"


@pytest.mark.scale
def test_a_million_row_file_is_read_to_its_last_row(tmp_path: Path):
    package = assemble(tmp_path / "pkg")
    path = package / "data" / "donations.csv"
    header, first, *rest = path.read_text(encoding="utf-8").splitlines()
    fields = first.split(",")[:9]  # donation_id ... status, without the quoted place and notes
    fields[8] = "delivered"
    added = 1_000_000 - 1 - len(rest)
    rows = []
    for n in range(added):
        fields[0], fields[7] = f"don-jpn-bulk-{n}", str(n + 1)
        rows.append(",".join(fields) + ",,,src-talkvietnam-20210617-japan-1m,,,,")  # notes, evidence, derivation, distinct_from
    rows[-1] = rows[-1].replace(f",{added},delivered,", ",1.000.000,delivered,")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(rows) + "\n")
    result = validate_cli(package)
    assert result.returncode == 1
    assert result.stdout == (
        'data/donations.csv:1000001:doses: "1.000.000" is not a valid integer: '
        "write a whole number with digits only, e.g. 1000000 (no dots, commas or spaces)\n"
    )


FIXABLE = {
    "02-utf8-bom": "data/vaccines.csv: removed the byte-order mark",
    "03-crlf-line-ends": "data/contacts.csv: converted CRLF line endings to LF",
    "04-decomposed-vietnamese": "data/actors.csv: normalised text to Unicode NFC",
    "05-stray-spaces": "data/actors.csv: trimmed spaces around cells",
    "34-value-usd-typed-in": "data/equipment_aid.csv: recomputed value_usd in 1 row(s)",
}


@pytest.mark.parametrize("case", sorted(FIXABLE))
def test_fix_repairs_what_is_certain_and_says_what_it_changed(case: str, tmp_path: Path):
    package = assemble(tmp_path / "pkg", case)
    result = validate_cli(package, "--fix")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[0] == f"fixed {FIXABLE[case]}"
    assert checksums(package / "data") == checksums(FIXTURES / "package" / "data")


def test_fix_leaves_a_file_in_another_encoding_alone(tmp_path: Path):
    package = assemble(tmp_path / "pkg", "01-windows-1258-encoding")
    before = checksums(package)
    result = validate_cli(package, "--fix")
    assert result.returncode == 1
    assert result.stdout == (FIXTURES / "broken" / "01-windows-1258-encoding" / "expected.txt").read_text(encoding="utf-8")
    assert checksums(package) == before
