"""Exceptions for "cannot continue"; findings about data are Issues, never exceptions.

PledgekitError
├── LoadError             unreadable input (bad JSON, missing file)           exit 1
├── PolicyError           refused by policy (unsafe path, remote reference)   exit 3
├── EnvironmentFailure    I/O failure of the machine (disk full, permission)  exit 4
└── IntegrityError        bytes that do not match their checksum              exit 5

The exit code is the refusal code's (``messages/refusals.py``); a test keeps each code with its kind.
"""

from __future__ import annotations

from .codes import Lang, Refusal
from .messages.refusals import refusal


class PledgekitError(Exception):
    """Base class; carries the file it is about and a stable refusal code (``codes.Refusal``), whose
    catalogue entry gives the exit code and the message in both languages."""

    def __init__(self, code: str, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.code = Refusal(code)  # an unknown code is a programming error (ValueError)
        self.message = message
        self.path = path

    @property
    def exit_code(self) -> int:
        return refusal(self.code).exit

    def describe(self, lang: Lang = "en") -> str:
        """The refusal in a language, the detail and the hint: what a user reads."""
        entry = refusal(self.code)
        summary, hint = (entry.zh, entry.hint_zh) if lang == "zh" else (entry.en, entry.hint_en)
        where = f"{self.path}: " if self.path else ""
        return f"{where}{summary}: {self.message} [{self.code}]\n  hint: {hint}"

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


class LoadError(PledgekitError):
    """The input cannot be read or parsed at all."""


class UsageError(PledgekitError):
    """The command asks for something that does not exist or cannot be meant (exit 2): a version that is
    not SemVer, a git ref the clone does not have."""


class PolicyError(PledgekitError):
    """The input asks for something the toolkit refuses to do (path escape, URL, symlink)."""


class EnvironmentFailure(PledgekitError):
    """The machine failed us (ENOSPC, EROFS, EACCES)."""


class IntegrityError(PledgekitError):
    """Bytes do not match the checksum they were published or validated with."""
