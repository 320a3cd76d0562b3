from datetime import date

from bot.domain.people.person import Role
from bot.domain.people.profile import ProfileForm, check_profile, normalise_linkedin, parse_interests


def test_a_complete_form_becomes_a_profile():
    form = ProfileForm(
        role="intern",
        team=" Payments ",
        interests="Rust, climbing,\nrust",
        pitch="Hi!",
        linkedin_url="https://linkedin.com/in/ada-l",
        internship_start=date(2026, 6, 1),
        internship_end=date(2026, 8, 28),
    )
    profile, errors = check_profile("T1", "U1", form)
    assert errors == {}
    assert profile is not None
    assert profile.role is Role.INTERN
    assert profile.team == "Payments"
    assert profile.interests == ("rust", "climbing")
    assert profile.linkedin_url == "https://www.linkedin.com/in/ada-l"
    assert profile.internship_end == date(2026, 8, 28)


def test_errors_are_keyed_by_field_and_nothing_is_half_accepted():
    form = ProfileForm(
        role="boss",
        pitch="x" * 501,
        linkedin_url="https://evil.example/in/ada",
        internship_start=date(2026, 8, 1),
        internship_end=date(2026, 6, 1),
    )
    profile, errors = check_profile("T1", "U1", form)
    assert profile is None
    assert set(errors) == {"role", "pitch", "linkedin_url", "internship_end"}


def test_internship_dates_only_belong_to_interns():
    form = ProfileForm(role="mentor", internship_start=date(2026, 6, 1))
    profile, _ = check_profile("T1", "U1", form)
    assert profile is not None and profile.internship_start is None


def test_linkedin_urls_are_checked_and_made_canonical():
    assert normalise_linkedin("http://www.linkedin.com/in/ada/") == "https://www.linkedin.com/in/ada/"
    assert normalise_linkedin("https://www.linkedin.com/company/acme") is None
    assert normalise_linkedin("javascript:alert(1)") is None
    assert normalise_linkedin("https://www.linkedin.com/in/ada<!channel>") is None


def test_interests_are_trimmed_lowercased_and_unique():
    assert parse_interests(" A, b ,, a\nC ") == ("a", "b", "c")
