"""The :class:`Catalogue` facade: load the catalogues, negotiate, cache, render.

Matching is :class:`~catalogue.matching.Matcher`'s job and placeholders are
:mod:`catalogue.placeholders`'; this module puts them together.  The module
functions :func:`match`, :func:`translate` and :func:`render` use a default
catalogue built on first use (``parse.parse`` beside ``parse.compile``).
"""

from __future__ import annotations

import dataclasses
import gettext
import os
import threading
from collections import OrderedDict

from catalogue.errors import (
    CatalogueFileError,
    CodeError,
    PayloadError,
    PlaceholderError,
    VariantError,
    show,
)
from catalogue.locales import (
    DEFAULT_LOCALE,
    FALLBACK,
    _locales_dir,
    available_locales,
    load_translations,
    negotiate_locale,
)
from catalogue.matching import Answer, Matcher, MatchKind
from catalogue.payload import (
    failure_after_parse,
    failure_of,
    market_of,
    parse_payload,
    retry_after_of,
)
from catalogue.placeholders import (
    Param,
    Tokens,
    fill,
    param_type,
    problems,
    takes,
    to_text,
    tokenize,
)
from catalogue.registry import FAILURE_CONTEXT, Registry, Template, load_registry, msgctxt

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from catalogue.locales import LocaleLike, StrPath
    from catalogue.payload import Payload
    from catalogue.results import Localized, Match
    from catalogue.values import TimeZone

__all__ = [
    "Catalogue",
    "MatchKind",
    "localize",
    "match",
    "render",
    "translate",
]

#: The gettext domain of the error messages.
DOMAIN = "errors"
#: How many translations (and, apart, reported misses) the caches keep; the oldest go first.
CACHE_SIZE = 4096
#: Longer messages are translated but not cached, so the cache stays small in bytes too.
CACHE_TEXT_LIMIT = 512
#: Longer locale strings (``Accept-Language`` headers) are not cached on, likewise.
CACHE_LOCALE_LIMIT = 64


def __getattr__(name: str) -> object:
    # Localized lived here, and Match was named here too: both names still work, for
    # imports and for pickles made then.
    if name in ("Localized", "Match"):
        from catalogue import results

        return getattr(results, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _log(level: int, message: str, *args: object) -> None:
    import logging  # off the import path: only a fallback logs

    logging.getLogger("catalogue").log(level, message, *args)


def _code(code: object) -> int:
    """*code* as a plain ``int`` (an :class:`~catalogue.ErrorCode` member included)."""
    if isinstance(code, int) and not isinstance(code, bool):
        return int(code)
    raise CodeError(f"a code must be an int, not {type(code).__name__}: {show(code, 80)}", code)


_CODE_ONLY = MatchKind.CODE_ONLY
#: The options of a translation: time zone, hint, raw values.
_Options = tuple["TimeZone", bool, bool]


def _ends_cjk(text: str) -> bool:
    return bool(text) and ("\u3000" <= text[-1] <= "\u9fff" or "\uff00" <= text[-1] <= "\uffef")


def _put(
    cache: OrderedDict[object, object], key: object, value: object, lock: threading.Lock
) -> bool:
    """Remember *value* under *key* unless *key* is there already, forgetting the oldest
    entry past :data:`CACHE_SIZE`; whether *key* was new."""
    with lock:
        if key in cache:
            return False
        cache[key] = value
        if len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
        return True


def _all_locales(available: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The locales of any directory in *available*, sorted."""
    return tuple(sorted({loc for locs in available.values() for loc in locs}))


class Catalogue:
    """The registry and the compiled catalogues, ready to match and render.

    Load it once and keep it; it is safe to share between threads.

    >>> cat = Catalogue.load()
    >>> cat.translate({"code": -1121, "msg": "Invalid symbol."}, locale="zh_CN")
    '无效的交易对。'

    :param directories: ``locales/`` directories, searched in order for each
        entry: put yours first to override or add translations, the shipped one last.
        One path alone is one directory.
    :param on_miss: called with the payload's code (or ``None``) and text whenever a
        message matches no template; see :func:`catalogue.maintenance.harvest.harvest`.
    """

    def __init__(
        self,
        registry: Registry,
        directories: StrPath | Sequence[StrPath],
        *,
        on_miss: Callable[[int | None, str], object] | None = None,
    ) -> None:
        if isinstance(directories, (str, os.PathLike)):
            directories = (directories,)  # one directory, not a sequence of letters
        if not directories:
            raise CatalogueFileError("no locales directory given", directories)
        self.registry = registry
        #: The ``locales/`` directories, in the order they are searched.
        self.directories = tuple(os.fspath(d) for d in directories)
        #: Called with ``(code, text)`` once for each message that matches no template.
        self.on_miss = on_miss
        #: The matcher over :attr:`registry`, the default market's codes; it picks
        #: between the markets' answers, too.
        self.matcher = Matcher(registry)
        #: The registry's markets, its own first: ``('usdm', 'spot')``.
        self.markets = self.matcher.markets
        self._hints = {info.context: info.hint for info in registry.entries() if info.hint}
        available = self._available(DOMAIN)
        #: The locales with an ``errors`` catalogue in any of the directories, sorted.
        self.locales = _all_locales(available)
        # Read now, so a missing or corrupt file is an error of load(), not of a request.
        self._translations = {loc: self._load(loc, DOMAIN, available) for loc in self.locales}
        self._domains: dict[tuple[str, str], gettext.NullTranslations] = {}
        # (locale, context, msgid) -> the msgstr's tokens and the locale they are in.
        self._formats: dict[tuple[str, str, str], tuple[Tokens | None, str]] = {}
        self._words: dict[str, dict[str, dict[str, str]]] = {}  # locale -> vocabulary words
        # catalogue.values' localize_values once imported: an import statement costs
        # more than a short render, and the module waits until a value needs it.
        self._localize_values: Callable[..., list[str]] | None = None
        # A plain OrderedDict: its C get() is the whole cost of a repeated message.
        self._cache: OrderedDict[object, object] = OrderedDict()  # (code, text, locale[, options])
        # Bound once: looking get() up on an OrderedDict is not specialized by CPython,
        # and cost a tenth of a cache hit.  _cache is never rebound, so this stays its.
        self._cache_get = self._cache.get
        self._misses: OrderedDict[object, object] = OrderedDict()  # (code, text or digest)
        self._lock = threading.Lock()

    def _available(self, domain: str) -> dict[str, tuple[str, ...]]:
        """Each directory's locales with a catalogue of *domain*, listed once."""
        return {d: available_locales(d, domain) for d in self.directories}

    def _load(
        self, locale: str, domain: str, available: dict[str, tuple[str, ...]]
    ) -> gettext.NullTranslations:
        found: gettext.NullTranslations = gettext.NullTranslations()
        for directory in reversed(self.directories):  # the last is the last fallback
            if locale in available[directory]:
                layer = load_translations(directory, locale, domain)
                layer.add_fallback(found)
                found = layer
        return found

    def _gettext(self, locale: str) -> gettext.NullTranslations | None:
        """The ``errors`` translations of *locale*; ``None`` if there are none."""
        return self._translations.get(locale)

    def domain_locales(self, domain: str) -> tuple[str, ...]:
        """The locales with a catalogue of *domain* in any of :attr:`directories`, sorted."""
        if domain == DOMAIN:
            return self.locales
        return _all_locales(self._available(domain))

    def translations(self, locale: str, domain: str = DOMAIN) -> gettext.NullTranslations:
        """The gettext translations of *domain* in *locale*, layered over :attr:`directories`.

        A locale without a catalogue of *domain* gets an empty one, which shows the
        msgids: the English text.

        :raises CatalogueFileError: if a catalogue is there but cannot be read.
        """
        if domain == DOMAIN and locale in self.locales:
            return self._gettext(locale)  # type: ignore[return-value]
        key = (locale, domain)
        if key not in self._domains:
            loaded = self._load(locale, domain, self._available(domain))
            with self._lock:
                self._domains.setdefault(key, loaded)
        return self._domains[key]

    @classmethod
    def load(
        cls,
        *directories: StrPath,
        registry: StrPath | None = None,
        on_miss: Callable[[int | None, str], object] | None = None,
    ) -> Catalogue:
        """Load the registry and every compiled ``errors`` catalogue of *directories*.

        >>> Catalogue.load().locales[:1]
        ('en',)

        :param directories: ``locales/`` directories, searched in order; default: the
            shipped one.  ``Catalogue.load("my_locales", locales_dir())`` lays your
            translations over ours.
        :param registry: a registry file; default: the shipped one.
        :raises CatalogueFileError: if a file is missing or corrupt; the message names it.
        """
        reg = load_registry(registry)
        return cls(reg, directories or (_locales_dir(),), on_miss=on_miss)

    # -- matching ----------------------------------------------------------

    def matcher_for(self, market: str) -> Matcher:
        """The matcher over *market*'s codes, built on first use (:meth:`Matcher.in_market`).

        :raises MarketError: if the registry has no such market.
        """
        return self.matcher.in_market(market)

    def _owner(self, code: int, market: str | None, given: object = None) -> Matcher:
        """The matcher of *market*; else of the market whose enum *given* is (a
        ``SpotErrorCode``); else of the first market that has *code*."""
        if market is None and given is not None and type(given) is not int:
            from catalogue import codes

            market = codes.MARKETS.get(type(given))  # type: ignore[arg-type]
        if market is not None:
            return self.matcher.in_market(market)
        return self.matcher.owner(code)

    def _lookup(
        self,
        code: int | None,
        text: str,
        market: str | None,
        prefer: str | None = None,
    ) -> tuple[Answer | None, Matcher]:
        """What *market*'s matcher answers; with no *market*, the best answer of all
        (:meth:`Matcher.lookup_best`)."""
        if market is not None:
            matcher = self.matcher.in_market(market)
            return matcher.lookup(code, text), matcher
        return self.matcher.lookup_best(code, text, prefer=prefer)

    def match(self, payload: Payload, *, market: str | None = None) -> Match | None:
        """Trace *payload* back to its code, template and parameters.

        A known code whose text fits nothing gives a ``code_only`` match of its
        generic message; an unknown code whose text fits nothing gives ``None``.
        See :class:`~catalogue.matching.Matcher` for the order of attempts, and
        :meth:`translate` for *market*.

        >>> m = Catalogue.load().match({"code": -4020,
        ...     "msg": "Target strategy invalid for orderType 'LIMIT',reduceOnly 'true'."})
        >>> m.code, m.name, m.params, m.kind
        (-4020, 'TARGET_STRATEGY_INVALID', ('LIMIT', True), <MatchKind.TEMPLATE: 'template'>)

        :raises PayloadError: if *payload* is not an error payload at all.
        :raises MarketError: if *market* is not a market of the registry.
        """
        code, text = parse_payload(payload)
        prefer = market_of(payload) if market is None else None
        return _with_retry_after(self._match(code, text, market, prefer), payload)

    def _match(
        self, code: int | None, text: str, market: str | None, prefer: str | None
    ) -> Match | None:
        answer, matcher = self._lookup(code, text, market, prefer)
        self._reported(code, text, answer)
        return matcher.result(code, text, answer)

    def _reported(self, code: int | None, text: str, answer: Answer | None) -> None:
        """Report *text* as a miss when no template fits it."""
        if answer is None or answer[2] is _CODE_ONLY:
            self._missed(code, text, known=answer is not None)

    def _missed(self, code: int | None, text: str, *, known: bool) -> None:
        """Report a message no template fits: logged and passed to ``on_miss``, once each."""
        if len(text) <= CACHE_TEXT_LIMIT:
            key: tuple[object, ...] = (code, text)
        else:  # a long text is remembered by its digest, so memory stays bounded
            import hashlib

            key = (code, hashlib.blake2b(text.encode("utf-8", "surrogatepass")).digest())
        if key in self._misses or not _put(self._misses, key, True, self._lock):
            return  # reported already, by this thread or another
        if known:
            _log(10, "%s: no template fits %r; its generic message stands in", code, text[:200])
        elif code is not None:
            _log(10, "unknown code %s: the server's text is shown as it is", code)
        if self.on_miss is not None:
            self.on_miss(code, text)

    # -- rendering ---------------------------------------------------------

    def _format(self, locale: str, context: str, msgid: str) -> tuple[Tokens | None, str]:
        """The tokens of *msgid*'s translation (``None`` if that translation is broken)
        and the locale they are in: English for an entry *locale* leaves untranslated."""
        key = (locale, context, msgid)
        found = self._formats.get(key)
        if found is not None:
            return found
        translations = self._gettext(locale)
        msgstr = translations.pgettext(context, msgid) if translations else msgid
        tokens: Tokens | None = tokenize(msgstr)
        if msgstr != msgid and (broken := problems(msgid, msgstr)):
            _log(
                30,
                "%s [%s] %r: broken translation (%s); English shown",
                locale,
                context,
                msgid,
                "; ".join(broken),
            )
            tokens = None
        # gettext's answer for a missing entry is the msgid: English.
        found = (tokens, FALLBACK if msgstr == msgid else locale)
        self._formats[key] = found
        return found

    def _render_in(
        self,
        locale: str,
        template: Template,
        values: Sequence[str],
        options: _Options,
    ) -> tuple[str, str]:
        """The rendered text and the locale it is in (English where *locale* has no
        translation, or a broken one)."""
        tz, hint, raw_values = options
        context, msgid, kinds = template.context, template.msgid, template.kinds
        for loc in (locale, FALLBACK):
            tokens, used = self._format(loc, context, msgid)
            if tokens is None:
                continue
            shown = values
            if kinds and not raw_values and (translations := self._gettext(loc)) is not None:
                words = self._words.get(loc)
                localize = self._localize_values
                if words is None or localize is None:
                    from catalogue.values import localize_values, vocabulary_words

                    words = vocabulary_words(self.registry.vocabularies, translations)
                    self._words[loc] = words
                    localize = self._localize_values = localize_values
                shown = localize(values, kinds, translations, loc, tz, words=words)
            try:
                text = fill(tokens, shown)
            except PlaceholderError:
                continue
            return (self._with_hint(text, used, context) if hint else text), used
        raise PlaceholderError(f"parameters {show(tuple(values))} do not fit {msgid!r}", msgid)

    def _with_hint(self, text: str, locale: str, context: str) -> str:
        english = self._hints.get(context)
        if not english:
            return text
        tokens = self._format(locale, context, english)[0]
        hint = "".join(t for t in tokens if isinstance(t, str)) if tokens else english
        return f"{text}{'' if _ends_cjk(text) else ' '}{hint}"

    def render(
        self,
        code: int,
        params: Sequence[Param] = (),
        locale: LocaleLike = DEFAULT_LOCALE,
        *,
        variant: int | None = None,
        market: str | None = None,
        tz: TimeZone = None,
        hint: bool = False,
        raw_values: bool = False,
    ) -> str:
        """Render *code*'s message with *params* in *locale*.

        *variant* picks one of the code's templates (see :attr:`Match.variant`); by
        default the first whose placeholders take *params*, or the generic message
        when *params* is empty.  *market* picks the market whose code it is (see
        :attr:`Match.market`); by default the first market that has the code.  *tz*,
        *hint* and *raw_values* work as for :meth:`translate`.

        >>> Catalogue.load().render(-1102, ["symbol"], "en")
        "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."

        :raises CodeError: (a :class:`KeyError`) if *code* is not an int the registry knows.
        :raises VariantError: (an :class:`IndexError`) if *code* has no such *variant*.
        :raises PlaceholderError: if *params* is not a list or tuple, or fits no template of
            *code* (or not *variant*), or a parameter is not a ``str``, ``int`` or ``bool``.
        :raises LocaleError: if *locale* or *tz* cannot be used.
        :raises MarketError: if *market* is not a market of the registry.
        """
        given, code = code, _code(code)
        matcher = self._owner(code, market, given)
        info = matcher.registry.get(code)
        if info is None:
            where = f" of market {market!r}" if market is not None else ""
            raise CodeError(f"no error code {show(code, 80)} in the registry{where}", code)
        if not isinstance(params, list | tuple):
            raise PlaceholderError(
                f"params must be a list or tuple, not {type(params).__name__}: {show(params, 80)}",
                info.generic,
            )
        params = tuple(params)
        types = tuple(param_type(p) for p in params)
        loc = negotiate_locale(locale, self.locales)
        if variant is not None:
            if type(variant) is not int or not -1 <= variant < len(info.templates):
                raise VariantError(
                    f"{code} has variants 0 to {len(info.templates) - 1} (-1: the generic "
                    f"message), not {show(variant, 80)}",
                    variant,
                )
            template = matcher.generic(code) if variant == -1 else info.templates[variant]
            want, msgid = template.signature, template.msgid
            if not takes(want, types):
                raise PlaceholderError(
                    f"variant {variant} of {code} does not take {show(params)}", msgid
                )
        elif not params:
            plain = [t for t in info.templates if not t.signature]
            template = matcher.generic(code) if info.generic or not plain else plain[0]
            msgid, want = template.msgid, ()
        else:
            fits = [t for t in info.templates if takes(t.signature, types)]
            if not fits:
                raise PlaceholderError(f"no template of {code} takes {show(params)}", info.generic)
            template = fits[0]
            msgid, want = template.msgid, template.signature
        values = [to_text(p, w, msgid) for p, w in zip(params, want, strict=True)]
        return self._render_in(loc, template, values, (tz, hint, raw_values))[0]

    def translate(
        self,
        payload: Payload,
        locale: LocaleLike = DEFAULT_LOCALE,
        market: str | None = None,
        tz: TimeZone = None,
        hint: bool = False,
        raw_values: bool = False,
        default: str | None = None,
    ) -> str:
        """Re-render *payload*'s message in *locale*.

        *locale* may come second (``translate(payload, "zh_CN")``); pass the options
        after it by keyword.  They are not keyword-only because CPython looks up each
        missing keyword-only default on every call, and this is the hot path.

        Never raises for content: a known code whose text fits nothing renders that
        code's generic message, followed by the values the text holds; an unknown code
        whose text fits nothing returns the server's text unchanged.  Repeated messages
        are served from a bounded cache.

        :param market: the market the payload comes from (``"usdm"``, ``"spot"``): only
            its codes are matched.  By default every market's are, the one a client's
            exception tells (or else the default market) first, and the text decides
            between them: the first exact fit wins, else the closest.
        :param tz: the time zone for times the message holds (the -1003 ban): an IANA
            name or a :class:`datetime.tzinfo`; default UTC.  The zone is shown.
        :param hint: follow the message with the code's explanation, where it has one.
        :param raw_values: show every value exactly as the server sent it, rather than
            times in *tz* and vocabulary words (order types, booleans ...) in *locale*.
        :param default: what to answer, instead of raising :class:`PayloadError`, for
            something that is no error of any kind.
        :raises PayloadError: if *payload* is not an error payload at all (and no
            *default* is given).  A client's exception that carries no Binance error but
            is a failure of its own (a timeout, a network error, a firewall's page, a
            request the client refused to build) gets a short message of its kind.
        :raises LocaleError: if *locale* or *tz* cannot be used, whatever the payload
            and even with a *default*.
        :raises MarketError: if *market* is not a market of the registry.
        """
        tried = False  # whether the cache was asked already, under the key parsing gives
        if type(payload) is dict and tz is None and not hint and not raw_values and market is None:
            # The hot path: a repeated dict payload costs one lookup.  The default
            # options key the cache by (code, text, locale) alone.  Only a plain str
            # message and a plain int code (or none) may hit: a UserString equals its
            # text, and True and 1.0 equal 1, but parsing refuses them.
            raw_msg = payload.get("msg")
            raw_code = payload.get("code")
            if type(raw_msg) is str and (type(raw_code) is int or raw_code is None):
                try:
                    hit = self._cache_get((raw_code, raw_msg, locale))
                except TypeError:  # an unhashable locale
                    hit = None
                if hit is not None:
                    return hit  # type: ignore[return-value]
                tried = True
        cache = self._cache
        plain = tz is None and not hint and not raw_values and market is None
        if market is not None:
            self.matcher_for(market)  # a bad market is the caller's error, whatever the payload
        if isinstance(payload, BaseException):
            return self.localize(
                payload,
                locale=locale,
                market=market,
                tz=tz,
                hint=hint,
                raw_values=raw_values,
                default=default,
            ).text
        try:
            code, text = parse_payload(payload)
        except PayloadError:
            self._checked_locale(locale, tz)  # the caller's error first, as in localize()
            if default is None:
                raise
            return default
        options = (tz, hint, raw_values)
        key = (code, text, locale) if plain else (code, text, locale, (*options, market))
        if not tried:
            try:
                hit = cache.get(key)
            except TypeError:
                hit = None
            if hit is not None:
                return hit  # type: ignore[return-value]
        # After the cache: a hit was stored with a locale and tz that were checked.
        loc = self._checked_locale(locale, tz)
        if market is None:  # straight to the matcher: this is every cache miss's path
            answer = self.matcher.lookup_best(code, text)[0]
        else:
            answer = self.matcher.in_market(market).lookup(code, text)
        self._reported(code, text, answer)
        result, _used = self._render_answer(answer, text, loc, options)
        if (
            len(text) <= CACHE_TEXT_LIMIT
            and (len(locale) <= CACHE_LOCALE_LIMIT if type(locale) is str else _cacheable(locale))
            and (tz is None or _cacheable(tz))
        ):
            _put(cache, key, result, self._lock)
        return result

    def localize(
        self,
        payload: Payload,
        locale: LocaleLike = DEFAULT_LOCALE,
        market: str | None = None,
        tz: TimeZone = None,
        hint: bool = False,
        raw_values: bool = False,
        default: str | None = None,
    ) -> Localized:
        """Like :meth:`translate`, and say which locale was used and how the text matched.

        >>> answer = Catalogue.load().localize({"code": -1121, "msg": "Invalid symbol."},
        ...     locale="fr-CH, fr;q=0.9, en;q=0.8")
        >>> answer.text, answer.locale, answer.match.name
        ('Invalid symbol.', 'en', 'BAD_SYMBOL')

        :raises PayloadError: if *payload* is not an error payload at all.
        :raises LocaleError: if *locale* or *tz* cannot be used.
        :raises MarketError: if *market* is not a market of the registry.
        """
        from catalogue.results import Localized  # on first use (see catalogue.results)

        if market is not None:  # first, as in translate() and render()
            self.matcher_for(market)
        loc = self._checked_locale(locale, tz)
        try:
            code, text = parse_payload(payload)
        except PayloadError:
            failure = failure_of(payload)
            if failure is not None:
                return self._failure(failure, loc, payload)
            if default is None:
                raise
            return Localized(text=default, locale=loc, match=None, original="")
        failure = failure_after_parse(payload, code, text)
        prefer = market_of(payload) if market is None else None
        if failure is not None and (
            code is not None or self._lookup(None, text, market, prefer)[0] is None
        ):
            return self._failure(failure, loc, payload)
        answer, matcher = self._lookup(code, text, market, prefer)
        self._reported(code, text, answer)
        result, used = self._render_answer(answer, text, loc, (tz, hint, raw_values))
        match = _with_retry_after(matcher.result(code, text, answer), payload)
        wait = match.retry_after if match is not None else None
        return Localized(text=result, locale=used, match=match, original=text, retry_after=wait)

    def _checked_locale(self, locale: LocaleLike, tz: TimeZone) -> str:
        """The locale to render in, once *locale* and *tz* are known to be usable.

        :raises LocaleError: if *locale* or *tz* cannot be used, even for a message
            without a time.
        """
        loc = negotiate_locale(locale, self.locales)
        if tz is not None:
            from catalogue.values import zone

            zone(tz)
        return loc

    def _failure(self, failure: tuple[str, str], locale: str, payload: object) -> Localized:
        """The short message of a failure that is no Binance error, in *locale*."""
        from catalogue.results import Localized

        kind, original = failure
        wait = retry_after_of(payload)
        msgid = self.registry.failures.get(kind)
        if msgid is None:  # a registry without failure messages: the client's own words
            return Localized(
                text=original,
                locale=FALLBACK,
                match=None,
                failure=kind,
                original=original,
                retry_after=wait,
            )
        translations = self._gettext(locale)
        text = translations.pgettext(FAILURE_CONTEXT + kind, msgid) if translations else msgid
        used = locale if text != msgid else FALLBACK  # an untranslated entry is English
        return Localized(
            text=text, locale=used, match=None, failure=kind, original=original, retry_after=wait
        )

    def _render_answer(
        self, answer: Answer | None, text: str, locale: str, options: _Options
    ) -> tuple[str, str]:
        """What *answer* renders to in *locale*, and the locale it is in: with no
        answer, the server's *text*, which is English."""
        if answer is None:
            return text, FALLBACK
        template, values, kind = answer
        code_only = kind is _CODE_ONLY
        hint = options[1]
        try:
            # With code_only, the values go right after the message, before any hint.
            rendering = (options[0], False, options[2]) if code_only else options
            rendered, locale = self._render_in(locale, template, values, rendering)
        except PlaceholderError:
            return text, FALLBACK
        if code_only:
            from catalogue.values import values_in  # only a fallback needs it

            found = values_in(text)  # as sent, whatever raw_values says
            if found:  # the values the server sent are not lost with its wording
                cjk = _ends_cjk(rendered)
                shown = ("、" if cjk else ", ").join(found)
                rendered += f"（{shown}）" if cjk else f" ({shown})"
            if hint:
                rendered = self._with_hint(rendered, locale, template.context)
        return rendered, locale

    def msgstr(self, code: int, msgid: str, locale: str, *, market: str | None = None) -> str:
        """The translation of one catalogue entry, as the compiled catalogues have it.

        :raises CatalogueFileError: if *locale* has no catalogue here.
        :raises CodeError: if *code* is not an int.
        :raises MarketError: if *market* is not a market of the registry.
        """
        registry = self._owner(_code(code), market, code).registry
        translations = self._gettext(locale)
        if translations is None:
            raise CatalogueFileError(
                f"no catalogue for locale {show(locale)} in {', '.join(self.directories)}", locale
            )
        info = registry.get(code)
        return translations.pgettext(info.context if info else msgctxt(code), msgid)

    def cache_info(self) -> tuple[int, int]:
        """How many translations, and reported misses, the caches hold (each at most
        :data:`CACHE_SIZE`)."""
        return len(self._cache), len(self._misses)


def _with_retry_after(m: Match | None, payload: object) -> Match | None:
    """*m* with the delay the HTTP response gave, which beats what the text implies."""
    if m is None or not m.retryable:
        return m
    seconds = retry_after_of(payload)
    return m if seconds is None else dataclasses.replace(m, retry_after=seconds)


def _cacheable(locale: object) -> bool:
    if isinstance(locale, str):
        return len(locale) <= CACHE_LOCALE_LIMIT
    try:
        hash(locale)
    except TypeError:
        return False
    return True


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


def match(payload: Payload, *, market: str | None = None) -> Match | None:
    """Trace *payload* to its code, template and parameters; see :meth:`Catalogue.match`.

    >>> m = match({"code": -1102,
    ...     "msg": "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."})
    >>> m.name, m.params, str(m.kind)
    ('MANDATORY_PARAM_EMPTY_OR_MALFORMED', ('symbol',), 'template')
    """
    return default_catalogue().match(payload, market=market)


def translate(
    payload: Payload,
    locale: LocaleLike = DEFAULT_LOCALE,
    market: str | None = None,
    tz: TimeZone = None,
    hint: bool = False,
    raw_values: bool = False,
    default: str | None = None,
) -> str:
    """Re-render a Binance error payload in *locale*; see :meth:`Catalogue.translate`.

    Never raises for content: an unmatched message of a known code falls back to that
    code's generic message; an unknown code returns the server's text unchanged.

    >>> translate({"code": -1121, "msg": "Invalid symbol."}, locale="zh_CN")
    '无效的交易对。'
    >>> translate({"code": -1121, "msg": "Invalid symbol."}, locale="en")
    'Invalid symbol.'

    :param payload: a dict, the JSON body as ``str``/``bytes``, or a client's exception.
    :param locale: ``"zh_CN"``, ``"zh-CN"``, a :class:`babel.Locale`, an
        ``Accept-Language`` header or ``None`` (the default, ``zh_CN``); languages we
        have no catalogue for fall back to English.
    :param market: ``"usdm"`` or ``"spot"``: match only that market's codes; by default
        all, the one a client's exception tells first, and the text decides.
    :param tz: the time zone for times in the message; default UTC.
    :param hint: follow the message with the code's explanation, where it has one.
    :param raw_values: show values exactly as sent, not localized.
    :param default: the answer for something that is no error of any kind.
    :raises PayloadError: if *payload* carries no error at all (and no *default*).
    """
    cat = _default if _default is not None else default_catalogue()
    return cat.translate(payload, locale, market, tz, hint, raw_values, default)


def localize(
    payload: Payload,
    locale: LocaleLike = DEFAULT_LOCALE,
    market: str | None = None,
    tz: TimeZone = None,
    hint: bool = False,
    raw_values: bool = False,
    default: str | None = None,
) -> Localized:
    """The translation, the locale used and the match; see :meth:`Catalogue.localize`.

    A web handler in three lines::

        answer = localize(exc, locale=request.headers.get("accept-language"))
        headers = {"Content-Language": answer.locale.replace("_", "-")}
        return JSONResponse({"error": answer.text}, status_code=400, headers=headers)
    """
    return default_catalogue().localize(payload, locale, market, tz, hint, raw_values, default)


def render(
    code: int,
    params: Sequence[Param] = (),
    locale: LocaleLike = DEFAULT_LOCALE,
    *,
    variant: int | None = None,
    market: str | None = None,
    tz: TimeZone = None,
    hint: bool = False,
    raw_values: bool = False,
) -> str:
    """Render *code*'s message with *params* in *locale*; see :meth:`Catalogue.render`.

    >>> render(-4028, ["150"], "en")
    'Leverage `150` is not valid'
    """
    return default_catalogue().render(
        code,
        params,
        locale,
        variant=variant,
        market=market,
        tz=tz,
        hint=hint,
        raw_values=raw_values,
    )
