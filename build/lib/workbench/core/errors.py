"""Errors raised to the user, with messages that name the file and what is wrong.

Every error the workbench raises on purpose is a :class:`WorkbenchError`; the command
line turns one into a one-line message and exit code 2, never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """Something the user can fix: the message says what and where."""


class LoadError(WorkbenchError):
    """A file, row or URL could not be read; the message names it and why."""

    def __init__(self, path: str, message: str, location: str = "") -> None:
        self.path = path
        self.location = location
        self.reason = message
        where = f"{path} ({location})" if location else path
        super().__init__(f"{where}: {message}")


class ProfileError(WorkbenchError, ValueError):
    """A profile could not be read; the message names the file, each line and what is wrong."""

    def __init__(self, path: str | Path, problems: list[tuple[int, str]]) -> None:
        self.path, self.problems, name = str(path), sorted(problems), Path(path).name
        lines = [
            f"  {name}, line {n}: {msg}" if n else f"  {name}: {msg}" for n, msg in self.problems
        ]
        super().__init__(f"invalid profile {path} ({len(lines)} problem(s)):\n" + "\n".join(lines))


class StoreError(WorkbenchError, RuntimeError):
    """The store cannot be used as asked (e.g. no sentence splitter learnt yet)."""


class ReportError(WorkbenchError, RuntimeError):
    """A notebook could not be executed; the message names it and the error."""
