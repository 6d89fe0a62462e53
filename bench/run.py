"""Benchmark: pledgekit validate against frictionless validate on synthetic packages in the real schema.

    python bench/run.py                       # 10k, 100k and 1M metric rows, valid and with ~1% planted errors
    python bench/run.py --sizes 10000 --repeat 1
    python bench/run.py --sizes 10000000           # 10M rows: pledgekit and a polars read only
    python bench/run.py --sizes 1000000 --shuffled # and the valid package with its metric rows in random order

For each size it generates a package (codelists and schemas of the standard, sources whose texts hold every
quote, commitments at a tenth of the metrics), then runs, in the same run and as separate processes: a bare
polars read of the package's CSVs, `pledgekit validate` and `frictionless validate` (default limits, and for
the planted-error variant also with the error limit raised). It prints a Markdown table: wall seconds (median),
rows/s, peak RSS, errors found, planted errors found at their row, and the ratios.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(__file__).resolve().parent / ".work"
BUNDLED = ROOT / "datapackages" / "beijing-district-pledges"
PER_SOURCE = 10_000  # ids hold three digits of source and four of row: 1,000 sources × 10,000 rows
# (indicator, unit, unit symbol as written, value pattern)
FIGURES = [("gdp-growth", "pct", "%"), ("gdp", "cny-100m", "亿元"), ("resident-population", "person-10k", "万人"),
           ("schools-added", "school", "所")]  # fmt: skip
PLANTS = ["district", "unit", "year", "value", "quote"]
AREAS = 1000  # sub-areas of the synthetic division
# What every `pledgekit validate` imports before it reads a byte: the bundled package's "imports alone" row
NEEDED = ("polars", "typer", "jsonschema_rs")


def generate(size: int, planted: bool, shuffled: bool = False) -> tuple[Path, list[tuple[str, int, str, str]]]:
    """A package with ``size`` metric rows; returns it and the planted (file, line, field, code). Its metric
    rows follow their sources unless ``shuffled`` (then each batch of rows cites nearly every source)."""
    folder = WORK / f"{size}{'-errors' if planted else ''}{'-shuffled' if shuffled else ''}" / "pkg"
    if folder.parent.exists():
        shutil.rmtree(folder.parent)
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("data", "sources"))
    (folder / "data").mkdir()
    (folder / "sources").mkdir()
    n = pl.int_range(0, size, eager=True)
    figure = n % len(FIGURES)
    # AREAS sub-areas; a figure's key (indicator, area) gives its value, so that rows of one key agree
    # (figure-conflict) and each row has a quote of its own (no figure-duplicate)
    place = n % AREAS
    value = ((place * 7919) % 100_000 + 1).cast(pl.String) + "." + (place % 10).cast(pl.String)
    frame = pl.DataFrame({"n": n, "source": n // PER_SOURCE, "seq": n % PER_SOURCE, "figure": figure, "value": value})
    frame = frame.with_columns(
        pl.format(
            "m-{}-{}", pl.col("source").cast(pl.String).str.zfill(3), pl.col("seq").cast(pl.String).str.zfill(4)
        ).alias("id"),
        pl.format("src-{}", pl.col("source").cast(pl.String).str.zfill(3)).alias("source_id"),
        pl.col("figure").replace_strict(dict(enumerate(f[0] for f in FIGURES))).alias("indicator"),
        pl.col("figure").replace_strict(dict(enumerate(f[1] for f in FIGURES))).alias("unit"),
        pl.col("figure").replace_strict(dict(enumerate(f[2] for f in FIGURES))).alias("symbol"),
        pl.format("片区{}", pl.col("n") % AREAS).alias("area_zh"),
    )
    frame = frame.with_columns(
        pl.when(pl.col("unit") == "school")
        .then((pl.col("n") % 500 + 1).cast(pl.String))
        .otherwise(pl.col("value"))
        .alias("value")
    ).with_columns(
        pl.format("第{}项:{}达到{}{}", pl.col("n"), pl.col("area_zh"), pl.col("value"), pl.col("symbol")).alias("quote")
    )
    sources = []
    for (source_id,), group in frame.group_by("source_id", maintain_order=True):
        relpath = f"sources/{source_id}.txt"
        text = ("。".join(group["quote"].to_list()) + "。\n").encode("utf-8")
        (folder / relpath).write_bytes(text)
        sources.append({"id": source_id, "district_code": "110115", "title_zh": f"合成来源{source_id}", "title_en": None,
                        "kind": "government-work-report", "publisher": "pledgekit bench", "published": "2025", "plan_year": None,
                        "language": "zh-Hans", "path": relpath, "sha256": hashlib.sha256(text).hexdigest(), "note": None})  # fmt: skip
    metrics = frame.select(
        "id", pl.lit("110115").alias("district_code"), "indicator", pl.lit("2024").alias("year"), pl.lit(None, pl.String).alias("period_start"),
        "value", pl.lit(None, pl.String).alias("value_text"), "unit", pl.lit("exact").alias("qualifier"), pl.lit("actual").alias("status"),
        "source_id", "quote", "area_zh", *[pl.lit(None, pl.String).alias(c) for c in ("breakdown", "same_as", "note")],
    )  # fmt: skip
    plants: list[tuple[str, int, str, str]] = []
    if planted:
        every = 100
        rows = list(range(5, size, every))
        kinds = {row: PLANTS[i % len(PLANTS)] for i, row in enumerate(rows)}
        edits = {"district": ("district_code", "110199", "foreign-key"), "unit": ("unit", "pp", "unit-dimension-mismatch"),
                 "year": ("year", "２０２４", "number-not-canonical"), "value": ("value", "0.5", "value-not-in-quote"),
                 "quote": ("quote", "不存在的句子0.5", "quote-not-in-source")}  # fmt: skip
        for kind in PLANTS:
            field, bad, code = edits[kind]
            chosen = [r for r, k in kinds.items() if k == kind]
            metrics = metrics.with_columns(
                pl.when(pl.int_range(pl.len()).is_in(chosen)).then(pl.lit(bad)).otherwise(pl.col(field)).alias(field)
            )
            plants += [("data/metrics.csv", r + 2, field, code) for r in chosen]
    if shuffled:
        metrics = metrics.sample(fraction=1.0, shuffle=True, seed=size)
    metrics.write_csv(folder / "data/metrics.csv", line_terminator="\n")
    commitments = frame.head(max(size // 10, 1)).select(
        pl.format("c-{}-{}", pl.col("source").cast(pl.String).str.zfill(3), pl.col("seq").cast(pl.String).str.zfill(4)).alias("id"),
        pl.lit("110115").alias("district_code"), "source_id", "indicator", pl.format("目标{}{}", "value", "symbol").alias("statement_zh"),
        pl.lit(None, pl.String).alias("statement_en"), "quote", pl.lit("reach").alias("comparator"), pl.col("value").alias("target_value"),
        *[pl.lit(None, pl.String).alias(c) for c in ("target_value_max", "value_text")], "unit", pl.lit("2025").alias("target_year"),
        *[pl.lit(None, pl.String).alias(c) for c in ("baseline_value", "baseline_year", "period_start", "period_end")],
        pl.lit("economy").alias("topic"), "area_zh", *[pl.lit(None, pl.String).alias(c) for c in ("breakdown", "same_as", "note")],
    )  # fmt: skip
    commitments.write_csv(folder / "data/commitments.csv", line_terminator="\n")
    pl.DataFrame(sources).write_csv(folder / "data/sources.csv", line_terminator="\n")
    areas = pl.DataFrame({"name_zh": [f"片区{i}" for i in range(AREAS)]}).select(
        district_code=pl.lit("110115"), name_zh="name_zh", name_en=pl.lit(None, pl.String), kind=pl.lit("site"),
        note=pl.lit(None, pl.String),
    )  # fmt: skip
    areas.write_csv(folder / "data/areas.csv", line_terminator="\n")
    header = [f["name"] for f in json.loads((folder / "schemas/assessments.schema.json").read_text("utf-8"))["fields"]]
    (folder / "data/assessments.csv").write_text(",".join(header) + "\n", encoding="utf-8")  # none yet
    return folder, plants


def _generate(size: int, planted: bool, shuffled: bool = False) -> tuple[Path, list[tuple[str, int, str, str]]]:
    """Generate in a child process. Linux counts the parent's resident set at fork time into a child's
    peak RSS, so the process that spawns the measured runs must stay small."""
    flags = [*(["--planted"] if planted else []), *(["--shuffled"] if shuffled else [])]
    command = [sys.executable, __file__, "--generate", str(size), *flags]
    made = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    return Path(made["folder"]), [tuple(p) for p in made["plants"]]  # type: ignore[misc]


def measure(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MiB and stdout of one run of ``command`` in its own process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, "CI": "1"}
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss / 1024, out.decode("utf-8", "replace")


def median_run(command: list[str], cwd: Path, repeat: int) -> tuple[float, float, str]:
    runs = [measure(command, cwd) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def bundled(frictionless: str, read_csvs: str, repeat: int) -> list[str]:
    """The curated package as it ships: the command a steward runs, against frictionless on the same package."""
    rows = sum(len(pl.read_csv(p, infer_schema=False)) for p in (BUNDLED / "data").glob("*.csv"))
    base, base_rss, _ = median_run([sys.executable, "-c", read_csvs], BUNDLED, repeat)
    ours, ours_rss, out = median_run(
        [sys.executable, "-m", "pledgekit", "validate", ".", "--format", "json"], BUNDLED, repeat
    )
    errors = json.loads(out)["stats"]["errors"]
    floor, floor_rss, _ = median_run([sys.executable, "-c", f"import {', '.join(NEEDED)}"], BUNDLED, repeat)
    theirs, theirs_rss, out = median_run([frictionless, "validate", "--json", "datapackage.json"], BUNDLED, repeat)
    their_errors = sum(len(t.get("errors", [])) for t in json.loads(out).get("tasks", []))
    label = "bundled package"
    return [
        f"| {label} | {rows:,} | polars read | {base:.2f} | {rows / base:,.0f} | {base_rss:.0f} | | | | 1.0 |",
        f"| {label} | {rows:,} | imports alone | {floor:.2f} | | {floor_rss:.0f} | | | | {floor / base:.1f} |",
        f"| {label} | {rows:,} | pledgekit | {ours:.2f} | {rows / ours:,.0f} | {ours_rss:.0f} | {errors} | | "
        f"{theirs / ours:.1f} | {ours / base:.1f} |",
        f"| {label} | {rows:,} | frictionless | {theirs:.2f} | {rows / theirs:,.0f} | {theirs_rss:.0f} | {their_errors} | | "
        f"1.0 | {theirs / base:.1f} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--planted", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--shuffled", action="store_true", help="also the valid package with its rows in random order")
    parser.add_argument(
        "--frictionless-max", type=int, default=1_000_000, help="largest size frictionless is run on (it is linear)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bundled-repeat", type=int, default=7, help="runs on the bundled package (0: skip it)")
    args = parser.parse_args()
    if args.generate:  # in a process of its own: see _generate
        folder, plants = generate(args.generate, args.planted, args.shuffled)
        print(json.dumps({"folder": str(folder), "plants": plants}))
        return
    frictionless = str(Path(sys.executable).parent / "frictionless")
    spec = importlib.util.find_spec("pledgekit")  # located, not imported: this process stays small
    assert spec is not None and spec.origin is not None
    compileall.compile_dir(Path(spec.origin).parent, quiet=1)  # as `pip install .` does: no run compiles it
    read_csvs = (
        "import polars as pl, pathlib; [pl.read_csv(p, infer_schema=False) for p in pathlib.Path('data').glob('*.csv')]"
    )
    lines = ["| package | rows | tool | wall s (median) | rows/s | peak RSS MiB | errors found | planted found | × frictionless | × polars read |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    if args.bundled_repeat:
        lines += bundled(frictionless, read_csvs, args.bundled_repeat)
        print(*lines[-4:], sep="\n", file=sys.stderr)
    for size in [int(s) for s in args.sizes.split(",")]:
        variants = [(False, False), (True, False)] if size <= args.frictionless_max else [(False, False)]
        for planted, shuffled in variants + ([(False, True)] if args.shuffled else []):
            folder, plants = _generate(size, planted, shuffled)
            rows = size + max(size // 10, 1)
            label = f"{size:,} metrics" + (" + 1% errors" if planted else "") + (", rows shuffled" if shuffled else "")
            repeat = args.repeat if size < 1_000_000 else max(1, args.repeat - 1) if size == 1_000_000 else 1
            base, base_rss, _ = median_run([sys.executable, "-c", read_csvs], folder, repeat)
            ours, ours_rss, out = median_run(
                [
                    sys.executable,
                    "-m",
                    "pledgekit",
                    "validate",
                    ".",
                    "--format",
                    "json",
                    "--max-per-code",
                    "0",
                    "--max-bytes",
                    "4000000000",
                ],
                folder,
                repeat,
            )
            report = json.loads(out)
            found = {(i["path"], i["row"], i["field"], i["code"]) for i in report["issues"]}
            hits = sum(
                1
                for p in plants
                if (f"{p[0]}", p[1], p[2], p[3])
                in {(f.split("/", 1)[-1] if f else f, r, fi, c) for f, r, fi, c in found}
            )
            if size > args.frictionless_max:
                lines.append(
                    f"| {label} | {rows:,} | polars read | {base:.2f} | {rows / base:,.0f} | {base_rss:.0f} | | | | 1.0 |"
                )
                lines.append(f"| {label} | {rows:,} | pledgekit | {ours:.2f} | {rows / ours:,.0f} | {ours_rss:.0f} | "
                             f"{report['stats']['errors']} | | | {ours / base:.1f} |")  # fmt: skip
                print(lines[-2], lines[-1], sep="\n", file=sys.stderr)
                continue
            theirs, theirs_rss, out = median_run(
                [frictionless, "validate", "--json", "datapackage.json"], folder, repeat
            )
            their_errors = sum(len(t.get("errors", [])) for t in json.loads(out).get("tasks", []))
            raised = ""
            if planted:
                _, _, out_raised = measure(
                    [frictionless, "validate", "--json", "--limit-errors", "100000000", "datapackage.json"], folder
                )
                raised = f" ({sum(len(t.get('errors', [])) for t in json.loads(out_raised).get('tasks', []))} with the limit raised)"
            lines.append(
                f"| {label} | {rows:,} | polars read | {base:.2f} | {rows / base:,.0f} | {base_rss:.0f} | | | | 1.0 |"
            )
            lines.append(f"| {label} | {rows:,} | pledgekit | {ours:.2f} | {rows / ours:,.0f} | {ours_rss:.0f} | {report['stats']['errors']} | "
                         f"{hits}/{len(plants)} | {theirs / ours:.1f} | {ours / base:.1f} |")  # fmt: skip
            lines.append(
                f"| {label} | {rows:,} | frictionless | {theirs:.2f} | {rows / theirs:,.0f} | {theirs_rss:.0f} | {their_errors}{raised} | | 1.0 | {theirs / base:.1f} |"
            )
            print(lines[-3], lines[-2], lines[-1], sep="\n", file=sys.stderr)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
