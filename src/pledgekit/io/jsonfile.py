"""Strict JSON loading for descriptors and schemas.

The standard library accepts what a descriptor must not contain: duplicate keys (the last silently
wins), NaN/Infinity, numbers that overflow to inf, and nesting deep enough to raise RecursionError.
Each of these is a LoadError naming the file, never a traceback.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from ..errors import LoadError

MAX_JSON_BYTES = 1_000_000
MAX_DEPTH = 64  # objects and arrays inside each other: a descriptor or schema needs a handful


def depth(value: Any) -> int:
    """How deeply objects and arrays nest in ``value`` (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {key!r}")
        seen[key] = value
    return seen


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text} is out of range")
    return value


def loads(text: str, *, origin: str, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON text strictly; ``origin`` names the file in errors. Nesting deeper than ``max_depth`` is
    refused here, so that nothing later (validation, copying, writing) recurses that deep."""
    try:
        value = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
    except RecursionError:
        raise LoadError("json-invalid", f"JSON is nested more than {max_depth} levels deep", path=origin) from None
    except ValueError as exc:  # JSONDecodeError is a ValueError; so are our hooks' errors
        raise LoadError("json-invalid", f"invalid JSON: {exc}", path=origin) from None
    if depth(value) > max_depth:
        raise LoadError("json-invalid", f"JSON is nested more than {max_depth} levels deep", path=origin)
    return value


def load(path: Path, *, origin: str | None = None, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Read and parse a JSON file, refusing files larger than ``max_bytes`` before reading them and nesting
    deeper than ``max_depth``."""
    name = origin or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError("json-too-large", f"file is {size} bytes, over the {max_bytes}-byte limit", path=name)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise LoadError("file-missing", "file does not exist", path=name) from None
    except OSError as exc:
        raise LoadError("file-unreadable", f"cannot read file: {exc.strerror}", path=name) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError("json-invalid", f"not UTF-8 at byte {exc.start}", path=name) from None
    return loads(text, origin=name, max_depth=max_depth)
