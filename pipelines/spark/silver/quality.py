"""The original's quality counters (spec §3), every one present, computed from the reject reasons."""

from __future__ import annotations

from typing import Dict, Mapping, Sequence

from pipelines.spark.schema import REJECT_REASONS


def quality_counters(
    initial_rows: int, rejects_by_reason: Mapping[str, int], final_rows: int, counters: Sequence[str]
) -> Dict[str, int]:
    quality = {"initial_rows": initial_rows}
    for counter in counters:
        quality[counter] = 0
    for reason, count in rejects_by_reason.items():
        counter = REJECT_REASONS[reason]
        quality[counter] = quality.get(counter, 0) + count
    quality["final_rows"] = final_rows
    return quality
