"""The pledgekit profile (JSON Schema 2020-12) on datapackage.json.

The validator gets an empty ``referencing.Registry``: a ``$ref`` to a URL or a ``file://`` is
unresolvable instead of being fetched, and formats are always checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..io.package import DESCRIPTOR, PackageRef
from ..issues import Issue, Location

if TYPE_CHECKING:
    import jsonschema


def make_validator(profile: dict[str, Any]) -> jsonschema.protocols.Validator:
    """A validator for ``profile`` that resolves no remote or file references and checks formats."""
    import jsonschema
    from referencing import Registry

    cls = jsonschema.validators.validator_for(profile, default=jsonschema.Draft202012Validator)
    cls.check_schema(profile)
    validator: jsonschema.protocols.Validator = cls(profile, registry=Registry(), format_checker=cls.FORMAT_CHECKER)
    return validator


def check(package: PackageRef, profile: dict[str, Any]) -> list[Issue]:
    validator = make_validator(profile)
    issues = []
    for error in sorted(validator.iter_errors(package.descriptor), key=lambda e: list(e.absolute_path)):
        issues.append(
            Issue(
                "descriptor-invalid",
                Location(package=package.name, path=package.file(DESCRIPTOR), json_path=error.json_path),
                value=None,
                note=error.message,
            )
        )
    return issues
