"""Values people can read: times in a time zone, vocabulary words in the locale."""

import datetime as dt
import gettext

import polib
import pytest
from babel.dates import format_datetime
from conftest import po_file

from catalogue import Catalogue, LocaleError, render, translate
from catalogue.values import (
    format_time,
    localize_values,
    moment,
    values_in,
    vocabulary_words,
    zone,
)

BAN = (
    "Way too many requests; IP(1.2.3.4) banned until 1732406400000. "
    "Please use the websocket for live updates to avoid bans."
)
BAN_MSGID = (
    "Way too many requests; IP(%s) banned until %s. "
    "Please use the websocket for live updates to avoid bans."
)
UTC = dt.timezone.utc
MOMENT = dt.datetime(2024, 11, 24, tzinfo=UTC)


def _po(locale):
    path = po_file(locale)
    return {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(path))}


ZH = _po("zh_CN")


def _babel_time(tz, locale="zh_CN", offset="UTC"):
    """The date-time as Babel writes it (the expectation does not come from our code)."""
    return f"{format_datetime(MOMENT, 'medium', tzinfo=tz, locale=locale)} ({offset})"


def test_ban_time_renders_as_a_date_time_in_the_zone_issue10():
    shanghai = zone("Asia/Shanghai")
    expected = ZH["-1003", BAN_MSGID].replace("%s", "1.2.3.4", 1)
    expected = expected.replace("%s", _babel_time(shanghai, offset="UTC+8"), 1)
    got = translate({"code": -1003, "msg": BAN}, locale="zh_CN", tz="Asia/Shanghai")
    assert got == expected
    assert translate({"code": -1003, "msg": BAN}, locale="zh_CN", tz=shanghai) == expected
    default = translate({"code": -1003, "msg": BAN}, locale="zh_CN")
    assert _babel_time(UTC) in default


def test_raw_values_keep_the_servers_words():
    got = translate({"code": -1003, "msg": BAN}, locale="zh_CN", raw_values=True)
    assert "1732406400000" in got
    assert translate({"code": -1003, "msg": BAN}, locale="en", raw_values=True) == BAN


@pytest.mark.parametrize(
    ("payload", "msgid", "words"),
    [
        pytest.param(
            {
                "code": -4020,
                "msg": "Target strategy invalid for orderType 'LIMIT',reduceOnly 'true'.",
            },
            "Target strategy invalid for orderType '%s',reduceOnly '%b'.",
            [("value:order_type", "LIMIT"), ("value:bool", "true")],
            id="order-type-and-bool",
        ),
        pytest.param(
            {"code": -1015, "msg": "Too many new orders; current limit is 1200 orders per MINUTE."},
            "Too many new orders; current limit is %s orders per %s.",
            [(None, "1200"), ("value:interval", "MINUTE")],
            id="interval",
        ),
    ],
)
def test_vocabulary_values_render_as_the_locales_words_issue10(payload, msgid, words):
    expected = ZH[str(payload["code"]), msgid]
    for context, value in words:
        word = ZH[context, value] if context else value
        expected = expected.replace("%s" if "%s" in expected.split("%b")[0] else "%b", word, 1)
    assert translate(payload, locale="zh_CN") == expected
    assert translate(payload, locale="en") == payload["msg"]  # English names them as sent


def test_unknown_vocabulary_word_stays_as_sent():
    msg = "Target strategy invalid for orderType 'BRAND_NEW',reduceOnly 'false'."
    assert "BRAND_NEW" in translate({"code": -4020, "msg": msg}, locale="zh_CN")


def test_render_takes_tz_and_hint_too():
    text = render(-1003, ["1.2.3.4", "1732406400000"], "zh_CN", variant=3, tz="Asia/Shanghai")
    assert _babel_time(zone("Asia/Shanghai"), offset="UTC+8") in text
    hint = ZH["-2022", Catalogue.load().registry[-2022].hint]
    assert render(-2022, (), "zh_CN", hint=True).endswith(hint)
    assert not render(-2022, (), "zh_CN").endswith(hint)


def test_hint_follows_the_message_issue10():
    cat = Catalogue.load()
    info = cat.registry[-2022]
    payload = {"code": -2022, "msg": "ReduceOnly Order is rejected."}
    assert (
        translate(payload, hint=True)
        == ZH["-2022", info.templates[0].msgid] + ZH["-2022", info.hint]
    )
    assert translate(payload, hint=True, locale="en") == f"{info.templates[0].msgid} {info.hint}"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "Strategy invalid for orderType TRAILING_STOP_MARKET,closePosition true",
            ["TRAILING_STOP_MARKET"],
        ),
        (
            "See docs/RATE_LIMIT_FIX_CONFIG.md, pair BTC/USDT.",
            ["RATE_LIMIT_FIX_CONFIG", "BTC/USDT"],
        ),
        ("symbol:BTCUSDT.Please retry at 00:00:01", ["BTCUSDT", "00:00:01"]),
        ("价格100无效", ["100"]),
        ("Request from ip 16x.154.243.147 is blocked.", ["16x.154.243.147"]),
        (
            "Request from ip 2001:db8:85a3::8a2e:370:7334 is blocked.",
            ["2001:db8:85a3::8a2e:370:7334"],
        ),
        (
            "See https://fapi.binance.com/fapi/v1/order now.",
            ["https://fapi.binance.com/fapi/v1/order"],
        ),
        ("Price \uff11\uff12\uff13 is invalid.", ["\uff11\uff12\uff13"]),
        ("Available balance:-12.5", ["-12.5"]),
        # Two values, or a word and a value, that meet at a mark stay apart.
        ("leverage for BTCUSDT:20 is not valid", ["BTCUSDT", "20"]),
        ("The order 100:BTCUSDT failed", ["100", "BTCUSDT"]),
        ("Available balance:12.5, Fee:100", ["12.5", "100"]),
        ("stopPrice:100,price:200", ["100", "200"]),
        ("Timestamp 1732406400000.Please sync your clock", ["1732406400000"]),
        ("Order amount 0.001:price 100.Volume 5.", ["0.001", "100", "5"]),
        ("request ip: 2a01:4f8:c0c:abcd::1 at 12:30:00.", ["2a01:4f8:c0c:abcd::1", "12:30:00"]),
        ("request ip:fe80::1ff:fe23:4567:890a.Please retry", ["fe80::1ff:fe23:4567:890a"]),
        ("ip 2001:db8:85a3::8a2e:370:7334,please check", ["2001:db8:85a3::8a2e:370:7334"]),
        ("Request from ip 16x.154.xx.147", ["16x.154.xx.147"]),
        ("Leverage for BTCUSD_250627:125 is not valid", ["BTCUSD_250627", "125"]),
        ("Invalid symbols: BTCUSD_250627,1000PEPEUSDT", ["BTCUSD_250627", "1000PEPEUSDT"]),
        ("ADA:12:30 is closed, 0.001::1e-5", ["12:30", "0.001", "1e-5"]),
        # Numbers the server lists with commas are kept as it wrote them.
        ("Valid limits are 5,10,20,50,100,500,1000", ["5,10,20,50,100,500,1000"]),
        (
            "Visit https://www.binance.com/en/terms,1732406400000",
            ["https://www.binance.com/en/terms", "1732406400000"],
        ),
        ("see [wss://fstream.binance.com:9443/ws]", ["wss://fstream.binance.com:9443/ws"]),
        (
            "Visit https://www.binance.com/zh-CN/support\u4e86\u89e3",
            ["https://www.binance.com/zh-CN/support"],
        ),
        ("Nothing here, re-enter it.", []),
    ],
)
def test_values_in_finds_each_value_whole(text, values):
    assert values_in(text) == values


def test_bad_time_zone_is_a_locale_error_naming_it():
    with pytest.raises(LocaleError, match="unknown time zone 'Mars/Olympus'"):
        translate({"code": -1003, "msg": BAN}, tz="Mars/Olympus")
    with pytest.raises(LocaleError, match="a time zone must be"):
        zone(8)


def test_a_cache_hit_with_a_tz_checks_nothing_again(monkeypatch):
    from catalogue import values

    cat = Catalogue.load()
    checked = []
    real = values.zone
    monkeypatch.setattr(values, "zone", lambda tz: checked.append(tz) or real(tz))
    for _ in range(3):
        cat.translate({"code": -1003, "msg": BAN}, tz="Asia/Shanghai")
        cat.translate('{"code": -1121, "msg": "Invalid symbol."}', tz="Asia/Shanghai")
    assert checked.count("Asia/Shanghai") == 2 + 1  # two misses, and the ban time's own render


def test_moment_out_of_range_is_a_locale_error():
    assert moment(1732406400000) == MOMENT
    with pytest.raises(LocaleError, match="not a time a datetime can hold"):
        moment(10**17)


def test_format_time_matches_babel():
    assert format_time(MOMENT, "en", "UTC") == _babel_time(UTC, "en")


def test_localize_values_leaves_what_it_does_not_know():
    t = gettext.NullTranslations()
    assert localize_values(["x", "123456789012345678"], ["", "time"], t, "en") == [
        "x",
        "123456789012345678",
    ]


@pytest.mark.parametrize("locale", Catalogue.load().locales)
def test_the_word_table_answers_as_gettext_does(locale):
    # The render path reads vocabulary words from a table made once per locale; it
    # must say what a lookup of each value in the catalogue says.
    cat = Catalogue.load()
    translations = cat.translations(locale)
    words = vocabulary_words(cat.registry.vocabularies, translations)
    for kind, vocabulary in cat.registry.vocabularies.items():
        for word in vocabulary:
            for value in (word, word.upper(), word.lower(), word.title(), f"{word}X", ""):
                table = localize_values([value], [kind], translations, locale, words=words)
                assert table == localize_values([value], [kind], translations, locale), (
                    kind,
                    value,
                )


def test_a_catalogue_laid_over_ours_translates_words_the_registry_lacks(tmp_path):
    # The word table serves the registry's words; any other value is still looked up,
    # so a user's catalogue may name an order type Binance adds later, or "True".
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from catalogue.locales import locales_dir

    mo = po_file("zh_CN", "errors", "mo", tmp_path)
    mo.parent.mkdir(parents=True)
    catalog = Catalog(locale="zh_CN")
    catalog.add("OTO", "一单触发另一单", context="value:order_type")
    catalog.add("True", "真", context="value:bool")
    with mo.open("wb") as fp:
        write_mo(fp, catalog)
    cat = Catalogue.load(tmp_path, locales_dir())
    msg = "Target strategy invalid for orderType 'OTO',reduceOnly 'True'."
    text = cat.translate({"code": -4020, "msg": msg}, locale="zh_CN")
    assert "一单触发另一单" in text
    assert "真" in text
    assert "LIMIT" not in cat.translate(
        {"code": -4020, "msg": msg.replace("OTO", "LIMIT")}, locale="zh_CN"
    )
