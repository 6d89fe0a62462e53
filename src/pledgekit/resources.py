"""The tabular resources of a package, made ready to read and put in the order they are validated.

A resource is read after the resources it points into: the codelists and sources first (the domain
rules and provenance look things up in them), then the rest in the order of their foreign keys.
Everything that stops a resource from being read is an issue here (missing file, file over the size
limit, unreadable or invalid schema, foreign key to a resource the package lacks), never an exception:
the other resources are still validated.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .codes import Code
from .errors import LoadError, PolicyError
from .io import jsonfile
from .io.package import DESCRIPTOR, PackageRef
from .issues import Issue, Location
from .standard import extensions
from .tableschema import spec, texts
from .tableschema.spec import Keys, SchemaError

# Resources other layers look rows up in: read before the rest and held whole.
# An extension comes right after the codelist it extends (their rows are looked up together).
HELD = (
    "districts", "units", extensions.name_of("units"), "indicators", extensions.name_of("indicators"), "sources",
    "areas",
)  # fmt: skip
TABLE_SCHEMA_PROFILES = {
    "https://datapackage.org/profiles/2.0/tableschema.json",
    "https://datapackage.org/profiles/1.0/tableschema.json",
}


@dataclass
class Resource:
    name: str
    relpath: str
    display: str
    path: Path
    descriptor: dict[str, Any]
    schema: dict[str, Any] | None  # None: inferred from the data
    schema_path: str  # where the schema is, for messages
    keys: Keys = field(default_factory=Keys)
    trusted: bool = False  # the schema is one of the standard's, checked by the test suite
    dialect: dict[str, Any] | None = None

    @property
    def tsv(self) -> bool:
        return texts.tsv(self.descriptor)


def tabular(package: PackageRef) -> list[dict[str, Any]]:
    """The tabular resources of a package (those with a file path)."""
    return [r for r in package.resources() if isinstance(r.get("path"), str) and r.get("type", "table") == "table"]


def _standard_schemas(standard: Path) -> dict[str, dict[str, Any]]:
    """The standard's Table Schemas, by the name of the resource each defines."""
    found = {}
    for path in sorted((standard / "table").glob("*.schema.json")):
        loaded = jsonfile.load(path, origin=path.name)
        if isinstance(loaded, dict):
            found[path.name.removesuffix(".schema.json")] = loaded
    return found


def _refuse_remote_profile(package: PackageRef, origin: str, schema: dict[str, Any]) -> None:
    """frictionless would fetch an unknown ``$schema`` URL of a Table Schema: refuse it instead."""
    profile = schema.get("$schema")
    if profile is not None and profile not in TABLE_SCHEMA_PROFILES:
        raise PolicyError("schema-remote", f"Table Schema profile {profile!r} is not a known profile", path=origin)


def _issue(code: Code, package: PackageRef, resource: dict[str, Any], path: str, note: str) -> Issue:
    where = Location(package=package.name, resource=str(resource.get("name")), path=path)
    return Issue(code, where, note=note)


@dataclass(frozen=True)
class _Package:
    """What every resource of a package is checked against."""

    ref: PackageRef
    known: dict[str, dict[str, Any]]  # the standard's schemas, by resource name
    names: set[str]  # the package's resource names
    v2: bool


def _standard_schema(
    package: _Package, descriptor: dict[str, Any], number: int, schema_name: str
) -> tuple[str, list[Issue]]:
    """For a resource the standard defines (or extends): where its schema is, and ``schema-not-standard``
    when the descriptor points anywhere but the standard's copy (it is checked against the standard's all the
    same)."""
    name, ref = str(descriptor.get("name")), package.ref
    standard_copy = f"schemas/{schema_name}.schema.json"
    declared = descriptor.get("schema")
    if declared == standard_copy:
        return ref.file(standard_copy), []  # an edited copy is standard-drift (checks/standard.py)
    shown = declared if isinstance(declared, str) else "an inline schema" if declared is not None else "none"
    where = Location(
        package=ref.name, resource=name, path=ref.file(DESCRIPTOR), json_path=f"$.resources[{number}].schema"
    )
    issue = Issue(Code.SCHEMA_NOT_STANDARD, where, value=str(shown), context={"schema": standard_copy})
    return ref.file(standard_copy), [issue]


def _resource(package: _Package, descriptor: dict[str, Any], path: Path, number: int) -> tuple[Resource, list[Issue]]:
    """The resource with its schema and dialect loaded and checked; LoadError or SchemaError if unusable.
    A resource the standard defines is checked against the standard's schema, whatever it declares."""
    ref = package.ref
    relpath, schema_ref = descriptor["path"], descriptor.get("schema")
    name = str(descriptor.get("name"))
    defined = extensions.extended(name) or name  # an extension has the schema of the codelist it extends
    issues: list[Issue] = []
    if defined in package.known:
        schema_path, issues = _standard_schema(package, descriptor, number, defined)
        schema: dict[str, Any] | None = copy.deepcopy(package.known[defined])
    else:
        schema_path = ref.file(schema_ref) if isinstance(schema_ref, str) else ref.file(DESCRIPTOR)
        schema = ref.schema(descriptor)
        if isinstance(schema_ref, str) and schema is None:
            raise SchemaError("the schema file does not hold a JSON object")
    resource = Resource(name, relpath, ref.file(relpath), path, descriptor, schema, schema_path)
    dialect = descriptor.get("dialect")
    if isinstance(dialect, str):
        dialect = ref.json(dialect)
    if dialect is not None and not isinstance(dialect, dict):
        raise SchemaError("the dialect is not a JSON object")
    resource.dialect = dialect
    if schema is None:
        return resource, issues  # inferred from the data once it is read
    _refuse_remote_profile(ref, schema_path, schema)
    resource.trusted = defined in package.known
    if not resource.trusted:
        spec.frictionless_check(schema, package.v2)
    resource.keys = spec.keys(schema)
    return resource, issues


def _unresolved(package: _Package, resource: Resource) -> list[Issue]:
    """A foreign key into a resource the package does not have: an error, and that key is not checked
    (the rest of the resource is)."""
    issues = []
    for fk in [fk for fk in resource.keys.foreign if fk.resource and fk.resource not in package.names]:
        where = Location(
            package=package.ref.name, resource=resource.name, path=resource.schema_path, field=",".join(fk.fields)
        )
        issues.append(Issue(Code.REFERENCE_MISSING, where, value=fk.resource))
        resource.keys.foreign.remove(fk)
    return issues


def prepare(ref: PackageRef, standard: Path, file_bytes: int) -> tuple[list[Resource], list[Issue]]:
    """Every tabular resource that can be read, in validation order, and the issues of those that cannot."""
    issues: list[Issue] = []
    ready: list[Resource] = []
    names = {str(r.get("name")) for r in ref.resources()}
    package = _Package(ref, _standard_schemas(standard), names, ref.descriptor.get("$schema") == spec.V2_PACKAGE)
    numbers = {id(r): n for n, r in enumerate(ref.resources())}
    for descriptor in tabular(ref):
        relpath = descriptor["path"]
        path = ref.resolve(relpath)
        try:
            size = path.stat().st_size
        except OSError as exc:
            issues.append(_issue(Code.SCHEME_ERROR, ref, descriptor, ref.file(relpath), f"{exc.strerror}: '{relpath}'"))
            continue
        if size > file_bytes:
            where = Location(package=ref.name, resource=str(descriptor.get("name")), path=ref.file(relpath))
            issues.append(Issue(Code.FILE_TOO_LARGE, where, value=str(size), context={"limit": file_bytes}))
            continue
        schema_ref = descriptor.get("schema")
        schema_path = ref.file(schema_ref) if isinstance(schema_ref, str) else ref.file(DESCRIPTOR)
        try:
            resource, found = _resource(package, descriptor, path, numbers[id(descriptor)])
            ready.append(resource)
            issues += found + _unresolved(package, resource)
        except LoadError as exc:
            issues.append(_issue(Code.SCHEMA_ERROR, ref, descriptor, exc.path or schema_path, exc.message))
        except SchemaError as exc:
            issues.append(_issue(Code.SCHEMA_ERROR, ref, descriptor, schema_path, str(exc)))
    return _ordered(ready), issues


def _ordered(resources: list[Resource]) -> list[Resource]:
    """The held resources first, then each resource after those its foreign keys point into."""
    by_name = {r.name: r for r in resources}
    order: list[Resource] = []
    visiting: set[str] = set()

    def visit(resource: Resource) -> None:
        if resource in order or resource.name in visiting:
            return  # done, or a cycle of foreign keys: its keys are compared at the end either way
        visiting.add(resource.name)
        for fk in resource.keys.foreign:
            target = by_name.get(fk.resource)
            if target is not None:
                visit(target)
        visiting.discard(resource.name)
        order.append(resource)

    for name in HELD:
        if name in by_name:
            visit(by_name[name])
    for resource in resources:
        visit(resource)
    return order


def referenced_groups(resources: list[Resource], resource: Resource) -> list[tuple[str, ...]]:
    """The field groups of ``resource`` that a foreign key of the package (its own included) points at."""
    return [
        fk.reference for other in resources for fk in other.keys.foreign if (fk.resource or other.name) == resource.name
    ]
