"""Silver: cleans both sources, purchases against the cleaned clients, and gathers one rejects table
(pipelines/silver/index.ts). Writes clients, achats and rejects into the silver layer folder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Mapping, Optional, Tuple

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from pipelines.spark.schema import REQUIRED_CLIENT_COLUMNS, REQUIRED_PURCHASE_COLUMNS
from pipelines.spark.silver import achats, clients
from pipelines.spark.silver.apply_rules import apply_rules
from pipelines.spark.silver.formats import ValueFormats
from pipelines.spark.silver.parse import with_trimmed_text
from pipelines.spark.silver.quality import quality_counters
from pipelines.spark.silver.title_case import title_case_column
from pipelines.spark.tables import Written, read_table, write_table


@dataclass(frozen=True)
class SilverResult:
    written: Dict[str, Written]
    quality: Dict[str, Dict[str, int]]


def _by_reason(rejects: DataFrame) -> Dict[str, int]:
    return {row["reason"]: int(row["count"]) for row in rejects.groupBy("reason").count().collect()}


@dataclass(frozen=True)
class SetAside:
    """Lines bronze set aside for their field count: rejects already (the rejects table's columns)."""

    rejects: DataFrame
    count: int


def _with_set_aside(quality: Dict[str, int], lines: Optional[SetAside]) -> Dict[str, int]:
    """Every line read counted once: set-aside lines join the initial rows and have their own counter."""
    if lines is None or lines.count == 0:
        return quality
    return {**quality, "initial_rows": quality["initial_rows"] + lines.count, "dropped_wrong_field_count": lines.count}


def _source_rejects(rejects: DataFrame, lines: Optional[SetAside], order: int) -> DataFrame:
    """A source's rejects with the lines bronze set aside; the write sorts them into the file's line order."""
    both = rejects if lines is None or lines.count == 0 else rejects.unionByName(lines.rejects)
    return both.withColumn("_source_order", F.lit(order))


def build_silver(
    spark: SparkSession,
    bronze: Tuple[DataFrame, DataFrame],
    out: str,
    now_micros: int,
    formats: Mapping[str, ValueFormats],
    set_aside: Mapping[str, SetAside],
) -> SilverResult:
    bronze_clients, bronze_achats = (
        with_trimmed_text(frame, columns)
        for frame, columns in zip(bronze, (REQUIRED_CLIENT_COLUMNS, REQUIRED_PURCHASE_COLUMNS))
    )
    clients_kept, clients_rejects, clients_flagged = apply_rules(
        bronze_clients, clients.clients_plan(now_micros, formats["clients"])
    )
    written = {
        "clients": write_table(spark, title_case_column(clients_kept, "pays"), out, "clients", ["id_client"])
    }
    known = clients.client_ids(read_table(spark, out, "clients"))
    achats_kept, achats_rejects, achats_flagged = apply_rules(
        achats.with_known_client(bronze_achats, known, formats["achats"]),
        achats.achats_plan(now_micros, has_clients=written["clients"].rows > 0, formats=formats["achats"]),
    )
    written["achats"] = write_table(spark, title_case_column(achats_kept, "produit"), out, "achats", ["id_achat"])
    # Clients' rejects first, each source's in file order, as Polars concatenates them.
    rejects = _source_rejects(clients_rejects, set_aside.get("clients"), 0).unionByName(
        _source_rejects(achats_rejects, set_aside.get("achats"), 1)
    )
    written["rejects"] = write_table(
        spark, rejects, out, "rejects", ["_source_order", "row_number"], helpers=["_source_order"]
    )
    quality = {
        "clients": _with_set_aside(
            quality_counters(
                bronze_clients.count(), _by_reason(clients_rejects), written["clients"].rows, clients.COUNTERS
            ),
            set_aside.get("clients"),
        ),
        "achats": _with_set_aside(
            quality_counters(
                bronze_achats.count(), _by_reason(achats_rejects), written["achats"].rows, achats.COUNTERS
            ),
            set_aside.get("achats"),
        ),
    }
    clients_flagged.unpersist()
    achats_flagged.unpersist()
    return SilverResult(written=written, quality=quality)
