"""File operations through Hadoop's FileSystem API, so one code path serves local folders and s3a:// URLs."""

from __future__ import annotations

from typing import Any, List

from pyspark.sql import SparkSession


class HadoopFs:
    def __init__(self, spark: SparkSession) -> None:
        self._jvm = spark.sparkContext._jvm
        self._conf = spark.sparkContext._jsc.hadoopConfiguration()

    def _path(self, path: str) -> Any:
        return self._jvm.org.apache.hadoop.fs.Path(path)

    def _fs(self, path: str) -> Any:
        return self._path(path).getFileSystem(self._conf)

    def exists(self, path: str) -> bool:
        return bool(self._fs(path).exists(self._path(path)))

    def size(self, path: str) -> int:
        return int(self._fs(path).getFileStatus(self._path(path)).getLen())

    def head(self, path: str, limit: int) -> bytes:
        """The first `limit` bytes (fewer for a shorter file)."""
        stream = self._fs(path).open(self._path(path))
        try:
            # A Java byte[] returned through py4j arrives as Python bytes (arrays passed in are copies).
            return bytes(stream.readNBytes(limit))
        finally:
            stream.close()

    def ends_with(self, path: str, suffix: bytes) -> bool:
        """The file's last bytes are `suffix` (read from the end: one seek, no full read)."""
        size = self.size(path)
        if size < len(suffix):
            return False
        stream = self._fs(path).open(self._path(path))
        try:
            stream.seek(size - len(suffix))
            return bytes(stream.readNBytes(len(suffix))) == suffix
        finally:
            stream.close()

    def decode_to_utf8(self, source: str, target: str, charset: str) -> None:
        """Writes `source`'s text, read in `charset`, to `target` as UTF-8. The bytes stream through the driver's
        JVM (no Python loop, no executor), between any two file systems Hadoop reaches: folders or S3A."""
        jvm = self._jvm
        decoder = jvm.java.nio.charset.Charset.forName(charset)
        reader = jvm.java.io.InputStreamReader(self._fs(source).open(self._path(source)), decoder)
        try:
            stream = self._fs(target).create(self._path(target), True)
            writer = jvm.java.io.OutputStreamWriter(stream, jvm.java.nio.charset.StandardCharsets.UTF_8)
            try:
                reader.transferTo(writer)
            finally:
                writer.close()
        finally:
            reader.close()

    def parquet_rows(self, path: str) -> int:
        """A Parquet file's row count, read from its footer in the driver (no Spark job)."""
        parquet = self._jvm.org.apache.parquet.hadoop
        reader = parquet.ParquetFileReader.open(parquet.util.HadoopInputFile.fromPath(self._path(path), self._conf))
        try:
            return int(reader.getRecordCount())
        finally:
            reader.close()

    def list_names(self, folder: str) -> List[str]:
        return [status.getPath().getName() for status in self._fs(folder).listStatus(self._path(folder))]

    def rename(self, source: str, target: str) -> None:
        if not self._fs(source).rename(self._path(source), self._path(target)):
            raise OSError(f"could not move {source} to {target}")

    def delete(self, path: str) -> None:
        self._fs(path).delete(self._path(path), True)
