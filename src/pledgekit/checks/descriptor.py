"""The pledgekit profile (JSON Schema, 2020-12 unless its ``$schema`` says otherwise) on datapackage.json.

Checked by ``jsonschema-rs``: the same keywords and formats as the reference implementation (the test suite
compares the two on the profile and on broken descriptors), in a few milliseconds of import where the
reference implementation takes a tenth of a second, which every ``pledgekit validate`` paid. Nothing a
``$ref`` names is ever fetched: a reference outside the profile (a URL, a ``file://``) refuses the run
(``ref-remote``), and formats are always checked. A profile that is not a valid JSON Schema refuses the run
(``profile-invalid``) instead of checking descriptors against something else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..codes import Code
from ..errors import LoadError, PolicyError
from ..io.package import DESCRIPTOR, PackageRef
from ..issues import Issue, Location

if TYPE_CHECKING:
    import jsonschema_rs


def json_path(path: list[str | int]) -> str:
    """``$.resources[0].name`` for the path ``["resources", 0, "name"]`` (as jsonschema's ``json_path``)."""
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def make_validator(profile: dict[str, Any], where: str = "the profile") -> jsonschema_rs.Validator:
    """A validator for ``profile`` that checks formats and retrieves nothing; PolicyError when the profile
    refers to anything outside itself, LoadError when it is not a valid JSON Schema (``where`` names it)."""
    import jsonschema_rs

    asked: list[str] = []

    def never(uri: str) -> Any:
        asked.append(uri)
        raise LookupError(f"{uri} is never fetched")

    try:
        return jsonschema_rs.validator_for(profile, validate_formats=True, retriever=never)
    except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError) as exc:
        if asked:
            raise PolicyError("ref-remote", f"it refers to {asked[0]}, which is never fetched", path=where) from None
        at = json_path(getattr(exc, "instance_path", []))
        raise LoadError("profile-invalid", f"at {at}: {exc.message}", path=where) from None


def errors(instance: Any, profile: dict[str, Any], where: str = "the profile") -> list[jsonschema_rs.ValidationError]:
    """Every way ``instance`` breaks ``profile``, by place in the instance, then message."""
    found = make_validator(profile, where).iter_errors(instance)
    return sorted(found, key=lambda e: ([str(part) for part in e.instance_path], e.message))


def required_resource(error: jsonschema_rs.ValidationError, profile: dict[str, Any]) -> str | None:
    """The resource name a ``contains`` rule of the profile asks for (``{"contains": {"properties": {"name":
    {"const": "districts"}}}}``), when ``error`` is that rule failing; None for any other error."""
    if error.kind.name != "contains":
        return None
    rule: Any = profile  # a schema is made of objects and arrays only, down to a keyword's value
    for part in error.schema_path:
        present = part in rule if isinstance(rule, dict) else isinstance(part, int) and 0 <= part < len(rule)
        if not present:
            return None  # the rule sits behind a $ref: say what the validator said
        rule = rule[part]
    name = rule.get("properties", {}).get("name", {}) if isinstance(rule, dict) else {}
    const = name.get("const") if isinstance(name, dict) else None
    return const if isinstance(const, str) else None


def check(package: PackageRef, profile: dict[str, Any], where: str = "the profile") -> list[Issue]:
    issues = []
    for error in errors(package.descriptor, profile, where):
        place = Location(package=package.name, path=package.file(DESCRIPTOR), json_path=json_path(error.instance_path))
        missing = required_resource(error, profile)
        if missing is not None:  # the validator's message would quote the whole resources array
            issues.append(Issue(Code.RESOURCE_REQUIRED, place, value=missing))
        else:
            issues.append(Issue(Code.DESCRIPTOR_INVALID, place, value=None, note=error.message))
    return issues
