"""``pledgekit serve`` serves what a portal would publish and nothing else (threat model: no symlink
followed, no hidden working file, no crash on a hostile request), and a busy port is a refusal."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli
from pledgekit.publish.serve import server


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    dist = tmp_path / "dist"
    (dist / "pkg" / "1.0.0" / "data").mkdir(parents=True)
    (dist / "pkg" / "1.0.0" / "data" / "metrics.csv").write_text("id,名称\nm-1,学校\n", encoding="utf-8")
    (dist / ".publish.lock").write_text("123", encoding="utf-8")
    (dist / ".staging-abc").mkdir()
    (dist / ".staging-abc" / "x.csv").write_text("half written", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    (dist / "link.txt").symlink_to(tmp_path / "secret.txt")
    (dist / "linkdir").symlink_to(tmp_path)
    httpd = server(dist, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], dist
    finally:
        httpd.shutdown()
        httpd.server_close()


def _get(port: int, path: str) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type") or "", body


def test_a_release_file_is_served_as_utf8(served: tuple[int, Path]) -> None:
    status, kind, body = _get(served[0], "/pkg/1.0.0/data/metrics.csv")
    assert (status, kind) == (200, "text/csv; charset=utf-8")
    assert body.decode("utf-8") == "id,名称\nm-1,学校\n"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("sources/a.txt", "text/plain"), ("CHANGELOG.md", "text/markdown"), ("catalogue.json", "application/json"),
     ("dcat.jsonld", "application/ld+json"), ("style.css", "text/css"), ("load/load_pandas.py", "text/x-python"),
     ("load/load.sql", "application/sql"), ("scorecard.html", "text/html")],
)  # fmt: skip
def test_every_text_type_of_a_release_says_utf8(served: tuple[int, Path], name: str, expected: str) -> None:
    target = served[1] / "pkg" / "1.0.0" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("-- 北京市\n", encoding="utf-8")
    status, kind, body = _get(served[0], f"/pkg/1.0.0/{name}")
    assert (status, kind, body.decode("utf-8")) == (200, f"{expected}; charset=utf-8", "-- 北京市\n")


@pytest.mark.parametrize(
    "path",
    ["/.publish.lock", "/.staging-abc/x.csv", "/link.txt", "/linkdir/secret.txt", "/%00", "/pkg/%00x",
     "/pkg/../../secret.txt", "/pkg/..%2f..%2fsecret.txt", "/%2e%2e/secret.txt", "/pkg\\..\\..\\secret.txt"],
)  # fmt: skip
def test_nothing_outside_or_hidden_is_served(served: tuple[int, Path], path: str) -> None:
    status, _, body = _get(served[0], path)
    assert status == 404
    assert b"outside" not in body and b"half written" not in body


def test_a_busy_port_is_a_refusal(tmp_path: Path) -> None:
    (tmp_path / "dist").mkdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve", "dist", "--port", str(port), cwd=tmp_path)
    assert result.returncode == 4
    assert "[port-unavailable]" in result.stderr and "Traceback" not in result.stderr


def test_a_folder_listing_shows_no_hidden_working_file(served: tuple[int, Path]) -> None:
    status, kind, body = _get(served[0], "/")
    text = body.decode("utf-8")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert 'href="pkg/"' in text
    assert ".publish.lock" not in text and ".staging" not in text
