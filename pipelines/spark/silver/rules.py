"""A cleaning rule flags the rows it rejects. Rules apply in order and the first that matches a row names
the reason, the field at fault and its value (pipelines/silver/rules.ts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, List, Sequence

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F


@dataclass(frozen=True)
class Rule:
    reason: str
    # The source column a message points at.
    field: str
    rejects: Column


def per_field(reason: str, fields: Sequence[str], bad: Callable[[str], Column]) -> List[Rule]:
    """One rule per field of a list: the first bad field is the one reported."""
    return [Rule(reason, field, bad(field)) for field in fields]


def rule_index(rules: Sequence[Rule]) -> Column:
    """The index of the first rule that rejects the row, null where every rule passes (a null test passes)."""
    chain = None
    for index, rule in enumerate(rules):
        chain = (F if chain is None else chain).when(rule.rejects, F.lit(index))
    return chain.cast("int") if chain is not None else F.lit(None).cast("int")


def flag_duplicates(frame: DataFrame, key: str, keep: str, dup_index: int) -> DataFrame:
    """Flags, as rule `dup_index`, the duplicate keys among rows no rule rejected. The kept one is the first
    (or last) in source-row order; rejected rows get no key, so they never shadow a valid row."""
    clean = F.col("_rule").isNull()
    order = F.col("_row_number").asc() if keep == "first" else F.col("_row_number").desc()
    rank = F.row_number().over(Window.partitionBy(F.col("_dup_key")).orderBy(order))
    return (
        frame.withColumn("_dup_key", F.when(clean, F.col(key)))
        .withColumn("_rule", F.when(clean & (rank > 1), F.lit(dup_index)).otherwise(F.col("_rule")))
        .drop("_dup_key")
    )


def _lookup(rules: Sequence[Rule], value: Callable[[Rule], Column]) -> Column:
    chain = None
    for index, rule in enumerate(rules):
        chain = (F if chain is None else chain).when(F.col("_rule") == index, value(rule))
    return chain


def raw_name(column: str) -> str:
    """A source column's text as rejects read it, once typed columns have taken the name."""
    return f"_raw_{column}"


def rejects_table(rejected: DataFrame, rules: Sequence[Rule], columns: Sequence[str]) -> DataFrame:
    """One row per rejected source row: where it came from, why, the field's text and the whole record."""
    return rejected.select(
        F.col("_source_file").cast("string").alias("source"),
        F.col("_row_number").cast("long").alias("row_number"),
        _lookup(rules, lambda r: F.lit(r.reason)).alias("reason"),
        _lookup(rules, lambda r: F.lit(r.field)).alias("field"),
        _lookup(rules, lambda r: F.col(raw_name(r.field)).cast("string")).alias("value"),
        # Null fields stay in the JSON (as Polars' struct encoding keeps them).
        F.to_json(F.struct(*[F.col(raw_name(c)).alias(c) for c in columns]), {"ignoreNullFields": "false"}).alias(
            "record"
        ),
        F.col("_batch_id").cast("string").alias("batch_id"),
    )
