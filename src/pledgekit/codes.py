"""The codes: every issue code and every refusal code, each a stable slug (``Code``, ``Refusal``).

Codes never change once published; messages may. An issue code names a finding (an ``Issue`` in a
report); a refusal code names why a run cannot continue (a ``PledgekitError``, and its exit code). Their
messages, in English and Chinese, are in ``messages/``; ``docs/codes.md`` lists every code with an example
(tests keep the three in sync).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

Lang = Literal["en", "zh"]  # the languages of every message


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Layer(StrEnum):
    PACKAGE = "package"
    BYTES = "bytes"
    STRUCTURE = "structure"
    CELLS = "cells"
    DOMAIN = "domain"
    PROVENANCE = "provenance"
    CONSISTENCY = "consistency"
    WORKBOOK = "workbook"


class Code(StrEnum):
    """Every issue code. A code is a stable slug: it never changes once published (its message may)."""

    PACKAGE_UNREADABLE = "package-unreadable"
    DESCRIPTOR_INVALID = "descriptor-invalid"
    STANDARD_DRIFT = "standard-drift"
    SCHEMA_NOT_STANDARD = "schema-not-standard"
    RESOURCE_REQUIRED = "resource-required"
    STANDARD_MAJOR_MISMATCH = "standard-major-mismatch"
    FILE_NOT_LISTED = "file-not-listed"
    SOURCE_NOT_LISTED = "source-not-listed"
    DESCRIPTION_OMITS_DISTRICT = "description-omits-district"
    FILE_EMPTY = "file-empty"
    FILE_TOO_LARGE = "file-too-large"
    ENCODING_NOT_UTF8 = "encoding-not-utf8"
    UTF8_BOM = "utf8-bom"
    LINE_ENDINGS_MIXED = "line-endings-mixed"
    FINAL_NEWLINE_MISSING = "final-newline-missing"
    TRAILING_BLANK_LINE = "trailing-blank-line"
    DIALECT_NOT_PLAIN = "dialect-not-plain"
    TOO_MANY_COLUMNS = "too-many-columns"
    TYPE_ERROR = "type-error"
    CONSTRAINT_ERROR = "constraint-error"
    FOREIGN_KEY = "foreign-key"
    PRIMARY_KEY = "primary-key"
    UNIQUE_ERROR = "unique-error"
    MISSING_CELL = "missing-cell"
    EXTRA_CELL = "extra-cell"
    BLANK_ROW = "blank-row"
    INCORRECT_LABEL = "incorrect-label"
    DUPLICATE_LABEL = "duplicate-label"
    BLANK_LABEL = "blank-label"
    MISSING_LABEL = "missing-label"
    EXTRA_LABEL = "extra-label"
    BLANK_HEADER = "blank-header"
    UNMATCHED_HEADER = "unmatched-header"
    HASH_COUNT = "hash-count"
    BYTE_COUNT = "byte-count"
    SCHEME_ERROR = "scheme-error"
    REFERENCE_MISSING = "reference-missing"
    SCHEMA_ERROR = "schema-error"
    NUMBER_NOT_CANONICAL = "number-not-canonical"
    CELL_WHITESPACE = "cell-whitespace"
    CONTROL_CHARACTER = "control-character"
    FORMULA_INJECTION = "formula-injection"
    CELL_TOO_LONG = "cell-too-long"
    DISTRICT_NOT_CANONICAL = "district-not-canonical"
    DISTRICT_RETIRED = "district-retired"
    DISTRICT_OUTSIDE_SOURCE = "district-outside-source"
    AREA_UNKNOWN = "area-unknown"
    AREA_OUTSIDE_DIVISION = "area-outside-division"
    UNIT_DIMENSION_MISMATCH = "unit-dimension-mismatch"
    SHARE_OUT_OF_RANGE = "share-out-of-range"
    VALUE_NEGATIVE = "value-negative"
    EXTENSION_COLLISION = "extension-collision"
    EXTENSION_BROADER = "extension-broader"
    COUNT_NOT_WHOLE = "count-not-whole"
    TARGET_YEAR_PAST = "target-year-past"
    TARGET_OUTSIDE_PERIOD = "target-outside-period"
    PERIOD_INCOMPLETE = "period-incomplete"
    BREAKDOWN_WITHOUT_INDICATOR = "breakdown-without-indicator"
    PERIOD_ORDER = "period-order"
    METRIC_YEAR_FUTURE = "metric-year-future"
    METRIC_SHOULD_BE_ESTIMATE = "metric-should-be-estimate"
    METRIC_SHOULD_BE_ACTUAL = "metric-should-be-actual"
    YEAR_CONTRADICTS_QUOTE = "year-contradicts-quote"
    YEAR_CONTRADICTS_SOURCE = "year-contradicts-source"
    ID_SOURCE_MISMATCH = "id-source-mismatch"
    COMPARATOR_VALUE_MISMATCH = "comparator-value-mismatch"
    RANGE_BOUNDS = "range-bounds"
    BASELINE_INCOMPLETE = "baseline-incomplete"
    SOURCE_MISSING = "source-missing"
    SOURCE_NOT_UTF8 = "source-not-utf8"
    SOURCE_HASH_MISMATCH = "source-hash-mismatch"
    QUOTE_NOT_IN_SOURCE = "quote-not-in-source"
    VALUE_NOT_IN_QUOTE = "value-not-in-quote"
    QUOTE_CUTS_NUMBER = "quote-cuts-number"
    VALUE_TEXT_MISMATCH = "value-text-mismatch"
    QUALIFIER_CONTRADICTS_QUOTE = "qualifier-contradicts-quote"
    DIRECTION_CONTRADICTS_QUOTE = "direction-contradicts-quote"
    UNIT_CONTRADICTS_QUOTE = "unit-contradicts-quote"
    STATUS_CONTRADICTS_QUOTE = "status-contradicts-quote"
    STATEMENT_VALUE_MISSING = "statement-value-missing"
    FIGURE_CONFLICT = "figure-conflict"
    FIGURE_DUPLICATE = "figure-duplicate"
    PLEDGE_CONFLICT = "pledge-conflict"
    SAME_AS_MISMATCH = "same-as-mismatch"
    ID_DUPLICATE = "id-duplicate"
    ASSESSMENT_DISAGREES = "assessment-disagrees"
    XLSX_SHEET_MISSING = "xlsx-sheet-missing"
    XLSX_HEADER = "xlsx-header"
    XLSX_MERGED_CELLS = "xlsx-merged-cells"
    XLSX_FORMULA = "xlsx-formula"
    XLSX_DATE = "xlsx-date"


@dataclass(frozen=True)
class CodeInfo:
    code: Code
    layer: Layer
    severity: Severity
    en: str
    zh: str
    hint_en: str = ""
    hint_zh: str = ""


# Codes frictionless raises for any cell problem: a more specific code on the same cell replaces them.
GENERIC = frozenset({Code.TYPE_ERROR, Code.CONSTRAINT_ERROR, Code.FOREIGN_KEY, Code.BLANK_ROW})


class Refusal(StrEnum):
    """Every refusal code: the run cannot continue (an exception, not an issue). Stable like issue codes."""

    PATH_ABSOLUTE = "path-absolute"
    PATH_TRAVERSAL = "path-traversal"
    PATH_REMOTE = "path-remote"
    PATH_INVALID = "path-invalid"
    PATH_SYMLINK = "path-symlink"
    PATH_HARDLINK = "path-hardlink"
    PATH_NOT_FILE = "path-not-file"
    PATH_MISSING = "path-missing"
    NO_PACKAGES = "no-packages"
    SCHEMA_REMOTE = "schema-remote"
    REF_REMOTE = "ref-remote"
    PROFILE_INVALID = "profile-invalid"
    STANDARD_MISSING = "standard-missing"
    CONFIG_INVALID = "config-invalid"
    FILE_MISSING = "file-missing"
    FILE_UNREADABLE = "file-unreadable"
    JSON_INVALID = "json-invalid"
    JSON_TOO_LARGE = "json-too-large"
    DESCRIPTOR_NOT_OBJECT = "descriptor-not-object"
    CODELIST_UNREADABLE = "codelist-unreadable"
    UNIT_UNKNOWN = "unit-unknown"
    UNIT_INCOMPATIBLE = "unit-incompatible"
    VERSION_EXISTS = "version-exists"
    VERSION_TOO_LOW = "version-too-low"
    VERSION_INVALID = "version-invalid"
    LOCK_HELD = "lock-held"
    IO_ERROR = "io-error"
    PORT_UNAVAILABLE = "port-unavailable"
    OUT_INVALID = "out-invalid"
    DIALECT_NOT_PUBLISHABLE = "dialect-not-publishable"
    ZIP_UNSAFE_PATH = "zip-unsafe-path"
    ZIP_DUPLICATE = "zip-duplicate"
    ZIP_SYMLINK = "zip-symlink"
    ZIP_BOMB = "zip-bomb"
    ZIP_TOO_MANY_ENTRIES = "zip-too-many-entries"
    ZIP_TOO_LARGE = "zip-too-large"
    ZIP_CORRUPT = "zip-corrupt"
    CHECKSUMS_INVALID = "checksums-invalid"
    RELEASE_CORRUPT = "release-corrupt"
    COPY_MISMATCH = "copy-mismatch"
    CHANGED_DURING_VALIDATION = "changed-during-validation"
    NOT_A_RELEASE = "not-a-release"
    XLSX_UNREADABLE = "xlsx-unreadable"
    RESOURCE_UNKNOWN = "resource-unknown"
    GIT_REF = "git-ref"
    GIT_UNAVAILABLE = "git-unavailable"
    PACKAGE_AMBIGUOUS = "package-ambiguous"
    SOURCE_DUPLICATE = "source-duplicate"
    SOURCE_UNREADABLE = "source-unreadable"
    SOURCES_UNREADABLE = "sources-unreadable"
    DIR_NOT_EMPTY = "dir-not-empty"
    NAME_INVALID = "name-invalid"
    CKAN_TOKEN_MISSING = "ckan-token-missing"
    CKAN_BASE_URL = "ckan-base-url"
    CKAN_URL = "ckan-url"
    CKAN_DENIED = "ckan-denied"
    CKAN_NOT_FOUND = "ckan-not-found"
    CKAN_REJECTED = "ckan-rejected"
    CKAN_UNREACHABLE = "ckan-unreachable"
    CKAN_LICENCE_UNKNOWN = "ckan-licence-unknown"
    CKAN_CLIENT_MISSING = "ckan-client-missing"


@dataclass(frozen=True)
class RefusalInfo:
    code: Refusal
    exit: int  # 1 input, 3 refused by policy, 4 the machine failed, 5 integrity
    en: str
    zh: str
    hint_en: str
    hint_zh: str
