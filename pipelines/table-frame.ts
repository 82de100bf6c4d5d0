/**
 * A table in memory or a query over a file (a streamed bronze is read back from its Parquet): the code that
 * can work on either asks for a query, and counts rows without reading them.
 */
import pl from 'nodejs-polars'

export type TableFrame = pl.DataFrame | pl.LazyDataFrame

export function isLazy(frame: TableFrame): frame is pl.LazyDataFrame {
  return typeof (frame as pl.LazyDataFrame).collectSync === 'function'
}

export function asLazy(frame: TableFrame): pl.LazyDataFrame {
  return isLazy(frame) ? frame : frame.lazy()
}

/** Rows of the table (for a Parquet scan, from the file's footer). */
export function rowCount(frame: TableFrame): number {
  if (!isLazy(frame)) return frame.height
  return Number(frame.select(pl.len().alias('n')).collectSync().getColumn('n').get(0))
}
