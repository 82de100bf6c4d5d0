"""Silver purchases: the original's cleaning rules (spec §3.2) in order, as pipelines/silver/achats.ts."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from pipelines.spark.schema import MAX_PURCHASE_AMOUNT, REQUIRED_PURCHASE_COLUMNS
from pipelines.spark.silver.apply_rules import CleaningPlan
from pipelines.spark.silver.bounds import out_of_range
from pipelines.spark.silver.formats import ValueFormats
from pipelines.spark.silver.parse import as_number, as_timestamp, is_blank, is_nan_or_null, is_whole, trimmed
from pipelines.spark.silver.rules import Rule, per_field

COUNTERS = (
    "dropped_missing",
    "dropped_invalid_date",
    "dropped_out_of_range",
    "dropped_bad_amount",
    "dropped_orphan_client",
    "dropped_duplicates",
)


def with_known_client(bronze: DataFrame, known_ids: DataFrame, formats: ValueFormats) -> DataFrame:
    """Adds `_client` (the parsed id) and `_known` (it is a cleaned client's id)."""
    parsed = bronze.withColumn("_client", as_number("id_client", formats.decimal))
    joined = parsed.join(F.broadcast(known_ids), parsed["_client"] == known_ids["_known_id"], "left")
    return joined.withColumn("_known", F.col("_known_id").isNotNull()).drop("_known_id")


def achats_plan(now_micros: int, has_clients: bool, formats: ValueFormats) -> CleaningPlan:
    """`has_clients` False disables the orphan rule, as in the original (no cleaned client at all)."""
    date = F.col("_date")
    amount = F.col("_amount")
    return CleaningPlan(
        parsed={
            "_id": as_number("id_achat", formats.decimal),
            "_amount": as_number("montant", formats.decimal),
            "_date": as_timestamp("date_achat", formats.date_format),
        },
        rules=[
            *per_field("missing_field", REQUIRED_PURCHASE_COLUMNS, is_blank),
            Rule("invalid_number", "id_achat", ~is_whole("_id")),
            Rule("invalid_number", "id_client", ~is_whole("_client")),
            Rule("invalid_number", "montant", is_nan_or_null("_amount")),
            Rule("invalid_date", "date_achat", date.isNull()),
            Rule("date_out_of_range", "date_achat", out_of_range("_date", now_micros)),
            Rule("bad_amount", "montant", (amount <= 0) | (amount > MAX_PURCHASE_AMOUNT)),
            Rule("orphan_client", "id_client", ~F.col("_known") if has_clients else F.lit(False)),
        ],
        duplicate_key="_id",
        duplicate_field="id_achat",
        keep="last",
        output=[
            F.col("_id").cast("long").alias("id_achat"),
            F.col("_client").cast("long").alias("id_client"),
            date.alias("date_achat"),
            amount.alias("montant"),
            trimmed("produit").alias("produit"),
        ],
        columns=REQUIRED_PURCHASE_COLUMNS,
    )
