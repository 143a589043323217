"""Collect the messages that matched no template into a ``.pot``, ready for ``pybabel update``.

Production logs are where new server texts show up first.  Feed their payloads
through :func:`harvest`: each text that no template fits becomes an entry with
the payload's code as ``msgctxt``, counted, so a maintainer can turn it into a
template (``%s`` where a value stood) in the registry.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from catalogue.errors import PayloadError, SuccessReply
from catalogue.formatter import Catalogue
from catalogue.matching import MatchKind
from catalogue.payload import parse_payload

__all__ = ["Harvest", "harvest"]


#: Past this length a ``.pot`` is written without wrapping, which Babel does in quadratic time.
WRAP_LIMIT = 1000


@dataclass(slots=True)
class Harvest:
    """What :func:`harvest` found: the misses with their counts, and the bad lines."""

    #: ``(code, text) -> how often``; ``code`` is ``None`` for payloads without one.
    misses: Counter[tuple[int | None, str]] = field(default_factory=Counter)
    #: ``(line number, reason)`` for lines that are not payloads.
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many distinct messages matched no template, empty ones included."""
        return len(self.misses)

    def to_pot(self, catalogue: Catalogue) -> str:
        """The misses as a ``.pot``: grouped by code, most frequent first.

        An empty message cannot be a gettext entry (its msgid would be the header's):
        the header comment counts those instead.  Long messages are written unwrapped,
        so writing stays linear in the size of the harvest.
        """
        empty = sorted(
            ((code, count) for (code, text), count in self.misses.items() if not text),
            key=lambda item: (item[0] is not None, item[0] or 0),  # no code first
        )
        comment = "# Messages that matched no template, for the registry.\n"
        for code, count in empty:
            comment += f"# An empty message, code {code}: seen {count} time(s).\n"
        pot = Catalog(project="binance-error-catalogue", fuzzy=False, header_comment=comment)
        ordered = sorted(self.misses.items(), key=lambda kv: (kv[0][0] or 0, -kv[1], kv[0][1]))
        for (code, text), count in ordered:
            if not text:
                continue
            name, context = _names(catalogue, code)
            times = "once" if count == 1 else f"{count} times"
            pot.add(
                text,
                context=context,
                auto_comments=[f"{name}: matched no template; seen {times}"],
            )
        out = io.BytesIO()
        longest = max((len(text) for _code, text in self.misses), default=0)
        width = 76 if longest <= WRAP_LIMIT else 0
        write_po(out, pot, omit_header=False, sort_output=False, width=width)
        return out.getvalue().decode("utf-8")


def _names(catalogue: Catalogue, code: int | None) -> tuple[str, str | None]:
    """*code*'s name and gettext context: ``BAD_SYMBOL`` and ``-1121``; with its markets
    where the default market does not have it (``INVALID_MESSAGE (spot)``, ``spot:-1013``)
    or where the markets mean different things by it (then the context is the code)."""
    if code is None:
        return "no code", None
    infos = {}
    for market in catalogue.markets:
        info = catalogue.registry.in_market(market).get(code)
        if info is not None:
            infos[id(info)] = info
    if not infos:
        return "unknown code", str(code)
    found = list(infos.values())
    if len(found) == 1 and catalogue.registry.market in found[0].markets:
        return found[0].name, found[0].context
    names = " / ".join(f"{i.name} ({', '.join(i.markets)})" for i in found)
    return names, found[0].context if len(found) == 1 else str(code)


def harvest(lines: Iterable[bytes | str], catalogue: Catalogue) -> Harvest:
    """Match every JSON payload of *lines*; collect those no template fits.

    Blank lines and success replies (code 200) are skipped; a line that is not a
    payload (not UTF-8, not JSON, no message) is recorded in :attr:`Harvest.errors`
    and the stream goes on.

    >>> cat = Catalogue.load()
    >>> found = harvest(['{"code": -1121, "msg": "Invalid symbol."}',
    ...                  '{"code": -1121, "msg": "Symbol is delisted."}', 'oops'], cat)
    >>> dict(found.misses), found.errors[0][0]
    ({(-1121, 'Symbol is delisted.'): 1}, 3)
    """
    found = Harvest()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            code, text = parse_payload(line.strip())  # bytes are decoded line by line
            text.encode("utf-8")  # a lone surrogate cannot go into a .pot
        except SuccessReply:
            continue  # a success reply in a log of every response: nothing to harvest
        except (PayloadError, UnicodeEncodeError) as err:
            found.errors.append((lineno, str(err)))
            continue
        m = catalogue.match({"code": code, "msg": text})
        if m is None or m.kind is MatchKind.CODE_ONLY:
            found.misses[code, text] += 1
    return found
