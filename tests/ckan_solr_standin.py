"""A stand-in for Solr, just enough for CKAN 2.12's package create, show and search (tests only).

Solr cannot be installed from the registries the project reaches, so the CKAN integration test runs CKAN
against this instead. It keeps documents in memory and answers the three kinds of request CKAN sends:

- ``GET /schema?wt=schema.xml``: a schema named ``ckan-2.12`` (CKAN checks the name at start-up);
- ``POST /update``: pysolr's JSON array of added documents, its XML ``<delete>`` (by id or query) and
  ``<commit/>``;
- ``GET|POST /select``: ``q`` as ``*:*`` or ``field:value`` clauses joined by ``OR``, ``fq`` as
  ``+field:value`` clauses that must all match (any other clause form matches everything), ``rows`` and
  ``start``; no ranking, no facets (an empty ``facet_counts``).

It is not Solr: no text analysis, no sorting, no faceting. Run alone: ``python tests/ckan_solr_standin.py PORT``.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

SCHEMA = b'<?xml version="1.0" encoding="UTF-8"?><schema name="ckan-2.12" version="1.6"></schema>'
CLAUSE = re.compile(r'^\+?(?P<field>[A-Za-z_][\w.]*):(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<bare>[^\s()"]+))$')


def _matches(doc: dict[str, Any], clause: str) -> bool | None:
    """Whether a document matches ``field:value``; None when the clause is of a form we do not read."""
    if clause in ("*:*", "+*:*"):
        return True
    found = CLAUSE.match(clause)
    if not found:
        return None
    value = found["quoted"] if found["quoted"] is not None else found["bare"]
    value = re.sub(r"\\(.)", r"\1", value)
    have = doc.get(found["field"])
    values = have if isinstance(have, list) else [have]
    return (value == "*" and have is not None) or value in [str(v) for v in values]


def _query(doc: dict[str, Any], q: str) -> bool:
    results = [_matches(doc, part.strip()) for part in re.split(r"\s+OR\s+", q.strip()) if part.strip()]
    known = [r for r in results if r is not None]
    return any(known) if known else True


def _filter(doc: dict[str, Any], fq: str) -> bool:
    clauses = re.findall(r'\+?[\w.]+:(?:"(?:[^"\\]|\\.)*"|[^\s()"]+)|\S+', fq)
    return all(_matches(doc, clause) is not False for clause in clauses)


class Index:
    def __init__(self) -> None:
        self.docs: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()

    def update(self, body: bytes) -> None:
        if body.lstrip().startswith(b"["):  # pysolr sends added documents as a JSON array
            with self.lock:
                for doc in json.loads(body):
                    self.docs[str(doc.get("id"))] = doc
            return
        root = ET.fromstring(body)  # deletes and commits as XML
        with self.lock:
            for item in root.iter("id") if root.tag == "delete" else ():
                self.docs.pop(item.text or "", None)
            for item in root.iter("query") if root.tag == "delete" else ():
                for key in [k for k, d in self.docs.items() if _query(d, item.text or "")]:
                    del self.docs[key]

    def select(self, params: dict[str, list[str]]) -> dict[str, Any]:
        q = params.get("q", ["*:*"])[0]
        with self.lock:
            found = [
                d for d in self.docs.values() if _query(d, q) and all(_filter(d, fq) for fq in params.get("fq", []))
            ]
        start = int(params.get("start", ["0"])[0])
        rows = int(params.get("rows", ["10"])[0])
        wanted = [f for f in ",".join(params.get("fl", [])).replace(" ", ",").split(",") if f and f != "*"]
        page = [{k: v for k, v in d.items() if not wanted or k in wanted} for d in found[start : start + rows]]
        return {
            "responseHeader": {"status": 0, "QTime": 0},
            "response": {"numFound": len(found), "start": start, "docs": page},
            "facet_counts": {"facet_fields": {}, "facet_queries": {}, "facet_ranges": {}},
        }


def handler(index: Index) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _route(self, body: bytes) -> None:
            parts = urlsplit(self.path)
            params = parse_qs(parts.query)
            if parts.path.rstrip("/").endswith("/schema"):
                self._send(200, SCHEMA, "application/xml")
            elif parts.path.rstrip("/").endswith("/update"):
                if body.strip():
                    index.update(body)
                self._send(200, b'{"responseHeader":{"status":0}}', "application/json")
            elif parts.path.rstrip("/").endswith("/select"):
                if body and "form-urlencoded" in self.headers.get("Content-Type", ""):
                    params.update(parse_qs(body.decode("utf-8")))
                self._send(200, json.dumps(index.select(params)).encode(), "application/json")
            else:
                self._send(404, b"not served by the Solr stand-in", "text/plain")

        def do_GET(self) -> None:
            self._route(b"")

        def do_POST(self) -> None:
            self._route(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    return Handler


def server(port: int = 0) -> ThreadingHTTPServer:
    return ThreadingHTTPServer(("127.0.0.1", port), handler(Index()))


if __name__ == "__main__":
    httpd = server(int(sys.argv[1]) if len(sys.argv) > 1 else 8983)
    print(f"Solr stand-in on http://127.0.0.1:{httpd.server_address[1]}/solr", flush=True)
    httpd.serve_forever()
