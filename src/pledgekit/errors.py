"""Exceptions for "cannot continue"; findings about data are Issues, never exceptions.

PledgekitError            exit_code 1
├── LoadError             unreadable input (bad JSON, missing file)           exit 1
├── PolicyError           refused by policy (unsafe path, remote reference)   exit 3
└── EnvironmentFailure    I/O failure of the machine (disk full, permission)  exit 4
"""

from __future__ import annotations


class PledgekitError(Exception):
    """Base class; carries the file it is about and a stable code."""

    exit_code = 1

    def __init__(self, code: str, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = path

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


class LoadError(PledgekitError):
    """The input cannot be read or parsed at all."""


class PolicyError(PledgekitError):
    """The input asks for something the toolkit refuses to do (path escape, URL, symlink)."""

    exit_code = 3


class EnvironmentFailure(PledgekitError):
    """The machine failed us (ENOSPC, EROFS, EACCES)."""

    exit_code = 4


class IntegrityError(PledgekitError):
    """Bytes do not match the checksum they were published or validated with."""

    exit_code = 5
