"""Placeholder agreement between a msgid and its msgstr; also a ``babel.checkers`` plug-in.

Babel's own ``python_format`` checker knows neither ``%b`` nor ``%2$s``, so this
module is the authority on placeholders.  ``pybabel compile`` runs
:func:`placeholders` on every entry whose ``msgctxt`` is an error code.
"""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog, Message, TranslationError

from catalogue.placeholders import FULLWIDTH_PERCENT, placeholders, signature

__all__ = ["placeholder_problems", "placeholders_checker"]

_PERCENT_RE = re.compile(r"%(?:%|[1-9][0-9]?\$[sdb]|[sdb])?")
_CODE_RE = re.compile(r"-?[0-9]+")


def _show(types: tuple[str, ...]) -> str:
    return " ".join(f"%{t}" for t in types) or "none"


def placeholder_problems(msgid: str, msgstr: str) -> list[str]:
    """Say how the placeholders of *msgstr* disagree with those of *msgid*.

    An empty list means they agree: the same parameters, of the same types, each
    used (in any order, with ``%2$s`` forms where the order changes).

    >>> placeholder_problems("Leverage `%s` already exist with `%s`", "杠杆`%s`已经存在")
    ['msgstr has 1 placeholder (%s) where msgid has 2 (%s %s)']
    >>> placeholder_problems("Order would immediately trigger.", "订单\\uff05s")
    ["full-width '\\uff05' in msgstr: write '%s'"]
    """
    problems: list[str] = []
    for m in re.finditer(FULLWIDTH_PERCENT + "[sdb]", msgstr):
        problems.append(f"full-width {FULLWIDTH_PERCENT!r} in msgstr: write '%{m.group()[-1]}'")
    for text, where in ((msgid, "msgid"), (msgstr, "msgstr")):
        if any(m.group() == "%" for m in _PERCENT_RE.finditer(text)):
            problems.append(f"stray '%' in {where}: write '%%' for a percent sign")
    found = placeholders(msgstr)
    if len({p.positional for p in found}) > 1:
        problems.append("msgstr mixes positional ('%1$s') and plain ('%s') placeholders")
    want, got = signature(msgid), signature(msgstr)
    if want != got and not problems:
        for p in found:
            if p.positional and p.index >= len(want):
                problems.append(
                    f"placeholder '%{p.index + 1}${p.type}' in msgstr has no counterpart in msgid"
                )
        if not problems:
            n = len(placeholders(msgid))
            problems.append(
                f"msgstr has {len(found)} placeholder{'s' if len(found) != 1 else ''}"
                f" ({_show(tuple(p.type for p in found))}) where msgid has {n}"
                f" ({_show(tuple(p.type for p in placeholders(msgid)))})"
            )
    return problems


def placeholders_checker(catalog: Catalog | None, message: Message) -> None:
    """Babel checker: raise :class:`TranslationError` if placeholders disagree.

    Only entries whose ``msgctxt`` is an error code are ours to check; Babel's
    ``python_format`` checker covers the rest.
    """
    if not message.context or not _CODE_RE.fullmatch(message.context):
        return
    msgids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    msgstrs = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    for msgstr in msgstrs:
        if msgstr:
            problems = placeholder_problems(msgids[0], msgstr)
            if problems:
                raise TranslationError("; ".join(problems))
