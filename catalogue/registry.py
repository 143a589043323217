"""The registry of error codes: names, sections and English message templates.

The registry is ``catalogue/data/errors.json``, edited by hand.  It is the one
source of truth for codes, names, English templates, the values' vocabularies and
where each text comes from (``origin``: the docs ``page`` or ``spot_page``, the ``server`` with
``seen`` saying where, or ``generic``/hint texts we wrote); translations live in
the gettext catalogues.

Each code belongs to one or more *markets* (``usdm``: USDⓈ-M Futures, ``spot``),
listed at the top of the file, the first being the default.  A code that means
the same in two markets is one entry of both; a code that means something else
in another market (spot's -2022 is a cancel-replace failure, futures' a
reduce-only rejection) is one entry per market.  A :class:`Registry` holds the
codes of one market; :meth:`Registry.in_market` gives the others.
"""

from __future__ import annotations

import enum
import json
import os
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from catalogue.errors import CatalogueFileError, MarketError, show
from catalogue.placeholders import signature, stray_percent

__all__ = [
    "DEFAULT_MARKET",
    "FAILURE_CONTEXT",
    "VOCABULARY_CONTEXT",
    "Category",
    "ErrorInfo",
    "Registry",
    "Retry",
    "Template",
    "TextEnum",
    "load_registry",
    "msgctxt",
    "parse_registry",
    "registry_path",
]


TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from catalogue.locales import StrPath


def _registry_path() -> str:
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "errors.json")


def registry_path() -> Path:
    """The shipped registry file."""
    from pathlib import Path

    return Path(_registry_path())


#: The msgctxt prefix of a vocabulary word: ``value:order_type``.
VOCABULARY_CONTEXT = "value:"
#: The msgctxt prefix of the message for a failure that is no Binance error: ``failure:timeout``.
FAILURE_CONTEXT = "failure:"


#: The market of a registry without a ``markets`` table, and the first of the shipped one.
DEFAULT_MARKET = "usdm"


def msgctxt(code: int, market: str | None = None) -> str:
    """The gettext context of *code*'s entries: the code as a string, after the name
    of its *market* for an entry the default market does not share.  An entry's own
    context is :attr:`ErrorInfo.context` (a code both markets share is ``-1102``).

    >>> msgctxt(-1102)
    '-1102'
    >>> msgctxt(-2022, "spot")
    'spot:-2022'
    """
    code = int(code)  # int(): an IntEnum's str() is its name on Python 3.10
    return f"{market}:{code}" if market else str(code)


class TextEnum(str, enum.Enum):
    """An enum of words: ``str()`` of a member is its value (``"rate_limit"``), as it
    reads in JSON and on every Python (a plain ``str`` enum's is its name on 3.10)."""

    def __str__(self) -> str:
        return str(self.value)


class Category(TextEnum):
    """What kind of failure a code is, for a UI to decide what to do (CCXT's classes, in short)."""

    #: The API key, its signature, permissions or IP whitelist: fix the key.
    AUTHENTICATION = "authentication"
    #: Too many requests or orders: wait, then send again.
    RATE_LIMIT = "rate_limit"
    #: The request's timestamp is off the server's clock: sync the clock.
    CLOCK = "clock"
    #: Balance, margin or position too small for the request.
    INSUFFICIENT_FUNDS = "insufficient_funds"
    #: The account may not do this now (compliance, verification, cooling-off, rules).
    ACCOUNT_RESTRICTED = "account_restricted"
    #: A change of leverage, margin type or position mode that cannot be made now.
    ACCOUNT_SETTING = "account_setting"
    #: An order the exchange's rules reject (price, quantity, type, state).
    INVALID_ORDER = "invalid_order"
    #: A parameter that is missing, malformed or not allowed.
    INVALID_PARAMETER = "invalid_parameter"
    #: The exchange failed or is busy: try again later.
    SERVICE = "service"


class Retry(TextEnum):
    """Whether sending the same request again can succeed."""

    #: Not as it is: the request (or the account) must change first.
    AFTER_FIX = "after_fix"
    #: Yes, after a delay (``Match.retry_after`` says how long, when the server tells).
    AFTER_DELAY = "after_delay"
    #: No: there is nothing to retry (the change is already in place, the service is gone).
    NEVER = "never"


#: The retry advice of each category, unless the registry says otherwise for a code.
RETRY_OF = {
    Category.RATE_LIMIT: Retry.AFTER_DELAY,
    Category.SERVICE: Retry.AFTER_DELAY,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Template:
    """One English message variant of a code, exactly as the server sends it."""

    code: int
    #: Position among the code's templates, in registry order.
    variant: int
    #: The English template with ``%s`` / ``%d`` / ``%b`` placeholders, as the server sends it.
    msgid: str
    #: ``"page"`` (the USDⓈ-M docs page), ``"spot_page"`` (the Spot page), ``"server"``
    #: (seen from the real server only), or ``"generic"`` for the stand-in a code-only
    #: match renders.
    origin: str
    #: Where a server text was seen.
    seen: str = ""
    #: What each parameter is, where a reader needs it shown in the locale: ``"time"``
    #: (epoch milliseconds) or the name of a closed vocabulary; ``""`` for a value shown
    #: as sent.  Empty when every value is shown as sent.
    values: tuple[str, ...] = ()
    #: Seconds to wait before sending again, where the text itself implies it ("per minute").
    retry_after: float | None = None
    #: This text's own category and retry advice, where they differ from its code's
    #: (code 0 carries both a gateway's "try again later" and a geo-block).
    category: Category | None = None
    retry: Retry | None = None
    #: Other codes the server sends this same text under (spot's order-rejection
    #: messages come as -1010, -2010, -2011, -2038 and -1013).
    also: tuple[int, ...] = ()
    #: The gettext context of the entry: :func:`msgctxt` of its code and market.
    context: str = ""
    #: The parameter types, e.g. ``('s', 'b')``; see :func:`~catalogue.placeholders.signature`.
    signature: tuple[str, ...] = field(init=False, repr=False, compare=False)
    #: What each parameter is for rendering: :attr:`values`, or ``"bool"`` for each ``%b``
    #: and ``""`` for the rest; empty when every value renders as sent.
    kinds: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.context:
            object.__setattr__(self, "context", msgctxt(self.code))
        types = signature(self.msgid)
        object.__setattr__(self, "signature", types)
        kinds = self.values or (tuple("bool" if t == "b" else "" for t in types) if types else ())
        object.__setattr__(self, "kinds", kinds if any(kinds) else ())


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorInfo:
    """Everything the registry knows of one error code."""

    code: int
    #: The identifier, e.g. ``MANDATORY_PARAM_EMPTY_OR_MALFORMED``.
    name: str
    #: ``"10xx"``, ``"11xx"``, ``"20xx"``, ``"40xx"`` or ``"50xx"``.
    section: str
    #: The page's heading where it is not an identifier (``Request Throttled``).
    heading: str
    templates: tuple[Template, ...]
    #: The msgid shown when the server's text matches none of the templates; ``""``: none,
    #: such a text is not this code's message.
    generic: str
    #: An English explanation shown after the message, or ``""``.
    hint: str = ""
    #: What kind of failure this is.
    category: Category = Category.INVALID_ORDER
    #: Whether the same request can succeed if sent again.
    retry: Retry = Retry.AFTER_FIX
    #: The markets whose server sends this code with this meaning.
    markets: tuple[str, ...] = (DEFAULT_MARKET,)
    #: The gettext context of its entries: :func:`msgctxt` of the code, and of the
    #: market for a code the default market does not share.
    context: str = ""

    def __post_init__(self) -> None:
        if not self.context:
            object.__setattr__(self, "context", msgctxt(self.code))

    @property
    def msgids(self) -> tuple[str, ...]:
        """Every msgid of this code in the catalogues: templates, generic, hint."""
        ids = [t.msgid for t in self.templates]
        ids += [m for m in (self.generic, self.hint) if m and m not in ids]
        return tuple(ids)


class Registry(Mapping[int, ErrorInfo]):
    """The codes of one market by number, with lookups by name.

    >>> reg = load_registry()
    >>> reg[-1121].name
    'BAD_SYMBOL'
    >>> reg.by_name("BAD_SYMBOL").code
    -1121
    >>> reg.market, reg.in_market("spot")[-2022].name
    ('usdm', 'ORDER_CANCEL_REPLACE_FAILED')
    """

    def __init__(
        self,
        infos: Mapping[int, ErrorInfo],
        vocabularies: Mapping[str, tuple[str, ...]] | None = None,
        failures: Mapping[str, str] | None = None,
        *,
        market: str = DEFAULT_MARKET,
        markets: Mapping[str, str] | None = None,
        siblings: dict[str, Registry] | None = None,
    ) -> None:
        #: The market whose codes these are.
        self.market = market
        #: Every market of the registry file, the default first, with its title.
        self.markets = MappingProxyType(dict(markets or {market: market}))
        self._siblings = siblings if siblings is not None else {}
        self._siblings.setdefault(market, self)
        self._infos = MappingProxyType(dict(infos))
        self._names = MappingProxyType({i.name: i for i in infos.values()})
        #: The closed vocabularies whose words render in the locale, by name:
        #: ``{"order_type": ("LIMIT", "MARKET", ...), "bool": ("true", "false"), ...}``.
        self.vocabularies = MappingProxyType(dict(vocabularies or {}))
        #: The message of each failure that is no Binance error, by kind (``"timeout"``,
        #: ``"network"``, ``"firewall"``, ``"server"``, ``"bad_request"``).
        self.failures = MappingProxyType(dict(failures or {}))

    def __getitem__(self, code: int) -> ErrorInfo:
        return self._infos[code]

    def __contains__(self, code: object) -> bool:
        # Mapping's own __contains__ goes through __getitem__ and a KeyError: this
        # test is on every lookup's path.
        return code in self._infos

    def __iter__(self) -> Iterator[int]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def by_name(self, name: str) -> ErrorInfo:
        """The code called *name*.

        :raises KeyError: if no code has that name.
        """
        try:
            return self._names[name]
        except KeyError:
            raise KeyError(f"no error code is named {name!r}") from None

    def templates(self) -> Iterator[Template]:
        """Every template of every code, in registry order."""
        for info in self._infos.values():
            yield from info.templates

    def in_market(self, market: str) -> Registry:
        """The registry of *market*'s codes, from the same file.

        :raises MarketError: if the file has no such market.
        """
        if isinstance(market, str) and type(market) is not str:
            market = str.__str__(market)  # a str enum's value, not its name
        found = self._siblings.get(market) if type(market) is str else None
        if found is None:
            raise MarketError(
                f"no market {show(market, 80)}: the registry has {', '.join(self.markets)}",
                market,
            )
        return found

    def entries(self) -> Iterator[ErrorInfo]:
        """Every code of every market loaded with this one, each entry once, market by
        market in registry order."""
        seen: set[int] = set()
        for market in self.markets:
            if market not in self._siblings:
                continue
            for info in self._siblings[market].values():
                if id(info) not in seen:
                    seen.add(id(info))
                    yield info


def _typed(value: object, kind: Any, what: str, code: int | None = None) -> Any:
    """*value* if it is a *kind* (a bool is no number), else a ``TypeError`` naming *what*
    (of *code*, when given: the message is only built for an error)."""
    if type(value) is kind:  # the common case, and no bool is a bool's subclass
        return value
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        name = getattr(kind, "__name__", str(kind))
        where = "" if code is None else f" of code {code}"
        raise TypeError(f"{what}{where} must be a {name}, not {type(value).__name__}")
    return value


def _seconds(value: object, code: int) -> float | None:
    if value is None:
        return None
    seconds = float(_typed(value, int | float, "'retry_after'", code))
    if not 0 <= seconds < 10**9:
        raise ValueError(f"'retry_after' of code {code} must be a number of seconds, not {value!r}")
    return seconds


def _template(message: dict[str, Any], code: int, variant: int, context: str) -> Template:
    """The :class:`Template` of one of *code*'s ``messages``, its fields checked."""
    # "template" is what the key was called before: a registry of yours still loads.
    key = "template" if "msgid" not in message and "template" in message else "msgid"
    msgid = _typed(message[key], str, "a msgid", code)
    origin = _typed(message["origin"], str, "an origin", code)
    if len(message) == 2:  # most messages: nothing else to read
        return Template(code=code, variant=variant, msgid=msgid, origin=origin, context=context)
    get = message.get
    return Template(
        code=code,
        variant=variant,
        msgid=msgid,
        origin=origin,
        seen=_typed(get("seen", ""), str, "'seen'", code),
        values=tuple(
            _typed(v, str, "a value kind", code)
            for v in _typed(message["values"], list, "'values'", code)
        )
        if "values" in message
        else (),
        retry_after=_seconds(get("retry_after"), code),
        category=Category(message["category"]) if get("category") else None,
        retry=Retry(message["retry"]) if get("retry") else None,
        also=tuple(
            _typed(c, int, "a code in 'also'", code)
            for c in _typed(message["also"], list, "'also'", code)
        )
        if "also" in message
        else (),
        context=context,
    )


def parse_registry(data: object, path: StrPath) -> Registry:
    """The :class:`Registry` in *data*, the decoded JSON of the file at *path*.

    :raises CatalogueFileError: if *data* is not a registry; the message names *path*.
    """
    try:
        by_market: dict[str, dict[int, ErrorInfo]] = {}
        markets = {
            _typed(name, str, "a market's name"): _typed(title, str, f"the title of {name!r}")
            for name, title in _typed(
                _typed(data, dict, "the registry").get(
                    "markets", {DEFAULT_MARKET: "USDⓈ-M Futures"}
                ),
                dict,
                "'markets'",
            ).items()
        }
        if not markets:
            raise ValueError("'markets' names no market")
        for name in markets:
            # A market's name starts a gettext context ("spot:-2022"): a word of its own.
            if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or name in ("value", "failure"):
                raise ValueError(f"market name {name!r} must be a lower-case word")
        default = next(iter(markets))
        by_market = {name: {} for name in markets}
        names: dict[str, set[str]] = {name: set() for name in markets}
        vocabularies = {
            _typed(name, str, "a vocabulary's name"): tuple(
                _typed(w, str, f"a word of {name!r}") for w in _typed(words, list, name)
            )
            for name, words in _typed(data, dict, "the registry").get("vocabularies", {}).items()
        }
        kinds = {*vocabularies, "", "time"}  # what a template's 'values' may name
        failures = {
            _typed(kind, str, "a failure's kind"): _typed(text, str, f"the {kind} message")
            for kind, text in _typed(data.get("failures", {}), dict, "'failures'").items()  # type: ignore[attr-defined]
        }
        # Each entry's markets, one tuple for all entries of the same markets: a tuple
        # per entry was hundreds more objects for the garbage collector to walk.
        owns = {(default,): (default,)}
        for entry in _typed(data.get("codes"), list, "'codes'"):  # type: ignore[attr-defined]
            code = _typed(entry["code"], int, "a code")
            own = (
                tuple(
                    _typed(m, str, "a market", code)
                    for m in _typed(entry["markets"], list, "'markets'", code)
                )
                if "markets" in entry
                else (default,)
            )
            if not own or set(own) - set(markets) or len(set(own)) < len(own):
                raise ValueError(
                    f"code {code}: 'markets' must name markets of {list(markets)}, once"
                )
            own = owns.setdefault(own, own)
            context = msgctxt(code, None if default in own else own[0])
            templates = tuple(
                _template(m, code, i, context)
                for i, m in enumerate(_typed(entry["messages"], list, "messages", code))
            )
            for market in own:
                if code in by_market[market]:
                    raise ValueError(f"code {code} appears twice in market {market!r}")
                # Only a str can be a taken name; any other (or none) is refused below, in
                # turn, as is a missing name in a market that has no code yet.
                if (
                    names[market]
                    and isinstance(taken := entry["name"], str)
                    and taken in names[market]
                ):
                    raise ValueError(f"code {code}: name {taken!r} is taken in {market!r}")
            for t in templates:
                if "%" in t.msgid and stray_percent(t.msgid):
                    raise ValueError(f"{code}: template {t.msgid!r}: stray '%': write '%%'")
                if not t.values:
                    continue
                if len(t.values) != len(t.signature):
                    raise ValueError(f"{code}: 'values' of {t.msgid!r} must name each parameter")
                unknown = set(t.values) - kinds
                if unknown:
                    raise ValueError(f"{code}: {t.msgid!r} names no vocabulary {unknown}")
            plain = [t.msgid for t in templates if not t.signature]
            # "generic": "" says the code has none: text that fits no template of it is
            # not this code's message (code 0 is what clients use for "no code").
            generic = entry["generic"] if "generic" in entry else plain[0]
            name = _typed(entry["name"], str, "the name", code)
            for field in ("generic", "hint"):
                text = entry.get(field) if field == "hint" else generic
                if isinstance(text, str) and "%" in text:
                    raise ValueError(
                        f"{code}: the {field} {text!r} must hold no placeholder (and no '%')"
                    )
            category = Category(
                _typed(entry.get("category", "invalid_order"), str, "the category", code)
            )
            retry = entry.get("retry")
            info = ErrorInfo(
                code=code,
                markets=own,
                context=context,
                category=category,
                retry=Retry(retry) if retry else RETRY_OF.get(category, Retry.AFTER_FIX),
                name=name,
                section=_typed(entry["section"], str, "the section", code),
                heading=_typed(entry.get("heading", name), str, "the heading", code),
                templates=templates,
                generic=_typed(generic, str, "the generic message", code),
                hint=_typed(entry.get("hint", ""), str, "the hint", code),
            )
            for market in own:
                by_market[market][code] = info
                names[market].add(name)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as err:
        raise CatalogueFileError(
            f"registry {os.fspath(path)!r} is malformed: {err!r}", path
        ) from err
    for infos in by_market.values():
        for info in infos.values():
            for t in info.templates:
                # An 'also' code must be another code of one of the entry's markets.
                if t.also and any(
                    c == info.code or not any(c in by_market[m] for m in info.markets)
                    for c in t.also
                ):
                    raise CatalogueFileError(
                        f"registry {os.fspath(path)!r} is malformed: 'also' of {info.code} "
                        f"{t.msgid!r} must name other codes of its markets: {t.also}",
                        path,
                    )
    siblings: dict[str, Registry] = {}
    for market, infos in by_market.items():
        Registry(infos, vocabularies, failures, market=market, markets=markets, siblings=siblings)
    return siblings[default]


_lock = threading.Lock()
_cache: dict[tuple[str, int, int], Registry] = {}


def load_registry(path: StrPath | None = None) -> Registry:
    """Load the registry at *path* (default: the shipped one), once per version of the file.

    A file edited since it was loaded (another size or modification time) is read again.

    :raises CatalogueFileError: if the file is missing or is not a registry.
    """
    name = _registry_path() if path is None else os.path.abspath(os.fspath(path))
    try:
        stat = os.stat(name)
    except OSError as err:
        raise CatalogueFileError(f"cannot read registry {name!r}: {err}", name) from err
    key = (name, stat.st_mtime_ns, stat.st_size)
    with _lock:
        if key not in _cache:
            try:
                with open(name, "rb") as fp:
                    data = json.loads(fp.read())
            except (OSError, ValueError, RecursionError) as err:
                reason = "nested too deeply" if isinstance(err, RecursionError) else err
                raise CatalogueFileError(f"cannot read registry {name!r}: {reason}", name) from err
            _cache[key] = parse_registry(data, name)
        return _cache[key]
