"""Workspace settings an admin changes from Slack: the channels for profile cards, asks and kudos."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.services.ports import ChannelPurpose
from storage.program.models import WorkspaceSettingRow

COLUMNS = {
    ChannelPurpose.INTROS: "intro_channel",
    ChannelPurpose.ASKS: "asks_channel",
    ChannelPurpose.KUDOS: "kudos_channel",
}


class SqlWorkspaceSettings:
    def __init__(self, session: Session) -> None:
        self._session = session

    def channel(self, team_id: str, purpose: ChannelPurpose) -> str | None:
        row = self._session.get(WorkspaceSettingRow, team_id)
        return getattr(row, COLUMNS[purpose]) if row else None

    def forget(self, team_id: str, user_id: str, marker: str) -> dict[str, int]:
        """The settings stay (they are the workspace's); only who last changed them is anonymised."""
        row = self._session.get(WorkspaceSettingRow, team_id)
        if row is None or row.updated_by != user_id:
            return {}
        row.updated_by = marker
        self._session.flush()
        return {"settings_changed": 1}

    def set_channel(
        self, team_id: str, purpose: ChannelPurpose, channel_id: str | None, by: str, now: datetime
    ) -> None:
        """Store the channel (None clears it); the last admin to set it wins."""
        values = {COLUMNS[purpose]: channel_id, "updated_by": by, "updated_at": now}
        row = self._session.get(WorkspaceSettingRow, team_id)
        if row is None:
            try:
                with self._session.begin_nested():
                    self._session.add(WorkspaceSettingRow(team_id=team_id, **values))
                return
            except IntegrityError:  # another admin created the row at the same moment
                row = self._session.get(WorkspaceSettingRow, team_id, populate_existing=True)
                assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
        self._session.flush()
