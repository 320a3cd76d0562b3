"""The sandbox and its page, served together on 127.0.0.1."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.sandbox.web import SandboxPage
from bot.sandbox.world import Sandbox
from bot.serve.http_server import HttpServer


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
        sandbox = Sandbox(people, seed, db, start)
        try:
            http = HttpServer(SandboxPage(sandbox), "127.0.0.1", port)  # type: ignore[arg-type]
        except BaseException:
            sandbox.close()
            raise
        http.start()
        return cls(sandbox, http, f"http://127.0.0.1:{http.port}")

    def close(self) -> None:
        self.http.stop()
        self.sandbox.close()
