"""Babel extractor for the registry file, registered as ``catalogue_registry``.

``pybabel extract`` finds it through the ``babel.extractors`` entry point; map the
registry to it in a mapping file::

    [catalogue_registry: data/errors.json]

Every template, generic message and hint becomes one ``pgettext`` entry:
``msgctxt`` is the code, ``msgid`` the English text and the extracted comment
(``#.``) names the code and says where a text that is not on the docs page was
seen.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from catalogue.registry import Template, _parse, msgctxt

__all__ = ["extract_registry"]


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
    >>> doc += b' "messages": [{"template": "Invalid symbol.", "origin": "page"}]}]}'
    >>> list(extract_registry(io.BytesIO(doc), ["pgettext"], [], {}))
    [(1, 'pgettext', ('-1121', 'Invalid symbol.'), ['BAD_SYMBOL'])]
    """
    text = fileobj.read().decode("utf-8")
    registry = _parse(json.loads(text), getattr(fileobj, "name", "<registry>"))
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

    for info in registry.values():
        context = msgctxt(info.code)
        for template in info.templates:
            yield (
                lineno_of(template.template),
                "pgettext",
                (context, template.template),
                [_describe(info.name, template)],
            )
        if info.generic not in {t.template for t in info.templates}:
            comment = (
                f"{info.name}: generic message, shown when the server's text matches no template"
            )
            yield lineno_of(info.generic), "pgettext", (context, info.generic), [comment]
        if info.hint:
            comment = f"{info.name}: hint, an explanation shown after the message"
            yield lineno_of(info.hint), "pgettext", (context, info.hint), [comment]


def _describe(name: str, template: Template) -> str:
    if template.origin == "server":
        return f"{name}: not on the docs page; the server sends it ({template.seen})"
    return name
