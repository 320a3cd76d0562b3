"""Opt-in enforcement of Slack's published rate limits: token buckets answering 429 + Retry-After.

Slack's numbers (api.slack.com/apis/rate-limits): conversations.open is Tier 3 (50+ a minute, with
occasional bursts); chat.postMessage allows about one message a second per channel with short
bursts, and Slack publishes no fixed workspace number ("several hundred a minute"), so the
workspace cap here is an assumption. `scale` multiplies every rate and burst, for benchmarks
whose real floor would take too long.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Limit:
    per_minute: float
    burst: float  # how many calls a full bucket allows at once

    def scaled(self, scale: float) -> Limit:
        return Limit(self.per_minute * scale, self.burst * scale)


WORKSPACE_LIMITS = {"conversations.open": Limit(50, 3), "chat.postMessage": Limit(300, 30)}
# users.list is Tier 2 (20+ a minute), users.lookupByEmail Tier 3 (50+), users.info Tier 4 (100+);
# the bursts are assumptions, as Slack only says "occasional bursts". Opt-in (a benchmark adds them).
USERS_LIMITS = {"users.list": Limit(20, 2), "users.lookupByEmail": Limit(50, 3), "users.info": Limit(100, 5)}
PER_CHANNEL_LIMITS = {"chat.postMessage": Limit(60, 3)}


class _Bucket:
    def __init__(self, limit: Limit, now: float) -> None:
        self.rate = limit.per_minute / 60.0
        self.capacity = max(limit.burst, 1.0)
        self.tokens = self.capacity
        self.stamp = now

    def take(self, now: float) -> float:
        """0 when a call may go now (and uses a token), else the seconds until one may."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class RateLimits:
    """Per-method workspace buckets and per-(method, channel) buckets."""

    def __init__(
        self,
        workspace: Mapping[str, Limit] = WORKSPACE_LIMITS,
        per_channel: Mapping[str, Limit] = PER_CHANNEL_LIMITS,
        scale: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.workspace = {m: limit.scaled(scale) for m, limit in workspace.items()}
        self.per_channel = {m: limit.scaled(scale) for m, limit in per_channel.items()}
        self._clock = clock
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._lock = threading.Lock()

    def retry_after(self, method: str, args: Mapping[str, Any]) -> int | None:
        """None when the call is within the limits, else Slack's whole-second Retry-After."""
        keys = []
        if method in self.per_channel:
            keys.append((method, str(args.get("channel", "")), self.per_channel[method]))
        if method in self.workspace:
            keys.append((method, "", self.workspace[method]))
        if not keys:
            return None
        with self._lock:
            now = self._clock()
            buckets = [self._bucket(method, scope, limit, now) for method, scope, limit in keys]
            waits = [self._peek(b, now) for b in buckets]
            if max(waits) > 0:
                return max(1, math.ceil(max(waits)))
            for bucket in buckets:
                bucket.take(now)
            return None

    def _bucket(self, method: str, scope: str, limit: Limit, now: float) -> _Bucket:
        key = (method, scope)
        if key not in self._buckets:
            self._buckets[key] = _Bucket(limit, now)
        return self._buckets[key]

    @staticmethod
    def _peek(bucket: _Bucket, now: float) -> float:
        tokens = min(bucket.capacity, bucket.tokens + (now - bucket.stamp) * bucket.rate)
        return 0.0 if tokens >= 1 else (1 - tokens) / bucket.rate


# Slack's rate tiers as calls a minute per method and workspace (api.slack.com/apis/rate-limits, and each
# method's page): Tier 2 20+, Tier 3 50+, Tier 4 100+. chat.postMessage is special: about one a second per
# channel, and "several hundred a minute" per workspace, 300 assumed as above.
TIERS: dict[str, int] = {
    "users.list": 20,
    "users.lookupByEmail": 50,
    "users.info": 100,
    "auth.test": 100,
    "conversations.members": 100,
    "conversations.history": 50,
    "conversations.replies": 50,
    "conversations.info": 50,
    "conversations.open": 50,
    "conversations.join": 50,
    "chat.postMessage": 300,
    "chat.postEphemeral": 100,
    "chat.update": 50,
    "chat.delete": 50,
    "chat.getPermalink": 100,
    "views.publish": 100,
    "views.open": 100,
    "views.update": 100,
    "files.getUploadURLExternal": 100,
    "files.completeUploadExternal": 100,
}
READS = frozenset(
    {
        "users.list",
        "users.lookupByEmail",
        "users.info",
        "auth.test",
        "conversations.members",
        "conversations.history",
        "conversations.replies",
        "conversations.info",
        "chat.getPermalink",
    }
)
PER_CHANNEL_PER_MINUTE = 60  # chat.postMessage: one a second per channel, bursts allowed


class MinuteWindows:
    """Each method's tier enforced per minute of `clock`: calls beyond the limit in one minute are answered
    429 with a Retry-After that ends at the next minute. Same interface as RateLimits; `seen` records every
    call with the clock's time, so a benchmark on a simulated clock can say when each one happened."""

    def __init__(self, tiers: Mapping[str, int] = TIERS, clock: Callable[[], float] = time.time) -> None:
        self.tiers = dict(tiers)
        self._clock = clock
        self._counts: dict[tuple[str, str, int], int] = {}
        self._lock = threading.Lock()
        self.seen: list[tuple[str, Mapping[str, Any], float, bool]] = []  # (method, args, when, refused)

    def retry_after(self, method: str, args: Mapping[str, Any]) -> int | None:
        limit = self.tiers.get(method)
        with self._lock:
            now = self._clock()
            minute = int(now // 60)
            keys = [] if limit is None else [((method, "", minute), limit)]
            if method == "chat.postMessage":
                keys.append(((method, str(args.get("channel", "")), minute), PER_CHANNEL_PER_MINUTE))
            refused = any(self._counts.get(key, 0) >= most for key, most in keys)
            self.seen.append((method, args, now, refused))
            if refused:
                return max(1, math.ceil((minute + 1) * 60 - now))
            for key, _ in keys:
                self._counts[key] = self._counts.get(key, 0) + 1
            return None
