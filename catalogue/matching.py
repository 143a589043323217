"""Matching: trace a server text back to its code, template and parameters.

:class:`Matcher` owns everything about it: the strict and tolerant tables (built
by one builder), the order of attempts, tie-breaking and the kinds of match.

A template ``L0 %s L1 %d L2`` is matched without regular expressions: the text
must start with ``L0`` and end with ``L2``, and each inner literal is found with
``str.find`` from where the last one ended.  Taking the leftmost occurrence of
each inner literal never loses a match when every parameter is ``%s``; with a
``%d`` or ``%b`` after a ``%s`` whose value contains the next literal, the split is
still the leftmost one and may fail where a later split would type-check.  No step
looks at a character twice, so a hostile near-miss costs what its length costs.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence

from catalogue.placeholders import Param, Placeholder, tokenize
from catalogue.registry import Registry, Retry, Template, TextEnum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from catalogue.results import Match

__all__ = [
    "KEY",
    "Answer",
    "Compiled",
    "MatchKind",
    "Matcher",
    "TemplateIndex",
    "compile_template",
    "fold_first",
    "tolerant_text",
    "typed",
]

_QUOTES = "'\"`"
_SPACE_RE = re.compile(r"\s+")
_PUNCT_SPACE_RE = re.compile(r" ?([,;:]) ?")
#: How many leading (or trailing) literal characters key the index.
KEY = 8


class MatchKind(TextEnum):
    """How a server message was traced to its template."""

    #: The text is a template without parameters of the payload's code.
    EXACT = "exact"
    #: The text fills a template of the payload's code (or, with no code, of the one code it fits).
    TEMPLATE = "template"
    #: The text is a template of another code; the payload's code is kept.
    OTHER_CODE = "other_code"
    #: The text fits a template once spacing, a final full stop, the first letter's case or
    #: the quotes around a value are set aside.
    TOLERANT = "tolerant"
    #: Nothing fits: the code's generic message stands in, the raw text is kept.
    CODE_ONLY = "code_only"


# Module constants: an enum member read off its class costs a lookup on the hot path.
_EXACT, _TEMPLATE, _CODE_ONLY = MatchKind.EXACT, MatchKind.TEMPLATE, MatchKind.CODE_ONLY


def __getattr__(name: str) -> object:
    # Match lived here: its name still works, for imports and for pickles made then.
    if name == "Match":
        from catalogue.results import Match

        return Match
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def tolerant_text(text: str) -> str:
    """Fold the small ways server text drifts from the docs.

    Runs of white space become one space, and none is kept around ``,;:``; one
    trailing full stop goes.  (The first letter's case is folded by
    :meth:`Compiled.match`, which knows whether it belongs to a literal.)

    >>> tolerant_text("  Leverage  0 is not valid. ")
    'Leverage 0 is not valid'
    >>> tolerant_text("for orderType 'LIMIT', reduceOnly 'true'.")
    "for orderType 'LIMIT',reduceOnly 'true'"
    """
    text = _PUNCT_SPACE_RE.sub(r"\1", _SPACE_RE.sub(" ", text).strip())
    if text.endswith("."):
        text = text[:-1].rstrip()
    return text


def fold_first(text: str) -> str:
    """*text* with its first letter in lower case: the server's first letter drifts.

    >>> fold_first("ClientOrderId is duplicated")
    'clientOrderId is duplicated'
    """
    return text[:1].lower() + text[1:]


#: What :meth:`Compiled.match` finds: each value as the server wrote it.
Found = tuple[str, ...]


class Compiled:
    """A template split into literals and typed placeholders, ready to match."""

    __slots__ = (
        "_checked",
        "_first",
        "_inner",
        "_last",
        "_open_end",
        "literals",
        "specificity",
        "template",
        "tolerant",
        "types",
    )

    def __init__(
        self, template: Template, literals: Sequence[str], types: str, *, tolerant: bool
    ) -> None:
        #: The registry entry this was compiled from.
        self.template = template
        #: ``len(types) + 1`` literals around the placeholders.
        self.literals = tuple(literals)
        if len(self.literals) != len(types) + 1:
            raise ValueError(
                f"{len(types)} placeholders need {len(types) + 1} literals, "
                f"not {len(self.literals)}: {self.literals!r}"
            )
        #: One type per placeholder, in order: ``"s"``, ``"d"`` or ``"b"``.
        self.types = types
        #: Whether this is the folded form of :func:`tolerant_text`.
        self.tolerant = tolerant
        #: Literal characters: more means a more specific template.
        self.specificity = sum(map(len, self.literals))
        # What match() reads on every try, worked out once.
        self._first, self._inner, self._last = (
            self.literals[0],
            self.literals[1:-1],
            self.literals[-1],
        )
        self._open_end = not self._last and bool(types)  # the template ends in a value
        # Only a %d, a %b or a tolerant form has values to check; a strict all-%s
        # template's values are right as they are, the common case.
        self._checked = tolerant or bool(types.replace("s", ""))

    def match(self, text: str) -> Found | None:
        """The values, as written, if *text* is this template filled in; checked by type."""
        first, last = self._first, self._last
        if self.tolerant and first:
            if text[:1].lower() != first[0] or not text.startswith(first[1:], 1):
                return None
        elif not text.startswith(first):
            return None
        if not text.endswith(last):
            return None
        pos, end = len(first), len(text) - len(last)
        if end < pos:
            return None
        raw: list[str] = []
        for lit in self._inner:
            found = text.find(lit, pos, end)
            if found < 0:
                return None
            raw.append(text[pos:found])
            pos = found + len(lit)
        value = text[pos:end]
        if self._open_end:
            # A template that ends in its parameter: a final full stop or white space
            # belongs to the sentence, not to the value ("... higher than 27000.5.").
            stripped = value.rstrip()
            stripped = stripped[:-1] if stripped.endswith(".") else stripped
            value = stripped or value
        raw.append(value)
        return _convert(raw, self.types, self.tolerant) if self._checked else tuple(raw)


def _convert(raw: list[str], types: str, tolerant: bool) -> Found | None:
    """*raw*, one value per letter of *types*, if each value is of its type."""
    for i, type_ in enumerate(types):
        value = raw[i]
        if tolerant and len(value) >= 2 and value[0] in _QUOTES and value[-1] == value[0]:
            raw[i] = value = value[1:-1]
        if type_ == "d":
            digits = value[1:] if value[:1] == "-" else value
            # At most 19 digits, as a Java long prints (and far below the limit of
            # Python's int() on strings).
            if not (digits.isascii() and digits.isdigit()) or len(digits) > 19:
                return None
        elif type_ == "b" and (value.lower() if tolerant else value) not in ("true", "false"):
            return None
    return tuple(raw)


def typed(values: Sequence[str], types: Sequence[str]) -> tuple[Param, ...]:
    """*values* as the placeholders type them: ``%d`` an int, ``%b`` a bool.

    >>> typed(("LIMIT", "007", "TRUE"), ("s", "d", "b"))
    ('LIMIT', 7, True)
    """
    params: list[Param] = []
    for value, type_ in zip(values, types, strict=False):
        if type_ == "d":
            params.append(int(value))
        elif type_ == "b":
            params.append(value.lower() == "true")
        else:
            params.append(value)
    return tuple(params)


def compile_template(template: Template, *, tolerant: bool = False) -> Compiled:
    """Compile *template* for matching; *tolerant* compiles its folded form.

    The folded form drops the quotes the docs put around a placeholder (the
    server may or may not send them; :meth:`Compiled.match` strips them from the
    value) and folds the literals as :func:`tolerant_text` folds the text.
    """
    tokens = list(tokenize(template.msgid))
    literals: list[str] = [""]
    types = []
    for i, token in enumerate(tokens):
        if isinstance(token, Placeholder):
            types.append(token.type)
            literals.append("")
            continue
        if tolerant:
            if i + 1 < len(tokens) and isinstance(tokens[i + 1], Placeholder):
                token = token[:-1] if token[-1:] in _QUOTES else token
            if i > 0 and isinstance(tokens[i - 1], Placeholder):
                token = token[1:] if token[:1] in _QUOTES else token
        literals[-1] += token
    if tolerant:
        marker = "\x00"  # fold the whole template at once, so spacing rules see the joins
        folded = tolerant_text(marker.join(literals)).split(marker)
        literals = folded if len(folded) == len(literals) else literals
        literals[0] = fold_first(literals[0])
    return Compiled(template, literals, "".join(types), tolerant=tolerant)


class TemplateIndex:
    """Finds the templates a text may fill without trying every template.

    Templates are keyed by their first :data:`KEY` literal characters, or, when
    they start with a short literal, by their last; the few with short literals
    at both ends are always tried.  Of those, a text is tried only against the
    templates whose both ends agree with its own first and last :data:`KEY`
    characters.  Work per lookup depends on the size of a bucket, not on the size
    of the catalogue.
    """

    __slots__ = ("_always", "_merged", "_prefix", "_suffix", "_tails")

    def __init__(self, compiled: Iterable[Compiled]) -> None:
        self._prefix: dict[str, list[Compiled]] = {}
        self._suffix: dict[str, list[Compiled]] = {}
        self._always: list[Compiled] = []
        # Every long last literal's end: the tails that tell templates apart.
        self._tails: set[str] = set()
        # The candidates of each (head, tail) pair met so far, narrowed and sorted: at
        # most (prefixes + 1) * (tails + 1) of them, and never more than _MEMO_LIMIT.
        self._merged: dict[tuple[str | None, str | None], tuple[Compiled, ...]] = {}
        for c in compiled:
            first, last = c.literals[0], c.literals[-1]
            if len(last) >= KEY:
                self._tails.add(last[-KEY:])
            if len(first) >= KEY:
                self._prefix.setdefault(first[:KEY], []).append(c)
            elif len(last) >= KEY:
                self._suffix.setdefault(last[-KEY:], []).append(c)
            else:
                self._always.append(c)

    def candidates(self, text: str, fold_first_letter: bool = False) -> tuple[Compiled, ...]:
        """The templates *text* may fill, most specific first.

        *fold_first_letter* looks the text up with its first letter in lower case, as the
        tolerant templates are keyed.
        """
        head: str | None = text[:1].lower() + text[1:KEY] if fold_first_letter else text[:KEY]
        tail: str | None = text[-KEY:]
        if head not in self._prefix:
            head = None  # no template starts so: a short first literal may still fit
        if tail not in self._tails:
            tail = None
        found = self._merged.get((head, tail))
        if found is None:
            pool = [
                *self._prefix.get(head or "", ()),
                *self._suffix.get(tail or "", ()),
                *self._always,
            ]
            found = tuple(
                sorted(
                    (c for c in pool if _ends_agree(c.literals, head, tail)),
                    key=lambda c: -c.specificity,
                )
            )
            if len(self._merged) < _MEMO_LIMIT:
                self._merged[head, tail] = found
        return found

    def __iter__(self) -> Iterator[Compiled]:
        for bucket in (*self._prefix.values(), *self._suffix.values(), self._always):
            yield from bucket

    def __len__(self) -> int:
        return sum(1 for _ in self)


#: How many (head, tail) pairs a :class:`TemplateIndex` remembers the candidates of.
_MEMO_LIMIT = 4096


def _ends_agree(literals: Sequence[str], head: str | None, tail: str | None) -> bool:
    """Whether a text that starts with *head* and ends with *tail* (``None``: with no
    template's) may fill a template with these *literals*."""
    first, last = literals[0], literals[-1]
    if len(first) >= KEY:
        if head != first[:KEY]:
            return False
    elif head is not None and not head.startswith(first):
        return False
    if len(last) >= KEY:
        return tail == last[-KEY:]
    return tail is None or tail.endswith(last)


class _Tables:
    """One form (strict or tolerant) of every template: exact texts, per code, indexed."""

    __slots__ = ("by_code", "exact", "exact_any", "index", "tolerant")

    def __init__(self, registry: Registry, *, tolerant: bool) -> None:
        self.tolerant = tolerant
        #: ``(code, text) -> template`` for the templates without parameters.
        self.exact: dict[tuple[int, str], Template] = {}
        #: ``text -> templates`` of every code, in code order.
        self.exact_any: dict[str, list[Template]] = {}
        self.by_code: dict[int, list[Compiled]] = {}
        compiled = []
        also: list[tuple[Template, Compiled | None]] = []
        for t in registry.templates():
            c = compile_template(t, tolerant=tolerant) if t.signature else None
            if c is None:
                key = self.exact_key(self.fold(t.msgid))
                self.exact.setdefault((t.code, key), t)
                self.exact_any.setdefault(key, []).append(t)
            else:
                compiled.append(c)
                self.by_code.setdefault(t.code, []).append(c)
            if t.also:
                also.append((t, c))
        # A text that one code sends says more than a table's text that several send.
        for same in self.exact_any.values():
            same.sort(key=lambda t: bool(t.also))
        # A text the server also sends under other codes is theirs too, after their own.
        for t, c in also:
            for code in t.also:
                if code not in registry:
                    continue
                if c is None:
                    self.exact.setdefault((code, self.exact_key(self.fold(t.msgid))), t)
                else:
                    self.by_code.setdefault(code, []).append(c)
        # Most specific first, as _best wants them; the sort is stable, so among
        # equally specific templates a code's own still come first.
        for bucket in self.by_code.values():
            bucket.sort(key=lambda c: -c.specificity)
        self.index = TemplateIndex(compiled)

    def fold(self, text: str) -> str:
        """*text* as this table's templates match it."""
        return tolerant_text(text) if self.tolerant else text

    def exact_key(self, folded: str) -> str:
        """A folded text as the exact tables key it (the first letter's case set aside)."""
        return fold_first(folded) if self.tolerant else folded


#: What :meth:`Matcher.lookup` answers: the template, its values as written, and how it
#: matched.
Answer = tuple[Template, tuple[str, ...], MatchKind]


#: How close a fit each kind is, the closest first, when the markets' answers are compared.
_RANK = {
    MatchKind.EXACT: 0,
    MatchKind.TEMPLATE: 0,
    MatchKind.TOLERANT: 1,
    MatchKind.OTHER_CODE: 2,
    MatchKind.CODE_ONLY: 3,
}


class Matcher:
    """Finds the template a server text fills, for one market's registry, and the best
    answer of every market of its registry file.

    :meth:`find` and :meth:`lookup` try, in order: the exact texts of the payload's
    code; its templates, most specific (most literal characters) first; the same
    tolerantly, for the small ways real server text drifts from the docs; then every
    code's, exactly and then tolerantly.  Two different templates that fit a text
    equally well take it neither.  A known code whose text fits nothing gives a
    ``code_only`` match of its generic message.

    :meth:`find_best` and :meth:`lookup_best` ask every market (see :meth:`in_market`),
    the one the code lives in first, and take the closest fit.  It is safe to share
    between threads.

    >>> from catalogue.registry import load_registry
    >>> matcher = Matcher(load_registry())
    >>> m = matcher.find(-4020,
    ...     "Target strategy invalid for orderType 'LIMIT',reduceOnly 'true'.")
    >>> m.name, m.params, m.values, str(m.kind)
    ('TARGET_STRATEGY_INVALID', ('LIMIT', True), ('LIMIT', 'true'), 'template')
    >>> matcher.find(None, "Filter failure: PRICE_FILTER") is None  # no USDⓈ-M text
    True
    >>> m = matcher.find_best(None, "Filter failure: PRICE_FILTER")
    >>> m.market, m.code, str(m.kind)
    ('spot', -1013, 'exact')
    """

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        #: The markets of the registry file, this one first: ``('usdm', 'spot')``.
        self.markets = (registry.market, *(m for m in registry.markets if m != registry.market))
        self._codes = frozenset(registry)  # a registry never changes; a set is faster to ask
        # Where each code this market lacks lives, the first market that has it winning.
        self._homes = {
            code: market
            for market in reversed(self.markets[1:])
            for code in registry.in_market(market)
            if code not in self._codes
        }
        self._strict = _Tables(registry, tolerant=False)
        self._tolerant: _Tables | None = None  # built on first need
        self._generics: dict[int, Template] = {}
        self._lock = threading.Lock()
        # The matchers of the file's markets, built on first use and shared by them all.
        self._family: dict[str, Matcher] = {registry.market: self}
        self._family_lock = threading.Lock()

    def in_market(self, market: str) -> Matcher:
        """The matcher of *market*'s codes, from the same registry file, built on first use.

        :raises MarketError: if the registry has no such market.
        """
        found = self._family.get(market) if type(market) is str else None
        if found is None:
            registry = self.registry.in_market(market)
            with self._family_lock:
                found = self._family.get(registry.market)
                if found is None:
                    found = Matcher(registry)
                    found._family, found._family_lock = self._family, self._family_lock
                    self._family[registry.market] = found
        return found

    def owner(self, code: int | None) -> Matcher:
        """The matcher of the first market, this one first, that has *code*; this one if
        none has (or *code* is ``None``)."""
        if code is None or code in self._codes:
            return self
        market = self._homes.get(code)
        return self if market is None else self.in_market(market)

    def _tolerant_tables(self) -> _Tables:
        if self._tolerant is None:
            with self._lock:
                if self._tolerant is None:
                    self._tolerant = _Tables(self.registry, tolerant=True)
        return self._tolerant

    def templates(self, *, tolerant: bool = False) -> TemplateIndex:
        """Every compiled template with parameters, in the index the lookups use."""
        return (self._tolerant_tables() if tolerant else self._strict).index

    def find(self, code: int | None, text: str) -> Match | None:
        """The :class:`Match` of *text* sent with *code* (``None``: sent without one).

        ``None`` when nothing fits and the registry does not know *code*.
        """
        return self.result(code, text, self.lookup(code, text))

    def result(self, code: int | None, text: str, answer: Answer | None) -> Match | None:
        """The :class:`Match` of what :meth:`lookup` answered for *code* and *text*."""
        if answer is None:
            return None
        from catalogue.results import Match  # on first use (see catalogue.results)

        template, values, kind = answer
        if code is None:
            code = template.code
        info = self.registry.get(code)
        return Match(
            code=code,
            name=info.name if info is not None else "",
            msgid=template.msgid,
            params=typed(values, template.signature),
            values=values,
            variant=template.variant,
            kind=kind,
            raw=text,
            owner=template.code,
            category=str(template.category or info.category) if info is not None else "",
            retryable=info is not None and (template.retry or info.retry) is Retry.AFTER_DELAY,
            retry_after=_retry_after(template, values) if info is not None else None,
            market=self.registry.market,
        )

    def lookup(self, code: int | None, text: str) -> Answer | None:
        """What :meth:`find` finds, as ``(template, values, kind)``, without a
        :class:`Match`: the formatter's hot path needs no more."""
        # The server's code is the error's identity: all of its own templates, the
        # tolerant ones included, come before any other code's.
        if code in self._codes:  # None is no code
            strict = self._strict
            if (t := strict.exact.get((code, text))) is not None:
                return t, (), _EXACT
            found = _best(strict.by_code.get(code, ()), text)
            if found is not None:
                return found[0], found[1], _TEMPLATE
            tolerant = self._tolerant_tables()
            key = tolerant.fold(text)
            if (t := tolerant.exact.get((code, tolerant.exact_key(key)))) is not None:
                return t, (), MatchKind.TOLERANT
            found = _best(tolerant.by_code.get(code, ()), key)
            if found is not None:
                return found[0], found[1], MatchKind.TOLERANT
        elsewhere = MatchKind.TEMPLATE if code is None else MatchKind.OTHER_CODE
        for tables in (self._strict, None):
            if tables is None:
                tables = self._tolerant_tables()
                key = tables.fold(text)
                exact = tables.exact_any.get(tables.exact_key(key), ())
            else:  # the strict tables take the text as it is
                key = text
                exact = tables.exact_any.get(text, ())
            if exact and len({t.msgid for t in exact}) == 1:
                kind = MatchKind.TOLERANT if tables.tolerant else MatchKind.EXACT
                return exact[0], (), kind if code is None or tables.tolerant else elsewhere
            if (found := _best(tables.index.candidates(key, tables.tolerant), key)) is not None:
                return found[0], found[1], MatchKind.TOLERANT if tables.tolerant else elsewhere
        # Nothing fits: a known code's generic message stands in.
        if code is not None and (info := self.registry.get(code)) is not None and info.generic:
            return self.generic(info.code), (), MatchKind.CODE_ONLY
        return None

    def lookup_best(
        self, code: int | None, text: str, *, prefer: str | None = None
    ) -> tuple[Answer | None, Matcher]:
        """The closest answer of every market, and the matcher that gave it.

        The first market asked is *prefer* (the market a client's exception tells),
        else the one *code* lives in (see :meth:`owner`), else this one; a text of that
        market's own code (exact or template) ends the search.  Otherwise every market
        is asked, and the closest fit wins (exact or template, then tolerant, then
        another code's, then code-only); at a tie, a market that knows the payload's
        code (its name, category and retry advice come with it), then the market
        asked first.
        """
        first = self
        if prefer is not None:
            if prefer != self.registry.market and prefer in self.markets:
                first = self.in_market(prefer)
        elif code is not None and code not in self._codes:
            first = self.owner(code)  # spot's -1013 is asked of Spot first
        answer = first.lookup(code, text)
        if answer is not None and (answer[2] is _EXACT or answer[2] is _TEMPLATE):
            return answer, first  # the hot path: a text of the first market's code
        if len(self.markets) == 1:
            return answer, first

        def rank(found: Answer | None, matcher: Matcher) -> tuple[int, bool]:
            if found is None:
                return len(_RANK), True
            return _RANK[found[2]], code is not None and code not in matcher._codes

        best, where, best_rank = answer, first, rank(answer, first)
        for market in self.markets:
            other = self.in_market(market)
            if other is first:
                continue
            found = other.lookup(code, text)
            if (found_rank := rank(found, other)) < best_rank:
                best, where, best_rank = found, other, found_rank
        return best, where

    def find_best(self, code: int | None, text: str, *, prefer: str | None = None) -> Match | None:
        """The :class:`Match` of :meth:`lookup_best`: the closest fit of every market."""
        answer, matcher = self.lookup_best(code, text, prefer=prefer)
        return matcher.result(code, text, answer)

    def generic(self, code: int) -> Template:
        """*code*'s generic message as a template (variant ``-1``).

        :raises KeyError: if the registry does not know *code*.
        """
        found = self._generics.get(code)
        if found is None:
            info = self.registry[code]
            found = Template(
                code=code, variant=-1, msgid=info.generic, origin="generic", context=info.context
            )
            self._generics[code] = found
        return found


#: Seconds in each interval the server names in a rate limit (-1015 ... per MINUTE).
_INTERVAL_SECONDS = {"SECOND": 1, "TEN_SECONDS": 10, "MINUTE": 60, "HOUR": 3600, "DAY": 86400}


def _retry_after(template: Template, values: Sequence[str]) -> float | None:
    """How long to wait, as the message says: until a ban's end, or one limit interval."""
    for value, kind in zip(values, template.kinds, strict=False):
        if kind == "time" and value.isascii() and value.isdigit() and len(value) <= 15:
            import time

            return max(0.0, int(value) / 1000 - time.time())
        if kind == "interval" and value in _INTERVAL_SECONDS:
            return float(_INTERVAL_SECONDS[value])
    return template.retry_after


def _best(candidates: Sequence[Compiled], text: str) -> tuple[Template, tuple[str, ...]] | None:
    """The most specific candidate that matches; ``None`` if two different ones tie.

    *candidates* come most specific first: the first fit ends the search but for
    equally specific ones, which may tie.
    """
    best: tuple[Template, tuple[str, ...]] | None = None
    first: Compiled | None = None
    best_score = -1
    tie = False
    for c in candidates:
        if c.specificity < best_score:
            break
        found = c.match(text)
        if found is None:
            continue
        if c.specificity > best_score:
            best, best_score, tie, first = (c.template, found), c.specificity, False, c
        elif first is not None and _different(first, c):
            tie = True  # two templates fit equally well: refuse to guess
    return None if tie else best


def _different(a: Compiled, b: Compiled) -> bool:
    """Whether two templates that fit the same text mean different things.

    The same text under two codes (-4031 / -4032) is one message; two variants of
    one code that fold to the same form (-4164 with and without its final full
    stop) are one message too.
    """
    if a.template.msgid == b.template.msgid:
        return False
    same_fold = a.literals == b.literals and a.types == b.types
    return not (same_fold and a.template.code == b.template.code)
