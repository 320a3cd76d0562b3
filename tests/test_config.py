from zoneinfo import ZoneInfo

import pytest

from bot.config import ConfigError, Mode, Settings, unset_empty_settings

HTTP_ENV = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "secret"}


def settings(**env: str) -> Settings:
    return Settings.from_env(env)


def test_defaults_are_a_local_sqlite_file_port_3000_and_utc():
    s = settings()
    assert s.database_url == "sqlite:///rapport.db"
    assert s.port == 3000
    assert s.timezone == ZoneInfo("UTC")
    assert s.slack_api_url == "https://slack.com/api/"
    assert s.admin_ids == frozenset()
    assert s.scheduler_enabled is True


def test_app_token_means_socket_mode_and_client_id_means_oauth():
    assert settings(**HTTP_ENV).mode is Mode.HTTP
    assert settings(**HTTP_ENV, SLACK_APP_TOKEN="xapp-1").mode is Mode.SOCKET
    assert settings(SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="s").mode is Mode.OAUTH


def test_missing_bot_token_names_the_variable_and_what_to_do():
    with pytest.raises(ConfigError, match=r"^SLACK_BOT_TOKEN is not set: install the app from manifest.yml"):
        settings(SLACK_SIGNING_SECRET="s").require_run_settings()


def test_http_mode_needs_the_signing_secret_but_socket_mode_does_not():
    with pytest.raises(ConfigError, match=r"^SLACK_SIGNING_SECRET is not set"):
        settings(SLACK_BOT_TOKEN="xoxb-1").require_run_settings()
    settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1").require_run_settings()


def test_oauth_mode_needs_both_client_credentials():
    with pytest.raises(ConfigError, match=r"^SLACK_CLIENT_SECRET is not set"):
        settings(SLACK_CLIENT_ID="1.2", SLACK_SIGNING_SECRET="s").require_run_settings()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-user", "SLACK_BOT_TOKEN must start with 'xoxb-'"),
        ("SLACK_APP_TOKEN", "xoxb-1", "SLACK_APP_TOKEN must start with 'xapp-'"),
        ("PORT", "eighty", "PORT must be a number from 1 to 65535, not 'eighty'"),
        ("PORT", "70000", "PORT must be a number from 1 to 65535"),
        ("RAPPORT_TIMEZONE", "Mars/Olympus", "RAPPORT_TIMEZONE 'Mars/Olympus' is not an IANA time zone"),
        (
            "RAPPORT_ADMIN_IDS",
            "U123ABC, alice",
            "RAPPORT_ADMIN_IDS has 'alice', which is not a Slack user ID",
        ),
        ("RAPPORT_INTRO_CHANNEL", "#intros", "RAPPORT_INTRO_CHANNEL must be a channel ID"),
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL must be sqlite:///PATH or postgresql"),
        ("SLACK_API_URL", "slack.com/api", "SLACK_API_URL is not an http(s) URL"),
        ("RAPPORT_SCHEDULER", "maybe", "RAPPORT_SCHEDULER must be 'on' or 'off'"),
        ("RAPPORT_INTRO_DAILY_LIMIT", "0", "RAPPORT_INTRO_DAILY_LIMIT must be a number from 1 to 100"),
        ("RAPPORT_INTRO_DAILY_LIMIT", "five", "RAPPORT_INTRO_DAILY_LIMIT must be a number from 1 to 100"),
        ("RAPPORT_ASKS_OPEN_LIMIT", "51", "RAPPORT_ASKS_OPEN_LIMIT must be a number from 1 to 50 (asks one"),
        ("RAPPORT_OFFERS_DAILY_LIMIT", "-1", "RAPPORT_OFFERS_DAILY_LIMIT must be a number from 1 to 100"),
        (
            "RAPPORT_EVENTS_UPCOMING_LIMIT",
            "٣",
            "RAPPORT_EVENTS_UPCOMING_LIMIT must be a number from 1 to 100",
        ),
        ("RAPPORT_UPDATES_WEEKLY_LIMIT", "0", "RAPPORT_UPDATES_WEEKLY_LIMIT must be a number from 1 to 50"),
        ("RAPPORT_MENTORING_WINDOW_DAYS", "0", "RAPPORT_MENTORING_WINDOW_DAYS must be a number from 1 to 90"),
        ("RAPPORT_MENTORING_ANSWER_DAYS", "11", "RAPPORT_MENTORING_ANSWER_DAYS must be a number"),
        ("RAPPORT_MENTORING_ANSWER_DAYS", "3.5", "RAPPORT_MENTORING_ANSWER_DAYS must be a number"),
    ],
)
def test_a_malformed_setting_is_one_line_naming_the_variable(name, value, message):
    with pytest.raises(ConfigError) as error:
        settings(**{name: value})
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_per_member_limits_have_defaults_and_can_be_set():
    s = settings()
    assert (s.intro_daily_limit, s.asks_open_limit, s.offers_daily_limit) == (5, 5, 10)
    assert (s.events_upcoming_limit, s.updates_weekly_limit) == (10, 3)
    s = settings(RAPPORT_ASKS_OPEN_LIMIT="2", RAPPORT_UPDATES_WEEKLY_LIMIT=" 7 ")
    assert (s.asks_open_limit, s.updates_weekly_limit) == (2, 7)


def test_values_are_normalised():
    s = settings(
        SLACK_API_URL="http://127.0.0.1:9/api",
        DATABASE_URL="postgresql://u:p@h/db",
        RAPPORT_ADMIN_IDS=" U1AB , W2CD ,",
        RAPPORT_SCHEDULER="OFF",
    )
    assert s.slack_api_url == "http://127.0.0.1:9/api/"
    assert s.database_url == "postgresql+psycopg://u:p@h/db"
    assert s.admin_ids == {"U1AB", "W2CD"}
    assert s.scheduler_enabled is False


def test_mentoring_windows_default_and_can_be_set():
    assert (settings().mentoring_window_days, settings().mentoring_answer_days) == (7, 3)
    chosen = settings(RAPPORT_MENTORING_WINDOW_DAYS="14", RAPPORT_MENTORING_ANSWER_DAYS="5")
    assert (chosen.mentoring_window_days, chosen.mentoring_answer_days) == (14, 5)


def test_blank_values_count_as_unset():
    assert settings(PORT="  ", SLACK_BOT_TOKEN="").port == 3000


def test_empty_settings_are_removed_so_no_library_reads_them_as_set():
    environ = {"SLACK_CLIENT_ID": "", "SLACK_CLIENT_SECRET": "  ", "SLACK_BOT_TOKEN": "xoxb-1", "HOME": ""}
    unset_empty_settings(environ)
    assert environ == {"SLACK_BOT_TOKEN": "xoxb-1", "HOME": ""}  # only Rapport's own settings are touched


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SLACK_BOT_TOKEN", "xoxb-your-bot-token"),
        ("SLACK_APP_TOKEN", "xapp-your-app-token"),
        ("SLACK_BOT_TOKEN", "xoxb-paste-here"),
    ],
)
def test_a_placeholder_token_is_refused_by_name(name, value):
    with pytest.raises(ConfigError, match=f"^{name} is still the placeholder from .env.example"):
        Settings.from_env({name: value})


def test_a_real_looking_token_is_accepted():
    assert Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1111-2222-AbCdYourXxx"}).bot_token
