"""Domain exceptions: each message names the file, the line and the remedy."""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error the pipeline raises on bad input; the CLI exits 2 on it."""

    def __init__(self, message: str, *, source_file: str | None = None, line: int | None = None):
        self.source_file = source_file
        self.line = line
        self.detail = message
        where = source_file or ""
        if source_file and line is not None:
            where = f"{source_file}:{line}"
        super().__init__(f"{where}: {message}" if where else message)

    def __reduce__(self):
        # Rebuilt with its keywords when it crosses from a worker process.
        return _rebuild, (type(self), self.detail, self.source_file, self.line)


def _rebuild(kind: type[PipelineError], detail: str, source_file: str | None, line: int | None):
    return kind(detail, source_file=source_file, line=line)


class InputError(PipelineError):
    """An input file cannot be read as an RTES export (empty, binary, no record...)."""


class OutputError(PipelineError):
    """The tables could not be written; the previous tables are left as they were."""


class ConfigError(PipelineError):
    """A setting (worker count, path) is wrong; nothing was run."""


class ExecutionError(PipelineError):
    """A worker process died (killed, out of memory); the run stopped, nothing was written."""
