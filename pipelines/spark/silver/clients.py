"""Silver clients: the original's cleaning rules (spec §3.1) in order, as pipelines/silver/clients.ts."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from pipelines.spark.schema import REQUIRED_CLIENT_COLUMNS
from pipelines.spark.silver.apply_rules import CleaningPlan
from pipelines.spark.silver.bounds import out_of_range
from pipelines.spark.silver.formats import ValueFormats
from pipelines.spark.silver.parse import as_number, as_timestamp, is_blank, is_whole, trimmed
from pipelines.spark.silver.rules import Rule, per_field
from pipelines.spark.time_math import ntz_from_micros, start_of_day

COUNTERS = (
    "dropped_invalid_id",
    "dropped_missing",
    "dropped_invalid_date",
    "dropped_out_of_range",
    "dropped_invalid_email",
    "dropped_duplicates",
)


def clients_plan(now_micros: int, formats: ValueFormats) -> CleaningPlan:
    date = F.col("_date")
    return CleaningPlan(
        parsed={
            "_id": as_number("id_client", formats.decimal),
            "_date": as_timestamp("date_inscription", formats.date_format),
        },
        rules=[
            Rule("invalid_id", "id_client", ~is_whole("_id")),
            *per_field("missing_field", ["nom", "email", "pays"], is_blank),
            Rule("invalid_date", "date_inscription", date.isNull()),
            Rule("date_out_of_range", "date_inscription", out_of_range("_date", now_micros)),
            Rule("invalid_email", "email", ~F.col("email").contains("@")),
        ],
        duplicate_key="_id",
        duplicate_field="id_client",
        keep="first",
        output=[
            F.col("_id").cast("long").alias("id_client"),
            trimmed("nom").alias("nom"),
            F.lower(trimmed("email")).alias("email"),
            # The original wrote the date back as YYYY-MM-DD: keep the day, as a real timestamp.
            ntz_from_micros(start_of_day("_date")).alias("date_inscription"),
            trimmed("pays").alias("pays"),
        ],
        columns=REQUIRED_CLIENT_COLUMNS,
    )


def client_ids(clean: DataFrame) -> DataFrame:
    """The cleaned clients' ids as doubles (`_known_id`), what the purchases' parsed ids are compared with."""
    return clean.select(F.col("id_client").cast("double").alias("_known_id")).distinct()
