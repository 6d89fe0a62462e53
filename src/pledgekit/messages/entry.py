"""How a message of the catalogue is written: one ``CodeInfo`` per code, its layer named in short."""

from __future__ import annotations

from ..codes import Code, CodeInfo, Layer, Severity

E, W = Severity.ERROR, Severity.WARNING


def c(layer: Layer, code: str, en: str, zh: str, hint_en: str = "", hint_zh: str = "", sev: Severity = E) -> CodeInfo:
    return CodeInfo(Code(code), layer, sev, en, zh, hint_en, hint_zh)


P, B, S, C, D, V, X = (
    Layer.PACKAGE, Layer.BYTES, Layer.STRUCTURE, Layer.CELLS, Layer.DOMAIN, Layer.PROVENANCE, Layer.CONSISTENCY,
)  # fmt: skip
