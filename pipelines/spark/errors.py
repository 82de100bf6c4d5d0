"""An error in the data (not in the code): its message names the file and the column or row at fault."""

from __future__ import annotations


class PipelineInputError(Exception):
    """Carries the same codes as pipelines/pipeline-error.ts, so both engines fail alike."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
