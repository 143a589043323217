"""The Babel plug-ins: the registry extractor and the placeholder checker.

``pybabel`` finds both through entry points once the package is installed.

The extractor, ``catalogue_registry`` (``babel.extractors``): map the registry to it
in a mapping file::

    [catalogue_registry: data/errors.json]

Every template, generic message and hint becomes one ``pgettext`` entry:
``msgctxt`` is the code, ``msgid`` the English text and the extracted comment
(``#.``) names the code and says where a text that is not on the docs page was
seen.

The checker, ``catalogue_placeholders`` (``babel.checkers``), runs inside ``pybabel
compile`` and asks :func:`catalogue.placeholders.problems`, as ``catalogue check``
and the runtime do, whether each msgstr takes its msgid's parameters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.catalog import Catalog, Message, TranslationError

from catalogue.placeholders import problems
from catalogue.registry import (
    FAILURE_CONTEXT,
    VOCABULARY_CONTEXT,
    ErrorInfo,
    Template,
    parse_registry,
)

__all__ = ["extract_registry", "placeholders_checker"]

_CODE_RE = re.compile(r"(?:[a-z]+:)?-?[0-9]+")  # "-1102", "spot:-2022"
#: The project name the workflow writes into every catalogue's header.
PROJECT = "binance-error-catalogue"


def extract_registry(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Yield ``(lineno, "pgettext", (msgctxt, msgid), comments)`` for the registry in *fileobj*.

    The signature is Babel's extractor protocol; *keywords*, *comment_tags* and
    *options* are accepted and not needed.

    >>> import io
    >>> doc = b'{"codes": [{"code": -1121, "name": "BAD_SYMBOL", "section": "11xx",'
    >>> doc += b' "messages": [{"msgid": "Invalid symbol.", "origin": "page"}]}]}'
    >>> list(extract_registry(io.BytesIO(doc), ["pgettext"], [], {}))
    [(1, 'pgettext', ('-1121', 'Invalid symbol.'), ['BAD_SYMBOL'])]
    """
    text = fileobj.read().decode("utf-8")
    registry = parse_registry(json.loads(text), getattr(fileobj, "name", "<registry>"))
    # The importer writes one field a line, so a msgid's line is the line of its
    # JSON string; look each one up in order, from where the last one was found.
    lines = text.splitlines()
    cursor = 0

    def lineno_of(msgid: str) -> int:
        nonlocal cursor
        needle = json.dumps(msgid, ensure_ascii=False)
        for i in range(cursor, len(lines)):
            if needle in lines[i]:
                cursor = i
                break
        return cursor + 1

    for kind, text in registry.failures.items():
        comment = f"failure {kind}: a client's error that carries no Binance error"
        yield lineno_of(text), "pgettext", (FAILURE_CONTEXT + kind, text), [comment]
    cursor = 0
    for name, words in registry.vocabularies.items():
        for word in words:
            comment = f"vocabulary {name}: a value the server sends, as the locale names it"
            yield lineno_of(word), "pgettext", (VOCABULARY_CONTEXT + name, word), [comment]
    cursor = 0
    for info in registry.entries():
        context = info.context
        for template in info.templates:
            yield (
                lineno_of(template.msgid),
                "pgettext",
                (context, template.msgid),
                [_describe(info, template)],
            )
        if info.generic and info.generic not in {t.msgid for t in info.templates}:
            comment = (
                f"{info.name}: generic message, shown when the server's text matches no template"
            )
            yield lineno_of(info.generic), "pgettext", (context, info.generic), [comment]
        if info.hint:
            comment = f"{info.name}: hint, an explanation shown after the message"
            yield lineno_of(info.hint), "pgettext", (context, info.hint), [comment]


def _describe(info: ErrorInfo, template: Template) -> str:
    name = info.name
    if len(info.markets) > 1:
        name += f" ({', '.join(info.markets)})"
    if template.also:
        name += f"; also sent as {', '.join(map(str, template.also))}"
    if template.origin == "server":
        return f"{name}: not on the docs page; the server sends it ({template.seen})"
    if template.origin == "spot_page":
        return f"{name}: from the spot docs page"
    return name


def placeholders_checker(catalog: Catalog | None, message: Message) -> None:
    """Babel checker: raise :class:`TranslationError` if placeholders disagree.

    Installed, it runs inside every ``pybabel compile`` on the machine, so it checks only
    this project's catalogues (``Project-Id-Version: binance-error-catalogue``) and in
    them only the entries whose ``msgctxt`` is an error code or a vocabulary.
    """
    if catalog is None or catalog.project != PROJECT:
        return
    context = message.context or ""
    if not (_CODE_RE.fullmatch(context) or context.startswith(VOCABULARY_CONTEXT)):
        return
    msgids = message.id if isinstance(message.id, list | tuple) else (message.id,)
    msgstrs = message.string if isinstance(message.string, list | tuple) else (message.string,)
    for msgstr in msgstrs:
        if msgstr:
            found = problems(msgids[0], msgstr)
            if found:
                raise TranslationError("; ".join(found))
