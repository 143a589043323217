"""Property-based fuzz tests of the whole public contract of ``catalogue``.

Whatever a caller passes (a payload, a locale, ``render()`` parameters, ``.mo`` and
registry files, the lines of a CLI stream) either works or raises one of the
exceptions of :mod:`catalogue.errors` naming the input: never a hang, another
exception, or a silently wrong answer, and the server's text is never lost.

Every ``@settings`` is derandomized, so CI runs the same examples each time; the
whole file is sized to run in well under 40 seconds on two cores.  The tests named
after a bug pin what the campaign found, each fixed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import io
import itertools
import json
import os
import re
import struct
import sys
import tempfile
import tracemalloc
import zoneinfo
from collections import Counter
from pathlib import Path

import babel
import pytest
from babel.messages.pofile import read_po
from conftest import assert_read_as_gettext_reads, build_mo, gettext_reads, po_file
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

import catalogue
import catalogue.__main__
import catalogue.formatter
import catalogue.payload
import catalogue.registry
from catalogue import (
    Catalogue,
    CatalogueFileError,
    CodeError,
    LocaleError,
    Match,
    MatchKind,
    PayloadError,
    PlaceholderError,
)
from catalogue.__main__ import main
from catalogue.codes import ErrorCode
from catalogue.locales import catalogue_path, negotiate_locale, shipped_locales
from catalogue.placeholders import Placeholder, fill, format_template, to_text, tokenize

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
REAL_MO = po_file("zh_CN", "errors", "mo").read_bytes()
REGISTRY = catalogue.load_registry()
#: Every market's templates and codes: a payload names no market.
TEMPLATES = [t for info in REGISTRY.entries() for t in info.templates]
#: The first market of each template's entry, by the template's identity.
MARKET_OF = {id(t): info.markets[0] for info in REGISTRY.entries() for t in info.templates}
CODES = sorted({info.code for info in REGISTRY.entries()})
SHIPPED = shipped_locales()
HUGE = 10**5000  # more digits than int.__str__ / repr allow by default
BIG = 10**4000  # huge, but still printable


def fuzz(examples: int, *checks: HealthCheck) -> settings:
    """The settings every property here runs with."""
    return settings(
        max_examples=examples, deadline=None, derandomize=True, suppress_health_check=checks
    )


def po_strings(locale: str) -> dict[tuple[str | None, str], str]:
    """``(msgctxt, msgid) -> msgstr`` read from the .po, not through the package."""
    with po_file(locale).open("rb") as fp:
        return {(m.context, m.id): m.string for m in read_po(fp) if m.id}


PO = {loc: po_strings(loc) for loc in ("en", "zh_CN")}


def stands_in(code: int | None) -> bool:
    """Whether *code* has a generic message to stand in for text that fits nothing."""
    return code is not None and code in REGISTRY and bool(REGISTRY[code].generic)


def attempt(call: object, *errors: type[BaseException]) -> object:
    """What *call* returns, or which of *errors* it raised (anything else propagates)."""
    try:
        return call()  # type: ignore[operator]
    except errors as err:
        return err


def fresh() -> Catalogue:
    """A catalogue with empty caches, so the order of calls starts from nothing."""
    return Catalogue.load(LOCALES)


# -- an independent oracle for what the payload parser must accept -------------


class Invalid(Exception):
    """The oracle's verdict: not a Binance code."""


def expected_code(value: object) -> int | None:
    """What a payload's ``code`` means, by the documented rule, or :class:`Invalid`
    (which a success reply, code 200, is too)."""
    if value is None:
        return None
    code: int | None = None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**19:
        code = int(value)
    elif isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]{1,19}", value.strip()):
        code = int(value.strip())
    if code is None or code == 200:
        raise Invalid
    return code


def classify(line: bytes) -> tuple[str, tuple[int | None, str] | None]:
    """``("blank" | "bad" | "ok", (code, msg))`` for one stdin line."""
    stripped = line.strip()
    if not stripped:
        return "blank", None
    try:
        data = json.loads(stripped.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return "bad", None
    if not isinstance(data, dict) or not isinstance(data.get("msg"), str):
        return "bad", None
    try:
        return "ok", (expected_code(data.get("code")), data["msg"])
    except Invalid:
        return "bad", None


def encodable(text: str) -> bool:
    """Whether *text* can be written to a UTF-8 stream (no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- strategies ------------------------------------------------------------------

WHITESPACE = st.text(alphabet=" \t\n\r\x0b\x0c\x1c\u00a0\u2003\u3000", max_size=4)
SAFE = "ABCXYZabcxyz0123456789 .,:;'\"`-_/()[]{}%$#中é\t"


@st.composite
def numeric_strings(draw: st.DrawFn) -> str:
    sign = draw(st.sampled_from(["", "-", "+", "--", "+-", "\u2212"]))
    digits = str(draw(st.integers(0, 10**22))).rjust(draw(st.integers(1, 22)), "0")
    digits = draw(st.sampled_from([digits, digits + ".0", digits.replace("1", "\u0661"), "1_000"]))
    return draw(WHITESPACE) + sign + digits + draw(WHITESPACE)


VALID_CODES = st.one_of(
    st.sampled_from(CODES),
    st.integers(-(10**19) + 1, 10**19 - 1),
    st.sampled_from(CODES).map(lambda c: f" {c}\t"),
)
CODES_ANY = st.one_of(
    st.none(),
    VALID_CODES,
    st.integers(),
    st.sampled_from([200, " 200", 10**19 - 1, -(10**19) + 1, 10**19, -(10**19), BIG, HUGE, -HUGE]),
    st.booleans(),
    st.floats(),
    st.sampled_from(list(ErrorCode)),
    numeric_strings(),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=3),
    st.binary(max_size=4),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)


def param_values(template: catalogue.registry.Template) -> st.SearchStrategy[tuple[object, ...]]:
    """Typed parameters for *template*, as ``format_template`` takes them."""
    kinds = {
        "s": st.text(alphabet=SAFE, max_size=10),
        "d": st.integers(-(10**18), 10**18),
        "b": st.booleans(),
    }
    return st.tuples(*(kinds[k] for k in template.signature))


FILLED = st.sampled_from(TEMPLATES).flatmap(
    lambda t: param_values(t).map(lambda ps: format_template(t.msgid, ps))
)
MSGS = st.one_of(
    st.text(),
    FILLED,
    st.sampled_from(sorted({t.msgid for t in TEMPLATES})),
    st.tuples(WHITESPACE, FILLED, st.sampled_from(["", ".", " .", ".."])).map("".join),
    FILLED.map(lambda s: s.upper()),
    FILLED.map(lambda s: s.replace(" ", "  ")),
)
MSGS_ANY = st.one_of(
    MSGS, st.none(), st.integers(), st.floats(), st.lists(st.text(), max_size=2), st.binary()
)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)
DICTS = st.fixed_dictionaries(
    {}, optional={"code": CODES_ANY, "msg": MSGS_ANY, "data": JSONISH}
) | st.fixed_dictionaries({"code": CODES_ANY, "msg": MSGS})
JSON_DICTS = st.fixed_dictionaries(
    {},
    optional={
        "code": st.one_of(VALID_CODES, st.floats(), st.booleans(), st.none(), numeric_strings()),
        "msg": st.one_of(MSGS, st.integers(), st.none()),
        "data": JSONISH,
    },
)


@st.composite
def json_bytes(draw: st.DrawFn) -> bytes:
    body = json.dumps(draw(JSON_DICTS), ensure_ascii=draw(st.booleans())).encode()
    if draw(st.booleans()):
        body = b"\xef\xbb\xbf" + body
    if draw(st.booleans()):  # break the UTF-8 somewhere
        at = draw(st.integers(0, len(body)))
        body = body[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80"]))
        body += body[at:]
    return body


class Boom(Exception):
    """An exception the caller's own object raises."""


def _raise(*_args: object) -> object:
    raise Boom("the caller's object raised")


EXC_ATTRS = ["code", "message", "error_code", "error_message", "status_code", "msg"]


@st.composite
def exceptions(draw: st.DrawFn) -> BaseException:
    base = draw(st.sampled_from([Exception, ValueError, KeyError, RuntimeError]))
    namespace: dict[str, object] = {}
    if draw(st.booleans()):
        namespace["__str__"] = _raise
    for name in draw(st.lists(st.sampled_from(EXC_ATTRS), max_size=2, unique=True)):
        namespace[name] = property(_raise)
    cls = type("FuzzError", (base,), namespace)
    cls.__module__ = draw(st.sampled_from(["builtins", "ccxt.base.errors", "binance.error"]))
    args = draw(
        st.lists(
            st.one_of(
                MSGS,
                DICTS,
                JSON_DICTS.map(json.dumps),
                JSON_DICTS.map(lambda d: "binanceusdm 400 Bad Request " + json.dumps(d)),
                st.integers(),
            ),
            max_size=3,
        )
    )
    exc = cls(*args)
    for name in draw(st.lists(st.sampled_from(EXC_ATTRS), max_size=4, unique=True)):
        if name not in namespace:
            setattr(exc, name, draw(st.one_of(CODES_ANY, MSGS_ANY)))
    return exc


PAYLOADS = st.one_of(
    DICTS,
    JSONISH,
    st.text(),
    JSON_DICTS.map(json.dumps),
    st.binary(),
    json_bytes(),
    json_bytes().map(bytearray),
    exceptions(),
    st.sampled_from(["[" * 100_000, "{" * 100_000, '{"msg": "x", "code": ' + "1" * 5000 + "}"]),
    st.sampled_from([b"[" * 100_000, bytes(100), memoryview(b'{"msg": "x"}'), 1.5, object()]),
)


# -- 1. payloads ------------------------------------------------------------------


def check_match(m: Match, code: int | None, text: str) -> None:
    """Everything a :class:`Match` promises about the text it was found in."""
    assert m.raw == text
    if code is not None:
        assert m.code == code
    registry = REGISTRY.in_market(m.market)
    assert m.name == (registry[m.code].name if m.code in registry else "")
    assert m.owner in registry
    assert len(m.values) == len(m.params)
    if m.kind is MatchKind.CODE_ONLY:
        assert m.code in registry
        assert (m.msgid, m.params, m.variant) == (registry[m.code].generic, (), -1)
        return
    template = registry[m.owner].templates[m.variant]
    assert template.msgid == m.msgid
    for kind, value, param in zip(template.signature, m.values, m.params, strict=True):
        if kind == "d":
            assert type(param) is int
            assert param == int(value)
        elif kind == "b":
            assert param is (value.lower() == "true")
        else:
            assert param == value
    if m.kind is not MatchKind.TOLERANT:  # a strict match: the template filled is the text
        filled = fill(m.msgid, list(m.values))
        if filled != text:  # only a final full stop or white space after a last value
            assert m.msgid.endswith(("%s", "%d", "%b"))
            assert text.startswith(filled)
            assert re.fullmatch(r"\.?\s*", text[len(filled) :])


@fuzz(600, HealthCheck.too_slow, HealthCheck.data_too_large)
@given(PAYLOADS)
def test_any_payload_translates_or_raises_payload_error(payload):
    m = attempt(lambda: catalogue.match(payload), PayloadError)
    text = attempt(lambda: catalogue.translate(payload), PayloadError)
    if isinstance(m, PayloadError):
        assert m.payload is payload
    if isinstance(text, PayloadError):
        assert text.payload is payload
        assert isinstance(m, PayloadError), "match() read what translate() refused"
        return
    assert isinstance(text, str)
    assert not isinstance(m, PayloadError), "translate() read what match() refused"
    assert m is None or isinstance(m, Match)
    if isinstance(payload, dict):
        code = expected_code(payload.get("code"))  # it parsed, so the oracle must agree
        msg = payload["msg"]
        assert isinstance(msg, str)
        if m is not None:
            check_match(m, code, msg)
    else:
        code, msg = catalogue.payload.parse_payload(payload)
    if m is None:
        assert not stands_in(code)
        assert text == msg, "the server's text was lost"
    else:
        assert m.raw == msg


@fuzz(500)
@given(st.fixed_dictionaries({"code": CODES_ANY, "msg": MSGS}))
def test_dict_payload_code_follows_the_documented_rule(payload):
    try:
        code = expected_code(payload["code"])
    except Invalid:
        with pytest.raises(PayloadError) as err:
            catalogue.translate(payload)
        assert err.value.payload is payload
        with pytest.raises(PayloadError):
            catalogue.match(payload)
        return
    m = catalogue.match(payload)
    text = catalogue.translate(payload)
    if m is None:
        assert not stands_in(code)
        assert text == payload["msg"]
    else:
        check_match(m, code, payload["msg"])
        if m.kind in (MatchKind.EXACT, MatchKind.TEMPLATE, MatchKind.OTHER_CODE) and not m.values:
            # A strict match without values: English is the server's text.
            assert catalogue.translate(payload, locale="en") == payload["msg"]


@fuzz(150, HealthCheck.too_slow)
@given(exceptions())
def test_exceptions_with_odd_attributes(exc):
    try:
        text = catalogue.translate(exc)
    except (PayloadError, Boom):
        return
    code, msg = catalogue.payload.parse_payload(exc)
    m = catalogue.match(exc)
    if m is None:
        assert text == msg
    else:
        check_match(m, code, msg)


# -- 2. every spelling of a code gives the same answer ----------------------------


def spellings(code: int, msg: str) -> list[object]:
    """The same error, as every kind of caller holds it."""
    body = json.dumps({"code": code, "msg": msg})

    class BinanceAPIException(Exception):
        def __init__(self) -> None:
            super().__init__(f"APIError(code={code}): {msg}")
            self.code, self.message, self.status_code = code, msg, 400

    class ClientError(Exception):
        def __init__(self) -> None:
            super().__init__((400, code, msg, {}))
            self.status_code, self.error_code, self.error_message = 400, code, msg

    class BadRequestError(Exception):
        def __init__(self) -> None:
            super().__init__(msg)
            self.status_code, self.error_message = code, msg

    class ExchangeError(Exception):
        pass

    ExchangeError.__module__ = "ccxt.base.errors"
    out: list[object] = [
        {"code": code, "msg": msg},
        {"code": str(code), "msg": msg},
        {"msg": msg, "code": f"  {code} \t"},
        {"code": f"\u3000{code}\n", "msg": msg},
        body,
        body.encode(),
        b"\xef\xbb\xbf" + json.dumps({"code": code, "msg": msg}, ensure_ascii=False).encode(),
        bytearray(body.encode()),
        BinanceAPIException(),
        ClientError(),
        ValueError({"code": code, "msg": msg}),
        ExchangeError(f"binanceusdm {body}"),
    ]
    if code in REGISTRY:
        out.append({"code": ErrorCode(code), "msg": msg})
        out.append({"code": ErrorCode(code), "msg": msg, "data": None})
    if code < 0:
        out.append(BadRequestError())
    return out


def bad_spellings(code: int, msg: str) -> list[object]:
    """Spellings of the same code that are no code at all: each a PayloadError."""
    return [
        {"code": float(code), "msg": msg},
        {"code": True, "msg": msg},
        {"code": f"{code}.0", "msg": msg},
        {"code": [code], "msg": msg},
        {"code": (abs(code) + 1) * 10**19, "msg": msg},
        json.dumps({"code": float(code), "msg": msg}),
        b"\xff" + json.dumps({"code": code, "msg": msg}).encode(),
        {"code": code},
    ]


LOCALE_SPELLINGS = ["zh_CN", "en", "zh-CN", None, "fr;q=0.1, en;q=0.9"]


@fuzz(120, HealthCheck.too_slow)
@given(
    st.one_of(
        st.sampled_from(TEMPLATES).flatmap(
            lambda t: param_values(t).map(lambda ps: (t.code, format_template(t.msgid, ps)))
        ),
        st.tuples(st.sampled_from(CODES), st.text(max_size=20)),
        st.tuples(st.integers(-99_999, 99_999).filter(lambda c: c not in REGISTRY), MSGS),
    ),
    st.sampled_from(LOCALE_SPELLINGS),
    st.randoms(use_true_random=False),
)
def test_every_spelling_gives_the_same_answer_in_any_order(case, locale, rnd):
    code, msg = case
    expected = fresh().translate({"code": code, "msg": msg}, locale=locale)
    if catalogue.match({"code": code, "msg": msg}) is None:
        assert expected == msg, "an unknown code lost the server's text"
    good, bad = spellings(code, msg), bad_spellings(code, msg)
    calls = [(p, True) for p in good] + [(p, False) for p in bad]
    rnd.shuffle(calls)
    cat = fresh()
    for translate in (cat.translate, catalogue.translate):  # a fresh cache and the shared one
        for payload, ok in calls:
            if ok:
                assert translate(payload, locale=locale) == expected, payload
            else:
                with pytest.raises(PayloadError):
                    translate(payload, locale=locale)
    assert cat.translate({"code": code, "msg": msg}, locale=locale) == expected


@pytest.mark.parametrize("msg", ["Invalid symbol.", "Symbol BTCUSDT is delisted.", "zz"])
def test_a_refused_spelling_does_not_poison_the_cache(msg):
    expected = fresh().translate({"code": -1121, "msg": msg})
    assert "交易对" in expected
    cat = fresh()
    for bad in bad_spellings(-1121, msg):
        with pytest.raises(PayloadError):
            cat.translate(bad)
    assert cat.translate({"code": -1121, "msg": msg}) == expected
    assert cat.translate({"code": " -1121 ", "msg": msg}) == expected
    assert cat.translate({"code": ErrorCode.BAD_SYMBOL, "msg": msg}) == expected
    if cat.match({"code": -1, "msg": msg}) is None:
        assert cat.translate({"code": -1, "msg": msg}) == msg


# -- 3. round trip over every template ----------------------------------------------


@st.composite
def server_texts(draw: st.DrawFn, template: catalogue.registry.Template) -> tuple[str, list[str]]:
    """*template* filled as the server writes it: ``%d`` may keep leading zeros."""
    tokens = tokenize(template.msgid)
    values: list[str] = []
    for token in tokens:
        if not isinstance(token, Placeholder):
            continue
        if token.type == "d":
            digits = str(draw(st.integers(0, 10**17))).rjust(draw(st.integers(1, 19)), "0")
            values.append(("-" if draw(st.booleans()) else "") + digits)
        elif token.type == "b":
            values.append(draw(st.sampled_from(["true", "false"])))
        else:
            values.append(draw(st.text(alphabet=SAFE, max_size=12)))
    return fill(template.msgid, values), values


def shown_as_sent(template: catalogue.registry.Template) -> list[bool]:
    """For each parameter: whether it is shown as sent (not a time or a vocabulary word)."""
    kinds = template.values or ("",) * len(template.signature)
    return [k == "" and s != "b" for k, s in zip(kinds, template.signature, strict=True)]


def splits_leftmost(template: catalogue.registry.Template, values: list[str]) -> bool:
    """Whether the documented leftmost split of the filled text recovers *values*.

    (A value holding the next literal, or a last value ending in a full stop or white
    space, is documented to split otherwise.)
    """
    tokens = tokenize(template.msgid)
    literals = [""]
    for token in tokens:
        if isinstance(token, Placeholder):
            literals.append("")
        else:
            literals[-1] += token
    text = fill(template.msgid, values)
    pos, end = len(literals[0]), len(text) - len(literals[-1])
    for literal, value in zip(literals[1:-1], values, strict=False):
        if text.find(literal, pos, end) != pos + len(value):
            return False
        pos += len(value) + len(literal)
    last = values[-1] if values else ""
    return not (literals[-1] == "" and values and (last != last.rstrip() or last.endswith(".")))


@fuzz(25, HealthCheck.too_slow, HealthCheck.data_too_large)
@given(st.data())
def test_every_template_round_trips(data):
    cat = fresh()
    for t in TEMPLATES:
        text, values = data.draw(server_texts(t), label=f"{t.code} {t.msgid}")
        if not splits_leftmost(t, values):
            continue
        payload, market = {"code": t.code, "msg": text}, MARKET_OF[id(t)]
        m = cat.match(payload, market=market)
        assert m is not None
        assert (m.code, m.owner, m.msgid, m.variant) == (t.code, t.code, t.msgid, t.variant)
        assert m.values == tuple(values), "values must be the server's exact substrings"
        assert m.kind is (MatchKind.TEMPLATE if t.signature else MatchKind.EXACT)
        check_match(m, t.code, text)
        en = cat.translate(payload, locale="en", market=market)
        zh = cat.translate(payload, locale="zh_CN", market=market)
        msgstr = PO["zh_CN"].get((t.context, t.msgid)) or t.msgid
        as_sent = shown_as_sent(t)
        if all(as_sent):
            assert en == text
            assert zh == fill(msgstr, values)
        for value, plain in zip(values, as_sent, strict=True):
            if plain:
                assert value in zh, f"{value!r} lost from {zh!r}"


def test_leading_zeros_survive_into_chinese():
    text = "invalid options id: 007"
    m = catalogue.match({"code": -4079, "msg": text})
    assert m is not None
    assert m.values == ("007",)
    assert "007" in catalogue.translate({"code": -4079, "msg": text}, locale="zh_CN")
    ids = {"code": -4115, "msg": "Duplicated clientTranId: 0042"}
    if catalogue.match(ids) is not None and catalogue.match(ids).values:
        assert "0042" in catalogue.translate(ids)


# -- 4. locales ---------------------------------------------------------------------

TAGS = st.one_of(
    st.sampled_from(
        [
            "zh_CN",
            "zh-CN",
            "zh",
            "zh_Hans_CN",
            "zh-Hans",
            "zh_TW",
            "zh-HK",
            "zh_Hant",
            "zh-SG",
            "zh_Hant_MO",
            "en",
            "en_US",
            "en-GB",
            "fr",
            "pt_BR",
            "",
            "*",
            "C",
            "POSIX",
            "en_US.UTF-8",
            "zh_CN@pinyin",
            "i-klingon",
            "x-private",
            "und",
            "sr_Latn_RS",
            "EN",
            "ZH-cn",
            "zh__CN",
            "-",
            "_",
            "zh-",
            "q",
            "ǅ",
            "\x00",
        ]
    ),
    st.from_regex(r"[A-Za-z]{1,8}([-_][A-Za-z0-9]{1,8}){0,3}", fullmatch=True),
    st.text(max_size=12),
)
Q_PARAMS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(lambda q: f"q={q}"),
    st.text(max_size=5).map(lambda s: f"q={s}"),
    st.sampled_from(["q=", "Q=0.5", "q=1e999", "q=-1", "q=nan", "q=0", "q = 0.5", "level=1", ""]),
)
HEADERS = st.lists(st.tuples(TAGS, st.lists(Q_PARAMS, max_size=2)), min_size=1, max_size=6).map(
    lambda parts: ", ".join(";".join([tag, *qs]) for tag, qs in parts)
)
BABEL_LOCALES = [
    babel.Locale.parse(name)
    for name in ["zh_Hans_CN", "zh_Hant_TW", "zh", "en", "en_GB", "fr_CH", "ja", "de", "ar_EG"]
]
LOCALES_ANY = st.one_of(
    st.none(),
    TAGS,
    HEADERS,
    st.sampled_from(BABEL_LOCALES),
    st.integers(-(10**30), 10**30),
    st.sampled_from([BIG, 1.5, b"zh_CN", ["zh_CN"], ("zh", "CN"), {"zh": 1}, object(), True]),
    st.text(min_size=300, max_size=400),
)


@fuzz(400, HealthCheck.too_slow)
@given(LOCALES_ANY)
def test_any_locale_negotiates_to_a_shipped_one(locale):
    readable = locale is None or isinstance(locale, str | babel.Locale)
    payload = {"code": -1121, "msg": "Invalid symbol."}
    found = attempt(lambda: negotiate_locale(locale), LocaleError)
    if isinstance(found, LocaleError):
        assert not readable
        assert found.locale is locale
        with pytest.raises(LocaleError):
            catalogue.translate(payload, locale=locale)
        return
    assert readable
    assert found in SHIPPED
    assert negotiate_locale(locale, SHIPPED) == found
    for p in (payload, {"code": -4028, "msg": "Leverage 007 is not valid"}):
        assert catalogue.translate(p, locale=locale) == catalogue.translate(p, locale=found)


@fuzz(200)
@given(
    st.lists(
        st.sampled_from(["en", "en-US", "zh-CN", "zh", "zh-TW", "fr", "de-CH", "ja", "xx"]),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    st.lists(st.integers(1, 1000), min_size=5, max_size=5, unique=True),
    st.booleans(),
)
def test_accept_language_takes_the_best_weighted_language_we_have(tags, weights, spaces):
    sep = ", " if spaces else ","
    header = sep.join(f"{tag};q={w / 1000:.3f}" for tag, w in zip(tags, weights, strict=False))
    ranked = sorted(zip(tags, weights, strict=False), key=lambda tw: -tw[1])
    want = next(
        ("zh_CN" if tag[:2] == "zh" else "en" for tag, _ in ranked if tag[:2] in ("zh", "en")),
        "en",  # readable, but nothing we have: English
    )
    assert negotiate_locale(header, ("en", "zh_CN")) == want


BAN = (
    "Way too many requests; IP banned until %s. "
    "Please use the websocket for live updates to avoid bans."
)
ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Etc/GMT+12", "Etc/GMT-14", "Europe/London"]


def zone_ok(tz: object) -> bool:
    """Whether *tz* names a time zone, by the standard library's own lookup."""
    if tz is None or isinstance(tz, dt.tzinfo):
        return True
    if not isinstance(tz, str):
        return False
    try:
        zoneinfo.ZoneInfo(tz)
    except Exception:
        return False
    return True


@fuzz(300, HealthCheck.too_slow)
@given(
    st.one_of(
        st.integers(0, 253_402_214_400_000),  # up to the last day a datetime holds
        st.integers(-(10**16), 10**20),
    ).map(str)
    | st.text(alphabet="0123456789.-eE", max_size=22),
    st.one_of(
        st.none(),
        st.sampled_from(ZONES),
        st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=-5)), "", "../etc"]),
        st.text(max_size=12),
        st.integers(),
        st.sampled_from([object(), 1.5, b"UTC", ["UTC"]]),
    ),
    st.sampled_from(["zh_CN", "en", None]),
)
def test_ban_times_render_in_any_time_zone(millis, tz, locale):
    payload = {"code": -1003, "msg": BAN % millis}
    plausible = re.fullmatch(r"[0-9]{1,15}", millis) and int(millis) <= 253_402_214_400_000
    if not plausible:
        assume(not (re.fullmatch(r"-?[0-9]+", millis) and len(millis.lstrip("-")) >= 15))
    text = attempt(lambda: catalogue.translate(payload, locale=locale, tz=tz), LocaleError)
    if isinstance(text, LocaleError):
        assert not zone_ok(tz), text
        assert text.locale is tz
        return
    # A zone is looked up only for a time to show: a bad one may pass unnoticed.
    assert isinstance(text, str)
    if not plausible:
        assert millis in text, "a value that is no time was lost"


@pytest.mark.parametrize(
    ("millis", "tz"),
    [
        pytest.param("253402300800000", "UTC", id="year-10000"),
        pytest.param("999999999999999", "UTC", id="15-digits"),
        pytest.param("253402300799999", "Etc/GMT-14", id="last-ms-east-of-utc"),
    ],
)
def test_ban_time_out_of_range_is_shown_as_sent(millis, tz):
    text = catalogue.translate({"code": -1003, "msg": BAN % millis}, tz=tz)
    assert millis in text


# -- 5. render() ------------------------------------------------------------------

RENDER_PARAM = st.one_of(
    st.text(max_size=8),
    st.integers(),
    st.sampled_from([BIG, -BIG, 10**19, True, False]),
    st.booleans(),
    st.floats(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.sampled_from(list(ErrorCode)[:5]),
)
RENDER_PARAMS = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=8),
    st.lists(RENDER_PARAM, max_size=3),
    st.lists(RENDER_PARAM, max_size=3).map(tuple),
    st.sampled_from([b"x", {"a": 1}, {1, 2}, range(2), iter(["1"])]),
)
RENDER_CODES = st.one_of(
    st.sampled_from(CODES),
    st.sampled_from(list(ErrorCode)),
    st.integers(),
    st.sampled_from([BIG, -BIG, True, False, None, -4028.0, "-4028", " -4028 ", b"-4028"]),
    st.floats(),
    st.text(max_size=6),
)
VARIANTS = st.one_of(
    st.none(),
    st.integers(-3, 6),
    st.integers(),
    st.sampled_from([BIG, True, False, 0.0, "0", ErrorCode.UNKNOWN]),
)


@fuzz(600, HealthCheck.too_slow)
@given(RENDER_CODES, RENDER_PARAMS, st.sampled_from(["zh_CN", "en", None, "fr"]), VARIANTS)
def test_render_returns_text_or_a_documented_error(code, params, locale, variant):
    known = type(code) in (int, ErrorCode) and code in CODES
    text = attempt(
        lambda: catalogue.render(code, params, locale, variant=variant),
        CodeError,
        PlaceholderError,
        IndexError,
    )
    if isinstance(text, CodeError):
        assert text.code is code or text.code == code
        assert not known
    elif isinstance(text, PlaceholderError):
        assert known
    elif isinstance(text, IndexError):  # not a CodeError: caught above
        assert variant is not None
        assert known
    else:
        assert isinstance(text, str)
        assert known
        assert isinstance(params, list | tuple)


@fuzz(300, HealthCheck.too_slow)
@given(st.sampled_from(TEMPLATES).flatmap(lambda t: st.tuples(st.just(t), param_values(t))))
def test_render_of_a_variant_is_what_the_server_sends(case):
    template, params = case
    code, variant = template.code, template.variant
    as_text = [to_text(p, k) for p, k in zip(params, template.signature, strict=True)]
    assume(splits_leftmost(template, as_text))
    market = MARKET_OF[id(template)]
    english = catalogue.render(code, list(params), "en", variant=variant, market=market)
    assert english == format_template(template.msgid, params)
    if market == REGISTRY.market:
        code = ErrorCode(code)
    zh = catalogue.render(code, params, "zh_CN", variant=variant, market=market)
    payload = {"code": code, "msg": english}
    assert zh == catalogue.translate(payload, locale="zh_CN", market=market) or (
        # The text may fit a more specific template of the code: a different message.
        catalogue.match(payload, market=market).msgid != template.msgid
    )


def test_render_refuses_a_str_as_params():
    with pytest.raises(PlaceholderError):
        catalogue.render(-4028, "x")
    with pytest.raises(PlaceholderError):
        catalogue.render(-4028, b"x")


def _deep(depth: int = 50_000) -> list[object]:
    nested: list[object] = []
    for _ in range(depth):
        nested = [nested]
    return nested


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        pytest.param(lambda: catalogue.render(HUGE), CodeError, id="render-huge-code"),
        pytest.param(
            lambda: catalogue.render(-4028, HUGE), PlaceholderError, id="render-huge-params"
        ),
        pytest.param(
            lambda: catalogue.render(-4028, ["1", "2", HUGE]),
            PlaceholderError,
            id="render-huge-param-no-template",
        ),
        pytest.param(
            lambda: catalogue.render(-4020, ["LIMIT", HUGE], variant=0),
            PlaceholderError,
            id="render-huge-param-variant",
        ),
        pytest.param(
            lambda: catalogue.render(-4028, ["1"], variant=HUGE),
            IndexError,
            id="render-huge-variant",
        ),
        pytest.param(
            lambda: catalogue.render(-4028, [_deep()]), PlaceholderError, id="render-deep-param"
        ),
        pytest.param(
            lambda: catalogue.render(-4028, {"a": _deep()}),
            PlaceholderError,
            id="render-deep-params",
        ),
        pytest.param(
            lambda: catalogue.translate({"code": -1121, "msg": "Invalid symbol."}, locale=HUGE),
            LocaleError,
            id="translate-huge-locale",
        ),
        pytest.param(
            lambda: catalogue.translate({"code": -1121, "msg": "x"}, locale=_deep()),
            LocaleError,
            id="translate-deep-locale",
        ),
    ],
)
def test_huge_or_deep_input_raises_the_documented_error(call, expected):
    with pytest.raises(expected):
        call()


# -- 6. files ------------------------------------------------------------------------


ENTRY = (b"-4028\x04Leverage `%s` is not valid", "杠杆`%s`不正确".encode())


@st.composite
def corrupt_mo(draw: st.DrawFn) -> tuple[str, bytes]:
    """``(how, data)``: ``how`` says whether the file must be refused."""
    kind = draw(st.sampled_from(["random", "truncated", "flipped", "table", "header", "charset"]))
    if kind == "random":
        return "must fail", draw(st.binary(max_size=300))
    if kind == "truncated":
        return "must fail", REAL_MO[: draw(st.integers(0, len(REAL_MO) - 1))]
    if kind in ("flipped", "table"):
        # "table": in the header and the two tables of where each string is, which
        # decide whether the file has the layout the fast reader takes.
        data = bytearray(REAL_MO)
        count = struct.unpack_from("<I", data, 8)[0]
        last = len(data) - 1 if kind == "flipped" else 28 + 16 * count - 1
        for _ in range(draw(st.integers(1, 4))):
            data[draw(st.integers(0, last))] = draw(st.integers(0, 255))
        return "may load", bytes(data)
    if kind == "charset":
        charset = draw(st.sampled_from(["bogus-charset", "rot13", "base64", "", "x" * 300]))
        header = f"Content-Type: text/plain; charset={charset}\n".encode()
        return "must fail", build_mo([(b"", header), ENTRY])
    lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(
                    [
                        b"Content-Type: text/plain; charset=UTF-8",
                        b"Content-Type: text/plain",
                        b"Plural-Forms: nplurals=1; plural=0;",
                        b"Plural-Forms: nplurals=2",
                        b"Plural-Forms: nplurals=2; plural=(n>1;",
                        b"Plural-Forms: nplurals=2; plural=" + b"(" * 30 + b"n" + b")" * 30 + b";",
                        b"Plural-Forms: nplurals=2; plural=n ? : 1;",
                        b"Language: \xff",
                        b"Content-Type: text/plain; charset=utf-16",
                        b"Content-Type: text/plain; charset=latin-1",
                    ]
                ),
                st.from_regex(rb"Plural-Forms: nplurals=2; plural=[n0-9()?:!<>=&|%+*/ -]{0,12};"),
                st.binary(max_size=20).filter(lambda b: b"\n" not in b),
            ),
            max_size=4,
        )
    )
    return "may load", build_mo([(b"", b"\n".join(lines) + b"\n"), ENTRY])


def try_load(how: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = catalogue_path(tmp, "zh_CN", "errors")
        os.makedirs(os.path.dirname(path))
        Path(path).write_bytes(data)
        cat = attempt(lambda: Catalogue.load(tmp), CatalogueFileError)
        if isinstance(cat, CatalogueFileError):
            assert cat.path == path
            assert path in str(cat)
            assert isinstance(gettext_reads(data), Exception), "gettext reads it"
            return
        assert isinstance(cat, Catalogue)
        assert how == "may load", f"{len(data)} corrupt bytes loaded"
        # What loads holds what the standard library reads from the same bytes.
        assert_read_as_gettext_reads(cat.translations("zh_CN"), data)
        # A catalogue that loads works: at worst a garbled entry shows English.
        for payload in ({"code": -1121, "msg": "Invalid symbol."}, {"code": -1, "msg": "x"}):
            assert isinstance(cat.translate(payload), str)
        assert isinstance(cat.render(-4028, ["7"]), str)


@fuzz(250, HealthCheck.too_slow)
@given(corrupt_mo())
def test_corrupt_mo_raises_catalogue_file_error_naming_it(case):
    how, data = case
    try_load(how, data)


def test_mo_with_unparsable_plural_forms_is_a_catalogue_file_error():
    header = b"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=n*!20;\n"
    try_load("must fail", build_mo([(b"", header), ENTRY]))


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param({"code": float("inf")}, id="code-infinity"),
        pytest.param({"name": ["X"]}, id="name-list"),
        pytest.param(
            {"generic": 5, "messages": [{"msgid": "a %s", "origin": "page"}]}, id="generic-int"
        ),
    ],
)
def test_registry_field_of_the_wrong_type_is_a_catalogue_file_error(entry):
    base = {"code": -9001, "name": "X", "section": "90xx"}
    base["messages"] = [{"msgid": "Plain.", "origin": "page"}]
    try_registry(json.dumps({"codes": [{**base, **entry}]}).encode())


def test_mo_with_a_bogus_charset_is_a_catalogue_file_error():
    header = b"Content-Type: text/plain; charset=bogus-charset\n"
    try_load("must fail", build_mo([(b"", header), ENTRY]))


_registry_files = itertools.count()


def try_registry(content: bytes) -> None:
    # load_registry caches by path: every file gets a name of its own.
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, f"registry-{next(_registry_files)}.json")
        Path(path).write_bytes(content)
        cat = attempt(lambda: Catalogue.load(LOCALES, registry=path), CatalogueFileError)
        if isinstance(cat, CatalogueFileError):
            assert os.path.abspath(path) in str(cat)
            assert cat.path in (path, os.path.abspath(path))
            return
        assert isinstance(cat, Catalogue)
        for code, info in cat.registry.items():
            assert isinstance(cat.translate({"code": code, "msg": "zzz"}), str)
            unknown = {"code": code + 10**12, "msg": "zzz q"}
            if cat.match(unknown) is None:
                assert cat.translate(unknown) == "zzz q"
            for t in info.templates:
                assert isinstance(cat.translate({"code": code, "msg": t.msgid}), str)
                assert isinstance(cat.translate({"msg": t.msgid}, locale="en"), str)
            rendered = attempt(lambda c=code: cat.render(c), PlaceholderError)
            assert isinstance(rendered, str | PlaceholderError)


def fuzz_entry(sane: bool) -> st.SearchStrategy[dict[str, object]]:
    """A registry entry.

    *sane*: any field may be missing or odd, but 'code', 'name' and 'generic' have the
    types the loader is known to check; otherwise only those three are odd, so that an
    entry gets past the fields the loader does check.
    """
    text = st.text(alphabet=SAFE, max_size=12)
    odd = st.one_of(st.none(), st.integers(-5, 5), st.lists(st.integers(), max_size=2), text)
    code = st.one_of(st.integers(-99_999, 99_999), st.sampled_from(CODES), text, st.booleans())
    if not sane:
        message = st.fixed_dictionaries({"msgid": text | FILLED, "origin": text})
        return st.fixed_dictionaries(
            {
                "code": st.floats() | st.integers(-99_999, 99_999),
                "name": text | odd,
                "section": text,
                "messages": st.lists(message, min_size=1, max_size=2),
            },
            optional={"generic": text | odd},
        )
    message = st.fixed_dictionaries(
        {"msgid": st.one_of(text, FILLED, st.just("%s%s"), st.just("")) | odd},
        optional={"origin": text | odd, "values": st.lists(text, max_size=2) | odd},
    )
    return st.fixed_dictionaries(
        {"code": code, "messages": st.lists(message, max_size=3) | odd},
        optional={"name": text, "section": text | odd, "generic": text, "hint": text},
    )


@fuzz(200, HealthCheck.too_slow)
@given(
    st.one_of(
        st.fixed_dictionaries({"codes": st.lists(fuzz_entry(sane=True), max_size=4)}).map(
            lambda d: json.dumps(d).encode()
        ),
        JSONISH.map(lambda v: json.dumps(v).encode()),
        st.binary(max_size=50),
        st.sampled_from([b"[" * 100_000, b'{"codes": ' + b"[" * 50_000, b"", b"\xff{}"]),
        st.just(b'{"codes": [{"code": 1' + b"0" * 5000 + b', "name": "X"}]}'),
    )
)
def test_random_registry_is_a_catalogue_file_error_or_works(content):
    try_registry(content)


@settings(fuzz(100, HealthCheck.too_slow), phases=[Phase.explicit, Phase.generate])  # no shrinking
@given(st.fixed_dictionaries({"codes": st.lists(fuzz_entry(sane=False), max_size=3)}))
def test_registry_with_odd_field_types_is_a_catalogue_file_error(registry):
    try_registry(json.dumps(registry).encode())


# -- 7. CLI streams ------------------------------------------------------------------


@contextlib.contextmanager
def stdio(data: bytes):
    """Run with *data* on a binary-backed stdin; yield the stdout bytes and stderr text."""
    saved = sys.stdin, sys.stdout, sys.stderr
    out = io.BytesIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    sys.stderr = io.StringIO()
    captured: dict[str, object] = {}
    try:
        yield captured
    finally:
        sys.stdout.flush()
        captured["out"] = out.getvalue()
        captured["err"] = sys.stderr.getvalue()
        sys.stdin, sys.stdout, sys.stderr = saved


CLI_MSGS = MSGS.map(lambda s: s.replace("\n", " ")) | st.sampled_from(["", " ", "\r", "\ud800x"])


@st.composite
def stream_lines(draw: st.DrawFn, *, newlines: bool = False) -> list[bytes]:
    msgs = MSGS if newlines else CLI_MSGS
    good = st.fixed_dictionaries({"msg": msgs}, optional={"code": VALID_CODES | st.none()})
    line = st.one_of(
        st.tuples(good, st.booleans()).map(
            lambda g: json.dumps(g[0], ensure_ascii=g[1]).encode("utf-8", "surrogatepass")
        ),
        good.map(lambda g: b"\xef\xbb\xbf" + json.dumps(g).encode()),
        good.map(lambda g: b"  \t" + json.dumps(g).encode() + b" \r"),
        good.map(lambda g: json.dumps(g).encode()[:-1] + b"\xff}"),
        st.binary(max_size=20).map(lambda b: b.replace(b"\n", b"")),
        DICTS.map(dumps_or_null),
        st.sampled_from([b"", b"   ", b"\r", b"\x0c\t", b"null", b"[]", b'{"code": -1121}']),
        st.sampled_from([b'{"msg": "x", "code": ' + b"1" * 5000 + b"}", b"[" * 5000]),
    )
    return draw(st.lists(line, max_size=12))


def dumps_or_null(value: object) -> bytes:
    try:
        return json.dumps(value, default=repr).encode()
    except ValueError:  # an int too long to print
        return b"null"


def join_lines(lines: list[bytes], endings: list[bytes]) -> bytes:
    return b"".join(line + end for line, end in zip(lines, itertools.cycle(endings)))


def check_stream(command: str, lines: list[bytes], data: bytes) -> None:
    ref = fresh()
    want_out: list[str] = []
    bad: list[int] = []
    for lineno, line in enumerate(lines, start=1):
        kind, parsed = classify(line)
        if kind == "blank":
            continue
        if kind == "bad":
            bad.append(lineno)
            continue
        assert parsed is not None
        code, msg = parsed
        if command == "translate":
            text = ref.translate({"code": code, "msg": msg})
        else:
            text = catalogue.__main__.match_json(ref.match({"code": code, "msg": msg}))
        if command == "translate":
            text = text.replace("\r\n", " ").replace("\n", " ")  # one line per line
        if encodable(text):
            want_out.append(text)
        else:
            bad.append(lineno)
    with stdio(data) as io_:
        status = main([command, "-"])
    out = io_["out"].decode("utf-8").split("\n")  # type: ignore[union-attr]
    assert out.pop() == ""
    assert out == want_out, "a good line's output was lost, split or changed"
    errors = io_["err"].splitlines()  # type: ignore[union-attr]
    assert [int(re.match(r"line (\d+): ", e).group(1)) for e in errors] == bad  # type: ignore[union-attr]
    assert status == (1 if bad else 0)
    if command == "match":
        for text in out:
            m = json.loads(text)
            assert m is None or isinstance(m["raw"], str)


@fuzz(60, HealthCheck.too_slow, HealthCheck.data_too_large)
@given(stream_lines(), st.sampled_from([[b"\n"], [b"\r\n"], [b"\n", b"\r\n"]]))
def test_cli_translate_stream(lines, endings):
    check_stream("translate", lines, join_lines(lines, endings))


@fuzz(60, HealthCheck.too_slow, HealthCheck.data_too_large)
@given(stream_lines(newlines=True), st.sampled_from([[b"\n"], [b"\r\n", b"\n"]]))
def test_cli_match_stream(lines, endings):
    check_stream("match", lines, join_lines(lines, endings))


def test_cli_translate_keeps_one_output_line_per_input_line():
    data = b'{"code": 1, "msg": "a\\nb"}\n{"code": -1121, "msg": "Invalid symbol."}\n'
    with stdio(data) as io_:
        assert main(["translate", "-"]) == 0
    out = io_["out"].decode().split("\n")  # type: ignore[union-attr]
    assert len(out) == 3, out  # two lines in, two out (and the final newline)
    assert out[1] == "无效的交易对。"


def harvest_context(code: int | None) -> str | None:
    """The msgctxt a harvested miss gets: its code's one entry's context (``spot:-1013``),
    or the code itself where no entry or entries of different meanings have it."""
    if code is None:
        return None
    infos = {}
    for market in REGISTRY.markets:
        info = REGISTRY.in_market(market).get(code)
        if info is not None:
            infos[id(info)] = info
    return next(iter(infos.values())).context if len(infos) == 1 else str(code)


def check_harvest(lines: list[bytes], data: bytes) -> None:
    ref = fresh()
    misses: Counter[tuple[int | None, str]] = Counter()
    bad = []
    for lineno, line in enumerate(lines, start=1):
        kind, parsed = classify(line)
        if kind == "blank":
            continue
        if kind == "bad" or not encodable(parsed[1]):  # type: ignore[index]
            bad.append(lineno)
            continue
        code, msg = parsed  # type: ignore[misc]
        m = ref.match({"code": code, "msg": msg})
        if m is None or m.kind is MatchKind.CODE_ONLY:
            misses[code, msg] += 1
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "new.pot")
        with stdio(data) as io_:
            status = main(["harvest", "-", "-o", pot])
        assert io_["out"] == b""
        errors = io_["err"].splitlines()  # type: ignore[union-attr]
        assert errors.pop() == f"{len(misses)} unmatched message(s)"
        assert [int(re.match(r"line (\d+): ", e).group(1)) for e in errors] == bad  # type: ignore[union-attr]
        assert status == (1 if bad else 0)
        with open(pot, "rb") as fp:
            catalog = read_po(fp)
        text = Path(pot).read_text(encoding="utf-8")
    found = {(m.context, m.id): m for m in catalog if m.id}
    want = {(harvest_context(c), t): n for (c, t), n in misses.items() if t}
    assert set(found) == set(want), "a distinct miss is missing from the .pot"
    for key, count in want.items():
        seen = "once" if count == 1 else f"{count} times"
        assert " ".join(found[key].auto_comments).endswith(f"seen {seen}")
    for (code, msg), count in misses.items():
        if not msg:
            assert f"# An empty message, code {code}: seen {count} time(s)." in text


@fuzz(60, HealthCheck.too_slow, HealthCheck.data_too_large)
@given(stream_lines(newlines=True), st.sampled_from([[b"\n"], [b"\r\n", b"\n"]]))
def test_cli_harvest_counts_every_distinct_miss(lines, endings):
    check_harvest(lines, join_lines(lines, endings))


def test_cli_harvest_empty_messages_with_and_without_a_code():
    lines = [b'{"msg": ""}', b'{"code": 5, "msg": ""}']
    check_harvest(lines, join_lines(lines, [b"\n"]))


# -- 8. bounded work ---------------------------------------------------------------


def test_padded_codes_keep_the_caches_bounded():
    cat = fresh()
    calls = 5_000
    padding = [0, 1, 7, 100, 1_000, 4_999]
    cat.translate({"code": -1121, "msg": "Invalid symbol."})  # load everything first
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for i in range(calls):
            pad = " " * padding[i % len(padding)]
            code = f"{pad}-1121{pad}"[:10_000]
            msg = "Invalid symbol." if i % 2 else f"no such thing: q{i}q"
            text = cat.translate({"code": code, "msg": msg}, locale="zh_CN")
            assert text.startswith("无效的交易对。")
            info = cat.cache_info()
            assert info[0] <= catalogue.formatter.CACHE_SIZE
            assert info[1] <= catalogue.formatter.CACHE_SIZE
        header = "fr;q=0.1, " * 1_000 + "zh-CN"
        for i in range(200):  # long headers are negotiated, not cached
            assert cat.translate({"code": -1121, "msg": f"m{i}"}, locale=header).startswith(
                "无效的交易对。"
            )
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    grown = sum(s.size_diff for s in after.compare_to(before, "filename"))
    assert grown < 20 * 2**20, f"{grown} bytes kept for {calls} calls"
    assert cat.cache_info()[0] <= catalogue.formatter.CACHE_SIZE
    # The cache keys on the parsed code: the padding does not make entries of its own.
    assert cat.cache_info()[0] <= calls // 2 + 1 + 200


class _Code(enum.IntEnum):
    BAD_SYMBOL = -1121


def test_foreign_intenum_code_is_the_same_code():
    payload = {"code": _Code.BAD_SYMBOL, "msg": "Invalid symbol."}
    assert catalogue.translate(payload) == "无效的交易对。"
    assert catalogue.match(payload).code == -1121
