"""The formatter: trace a server message to its code, template and parameters, and re-render it.

:class:`Catalogue` holds the registry and the compiled catalogues, indexed; the
module functions :func:`match`, :func:`translate` and :func:`render` use a default
catalogue built on first use (``parse.parse`` beside ``parse.compile``).
"""

from __future__ import annotations

import enum
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass

from catalogue.errors import CatalogueError
from catalogue.locales import (
    FALLBACK,
    _locales_dir,
    available_locales,
    load_translations,
    negotiate_locale,
)
from catalogue.matching import (
    Compiled,
    TemplateIndex,
    compile_template,
    fold_first,
    tolerant_text,
)
from catalogue.payload import parse_payload
from catalogue.placeholders import Param, Placeholder, PlaceholderError, tokenize
from catalogue.registry import Registry, Template, load_registry, msgctxt

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from catalogue.locales import LocaleLike, StrPath
    from catalogue.payload import Payload

__all__ = ["Catalogue", "Match", "MatchKind", "match", "render", "translate"]

DOMAIN = "errors"
#: How many translations the cache keeps; the oldest go first.
CACHE_SIZE = 4096
#: Longer messages are translated but not cached, so the cache stays small in bytes too.
CACHE_TEXT_LIMIT = 512
#: Longer locale strings (``Accept-Language`` headers) are not cached on, likewise.
CACHE_LOCALE_LIMIT = 64


def _cacheable(locale: object) -> bool:
    return not isinstance(locale, str) or len(locale) <= CACHE_LOCALE_LIMIT


class MatchKind(str, enum.Enum):
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

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """A server message traced back to its catalogue entry."""

    #: The server's code: the error's identity, even when the text is another code's.
    code: int
    #: The name of :attr:`code` (``""`` when the registry does not know the code).
    name: str
    #: The msgid that matched: the English template.
    template: str
    #: The parameters, typed by placeholder: ``%s`` str, ``%d`` int, ``%b`` bool.
    params: tuple[Param, ...]
    #: Which of the owner's templates matched, in registry order; ``-1`` for the generic message.
    variant: int
    kind: MatchKind
    #: The server's text, always kept.
    raw: str
    #: The code whose template matched; differs from :attr:`code` for ``other_code``.
    owner: int


_Answer = tuple[Template, tuple[Param, ...], MatchKind]


class Catalogue:
    """The registry and the compiled catalogues, indexed for matching.

    Load it once and keep it; it is safe to share between threads.

    >>> cat = Catalogue.load()
    >>> cat.translate({"code": -1121, "msg": "Invalid symbol."}, locale="zh_CN")
    '无效的交易对。'

    :param on_miss: called with the payload's code (or ``None``) and text whenever a
        message matches no template; see :func:`catalogue.harvest.harvest`.
    """

    def __init__(
        self,
        registry: Registry,
        directory: StrPath,
        *,
        on_miss: Callable[[int | None, str], object] | None = None,
    ) -> None:
        self.registry = registry
        #: The ``locales/`` directory the catalogues were loaded from.
        self.directory = os.fspath(directory)
        #: Called with ``(code, text)`` for every message that matches no template.
        self.on_miss = on_miss
        #: The locales with an ``errors`` catalogue, sorted.
        self.locales = available_locales(self.directory, DOMAIN)
        self._gettext = {
            loc: load_translations(self.directory, loc, DOMAIN) for loc in self.locales
        }
        self._formats: dict[tuple[str, int, str], tuple[str | Placeholder, ...] | None] = {}
        self._cache: OrderedDict[tuple[object, str, object], str] = OrderedDict()
        self._lock = threading.Lock()
        self._exact: dict[tuple[int, str], Template] = {}
        self._exact_any: dict[str, Template] = {}
        self._by_code: dict[int, list[Compiled]] = {}
        strict = []
        for t in registry.templates():
            if not t.signature:
                self._exact[t.code, t.template] = t
                self._exact_any.setdefault(t.template, t)
                continue
            c = compile_template(t)
            strict.append(c)
            self._by_code.setdefault(t.code, []).append(c)
        self._index = TemplateIndex(strict)
        self._tolerant: _Tolerant | None = None  # built on first need

    def _tolerant_tables(self) -> _Tolerant:
        if self._tolerant is None:
            with self._lock:
                if self._tolerant is None:
                    self._tolerant = _Tolerant(self.registry)
        return self._tolerant

    @classmethod
    def load(
        cls,
        directory: StrPath | None = None,
        *,
        registry: StrPath | None = None,
        on_miss: Callable[[int | None, str], object] | None = None,
    ) -> Catalogue:
        """Load the registry and every compiled ``errors`` catalogue of *directory*.

        :param directory: a ``locales/`` directory; default: the shipped one.
        :param registry: a registry file; default: the shipped one.
        :raises CatalogueError: if a file is missing or corrupt; the message names it.
        """
        reg = load_registry(registry)
        return cls(reg, directory if directory is not None else _locales_dir(), on_miss=on_miss)

    # -- matching ----------------------------------------------------------

    def _find(self, code: int | None, text: str) -> _Answer | None:
        # The server's code is the error's identity: all of its own templates, the
        # tolerant ones included, come before any other code's.
        if code is not None and code in self.registry:
            if (t := self._exact.get((code, text))) is not None:
                return t, (), MatchKind.EXACT
            if (found := _best(self._by_code.get(code, ()), text)) is not None:
                return found[0], found[1], MatchKind.TEMPLATE
            tolerant = self._tolerant_tables()
            folded = tolerant_text(text)
            mine = [t for t in tolerant.exact.get(fold_first(folded), ()) if t.code == code]
            if mine:
                return mine[0], (), MatchKind.TOLERANT
            if (found := _best(tolerant.by_code.get(code, ()), folded)) is not None:
                return found[0], found[1], MatchKind.TOLERANT
        elsewhere = MatchKind.TEMPLATE if code is None else MatchKind.OTHER_CODE
        if (t := self._exact_any.get(text)) is not None:
            return t, (), MatchKind.EXACT if code is None else MatchKind.OTHER_CODE
        if (found := _best(self._index.candidates(text), text)) is not None:
            return found[0], found[1], elsewhere
        tolerant = self._tolerant_tables()
        folded = tolerant_text(text)
        exact = tolerant.exact.get(fold_first(folded), [])
        if exact and len({t.template for t in exact}) == 1:
            return exact[0], (), MatchKind.TOLERANT
        candidates = tolerant.index.candidates(folded, fold_first_letter=True)
        if (found := _best(candidates, folded)) is not None:
            return found[0], found[1], MatchKind.TOLERANT
        return None

    def match(self, payload: Payload) -> Match | None:
        """Trace *payload* back to its code, template and parameters.

        Tries, in order: the exact texts of the payload's code, its templates (most
        specific first), the whole catalogue, then the same tolerantly.  A known code
        whose text fits nothing gives a ``code_only`` match of its generic message;
        an unknown code whose text fits nothing gives ``None``.

        >>> m = Catalogue.load().match({"code": -4020,
        ...     "msg": "Target strategy invalid for orderType 'LIMIT',reduceOnly 'true'."})
        >>> m.code, m.name, m.params, m.kind
        (-4020, 'TARGET_STRATEGY_INVALID', ('LIMIT', True), <MatchKind.TEMPLATE: 'template'>)

        :raises PayloadError: if *payload* is not an error payload at all.
        """
        code, text = parse_payload(payload)
        return self._match(code, text)

    def _lookup(self, code: int | None, text: str) -> _Answer | None:
        """:meth:`_find`, or the generic message of a known code (and the miss reported)."""
        answer = self._find(code, text)
        if answer is not None:
            return answer
        if self.on_miss is not None:
            self.on_miss(code, text)
        info = self.registry.get(code) if code is not None else None
        if info is None:
            return None
        generic = Template(code=info.code, variant=-1, template=info.generic, origin="generic")
        return generic, (), MatchKind.CODE_ONLY

    def _match(self, code: int | None, text: str) -> Match | None:
        answer = self._lookup(code, text)
        if answer is None:
            return None
        template, params, kind = answer
        if code is None:
            code = template.code
        info = self.registry.get(code)
        return Match(
            code=code,
            name=info.name if info is not None else "",
            template=template.template,
            params=params,
            variant=template.variant,
            kind=kind,
            raw=text,
            owner=template.code,
        )

    # -- rendering ---------------------------------------------------------

    def _format(self, locale: str, owner: int, msgid: str) -> tuple[str | Placeholder, ...] | None:
        key = (locale, owner, msgid)
        if key in self._formats:
            return self._formats[key]
        translations = self._gettext.get(locale)
        msgstr = translations.pgettext(msgctxt(owner), msgid) if translations else msgid
        tokens: tuple[str | Placeholder, ...] | None = tokenize(msgstr)
        if msgstr != msgid and _signature(tokens) != _signature(tokenize(msgid)):
            tokens = None  # a broken translation: render the English instead
        self._formats[key] = tokens
        return tokens

    def _render(self, locale: str, owner: int, msgid: str, params: tuple[Param, ...]) -> str:
        for loc in (locale, FALLBACK):
            tokens = self._format(loc, owner, msgid)
            if tokens is None:
                continue
            try:
                return _fill(tokens, params)
            except (IndexError, PlaceholderError):
                continue
        raise PlaceholderError(f"parameters {params!r} do not fit {msgid!r}", msgid)

    def render(
        self,
        code: int,
        params: tuple[Param, ...] | list[Param] = (),
        locale: LocaleLike = "zh_CN",
        *,
        variant: int | None = None,
    ) -> str:
        """Render *code*'s message with *params* in *locale*.

        *variant* picks one of the code's templates (see :attr:`Match.variant`); by
        default the first whose placeholders take *params*, or the generic message
        when *params* is empty.

        >>> Catalogue.load().render(-1102, ["symbol"], "zh_CN")
        '强制参数`symbol`未发送，为空/空或格式错误。'

        :raises KeyError: if the registry does not know *code*.
        :raises IndexError: if *code* has no such *variant*.
        :raises PlaceholderError: if *params* fit no template of *code* (or not *variant*),
            or a parameter is not a ``str``, ``int`` or ``bool``.
        """
        info = self.registry[code]
        params = tuple(params)
        sig = tuple(_kind(p) for p in params)
        loc = negotiate_locale(locale, self.locales)
        if variant is not None:
            if type(variant) is not int or not -1 <= variant < len(info.templates):
                raise IndexError(
                    f"{code} has variants 0 to {len(info.templates) - 1} (-1: the generic "
                    f"message), not {variant!r}"
                )
            want = () if variant == -1 else info.templates[variant].signature
            msgid = info.generic if variant == -1 else info.templates[variant].template
            if not _fits(want, sig):
                raise PlaceholderError(
                    f"variant {variant} of {code} does not take {params!r}", msgid
                )
        elif not params:
            msgid = info.generic
        else:
            fits = [t for t in info.templates if _fits(t.signature, sig)]
            if not fits:
                raise PlaceholderError(f"no template of {code} takes {params!r}", info.generic)
            msgid = fits[0].template
        return self._render(loc, code, msgid, params)

    def translate(self, payload: Payload, *, locale: LocaleLike = "zh_CN") -> str:
        """Re-render *payload*'s message in *locale*.

        Never raises for content: a known code whose text fits nothing renders that
        code's generic message; an unknown code whose text fits nothing returns the
        server's text unchanged.  Repeated messages are served from a bounded cache.

        :raises PayloadError: if *payload* is not an error payload at all.
        :raises LocaleError: if *locale* is neither a string nor a locale object.
        """
        cache = self._cache
        raw_code: object = None
        raw_msg: object = None
        if type(payload) is dict:
            # The hot path: a repeated dict payload costs one lookup.  The fields are
            # read once, so a dict changed meanwhile cannot file an answer under the
            # wrong key; only codes parse_payload accepts as they are may hit.
            raw_code, raw_msg = payload.get("code"), payload.get("msg")
            if type(raw_msg) is str and (
                type(raw_code) is int or raw_code is None or type(raw_code) is str
            ):
                try:
                    hit = cache.get((raw_code, raw_msg, locale))
                except TypeError:  # an unhashable locale
                    hit = None
                if hit is not None:
                    return hit
        code, text = parse_payload(payload)
        key = (code, text, locale)
        try:
            hit = cache.get(key)
        except TypeError:
            hit = None
        if hit is not None:
            return hit
        result = self._translate(code, text, negotiate_locale(locale, self.locales))
        if len(text) <= CACHE_TEXT_LIMIT and _cacheable(locale):
            self._remember(key, result)
            if raw_msg is text and raw_code != code:
                self._remember((raw_code, text, locale), result)  # "-1121" as sent
        return result

    def _translate(self, code: int | None, text: str, locale: str) -> str:
        answer = self._lookup(code, text)
        if answer is None:
            return text
        template, params, _kind = answer
        try:
            return self._render(locale, template.code, template.template, params)
        except PlaceholderError:
            return text

    def _remember(self, key: tuple[object, str, object], value: str) -> None:
        try:
            hash(key)
        except TypeError:
            return  # an unhashable locale object: nothing to cache on
        with self._lock:
            self._cache[key] = value
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)  # the oldest entry

    def msgstr(self, code: int, msgid: str, locale: str) -> str:
        """The translation of one catalogue entry, as the compiled catalogue has it.

        :raises CatalogueError: if *locale* has no catalogue here.
        """
        if locale not in self._gettext:
            raise CatalogueError(f"no catalogue for locale {locale!r} in {self.directory}", locale)
        return self._gettext[locale].pgettext(msgctxt(code), msgid)


def _best(
    candidates: list[Compiled] | tuple[Compiled, ...], text: str
) -> tuple[Template, tuple[Param, ...]] | None:
    """The most specific candidate that matches; ``None`` if two different ones tie."""
    best: tuple[Template, tuple[Param, ...]] | None = None
    first: Compiled | None = None
    best_score = -1
    tie = False
    for c in candidates:
        if c.specificity < best_score:
            continue
        params = c.match(text)
        if params is None:
            continue
        if c.specificity > best_score:
            best, best_score, tie, first = (c.template, params), c.specificity, False, c
        elif first is not None and _different(first, c):
            tie = True  # two templates fit equally well: refuse to guess
    return None if tie else best


def _different(a: Compiled, b: Compiled) -> bool:
    """Whether two templates that fit the same text mean different things.

    The same text under two codes (-4031 / -4032) is one message; two variants of
    one code that fold to the same form (-4164 with and without its final full
    stop) are one message too.
    """
    if a.template.template == b.template.template:
        return False
    same_fold = a.literals == b.literals and a.types == b.types
    return not (same_fold and a.template.code == b.template.code)


class _Tolerant:
    """The folded forms of every template, for the tolerant pass."""

    __slots__ = ("by_code", "exact", "index")

    def __init__(self, registry: Registry) -> None:
        self.exact: dict[str, list[Template]] = {}
        self.by_code: dict[int, list[Compiled]] = {}
        folded = []
        for t in registry.templates():
            if not t.signature:
                self.exact.setdefault(fold_first(tolerant_text(t.template)), []).append(t)
                continue
            c = compile_template(t, tolerant=True)
            folded.append(c)
            self.by_code.setdefault(t.code, []).append(c)
        self.index = TemplateIndex(folded)


def _fill(tokens: tuple[str | Placeholder, ...], params: tuple[Param, ...]) -> str:
    out = []
    for token in tokens:
        if type(token) is str:
            out.append(token)
            continue
        value = params[token.index]  # type: ignore[union-attr]
        kind = token.type  # type: ignore[union-attr]
        if (kind == "s" and not isinstance(value, bool)) or (
            kind == "d" and isinstance(value, int) and not isinstance(value, bool)
        ):
            out.append(str(value))
        elif isinstance(value, bool) and kind in "sb":
            out.append("true" if value else "false")
        else:
            raise PlaceholderError(f"%{kind} cannot print {value!r}", "")
    return "".join(out)


def _signature(tokens: tuple[str | Placeholder, ...]) -> tuple[tuple[int, str], ...]:
    return tuple(sorted({(t.index, t.type) for t in tokens if isinstance(t, Placeholder)}))


def _kind(value: Param) -> str:
    if isinstance(value, bool):
        return "b"
    if isinstance(value, int):
        return "d"
    if isinstance(value, str):
        return "s"
    raise PlaceholderError(f"a parameter must be a str, int or bool, not {value!r}", "")


def _fits(want: tuple[str, ...], got: tuple[str, ...]) -> bool:
    return len(want) == len(got) and all(w == g or w == "s" for w, g in zip(want, got, strict=True))


_default: Catalogue | None = None
_default_lock = threading.Lock()


def default_catalogue() -> Catalogue:
    """The shipped catalogue, loaded on first use, once, under a lock."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Catalogue.load()
    return _default


def match(payload: Payload) -> Match | None:
    """Trace *payload* to its code, template and parameters; see :meth:`Catalogue.match`.

    >>> m = match({"code": -1102,
    ...     "msg": "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."})
    >>> m.name, m.params, str(m.kind)
    ('MANDATORY_PARAM_EMPTY_OR_MALFORMED', ('symbol',), 'template')
    """
    return default_catalogue().match(payload)


def translate(payload: Payload, *, locale: LocaleLike = "zh_CN") -> str:
    """Re-render a Binance error payload in *locale*; see :meth:`Catalogue.translate`.

    Never raises for content: an unmatched message of a known code falls back to that
    code's generic message; an unknown code returns the server's text unchanged.

    >>> translate({"code": -1121, "msg": "Invalid symbol."}, locale="zh_CN")
    '无效的交易对。'
    >>> translate({"code": -1121, "msg": "Invalid symbol."}, locale="en")
    'Invalid symbol.'

    :param payload: a dict, the JSON body as ``str``/``bytes``, or a client's exception.
    :param locale: ``"zh_CN"``, ``"zh-CN"``, a :class:`babel.Locale` or an
        ``Accept-Language`` header; unsupported locales fall back to English.
    :raises PayloadError: if *payload* carries no error message at all.
    """
    cat = _default if _default is not None else default_catalogue()
    return cat.translate(payload, locale=locale)


def render(
    code: int,
    params: tuple[Param, ...] | list[Param] = (),
    locale: LocaleLike = "zh_CN",
    *,
    variant: int | None = None,
) -> str:
    """Render *code*'s message with *params* in *locale*; see :meth:`Catalogue.render`.

    >>> render(-4028, ["150"], "en")
    'Leverage `150` is not valid'
    """
    return default_catalogue().render(code, params, locale, variant=variant)
