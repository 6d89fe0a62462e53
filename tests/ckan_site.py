"""A real CKAN 2.12 with ckanext-dcat on 127.0.0.1, started and stopped by the test session.

- CKAN and ckanext-dcat from PyPI in their own virtual environment under ``~/.cache/pledgekit-ckan``
  (``PLEDGEKIT_CKAN_CACHE`` moves it), built on first use (about 2 minutes) and reused after;
- PostgreSQL and Redis from Debian (``tests/install-ckan.sh``), each a fresh instance in a temporary folder
  on a free loopback port;
- Solr replaced by ``tests/ckan_solr_standin.py``, in a thread of the test process;
- a sysadmin with an API token and an organization, made with CKAN's own commands.

Everything started is stopped when the session ends, also when a step fails half way.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ckan_solr_standin import server as solr_server

CKAN = "2.12.0"
DCAT = "2.4.4"
SCHEMING = "3.1.0"  # ckanext-dataset-series needs ckanext-scheming's dataset types
SERIES = "0.1.1"  # ckanext-dataset-series: the dataset_series type and the in_series field
PACKAGES = (f"ckan[requirements]=={CKAN}", f"ckanext-dcat=={DCAT}", f"ckanext-scheming=={SCHEMING}",
            f"ckanext-dataset-series=={SERIES}")  # fmt: skip
CACHE = Path(os.environ.get("PLEDGEKIT_CKAN_CACHE", Path.home() / ".cache" / "pledgekit-ckan"))
ORGANIZATION = "pledges-test-org"
# ckanext-dcat's DCAT-AP 3 profile over ckanext-scheming, with ckanext-dcat's own schemas for a dataset in a
# series and for the series (a dataset of type dataset_series), as ckanext-dataset-series documents
SETTINGS = (
    "ckan.plugins=dcat scheming_datasets dataset_series",
    "scheming.dataset_schemas=ckanext.dcat.schemas:dcat_ap_in_series.yaml "
    "ckanext.dcat.schemas:dcat_ap_dataset_series.yaml",
    "scheming.presets=ckanext.scheming:presets.json ckanext.dcat.schemas:presets.yaml "
    "ckanext.dataset_series.schemas:presets.yaml",
    "ckanext.dcat.rdf.profiles=euro_dcat_ap_3",
)


@dataclass(frozen=True)
class Site:
    url: str
    token: str
    organization: str
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(*args: str, cwd: Path | None = None, user: str | None = None, timeout: int = 600) -> str:
    command = ["runuser", "-u", user, "--", *args] if user else list(args)
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args[:3])} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    return done.stdout


def virtualenv() -> Path:
    """The CKAN virtual environment, built once (pip from PyPI) and reused."""
    venv = CACHE / f"ckan-{CKAN}-dcat-{DCAT}-scheming-{SCHEMING}-series-{SERIES}"  # new packages, new folder
    ready = venv / ".ready"
    if ready.is_file():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    _run(sys.executable, "-m", "venv", str(venv))
    _run(str(venv / "bin" / "pip"), "install", "-q", *PACKAGES, timeout=1500)
    ready.write_text("\n".join(PACKAGES) + "\n", encoding="utf-8")
    return venv


def _postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: run tests/install-ckan.sh")
    return found[-1].parent


def _wait(url: str, seconds: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the process serving {url} exited with {process.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as answer:
            if answer.status == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds:g} s")


@contextlib.contextmanager
def running(work: Path) -> Iterator[Site]:
    """Start PostgreSQL, Redis, the Solr stand-in and CKAN in ``work``; stop them all on exit."""
    venv = virtualenv()
    ckan = str(venv / "bin" / "ckan")
    pg_bin = _postgres_bin()
    user = "postgres" if os.geteuid() == 0 else None  # PostgreSQL refuses to run as root
    pg_data = work / "pg"
    pg_data.mkdir(parents=True)
    if user:
        shutil.chown(pg_data, user)
    pg_port, redis_port, ckan_port = _free_port(), _free_port(), _free_port()
    processes: list[subprocess.Popen[bytes]] = []
    solr = solr_server(0)
    threading.Thread(target=solr.serve_forever, daemon=True).start()
    pg_started = False
    log = work / "ckan.log"
    try:
        _run(str(pg_bin / "initdb"), "-D", str(pg_data), "-U", "ckan", "--auth=trust", "-E", "UTF8", user=user)
        _run(
            str(pg_bin / "pg_ctl"), "-D", str(pg_data), "-l", str(pg_data / "server.log"), "-w", "start",
            "-o", f"-p {pg_port} -k {pg_data} -c listen_addresses=127.0.0.1 -c fsync=off", user=user,
        )  # fmt: skip
        pg_started = True
        _run(str(pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(pg_port), "-U", "ckan", "ckan")
        processes.append(
            subprocess.Popen(
                ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        ini = work / "ckan.ini"
        site = f"http://127.0.0.1:{ckan_port}"
        _run(ckan, "generate", "config", str(ini), cwd=work)
        _run(
            ckan, "config-tool", str(ini), f"sqlalchemy.url=postgresql://ckan@127.0.0.1:{pg_port}/ckan",
            f"solr_url=http://127.0.0.1:{solr.server_address[1]}/solr", f"ckan.redis.url=redis://127.0.0.1:{redis_port}/0",
            f"ckan.site_url={site}", f"ckan.storage_path={work / 'storage'}", *SETTINGS, cwd=work,
        )  # fmt: skip
        _run(ckan, "-c", str(ini), "db", "init", cwd=work)
        _run(ckan, "-c", str(ini), "user", "add", "admin", "password=Admin-pass-1234", "email=a@example.org", cwd=work)
        _run(ckan, "-c", str(ini), "sysadmin", "add", "admin", cwd=work)
        token = _run(ckan, "-c", str(ini), "user", "token", "add", "admin", "tests", cwd=work).split()[-1]
        with log.open("wb") as sink:
            processes.append(
                subprocess.Popen(
                    [
                        ckan,
                        "-c",
                        str(ini),
                        "run",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(ckan_port),
                        "--disable-reloader",
                    ],
                    cwd=work,
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                )
            )
        _wait(f"{site}/api/3/action/status_show", 120, processes[-1])
        request = urllib.request.Request(
            f"{site}/api/3/action/organization_create",
            data=json.dumps({"name": ORGANIZATION, "title": "Test organization"}).encode(),
            headers={"Authorization": token, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            assert json.load(answer)["success"]
        yield Site(site, token, ORGANIZATION, log)
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if pg_started:
            with contextlib.suppress(RuntimeError):
                _run(str(pg_bin / "pg_ctl"), "-D", str(pg_data), "-m", "fast", "-w", "stop", user=user)
        solr.shutdown()
        solr.server_close()
