"""One exception tree. The CLI turns any SemikgError into a one-line message and a non-zero exit."""
from __future__ import annotations

# Exit codes (documented in README): 2 is left to usage errors, which the CLI parser reports.
EXIT_ERROR = 1
EXIT_VIOLATIONS = 3


class SemikgError(Exception):
    """Base of every error semikg raises on purpose. ``str(err)`` is the one-line user message."""

    exit_code = EXIT_ERROR


class InputError(SemikgError):
    """A file the user gave us cannot be read as what it should be (encoding, binary, empty, too big)."""

    def __init__(self, path: object, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class CatalogError(InputError):
    """The entity catalog YAML is broken or inconsistent."""


class DatasetError(InputError):
    """A curated dataset file (e.g. an ETO CSV) is broken."""


class ValidationFailed(SemikgError):
    """SHACL validation found violations."""

    exit_code = EXIT_VIOLATIONS


class QueryError(SemikgError):
    """Unknown query, bad parameter, malformed query text."""


class EntityNotFound(QueryError):
    """A name resolves to no entity (the message lists the closest matches)."""


class ExportError(SemikgError):
    """An export target refused or could not be reached."""


class StoreError(SemikgError):
    """The persistent store is missing, locked or corrupt."""


class OutputLocked(SemikgError):
    """Another build holds the output folder's lock (the message names its process)."""
