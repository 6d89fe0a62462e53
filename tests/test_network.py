"""No socket is ever opened during validation (threat model A5-A6): a loopback server counts hits."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import run_cli
from pledgekit.checks import descriptor
from pledgekit.errors import PolicyError


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared with the test through the class, reset per server

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        body = b'{"type": "object"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    _Counter.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", _Counter.hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def _plant(package: Path, change: Callable[[dict[str, object]], None]) -> None:
    path = package / "datapackage.json"
    descriptor_ = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor_)
    path.write_text(json.dumps(descriptor_), encoding="utf-8")


@pytest.mark.parametrize("where", ["path", "schema", "dialect"])
def test_url_in_a_resource_is_refused_without_a_request(
    server: tuple[str, list[str]], small_package: Callable[[int], Path], where: str
) -> None:
    url, hits = server
    package = small_package(3)
    _plant(package, lambda d: d["resources"][5].__setitem__(where, f"{url}/x"))  # type: ignore[index]
    result = run_cli("validate", cwd=package.parent.parent)
    assert result.returncode == 3
    assert "[path-remote]" in result.stderr
    assert hits == []


@pytest.mark.parametrize("key", ["$schema", "profile"])
def test_url_as_the_descriptor_profile_is_not_fetched(
    server: tuple[str, list[str]], small_package: Callable[[int], Path], key: str
) -> None:
    url, hits = server
    package = small_package(3)
    _plant(package, lambda d: d.__setitem__(key, f"{url}/profile.json"))
    result = run_cli("validate", "--format", "json", cwd=package.parent.parent)
    assert result.returncode == 1
    assert {i["code"] for i in json.loads(result.stdout)["issues"]} == {"descriptor-invalid"}
    assert hits == []


def test_url_as_a_table_schema_profile_is_not_fetched(
    server: tuple[str, list[str]], small_package: Callable[[int], Path]
) -> None:
    url, hits = server
    package = small_package(3)
    # a resource of the package's own (the standard's resources are checked against the standard's schemas)
    (package / "data/extra.csv").write_text("id,note\n1,a\n", encoding="utf-8")
    schema = {"$schema": f"{url}/tableschema.json", "fields": [{"name": "id"}, {"name": "note"}]}
    (package / "schemas/extra.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"].append({"name": "extra", "path": "data/extra.csv", "schema": "schemas/extra.schema.json"})
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    result = run_cli("validate", cwd=package.parent.parent)
    assert result.returncode == 3
    assert "[schema-remote]" in result.stderr
    assert hits == []


def test_remote_ref_in_a_profile_is_refused(server: tuple[str, list[str]]) -> None:
    url, hits = server
    profile = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": f"{url}/remote.json"}
    with pytest.raises(PolicyError) as caught:
        descriptor.errors({"name": "x"}, profile)
    assert caught.value.exit_code == 3
    assert hits == []


def test_file_ref_in_a_profile_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"type": "string"}', encoding="utf-8")
    profile = {"$ref": secret.as_uri()}
    with pytest.raises(PolicyError):
        descriptor.errors({"name": "x"}, profile)
