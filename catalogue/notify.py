"""End-user notifications: Jinja2 templates rendered in the user's locale.

Each bundled notification is a pair of templates in ``catalogue/templates``,
``<name>.txt`` and ``<name>.html``, with an example context beside them in
``<name>.json``.  Their strings live in the ``messages`` gettext domain
(``locales/messages.pot``) and are translated like the errors.

The environment carries Jinja2's i18n extension (new-style gettext, plurals)
bound to the ``messages`` catalogue of the locale, :class:`jinja2.StrictUndefined`
and autoescaping for ``.html``, and these filters, all in the template's locale:

==================  ==============================================================
filter              renders
==================  ==============================================================
``error``           any payload :func:`catalogue.translate` takes, as its message
``error_code``      the payload's Binance code (``None`` if it carries none)
``decimal``         a number, every digit kept (``format=`` a CLDR pattern rounds)
``percent``         a ratio, at most ``digits=2`` fraction digits: 0.8523 -> 85.23%
``currency``        an amount in ``code``: ISO 4217 the CLDR way, others as
                    ``<amount> <code>`` with 2 to 8 fraction digits
``datetime``        an aware datetime, or epoch milliseconds as Binance sends them
                    (``int`` or numeric ``str``), in ``tz`` (default ``"UTC"``): the
                    CLDR medium date-time and the offset, ``(UTC+8)``; ``format=`` a
                    CLDR name or pattern gives exactly that
``order_side``      ``BUY``/``SELL`` as a word; anything else unchanged
``order_type``      ``LIMIT``, ``MARKET``, ``STOP`` ... as words; anything else unchanged
``mask_key``        an API key with all but its first and last 4 characters hidden
==================  ==============================================================

Globals: ``locale`` (the negotiated locale), ``api_market`` (the ``market=`` given,
or ``""``), :func:`banned_until` and the gettext functions, which a context key of
the same name cannot override (:data:`RESERVED`); and ``tz`` (``"UTC"``), which a
context variable of the same name does.

Every environment is bound to a :class:`~catalogue.Catalogue` (default: the
shared one): its directories give the ``messages`` translations and its
``on_miss`` and overrides apply to the ``error`` filter.

>>> env = environment("zh_CN")
>>> env.from_string(
...     "{{ 0.8523|percent }} {{ 1234567.891|decimal }} {{ '1234.5'|currency('USDT') }}"
... ).render()
'85.23% 1,234,567.891 1,234.50 USDT'
>>> env.from_string("{{ 1732406400000|datetime(tz='Asia/Shanghai') }}").render()
'2024年11月24日 08:00:00 (UTC+8)'

This module imports Jinja2; :mod:`catalogue` never imports this module, so
``import catalogue`` and :func:`catalogue.translate` stay free of Jinja2.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import gettext
import json
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from copy import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from babel import Locale
from babel.numbers import format_currency, format_decimal, format_percent, is_currency

from catalogue.errors import LocaleError, TemplateNotFoundError
from catalogue.formatter import Catalogue, default_catalogue
from catalogue.locales import negotiate_locale
from catalogue.payload import failure_of, parse_payload
from catalogue.values import TimeZone, format_time, moment

if TYPE_CHECKING:
    from catalogue.locales import LocaleLike
    from catalogue.payload import Payload

__all__ = [
    "DOMAIN",
    "RESERVED",
    "TEMPLATES",
    "TemplateNotFoundError",
    "available",
    "banned_until",
    "environment",
    "example_context",
    "render_notification",
]

#: The gettext domain of the notification strings.
DOMAIN = "messages"
#: The bundled templates and their example contexts.
TEMPLATES = Path(__file__).resolve().parent / "templates"
#: How many environments are kept; there is one per (locale, search path).
CACHE_SIZE = 64
#: The names the environment itself gives its templates: the gettext functions, the
#: rendering ``locale``, ``api_market`` and ``banned_until``.  They stand over a context
#: key of the same name, which is left out (``locale=`` and ``market=`` set them);
#: ``tz`` a context may set.
RESERVED = frozenset(
    {"_", "gettext", "ngettext", "pgettext", "npgettext", "locale", "api_market", "banned_until"}
)

_envs: dict[tuple[str, tuple[str, ...], int, str | None], jinja2.Environment] = {}
_envs_lock = threading.Lock()

SearchPath = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def available() -> tuple[str, ...]:
    """The names of the bundled notifications, sorted.

    >>> available()
    ('api_key_problem', 'generic_error', 'margin_call', 'order_rejected', 'rate_limited')
    """
    return tuple(sorted({p.stem for p in TEMPLATES.glob("*.txt") if not p.name.startswith("_")}))


def example_context(name: str) -> dict[str, Any]:
    """The example context shipped beside notification *name*, as a new dict.

    >>> example_context("generic_error")["error"]["code"]
    -1000

    :raises TemplateNotFoundError: if *name* is not a bundled notification.
    """
    path = TEMPLATES / f"{name}.json"
    if name not in available() or not path.is_file():
        raise TemplateNotFoundError(f"{name}.json", (str(TEMPLATES),))
    with path.open(encoding="utf-8") as fp:
        context: dict[str, Any] = json.load(fp)
    return context


def banned_until(
    payload: Payload, *, catalogue: Catalogue | None = None, market: str | None = None
) -> dt.datetime | None:
    """When the IP ban of a ``-1003`` message ends, as an aware UTC datetime.

    Keyed on the code and on the registry's word for the matched template's
    parameters (a ``"time"`` value), not on English wording.  Any other message,
    or a ban time that is not epoch milliseconds, gives ``None``.

    >>> banned_until({"code": -1003, "msg": "Way too many requests; IP(1.2.3.4) banned"
    ...     " until 1732406400000. Please use the websocket for live updates to avoid bans."})
    datetime.datetime(2024, 11, 24, 0, 0, tzinfo=datetime.timezone.utc)
    >>> banned_until({"code": -1003, "msg": "Too many requests; current limit is 2400"
    ...     " requests per minute. Please use the websocket for live updates to avoid"
    ...     " polling the API."}) is None
    True

    :param market: as for :meth:`~catalogue.Catalogue.translate`.
    :raises PayloadError: if *payload* is not an error payload at all.
    :raises MarketError: if *market* is not a market of the registry.
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    if failure_of(payload) is not None:  # a timeout or the like: no ban in it
        return None
    m = cat.match(payload, market=market)
    if m is None or m.code != -1003 or m.owner != -1003 or m.variant < 0:
        return None
    kinds = cat.registry.in_market(m.market)[m.owner].templates[m.variant].values
    for value, kind in zip(m.values, kinds, strict=False):
        if kind == "time" and value.isascii() and value.isdigit() and len(value) <= 16:
            try:
                return moment(int(value))
            except LocaleError:  # past what a datetime holds: no readable end
                return None
    return None


def environment(
    locale: LocaleLike,
    *,
    search_path: SearchPath = (),
    catalogue: Catalogue | None = None,
    market: str | None = None,
) -> jinja2.Environment:
    """The Jinja2 environment that renders notifications in *locale*.

    Templates are looked up in *search_path* first, in order, then among the
    bundled ones, so a user's directory overrides a bundled template of the same
    name.  Environments are cached per negotiated locale and search path.

    >>> env = environment("zh-CN")
    >>> env.globals["locale"], env.from_string("{{ _('Reason:') }}").render()
    ('zh_CN', '原因：')

    :param locale: anything :func:`catalogue.negotiate_locale` takes; unsupported
        locales get English.
    :param search_path: a directory or several, searched before the bundled templates.
    :param catalogue: the :class:`~catalogue.Catalogue` whose translations and
        ``on_miss`` the environment uses; default: the shared one.
    :param market: the market of the errors the templates show (``"usdm"``, ``"spot"``);
        default: the text decides, as for :meth:`~catalogue.Catalogue.translate`.
    :raises CatalogueFileError: if the ``messages`` catalogue of a non-English locale is
        missing or corrupt.
    :raises MarketError: if *market* is not a market of the registry.
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    loc = negotiate_locale(locale, cat.domain_locales(DOMAIN))
    if market is not None:
        cat.matcher_for(market)
    dirs = _search_dirs(search_path)
    key = (loc, dirs, id(cat), market)
    env = _envs.get(key)
    if env is not None:
        return env
    with _envs_lock:
        env = _envs.get(key)
        if env is None:
            env = _build(loc, dirs, cat, market)
            if len(_envs) >= CACHE_SIZE:
                del _envs[next(iter(_envs))]  # the oldest
            _envs[key] = env
    return env


def render_notification(
    name: str,
    locale: LocaleLike,
    *,
    context: Mapping[str, Any] | None = None,
    html: bool = False,
    search_path: SearchPath = (),
    catalogue: Catalogue | None = None,
    market: str | None = None,
) -> str:
    """Render notification *name* (``<name>.txt``, or ``<name>.html`` if *html*) in *locale*.

    In HTML every value from the context, a server message included, is escaped;
    in text it is left as it is.

    >>> print(render_notification("generic_error", "en",
    ...     context={"error": {"code": -1121, "msg": "Invalid symbol."}}))
    Request failed
    <BLANKLINE>
    The exchange could not complete your request.
    <BLANKLINE>
    Reason: Invalid symbol.
    Error code: -1121
    <BLANKLINE>
    If the problem persists, contact support and quote the error code above.
    <BLANKLINE>
    --
    This is an automated notification. Please do not reply to this message.

    :param context: the template's variables, any names (those of :data:`RESERVED` are
        the environment's own, and left out); see :func:`example_context`.
    :param catalogue: as for :func:`environment`.
    :param market: as for :func:`environment`.
    :raises TemplateNotFoundError: if a template is missing from every directory; the
        message names it and the directories.
    :raises jinja2.UndefinedError: if the template uses a variable *context* lacks.
    :raises TypeError: if *context* is not a mapping.
    """
    if context is None:
        context = {}
    if not isinstance(context, Mapping):
        raise TypeError(
            f"context must be a mapping of variable names, not {type(context).__name__}"
        )
    if not RESERVED.isdisjoint(context):
        # Any key is welcome, but none may break _() or say another language than the text.
        context = {k: v for k, v in context.items() if k not in RESERVED}
    env = environment(locale, search_path=search_path, catalogue=catalogue, market=market)
    template = f"{name}.{'html' if html else 'txt'}"
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateNotFound as err:
        searched = (*_search_dirs(search_path), str(TEMPLATES))
        raise TemplateNotFoundError(str(err.name or template), searched) from err


# -- building an environment ---------------------------------------------------


def _search_dirs(search_path: SearchPath) -> tuple[str, ...]:
    # A lone str is one directory, not an iterable of one-letter directories.
    if isinstance(search_path, str | os.PathLike):
        search_path = (search_path,)
    return tuple(os.fspath(p) for p in search_path)


def _build(
    loc: str, dirs: tuple[str, ...], cat: Catalogue, market: str | None
) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(d) for d in dirs]
    loaders.append(jinja2.FileSystemLoader(TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(("html", "htm", "xml")),
    )
    translations = cat.translations(loc, DOMAIN)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(_filters(loc, translations, cat, market))
    until = functools.partial(banned_until, catalogue=cat, market=market)
    # api_market: the market the notification speaks of ("spot" words it for Spot).
    env.globals.update(locale=loc, tz="UTC", banned_until=until, api_market=market or "")
    return env


def _filters(
    loc: str, t: gettext.NullTranslations, cat: Catalogue, market: str | None
) -> dict[str, Callable[..., Any]]:
    babel_locale = Locale.parse(loc)
    sides = {"BUY": t.pgettext("order side", "Buy"), "SELL": t.pgettext("order side", "Sell")}
    types = {
        "LIMIT": t.pgettext("order type", "Limit"),
        "MARKET": t.pgettext("order type", "Market"),
        "STOP": t.pgettext("order type", "Stop limit"),
        "STOP_MARKET": t.pgettext("order type", "Stop market"),
        "TAKE_PROFIT": t.pgettext("order type", "Take profit limit"),
        "TAKE_PROFIT_MARKET": t.pgettext("order type", "Take profit market"),
        "TRAILING_STOP_MARKET": t.pgettext("order type", "Trailing stop"),
    }

    @jinja2.pass_context
    def error(context: jinja2.runtime.Context, payload: Payload, hint: bool = True) -> str:
        # The template's tz (the global, or a context variable) dates a ban, and the
        # code's explanation follows the message: a notification is read by a person.
        return cat.translate(payload, locale=loc, market=market, tz=context.get("tz"), hint=hint)

    def error_code(payload: Payload) -> int | None:
        if failure_of(payload) is not None:  # a client's failure carries no Binance code
            return None
        return parse_payload(payload)[0]

    def decimal_(value: object, format: str | None = None) -> str:
        number = _number(value, "decimal")
        with _precise(number):
            if format is not None:
                return format_decimal(number, format, locale=babel_locale)
            return format_decimal(number, locale=babel_locale, decimal_quantization=False)

    def percent(value: object, digits: int = 2, format: str | None = None) -> str:
        number = _number(value, "percent")
        with _precise(number):
            if format is None:
                pattern = copy(babel_locale.percent_formats[None])
                pattern.frac_prec = (0, digits)
                return format_percent(number, pattern, locale=babel_locale)
            return format_percent(number, format, locale=babel_locale)

    def currency(value: object, code: str) -> str:
        number = _number(value, "currency")
        with _precise(number):
            if is_currency(code, babel_locale):
                return format_currency(number, code, locale=babel_locale)
            # USDT, BTC ... are not ISO 4217: CLDR has no symbol or precision for them.
            pattern = copy(babel_locale.decimal_formats[None])
            pattern.frac_prec = (2, 8)
            return f"{format_decimal(number, pattern, locale=babel_locale)} {code}"

    def datetime_(value: object, format: str | None = None, tz: TimeZone = "UTC") -> str:
        return format_time(_moment(value), loc, tz, format)

    def order_side(value: str) -> str:
        return sides.get(value, value)

    def order_type(value: str) -> str:
        return types.get(value, value)

    def mask_key(value: str, visible: int = 4) -> str:
        if len(value) <= 2 * visible:
            return "*" * len(value)
        return f"{value[:visible]}****{value[-visible:]}"

    filters: dict[str, Callable[..., Any]] = {
        "error": error,
        "error_code": error_code,
        "decimal": decimal_,
        "percent": percent,
        "currency": currency,
        "datetime": datetime_,
        "order_side": order_side,
        "order_type": order_type,
        "mask_key": mask_key,
    }
    return {name: _strict(f) for name, f in filters.items()}


def _strict(f: Callable[..., Any]) -> Callable[..., Any]:
    """Make *f* raise the undefined value's own error, which names the missing variable."""

    # A filter that takes the template's context gets it first, then the value.
    at = 1 if getattr(f, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(f)
    def strict(*args: Any, **kwargs: Any) -> Any:
        value = args[at] if len(args) > at else None
        if isinstance(value, jinja2.Undefined):
            str(value)  # StrictUndefined raises UndefinedError("'order' is undefined")
            raise jinja2.UndefinedError(f"the {f.__name__.rstrip('_')} filter got {value!r}")
        return f(*args, **kwargs)

    return strict


def _precise(number: object) -> AbstractContextManager[decimal.Context]:
    """A decimal context with room for every digit of *number* and the fraction digits added.

    Babel computes in the current context, whose default 28 digits would round a long
    amount (or raise on a 28-digit one times 100).
    """
    try:
        exact = decimal.Decimal(number)  # type: ignore[arg-type]
        digits = len(exact.as_tuple().digits) + abs(exact.adjusted()) + 40
    except (TypeError, ValueError, decimal.InvalidOperation):
        digits = 28
    context = decimal.getcontext().copy()  # localcontext(prec=...) needs Python 3.11
    context.prec, context.Emax = max(28, digits), decimal.MAX_EMAX
    return decimal.localcontext(context)


def _number(value: object, what: str) -> decimal.Decimal | int | float:
    """A number for Babel; numeric strings (as Binance sends amounts) become ``Decimal``."""
    if isinstance(value, bool):
        raise TypeError(f"the {what} filter takes a number, not {value!r}")
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, str):
        try:
            number = decimal.Decimal(value.strip())
        except decimal.InvalidOperation:
            pass
        else:
            if number.is_finite():
                return number
    raise TypeError(f"the {what} filter takes a number or a numeric string, not {value!r}")


def _moment(value: object) -> dt.datetime:
    """An aware datetime: naive ones are taken as UTC, numbers as epoch milliseconds.

    :raises LocaleError: for a number of milliseconds outside the years a datetime holds.
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)
    try:
        number = _number(value, "datetime")
    except TypeError:
        raise TypeError(
            f"the datetime filter takes a datetime or epoch milliseconds, not {value!r}"
        ) from None
    return moment(number if isinstance(number, int) else float(number))
