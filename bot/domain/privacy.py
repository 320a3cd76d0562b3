"""Forgetting a member: the anonymous marker that takes their place in other people's history.

When someone is forgotten, the rows that belong to them go, and the rows they share with others
(coffee groups, meetings, introductions) keep a random marker instead of their user ID. The marker
is the same everywhere for one forgotten person, so others' "who have I met, how often" and the
matching's repeat-avoidance still add up, but it is random, so nothing leads back to them.
"""

from __future__ import annotations

import secrets

ANONYMOUS_PREFIX = "former-"
FORMER_MEMBER = "a former member"


def new_anonymous_id() -> str:
    """A fresh marker, never a Slack user ID (those start with U or W) and never derived from one."""
    return ANONYMOUS_PREFIX + secrets.token_hex(8)


def is_anonymous(user_id: str) -> bool:
    return user_id.startswith(ANONYMOUS_PREFIX)
