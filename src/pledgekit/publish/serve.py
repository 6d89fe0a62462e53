"""``pledgekit serve``: a releases folder on 127.0.0.1 for local inspection.

Only what a portal would publish is served: files inside the folder, reached without a symbolic link
out of it, and none of the hidden working files (``.staging-*``, ``.publish.lock``); anything else is
404. Text formats carry ``charset=utf-8`` so a browser shows Chinese text as written.
"""

from __future__ import annotations

import html
import io
import os
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from ..errors import EnvironmentFailure

TEXT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".jsonld": "application/ld+json; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".py": "text/x-python; charset=utf-8",
    ".sql": "application/sql; charset=utf-8",
}


class ReleaseHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, directory: str, **kwargs: Any) -> None:
        self.root = Path(directory).resolve()
        self.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TEXT_TYPES}
        super().__init__(*args, directory=directory, **kwargs)

    def _allowed(self) -> bool:
        path = unquote(urlsplit(self.path).path)
        if "\x00" in path or "\\" in path:
            return False
        parts = [part for part in path.split("/") if part]
        if any(part.startswith(".") for part in parts):
            return False  # hidden working files, and "." / ".." segments
        target = Path(os.path.realpath(self.root.joinpath(*parts)))
        return target == self.root or target.is_relative_to(self.root)

    def send_head(self) -> Any:
        if not self._allowed():
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        return super().send_head()

    def list_directory(self, path: str | os.PathLike[str]) -> Any:
        """A folder without an index page: its visible entries only (never the hidden working files)."""
        try:
            names = sorted(entry.name for entry in Path(path).iterdir() if not entry.name.startswith("."))
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        shown = html.escape(unquote(urlsplit(self.path).path))
        items = "".join(
            f'<li><a href="{quote(name)}{"/" if Path(path, name).is_dir() else ""}">{html.escape(name)}</a></li>'
            for name in names
        )
        body = f"<!doctype html><meta charset=utf-8><title>{shown}</title><h1>{shown}</h1><ul>{items}</ul>"
        data = body.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the command prints where it serves and nothing else."""


def server(directory: Path, port: int) -> ThreadingHTTPServer:
    """A server for ``directory`` on 127.0.0.1; ``port-unavailable`` when the port cannot be bound."""
    handler = partial(ReleaseHandler, directory=str(directory))
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise EnvironmentFailure("port-unavailable", f"port {port}: {exc.strerror}", path=str(directory)) from None
