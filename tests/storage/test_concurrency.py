"""Two OS processes writing to one SQLite file, as `rapport run` and `rapport tick` do.

Each transaction reads, then writes (upsert_roster selects before it inserts):
with deferred transactions the read->write lock upgrade fails with
"database is locked" as soon as the other process has committed in between,
whatever busy_timeout says. BEGIN IMMEDIATE makes the wait happen at BEGIN.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.people.models import Member

REPO_ROOT = Path(__file__).resolve().parents[2]
TRANSACTIONS = 200

WORKER = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from bot.domain.people.person import Person, Role
from storage.db import make_engine, make_session_factory
from storage.unit_of_work import SqlUnitOfWork

url, name, count, folder = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
engine = make_engine(url)
uow = SqlUnitOfWork(make_session_factory(engine))
(folder / f"ready-{name}").touch()
deadline = time.monotonic() + 60
while not (folder / "go").exists():
    if time.monotonic() > deadline:
        sys.exit("no go signal")
    time.sleep(0.005)
for i in range(count):
    with uow:
        uow.members.get("T1", f"{name}-{i - 1}")
        person = Person("T1", f"{name}-{i}", Role.COLLEAGUE)
        uow.members.upsert_roster([person], datetime.now(UTC))
        uow.commit()
engine.dispose()
"""


def test_two_processes_write_concurrently_without_locking_errors(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'rapport.db'}"
    upgrade(url)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, name, str(TRANSACTIONS), str(tmp_path)],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("run", "tick")
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{name}").exists() for name in ("run", "tick")):
        assert time.monotonic() < deadline, "workers did not start"
        assert all(w.poll() is None for w in workers), [w.communicate() for w in workers]
        time.sleep(0.01)
    (tmp_path / "go").touch()

    outputs = [w.communicate(timeout=240) for w in workers]
    for worker, (_, stderr) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, stderr
        assert "database is locked" not in stderr

    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            total = session.scalar(select(func.count()).select_from(Member))
            names = set(session.scalars(select(Member.user_id)))
    finally:
        engine.dispose()
    assert total == 2 * TRANSACTIONS
    assert names == {f"{n}-{i}" for n in ("run", "tick") for i in range(TRANSACTIONS)}
