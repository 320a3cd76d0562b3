from datetime import date

from bot.domain.people.person import Role
from bot.domain.people.roster import count_problems, parse_roster, read_roster

HEADER = "slack_id,email,role,team,internship_start,internship_end\n"


def test_a_good_file_gives_one_row_per_person_with_its_line():
    rows, problems = parse_roster(
        HEADER + "U0AAA1,,intern,Payments,2026-06-01,2026-08-28\n,bo@example.com,Mentor,,,\n"
    )
    assert problems == []
    assert [(r.line, r.slack_id, r.email, r.role) for r in rows] == [
        (2, "U0AAA1", None, Role.INTERN),
        (3, None, "bo@example.com", Role.MENTOR),
    ]
    assert rows[0].internship_end == date(2026, 8, 28)
    assert rows[0].team == "Payments"


def test_every_bad_row_is_reported_by_line_and_field():
    _, problems = parse_roster(
        HEADER
        + "U0AAA1,,intern,,2026-06-01,2026-08-28\n"
        + "U0AAA2,,boss,,,\n"
        + "U0AAA3,,intern,,2026-02-30,\n"
        + ",,colleague,,,\n"
        + "U0AAA4,,intern,,2026-08-01,2026-06-01\n"
    )
    assert [str(p) for p in problems] == [
        "line 3, role: 'boss' is not one of intern, colleague, mentor",
        "line 4, internship_start: 2026-02-30 is not a real date",
        "line 5, slack_id: give a slack_id or an email",
        "line 6, internship_end: 2026-06-01 is before internship_start 2026-08-01",
    ]


def test_the_header_needs_an_identifier_and_the_role_only():
    [problem] = parse_roster("id,role\nU1,intern\n")[1]
    assert str(problem) == "line 1, header: name each person by a slack_id or an email column"
    [problem] = parse_roster("slack_id,team\nU0AAA1,Data\n")[1]
    assert str(problem) == "line 1, header: the role column is missing (intern, colleague or mentor)"
    roster = read_roster("Email,Role\nbo@example.com,mentor\n")
    assert (roster.problems, roster.warnings) == ([], [])
    assert [(r.email, r.role, r.team, r.internship_start) for r in roster.rows] == [
        ("bo@example.com", Role.MENTOR, None, None)
    ]
    assert roster.columns == frozenset({"email", "role"})


def test_columns_a_spreadsheet_adds_are_ignored_and_named_once():
    roster = read_roster("slack_id,Full name,role,team,Notes\nU0AAA1,Ana Li,intern,Data,likes tea\n")
    assert roster.problems == []
    assert [str(w) for w in roster.warnings] == [
        "line 1, header: ignoring the columns Full name, Notes (Rapport reads slack_id, email, role, team, "
        "internship_start, internship_end)"
    ]
    assert [(r.slack_id, r.team) for r in roster.rows] == [("U0AAA1", "Data")]


def test_a_column_named_twice_is_still_a_problem():
    [problem] = parse_roster("slack_id,role,Role\nU0AAA1,intern,mentor\n")[1]
    assert str(problem) == "line 1, header: the column role appears twice"


def test_a_formula_a_spreadsheet_exported_is_read_as_text_with_a_warning():
    roster = read_roster(HEADER + 'U0AAA1,,intern,"=HYPERLINK(""https://wiki/data"",""Data"")",,\n')
    assert roster.problems == []
    assert [str(w) for w in roster.warnings] == [
        'line 2, team: \'=HYPERLINK("https://wiki/data","Data")\' is a spreadsheet formula, read as '
        "text: export the sheet's values, not its formulas"
    ]


def test_columns_may_come_in_any_order_and_excel_bom_and_blank_lines_are_fine():
    text = "\ufeffrole,slack_id,email,team,internship_start,internship_end\r\n\r\nintern,U0AAA1,,,,\r\n"
    rows, problems = parse_roster(text)
    assert problems == []
    assert rows[0].line == 3


def test_duplicates_and_short_rows_are_problems():
    _, problems = parse_roster(HEADER + "U0AAA1,,intern,,,\nU0AAA1,,mentor,,,\nU0AAA2,intern\n")
    assert [str(p) for p in problems] == [
        "line 3, slack_id: U0AAA1 is already on line 2",
        "line 4, row: has 2 fields, the header has 6",
    ]


def test_bad_ids_emails_and_date_formats_are_named():
    _, problems = parse_roster(HEADER + "alice,not-an-email,intern,,01/06/2026,\n")
    assert {p.field for p in problems} == {"slack_id", "email", "internship_start"}


def test_empty_files_are_problems_not_silent_successes():
    assert parse_roster("")[1][0].field == "header"
    assert parse_roster(HEADER)[1][0].message == "the file has a header but no people"


def test_a_file_without_its_header_is_told_what_the_first_line_must_be():
    _, problems = parse_roster("U01AMARA,,intern,Payments,2026-06-01,2026-08-28\n")
    assert [str(p) for p in problems] == [
        "line 1, header: the first line must be the header "
        "slack_id,email,role,team,internship_start,internship_end"
    ]


def test_an_excel_file_separated_by_semicolons_is_read():
    text = (
        "\ufeffslack_id;email;role;team;internship_start;internship_end\r\n"
        "U0AAA1;;intern;Payments, Europe;2026-06-01;2026-08-28\r\n"
        ";bo@example.com;mentor;;;\r\n"
    )
    rows, problems = parse_roster(text)
    assert problems == []
    assert [(r.line, r.slack_id, r.email, r.team) for r in rows] == [
        (2, "U0AAA1", None, "Payments, Europe"),
        (3, None, "bo@example.com", None),
    ]


def test_a_row_saved_with_semicolons_under_a_comma_header_is_named_as_such():
    _, problems = parse_roster(HEADER + "U0AAA1;;intern;;;\n")
    assert [str(p) for p in problems] == [
        "line 2, row: has 1 field, the header has 6 "
        "(its fields are separated by ';', the header's are not: save every line the same way)"
    ]


def test_lines_with_other_problems_can_still_be_looked_up_in_slack():
    roster = read_roster(HEADER + "U0AAA1,,boss,,,\n,not-an-email,intern,,,\n,bo@example.com,intern,,,\n")
    assert [(i.line, i.slack_id, i.email) for i in roster.identities] == [
        (2, "U0AAA1", None),
        (4, None, "bo@example.com"),
    ]
    assert [p.line for p in roster.problems] == [2, 3]


def test_problem_counts_read_as_english():
    assert [count_problems(n) for n in (1, 2, 10)] == ["1 problem", "2 problems", "10 problems"]
