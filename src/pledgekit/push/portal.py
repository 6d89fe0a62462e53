"""The CKAN action API through ``ckanapi``, with the failures turned into refusal codes.

| answer | refusal | exit |
| --- | --- | --- |
| 401, 403 (``NotAuthorized``) | ``ckan-denied`` | 3 |
| 404 on an action that must find something | ``ckan-not-found`` | 2 |
| 409 (``ValidationError``) | ``ckan-rejected`` | 1 |
| timeout, refused connection, 5xx, an answer that is not CKAN's | ``ckan-unreachable`` | 4 |

Reads (``*_show``, ``status_show``) are retried (three tries, short pauses) on timeouts, lost
connections and 5xx: they change nothing. Writes are never repeated; after a write whose answer was lost
the caller reads again and compares. The API token goes in the ``Authorization`` header only: it is never
part of a message, and ``--dry-run`` prints each write as the method, URL and JSON body.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from .. import __version__
from ..errors import EnvironmentFailure, LoadError, PolicyError, UsageError

READS = frozenset({"status_show", "organization_show", "group_show", "package_show", "scheming_dataset_schema_show"})
TRIES = 3
PAUSE = 0.5  # seconds before the second try; doubled each time


class Missing(Exception):
    """A ``*_show`` found nothing (404): an answer, not a failure."""


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


class Portal:
    """One CKAN site: ``call(action, data)`` returns the action's result or raises a PledgekitError."""

    def __init__(
        self, url: str, token: str | None, *, timeout: float = 30.0, dry_run: bool = False,
        echo: Callable[[str], None] = print, sleep: Callable[[float], None] = time.sleep,
    ) -> None:  # fmt: skip
        try:
            import ckanapi
            import requests
        except ImportError as exc:  # the optional extra is not installed
            raise EnvironmentFailure(
                "ckan-client-missing", f"{exc.name} is not installed: pip install 'pledgekit[ckan]'"
            ) from None
        self.url = url.rstrip("/")
        self.dry_run = dry_run
        self.echo = echo
        self.sleep = sleep
        self.timeout = timeout
        self.status: int | None = None
        self.session = requests.Session()
        self.session.hooks["response"].append(self._seen)
        self.remote = ckanapi.RemoteCKAN(
            self.url, apikey=token or None, user_agent=f"pledgekit/{__version__}", session=self.session
        )
        self.written: list[str] = []

    def _seen(self, response: Any, *args: Any, **kwargs: Any) -> None:
        self.status = int(response.status_code)

    def call(self, action: str, data: dict[str, Any]) -> Any:
        if action not in READS:
            self.written.append(action)
            if self.dry_run:
                body = json.dumps(data, ensure_ascii=False, indent=2)
                self.echo(f"POST {self.url}/api/3/action/{action}\n{body}")
                return data
        tries = TRIES if action in READS else 1
        for attempt in range(1, tries + 1):
            try:
                return self._once(action, data)
            except EnvironmentFailure:
                if attempt == tries:
                    raise
                self.sleep(PAUSE * 2 ** (attempt - 1))
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, action: str, data: dict[str, Any]) -> Any:
        import ckanapi
        import requests

        where = f"{self.url} {action}"
        self.status = None
        try:
            return self.remote.call_action(action, data, requests_kwargs={"timeout": self.timeout})
        except ckanapi.NotFound as exc:
            if action in READS and action != "status_show":
                raise Missing(str(exc)) from None
            raise UsageError("ckan-not-found", f"{where}: not found (HTTP 404): {_short(str(exc))}") from None
        except ckanapi.NotAuthorized as exc:
            detail = _errors(exc)
            raise PolicyError("ckan-denied", f"{where}: not allowed (HTTP {self.status or 403}): {detail}") from None
        except ckanapi.ValidationError as exc:
            raise LoadError("ckan-rejected", f"{where}: CKAN rejected the record (HTTP 409): {_errors(exc)}") from None
        except (ckanapi.SearchIndexError, ckanapi.SearchError) as exc:
            detail = _short(str(exc))
            raise EnvironmentFailure(
                "ckan-unreachable", f"{where}: the portal's search index failed: {detail}"
            ) from None
        except requests.Timeout:
            raise EnvironmentFailure("ckan-unreachable", f"{where}: no answer within {self.timeout:g} s") from None
        except requests.RequestException as exc:
            raise EnvironmentFailure("ckan-unreachable", f"{where}: {type(exc).__name__}") from None
        except ckanapi.CKANAPIError:
            status = self.status
            if status in (401, 403):
                raise PolicyError("ckan-denied", f"{where}: not allowed (HTTP {status}); is the token valid?") from None
            if status == 404:
                raise UsageError("ckan-not-found", f"{where}: HTTP 404: is {self.url} a CKAN site?") from None
            if status == 409:
                raise LoadError("ckan-rejected", f"{where}: CKAN rejected the record (HTTP 409)") from None
            answer = f"HTTP {status}" if status else "no answer"
            raise EnvironmentFailure("ckan-unreachable", f"{where}: {answer}, not a CKAN answer") from None


def _errors(exc: Exception) -> str:
    detail = exc.args[0] if exc.args else ""
    if isinstance(detail, dict):
        detail = {k: v for k, v in detail.items() if k != "__type"}
        return _short(json.dumps(detail, ensure_ascii=False))
    return _short(str(detail))
