"""Courtesies after an answer: off the listener threads, one run per burst, bounded."""

from __future__ import annotations

import threading

from bot.serve.after_answer import AfterAnswer


def test_a_key_asked_for_again_while_queued_runs_once():
    gate, runs = threading.Event(), []
    after = AfterAnswer(workers=1, delay=0)
    after("busy", gate.wait)  # holds the only worker
    for _ in range(5):
        after(("home", "T1", "U1"), lambda: runs.append("U1"))
    after(("home", "T1", "U2"), lambda: runs.append("U2"))
    gate.set()
    after.shutdown()
    assert runs == ["U1", "U2"]


def test_a_key_asked_for_after_its_run_started_runs_again():
    started, release, runs = threading.Event(), threading.Event(), []

    def first() -> None:
        started.set()
        release.wait()
        runs.append(1)

    after = AfterAnswer(workers=1, delay=0)
    after("home", first)
    started.wait()
    after("home", lambda: runs.append(2))  # a change after the first run read the state
    release.set()
    after.shutdown()
    assert runs == [1, 2]


def test_beyond_the_queue_limit_work_is_dropped_not_queued(caplog):
    gate, runs = threading.Event(), []
    after = AfterAnswer(workers=1, queue_limit=3, delay=0)
    after("busy", gate.wait)
    for n in range(5):
        after(n, lambda n=n: runs.append(n))
    gate.set()
    after.shutdown()
    assert runs == [0, 1]  # "busy" holds one of the three places
    assert "skipped" in caplog.text


def test_a_failing_courtesy_is_logged_and_the_next_one_still_runs(caplog):
    runs: list[str] = []
    after = AfterAnswer(workers=1, queue_limit=2, delay=0)
    after("a", lambda: 1 / 0)
    after("b", lambda: runs.append("b"))
    after.shutdown()
    assert runs == ["b"]
    assert "follow-up work after an answer failed" in caplog.text
