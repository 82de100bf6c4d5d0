"""The silver frames narrowed to the columns gold reads, with the contract's types (lineage dropped)."""

from __future__ import annotations

from typing import Sequence, Tuple

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from pipelines.spark.schema import REQUIRED_CLIENT_COLUMNS, REQUIRED_PURCHASE_COLUMNS

CLIENT_TYPES = ("long", "string", "string", "timestamp_ntz", "string")
PURCHASE_TYPES = ("long", "long", "timestamp_ntz", "double", "string")


def _typed(frame: DataFrame, columns: Sequence[str], types: Sequence[str], label: str) -> DataFrame:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"gold: {label} is missing columns [{', '.join(missing)}]; present [{', '.join(frame.columns)}]"
        )
    return frame.select(*[F.col(c).cast(t).alias(c) for c, t in zip(columns, types)])


def prepare_inputs(clients: DataFrame, achats: DataFrame) -> Tuple[DataFrame, DataFrame]:
    return (
        _typed(clients, REQUIRED_CLIENT_COLUMNS, CLIENT_TYPES, "silver clients"),
        _typed(achats, REQUIRED_PURCHASE_COLUMNS, PURCHASE_TYPES, "silver purchases"),
    )
