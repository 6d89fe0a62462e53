"""What Python's zipfile module raises on damaged or hostile bytes (a release zip, a workbook): a bad
structure or stream, an unsupported version or method, an encrypted entry, a name that is not valid
UTF-8. Readers turn these into refusals with a code; nothing else is caught."""

from __future__ import annotations

import zipfile
import zlib

DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError, ValueError)
