"""Examples at the foot of every command's help, as `git` and `gh` show them."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn


class OneLineParser(argparse.ArgumentParser):
    """Argument errors in one line, like every other error of `rapport`, pointing at the command's help."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"rapport: {message} (see `{self.prog} --help`)\n")


EXAMPLES: dict[str, Any] = {"formatter_class": argparse.RawDescriptionHelpFormatter}


def with_examples(*lines: str) -> dict[str, Any]:
    """Keyword arguments for `add_parser`: an "examples:" epilog, kept as written."""
    return {**EXAMPLES, "epilog": "examples:\n" + "\n".join(f"  {line}" for line in lines)}
