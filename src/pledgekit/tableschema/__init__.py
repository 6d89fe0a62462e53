"""The Table Schema engine: a CSV resource's dialect, records, header, field types, constraints and keys.

It reports what frictionless reports, with the same codes, on whole columns:

- ``dialect``: the CSV dialect a resource declares, completed as frictionless completes it (sniffed);
- ``records``: bytes into records, exactly as Python's csv module (which frictionless uses) reads them,
  numbered by the file line each record starts on, ragged rows kept whole;
- ``header``: labels against fields;
- ``fields``: each field compiled into polars expressions where they give frictionless's answer for
  certain, and frictionless's own cell reader, once per distinct value, for every other value;
- ``keys``: typed keys (``7`` and ``7.0`` are one number) for ``unique``, primary and foreign keys;
- ``spec``: the resource's schema and dialect read, checked and completed before any row is.
"""
