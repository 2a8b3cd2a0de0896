"""The evidence rule: a row's quote from its source states the row's figure, and agrees with its qualifier.

A figure is found in either notation a page may use: 1,316,250 / 1.316.250 / 1316250, or scaled with a word
(1.3 million, 1,3 triệu, 2 tỷ, 500 nghìn, 30万, 1億1000万), in any script's digits (Thai ๓๐๐,๐๐๐ reads as 300,000). A row whose figure is a sum or a derivation says so in `derivation`
and quotes the parts; its figure is not looked for whole.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

import pandas as pd

from vdp.checks.schema import LARGEST
from vdp.package.problems import Problem, row_number
from vdp.package.resources import Resource

Tables = dict[str, pd.DataFrame]
FIGURE_FIELDS = {
    "donations": ["doses"],
    "purchases": ["doses"],
    "equipment_aid": ["quantity", "value"],
    "official_totals": ["value"],
}
SCALES = {
    1e12: ["trillion", "nghìn tỷ", "ngàn tỷ", "nghìn tỉ"],
    1e9: ["billion", "bn", "tỷ", "tỉ", "milliard", "milliards", "miliardi"],
    1e8: ["億", "亿", "억"],  # Chinese, Japanese and Korean: 1億 = 1억 = 100,000,000
    1e6: ["million", "millions", "mln", "m", "triệu", "millones", "milioni"],
    1e4: ["万", "萬", "만"],  # Chinese, Japanese and Korean count in myriads: 30万 = 30만 = 300,000
    1e3: ["thousand", "nghìn", "ngàn"],
}
MYRIADS = ("万", "萬", "만")
# A Latin (or Vietnamese) letter right after a figure makes it part of a word ("3 months" is not "3 m"); Chinese,
# Japanese or Thai text runs on without spaces, so its letters may follow a figure.
LATIN_LETTER = r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]"
QUALIFIER_WORDS = {
    "at_least": ["hơn", "trên", "over", "more than", "upwards of", "at least", "exceed", "plus de", "above"],
    "about": [
        "gần",
        "khoảng",
        "nearly",
        "about",
        "around",
        "approximately",
        "almost",
        "roughly",
        "xấp xỉ",
        "some",
        "près de",
        "environ",
        "約",  # Japanese
        "约",  # Chinese
        "약",  # Korean
        "~",
    ],
}


WORDS = {
    1: ["one", "a", "an", "một"],
    2: ["two", "hai"],
    3: ["three", "ba"],
    4: ["four", "bốn"],
    5: ["five", "năm"],
    6: ["six", "sáu"],
    7: ["seven", "bảy"],
    8: ["eight", "tám"],
    9: ["nine", "chín"],
    10: ["ten", "mười"],
    20: ["twenty", "hai mươi"],
    30: ["thirty", "ba mươi"],
    40: ["forty", "bốn mươi"],
    50: ["fifty", "năm mươi"],
    100: ["a hundred", "one hundred", "một trăm"],
}


def _decimal_forms(x: float, words: bool = False) -> set[str]:
    """A number with up to three decimals as pages write it, in both notations (1,316,250 / 1.316.250; 8,797.5 /
    8.797,5), and with words=True small numbers in words (three, ba: only before a scale, as in "three million")."""
    whole = int(x)
    grouped = f"{whole:,}"
    if x == whole:
        forms = {str(whole), grouped, grouped.replace(",", "."), grouped.replace(",", " "), grouped.replace(",", "\u00a0")}
        return forms | set(WORDS.get(whole, []) if words else [])
    decimals = f"{x:.3f}".rstrip("0").split(".")[1]
    return {f"{whole}.{decimals}", f"{whole},{decimals}", f"{grouped}.{decimals}", f"{grouped.replace(',', '.')},{decimals}"}


def figure_forms(value: float) -> set[str]:
    """Every way a page may write a figure (a count from two to ten also in English words: "five trucks"; not in
    Vietnamese, where "năm" is also "year" and "ba" a common syllable)."""
    forms = _decimal_forms(value)
    if value == int(value) and 2 <= value <= 10:
        forms.add(WORDS[int(value)][0])
    if value == int(value) and value > 10_000 and int(value) % 10_000:  # 50萬1600 = 501,600
        forms |= {f"{int(value) // 10_000}{word}{int(value) % 10_000}" for word in MYRIADS}
    if value == int(value) and value > 100_000_000 and int(value) % 100_000_000 and not int(value) % 10_000:  # 1億1000万
        hundred_millions, myriads = divmod(int(value) // 10_000, 10_000)
        forms |= {f"{hundred_millions}{big}{myriads}{word}" for big in ("億", "亿", "억") for word in MYRIADS}
    for scale, words in SCALES.items():
        scaled = value / scale
        if scaled >= 1 and round(scaled, 3) == round(scaled, 9):
            for number in _decimal_forms(round(scaled, 3), words=True):
                forms |= {f"{number} {word}" for word in words} | {f"{number}{word}" for word in words}
    return forms


OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a digit of another script (Thai, Arabic-Indic, full-width ...)


def states_figure(evidence: str, value: float) -> bool:
    """Whether the quote carries the figure in one of its forms (not as part of a longer number)."""
    text = OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group())), evidence.lower().replace("\u00a0", " "))  # ๓๐๐ = 300
    return _figure_pattern(value).search(text) is not None


@functools.lru_cache(maxsize=4096)
def _figure_pattern(value: float) -> re.Pattern:
    """One compiled pattern for every form of a figure: before a number no digit, separator or hundred-million sign
    may stand (VND4.7 is fine; 1億1000万 is not 1000万), before a word no letter; after either, no Latin letter, digit or decimal part."""
    forms = sorted(figure_forms(value), key=len, reverse=True)
    numbers = "|".join(re.escape(f.lower()) for f in forms if f[0].isdigit())
    words = "|".join(re.escape(f.lower()) for f in forms if not f[0].isdigit())
    starts = [f"(?<![\\d.,億亿억])(?:{numbers})" if numbers else "", f"(?<!\\w)(?:{words})" if words else ""]
    return re.compile(f"(?:{'|'.join(s for s in starts if s)})(?!{LATIN_LETTER}|\\d|[.,]\\d)")


def evidence_states_figures(tables: Tables, resources: dict[str, Resource]) -> Iterator[Problem]:
    """A quote carries every figure of its row, and an official total's quote agrees with its qualifier."""
    for name, fields in FIGURE_FIELDS.items():
        frame = tables.get(name)
        if frame is None or "evidence" not in frame:
            continue
        label = resources[name].file_label
        quoted = frame[(frame["evidence"] != "") & (frame.get("derivation", pd.Series("", index=frame.index)) == "")]
        for field in fields:
            form = r"\d+" if resources[name].fields[field].get("type") == "integer" else r"\d+(\.\d+)?"
            written = quoted[field].str.fullmatch(form)  # a malformed, signed or fractional count is a type problem
            values = pd.to_numeric(quoted[field].where(written), errors="coerce")
            values = values.where((values > 0) & (values <= LARGEST))
            if field == "quantity":  # one machine, one system: pages say "a" or nothing
                values = values.where(values != 1)
            stated = values.notna().to_numpy()
            rows = zip(values.index[stated], quoted["evidence"][stated], values[stated], quoted[field][stated], strict=True)
            for index, evidence, value, cell in rows:
                if not states_figure(evidence, float(value)):
                    yield Problem(
                        label,
                        row_number(index),
                        "evidence",
                        f"does not state the row's {field} ({cell}) in any notation: quote the sentence that does, "
                        "or say in derivation how the figure is made",
                    )
        if name == "official_totals":
            for index, qualifier, evidence in zip(quoted.index, quoted["qualifier"], quoted["evidence"], strict=True):
                words = QUALIFIER_WORDS.get(qualifier, [])
                if words and not any(word in evidence.lower() for word in words):
                    yield Problem(
                        label,
                        row_number(index),
                        "qualifier",
                        f"is {qualifier}, but the quote has none of: {', '.join(words)}: match the qualifier to the page",
                    )
