"""A resource's declared ``bytes`` and ``hash``: the algorithm is the prefix's, MD5 without one (the Data
Package standard), and the same answer whole or in batches."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from differential import Table, pledgekit_report, write_package

TEXT = "id,name\n1,a\n2,b\n"


def _codes(tmp_path: Path, extra: dict[str, object], batch_bytes: int = 16_000_000) -> list[str]:
    folder = write_package(tmp_path / "pkg", [Table("alpha", TEXT, {"fields": [{"name": "id"}, {"name": "name"}]},
                                                    extra=extra)])  # fmt: skip
    report = pledgekit_report(folder, batch_bytes=batch_bytes)
    return sorted(i.code for i in report.issues if i.code in ("hash-count", "byte-count", "descriptor-invalid"))


@pytest.mark.parametrize("batch_bytes", [16_000_000, 5])
@pytest.mark.parametrize(
    ("declared", "codes"),
    [
        ({"hash": "sha256:" + hashlib.sha256(TEXT.encode()).hexdigest()}, []),
        ({"hash": hashlib.md5(TEXT.encode()).hexdigest()}, []),
        ({"hash": "md5:" + hashlib.md5(TEXT.encode()).hexdigest()}, []),
        ({"hash": "sha256:" + "0" * 64}, ["hash-count"]),
        ({"hash": "0" * 32}, ["hash-count"]),
        ({"hash": hashlib.sha256(TEXT.encode()).hexdigest()}, ["descriptor-invalid"]),  # 64 hex digits are no MD5
        ({"bytes": len(TEXT)}, []),
        ({"bytes": len(TEXT) + 1}, ["byte-count"]),
    ],
)
def test_declared_size_and_hash(
    tmp_path: Path, declared: dict[str, object], codes: list[str], batch_bytes: int
) -> None:
    assert _codes(tmp_path, declared, batch_bytes) == codes
