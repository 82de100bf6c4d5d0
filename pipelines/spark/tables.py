"""Layer tables as single Parquet files (`<layer folder>/<table>.parquet`), the layout the Polars pipeline
writes and every reader of the lake expects; Spark's own output is a folder of part files, so each table
is written to a scratch folder as one sorted partition and its part file moved into place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

from pyspark.sql import Column, DataFrame, SparkSession

from pipelines.spark.hadoop_fs import HadoopFs

Order = Sequence[Union[str, Column]]


@dataclass(frozen=True)
class Written:
    rows: int
    bytes: int


def table_path(folder: str, table: str) -> str:
    return f"{folder.rstrip('/')}/{table}.parquet"


def read_table(spark: SparkSession, folder: str, table: str) -> DataFrame:
    return spark.read.parquet(table_path(folder, table))


def write_table(
    spark: SparkSession,
    frame: DataFrame,
    folder: str,
    table: str,
    order: Order,
    helpers: Sequence[str] = (),
    presorted: bool = False,
) -> Written:
    """Writes `frame` sorted by `order` (all rows in one file, in that order), without the `helpers`
    columns that only served the sort, and returns its size. A `presorted` frame (read in order from one
    file, as bronze is) is only gathered, not shuffled and sorted again."""
    fs = HadoopFs(spark)
    scratch = f"{folder.rstrip('/')}/_spark_{table}"
    target = table_path(folder, table)
    single = frame.coalesce(1) if presorted else frame.repartition(1).sortWithinPartitions(*order)
    single.drop(*helpers).write.mode("overwrite").option("compression", "zstd").parquet(scratch)
    parts = [name for name in fs.list_names(scratch) if name.startswith("part-") and name.endswith(".parquet")]
    if len(parts) != 1:
        raise RuntimeError(f"expected one part file for {table} in {scratch}, found {len(parts)}")
    fs.rename(f"{scratch}/{parts[0]}", target)
    fs.delete(scratch)
    # The local file system keeps a checksum beside each file; the lake holds tables only.
    checksum = f"{folder.rstrip('/')}/.{table}.parquet.crc"
    if fs.exists(checksum):
        fs.delete(checksum)
    return Written(rows=fs.parquet_rows(target), bytes=fs.size(target))
