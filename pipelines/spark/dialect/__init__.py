"""How a source file is written (pipelines/dialect/): its encoding, separator, header names, records, and how
its numbers and dates are written, read the way the Polars pipeline reads them so both engines agree."""
