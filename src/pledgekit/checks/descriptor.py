"""The pledgekit profile (JSON Schema 2020-12) on datapackage.json.

The validator gets an empty ``referencing.Registry``: a ``$ref`` to a URL or a ``file://`` is
unresolvable instead of being fetched, and formats are always checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..codes import Code
from ..errors import PolicyError
from ..io.package import DESCRIPTOR, PackageRef
from ..issues import Issue, Location

if TYPE_CHECKING:
    import jsonschema


def make_validator(profile: dict[str, Any], *, checked: bool = False) -> jsonschema.protocols.Validator:
    """A validator for ``profile`` that resolves no remote or file references and checks formats. The
    profile itself is checked against its metaschema unless ``checked`` (the standard's own, which the
    test suite checks)."""
    import jsonschema
    from referencing import Registry

    cls = jsonschema.validators.validator_for(profile, default=jsonschema.Draft202012Validator)
    if not checked:
        cls.check_schema(profile)
    validator: jsonschema.protocols.Validator = cls(profile, registry=Registry(), format_checker=cls.FORMAT_CHECKER)
    return validator


def errors(instance: Any, profile: dict[str, Any], *, checked: bool = False) -> list[jsonschema.ValidationError]:
    """Every way ``instance`` breaks ``profile``; PolicyError when the profile refers to anything remote."""
    import referencing.exceptions

    validator = make_validator(profile, checked=checked)
    try:
        return sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
    except referencing.exceptions.Unresolvable as exc:
        raise PolicyError("ref-remote", f"the profile refers to {exc}, which is never fetched") from None


def required_resource(error: jsonschema.ValidationError) -> str | None:
    """The resource name a ``contains`` rule of the profile asks for (``{"contains": {"properties": {"name":
    {"const": "districts"}}}}``), when ``error`` is that rule failing; None for any other error."""
    rule = error.schema.get("contains") if error.validator == "contains" and isinstance(error.schema, dict) else None
    name = rule.get("properties", {}).get("name", {}) if isinstance(rule, dict) else {}
    const = name.get("const") if isinstance(name, dict) else None
    return const if isinstance(const, str) else None


def check(package: PackageRef, profile: dict[str, Any], *, checked: bool = False) -> list[Issue]:
    issues = []
    for error in errors(package.descriptor, profile, checked=checked):
        where = Location(package=package.name, path=package.file(DESCRIPTOR), json_path=error.json_path)
        missing = required_resource(error)
        if missing is not None:  # jsonschema's message would quote the whole resources array
            issues.append(Issue(Code.RESOURCE_REQUIRED, where, value=missing))
        else:
            issues.append(Issue(Code.DESCRIPTOR_INVALID, where, value=None, note=error.message))
    return issues
