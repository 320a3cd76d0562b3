"""A running sandbox (fake Slack, Rapport, the page) on 127.0.0.1, and a client for its page."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from bot.sandbox.server import SandboxServer


@dataclass
class Page:
    """Does what the page's script does: POST /do, read the panel it sends back."""

    server: SandboxServer

    def get(self, path: str = "/") -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.server.url + path, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode()

    def raw(self, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
        headers = headers or {"Content-Type": "application/json"}
        request = urllib.request.Request(self.server.url + "/do", data=body, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read())

    def do(self, who: str, conv: str, op: str, **fields: Any) -> dict[str, Any]:
        status, answer = self.raw(json.dumps({"as": who, "c": conv, "op": op, **fields}).encode())
        assert status == 200, answer
        return answer


def message_ts(panel: str, containing: str) -> str:
    """The data-ts of the message whose HTML contains `containing`."""
    pattern = r'<div class="message" data-ts="([0-9.]+)">(.*?)(?=<div class="message|<form id="composer")'
    for match in re.finditer(pattern, panel, re.S):
        if containing in match.group(2):
            return match.group(1)
    raise AssertionError(f"no message with {containing!r}")


@pytest.fixture
def sandbox_server() -> Iterator[SandboxServer]:
    server = SandboxServer.start(people=12, seed=1)
    try:
        yield server
        assert server.sandbox.fake.violations == []
    finally:
        server.close()


@pytest.fixture
def page(sandbox_server: SandboxServer) -> Page:
    return Page(sandbox_server)
