"""Program data as CSV: one header, then rows; every cell quoted and safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets may read as a formula
# A separator a spreadsheet may split on (`;` in much of Europe, tab, `|`, a line break), then spaces or
# quotes, then a formula's first character: the piece after the separator would start a formula cell.
_FORMULA_AFTER_SEPARATOR = re.compile(r"([,;\t|\r\n][\s\"]*)(?=[=+\-@])")


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The header line, then one line per row; every field quoted, None an empty one, and each cell
    made safe by `spreadsheet_safe`."""
    yield _line(header)
    for row in rows:
        yield _line(["" if cell is None else str(cell) for cell in row])


def _line(cells: Sequence[str]) -> str:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL).writerow([spreadsheet_safe(cell) for cell in cells])
    return out.getvalue()


def spreadsheet_safe(cell: str) -> str:
    """The one CSV-injection guard: an apostrophe keeps formula-like text as text.

    Before the cell when it starts like a formula (=, +, -, @, tab, CR, or spaces and quotes before one),
    and after every separator followed by one: a spreadsheet that splits on `;` reads `a;=1+1`, quoted or
    not, as two cells, the second a formula."""
    if cell.startswith(FORMULA_STARTS) or cell.lstrip(' "').startswith(FORMULA_STARTS[:4]):
        cell = "'" + cell
    return _FORMULA_AFTER_SEPARATOR.sub(r"\1'", cell)
