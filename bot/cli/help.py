"""Examples at the foot of every command's help, as `git` and `gh` show them."""

from __future__ import annotations

import argparse
from typing import Any

EXAMPLES: dict[str, Any] = {"formatter_class": argparse.RawDescriptionHelpFormatter}


def with_examples(*lines: str) -> dict[str, Any]:
    """Keyword arguments for `add_parser`: an "examples:" epilog, kept as written."""
    return {**EXAMPLES, "epilog": "examples:\n" + "\n".join(f"  {line}" for line in lines)}
