"""A WebClient that hands its requests to the fake Slack in this process instead of over a socket.

The simulation makes tens of thousands of Web API calls; over loopback HTTP each one costs a connection, a
server thread and two parses, about a tenth of a run. Everything else stays as it is over HTTP: slack_sdk
encodes the request and reads the answer (errors, 429 with Retry-After, its retry handlers) itself, and the
fake answers with the code that serves its HTTP requests (`fakeslack.handler.answer`). Files uploaded to the
URL `files.getUploadURLExternal` gives still go over HTTP (slack_sdk posts them with urllib directly).
"""

from __future__ import annotations

import io
from http.client import HTTPMessage
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import Request

from slack_sdk import WebClient

from bot.sandbox.fakeslack import FakeSlack
from bot.sandbox.fakeslack.handler import answer


class InProcessWebClient(WebClient):
    """`InProcessWebClient(fake, token=..., base_url=fake.url)`, then WebClient's other arguments."""

    def __init__(self, fake: FakeSlack, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fake = fake

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        """What urllib's `urlopen` gives slack_sdk here: the answer, or an HTTPError for a 4xx or 5xx."""
        parts = urlsplit(url)
        headers = HTTPMessage()
        headers["Host"] = parts.netloc  # what http.client sends
        for name, value in req.header_items():
            headers[name] = value
        body = req.data if isinstance(req.data, bytes) else b""
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        response = answer(self._fake, target, headers, body)
        answered = HTTPMessage()
        for name, value in response.headers.items():
            answered[name] = value
        if response.status >= 400:
            raise HTTPError(url, response.status, "", answered, io.BytesIO(response.body))
        charset = answered.get_content_charset() or "utf-8"
        return {"status": response.status, "headers": answered, "body": response.body.decode(charset)}
