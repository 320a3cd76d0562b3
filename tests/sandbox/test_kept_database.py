"""--db keeps the sandbox's data: starting again does not overwrite what a visitor changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.sandbox.world import Sandbox


def test_starting_again_on_a_kept_database_keeps_edited_profiles(tmp_path: Path):
    db = tmp_path / "kept.sqlite"
    first = Sandbox(people_count=6, seed=2, db=db)
    try:
        intern = first.people[0]
        with first.runtime.unit_of_work() as uow:
            profile = uow.profiles.get(first.workspace.team_id, intern.id)
            uow.profiles.save(replace(profile, pitch="Edited by a visitor"), first.clock())
            uow.commit()
    finally:
        first.close()
    assert db.is_file()
    again = Sandbox(people_count=6, seed=2, db=db)
    try:
        with again.runtime.unit_of_work() as uow:
            assert uow.profiles.get(again.workspace.team_id, intern.id).pitch == "Edited by a visitor"
        assert again.fake.violations == []
    finally:
        again.close()
