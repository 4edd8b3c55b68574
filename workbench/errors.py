"""Errors raised to the user, with messages that name the file and what is wrong."""

from __future__ import annotations


class LoadError(Exception):
    """A file, row or URL could not be read; the message names it and why."""

    def __init__(self, path: str, message: str, location: str = "") -> None:
        self.path = path
        self.location = location
        self.reason = message
        where = f"{path} ({location})" if location else path
        super().__init__(f"{where}: {message}")
