"""The ``%s`` ``%d`` ``%b`` ``%%`` ``%2$s`` placeholder grammar: tokenize, compare, format.

Binance fills its message templates the Java way: ``%s`` is any text, ``%d`` an
integer, ``%b`` a boolean printed as ``true``/``false`` and ``%%`` a literal percent
sign.  Translations may reorder parameters with the positional form ``%2$s``.
This module is pure: no I/O, no locale, no catalogue.
"""

from __future__ import annotations

import re
from collections import namedtuple

__all__ = [
    "FULLWIDTH_PERCENT",
    "Param",
    "Placeholder",
    "PlaceholderError",
    "format_template",
    "placeholders",
    "signature",
    "tokenize",
]

#: The full-width percent sign the docs page sometimes writes for ``%``.
FULLWIDTH_PERCENT = "\uff05"

#: A parameter value, typed by its placeholder.
Param = str | int | bool

_PLACEHOLDER_RE = re.compile(r"%(?:(?P<pos>[1-9][0-9]?)\$)?(?P<type>[sdb%])")
_TYPES = {"s": str, "d": int, "b": bool}


class PlaceholderError(ValueError):
    """Raised when a template or its parameters do not fit the placeholder grammar."""

    def __init__(self, message: str, template: str) -> None:
        super().__init__(message)
        #: The template that caused the error.
        self.template = template


# collections.namedtuple rather than typing.NamedTuple: typing stays off the import path.
class Placeholder(namedtuple("Placeholder", ["type", "index", "positional"])):
    """One placeholder of a template: its type letter (``"s"``, ``"d"``, ``"b"``), the
    0-based index of the parameter it stands for, and whether it was written ``%n$x``."""

    __slots__ = ()
    type: str
    index: int
    positional: bool


def tokenize(template: str) -> tuple[str | Placeholder, ...]:
    """Split *template* into literal strings and :class:`Placeholder` tokens.

    ``%%`` becomes a literal ``%``; adjacent literals are merged.  A ``%`` that
    starts no known placeholder is kept as a literal, as Java's formatter would
    fail on it while a translator most likely meant the sign itself.

    >>> tokenize("Leverage %s already")
    ('Leverage ', Placeholder(type='s', index=0, positional=False), ' already')
    >>> tokenize("100%% of %2$s")
    ('100% of ', Placeholder(type='s', index=1, positional=True))
    """
    tokens: list[str | Placeholder] = []
    literal: list[str] = []
    sequential = 0
    pos = 0
    for m in _PLACEHOLDER_RE.finditer(template):
        literal.append(template[pos : m.start()])
        pos = m.end()
        kind = m.group("type")
        if kind == "%":
            literal.append("%")
            continue
        if literal:
            tokens.append("".join(literal))
            literal = []
        if m.group("pos"):
            tokens.append(Placeholder(kind, int(m.group("pos")) - 1, True))
        else:
            tokens.append(Placeholder(kind, sequential, False))
            sequential += 1
    literal.append(template[pos:])
    text = "".join(literal)
    if text:
        tokens.append(text)
    return tuple(t for t in tokens if t != "")


def placeholders(template: str) -> tuple[Placeholder, ...]:
    """Return the placeholders of *template* in the order they appear.

    >>> [p.type for p in placeholders("duplicate options id %d for user %d")]
    ['d', 'd']
    """
    return tuple(t for t in tokenize(template) if isinstance(t, Placeholder))


def signature(template: str) -> tuple[str, ...]:
    """Return the parameter types of *template*, indexed by parameter number.

    Two strings whose signatures are equal take the same parameters, whatever
    order they print them in.  A parameter that is never used is ``"?"``; a
    parameter used with two different types is ``"!"``.

    >>> signature("Target strategy invalid for orderType '%s',reduceOnly '%b'.")
    ('s', 'b')
    >>> signature("%2$b then %1$s")
    ('s', 'b')
    """
    found: dict[int, str] = {}
    for p in placeholders(template):
        found[p.index] = p.type if found.get(p.index, p.type) == p.type else "!"
    size = max(found, default=-1) + 1
    return tuple(found.get(i, "?") for i in range(size))


def _render(value: Param, kind: str, template: str) -> str:
    if kind == "s":
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)
    if kind == "d":
        if isinstance(value, bool) or not isinstance(value, int):
            raise PlaceholderError(f"%d needs an int, got {value!r} in {template!r}", template)
        return str(value)
    if not isinstance(value, bool):
        raise PlaceholderError(f"%b needs a bool, got {value!r} in {template!r}", template)
    return "true" if value else "false"


def format_template(template: str, params: tuple[Param, ...] | list[Param]) -> str:
    """Fill *template* with *params*, the way the Binance server does.

    ``%b`` prints ``true``/``false``; ``%2$s`` takes the second parameter.

    >>> format_template("orderType '%s',reduceOnly '%b'.", ("LIMIT", True))
    "orderType 'LIMIT',reduceOnly 'true'."

    :raises PlaceholderError: if the number or the types of *params* do not fit.
    """
    out: list[str] = []
    for token in tokenize(template):
        if isinstance(token, str):
            out.append(token)
            continue
        if token.index >= len(params):
            raise PlaceholderError(
                f"template {template!r} needs parameter {token.index + 1}, got {len(params)}",
                template,
            )
        out.append(_render(params[token.index], token.type, template))
    return "".join(out)
