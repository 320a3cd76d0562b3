"""Program data as CSV: one header, then rows; every cell safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets may read as a formula


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The header line, then one line per row; None is an empty cell, and a cell a spreadsheet would
    read as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe."""
    yield _line(header)
    for row in rows:
        yield _line(["" if cell is None else str(cell) for cell in row])


def _line(cells: Sequence[str]) -> str:
    out = io.StringIO()
    csv.writer(out).writerow([spreadsheet_safe(cell) for cell in cells])
    return out.getvalue()


def spreadsheet_safe(cell: str) -> str:
    """The one CSV-injection guard: a leading apostrophe keeps a formula-like cell as text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
