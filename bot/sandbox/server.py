"""The sandbox and its page, served together on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.sandbox.web import SandboxPage
from bot.sandbox.world import Sandbox
from bot.serve.http_server import HttpServer


class _Page:
    """The page's WSGI app, set once the sandbox is ready: the port is taken before anything starts,
    so a busy port is one line of error and nothing else."""

    def __init__(self) -> None:
        self.page: SandboxPage | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        if self.page is None:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"The sandbox is starting."]
        return self.page(environ, start_response)


@dataclass
class SandboxServer:
    sandbox: Sandbox
    http: HttpServer
    url: str

    @classmethod
    def start(
        cls,
        people: int = 40,
        seed: int = 1,
        db: Path | None = None,
        port: int = 0,
        start: datetime | None = None,
    ) -> SandboxServer:
        page = _Page()
        http = HttpServer(page, "127.0.0.1", port)  # type: ignore[arg-type]  # OSError when the port is busy
        try:
            sandbox = Sandbox(people, seed, db, start)
        except BaseException:
            http.close_unstarted()
            raise
        page.page = SandboxPage(sandbox)
        http.start()
        return cls(sandbox, http, f"http://127.0.0.1:{http.port}")

    def close(self) -> None:
        self.http.stop()
        self.sandbox.close()
