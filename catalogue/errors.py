"""The exceptions catalogue raises, and nothing else.

One base class, :class:`CatalogueError`; below it, a file problem is a
:class:`CatalogueFileError` (an :class:`OSError`) and bad input is a
:class:`ValueError` (:class:`PayloadError`, :class:`LocaleError`,
:class:`MarketError`, :class:`PlaceholderError`) or, for an unknown code, a :class:`KeyError`
(:class:`CodeError`), so catching one kind never swallows the other.
Every exception keeps the input that caused it as an attribute.
"""

from __future__ import annotations

import reprlib

__all__ = [
    "CatalogueError",
    "CatalogueFileError",
    "CodeError",
    "LocaleError",
    "MarketError",
    "PayloadError",
    "PlaceholderError",
    "SuccessReply",
    "TemplateNotFoundError",
    "VariantError",
    "show",
]


class CatalogueError(Exception):
    """Base class for every error catalogue raises."""


class CatalogueFileError(CatalogueError, OSError):
    """Raised when a catalogue, registry or locales directory is missing or unreadable."""

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        #: The file or directory that caused the error.
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class TemplateNotFoundError(CatalogueFileError, LookupError):
    """Raised when a notification template is in none of the directories searched."""

    def __init__(self, name: str, searched: tuple[str, ...]) -> None:
        where = ", ".join(repr(d) for d in searched)
        super().__init__(f"notification template {name!r} not found; searched {where}", name)
        #: The template that was looked for, e.g. ``"order_rejected.html"``.
        self.name = name
        #: Every directory searched, in order.
        self.searched = searched


class PayloadError(CatalogueError, ValueError):
    """Raised when *payload* is not an error payload at all (wrong type, no message)."""

    def __init__(self, message: str, payload: object) -> None:
        super().__init__(message)
        #: The payload that was rejected.
        self.payload = payload


class SuccessReply(PayloadError):
    """Raised for a success reply (``{"code": 200, "msg": "success"}``): no error at all.

    Some USDⓈ-M endpoints answer so; catch it to pass such replies by.
    """


class CodeError(CatalogueError, KeyError):
    """Raised when a code given to :func:`~catalogue.render` is not an int the registry knows."""

    def __init__(self, message: str, code: object) -> None:
        super().__init__(message)
        #: The rejected code.
        self.code = code

    def __str__(self) -> str:  # KeyError's would quote the message
        return str(self.args[0])


class LocaleError(CatalogueError, ValueError):
    """Raised when a locale argument is of a type that cannot name a locale."""

    def __init__(self, message: str, locale: object) -> None:
        super().__init__(message)
        #: The rejected locale argument.
        self.locale = locale


class MarketError(CatalogueError, ValueError):
    """A market name the registry does not know (``market="coinm"``)."""

    def __init__(self, message: str, market: object) -> None:
        super().__init__(message)
        #: What was given.
        self.market = market


class PlaceholderError(CatalogueError, ValueError):
    """Raised when a template or its parameters do not fit the placeholder grammar."""

    def __init__(self, message: str, msgid: str) -> None:
        super().__init__(message)
        #: The msgid (the English template) whose placeholders did not fit.
        self.msgid = msgid

    @property
    def template(self) -> str:
        """The same as :attr:`msgid`."""
        return self.msgid


class VariantError(CatalogueError, IndexError):
    """Raised when :func:`~catalogue.render` is asked for a variant its code has not."""

    def __init__(self, message: str, variant: object) -> None:
        super().__init__(message)
        #: The rejected variant.
        self.variant = variant


def show(value: object, limit: int = 200) -> str:
    """A short ``repr`` of *value* for an error message, whatever *value* is.

    >>> show("x" * 500)[:12], show(10**5000)[:12]
    ("'xxxxxxxxxxx", '<int of 5001')
    """
    try:
        text = reprlib.repr(value)
    except (ValueError, RecursionError):  # a huge int, a deeply nested container
        size = value.bit_length() * 30103 // 100000 + 1 if isinstance(value, int) else None
        text = f"<{type(value).__name__} of {size} digits>" if size else f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."
