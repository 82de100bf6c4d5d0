"""Runs the layers of one run, from a chosen layer to gold, reading the earlier layers from the folders of
the previous good run (pipelines/run-layers.ts). Writes the layer folders it is given; committing the
run is the caller's job."""

from __future__ import annotations

import posixpath
from typing import Any, Dict, List, Tuple

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from pipelines.spark import report
from pipelines.spark.bronze import BronzeSource, Landed, Lineage, land_source
from pipelines.spark.errors import PipelineInputError
from pipelines.spark.gold.build import build_gold
from pipelines.spark.hadoop_fs import HadoopFs
from pipelines.spark.kpis import gold_kpis
from pipelines.spark.plan import JobPlan
from pipelines.spark.schema import REQUIRED_CLIENT_COLUMNS, REQUIRED_PURCHASE_COLUMNS
from pipelines.spark.silver.build import build_silver
from pipelines.spark.silver.formats import ValueFormats
from pipelines.spark.silver.gates import SOURCE_TABLES, FileCounts, check_gates
from pipelines.spark.tables import Written, read_table


class _Outcome:
    """What the run wrote: rows per `layer/table` and bytes, reported to the caller at the end."""

    def __init__(self) -> None:
        self.tables: Dict[str, int] = {}
        self.bytes = 0

    def add(self, layer: str, written: Dict[str, Written]) -> None:
        for table, result in written.items():
            self.tables[f"{layer}/{table}"] = result.rows
            self.bytes += result.bytes


def _folder(plan: JobPlan, layer: str) -> str:
    """Where this run reads `layer`: its own output, else the previous good run's folder."""
    folder = plan.out.get(layer) if plan.computes(layer) else plan.reuse.get(layer)
    if not folder:
        raise PipelineInputError(
            "no_previous_run", f"no committed {layer} layer to start from: run from an earlier layer"
        )
    return folder


# What each source must hold, and which of its columns tell how dates and numbers are written.
_SOURCES = {
    "clients": {"required": REQUIRED_CLIENT_COLUMNS, "date_column": "date_inscription"},
    "achats": {"required": REQUIRED_PURCHASE_COLUMNS, "date_column": "date_achat", "decimal_column": "montant"},
}


def _land_bronze(spark: SparkSession, plan: JobPlan, outcome: _Outcome, scratch: List[str]) -> Dict[str, Landed]:
    if not plan.sources:
        raise ValueError("bronze needs source files")
    report.progress(0.02, "bronze: reading sources")
    lineage = Lineage(batch_id=plan.run_id, ingested_at_micros=plan.now_micros)
    landed: Dict[str, Landed] = {}
    for table in SOURCE_TABLES:
        source = BronzeSource(path=plan.sources[table], dialect=plan.dialect.get(table) or {}, **_SOURCES[table])
        with report.stopwatch() as timing:
            read = land_source(spark, source, table, lineage, plan.out["bronze"], scratch)
        outcome.add("bronze", {table: read.written})
        rows_in = read.written.rows + read.set_aside.count + read.blank
        report.step("bronze", table, rows_in, read.written.rows, timing["ms"])
        landed[table] = read
    return landed


def _bronze_frames(spark: SparkSession, folder: str) -> Tuple[DataFrame, DataFrame]:
    return read_table(spark, folder, "clients"), read_table(spark, folder, "achats")


def _source_names(plan: JobPlan, bronze: Tuple[DataFrame, DataFrame]) -> Dict[str, str]:
    """The source files' names as lineage recorded them (from this run's sources, or the reused bronze)."""
    names = {}
    for table, frame in zip(SOURCE_TABLES, bronze):
        if plan.sources:
            names[table] = posixpath.basename(plan.sources[table])
        else:
            first = frame.select(F.col("_source_file").cast("string")).limit(1).collect()
            names[table] = first[0][0] if first and first[0][0] is not None else f"{table}.csv"
    return names


def _file_counts(
    rejects: DataFrame, written: Dict[str, Written], names: Dict[str, str], blank: Dict[str, int]
) -> Dict[str, FileCounts]:
    """Rows read, kept, rejected and blank per source file: every line of each file, counted once."""
    rejected = {row["source"]: int(row["count"]) for row in rejects.groupBy("source").count().collect()}
    return {
        table: FileCounts(written[table].rows, rejected.get(names[table], 0), blank.get(table, 0))
        for table in SOURCE_TABLES
    }


def _remove(spark: SparkSession, paths: List[str]) -> None:
    fs = HadoopFs(spark)
    for path in paths:
        try:
            fs.delete(path)
        except Exception:  # noqa: BLE001 - a copy left behind must not hide the run's own outcome
            pass


def _clean_silver(spark: SparkSession, plan: JobPlan, outcome: _Outcome, result: Dict[str, Any]) -> None:
    """Silver from this run's bronze (landed or reused), then the gates: a source that kept nothing or rejected
    too much fails the run before gold."""
    scratch: List[str] = []
    try:
        landed = _land_bronze(spark, plan, outcome, scratch) if plan.start == "bronze" else None
        bronze = _bronze_frames(spark, _folder(plan, "bronze"))
        dialect = {t: r.dialect for t, r in landed.items()} if landed else plan.bronze_dialect
        report.progress(0.2, "silver: cleaning")
        rows_in = bronze[0].count() + bronze[1].count()
        with report.stopwatch() as timing:
            silver = build_silver(
                spark,
                bronze,
                plan.out["silver"],
                plan.now_micros,
                formats={table: ValueFormats.of(dialect.get(table)) for table in SOURCE_TABLES},
                set_aside={t: r.set_aside for t, r in landed.items()} if landed else {},
            )
        outcome.add("silver", silver.written)
        result["quality"] = silver.quality
        rows_out = silver.written["clients"].rows + silver.written["achats"].rows
        report.step("silver", "clean", rows_in, rows_out, timing["ms"])
    finally:
        _remove(spark, scratch)
    rejects = read_table(spark, plan.out["silver"], "rejects")
    names = _source_names(plan, bronze)
    counts = _file_counts(rejects, silver.written, names, {t: r.blank for t, r in landed.items()} if landed else {})
    if landed:
        # Only a run that read the files says how it read them (a run from silver keeps the earlier record's).
        result["dialect"] = dialect
        result["files"] = {table: counts[table].record() for table in SOURCE_TABLES}
    check_gates(
        names, counts, dialect, rejects, plan.max_reject_share, f"silver/{plan.run_id}/rejects.parquet"
    )


def run_layers(spark: SparkSession, plan: JobPlan) -> Dict[str, Any]:
    outcome = _Outcome()
    result: Dict[str, Any] = {"quality": {}}
    if plan.computes("silver"):
        _clean_silver(spark, plan, outcome, result)
    silver_folder = _folder(plan, "silver")
    report.progress(0.5, "gold: building tables")
    gold = build_gold(spark, silver_folder, plan.out["gold"], plan.horizon_days)
    outcome.add("gold", gold.written)
    kpis = gold_kpis(spark, plan.out["gold"])
    report.progress(1, "done")
    return {
        "tables": outcome.tables,
        "quality": result["quality"],
        "referenceDate": gold.reference_date,
        "bytes": outcome.bytes,
        "kpis": kpis,
        **{key: result[key] for key in ("dialect", "files") if key in result},
    }
