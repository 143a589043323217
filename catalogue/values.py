"""Values people can read: epoch-millisecond times in a time zone, closed vocabularies in words.

A parameter renders as the server sent it (digits, symbols, parameter names,
IPs) unless the registry says what it is: ``"time"`` (epoch milliseconds)
becomes a date-time in the caller's time zone, with the zone shown; the name of
a closed vocabulary (``"order_type"``, ``"interval"`` ... and ``"bool"``, which
every ``%b`` is) becomes the locale's word, kept as a catalogue entry with the
context ``value:<vocabulary>`` so translators own it.  Babel is imported only
when a time is rendered.  :func:`values_in` picks the values out of a text no
template fits, so a code-only fallback keeps them.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
from collections.abc import Mapping, Sequence

from catalogue.errors import LocaleError, show
from catalogue.registry import FAILURE_CONTEXT, VOCABULARY_CONTEXT

__all__ = [
    "EPOCH",
    "FAILURE_CONTEXT",
    "VOCABULARY_CONTEXT",
    "TimeZone",
    "format_time",
    "localize_values",
    "moment",
    "utc_offset",
    "values_in",
    "vocabulary_words",
    "zone",
]

#: The start of Binance's clock.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)

#: The word table of a vocabulary the caller's tables leave out: none.
_NO_WORDS: Mapping[str, str] = {}

#: What a time zone argument may be.
TimeZone = str | dt.tzinfo | None
#: Epoch milliseconds up to year 9999 have at most 15 digits.
_MAX_MS_DIGITS = 15


def zone(tz: TimeZone) -> dt.tzinfo:
    """*tz* as a :class:`datetime.tzinfo`: an IANA name, a tzinfo, or ``None`` for UTC.

    >>> zone(None), zone("UTC")
    (datetime.timezone.utc, datetime.timezone.utc)

    :raises LocaleError: if *tz* names no time zone this machine knows.
    """
    if tz is None or tz == "UTC":
        return dt.timezone.utc  # no time zone database needed for the default
    if isinstance(tz, dt.tzinfo):
        return tz
    if isinstance(tz, str):
        from zoneinfo import ZoneInfo

        try:
            return ZoneInfo(tz)
        except (ValueError, KeyError, OSError) as err:  # ZoneInfoNotFoundError is a KeyError
            raise LocaleError(f"unknown time zone {show(tz, 80)}", tz) from err
    raise LocaleError(
        f"a time zone must be an IANA name, a tzinfo or None, not {type(tz).__name__}", tz
    )


def moment(millis: int | float) -> dt.datetime:
    """Epoch milliseconds as an aware UTC datetime.

    :raises LocaleError: if *millis* is outside the years a datetime can hold.
    """
    try:
        return EPOCH + dt.timedelta(milliseconds=millis)
    except (OverflowError, ValueError) as err:
        raise LocaleError(f"{millis!r:.40} ms is not a time a datetime can hold", millis) from err


def utc_offset(when: dt.datetime) -> str:
    """``UTC``, ``UTC+8``, ``UTC+5:30``, ``UTC-3``: how Binance labels its clocks."""
    offset = when.utcoffset() or dt.timedelta(0)
    if not offset:
        return "UTC"
    sign = "+" if offset > dt.timedelta(0) else "-"
    hours, rest = divmod(abs(int(offset.total_seconds())), 3600)
    minutes = rest // 60
    return f"UTC{sign}{hours}:{minutes:02d}" if minutes else f"UTC{sign}{hours}"


def format_time(when: dt.datetime, locale: str, tz: TimeZone = None, fmt: str | None = None) -> str:
    """*when* in *tz*, as *locale* writes a medium date-time, with its UTC offset.

    >>> format_time(moment(1732406400000), "zh_CN", "Asia/Shanghai")
    '2024年11月24日 08:00:00 (UTC+8)'

    :param fmt: a CLDR format name or pattern; then exactly that, without the offset.
    """
    from babel.dates import format_datetime

    where = zone(tz)
    try:
        if fmt is not None:
            return format_datetime(when, fmt, tzinfo=where, locale=locale)
        text = format_datetime(when, "medium", tzinfo=where, locale=locale)
        return f"{text} ({utc_offset(when.astimezone(where))})"
    except OverflowError as err:  # the year 9999 in UTC is 10000 east of it
        raise LocaleError(f"{when!r} is past what a datetime holds in {tz!r}", when) from err


def localize_values(
    values: Sequence[str],
    kinds: Sequence[str],
    translations: gettext.NullTranslations,
    locale: str,
    tz: TimeZone = None,
    *,
    words: Mapping[str, Mapping[str, str]] | None = None,
) -> list[str]:
    """*values* as a reader of *locale* wants them; each kind says what its value is.

    A time that is not epoch milliseconds, or a word the vocabulary lacks, stays as sent.

    :param words: each vocabulary's words and what *translations* makes of them, as
        :func:`vocabulary_words` gives them: those words need no catalogue lookup.
        Any other value is looked up as without it, so a catalogue laid over ours may
        translate words the registry does not list.
    """
    out = list(values)
    for i, kind in enumerate(kinds[: len(out)]):
        value = out[i]
        if not kind:
            continue
        if kind == "time":
            if value.isascii() and value.isdigit() and len(value) <= _MAX_MS_DIGITS:
                try:
                    out[i] = format_time(moment(int(value)), locale, tz)
                except (LocaleError, OverflowError):  # past year 9999 here or in tz
                    if tz is not None:
                        zone(tz)  # a bad tz is still the caller's error

        elif words is not None and value in (table := words.get(kind, _NO_WORDS)):
            out[i] = table[value]  # a word of the registry's vocabulary, looked up once
        else:
            word = translations.pgettext(VOCABULARY_CONTEXT + kind, value)
            if word == value and kind == "bool":
                word = translations.pgettext(VOCABULARY_CONTEXT + kind, value.lower())
                word = value if word == value.lower() else word
            out[i] = word
    return out


def vocabulary_words(
    vocabularies: Mapping[str, Sequence[str]], translations: gettext.NullTranslations
) -> dict[str, dict[str, str]]:
    """Each vocabulary's words and what *translations* makes of them."""
    return {
        kind: {w: translations.pgettext(VOCABULARY_CONTEXT + kind, w) for w in words}
        for kind, words in vocabularies.items()
    }


_VALUE_RE = re.compile(
    r"'([^'\s][^']{0,63})'|\"([^\"\s][^\"]{0,63})\"|`([^`\s][^`]{0,63})`"
    # A web address, whole, up to the first character no address in a message holds.
    r"|((?:https?|wss?)://[A-Za-z0-9._~:/?#@$&+=%-]+(?<![.:?]))"
    # A run of words and the marks between them, which _values_of_run cuts up.
    r"|([A-Za-z_\d.,:/+-]+)"
)
_MARKS_RE = re.compile(r"([.,:/+-]+)")
_DIGIT_RE = re.compile(r"\d")
_DIGITS_RE = re.compile(r"\d+")
#: The part of a time before a colon: 12, or the 24T00 of an ISO time.
_HOUR_RE = re.compile(r"(?:.*\D)?\d{1,2}")
#: One group of a masked IP: 16x.154.xx.147.
_MASK_RE = re.compile(r"[\dxX]{1,3}")
#: An IPv6 address: eight hexadecimal groups, or fewer with "::" for a run of zeros.
_IPV6_RE = re.compile(
    r"(?<![0-9A-Za-z_.-])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    r"|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?)"
    r"(?![0-9A-Za-z_:]|[.-]\d)"  # not inside a number: 0.001::, ::1e-5
)
#: A name in capitals, a value though it has no digit (BTCUSDT, TEN_SECONDS, BTC/USDT).
_NAME_RE = re.compile(r"[A-Z][A-Z0-9_/-]{4,}")
_PARTS_RE = re.compile(r"[-/+]")
_MAX_VALUES = 6


def values_in(text: str) -> list[str]:
    """The values a text the registry does not know most likely holds, in order.

    Quoted words, numbers (prices, timestamps, IPs), symbols and web addresses,
    each whole; at most six.

    >>> values_in("Symbol BTCUSDT is delisted since 1732406400000, see 'symbol'.")
    ['BTCUSDT', '1732406400000', 'symbol']
    >>> values_in("Quantity 1,000 of BTC-USDT exceeds 1.5x until 2024-11-24T00:00:00Z.")
    ['1,000', 'BTC-USDT', '1.5x', '2024-11-24T00:00:00Z']
    """
    found: list[str] = []
    for m in _VALUE_RE.finditer(text[:2000]):
        whole = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        for value in [whole] if whole else _values_of_run(m.group(5)):
            if value not in found:
                found.append(value)
            if len(found) == _MAX_VALUES:
                return found
    return found


def _values_of_run(run: str) -> list[str]:
    """The values among the words of *run*: an IPv6 address whole, and elsewhere a
    word and the next kept as one value where the mark between them is inside a
    value (see :func:`_joins`)."""
    values: list[str] = []
    done = 0
    for address in _IPV6_RE.finditer(run):
        if _DIGIT_RE.search(address.group()):
            values += _values_of_words(run[done : address.start()])
            values.append(address.group())
            done = address.end()
    return values + _values_of_words(run[done:])


def _values_of_words(run: str) -> list[str]:
    """The values among the words of *run*, which holds no IPv6 address."""
    parts = _MARKS_RE.split(run)  # words at the even places, marks between them
    words: list[str] = []
    last = ""  # the last word of the value being built, "" before the first
    for at in range(0, len(parts), 2):
        word, mark = parts[at], parts[at - 1] if at else ""
        if not word:
            continue
        if last and _joins(last, mark, word):
            words[-1] += mark + word
        elif mark.endswith("-") and _DIGIT_RE.match(word):
            words.append("-" + word)  # a sign: balance:-12.5 holds -12.5
        else:
            words.append("/" + word if at == 2 and mark == "/" and not parts[0] else word)
        last = word
    values = []
    for word in words:
        if _DIGIT_RE.search(word) or _NAME_RE.fullmatch(word):
            values.append(word)
        else:  # no value itself, it may hold names that are: docs/RATE_LIMIT_FIX
            values += [part for part in _PARTS_RE.split(word) if _NAME_RE.fullmatch(part)]
    return values


def _joins(last: str, mark: str, word: str) -> bool:
    """Whether *mark* between the words *last* and *word* is inside one value.

    A hyphen, slash or plus always is (BTC-USDT, /fapi/v1/order, 1e+5); a dot
    before a digit after a word with one (1.5x, v1.2.3), or between the groups of
    a masked IP (16x.154.xx.147); a comma between numbers, kept as the server wrote
    them (1,000, or a list: 5,10,20); a colon in a time (00:00:01, 24T00:00).
    Nothing else: BTCUSDT:20, BTCUSD_250627:125, BTCUSD_250627,1000PEPEUSDT,
    0.001,price and 100.Volume are two.
    """
    if mark in ("-", "/", "+"):
        return True
    if mark == ".":
        if _MASK_RE.fullmatch(last) and _MASK_RE.fullmatch(word):
            return True
        return _DIGIT_RE.match(word) is not None and _DIGIT_RE.search(last) is not None
    if mark == ",":
        return _DIGITS_RE.fullmatch(last) is not None and _DIGITS_RE.fullmatch(word) is not None
    if mark == ":":
        return _HOUR_RE.fullmatch(last) is not None and word[:2].isdigit()
    return False
