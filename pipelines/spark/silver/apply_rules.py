"""Applies a source's cleaning rules: the text is parsed once, every rule tested, duplicates flagged among
the clean rows, and the rejected rows explained (pipelines/silver/apply-rules.ts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from pipelines.spark.schema import KEPT_LINEAGE
from pipelines.spark.silver.rules import Rule, flag_duplicates, raw_name, rejects_table, rule_index


@dataclass(frozen=True)
class CleaningPlan:
    # Typed columns computed once from the text (e.g. `_id`, `_date`), which rules and output read.
    parsed: Dict[str, Column]
    rules: List[Rule]
    # Duplicates among clean rows: the typed key column, the field to report, which occurrence to keep.
    duplicate_key: str
    duplicate_field: str
    keep: str
    # The clean output's columns, in order, named as the source's columns (`columns`).
    output: List[Column]
    # The source's own columns, kept whole in each reject's `record`.
    columns: Sequence[str]


def apply_rules(bronze: DataFrame, plan: CleaningPlan) -> Tuple[DataFrame, DataFrame, DataFrame]:
    """(kept rows with lineage, rejects table, the flagged frame to unpersist once both are written).

    Only what the outputs need is shuffled and cached: the typed output columns (named as the source's),
    the lineage, the rule index, and the source's raw text (as `_raw_<column>`) for explaining rejects.
    """
    rules = plan.rules + [Rule("duplicate_id", plan.duplicate_field, F.lit(False))]
    typed = bronze.withColumns(plan.parsed).withColumn("_rule", rule_index(plan.rules))
    narrow = typed.select(
        *plan.output,
        *[F.col(c) for c in KEPT_LINEAGE],
        "_rule",
        plan.duplicate_key,
        *[F.col(c).alias(raw_name(c)) for c in plan.columns],
    )
    flagged = flag_duplicates(narrow, plan.duplicate_key, plan.keep, len(plan.rules)).drop(plan.duplicate_key)
    flagged = flagged.persist()
    kept = flagged.filter(F.col("_rule").isNull()).select(*plan.columns, *KEPT_LINEAGE)
    rejects = rejects_table(flagged.filter(F.col("_rule").isNotNull()), rules, plan.columns)
    return kept, rejects, flagged
