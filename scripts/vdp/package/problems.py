"""The one shape every validation problem takes: FILE:ROW:FIELD: message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A problem in one cell, row, header or file of the package."""

    file: str
    row: int  # 1 is the header row, data starts at 2; 0 means the whole file
    field: str  # empty when the problem concerns a whole row or file
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.field}: {self.message}"


def row_number(index: object) -> int:
    """Spreadsheet row number of a data row from its index in a table read from the file (the header is row 1)."""
    return int(index) + 2
