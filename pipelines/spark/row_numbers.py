"""Dense row numbers in file order without moving every row to one partition.

monotonically_increasing_id() is the partition index in its upper 31 bits and the row's position within
the partition below: counting rows per partition gives each partition's first number.
"""

from __future__ import annotations

from typing import Tuple

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

_POSITION_BITS = 33


def with_row_numbers(frame: DataFrame, column: str, first: int) -> Tuple[DataFrame, int]:
    """`frame` with `column` = first, first + 1, … in the order rows were read, and the row count."""
    tagged = frame.withColumn("_mid", F.monotonically_increasing_id())
    partition = F.shiftright(F.col("_mid"), _POSITION_BITS)
    counts = sorted(
        (row["_part"], row["count"]) for row in tagged.groupBy(partition.alias("_part")).count().collect()
    )
    start: Column = F.lit(0)
    offset = 0
    offsets = []
    for part, count in counts:
        offsets.append((part, offset))
        offset += count
    if offsets:
        chain = None
        for part, part_offset in offsets:
            chain = (F if chain is None else chain).when(partition == part, F.lit(part_offset))
        start = chain.otherwise(F.lit(0))
    position = F.col("_mid").bitwiseAND(F.lit((1 << _POSITION_BITS) - 1))
    numbered = tagged.withColumn(column, (start + position + F.lit(first)).cast("long")).drop("_mid")
    return numbered, offset
