"""The ``%s`` ``%d`` ``%b`` ``%%`` ``%2$s`` placeholder grammar: tokenize, fill, compare.

Binance fills its message templates the Java way: ``%s`` is any text, ``%d`` an
integer, ``%b`` a boolean printed as ``true``/``false`` and ``%%`` a literal percent
sign.  Translations may reorder parameters with the positional form ``%2$s``.

This module is the one authority on placeholders: the runtime, ``catalogue check``
and the ``pybabel compile`` checker all ask :func:`problems` whether a msgstr takes
its msgid's parameters.  It is pure: no I/O, no locale, no catalogue.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Sequence

from catalogue.errors import PlaceholderError, show

__all__ = [
    "FULLWIDTH_PERCENT",
    "Param",
    "Placeholder",
    "PlaceholderError",
    "fill",
    "format_template",
    "param_type",
    "placeholders",
    "problems",
    "signature",
    "stray_percent",
    "takes",
    "to_text",
    "tokenize",
]

#: The full-width percent sign the docs page sometimes writes for ``%``.
FULLWIDTH_PERCENT = "\uff05"

#: A parameter value, typed by its placeholder.
Param = str | int | bool
#: A template split into literal text and placeholders.
Tokens = tuple["str | Placeholder", ...]

_PLACEHOLDER_RE = re.compile(r"%(?:(?P<pos>[1-9][0-9]?)\$)?(?P<type>[sdb%])")
_PERCENT_RE = re.compile(r"%(?:%|[1-9][0-9]?\$[sdb]|[sdb])?")
_FULLWIDTH_RE = re.compile(FULLWIDTH_PERCENT + "[sdb]")


# collections.namedtuple rather than typing.NamedTuple: typing stays off the import path.
class Placeholder(namedtuple("Placeholder", ["type", "index", "positional"])):
    """One placeholder of a template: its type (``"s"``, ``"d"`` or ``"b"``), the
    0-based index of the parameter it stands for, and whether it was written ``%n$x``."""

    __slots__ = ()
    type: str
    index: int
    positional: bool


def tokenize(template: str) -> Tokens:
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
        type_ = m.group("type")
        if type_ == "%":
            literal.append("%")
            continue
        if literal:
            tokens.append("".join(literal))
            literal = []
        if m.group("pos"):
            tokens.append(Placeholder(type_, int(m.group("pos")) - 1, True))
        else:
            tokens.append(Placeholder(type_, sequential, False))
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
    if isinstance(template, str) and "%" not in template:  # most: nothing to tokenize
        return ()
    found: dict[int, str] = {}
    for p in placeholders(template):
        found[p.index] = p.type if found.get(p.index, p.type) == p.type else "!"
    size = max(found, default=-1) + 1
    return tuple(found.get(i, "?") for i in range(size))


def stray_percent(text: str) -> bool:
    """Whether *text* has a ``%`` that starts no placeholder (a literal one is ``%%``).

    >>> stray_percent("100% sure"), stray_percent("100%% of %s")
    (True, False)
    """
    return any(m.group() == "%" for m in _PERCENT_RE.finditer(text))


def param_type(value: object) -> str:
    """The placeholder type a parameter value fills: ``"b"``, ``"d"`` or ``"s"``.

    >>> param_type(True), param_type(7), param_type("BTCUSDT")
    ('b', 'd', 's')

    :raises PlaceholderError: if *value* is not a ``str``, ``int`` or ``bool``.
    """
    if isinstance(value, bool):
        return "b"
    if isinstance(value, int):
        return "d"
    if isinstance(value, str):
        return "s"
    raise PlaceholderError(
        f"a parameter must be a str, int or bool, not {type(value).__name__}: {show(value, 80)}",
        "",
    )


def takes(want: Sequence[str], got: Sequence[str]) -> bool:
    """Whether a template of signature *want* takes parameters of types *got*.

    A ``%s`` takes any value, as Java's formatter prints anything with it.

    >>> takes(("s", "b"), ("s", "b")), takes(("s",), ("d",)), takes(("d",), ("s",))
    (True, True, False)
    """
    return len(want) == len(got) and all(w in (g, "s") for w, g in zip(want, got, strict=True))


def to_text(value: Param, type_: str, template: str = "") -> str:
    """*value* as the server prints it for a placeholder of *type_*.

    Java style: a boolean is ``true``/``false``, an integer its decimal digits.

    >>> to_text(True, "s"), to_text(-4028, "d")
    ('true', '-4028')

    :raises PlaceholderError: if *value* does not fit *type_*, or an integer has
        more digits than Python prints (``sys.get_int_max_str_digits``).
    """
    if isinstance(value, bool) and type_ in "sb":
        return "true" if value else "false"
    wanted = {"s": (str, int), "d": (int,), "b": ()}.get(type_, ())
    if isinstance(value, bool) or not isinstance(value, wanted):
        needs = {"s": "a str, int or bool", "d": "an int", "b": "a bool"}.get(type_, "nothing")
        raise PlaceholderError(
            f"%{type_} needs {needs}, got {show(value, 80)} in {template!r}", template
        )
    try:
        return str(value) if not isinstance(value, str) else value
    except ValueError as err:  # more digits than int.__str__ allows
        raise PlaceholderError(f"parameter too large for {template!r}: {err}", template) from err


def fill(template: str | Tokens, values: Sequence[str]) -> str:
    """Fill *template* (a string or its tokens) with the texts of its parameters.

    The texts go in as they are, whatever the placeholder's type: the server's own
    digits stay (``007`` is not rewritten ``7``).

    >>> fill("Leverage %s already exist with %s", ["20", "BTCUSDT"])
    'Leverage 20 already exist with BTCUSDT'

    :raises PlaceholderError: if *values* has fewer texts than the template uses.
    """
    tokens = tokenize(template) if isinstance(template, str) else template
    out: list[str] = []
    count = len(values)
    for token in tokens:
        if token.__class__ is str:  # the hot path of every message a cache has not seen
            out.append(token)
            continue
        index: int = token[1]  # type: ignore[assignment]  # a Placeholder's index
        if index >= count:
            shown = template if isinstance(template, str) else "".join(map(str, tokens))
            raise PlaceholderError(
                f"template {shown!r} needs parameter {index + 1}, got {count}", shown
            )
        out.append(values[index])
    return "".join(out)


def format_template(template: str, params: Sequence[Param]) -> str:
    """Fill *template* with typed *params*, the way the Binance server does.

    ``%b`` prints ``true``/``false``; ``%2$s`` takes the second parameter.

    >>> format_template("orderType '%s',reduceOnly '%b'.", ("LIMIT", True))
    "orderType 'LIMIT',reduceOnly 'true'."

    :raises PlaceholderError: if the number or the types of *params* do not fit.
    """
    types = signature(template)
    if len(params) < len(types):
        raise PlaceholderError(
            f"template {template!r} needs parameter {len(params) + 1}, got {len(params)}",
            template,
        )
    values = [
        to_text(p, t if t in "sdb" else "s", template)
        for p, t in zip(params[: len(types)], types, strict=True)
    ]
    return fill(template, values)


def _show(types: Sequence[str]) -> str:
    return " ".join(f"%{t}" for t in types) or "none"


def problems(msgid: str, msgstr: str) -> list[str]:
    """Say how the placeholders of *msgstr* disagree with those of *msgid*.

    An empty list means they agree: the same parameters, of the same types, each
    used (in any order, with ``%2$s`` forms where the order changes).

    >>> problems("Leverage %s already exist with %s", "杠杆%s已经存在")
    ['msgstr has 1 placeholder (%s) where msgid has 2 (%s %s)']
    >>> problems("Order would immediately trigger.", "订单\\uff05s")
    ["full-width '\\uff05' in msgstr: write '%s'"]
    >>> problems("Leverage %s already exist with %s", "%2$s已有%1$s倍杠杆")
    []
    """
    if "%" not in msgid and "%" not in msgstr and FULLWIDTH_PERCENT not in msgstr:
        return []  # no placeholder on either side: nothing can disagree
    found_problems: list[str] = []
    for m in _FULLWIDTH_RE.finditer(msgstr):
        found_problems.append(
            f"full-width {FULLWIDTH_PERCENT!r} in msgstr: write '%{m.group()[-1]}'"
        )
    for text, where in ((msgid, "msgid"), (msgstr, "msgstr")):
        if stray_percent(text):
            found_problems.append(f"stray '%' in {where}: write '%%' for a percent sign")
    found = placeholders(msgstr)
    if len({p.positional for p in found}) > 1:
        found_problems.append("msgstr mixes positional ('%1$s') and plain ('%s') placeholders")
    want, got = signature(msgid), signature(msgstr)
    if want != got and not found_problems:
        for p in found:
            if p.positional and p.index >= len(want):
                found_problems.append(
                    f"placeholder '%{p.index + 1}${p.type}' in msgstr has no counterpart in msgid"
                )
        if not found_problems:
            expected = placeholders(msgid)
            found_problems.append(
                f"msgstr has {len(found)} placeholder{'s' if len(found) != 1 else ''}"
                f" ({_show([p.type for p in found])}) where msgid has {len(expected)}"
                f" ({_show([p.type for p in expected])})"
            )
    return found_problems
