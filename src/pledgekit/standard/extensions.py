"""Extensions: a package's own vocabulary rows, kept beside the standard's codelists instead of in a fork.

A package extends a codelist by declaring one more resource, named after the codelist with
``-extension``, whose schema is the standard's Table Schema of that codelist::

    {"name": "indicators-extension", "path": "extensions/indicators.csv",
     "schema": "schemas/indicators.schema.json"}

Its rows are checked by the same Table Schema as the standard's rows, then merged with them for every
check: a commitment or a metric may use an extension code wherever it may use a standard one. An
extension adds codes and never changes one: a code (or another unique field, such as a unit's
``symbol_zh``) the standard already has is ``extension-collision``, and an extension indicator narrows
a core indicator of the standard (``extension-broader``). ``pledgekit standard sync`` writes only the
standard's copies (``copies.plan``), so it never touches an extension.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

    from ..io.tables import Table

# The codelists a package may extend (divisions are the national list; an area has no code of its own).
EXTENSIBLE = ("units", "indicators")
SUFFIX = "-extension"
NAMES = tuple(f"{name}{SUFFIX}" for name in EXTENSIBLE)


def name_of(codelist: str) -> str:
    """The resource name of ``codelist``'s extension: ``indicators`` → ``indicators-extension``."""
    return f"{codelist}{SUFFIX}"


def extended(resource: str) -> str | None:
    """The codelist a resource extends (``indicators-extension`` → ``indicators``), or None."""
    base = resource.removesuffix(SUFFIX)
    return base if resource.endswith(SUFFIX) and base in EXTENSIBLE else None


def merged_frame(base: pl.DataFrame | None, extension: pl.DataFrame | None) -> pl.DataFrame | None:
    """The standard's rows, then the extension's (so a lookup that keeps the first row of a code keeps the
    standard's when the two collide)."""
    import polars as pl

    frames = [f for f in (base, extension) if f is not None]
    if not frames:
        return None
    return frames[0] if len(frames) == 1 else pl.concat(frames, how="diagonal_relaxed")


def with_extension(name: str, read: Callable[[str], pl.DataFrame | None]) -> pl.DataFrame | None:
    """A resource's rows as ``read`` gives them (None: the package lacks it); a codelist's with the rows of
    the package's extension of it after them."""
    return merged_frame(read(name), read(name_of(name)) if name in EXTENSIBLE else None)


def merged(base: Table | None, extension: Table | None) -> Table | None:
    """A codelist as the checks look it up: the standard's table with the extension's rows added."""
    from dataclasses import replace

    if base is None or extension is None:
        return base or extension
    frame = merged_frame(base.frame, extension.frame)
    assert frame is not None
    return replace(base, frame=frame, lines=None)
