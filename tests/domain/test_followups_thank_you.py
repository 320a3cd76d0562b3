import csv
import io
from datetime import date

from bot.domain.followups import (
    NOTE_LIMIT,
    MetPerson,
    NetworkRow,
    draft_thank_you,
    interests_in_common,
    network_csv,
    teams_reached,
)


def person(
    name: str = "Ana Lopez",
    team: str | None = None,
    interests: tuple[str, ...] = (),
    working_on: str | None = None,
    linkedin_url: str | None = None,
) -> MetPerson:
    return MetPerson("U2", name, team, interests, working_on, linkedin_url)


def row(name: str, team: str | None = "Platform", **changes) -> NetworkRow:
    values = dict(
        name=name,
        user_id="U2",
        team=team,
        role="colleague",
        how="coffee",
        first_met=date(2026, 6, 2),
        last_met=date(2026, 7, 14),
        times=3,
        linkedin_url="https://www.linkedin.com/in/ana",
    )
    return NetworkRow(**(values | changes))


HEADER = ["name", "slack_id", "team", "role", "how", "first_met", "last_met", "times", "linkedin"]


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# draft_thank_you

EVERYTHING = person(team="Payments", interests=("chess", "jazz"), working_on="the billing pipeline")


def test_the_note_mentions_what_the_meeting_was_about():
    draft = draft_thank_you(("jazz",), EVERYTHING, note="career paths in data science")
    assert draft.startswith("Hi Ana, ")
    assert "thanks for the chat about career paths in data science!" in draft


def test_without_a_note_a_shared_interest_is_mentioned():
    draft = draft_thank_you(("Jazz", "running"), EVERYTHING, note=None)
    assert "someone else into Jazz" in draft
    assert "billing" not in draft


def test_two_shared_interests_are_both_mentioned():
    draft = draft_thank_you(("jazz", "chess"), EVERYTHING, note="  ")
    assert "into jazz and chess" in draft


def test_then_what_they_work_on_then_their_team():
    assert "your work on the billing pipeline." in draft_thank_you(("golf",), EVERYTHING, None)
    assert "what Payments does" in draft_thank_you((), person(team="Payments"), None)


def test_a_generic_note_only_when_nothing_specific_is_known():
    draft = draft_thank_you(("golf",), person(name="", team="  "), None)
    assert draft == (
        "Hi there, thanks for taking the time to chat! I really enjoyed it. I hope we can keep in touch."
    )


def test_a_long_note_is_shortened_so_the_draft_stays_short():
    note = "how the ledger service reconciles payments across regions " * 20
    draft = draft_thank_you((), person(name="Bartholomew " * 10 + "X"), note)
    assert len(draft) <= NOTE_LIMIT
    assert "… !" not in draft and "…!" in draft
    assert draft.endswith("I hope we can keep in touch.")


def test_the_note_is_tidied_into_one_line_without_doubled_words():
    draft = draft_thank_you((), person(), "about the\nroadmap.")
    assert "thanks for the chat about the roadmap! " in draft
    assert "\n" not in draft


def test_braces_in_names_and_notes_are_plain_text():
    draft = draft_thank_you((), person(name="{name}"), "{topic} and {0}")
    assert draft.startswith("Hi {name}, thanks for the chat about {topic} and {0}!")


def test_shared_interests_keep_my_order_and_ignore_case():
    assert interests_in_common(("ML", "chess", "ml", " "), ("Chess", "ml")) == ["ML", "chess"]


# network_csv, teams_reached


def test_csv_rows_match_and_formulas_are_defused():
    rows = [
        row("Ana Lopez"),
        row('=HYPERLINK("http://evil")', team="+Ops", how="met", linkedin_url=None),
        row("@bob", team="-1", how="introduction"),
    ]
    dates = ["2026-06-02", "2026-07-14", "3"]
    ana = "https://www.linkedin.com/in/ana"
    assert parse(network_csv(rows)) == [
        HEADER,
        ["Ana Lopez", "U2", "Platform", "colleague", "coffee", *dates, ana],
        ['\'=HYPERLINK("http://evil")', "U2", "'+Ops", "colleague", "met", *dates, ""],
        ["'@bob", "U2", "'-1", "colleague", "introduction", *dates, ana],
    ]


def test_csv_quotes_commas_and_newlines_and_leaves_missing_cells_empty():
    text = network_csv([row("Lopez, Ana\nJr", team=None)])
    assert parse(text)[1][:3] == ["Lopez, Ana\nJr", "U2", ""]


def test_an_empty_network_is_just_the_header():
    assert parse(network_csv([])) == [HEADER]


def test_teams_reached_counts_distinct_non_empty_teams():
    rows = [row("A", "Platform"), row("B", "platform "), row("C", "Payments"), row("D", None), row("E", "  ")]
    assert teams_reached(rows) == 2
    assert teams_reached([]) == 0
