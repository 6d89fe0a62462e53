"""`pledgekit push` over real HTTP against a small CKAN-shaped server: the payload's mapping, the calls it
makes (compare first), and each failure's refusal code and exit code; the token never shown."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from corpus import make_small

NAME = "beijing-district-pledges"
TOKEN = "secret-token-0123456789"


class FakeCkan:
    """Answers ``/api/3/action/<name>`` from ``answers[name]`` = (status, body or None, delay)."""

    def __init__(self) -> None:
        self.answers: dict[str, tuple[int, Any, float]] = {}
        self.late: dict[str, float] = {}  # seconds to wait before sending an answer already acted on
        self.calls: list[tuple[str, str | None]] = []  # action, Authorization header
        self.created: dict[str, Any] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                action = self.path.rsplit("/", 1)[-1]
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                fake.calls.append((action, self.headers.get("Authorization")))
                status, result, delay = fake.answer(action, body)
                time.sleep(delay + fake.late.get(action, 0))
                data = result if isinstance(result, bytes) else json.dumps(result).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # a late answer the client no longer waits for (a timeout test)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = False  # server_close waits for a late answer: none outlives its test
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def answer(self, action: str, body: dict[str, Any]) -> tuple[int, Any, float]:
        if action in self.answers:
            return self.answers[action]
        if action == "package_create":
            self.created[body["name"]] = body
            return 200, {"success": True, "result": body}, 0
        if action == "package_show" and body["id"] in self.created:
            stored = dict(self.created[body["id"]], organization={"name": "org"}, state="active")
            return 200, {"success": True, "result": stored}, 0
        if action in ("package_show", "group_show"):
            return 404, {"success": False, "error": {"__type": "Not Found Error", "message": "Not found"}}, 0
        return 200, {"success": True, "result": {"name": body.get("name") or body.get("id")}}, 0


@pytest.fixture
def ckan() -> Iterator[FakeCkan]:
    fake = FakeCkan()
    threading.Thread(target=fake.httpd.serve_forever, daemon=True).start()
    yield fake
    fake.httpd.shutdown()
    fake.httpd.server_close()


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("push")
    make_small(work / "datapackages" / NAME)
    assert run_cli("publish", cwd=work, env={"SOURCE_DATE_EPOCH": "1764000000"}).returncode == 0
    return work / "dist" / NAME / "1.0.0"


def _push(fake: FakeCkan, release: Path, *more: str, token: str | None = TOKEN) -> Any:
    args = ["push", str(release), "--url", fake.url, "--organization", "org", "--base-url", "https://d.example.org"]
    result = run_cli(*args, *more, cwd=release.parent, env={"CKAN_API_TOKEN": token} if token else {})
    assert TOKEN not in result.stdout + result.stderr
    return result


def test_the_payload_is_what_ckan_and_ckanext_dcat_read(ckan: FakeCkan, release: Path) -> None:
    assert _push(ckan, release).returncode == 0
    sent = ckan.created[f"{NAME}-1-0-0"]
    assert (sent["owner_org"], sent["license_id"], sent["version"]) == ("org", "cc-by", "1.0.0")
    assert sent["groups"] == [{"name": NAME}]
    extras = {e["key"]: e["value"] for e in sent["extras"]}
    assert {"theme", "spatial_uri", "temporal_start", "temporal_end", "contact_name", "issued"} <= set(extras)
    sums = dict(reversed(line.split("  ", 1)) for line in (release / "SHA256SUMS").read_text().splitlines())
    for resource in sent["resources"]:
        assert resource["url"] == f"https://d.example.org/{NAME}/1.0.0/{resource['name']}"
        assert resource["hash"] == sums[resource["name"]]  # bare hex
        assert resource["hash_algorithm"] == "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"
        assert resource["format"].startswith("http://publications.europa.eu/resource/authority/file-type/")
        assert resource["mimetype"].startswith("https://www.iana.org/assignments/media-types/")
        assert resource["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert all(header == TOKEN for _, header in ckan.calls)
    actions = [a for a, _ in ckan.calls]
    assert actions == ["status_show", "organization_show", "group_show", "group_create", "package_show",
                       "package_create", "package_show"]  # fmt: skip


def test_the_release_ckan_json_is_the_record_push_sends(ckan: FakeCkan, tmp_path: Path) -> None:
    """ckan.json is the payload less what only the portal knows: organization, series and fingerprint."""
    make_small(tmp_path / "datapackages" / NAME)
    published = run_cli("publish", "--base-url", "https://d.example.org/", cwd=tmp_path)
    assert published.returncode == 0, published.stderr
    release = tmp_path / "dist" / NAME / "1.0.0"
    assert _push(ckan, release).returncode == 0
    sent = dict(ckan.created[f"{NAME}-1-0-0"])
    assert (sent.pop("owner_org"), sent.pop("groups")) == ("org", [{"name": NAME}])
    fingerprint = {
        "key": "pledgekit_checksums",
        "value": hashlib.sha256((release / "SHA256SUMS").read_bytes()).hexdigest(),
    }
    sent["extras"].remove(fingerprint)
    assert sent == json.loads((release / "ckan.json").read_text(encoding="utf-8"))


def test_publishing_without_a_base_url_says_the_links_are_relative(tmp_path: Path) -> None:
    make_small(tmp_path / "datapackages" / NAME)
    relative = run_cli("publish", "--dry-run", cwd=tmp_path)
    absolute = run_cli("publish", "--dry-run", "--base-url", "https://d.example.org/", cwd=tmp_path)
    assert relative.returncode == absolute.returncode == 0
    assert "--base-url" in relative.stderr and "relative" in relative.stderr
    assert "relative" not in absolute.stderr


def test_without_a_base_url_ckan_json_names_the_files_by_path(release: Path) -> None:
    written = json.loads((release / "ckan.json").read_text(encoding="utf-8"))
    assert "url" not in written and "owner_org" not in written
    assert [r["url"] for r in written["resources"]] == [r["name"] for r in written["resources"]]
    assert all((release / r["url"]).is_file() for r in written["resources"])


def test_a_portal_with_dataset_series_gets_a_series_and_the_schema_fields(ckan: FakeCkan, release: Path) -> None:
    ok = {"success": True}
    ckan.answers["status_show"] = (
        200,
        {**ok, "result": {"extensions": ["dcat", "scheming_datasets", "dataset_series"]}},
        0,
    )
    fields = [{"field_name": "theme"}, {"field_name": "issued"}, {"field_name": "in_series"},
              {"field_name": "contact", "repeating_subfields": [{"field_name": "name"}, {"field_name": "email"}]},
              {"field_name": "temporal_coverage",
               "repeating_subfields": [{"field_name": "start"}, {"field_name": "end"}]}]  # fmt: skip
    ckan.answers["scheming_dataset_schema_show"] = (200, {**ok, "result": {"dataset_fields": fields}}, 0)
    assert _push(ckan, release).returncode == 0
    series, sent = ckan.created[NAME], ckan.created[f"{NAME}-1-0-0"]
    assert (series["type"], series["owner_org"], sent["in_series"]) == ("dataset_series", "org", [NAME])
    assert "groups" not in sent
    assert sent["theme"] == ["http://publications.europa.eu/resource/authority/data-theme/GOVE"]
    assert sent["contact"] == [{"name": "pledgekit data stewards"}] == series["contact"]
    assert sent["temporal_coverage"] == [{"start": "2016-01-01", "end": "2025-12-31"}]
    keys = {e["key"] for e in sent["extras"]}
    assert not keys & {"theme", "issued", "contact_name", "temporal_start", "temporal_end"}
    assert {"spatial_uri", "publisher_name", "identifier"} <= keys
    actions = [a for a, _ in ckan.calls]
    assert actions == ["status_show", "organization_show", "scheming_dataset_schema_show",
                       "scheming_dataset_schema_show", "package_show", "package_create", "package_show",
                       "package_create", "package_show"]  # fmt: skip


def test_a_second_push_only_reads(ckan: FakeCkan, release: Path) -> None:
    assert _push(ckan, release).returncode == 0
    ckan.calls.clear()
    ckan.answers["group_show"] = (200, {"success": True, "result": {"name": NAME}}, 0)
    again = _push(ckan, release)
    assert again.returncode == 0 and "unchanged" in again.stdout
    assert not [a for a, _ in ckan.calls if a.endswith("_create")]


def test_other_content_under_the_same_version_is_refused(ckan: FakeCkan, release: Path) -> None:
    assert _push(ckan, release).returncode == 0
    ckan.created[f"{NAME}-1-0-0"]["resources"][0]["hash"] = "0" * 64
    refused = _push(ckan, release)
    assert refused.returncode == 3 and "[version-exists]" in refused.stderr


def test_dry_run_prints_the_writes_and_sends_none(ckan: FakeCkan, release: Path) -> None:
    dry = _push(ckan, release, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert f"POST {ckan.url}/api/3/action/package_create" in dry.stdout
    assert '"hash_algorithm"' in dry.stdout
    assert not [a for a, _ in ckan.calls if a.endswith("_create")]


def test_a_dry_run_in_json_keeps_stdout_json(ckan: FakeCkan, release: Path) -> None:
    dry = _push(ckan, release, "--dry-run", "--format", "json")
    assert dry.returncode == 0, dry.stderr
    assert [d["state"] for d in json.loads(dry.stdout)] == ["would create"]
    assert f"POST {ckan.url}/api/3/action/package_create" in dry.stderr


DENIED = {"success": False, "error": {"__type": "Authorization Error", "message": "Access denied"}}
INVALID = {"success": False, "error": {"__type": "Validation Error", "tags": ["must be alphanumeric"]}}


@pytest.mark.parametrize(
    ("action", "answer", "code", "exit_code"),
    [
        ("package_create", (403, DENIED, 0), "ckan-denied", 3),
        ("status_show", (401, b"Unauthorized", 0), "ckan-denied", 3),
        ("package_create", (409, INVALID, 0), "ckan-rejected", 1),
        ("status_show", (404, b"<html>no such page</html>", 0), "ckan-not-found", 2),
        (
            "organization_show",
            (404, {"success": False, "error": {"__type": "Not Found Error"}}, 0),
            "ckan-not-found",
            2,
        ),
        ("status_show", (502, b"Bad gateway", 0), "ckan-unreachable", 4),
        ("package_create", (500, b"Internal Server Error", 0), "ckan-unreachable", 4),
    ],
)
def test_each_failure_has_its_code_and_exit(
    ckan: FakeCkan, release: Path, action: str, answer: tuple[int, Any, float], code: str, exit_code: int
) -> None:
    ckan.answers[action] = answer
    failed = _push(ckan, release)
    assert failed.returncode == exit_code, failed.stderr
    assert f"[{code}]" in failed.stderr and "Traceback" not in failed.stderr
    calls = [a for a, _ in ckan.calls]
    assert calls.count(action) == (3 if answer[0] >= 500 and action.endswith("_show") else 1)  # reads retried


def test_a_timeout_is_retried_for_reads_then_reported(ckan: FakeCkan, release: Path) -> None:
    ckan.answers["status_show"] = (200, {"success": True, "result": {}}, 2.5)
    slow = _push(ckan, release, "--timeout", "1")
    assert slow.returncode == 4 and "[ckan-unreachable]" in slow.stderr and "within 1 s" in slow.stderr
    assert [a for a, _ in ckan.calls] == ["status_show"] * 3


def test_without_a_token_nothing_is_sent(ckan: FakeCkan, release: Path) -> None:
    missing = _push(ckan, release, token=None)
    assert missing.returncode == 2 and "[ckan-token-missing]" in missing.stderr
    assert ckan.calls == []


def test_a_licence_ckan_does_not_know_is_refused(ckan: FakeCkan, release: Path, tmp_path: Path) -> None:
    from pledgekit.push.payload import licence_id

    assert licence_id({"licenses": [{"name": "CC0-1.0"}]}) == ("cc-zero", None)
    assert licence_id({"licenses": [{"name": "CC-BY-SA-4.0"}]}) == ("cc-by-sa", None)  # not cc-by
    assert licence_id({"licenses": [{"name": "cc-by"}]}) == ("cc-by", None)  # already CKAN's
    assert licence_id({"licenses": [{"name": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/"}]}) == (
        "odc-odbl",
        "https://opendatacommons.org/licenses/odbl/",
    )
    from pledgekit.errors import LoadError

    with pytest.raises(LoadError) as refused:
        licence_id({"licenses": [{"name": "my-own-terms"}]})
    assert refused.value.code == "ckan-licence-unknown"


@pytest.fixture
def closed() -> Iterator[str]:
    """The URL of a loopback port held bound but not listening: connecting is refused, and no other server
    can take the port meanwhile."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_a_refused_connection_is_unreachable(release: Path, closed: str) -> None:
    args = ["push", str(release), "--url", closed, "--organization", "org", "--base-url", "https://d.e.org"]
    refused = run_cli(*args, cwd=release.parent, env={"CKAN_API_TOKEN": TOKEN})
    assert refused.returncode == 4 and "[ckan-unreachable]" in refused.stderr and "ConnectionError" in refused.stderr
    assert TOKEN not in refused.stdout + refused.stderr and "Traceback" not in refused.stderr


def test_reads_are_retried_with_growing_pauses_and_writes_never(closed: str) -> None:
    from pledgekit.errors import EnvironmentFailure
    from pledgekit.push.portal import Portal

    for action, pauses in (("status_show", [0.5, 1.0]), ("package_create", [])):
        slept: list[float] = []
        portal = Portal(closed, TOKEN, sleep=slept.append)
        with pytest.raises(EnvironmentFailure) as failed:
            portal.call(action, {"name": "x"})
        assert (failed.value.code, slept) == ("ckan-unreachable", pauses)


def test_a_create_whose_answer_was_lost_is_read_back(ckan: FakeCkan, release: Path) -> None:
    """The portal stored the dataset but its answer came too late: the push reads it back, finds it as
    sent and succeeds, without sending it twice."""
    ckan.late["package_create"] = 2.5
    done = _push(ckan, release, "--timeout", "1")
    assert done.returncode == 0, done.stderr
    assert "created" in done.stdout
    actions = [a for a, _ in ckan.calls]
    assert actions.count("package_create") == 1 and actions[-1] == "package_show"


@pytest.mark.parametrize("base_url", [None, "dist", "d.example.org/pledges"])
def test_resource_urls_are_never_relative(ckan: FakeCkan, release: Path, base_url: str | None) -> None:
    """CKAN turns a relative URL into a dead link (``data/x.csv`` → ``http://data/x.csv``): push refuses
    to send one."""
    args = ["push", str(release), "--url", ckan.url, "--organization", "org"]
    refused = run_cli(*args, *(["--base-url", base_url] if base_url else []), cwd=release.parent,
                      env={"CKAN_API_TOKEN": TOKEN})  # fmt: skip
    assert refused.returncode == 2 and "[ckan-base-url]" in refused.stderr
    assert ckan.calls == []


def test_without_the_ckan_client_installed_the_fix_is_named(
    ckan: FakeCkan, release: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "ckanapi", None)  # what an import finds when it is absent
    missing = _push(ckan, release)
    assert missing.returncode == 4 and "[ckan-client-missing]" in missing.stderr and "pledgekit[ckan]" in missing.stderr
    assert ckan.calls == []


def test_a_release_that_does_not_verify_is_not_sent(ckan: FakeCkan, release: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / NAME / "1.0.0"
    shutil.copytree(release, copy)
    (copy / "data" / "metrics.csv").write_bytes((copy / "data" / "metrics.csv").read_bytes() + b"\n")
    corrupt = _push(ckan, copy)
    assert corrupt.returncode == 5 and "[release-corrupt]" in corrupt.stderr and "data/metrics.csv" in corrupt.stderr
    nothing = _push(ckan, tmp_path / "empty")
    assert nothing.returncode == 1 and "[not-a-release]" in nothing.stderr
    assert ckan.calls == []


def test_a_deleted_version_is_not_re_created(ckan: FakeCkan, release: Path) -> None:
    deleted = {"success": True, "result": {"name": f"{NAME}-1-0-0", "state": "deleted"}}
    ckan.answers["package_show"] = (200, deleted, 0)
    refused = _push(ckan, release)
    assert refused.returncode == 3 and "[version-exists]" in refused.stderr
    assert not [a for a, _ in ckan.calls if a == "package_create"]


def test_the_site_and_organization_come_from_the_environment(ckan: FakeCkan, release: Path) -> None:
    env = {"CKAN_API_TOKEN": TOKEN, "CKAN_URL": ckan.url, "CKAN_ORGANIZATION": "from-env"}
    done = run_cli("push", str(release), "--base-url", "https://d.example.org", cwd=release.parent, env=env)
    assert done.returncode == 0, done.stderr
    assert ckan.created[f"{NAME}-1-0-0"]["owner_org"] == "from-env"


def test_the_site_organization_and_base_url_come_from_the_configuration(ckan: FakeCkan, release: Path) -> None:
    """pledgekit.toml of the checkout (searched from the working directory upward); an option still wins."""
    work = release.parent.parent.parent
    (work / "pledgekit.toml").write_text(
        f'ckan_url = "{ckan.url}"\nckan_organization = "from-config"\nbase_url = "https://d.example.org"\n',
        encoding="utf-8",
    )
    try:
        done = run_cli("push", str(release), cwd=release.parent, env={"CKAN_API_TOKEN": TOKEN})
        assert done.returncode == 0, done.stderr
        assert ckan.created[f"{NAME}-1-0-0"]["owner_org"] == "from-config"
        assert all(r["url"].startswith("https://d.example.org/") for r in ckan.created[f"{NAME}-1-0-0"]["resources"])
        (work / "pledgekit.toml").write_text("ckan_organization = 7\n", encoding="utf-8")
        bad = run_cli("push", str(release), cwd=release.parent, env={"CKAN_API_TOKEN": TOKEN})
        assert bad.returncode == 2
        assert "[config-invalid]" in bad.stderr and "ckan_organization" in bad.stderr
    finally:
        (work / "pledgekit.toml").unlink()


@pytest.mark.parametrize("url", ["http://ckan.example.org", "http://10.0.0.5:5000", "ckan.example.org", "ftp://c.org"])
def test_the_token_is_never_sent_unencrypted(release: Path, url: str) -> None:
    """Plain http is taken for a site on this machine only (every other test here uses one)."""
    args = ["push", str(release), "--url", url, "--organization", "org", "--base-url", "https://d.example.org"]
    refused = run_cli(*args, cwd=release.parent, env={"CKAN_API_TOKEN": TOKEN})
    assert refused.returncode == 2 and "[ckan-url]" in refused.stderr and TOKEN not in refused.stderr
