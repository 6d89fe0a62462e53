"""The JSON documents pledgekit writes besides the data, as pydantic models: the JSON report of
``validate --format json``, a release's ``release.json`` and a releases folder's ``catalog.json``.

They are the contract CI integrators and portals rely on: the writers build them through these models, the
readers (``catalog rebuild``, ``verify``) parse them through these models (a malformed document is an
error naming the file, not a crash), and their JSON Schemas are generated from them into ``docs/schemas/``
(a test keeps the published files equal to the generated ones).
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .codes import Code, Severity
from .errors import IntegrityError
from .io import jsonfile

# The documents' own version (SemVer, apart from the standard's and the tool's): MAJOR when a field is removed,
# renamed or narrowed, MINOR when one is added; the ``$id`` of each schema names it, as the standard's do.
DOCUMENTS_VERSION = "1.0.0"
SCHEMA_BASE = f"https://pledgekit.github.io/documents/{DOCUMENTS_VERSION}/"
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
    standard: str | None = Field(
        default=None, description="Version of the pledgekit standard the release was validated against."
    )


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


ShareType = Literal["无条件共享", "有条件共享", "不予共享"]
OpenType = Literal["无条件开放", "有条件开放", "不予开放"]
UpdateCycle = Literal["实时", "每日", "每周", "每月", "每季度", "每半年", "每年", "不定期", "其他"]
DataTypeCode = Literal["C", "N", "Y", "D", "T", "L", "M", "G", "B", "I", "F"]
CATEGORY_CODE = r"^[1-3]([0-9]{2}([0-9]{3}[0-9]*)?)?$"  # 类 (1 basic, 2 thematic, 3 departmental), 项, 目, 细目
RESOURCE_CODE = r"^[0-9A-Za-z][0-9A-Za-z./-]{0,63}$"
PROVIDER_CODE = r"^[0-9A-Za-z][0-9A-Za-z-]{0,31}$"
ResourceCode = Annotated[str, Field(pattern=RESOURCE_CODE)]


class CatalogueSettings(_Document):
    """The optional ``catalogue`` block of a datapackage.json: the 政务信息资源目录 elements a descriptor
    cannot otherwise say. The package profile's ``catalogue`` property is this model's schema (tested)."""

    category_code: str = Field("3", pattern=CATEGORY_CODE, description="信息资源分类代码 (类/项/目/细目).")
    category: str = Field("部门信息资源", min_length=1, max_length=100, description="信息资源分类.")
    code: str | None = Field(None, pattern=RESOURCE_CODE, description="信息资源代码, as assigned by the catalogue.")
    provider: str | None = Field(None, min_length=1, max_length=200, description="信息资源提供方.")
    provider_code: str | None = Field(None, pattern=PROVIDER_CODE, description="信息资源提供方代码.")
    share_type: ShareType = "无条件共享"
    share_condition: str = Field("", max_length=500)
    share_method: str = Field("共享平台方式", min_length=1, max_length=100)
    open_type: OpenType = "无条件开放"
    open_condition: str = Field("", max_length=500)
    update_cycle: UpdateCycle = "不定期"
    related: list[ResourceCode] = Field(default_factory=list, description="关联资源代码.")


class _Record(_Document):
    """A document whose keys are Chinese element names (aliases of the Python names)."""

    model_config = ConfigDict(populate_by_name=True)


class Category(_Record):
    code: str = Field(alias="代码", pattern=CATEGORY_CODE)
    name: str = Field(alias="名称", min_length=1)


class ResourceFormat(_Record):
    kind: Literal["电子文件", "电子表格", "数据库", "图形图像", "流媒体", "自描述格式", "其他"] = Field(alias="分类")
    types: list[str] = Field(alias="类型", min_length=1, description="File formats, e.g. CSV, XLSX.")


class InformationItem(_Record):
    table: str = Field(alias="所属数据表", description="The resource (table) the field belongs to.")
    field: str = Field(alias="字段名", description="The field's name in the Table Schema.")
    name: str = Field(alias="信息项名称", min_length=1, description="The field's title_zh, else title, else name.")
    data_type: str = Field(alias="数据类型", description="字符型, 数值型, 整型, 日期型, 日期时间型, 逻辑型 …")
    type_code: DataTypeCode = Field(alias="数据类型代码")


class Sharing(_Record):
    share_type: ShareType = Field(alias="共享类型")
    condition: str = Field(alias="共享条件")
    method: str = Field(alias="共享方式")


class Opening(_Record):
    open: bool = Field(alias="是否向社会开放")
    open_type: OpenType = Field(alias="开放类型")
    condition: str = Field(alias="开放条件")


class CatalogueRecord(_Record):
    """catalogue.json: the core elements of a 政务信息资源目录 entry (GB/T 21063.3, 政务信息资源目录编制指南)
    for one release (docs/publishing.md maps each element to where it comes from)."""

    model_config = ConfigDict(title="pledgekit 政务信息资源目录 record")

    category: Category = Field(alias="信息资源分类")
    name: str = Field(alias="信息资源名称", min_length=1)
    code: str | None = Field(alias="信息资源代码", pattern=RESOURCE_CODE, description="null until assigned.")
    provider: str = Field(alias="信息资源提供方", min_length=1)
    provider_code: str | None = Field(alias="信息资源提供方代码", pattern=PROVIDER_CODE)
    abstract: str = Field(alias="信息资源摘要", min_length=1)
    format: ResourceFormat = Field(alias="信息资源格式")
    items: list[InformationItem] = Field(alias="信息项", min_length=1)
    sharing: Sharing = Field(alias="共享属性")
    opening: Opening = Field(alias="开放属性")
    update_cycle: UpdateCycle = Field(alias="更新周期")
    published: str = Field(alias="发布日期", pattern=r"^\d{4}-\d{2}-\d{2}$")
    related: list[ResourceCode] = Field(alias="关联资源代码")
    version: str = Field(alias="版本", description="The release's version (not a core element).")


D = TypeVar("D", bound=_Document)

DOCUMENTS: dict[str, type[_Document]] = {
    "report": JsonReport,
    "release": ReleaseRecord,
    "catalog": Catalog,
    "catalogue": CatalogueRecord,
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
