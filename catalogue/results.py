"""What the lookups answer: a :class:`Match` and a :class:`Localized`.

Both are public, and both are created on first use, off the import path:
translating a payload (a dict, JSON text) needs neither, and on Python 3.11 a
frozen dataclass costs about a millisecond to create (its methods are compiled
from source when the class is made).  :class:`~catalogue.matching.Matcher` builds
the first, :func:`~catalogue.localize` the second.  ``from catalogue import Match``
works as ever, and so do their earlier homes (``catalogue.matching.Match``,
``catalogue.formatter.Localized``), for imports and for pickles made there.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.matching import MatchKind
from catalogue.placeholders import Param

__all__ = ["Localized", "Match"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """A server message traced back to its catalogue entry."""

    #: The server's code: the error's identity, even when the text is another code's.
    code: int
    #: The name of :attr:`code` (``""`` when the registry does not know the code).
    name: str
    #: The English template that matched (the gettext msgid).
    msgid: str
    #: The parameters, typed by placeholder: ``%s`` str, ``%d`` int, ``%b`` bool.
    params: tuple[Param, ...]
    #: Which of the owner's templates matched, in registry order; ``-1`` for the generic message.
    variant: int
    kind: MatchKind
    #: The server's text, always kept.
    raw: str
    #: The code whose template matched; differs from :attr:`code` for ``other_code``.
    owner: int
    #: Each parameter exactly as the server wrote it (``"007"`` for the ``%d`` 7).
    values: tuple[str, ...] = ()
    #: What kind of failure it is (``""`` when the registry does not know the code).
    category: str = ""
    #: Whether sending the same request again can succeed (after :attr:`retry_after`).
    retryable: bool = False
    #: Seconds to wait before sending again, when the message or payload says; else ``None``.
    retry_after: float | None = None
    #: The market whose registry matched (``"usdm"``, ``"spot"``).
    market: str = ""

    @property
    def template(self) -> str:
        """The same as :attr:`msgid`: the English template that matched."""
        return self.msgid


@dataclass(frozen=True, slots=True, kw_only=True)
class Localized:
    """What :func:`localize` answers: the text, the locale it is in, and how it was found."""

    #: The message in :attr:`locale` (the server's text when nothing fits an unknown code).
    text: str
    #: The locale the text is in, e.g. ``"zh_CN"``: what a ``Content-Language`` header
    #: says.  ``"en"`` when the text is the server's own (an unknown code) or a broken
    #: translation fell back to English.
    locale: str
    #: The match, or ``None`` for an unknown code whose text fits nothing, or a failure.
    match: Match | None
    #: For a client's failure that carries no Binance error: ``"timeout"``, ``"network"``,
    #: ``"rate_limit"``, ``"firewall"``, ``"server"`` or ``"bad_request"``; else ``None``.
    failure: str | None = None
    #: What the server (or the client's exception) said, always kept.
    original: str = ""
    #: Seconds to wait before sending again, when the message, the match or the HTTP
    #: response says (for a failure too: a 429 with ``Retry-After``); else ``None``.
    retry_after: float | None = None
