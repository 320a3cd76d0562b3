"""Reading the mentors and mentees sheets: every bad row named by line and field."""

from __future__ import annotations

from bot.domain.mentoring.model import Mentee, Mentor
from bot.domain.mentoring.preferences import MAX_MENTORS, person, read_mentees, read_mentors

MENTORS = "mentor,capacity\n"
MENTEES = "mentee,choice1,choice2,choice3\n"


def problems(sheet) -> list[str]:
    return [str(p) for p in sheet.problems]


def test_people_are_slack_ids_as_written_or_emails_in_lower_case():
    assert person(" U012AB3CD ") == "U012AB3CD"
    assert person("W0ENTERPRISE") == "W0ENTERPRISE"
    assert person("Ada.Lovelace@Example.com") == "ada.lovelace@example.com"
    for bad in ("u012ab3cd", "U1", "C012AB3CD", "ada", "a@b", "<@U012AB3CD>", "a@b.c,d", "x" * 300 + "@a.io"):
        assert person(bad) is None


def test_a_good_mentors_sheet_with_extra_columns_and_semicolons():
    sheet = read_mentors(
        "\ufeffTimestamp;Mentor;Capacity\n2026-06-01;U01KAVYA;3\n\n2026-06-02;ben@example.com;1\n"
    )
    assert sheet.problems == []
    assert sheet.mentors == [Mentor("U01KAVYA", 3), Mentor("ben@example.com", 1)]


def test_every_bad_mentor_row_is_named_by_line():
    sheet = read_mentors(MENTORS + "U01A,0\nU01B,4\nU01C,two\nU01D,\nnobody,1\nU01A,2\nU01E,1,extra\n")
    assert problems(sheet) == [
        "line 2, capacity: '0' is not a whole number from 1 to 3",
        "line 3, capacity: '4' is not a whole number from 1 to 3",
        "line 4, capacity: 'two' is not a whole number from 1 to 3",
        "line 5, capacity: is blank; give a whole number from 1 to 3",
        "line 6, mentor: 'nobody' is not a Slack user ID (like U012AB3CD) or an email",
        "line 7, mentor: U01A is already on line 2",
        "line 8, row: has 3 fields, the header has 2",
    ]
    assert sheet.names == {"U01A", "U01B", "U01C", "U01D"}


def test_a_sheet_without_its_columns_or_rows_says_what_the_header_must_be():
    assert problems(read_mentors("")) == [
        "line 1, header: the file is empty; the first line must be the header mentor,capacity"
    ]
    assert problems(read_mentors("name,places\nU01A,1\n")) == [
        "line 1, header: missing mentor, capacity; the first line must be mentor,capacity"
    ]
    assert problems(read_mentors("mentor,capacity,mentor\n")) == [
        "line 1, header: mentor appears twice; the first line must be mentor,capacity"
    ]
    assert problems(read_mentees(MENTEES + "\n", set())) == [
        "line 2, row: the file has a header but no mentees"
    ]


def test_a_file_that_is_not_csv_is_named_at_its_line():
    assert problems(read_mentors(MENTORS + "U01A,1\nU01B," + "9" * 200_000 + "\n")) == [
        "line 3, row: is not readable as CSV (field larger than field limit (131072))"
    ]
    assert problems(read_mentors(MENTORS + "U01A,\x00\nU01B,²\nU01C," + "9" * 50 + "\n")) == [
        "line 2, capacity: '\\x00' is not a whole number from 1 to 3",
        "line 3, capacity: '²' is not a whole number from 1 to 3",
        f"line 4, capacity: '{'9' * 40}…' is not a whole number from 1 to 3",
    ]


def test_more_rows_than_the_limit_are_refused_at_the_first_one_too_many():
    rows = "".join(f"U{k:06d},1\n" for k in range(MAX_MENTORS + 5))
    assert problems(read_mentors(MENTORS + rows)) == [
        f"line {MAX_MENTORS + 2}, row: more than {MAX_MENTORS} mentors: split the program"
    ]


def test_mentees_rank_up_to_three_mentors_and_none_means_any():
    mentors = {"U01A", "U01B", "ana@example.com"}
    sheet = read_mentees(MENTEES + "U02X,U01A,ANA@example.com,\nU02Y,,,\nu02z@example.com,U01B,,\n", mentors)
    assert sheet.problems == []
    assert sheet.mentees == [
        Mentee("U02X", ("U01A", "ana@example.com")),
        Mentee("U02Y", open_to_any=True),
        Mentee("u02z@example.com", ("U01B",)),
    ]


def test_every_bad_mentee_row_is_named_by_line_and_field():
    text = MENTEES + (
        "U02A,U01A,U01A,\n"  # 2: the same mentor twice
        "U02B,U09GONE,,\n"  # 3: not a mentor
        "U02C,,U01A,\n"  # 4: a gap
        "U01A,U01A,,\n"  # 5: a mentor choosing themselves
        "U02A,U01B,,\n"  # 6: the same mentee again
        "bob,U01A,nope,\n"  # 7: neither is a person
        ",U01A,,\n"  # 8: no mentee
    )
    assert problems(read_mentees(text, {"U01A", "U01B"}, "mentors.csv")) == [
        "line 2, choice2: U01A is already choice1: choose a mentor once",
        "line 3, choice1: U09GONE is not in mentors.csv",
        "line 4, choice1: is blank but choice2 is not: fill the choices in order",
        "line 5, choice1: U01A is the mentee themselves",
        "line 6, mentee: U02A is already on line 2",
        "line 7, mentee: 'bob' is not a Slack user ID (like U012AB3CD) or an email",
        "line 7, choice2: 'nope' is not a Slack user ID (like U012AB3CD) or an email",
        "line 8, mentee: is blank; give a Slack user ID (like U012AB3CD) or an email",
    ]


def test_a_quoted_cell_over_two_lines_keeps_the_following_line_numbers_true():
    text = MENTORS + '"U01A",1\n"U01B\n",1\nU01C,9\n'
    assert problems(read_mentors(text))[-1] == "line 5, capacity: '9' is not a whole number from 1 to 3"


def test_choices_are_only_checked_for_their_form_when_the_mentors_are_unknown():
    mentors = read_mentors("name,places\nU01A,1\n")
    assert not mentors.readable and read_mentors(MENTORS + "U01A,9\n").readable
    sheet = read_mentees(MENTEES + "U02X,U01A,U01B,\nU02Y,U01A,bob,\n", None)
    assert problems(sheet) == ["line 3, choice2: 'bob' is not a Slack user ID (like U012AB3CD) or an email"]
