"""Turn "cannot continue" exceptions into a one-line message and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from ..errors import PledgekitError
from . import options

EXIT_INTERNAL = 70


@contextmanager
def exit_on_error(debug: bool) -> Iterator[None]:
    try:
        yield
    except (typer.Exit, typer.BadParameter):
        raise
    except PledgekitError as exc:
        if debug:
            raise
        sys.stderr.write(f"error: {exc.describe('zh' if options.language(None) is options.Language.zh else 'en')}\n")
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"error: {where}{exc.strerror or exc} [io-error]\n")
        raise typer.Exit(4) from None
    except Exception as exc:  # a bug, not a user mistake: say so briefly, traceback only on --debug
        if debug:
            raise
        sys.stderr.write(f"internal error: {type(exc).__name__}: {exc} (run again with --debug for the traceback)\n")
        raise typer.Exit(EXIT_INTERNAL) from None
