"""The dataset's research targets, measured on the validated data: what each target asks and how far the rows reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from vdp.measures.figures import headline
from vdp.measures.reconcile import DONOR_TOLERANCE, GAP_NEEDING_REASON, donor_check, explained_share, reference_shares

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
    return reference_shares(tables, report)["doses_donated_total"]["share"]


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
            "en": "Donated doses delivered, as a share of the official donated-dose figure for the end of 2022 (the National "
            "Assembly's report on COVID-19 resources)",
            "vi": "Số liều được tặng đã về, so với con số chính thức về liều được tặng tính đến cuối năm 2022 (báo cáo của "
            "Quốc hội về nguồn lực phòng, chống COVID-19)",
        },
        0.85,
        "share",
        _donated_share,
    ),
    Target(
        "donors_within_tolerance",
        {
            "en": f"Donors whose delivered rows are within {DONOR_TOLERANCE:.0%} of their latest stated cumulative total",
            "vi": f"Nhà tài trợ có tổng các lô đã về khớp trong phạm vi {DONOR_TOLERANCE:.0%} với tổng cộng dồn công bố gần nhất",
        },
        0.8,
        "share",
        _donors_within_tolerance,
    ),
    Target(
        "explained_gaps",
        {
            "en": f"Donors' gaps of over {GAP_NEEDING_REASON:,} doses with a sourced reason",
            "vi": f"Khoảng chênh lệch trên {GAP_NEEDING_REASON:,} liều của nhà tài trợ có lý do kèm nguồn".replace(",", "."),
        },
        1.0,
        "share",
        lambda tables, report, figures: explained_share(tables, report),
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
        "leader_calls",
        {
            "en": "Calls, meetings and visits of the four top leaders in which vaccines were raised (officially over 130)",
            "vi": "Số cuộc điện đàm, gặp gỡ, chuyến thăm của bốn lãnh đạo chủ chốt có bàn về vắc xin (chính thức: hơn 130)",
        },
        110,
        "count",
        _figure("leader_calls"),
    ),
    Target(
        "leader_letters",
        {
            "en": "Letters of the four top leaders about vaccines (officially over 100)",
            "vi": "Số thư của bốn lãnh đạo chủ chốt về vắc xin (chính thức: hơn 100)",
        },
        40,
        "count",
        _figure("leader_letters"),
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
