"""Zip archives: written reproducibly (sorted entries, fixed timestamps and modes), and read
defensively (threat model G8): no absolute or parent paths, backslashes, duplicates, links, or bombs."""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..errors import IntegrityError, PolicyError
from ..io.zips import DAMAGED

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 2_000_000_000
MAX_RATIO = 200


def pack(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``entries`` in their order, each at a fixed time with a fixed mode: the same entries always
    give the same bytes (the release zip and the workbook both come through here)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def build(files: dict[str, bytes], root: str) -> bytes:
    """A zip of ``files`` under the folder ``root``, sorted by name."""
    return pack([(f"{root}/{name}", files[name]) for name in sorted(files)])


def checked(archive: zipfile.ZipFile, origin: str) -> list[zipfile.ZipInfo]:
    """The file entries of an open zip, each checked from its directory record before any is read;
    PolicyError for a hostile archive."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PolicyError("zip-too-many-entries", f"{len(infos)} entries", path=origin)
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise PolicyError("zip-too-large", "declared size over the limit", path=origin)
    seen: set[str] = set()
    files = []
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name).parts
        if name.startswith("/") or "\\" in name or ".." in parts or (parts and ":" in parts[0]):
            raise PolicyError("zip-unsafe-path", f"entry {name!r} escapes the archive", path=origin)
        if name in seen:
            raise PolicyError("zip-duplicate", f"entry {name!r} appears twice", path=origin)
        seen.add(name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PolicyError("zip-symlink", f"entry {name!r} is a symbolic link", path=origin)
        if info.is_dir():
            continue
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise PolicyError(
                "zip-bomb", f"entry {name!r} expands {info.file_size // info.compress_size}x", path=origin
            )
        files.append(info)
    return files


def chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, origin: str, size: int = 1 << 20) -> Iterator[bytes]:
    """An entry's bytes in pieces of ``size``, never more than its declared size: IntegrityError when it
    cannot be read or is not the size its record says."""
    read = 0
    try:
        with archive.open(info) as handle:
            while piece := handle.read(min(size, info.file_size + 1 - read)):
                read += len(piece)
                if read > info.file_size:
                    break
                yield piece
    except DAMAGED as exc:
        raise IntegrityError("zip-corrupt", f"entry {info.filename!r} cannot be read: {exc}", path=origin) from None
    if read != info.file_size:
        raise IntegrityError("zip-corrupt", f"entry {info.filename!r} has the wrong size", path=origin)


def opened(source: Path | bytes, origin: str) -> zipfile.ZipFile:
    """A zip opened for reading (from its file, so that its entries can be streamed); IntegrityError when
    it is not one."""
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (*DAMAGED, OSError) as exc:
        raise IntegrityError("zip-corrupt", f"not a readable zip: {exc}", path=origin) from None


def read(data: bytes, *, origin: str) -> dict[str, bytes]:
    """Entries of a small zip in memory, each checked before it is read; PolicyError for a hostile archive."""
    with opened(data, origin) as archive:
        return {info.filename: b"".join(chunks(archive, info, origin)) for info in checked(archive, origin)}
