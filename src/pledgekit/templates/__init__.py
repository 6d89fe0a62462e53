"""Jinja2 templates (HTML escaped automatically) and the stylesheet of the site and the HTML report."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


@cache
def environment() -> jinja2.Environment:
    import jinja2  # imported when a page is rendered, not at start-up

    loader = jinja2.FunctionLoader(lambda name: (files(__name__) / name).read_text(encoding="utf-8"))
    return jinja2.Environment(
        loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )


def stylesheet() -> bytes:
    return (files(__name__) / "style.css").read_bytes()
