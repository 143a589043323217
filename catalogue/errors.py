"""The exceptions catalogue raises, and nothing else."""

from __future__ import annotations

__all__ = ["CatalogueError", "LocaleError", "PayloadError"]


class CatalogueError(Exception):
    """Raised when a shipped or given catalogue file is missing or unreadable."""

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        #: The file (or other input) that caused the error.
        self.path = path


class PayloadError(CatalogueError, ValueError):
    """Raised when *payload* is not an error payload at all (wrong type, no message)."""

    def __init__(self, message: str, payload: object) -> None:
        super().__init__(message)
        #: The payload that was rejected.
        self.payload = payload


class LocaleError(CatalogueError, ValueError):
    """Raised when a locale argument is of a type that cannot name a locale."""

    def __init__(self, message: str, locale: object) -> None:
        super().__init__(message)
        #: The rejected locale argument.
        self.locale = locale
