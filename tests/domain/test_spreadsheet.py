"""The CSV every export writes: quoted fields, and no piece of a line a spreadsheet would run (#24.10)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from bot.domain.followups import NetworkRow, network_csv
from bot.domain.spreadsheet import csv_lines, spreadsheet_safe

RISKY = [
    "=1+1",
    "a;=1+1",
    "a,=1+1",
    "a;+1",
    "Payments;-2",
    "x;@SUM(A1)",
    'x";=HYPERLINK(""http://evil"")',
    "a\t=1",
    "a|=1",
    "a; =1+1",
    'a;"=1+1',
    "line\n=1+1",
    '  "=cmd',
    "\t=1",
]


def test_every_field_is_quoted():
    assert list(csv_lines(("a", "b"), [("x", 1), (None, "y, z")])) == [
        '"a","b"\r\n',
        '"x","1"\r\n',
        '"","y, z"\r\n',
    ]


@pytest.mark.parametrize("cell", RISKY)
@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
def test_no_piece_a_spreadsheet_splits_off_starts_a_formula(cell, separator):
    """However a spreadsheet splits the line (a European one on `;`), no piece begins a formula."""
    [line] = list(csv_lines(("c",), [(cell,)]))[1:]
    for piece in line.replace("\r\n", "\n").split("\n"):
        for part in piece.split(separator):
            assert not part.lstrip(' "').startswith(("=", "+", "-", "@")), (cell, part)


@pytest.mark.parametrize("cell", RISKY)
def test_a_csv_reader_gets_the_text_back_with_apostrophes_only(cell):
    [line] = list(csv_lines(("c",), [(cell,)]))[1:]
    [[back]] = list(csv.reader(io.StringIO(line)))
    assert back.replace("'", "") == cell.replace("'", "")


def test_plain_text_is_left_alone():
    for cell in ("Ana Lopez", "Payments - EMEA", "a; b", "2026-06-01", "ana@example.com", "x-y"):
        assert spreadsheet_safe(cell) == cell


def test_the_recap_network_csv_is_quoted_and_guarded_too():
    met = date(2026, 6, 2)
    text = network_csv([NetworkRow("Ana;=1+1", "U2", "Ops", "colleague", "coffee", met, met, 1, None)])
    assert text.splitlines() == [
        '"name","slack_id","team","role","how","first_met","last_met","times","linkedin"',
        '"Ana;\'=1+1","U2","Ops","colleague","coffee","2026-06-02","2026-06-02","1",""',
    ]
