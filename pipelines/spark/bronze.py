"""Bronze: a source file lands as Parquet, every column as text exactly as it came, with lineage columns
(source file, row number in the file, ingestion time, batch id), as pipelines/bronze.ts does."""

from __future__ import annotations

import csv
import posixpath
from dataclasses import dataclass
from typing import List, Sequence, Tuple

from pyspark.errors import PySparkException
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from py4j.protocol import Py4JJavaError

from pipelines.spark.errors import PipelineInputError
from pipelines.spark.hadoop_fs import HadoopFs
from pipelines.spark.row_numbers import with_row_numbers
from pipelines.spark.time_math import ntz_from_micros

SNIFF_BYTES = 4096
# Unquoted empty fields become this, then null; quoted empty fields stay "" (Polars reads them so).
_NULL_TOKEN = "\u0000"


@dataclass(frozen=True)
class Lineage:
    batch_id: str
    ingested_at_micros: int


def _check_file(fs: HadoopFs, path: str, name: str) -> None:
    if not fs.exists(path):
        raise PipelineInputError("missing_file", f"{path} does not exist")
    if fs.size(path) == 0:
        raise PipelineInputError("empty_file", f"{name} is empty: expected a header line and data rows")


def _check_csv_head(head: bytes, name: str) -> None:
    if len(head) == 0 or head.decode("utf-8", errors="replace").strip() == "":
        raise PipelineInputError("empty_file", f"{name} is empty: expected a header line and data rows")
    if b"\x00" in head:
        raise PipelineInputError("not_csv", f"{name} is not a CSV file (it contains binary data)")


def _ddl(names: Sequence[str]) -> str:
    return ", ".join("`" + name.replace("`", "``") + "` STRING" for name in names)


def _read_csv(spark: SparkSession, fs: HadoopFs, path: str, name: str) -> Tuple[DataFrame, int]:
    """The data rows with their line numbers (the header is line 1), and how many there are."""
    _check_csv_head(fs.head(path, SNIFF_BYTES), name)
    # Line numbers come from the text lines; each line is then parsed as one CSV record.
    lines, line_count = with_row_numbers(spark.read.text(path), "_row_number", 1)
    header_line = spark.read.text(path).first()
    header = next(csv.reader([header_line["value"] if header_line else ""]), [])
    options = {"escape": '"', "nullValue": _NULL_TOKEN, "mode": "PERMISSIVE"}
    records = lines.filter(F.col("_row_number") >= 2).select(
        "_row_number", F.from_csv(F.col("value"), _ddl(header), options).alias("_record")
    )
    columns = [F.col("_record").getField(column).alias(column) for column in header]
    return records.select("_row_number", *columns), max(line_count - 1, 0)


def _read_parquet(spark: SparkSession, path: str, name: str) -> Tuple[DataFrame, int]:
    try:
        frame = spark.read.parquet(path)
        frame.schema  # noqa: B018 - resolving the schema reads the footer: a bad file fails here
    except (PySparkException, Py4JJavaError) as err:
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise PipelineInputError("not_parquet", f"{name} could not be read as Parquet: {first_line}") from err
    text = frame.select(*[F.col(f"`{c}`").cast("string").alias(c) for c in frame.columns])
    numbered, rows = with_row_numbers(text, "_row_number", 1)
    return numbered.select("_row_number", *[F.col(f"`{c}`") for c in frame.columns]), rows


def land_source(spark: SparkSession, path: str, required: Sequence[str], lineage: Lineage) -> DataFrame:
    """One source file as a bronze frame, or a PipelineInputError naming the file."""
    fs = HadoopFs(spark)
    name = posixpath.basename(path)
    _check_file(fs, path, name)
    parquet = path.lower().endswith(".parquet")
    raw, rows = _read_parquet(spark, path, name) if parquet else _read_csv(spark, fs, path, name)
    columns: List[str] = [c.strip() for c in raw.columns]
    missing = [c for c in required if c not in columns]
    if missing:
        found = ", ".join(c for c in columns if c != "_row_number")
        raise PipelineInputError(
            "missing_column", f"{name}: missing required column(s) {', '.join(missing)}; found {found}"
        )
    renamed = raw.toDF(*columns)
    if rows == 0:
        raise PipelineInputError("empty_file", f"{name} has a header but no data rows")
    return renamed.withColumns(
        {
            "_source_file": F.lit(name),
            "_ingested_at": ntz_from_micros(F.lit(lineage.ingested_at_micros)),
            "_batch_id": F.lit(lineage.batch_id),
        }
    )
