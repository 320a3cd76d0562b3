"""Answering at a payload's response_url, but only when Slack is the one who will receive it.

A response_url is a field of the request body. Rapport posts to it only on Slack's own response hosts (or
the Slack API host Rapport is configured with, SLACK_API_URL, which is how a test or sandbox Slack answers),
with one short attempt: a URL anywhere else is never called, so a payload cannot make Rapport send
requests into its own network, nor hold a worker thread waiting for an answer that never comes.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from slack_sdk.webhook import WebhookClient

from bot.log_redaction import loggable

SLACK_RESPONSE_HOSTS = frozenset({"hooks.slack.com", "hooks.slack-gov.com"})
RESPONSE_URL_TIMEOUT_SECONDS = 5

log = logging.getLogger("rapport.response_url")


def answerable(url: str, slack_api_url: str) -> bool:
    """True for an https URL on Slack's response hosts, or on the configured Slack API host itself."""
    try:
        parts, api = urlsplit(url), urlsplit(slack_api_url)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme == "https" and parts.hostname in SLACK_RESPONSE_HOSTS and port in (None, 443):
        return True
    return bool(parts.netloc) and (parts.scheme, parts.netloc) == (api.scheme, api.netloc)


def answer_privately(url: str, text: str, slack_api_url: str) -> bool:
    """An ephemeral reply at `url` when it is Slack's; True when Slack took it."""
    if not answerable(url, slack_api_url):
        log.warning("not answering at a response_url outside Slack: %s", loggable(url))
        return False
    webhook = WebhookClient(url, timeout=RESPONSE_URL_TIMEOUT_SECONDS, retry_handlers=[])
    try:
        sent = webhook.send(text=text, response_type="ephemeral", replace_original=False)
    except Exception as error:  # a courtesy: the caller has logged what matters
        log.warning("could not answer at the response_url: %s", error.__class__.__name__)
        return False
    return sent.status_code == 200
