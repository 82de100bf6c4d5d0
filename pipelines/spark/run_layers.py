"""Runs the layers of one run, from a chosen layer to gold, reading the earlier layers from the folders of
the previous good run (pipelines/run-layers.ts). Writes the layer folders it is given; committing the
run is the caller's job."""

from __future__ import annotations

from typing import Any, Dict, Tuple

from pyspark.sql import DataFrame, SparkSession

from pipelines.spark import report
from pipelines.spark.bronze import Lineage, land_source
from pipelines.spark.errors import PipelineInputError
from pipelines.spark.gold.build import build_gold
from pipelines.spark.kpis import gold_kpis
from pipelines.spark.plan import JobPlan
from pipelines.spark.schema import REQUIRED_CLIENT_COLUMNS, REQUIRED_PURCHASE_COLUMNS
from pipelines.spark.silver.build import build_silver
from pipelines.spark.tables import Written, read_table, write_table


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


def _land_bronze(spark: SparkSession, plan: JobPlan, outcome: _Outcome) -> None:
    if not plan.sources:
        raise ValueError("bronze needs source files")
    report.progress(0.02, "bronze: reading sources")
    lineage = Lineage(batch_id=plan.run_id, ingested_at_micros=plan.now_micros)
    required = {"clients": REQUIRED_CLIENT_COLUMNS, "achats": REQUIRED_PURCHASE_COLUMNS}
    for table, columns in required.items():
        with report.stopwatch() as timing:
            frame = land_source(spark, plan.sources[table], columns, lineage)
            written = write_table(spark, frame, plan.out["bronze"], table, ["_row_number"], presorted=True)
        outcome.add("bronze", {table: written})
        report.step("bronze", table, 0, written.rows, timing["ms"])


def _bronze_frames(spark: SparkSession, folder: str) -> Tuple[DataFrame, DataFrame]:
    return read_table(spark, folder, "clients"), read_table(spark, folder, "achats")


def run_layers(spark: SparkSession, plan: JobPlan) -> Dict[str, Any]:
    outcome = _Outcome()
    quality: Dict[str, Dict[str, int]] = {}
    if plan.start == "bronze":
        _land_bronze(spark, plan, outcome)
    if plan.computes("silver"):
        bronze = _bronze_frames(spark, _folder(plan, "bronze"))
        report.progress(0.2, "silver: cleaning")
        rows_in = bronze[0].count() + bronze[1].count()
        with report.stopwatch() as timing:
            silver = build_silver(spark, bronze, plan.out["silver"], plan.now_micros)
        outcome.add("silver", silver.written)
        quality = silver.quality
        rows_out = silver.written["clients"].rows + silver.written["achats"].rows
        report.step("silver", "clean", rows_in, rows_out, timing["ms"])
    silver_folder = _folder(plan, "silver")
    if read_table(spark, silver_folder, "achats").count() == 0:
        raise PipelineInputError(
            "no_valid_purchase",
            "no purchase survived silver: every row of the purchases file was rejected (see the rejects table); "
            "the previous gold is kept",
        )
    report.progress(0.5, "gold: building tables")
    gold = build_gold(spark, silver_folder, plan.out["gold"], plan.horizon_days)
    outcome.add("gold", gold.written)
    kpis = gold_kpis(spark, plan.out["gold"])
    report.progress(1, "done")
    return {
        "tables": outcome.tables,
        "quality": quality,
        "referenceDate": gold.reference_date,
        "bytes": outcome.bytes,
        "kpis": kpis,
    }
