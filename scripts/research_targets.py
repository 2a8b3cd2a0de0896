"""The dataset's research targets, measured on the validated data: what each target asks and how far the rows reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from figures import headline, latest_official
from reconcile import DONOR_TOLERANCE, donor_check

# The government's donated-dose figure the first target is measured against: the one reported for September 2022.
DONATED_REFERENCE_DATE = pd.Timestamp("2022-09-11")


# A measure reads the typed tables, the coverage report and the headline figures the home page shows.
Measure = Callable[[dict[str, pd.DataFrame], pd.DataFrame, dict[str, object]], float]


@dataclass(frozen=True)
class Target:
    """One research target: a label in each language, the required level, and how to measure it."""

    key: str
    label: dict[str, str]
    required: float
    kind: str  # "share" (a fraction, shown as a percentage) or "count"
    measure: Measure


def _donated_share(tables: dict[str, pd.DataFrame], report: pd.DataFrame, figures: dict[str, object]) -> float:
    official = latest_official(tables["official_totals"], "doses_donated_total", on_or_before=DONATED_REFERENCE_DATE)
    row = report.set_index("total_id").loc[official.total_id]
    return row["itemised"] / row["official"]


def _donors_within_tolerance(tables: dict[str, pd.DataFrame], report: pd.DataFrame, figures: dict[str, object]) -> float:
    donors = donor_check(report)
    return float(donors["within_tolerance"].mean())


def _figure(key: str) -> Measure:
    """A count the home page already shows (figures.headline), read rather than computed again."""
    return lambda tables, report, figures: float(figures[key])


def _source_language_share(lang: str) -> Measure:
    return lambda tables, report, figures: float((tables["sources"]["language"] == lang).mean())


TARGETS = [
    Target(
        "donated_share",
        {
            "en": "Donated doses delivered, as a share of the government's donated-dose figure for September 2022",
            "vi": "Số liều được tặng đã về, so với con số liều viện trợ của Chính phủ tháng 9/2022",
        },
        0.9,
        "share",
        _donated_share,
    ),
    Target(
        "donors_within_tolerance",
        {
            "en": f"Donors whose delivered rows are within {DONOR_TOLERANCE:.0%} of their latest stated cumulative total",
            "vi": f"Nhà tài trợ có tổng các lô đã về khớp trong phạm vi {DONOR_TOLERANCE:.0%} với tổng cộng dồn công bố gần nhất",
        },
        1.0,
        "share",
        _donors_within_tolerance,
    ),
    Target(
        "vaccine_donors",
        {"en": "Distinct donors of delivered vaccine doses", "vi": "Số nhà tài trợ vắc xin (đã giao)"},
        20,
        "count",
        _figure("vaccine_donors"),
    ),
    Target(
        "equipment_donors",
        {
            "en": "Distinct foreign donors of equipment and medical aid to Vietnam",
            "vi": "Số nhà tài trợ nước ngoài tặng thiết bị và vật tư y tế cho Việt Nam",
        },
        30,
        "count",
        _figure("aid_donors"),
    ),
    Target(
        "contacts",
        {"en": "Diplomatic contacts in which vaccines were raised", "vi": "Số cuộc tiếp xúc ngoại giao có bàn về vắc xin"},
        150,
        "count",
        _figure("contacts"),
    ),
    Target(
        "equipment_rows",
        {
            "en": "Rows of equipment and medical aid to Vietnam",
            "vi": "Số dòng viện trợ thiết bị và vật tư y tế cho Việt Nam",
        },
        100,
        "count",
        _figure("aid_rows"),
    ),
    Target(
        "vietnamese_sources",
        {"en": "Sources in Vietnamese", "vi": "Nguồn bằng tiếng Việt"},
        1 / 3,
        "share",
        _source_language_share("vi"),
    ),
    Target(
        "english_sources",
        {"en": "Sources in English", "vi": "Nguồn bằng tiếng Anh"},
        1 / 3,
        "share",
        _source_language_share("en"),
    ),
]


def measure_targets(tables: dict[str, pd.DataFrame], report: pd.DataFrame) -> pd.DataFrame:
    """One row per target: its key, kind, required level, measured level and whether the data meet it."""
    rows, figures = [], headline(tables)
    for target in TARGETS:
        measured = target.measure(tables, report, figures)
        rows.append(
            {
                "key": target.key,
                "kind": target.kind,
                "required": target.required,
                "measured": measured,
                "met": measured >= target.required - 1e-9,
            }
        )
    return pd.DataFrame(rows)
