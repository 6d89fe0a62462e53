"""The JSON documents pledgekit writes besides the data, as pydantic models: the JSON report of
``validate --format json``, a release's ``release.json`` and a releases folder's ``catalog.json``.

They are the contract CI integrators and portals rely on: the writers build them through these models, the
readers (``catalog rebuild``, ``verify``) parse them through these models (a malformed document is an
error naming the file, not a crash), and their JSON Schemas are generated from them into ``docs/schemas/``
(a test keeps the published files equal to the generated ones).
"""

from __future__ import annotations

import json
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .codes import Code, Severity
from .errors import IntegrityError
from .io import jsonfile

SCHEMA_BASE = "https://pledgekit.example/schemas/"
Bump = Literal["major", "minor", "patch"]
RELATIVE = r"^[^/\\]+(/[^/\\]+)*$"  # relative, no empty segment, no backslash; ".." is refused below


class _Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class IssueRecord(_Document):
    """One finding: a stable code, where it is, what was found there, and the message in the chosen language."""

    code: Code = Field(description="Stable issue code (docs/codes.md).")
    severity: Severity
    package: str | None = Field(description="The package's folder as given.")
    resource: str | None
    path: str | None = Field(description="The file, relative to the working directory.")
    row: int | None = Field(ge=1, description="Line of the file (the header is line 1).")
    field: str | None
    json_path: str | None = Field(description="Where in a JSON document (descriptor, schema).")
    ref: str | None = Field(description="Workbook cell (Sheet1!C7) when the data came from a workbook.")
    value: str | None = Field(description="The cell or value as found.")
    message: str
    hint: str
    new: bool | None = Field(description="With --changed-since: whether the issue is new; else null.")


class Stats(_Document):
    rows: int = Field(ge=0, description="Data rows checked.")
    errors: int = Field(ge=0)
    warnings: int = Field(ge=0)
    existing: int = Field(ge=0, description="With --changed-since: issues that were there before.")
    by_code: dict[str, int] = Field(description="Issues found, by code (before any cap).")
    omitted: dict[str, int] = Field(description="Issues left out of `issues` by --max-per-code, by code.")


class JsonReport(_Document):
    """The report of `pledgekit validate --format json`."""

    model_config = ConfigDict(title="pledgekit validation report")

    valid: bool = Field(description="No error (warnings allowed).")
    packages: list[str]
    stats: Stats
    issues: list[IssueRecord]


class RowCounts(_Document):
    added: int = Field(ge=0)
    removed: int = Field(ge=0)
    changed: int = Field(ge=0)


class ReleaseRecord(_Document):
    """release.json: what a release is and how it differs from the one before."""

    model_config = ConfigDict(title="pledgekit release record")

    name: str = Field(pattern=r"^[a-z0-9._-]+$", description="The package's name.")
    version: str = Field(description="Semantic version of this release.")
    previous: str | None = Field(description="The version this one follows, or null for the first.")
    bump: Bump | None = Field(description="What the change from the previous version requires.")
    created: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", description="UTC, to the second.")
    summary: str
    counts: dict[str, RowCounts] = Field(description="Rows added, removed and changed, by resource.")


def _inside(path: str) -> str:
    if any(part in (".", "..") for part in path.split("/")):
        raise ValueError("a path inside the releases folder has no '.' or '..' segment")
    return path


class FileEntry(_Document):
    path: str = Field(pattern=RELATIVE, description="Relative to the release's folder.")
    bytes: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")

    _inside = field_validator("path")(_inside)


class VersionEntry(_Document):
    version: str
    created: str
    previous: str | None
    bump: Bump | None
    summary: str
    path: str = Field(pattern=RELATIVE, description="The release's folder, relative to the catalog.")
    files: list[FileEntry]

    _inside = field_validator("path")(_inside)


class CatalogPackage(_Document):
    name: str
    title: str
    description: str
    latest: str
    created: str
    versions: list[VersionEntry] = Field(description="Newest first.")


class Catalog(_Document):
    """catalog.json: every version of every package in a releases folder."""

    model_config = ConfigDict(title="pledgekit releases catalog")

    packages: list[CatalogPackage]


D = TypeVar("D", bound=_Document)

DOCUMENTS: dict[str, type[_Document]] = {
    "report": JsonReport,
    "release": ReleaseRecord,
    "catalog": Catalog,
}


def json_schema(name: str) -> dict[str, Any]:
    """The published JSON Schema (draft 2020-12) of one document."""
    schema = DOCUMENTS[name].model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{name}.schema.json",
        **schema,
    }


def schema_text(name: str) -> str:
    return json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n"


def problem(error: ValidationError) -> str:
    """The first thing wrong with a document, in a line: where, then what."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    return f"{where}: {first['msg']}"


def parse(model: type[D], raw: bytes, origin: str) -> D:
    """A document read back (strict JSON, then the model); anything else is ``release-corrupt`` naming the
    file and the first thing wrong, never a crash."""
    try:
        data = jsonfile.loads(raw.decode("utf-8"), origin=origin)
        return model.model_validate(data)
    except UnicodeDecodeError as exc:
        raise IntegrityError("release-corrupt", f"not UTF-8 at byte {exc.start}", path=origin) from None
    except ValidationError as exc:
        raise IntegrityError("release-corrupt", f"not a valid {model.__name__}: {problem(exc)}", path=origin) from None
