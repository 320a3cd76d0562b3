"""A fake Slack Web API for tests: real HTTP on 127.0.0.1, checked against Slack's method reference."""

from .calls import Call
from .seed import seeded_workspace
from .server import FakeSlack
from .workspace import Channel, User, Workspace

__all__ = ["Call", "Channel", "FakeSlack", "User", "Workspace", "seeded_workspace"]
