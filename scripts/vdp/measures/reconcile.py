"""Reconcile the itemised rows with the official totals: for each total, the sum of matching rows up to its date."""

from __future__ import annotations

import numpy as np
import pandas as pd

from vdp.measures.figures import (
    COMPARED,
    REFERENCE_DATE,
    VIETNAM,
    aid_to_vietnam,
    donations_to_vietnam,
    governments,
    latest_official,
    leader_contacts,
)

COVAX = "covax"  # the actor id of the COVAX Facility, also the subject of totals of everything it channelled
COVAX_CHANNELS = ("covax_amc", "covax_dose_sharing")
DONOR_TOLERANCE = 0.05
GAP_NEEDING_REASON = 1_000_000  # doses: a donor's gap this large needs a sourced reason (table gap_reasons)

REASONS = {
    "doses_donated_total": {
        "en": "Government totals include consignments that no public report itemised one by one "
        "(notably United States and COVAX shipments in 2022 and several Chinese batches of late 2021).",
        "vi": "Số liệu tổng của Chính phủ gồm cả những lô hàng không được báo chí nêu riêng từng lô "
        "(nhất là các lô của Hoa Kỳ và COVAX năm 2022 và một số lô của Trung Quốc cuối năm 2021).",
    },
    "doses_received_total": {
        "en": "Bought doses are itemised only where a delivery was reported; most purchased doses "
        "arrived in shipments that were never reported one by one.",
        "vi": "Vắc xin mua chỉ được ghi chi tiết khi có tin về lô hàng; phần lớn vắc xin mua về theo các lô "
        "không được đưa tin riêng.",
    },
    "doses_delivered_by_donor": {
        "en": "Donors count doses at dispatch or announcement and often round; shipments known "
        "only from a running total have no row of their own.",
        "vi": "Nhà tài trợ thường tính số liều khi xuất hàng hoặc khi công bố và hay làm tròn; các lô chỉ được "
        "biết qua con số cộng dồn không có dòng riêng.",
    },
    "leader_calls_contacts": {
        "en": "Only contacts whose public readout mentions vaccines are recorded, and many were "
        "not reported at all; the dataset also counts ministers and ambassadors, shown separately.",
        "vi": "Chỉ ghi các cuộc tiếp xúc mà thông cáo công khai có nhắc tới vắc xin, và nhiều cuộc không được "
        "công bố; bộ dữ liệu cũng ghi các bộ trưởng và đại sứ, được tính riêng.",
    },
    "leader_letters": {"en": "Most letters were never made public.", "vi": "Phần lớn các bức thư không được công bố."},
    "equipment_aid_value": {
        "en": "Most handovers are reported without a value, and values in currencies without a "
        "recorded annual rate stay unconverted.",
        "vi": "Phần lớn các lần trao tặng không nêu giá trị, và giá trị bằng đồng tiền chưa có tỷ giá năm "
        "được ghi thì không được quy đổi.",
    },
    "equipment_aid_donors": {
        "en": "The official count is of governments (countries and territories), so only those donors are counted "
        "here; the dataset also names every organisation, company, community and foreign province that gave.",
        "vi": "Con số chính thức đếm các chính phủ (quốc gia và vùng lãnh thổ), nên ở đây chỉ đếm các nhà tài trợ đó; "
        "bộ dữ liệu còn ghi riêng từng tổ chức, doanh nghiệp, cộng đồng và địa phương nước ngoài đã tặng.",
    },
}


class Running:
    """Running sum of a value over dates: the sum up to any as-of date in one binary search."""

    def __init__(self, dates: pd.Series, values: pd.Series):
        order = dates.to_numpy().argsort(kind="stable")
        self.dates = dates.to_numpy()[order]
        self.cumulative = np.concatenate([[0.0], np.cumsum(values.fillna(0).to_numpy(dtype=float)[order])])

    def upto(self, as_of: pd.Timestamp) -> float:
        return float(self.cumulative[np.searchsorted(self.dates, as_of.to_datetime64(), side="right")])


class Itemiser:
    """Sums of the itemised rows that each kind of official total counts, prepared once for all totals."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        delivered = donations_to_vietnam(tables["donations"], "delivered")
        purchases = tables["purchases"]
        bought = purchases[purchases["status"] == "delivered"]
        leaders = leader_contacts(tables["contacts"])
        aid = aid_to_vietnam(tables)
        first_aid = aid[aid["donor_id"].isin(governments(tables["actors"]))].groupby("donor_id")["date"].min()
        covax = delivered[delivered["channel"].isin(COVAX_CHANNELS)]
        groups = {**{donor: rows for donor, rows in delivered.groupby("donor_id")}, VIETNAM: delivered, COVAX: covax}
        self.doses = {key: Running(rows["date"], rows["doses"]) for key, rows in groups.items()}
        self.unsized = {key: Running(rows["date"], rows["doses"].isna().astype(float)) for key, rows in groups.items()}
        self.bought = Running(bought["date"], bought["doses"])
        self.calls = Running(leaders["date"], (leaders["channel"] != "letter").astype(float))
        self.letters = Running(leaders["date"], (leaders["channel"] == "letter").astype(float))
        self.aid_value = Running(aid["date"], aid["value_usd"])
        self.aid_donors = Running(first_aid, pd.Series(1.0, index=first_aid.index))

    def __call__(self, metric: str, subject: str, as_of: pd.Timestamp) -> float | None:
        """Sum of the itemised rows that an official total of this metric and subject counts, up to as_of."""
        national = {
            "doses_donated_total": lambda: self.doses[VIETNAM].upto(as_of),
            "doses_received_total": lambda: self.doses[VIETNAM].upto(as_of) + self.bought.upto(as_of),
            "equipment_aid_value": lambda: self.aid_value.upto(as_of),
            "equipment_aid_donors": lambda: self.aid_donors.upto(as_of),
        }
        if metric in national:
            return national[metric]() if subject == VIETNAM else None
        if metric == "doses_delivered_by_donor":
            running = self.doses.get(subject)
            return running.upto(as_of) if running else 0.0
        if metric == "leader_calls_contacts":
            return self.calls.upto(as_of)
        if metric == "leader_letters":
            return self.letters.upto(as_of)
        return None

    def unsized_shipments(self, metric: str, subject: str, as_of: pd.Timestamp) -> int:
        """Donated shipments up to as_of that a donated-dose total counts but whose size no source states."""
        if metric not in ("doses_donated_total", "doses_delivered_by_donor"):
            return 0
        running = self.unsized.get(subject)
        return int(running.upto(as_of)) if running else 0


def period_end(as_of: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The last day a figure dated to a month or a year covers."""
    if precision == "month":
        return as_of + pd.offsets.MonthEnd(0)
    if precision == "year":
        return as_of + pd.offsets.YearEnd(0)
    return as_of


def coverage(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per comparable official total: official value, itemised sum (and unsized shipments), gap, share, reason."""
    totals = tables["official_totals"]
    comparable = totals[
        totals["metric"].isin(REASONS) & ~((totals["metric"] == "equipment_aid_value") & (totals["unit"] != "USD"))
    ]
    itemised, rows = Itemiser(tables), []
    for _, total in comparable.sort_values(["metric", "subject_id", "as_of"]).iterrows():
        until = period_end(total["as_of"], total["as_of_precision"])  # "as of September 2022" counts all of September
        found = itemised(total["metric"], total["subject_id"], until)
        if found is None:
            continue
        gap = float(total["value"]) - found
        rows.append(
            {
                "total_id": total["total_id"],
                "metric": total["metric"],
                "subject_id": total["subject_id"],
                "as_of": total["as_of"].date().isoformat(),
                "as_of_precision": total["as_of_precision"],
                "official": float(total["value"]),
                "qualifier": total["qualifier"],
                "unit": total["unit"],
                "itemised": found,
                "unsized": itemised.unsized_shipments(total["metric"], total["subject_id"], until),
                "gap": gap,
                "gap_share": gap / float(total["value"]) if float(total["value"]) else None,
                "reason": REASONS[total["metric"]]["en"],
                "source_id": total["source_id"],
            }
        )
    return pd.DataFrame(rows)


def reference_shares(tables: dict[str, pd.DataFrame], report: pd.DataFrame) -> dict[str, dict[str, object]]:
    """For each measure compared with an official figure: that figure (see figures.REFERENCE_DATE), the rows counted
    up to its date, and their share of it, computed once for every page that states them."""
    by_id = report.set_index("total_id")
    shares = {}
    for metric in COMPARED:
        official = latest_official(tables["official_totals"], metric, on_or_before=REFERENCE_DATE)
        if official is not None and official.total_id in by_id.index:
            itemised = float(by_id.at[official.total_id, "itemised"])
            shares[metric] = {"official": official, "itemised": itemised, "share": itemised / official.value}
    return shares


def donor_check(report: pd.DataFrame) -> pd.DataFrame:
    """Each donor's latest stated cumulative delivery total next to its rows, and whether they agree within 5%."""
    donors = report[report["metric"] == "doses_delivered_by_donor"].sort_values("as_of").groupby("subject_id").tail(1)
    donors = donors.assign(within_tolerance=donors["gap_share"].abs() <= DONOR_TOLERANCE)
    return donors.reset_index(drop=True)


def donor_gaps(tables: dict[str, pd.DataFrame], report: pd.DataFrame) -> pd.DataFrame:
    """Each donor whose itemised rows fall short of its latest stated total beyond the tolerance, with the sourced
    reasons for the gap: the gap_reasons rows of that total (their reason, source_id and evidence), or one row with
    reason_id empty when there is none; largest gap first."""
    donors = donor_check(report)
    short = donors[(donors["gap"] > 0) & ~donors["within_tolerance"]]
    merged = short.drop(columns=["reason", "source_id"]).merge(tables["gap_reasons"], on="total_id", how="left")
    return merged.sort_values(["gap", "reason_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def explained_share(tables: dict[str, pd.DataFrame], report: pd.DataFrame) -> float:
    """Share of the donors' gaps over GAP_NEEDING_REASON doses that have at least one sourced reason (1 when none)."""
    gaps = donor_gaps(tables, report)
    large = gaps[gaps["gap"] > GAP_NEEDING_REASON].groupby("total_id")["reason_id"].apply(lambda ids: ids.notna().any())
    return float(large.mean()) if len(large) else 1.0
