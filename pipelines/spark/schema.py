"""Column contracts and constants shared by the layers: a mirror of pipelines/schema.ts."""

from __future__ import annotations

REQUIRED_CLIENT_COLUMNS = ("id_client", "nom", "email", "date_inscription", "pays")
REQUIRED_PURCHASE_COLUMNS = ("id_achat", "id_client", "date_achat", "montant", "produit")

HORIZON_DAYS = 365
MAX_PURCHASE_AMOUNT = 10_000.0
MICROS_PER_DAY = 86_400_000_000
# 2000-01-01 00:00:00 UTC, the original's lower date bound.
DATE_LOWER_BOUND_MICROS = 946_684_800_000_000
# The widest UTC offset in use: a naive local time up to "now" anywhere on Earth is never "future".
MAX_UTC_OFFSET_MICROS = 14 * 3_600_000_000
# Ids must fit a double without loss, as in Polars' silver (Number.MAX_SAFE_INTEGER).
MAX_SAFE_INTEGER = 2**53 - 1

# A run fails when silver rejects more than this share of a file's rows (src-preload/values.ts).
DEFAULT_MAX_REJECT_SHARE = 0.1

# Why silver rejected a row, and the original's quality counter each reason counts in.
REJECT_REASONS = {
    "invalid_id": "dropped_invalid_id",
    "invalid_number": "dropped_missing",
    "missing_field": "dropped_missing",
    "invalid_date": "dropped_invalid_date",
    "date_out_of_range": "dropped_out_of_range",
    "invalid_email": "dropped_invalid_email",
    "bad_amount": "dropped_bad_amount",
    "orphan_client": "dropped_orphan_client",
    "duplicate_id": "dropped_duplicates",
}

# Bronze's lineage that silver keeps on every clean row (ingestion time stays in bronze).
KEPT_LINEAGE = ("_source_file", "_row_number", "_batch_id")
