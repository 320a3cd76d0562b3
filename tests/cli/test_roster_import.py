"""`rapport roster import` against the fake Slack: all or nothing, every problem by line and field."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from bot.sandbox.fakeslack import FakeSlack, User, seeded_workspace
from storage.db import make_engine
from storage.people.models import Member
from tests.cli.helpers import clean_env, rapport

HEADER = "slack_id,email,role,team,internship_start,internship_end\n"


def run_import(tmp_path: Path, fake: FakeSlack, database_url: str, csv: str):
    path = tmp_path / "roster.csv"
    path.write_text(csv)
    env = clean_env(SLACK_BOT_TOKEN=fake.bot_token, SLACK_API_URL=fake.url, DATABASE_URL=database_url)
    return rapport("roster", "import", str(path), cwd=tmp_path, env=env)


def check(tmp_path: Path, csv: str):
    """`roster import --check` with no token and a database path that must stay uncreated."""
    path = tmp_path / "roster.csv"
    path.write_text(csv)
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'never' / 'rapport.db'}")
    return rapport("roster", "import", "--check", str(path), cwd=tmp_path, env=env)


def users_calls(fake: FakeSlack) -> dict[str, int]:
    methods = ("users.list", "users.info", "users.lookupByEmail")
    return {m: len(fake.calls_to(m, include_failed=True)) for m in methods}


def member_count(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(Member)).scalar_one()
    finally:
        engine.dispose()


def test_a_good_roster_is_imported_and_reimporting_changes_nothing(tmp_path, fake_slack, database_url):
    csv = (
        HEADER
        + "U01AMARA,,intern,Payments,2026-06-01,2026-08-28\n"
        + ",ben@example.com,intern,Design,2026-06-01,2026-08-28\n"
        + "U02KAVYA,kavya@example.com,mentor,Platform,,\n"
    )
    first = run_import(tmp_path, fake_slack, database_url, csv)
    assert first.returncode == 0, first.stderr
    assert "3 added, 0 updated, 0 unchanged" in first.stdout
    assert [c.args["email"] for c in fake_slack.calls_to("users.lookupByEmail")] == ["ben@example.com"]
    again = run_import(tmp_path, fake_slack, database_url, csv)
    assert "0 added, 0 updated, 3 unchanged" in again.stdout
    changed = run_import(tmp_path, fake_slack, database_url, csv.replace("Platform", "Infra"))
    assert "0 added, 1 updated, 2 unchanged" in changed.stdout
    assert member_count(database_url) == 3


def test_a_bad_role_and_an_impossible_date_are_named_and_nothing_is_stored(
    tmp_path, fake_slack, database_url
):
    csv = (
        HEADER
        + "U01AMARA,,intern,Payments,2026-06-01,2026-08-28\n"
        + "U01BEN,,boss,Design,,\n"
        + "U01CHLOE,,intern,Data,2026-06-31,2026-08-28\n"
    )
    result = run_import(tmp_path, fake_slack, database_url, csv)
    assert result.returncode == 1
    assert "nothing imported" in result.stdout
    assert "line 3, role: 'boss' is not one of intern, colleague, mentor" in result.stdout
    assert "line 4, internship_start: 2026-06-31 is not a real date" in result.stdout
    assert "Traceback" not in result.stderr
    assert member_count(database_url) == 0


def test_people_slack_does_not_know_or_cannot_pair_are_refused(tmp_path, fake_slack, database_url):
    csv = (
        HEADER
        + ",nobody@example.com,intern,,,\n"
        + "U03OTTERBOT,,colleague,,,\n"
        + "U09VICTOR,,colleague,,,\n"
        + "U01AMARA,,intern,,,\n"
    )
    result = run_import(tmp_path, fake_slack, database_url, csv)
    assert result.returncode == 1
    lines = [line.strip() for line in result.stdout.splitlines()[1:]]
    assert lines == [
        "line 2, email: no member nobody@example.com in this Slack workspace",
        "line 3, slack_id: U03OTTERBOT is a bot, not a person",
        "line 4, slack_id: U09VICTOR is deactivated in Slack",
    ]
    assert member_count(database_url) == 0


def test_a_missing_file_is_one_line(tmp_path, fake_slack):
    env = clean_env(SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_API_URL=fake_slack.url)
    result = rapport("roster", "import", "missing.csv", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.strip() == "rapport: the roster missing.csv does not exist"


def test_500_people_take_three_pages_of_users_list_not_500_lookups(tmp_path, database_url):
    ws = seeded_workspace()
    for n in range(500):
        ws.add_user(User(id=f"U8{n:07d}", name=f"p{n}", real_name=f"Person {n}", email=f"p{n}@example.com"))
    rows = [
        f"U8{n:07d},,colleague,Team {n % 7},," if n % 2 else f",P{n}@Example.com,intern,,,"
        for n in range(500)
    ]
    with FakeSlack(workspace=ws, page_size=1000) as fake:
        result = run_import(tmp_path, fake, database_url, HEADER + "\n".join(rows) + "\n")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "500 added, 0 updated, 0 unchanged" in result.stdout
        assert users_calls(fake) == {"users.list": 3, "users.info": 0, "users.lookupByEmail": 0}
        assert [c.args.get("limit") for c in fake.calls_to("users.list")] == ["200"] * 3
    assert member_count(database_url) == 500


def test_slack_side_and_format_problems_are_listed_together_in_one_pass(tmp_path, fake_slack, database_url):
    interns = ("ben", "chloe", "dev", "elena", "farid", "grace", "hiro")
    colleagues = ("ISABEL", "JAMES", "KAVYA", "LIAM", "MAYA", "NOAH", "OLIVIA", "PRANAV", "QUINN", "ROSA")
    csv = (
        HEADER
        + "U01AMARA,,boss,,,\n"  # line 2: a format problem
        + ",nobody@example.com,intern,Data,2026-02-30,\n"  # line 3: both kinds on one line
        + "U03OTTERBOT,,colleague,,,\n"  # line 4
        + ",victor@example.com,colleague,,,\n"  # line 5: deactivated, found by email
        + "U0NOBODY,,mentor,,,\n"  # line 6
        + "".join(f",{name}@example.com,intern,,,\n" for name in interns)  # lines 7-13
        + "".join(f"U02{name},,colleague,,,\n" for name in colleagues)  # lines 14-23
        + "U01BEN,,intern,,,\n"  # line 24: ben again, by ID this time
    )  # 23 people: past the one-call-a-person threshold
    result = run_import(tmp_path, fake_slack, database_url, csv)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].endswith("roster.csv: nothing imported; 7 problems to fix before importing again:")
    assert [line.strip() for line in lines[1:]] == [
        "line 2, role: 'boss' is not one of intern, colleague, mentor",
        "line 3, internship_start: 2026-02-30 is not a real date",
        "line 3, email: no member nobody@example.com in this Slack workspace",
        "line 4, slack_id: U03OTTERBOT is a bot, not a person",
        "line 5, email: victor@example.com is deactivated in Slack",
        "line 6, slack_id: no member U0NOBODY in this Slack workspace",
        "line 24, slack_id: U01BEN is already on line 7",
    ]
    assert users_calls(fake_slack)["users.info"] == users_calls(fake_slack)["users.lookupByEmail"] == 0
    assert member_count(database_url) == 0


def test_one_problem_is_one_problem(tmp_path, fake_slack, database_url):
    result = run_import(tmp_path, fake_slack, database_url, HEADER + "U01AMARA,,intern,,,\nU01BEN,,boss,,,\n")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].endswith(
        ": nothing imported; 1 problem to fix before importing again:"
    )


def test_a_file_without_its_header_says_what_the_first_line_must_be(tmp_path, fake_slack, database_url):
    result = run_import(
        tmp_path, fake_slack, database_url, "U01AMARA,,intern,Payments,2026-06-01,2026-08-28\n"
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[1].strip() == (
        "line 1, header: the first line must be the header "
        "slack_id,email,role,team,internship_start,internship_end"
    )
    assert "unknown" not in result.stdout


def test_an_excel_file_separated_by_semicolons_is_imported(tmp_path, fake_slack, database_url):
    csv = "\ufeffslack_id;email;role;team;internship_start;internship_end\r\n"
    csv += "U01AMARA;;intern;Payments;2026-06-01;\r\n"
    result = run_import(tmp_path, fake_slack, database_url, csv)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 added, 0 updated, 0 unchanged" in result.stdout


def test_check_validates_the_format_offline_without_a_token_or_a_database(tmp_path):
    good = check(tmp_path, HEADER + "U01AMARA,,intern,,,\n,nobody@example.com,mentor,,,\n")
    assert (good.returncode, good.stderr) == (0, "")
    assert good.stdout.strip().endswith(
        "roster.csv: the format is fine, 2 people; who they are in Slack is checked on import"
    )
    bad = check(tmp_path, HEADER + "U01AMARA,,boss,,,\nU01BEN,,intern,,2026-13-01,\n")
    assert bad.returncode == 1
    assert [line.strip() for line in bad.stdout.splitlines()] == [
        f"{tmp_path / 'roster.csv'}: 2 problems to fix before importing:",
        "line 2, role: 'boss' is not one of intern, colleague, mentor",
        "line 3, internship_start: 2026-13-01 is not a real date",
    ]
    assert not (tmp_path / "never").exists()


def check_bytes(tmp_path: Path, data: bytes, *options: str):
    path = tmp_path / "roster.csv"
    path.write_bytes(data)
    env = clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'never' / 'rapport.db'}")
    return rapport("roster", "import", "--check", *options, str(path), cwd=tmp_path, env=env)


def test_a_spreadsheets_extra_columns_are_ignored_with_one_line_naming_them(tmp_path):
    csv = "\ufeffslack_id,Full name,role,Notes\nU01AMARA,Amara Obi,intern,likes tea\n"
    result = check(tmp_path, csv)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"rapport: {tmp_path / 'roster.csv'}: warning: line 1, header: ignoring the columns Full name, Notes "
        "(Rapport reads slack_id, email, role, team, internship_start, internship_end)"
    ]
    assert "the format is fine, 1 person" in result.stdout


def test_an_identifier_and_the_role_are_all_a_roster_needs(tmp_path):
    result = check(tmp_path, "email,role\nben@example.com,intern\nU01AMARA@example.com,mentor\n")
    assert (result.returncode, result.stderr) == (0, "")
    assert "the format is fine, 2 people" in result.stdout


def test_a_byte_that_is_not_utf8_is_named_by_its_line(tmp_path):
    data = HEADER.encode() + "U01AMARA,,intern,Data,,\nU01BEN,,intern,Équipe,,\n".encode("cp1252")
    result = check_bytes(tmp_path, data)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"rapport: the roster {tmp_path / 'roster.csv'} is not utf-8 text: line 3 has byte 0xC9; save it as "
        "'CSV UTF-8', or name its encoding, e.g. --encoding cp1252"
    ]
    fine = check_bytes(tmp_path, data, "--encoding", "cp1252")
    assert fine.returncode == 0, fine.stderr
    assert "the format is fine, 2 people" in fine.stdout


def test_an_unknown_encoding_is_one_line(tmp_path):
    result = check_bytes(tmp_path, HEADER.encode(), "--encoding", "klingon")
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "'klingon' is not an encoding" in line


def test_a_formula_passes_check_with_a_warning(tmp_path):
    csv = HEADER + 'U01AMARA,,intern,"=HYPERLINK(""https://wiki/pay"",""Payments"")",,\n'
    result = check(tmp_path, csv)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        f"rapport: {tmp_path / 'roster.csv'}: warning: line 2, team: "
        '\'=HYPERLINK("https://wiki/pay","Payments")\' is a spreadsheet formula, read as text: export the '
        "sheet's values, not its formulas"
    ]


def teams(database_url: str) -> dict[str, tuple[str | None, str | None]]:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(Member.user_id, Member.team, Member.internship_end)).all()
            return {user: (team, end and end.isoformat()) for user, team, end in rows}
    finally:
        engine.dispose()


def test_a_column_the_file_leaves_out_keeps_what_is_stored(tmp_path, fake_slack, database_url):
    full = HEADER + "U01AMARA,,intern,Payments,2026-06-01,2026-08-28\n"
    assert run_import(tmp_path, fake_slack, database_url, full).returncode == 0
    again = run_import(tmp_path, fake_slack, database_url, "slack_id,role\nU01AMARA,intern\nU01BEN,intern\n")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "1 added, 0 updated, 1 unchanged" in again.stdout
    assert teams(database_url) == {"U01AMARA": ("Payments", "2026-08-28"), "U01BEN": (None, None)}


def test_a_cp1252_roster_is_imported_with_its_accents(tmp_path, fake_slack, database_url):
    path = tmp_path / "roster.csv"
    path.write_bytes((HEADER + "U01AMARA,,intern,Équipe Données,,\n").encode("cp1252"))
    env = clean_env(
        SLACK_BOT_TOKEN=fake_slack.bot_token, SLACK_API_URL=fake_slack.url, DATABASE_URL=database_url
    )
    result = rapport("roster", "import", "--encoding", "cp1252", str(path), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert teams(database_url)["U01AMARA"][0] == "Équipe Données"
