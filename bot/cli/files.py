"""The files commands read and write: whatever is wrong with a path is one line naming it, never a traceback.

Outputs are checked before any work (a folder to write in, no folder in the way, an existing file replaced
only with --force) and written whole or not at all.
"""

from __future__ import annotations

import argparse
import codecs
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from bot.config import ConfigError

_UNDECODED = re.compile("[\udc80-\udcff]")  # surrogateescape's stand-ins for bytes that did not decode


def read_bytes(path: Path, what: str) -> bytes:
    """The file's bytes; `what` names it in the error ("the roster", "--env-file")."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise ConfigError(cannot_read(path, what, error)) from None


def decode(data: bytes, encoding: str, what: str) -> str:
    """`data` as text; bytes that are not `encoding` are one line naming the lines they are on.

    UTF-8 takes a byte order mark (Excel's "CSV UTF-8") too."""
    codec = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    try:
        text = data.decode(codec, errors="surrogateescape")  # each byte that does not decode: a marker
    except UnicodeDecodeError as error:  # a multi-byte encoding (utf-16) cut short
        raise ConfigError(
            f"{what} is not {encoding} text ({error.reason}): name its real encoding with --encoding"
        ) from None
    bad = [
        (n, found.group()) for n, line in enumerate(text.split("\n"), 1) if (found := _UNDECODED.search(line))
    ]
    if not bad:
        return text
    first, marker = bad[0]
    where = f"line {first} has byte 0x{ord(marker) - 0xDC00:02X}"
    if len(bad) > 1:
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        where += f" (so do lines {', '.join(str(n) for n, _ in bad[1:5])}{more})"
    hint = (
        "save it as 'CSV UTF-8', or name its encoding, e.g. --encoding cp1252"
        if codec == "utf-8-sig"
        else "name its real encoding with --encoding"
    )
    raise ConfigError(f"{what} is not {encoding} text: {where}; {hint}")


def encoding(name: str) -> str:
    """An encoding Python knows (argparse type for --encoding)."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"{name!r} is not an encoding: try utf-8, cp1252 (Excel on Windows) or latin-1"
        ) from None


def cannot_read(path: Path, what: str, error: OSError) -> str:
    """One line saying why `path` could not be read."""
    if isinstance(error, IsADirectoryError):
        return f"{what} {path} is a folder: name a file"
    if isinstance(error, FileNotFoundError):
        return f"{what} {path} does not exist"
    if isinstance(error, NotADirectoryError):
        return f"{what} {path}: {_file_in_the_way(path)} is a file, not a folder"
    if isinstance(error, PermissionError):
        return f"{what} {path} cannot be read: permission denied"
    return f"{what} {path} cannot be read: {error.strerror or error}"


def check_output(path: Path, option: str, force: bool) -> None:
    """Raise ConfigError, before any work, when `path` cannot or should not be written."""
    if path.is_dir():
        raise ConfigError(f"{option} {path} is a folder: name a file in it")
    folder = path.parent
    if not folder.is_dir():
        blocker = _file_in_the_way(path)
        if blocker is not None:
            raise ConfigError(f"{option} {path}: {blocker} is a file, not a folder")
        raise ConfigError(f"{option} {path}: there is no folder {folder} (create it first)")
    if path.exists() and not force:
        raise ConfigError(f"{option} {path} already exists: add --force to replace it, or name another file")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"{option} {path} cannot be written: permission denied in {folder}")


def check_database_file(path: Path, option: str) -> None:
    """A SQLite file a command keeps (`--db`): it may be new (its folders are made), never a folder."""
    if path.is_dir():
        raise ConfigError(f"{option} {path} is a folder: name a file in it, like {path / 'rapport.sqlite'}")
    blocker = _file_in_the_way(path)
    if blocker is not None:
        raise ConfigError(f"{option} {path}: {blocker} is a file, not a folder")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise ConfigError(f"{option} {path} cannot be opened: permission denied")


@contextmanager
def output_file(path: Path, option: str) -> Iterator[TextIO]:
    """Write `path` whole or not at all: into PATH.partial, renamed over PATH once complete."""
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            yield out
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        reason = "permission denied" if isinstance(error, PermissionError) else error.strerror or error
        raise ConfigError(f"{option} {path} cannot be written: {reason}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_text(path: Path, option: str, text: str) -> None:
    with output_file(path, option) as out:
        out.write(text)


def _file_in_the_way(path: Path) -> Path | None:
    """The first of `path`'s folders that is a file (`roster.csv/x.csv`), if any."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return None
