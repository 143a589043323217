import datetime as dt
import json
import re
import subprocess
import sys
import threading
from html.parser import HTMLParser

import jinja2
import polib
import pytest
from conftest import LOCALES, ROOT, po_file

from catalogue import CatalogueError, PayloadError
from catalogue.locales import available_locales
from catalogue.notify import (
    RESERVED,
    TEMPLATES,
    TemplateNotFoundError,
    available,
    banned_until,
    environment,
    example_context,
    render_notification,
)

DATA = ROOT / "tests" / "data" / "notify"
NAMES = ("api_key_problem", "generic_error", "margin_call", "order_rejected", "rate_limited")
LOCALE_NAMES = ("en", "zh_CN")  # the locales the tables below spell out
#: Every shipped locale of the messages domain, for the tests that need no table.
SHIPPED = available_locales(LOCALES, "messages")
UTC = dt.timezone.utc
NNBSP = "\u202f"  # CLDR puts a narrow no-break space before AM/PM


def _po(domain, locale="zh_CN"):
    return polib.pofile(str(po_file(locale, domain)))


#: zh_CN msgstr of the errors domain, by (msgctxt, msgid): what the error filter must give.
ERRORS_ZH = {(e.msgctxt, e.msgid): e.msgstr for e in _po("errors")}


def _error_zh(code, template, *params):
    """The .po's Chinese for one error template, its %s filled by hand."""
    text = ERRORS_ZH[str(code), template]
    for value in params:
        text = text.replace("%s", value, 1)
    return text


# -- the notifications as the translators wrote them -----------------------------------

FOOTER = {
    "en": "This is an automated notification. Please do not reply to this message.",
    "zh_CN": "此为系统自动发送的通知，请勿直接回复。",
}
TIME_UTC = {
    "en": f"Nov 24, 2024, 12:00:00{NNBSP}AM (UTC)",
    "zh_CN": "2024年11月24日 00:00:00 (UTC)",
}
TIME_SHANGHAI = {
    "en": f"Nov 24, 2024, 8:00:00{NNBSP}AM (UTC+8)",
    "zh_CN": "2024年11月24日 08:00:00 (UTC+8)",
}
API_KEY_MSG = "Invalid API-key, IP, or permissions for action, request ip: %s"
BAN_MSG = (
    "Way too many requests; IP(%s) banned until %s."
    " Please use the websocket for live updates to avoid bans."
)
LIMIT_MSG = (
    "Too many requests; current limit is %s requests per minute."
    " Please use the websocket for live updates to avoid polling the API."
)
UNKNOWN_MSG = "An unknown error occured while processing the request."

#: (name, locale) -> (whole sentences, "label: value" rows) of the example context, in UTC.
#: A row is one line of the .txt, and a <th>/<td> pair of the .html.
EXPECTED = {
    ("order_rejected", "en"): (
        [
            "Order rejected: BTCUSDT",
            "Your BTCUSDT futures order was rejected by the exchange.",
            "The order was not placed and your positions are unchanged. "
            "Check the order and try again.",
        ],
        [
            "Symbol: BTCUSDT",
            "Side: Buy",
            "Type: Limit",
            "Quantity: 0.015",
            "Price: 96,500.5",
            f"Time: {TIME_UTC['en']}",
            "Reason: Margin is insufficient.",
            "Error code: -2019",
        ],
    ),
    ("order_rejected", "zh_CN"): (
        [
            "订单被拒绝：BTCUSDT",
            "您的BTCUSDT合约订单已被交易所拒绝。",
            "该订单未能成功提交，您的仓位未受影响。请检查订单信息后重试。",
        ],
        [
            "交易对：BTCUSDT",
            "方向：买入",
            "订单类型：限价单",
            "数量：0.015",
            "价格：96,500.5",
            f"时间：{TIME_UTC['zh_CN']}",
            "原因：" + _error_zh(-2019, "Margin is insufficient."),
            "错误代码：-2019",
        ],
    ),
    ("margin_call", "en"): (
        [
            "Margin call: ETHUSDT",
            "The margin ratio of your ETHUSDT position has reached 85.23%.",
            "When the margin ratio reaches 100%, the position will be liquidated and your open "
            "orders on this symbol may be cancelled.",
            "Add margin or reduce the position to lower the risk of liquidation.",
        ],
        ["Margin ratio: 85.23%", "Maintenance margin: 1,234.50 USDT", f"Time: {TIME_UTC['en']}"],
    ),
    ("margin_call", "zh_CN"): (
        [
            "追加保证金通知：ETHUSDT",
            "您的ETHUSDT仓位保证金率已达到85.23%。",
            "当保证金率达到100%时，该仓位将被强平，您在该交易对上的挂单也可能被撤销。",
            "请追加保证金或减少仓位，以降低强平风险。",
        ],
        ["保证金率：85.23%", "维持保证金：1,234.50 USDT", f"时间：{TIME_UTC['zh_CN']}"],
    ),
    ("api_key_problem", "en"): (
        [
            "API key problem",
            "The exchange refused a request made with your API key “Grid bot” (vmPU****Eh8A).",
            "Check that the key has not been deleted or disabled, that its secret key is correct, "
            "that futures trading is enabled for it, and that its IP access restrictions include "
            "this server.",
            "Until the key is fixed, requests made with it will keep failing.",
        ],
        ["Reason: " + API_KEY_MSG % "203.0.113.7", "Error code: -2015"],
    ),
    ("api_key_problem", "zh_CN"): (
        [
            "API密钥异常",
            "交易所拒绝了使用您的API密钥“Grid bot”（vmPU****Eh8A）发出的请求。",
            "请检查该API密钥是否已被删除或禁用、对应的Secret Key是否正确、是否已开启合约交易权限，"
            "以及其IP访问限制是否包含本服务器。",
            "在问题解决之前，使用该API密钥的请求将持续失败。",
        ],
        ["原因：" + _error_zh(-2015, API_KEY_MSG, "203.0.113.7"), "错误代码：-2015"],
    ),
    ("rate_limited", "en"): (
        [
            "API access temporarily banned",
            "Because too many requests were sent, the exchange has banned this IP address from "
            f"the API until {TIME_UTC['en']}.",
            "Please wait 7,200 seconds before sending new requests.",
        ],
        # The ban time in the server's message is shown as a date-time too (issue 10).
        ["Server message: " + BAN_MSG % ("203.0.113.7", TIME_UTC["en"])],
    ),
    ("rate_limited", "zh_CN"): (
        [
            "API访问已被暂时封禁",
            f"由于请求过于频繁，交易所已暂时禁止该IP地址访问API，解封时间为{TIME_UTC['zh_CN']}。",
            "请等待7,200秒后再发送新的请求。",
        ],
        ["服务器消息：" + _error_zh(-1003, BAN_MSG, "203.0.113.7", TIME_UTC["zh_CN"])],
    ),
    ("generic_error", "en"): (
        [
            "Request failed",
            "The exchange could not complete your request.",
            "If the problem persists, contact support and quote the error code above.",
        ],
        ["Reason: " + UNKNOWN_MSG, "Error code: -1000"],
    ),
    ("generic_error", "zh_CN"): (
        [
            "请求失败",
            "交易所未能完成您的请求。",
            "如果问题持续存在，请联系客服并提供上述错误代码。",
        ],
        ["原因：" + _error_zh(-1000, UNKNOWN_MSG), "错误代码：-1000"],
    ),
}


def _split_row(row):
    """'Reason: x' -> ('Reason:', 'x'); '原因：x' -> ('原因：', 'x')."""
    label, sep, value = re.split(r"(: |：)", row, maxsplit=1)
    return label + sep.strip(), value


class _Page(HTMLParser):
    """The tags, text nodes and table rows of an HTML document."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.rows, self.attrs = [], [], [], {}
        self._cells = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.setdefault(tag, dict(attrs))
        if tag == "tr":
            self._cells = []

    def handle_endtag(self, tag):
        if tag == "tr":
            self.rows.append(tuple(self._cells))
            self._cells = None

    def handle_data(self, data):
        if data.strip():
            self.text.append(data.strip())
            if self._cells is not None:
                self._cells.append(data.strip())


# -- every notification, both locales, text and HTML ------------------------------------


def test_available_lists_the_bundled_notifications():
    assert available() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_notification_ships_both_templates_and_an_example(name):
    assert (TEMPLATES / f"{name}.txt").is_file()
    assert (TEMPLATES / f"{name}.html").is_file()
    on_disk = json.loads((TEMPLATES / f"{name}.json").read_text(encoding="utf-8"))
    assert example_context(name) == on_disk
    assert example_context(name) is not example_context(name)  # a fresh dict every time


@pytest.mark.parametrize("locale", LOCALE_NAMES)
@pytest.mark.parametrize("name", NAMES)
def test_text_notification(name, locale):
    text = render_notification(name, locale, context={**example_context(name)})
    sentences, rows = EXPECTED[name, locale]
    lines = text.splitlines()
    assert lines[0] == sentences[0]  # the title
    for expected in [*sentences, *rows]:
        assert expected in lines
    assert lines[-2:] == ["--", FOOTER[locale]]
    assert "\n\n\n" not in text


@pytest.mark.parametrize("locale", LOCALE_NAMES)
@pytest.mark.parametrize("name", NAMES)
def test_html_notification(name, locale):
    html = render_notification(name, locale, html=True, context={**example_context(name)})
    page = _Page(html)
    sentences, rows = EXPECTED[name, locale]
    assert page.attrs["html"] == {"lang": locale.replace("_", "-")}
    assert page.text[:2] == [sentences[0], sentences[0]]  # <title> and <h1>
    for expected in [*sentences, FOOTER[locale]]:
        assert expected in page.text
    assert page.rows == [_split_row(row) for row in rows]


@pytest.mark.parametrize(
    ("name", "locale", "expected"),
    [
        pytest.param("order_rejected", "en", f"Time: {TIME_SHANGHAI['en']}", id="order-en"),
        pytest.param("order_rejected", "zh_CN", f"时间：{TIME_SHANGHAI['zh_CN']}", id="order-zh"),
        pytest.param("margin_call", "zh_CN", f"时间：{TIME_SHANGHAI['zh_CN']}", id="margin-zh"),
        pytest.param(
            "rate_limited",
            "zh_CN",
            f"由于请求过于频繁，交易所已暂时禁止该IP地址访问API，解封时间为{TIME_SHANGHAI['zh_CN']}。",
            id="ban-zh",
        ),
    ],
)
def test_tz_in_the_context_sets_the_clock(name, locale, expected):
    text = render_notification(
        name, locale, context={"tz": "Asia/Shanghai", **example_context(name)}
    )
    assert expected in text.splitlines()


def test_zh_cn_comes_from_messages_mo_not_the_english_fallback():
    po = {(e.msgctxt, e.msgid): e.msgstr for e in _po("messages")}
    text = render_notification(
        "generic_error", "zh-CN", context={"error": {"code": -1121, "msg": "x"}}
    )
    assert text.splitlines()[0] == po[None, "Request failed"] == "请求失败"
    assert po[None, FOOTER["en"]] in text
    for english in ("Request failed", "Reason", "Error code", "contact support", FOOTER["en"]):
        assert english not in text
    env = environment("zh_CN")
    assert env.from_string("{{ 'BUY'|order_side }}").render() == po["order side", "Buy"]


def test_unsupported_locale_falls_back_to_english():
    text = render_notification(
        "generic_error", "pt_BR", context={**example_context("generic_error")}
    )
    assert text.splitlines()[0] == "Request failed"
    assert environment("pt_BR") is environment("en")


# -- filters ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "source", "expected"),
    [
        pytest.param("en", "{{ 0.8523|percent }}", "85.23%", id="percent-en"),
        pytest.param("zh_CN", "{{ 0.8523|percent }}", "85.23%", id="percent-zh"),
        pytest.param("en", "{{ 0.5|percent }}", "50%", id="percent-whole"),
        pytest.param("en", "{{ '0.123456'|percent }}", "12.35%", id="percent-str-rounded"),
        pytest.param("en", "{{ 0.8523|percent(digits=0) }}", "85%", id="percent-digits"),
        pytest.param("en", "{{ 0.8523|percent(format='#,##0.0%') }}", "85.2%", id="percent-fmt"),
        pytest.param("en", "{{ 1234567.891|decimal }}", "1,234,567.891", id="decimal-en"),
        pytest.param("zh_CN", "{{ 1234567.891|decimal }}", "1,234,567.891", id="decimal-zh"),
        pytest.param("en", "{{ '1234567.891'|decimal }}", "1,234,567.891", id="decimal-str"),
        pytest.param("en", "{{ '0.00012'|decimal }}", "0.00012", id="decimal-keeps-digits"),
        pytest.param("en", "{{ 1234567.891|decimal('#,##0.0') }}", "1,234,567.9", id="decimal-fmt"),
        pytest.param("en", "{{ 1234.5|currency('USD') }}", "$1,234.50", id="currency-usd-en"),
        pytest.param("zh_CN", "{{ 1234.5|currency('USD') }}", "US$1,234.50", id="currency-usd-zh"),
        pytest.param("zh_CN", "{{ 1234.5|currency('CNY') }}", "¥1,234.50", id="currency-cny-zh"),
        pytest.param("en", "{{ '1234.5'|currency('USDT') }}", "1,234.50 USDT", id="usdt-en"),
        pytest.param(
            "zh_CN", "{{ 1234567.891|currency('USDT') }}", "1,234,567.891 USDT", id="usdt"
        ),
        pytest.param("en", "{{ '0.00012345'|currency('BTC') }}", "0.00012345 BTC", id="btc"),
        pytest.param("en", "{{ 1732406400000|datetime }}", TIME_UTC["en"], id="dt-en-utc"),
        pytest.param("zh_CN", "{{ 1732406400000|datetime }}", TIME_UTC["zh_CN"], id="dt-zh-utc"),
        pytest.param(
            "en",
            "{{ 1732406400000|datetime(tz='Asia/Shanghai') }}",
            TIME_SHANGHAI["en"],
            id="dt-en-shanghai",
        ),
        pytest.param(
            "zh_CN",
            "{{ 1732406400000|datetime(tz='Asia/Shanghai') }}",
            TIME_SHANGHAI["zh_CN"],
            id="dt-zh-shanghai",
        ),
        pytest.param("zh_CN", "{{ '1732406400000'|datetime }}", TIME_UTC["zh_CN"], id="dt-str"),
        # 00:00 UTC is 05:30 in Kolkata and 21:00 the day before in São Paulo.
        pytest.param(
            "en",
            "{{ 1732406400000|datetime(tz='Asia/Kolkata') }}",
            f"Nov 24, 2024, 5:30:00{NNBSP}AM (UTC+5:30)",
            id="dt-half-hour",
        ),
        pytest.param(
            "en",
            "{{ 1732406400000|datetime(tz='America/Sao_Paulo') }}",
            f"Nov 23, 2024, 9:00:00{NNBSP}PM (UTC-3)",
            id="dt-negative",
        ),
        pytest.param(
            "en",
            "{{ 1732406400000|datetime('long') }}",
            f"November 24, 2024, 12:00:00{NNBSP}AM UTC",
            id="dt-format",
        ),
        pytest.param(
            "zh_CN",
            "{{ 1732406400000|datetime('yyyy-MM-dd HH:mm', tz='Asia/Shanghai') }}",
            "2024-11-24 08:00",
            id="dt-pattern",
        ),
        pytest.param("zh_CN", "{{ 'SELL'|order_side }}", "卖出", id="side-zh"),
        pytest.param("zh_CN", "{{ 'TAKE_PROFIT_MARKET'|order_type }}", "止盈市价单", id="type-zh"),
        pytest.param("zh_CN", "{{ 'LIQUIDATION'|order_type }}", "LIQUIDATION", id="type-unknown"),
        pytest.param("en", "{{ 'STOP'|order_type }}", "Stop limit", id="type-en"),
        pytest.param("en", "{{ 'abcdefghijkl'|mask_key }}", "abcd****ijkl", id="mask"),
        pytest.param("en", "{{ 'abcdefgh'|mask_key }}", "********", id="mask-short"),
    ],
)
def test_filter(locale, source, expected):
    assert environment(locale).from_string(source).render() == expected


def test_datetime_filter_takes_aware_and_naive_datetimes():
    env = environment("zh_CN")
    template = env.from_string("{{ t|datetime(tz='Asia/Shanghai') }}")
    shanghai = dt.timezone(dt.timedelta(hours=8))
    aware = dt.datetime(2024, 11, 24, 8, 0, tzinfo=shanghai)
    naive_utc = dt.datetime(2024, 11, 24, 0, 0)  # taken as UTC, as Binance's clocks are
    assert template.render(t=aware) == TIME_SHANGHAI["zh_CN"]
    assert template.render(t=naive_utc) == TIME_SHANGHAI["zh_CN"]


@pytest.mark.parametrize("locale", LOCALE_NAMES)
def test_error_filter_is_translate(locale):
    payload = {"code": -1121, "msg": "Invalid symbol."}
    expected = {"en": "Invalid symbol.", "zh_CN": ERRORS_ZH["-1121", "Invalid symbol."]}[locale]
    env = environment(locale)
    assert env.from_string("{{ p|error }}").render(p=payload) == expected
    assert env.from_string("{{ p|error }}").render(p=json.dumps(payload)) == expected
    assert env.from_string("{{ p|error_code }}").render(p=payload) == "-1121"


def test_error_filter_rejects_what_is_not_a_payload():
    with pytest.raises(PayloadError):
        environment("en").from_string("{{ p|error }}").render(p=42)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        pytest.param("{{ 'abc'|decimal }}", "the decimal filter takes a number", id="decimal"),
        pytest.param("{{ 'nan'|percent }}", "the percent filter takes a number", id="nan"),
        pytest.param("{{ true|currency('USD') }}", "the currency filter takes a number", id="bool"),
        pytest.param("{{ 'soon'|datetime }}", "the datetime filter takes a datetime", id="dt"),
    ],
)
def test_filters_reject_what_is_not_a_number(source, message):
    with pytest.raises(TypeError, match=re.escape(message)):
        environment("en").from_string(source).render()


# -- rate limits and bans ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("msg", "expected"),
    [
        pytest.param(
            "Way too many requests; IP banned until 1732406400000."
            " Please use the websocket for live updates to avoid bans.",
            dt.datetime(2024, 11, 24, tzinfo=UTC),
            id="banned",
        ),
        pytest.param(
            BAN_MSG % ("203.0.113.7", "1732406400000"),
            dt.datetime(2024, 11, 24, tzinfo=UTC),
            id="banned-with-ip",
        ),
        pytest.param(BAN_MSG % ("203.0.113.7", "soon"), None, id="ban-time-not-a-number"),
        pytest.param(LIMIT_MSG % "2400", None, id="rate-limited"),
    ],
)
def test_banned_until(msg, expected):
    assert banned_until({"code": -1003, "msg": msg}) == expected


def test_banned_until_other_codes():
    assert banned_until({"code": -1121, "msg": "Invalid symbol."}) is None
    assert banned_until({"code": -9999, "msg": "who knows"}) is None


@pytest.mark.parametrize(
    ("locale", "title", "sentence"),
    [
        pytest.param(
            "en",
            "Too many requests",
            "Because too many requests were sent in a short time, the exchange is limiting "
            "requests from this IP address.",
            id="en",
        ),
        pytest.param(
            "zh_CN",
            "请求过于频繁",
            "由于短时间内发送的请求过多，交易所正在限制来自该IP地址的请求。",
            id="zh",
        ),
    ],
)
def test_rate_limited_without_a_ban(locale, title, sentence):
    text = render_notification(
        "rate_limited", locale, context={"error": {"code": -1003, "msg": LIMIT_MSG % "2400"}}
    )
    lines = text.splitlines()
    assert lines[0] == title
    assert sentence in lines
    assert "Please wait" not in text
    assert "请等待" not in text


@pytest.mark.parametrize(
    ("locale", "seconds", "expected"),
    [
        pytest.param("en", 1, "Please wait 1 second before sending new requests.", id="en-one"),
        pytest.param("en", 120, "Please wait 120 seconds before sending new requests.", id="en"),
        pytest.param(
            "en", "7200", "Please wait 7,200 seconds before sending new requests.", id="s"
        ),
        pytest.param("zh_CN", 1, "请等待1秒后再发送新的请求。", id="zh-one"),
        pytest.param("zh_CN", 120, "请等待120秒后再发送新的请求。", id="zh"),
    ],
)
def test_retry_after_plurals(locale, seconds, expected):
    context = example_context("rate_limited") | {"retry_after": seconds}
    assert expected in render_notification("rate_limited", locale, context={**context}).splitlines()
    html = render_notification("rate_limited", locale, html=True, context={**context})
    assert expected in _Page(html).text


# -- what comes from a server or a user -------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
ILLEGAL = "Illegal characters found in parameter '%s'; legal range is '%s'."


@pytest.mark.parametrize("locale", LOCALE_NAMES)
@pytest.mark.parametrize("name", ["generic_error", "order_rejected", "api_key_problem"])
def test_server_text_is_escaped_in_html_and_intact_in_text(name, locale):
    error = {"code": -1100, "msg": ILLEGAL % (SCRIPT, "^[A-Z0-9]+$")}
    expected = {
        "en": ILLEGAL % (SCRIPT, "^[A-Z0-9]+$"),
        "zh_CN": _error_zh(-1100, ILLEGAL, SCRIPT, "^[A-Z0-9]+$"),
    }[locale]
    context = example_context(name) | {"error": error}

    html = render_notification(name, locale, html=True, context={**context})
    page = _Page(html)
    assert "script" not in page.tags
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html
    assert expected in [cells[-1] for cells in page.rows]  # the text survives, as text

    text = render_notification(name, locale, context={**context})
    assert SCRIPT in text
    assert any(line.endswith(expected) for line in text.splitlines())


@pytest.mark.parametrize("locale", SHIPPED)
def test_user_values_in_trans_blocks_are_escaped(locale):
    label = '<img src=x onerror="alert(1)">'
    context = example_context("api_key_problem") | {"key_label": label}
    html = render_notification("api_key_problem", locale, html=True, context={**context})
    page = _Page(html)
    assert "img" not in page.tags
    assert any(label in text for text in page.text)
    order = example_context("order_rejected")
    order["order"]["symbol"] = SCRIPT
    page = _Page(render_notification("order_rejected", locale, html=True, context={**order}))
    assert "script" not in page.tags
    assert page.text[0].endswith(SCRIPT)  # the <title>, "Order rejected: <script>..."


# -- search path, errors ----------------------------------------------------------------


@pytest.mark.parametrize("search_path", [DATA, str(DATA), [DATA], (str(DATA),)])
def test_search_path_overrides_bundled_templates(search_path):
    error = {"code": -1121, "msg": "Invalid symbol."}
    text = render_notification(
        "generic_error", "zh_CN", search_path=search_path, context={"error": error}
    )
    assert text.splitlines() == [
        "ACME Futures",
        "",
        ERRORS_ZH["-1121", "Invalid symbol."] + " [-1121]",
        "",
        "--",
        FOOTER["zh_CN"],  # the bundled layout, found after the user's directory
    ]
    # Only the .txt is overridden: the bundled .html still serves.
    html = render_notification(
        "generic_error", "zh_CN", html=True, search_path=search_path, context={"error": error}
    )
    assert _Page(html).text[0] == "请求失败"


def test_environments_are_cached_per_locale_and_search_path():
    assert environment("zh_CN") is environment("zh-CN") is environment("zh")
    assert environment("zh_CN", search_path=[DATA]) is environment("zh_CN", search_path=DATA)
    assert environment("zh_CN", search_path=[DATA]) is not environment("zh_CN")
    assert environment("en") is not environment("zh_CN")


def test_environment_is_built_once_across_threads():
    search_path = [DATA / "threads"]  # a key no other test uses
    seen, barrier = [], threading.Barrier(8)

    def worker():
        barrier.wait()
        seen.append(environment("zh_CN", search_path=search_path))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8
    assert all(env is seen[0] for env in seen)


@pytest.mark.parametrize("html", [False, True])
def test_missing_variable_is_an_error_naming_it(html):
    context = example_context("order_rejected")
    del context["order"]
    with pytest.raises(jinja2.UndefinedError, match=re.escape("'order' is undefined")):
        render_notification("order_rejected", "zh_CN", html=html, context={**context})


def test_missing_nested_variable_is_an_error_naming_it():
    context = example_context("order_rejected")
    del context["order"]["quantity"]
    with pytest.raises(jinja2.UndefinedError, match=re.escape("no attribute 'quantity'")):
        render_notification("order_rejected", "en", context={**context})


def test_missing_template_names_it_and_every_directory(tmp_path):
    with pytest.raises(TemplateNotFoundError) as info:
        render_notification("no_such", "en", html=True, search_path=[tmp_path, DATA])
    err = info.value
    assert str(err) == (
        f"notification template 'no_such.html' not found; "
        f"searched {str(tmp_path)!r}, {str(DATA)!r}, {str(TEMPLATES)!r}"
    )
    assert err.name == "no_such.html"
    assert err.searched == (str(tmp_path), str(DATA), str(TEMPLATES))
    assert isinstance(err, LookupError)
    assert isinstance(err, CatalogueError)
    assert isinstance(err.__cause__, jinja2.TemplateNotFound)


def test_missing_bundled_template_names_the_bundled_directory():
    with pytest.raises(
        TemplateNotFoundError,
        match=re.escape(f"'no_such.txt' not found; searched {str(TEMPLATES)!r}"),
    ):
        render_notification("no_such", "zh_CN")


def test_missing_layout_names_the_layout():
    with pytest.raises(TemplateNotFoundError, match=re.escape("'_no_such_layout.txt' not found")):
        render_notification("broken_layout", "en", search_path=DATA)


def test_example_context_of_an_unknown_notification():
    with pytest.raises(TemplateNotFoundError, match=re.escape("'no_such.json' not found")):
        example_context("no_such")


# -- the catalogues and the import path --------------------------------------------------


@pytest.mark.parametrize("locale", SHIPPED)
def test_messages_catalogue_complete_none_fuzzy(locale):
    po = _po("messages", locale)
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert po.obsolete_entries() == []
    assert not po.metadata_is_fuzzy
    assert po.metadata["Last-Translator"] == "catalogue translators"
    for entry in po:
        named = set(re.findall(r"%\((\w+)\)s", entry.msgid))
        for msgstr in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert set(re.findall(r"%\((\w+)\)s", msgstr)) == named, entry.msgid
        if locale == "en":
            assert entry.msgstr_plural or entry.msgstr == entry.msgid


def test_import_catalogue_does_not_import_jinja2():
    code = (
        "import sys, catalogue\n"
        "assert catalogue.translate({'code': -1121, 'msg': 'Invalid symbol.'}, locale='zh_CN')\n"
        "assert 'jinja2' not in sys.modules, 'jinja2 imported'\n"
        "assert 'catalogue.notify' not in sys.modules, 'catalogue.notify imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr


# -- filters keep every digit and fail plainly (issue 14) ------------------------------


def test_decimal_keeps_every_digit_issue14():
    env = environment("en")
    shown = env.from_string("{{ v|decimal }}").render(v="12345678901234567890.123456789")
    assert shown == "12,345,678,901,234,567,890.123456789"


@pytest.mark.parametrize(
    "source", ["{{ v|decimal }}", "{{ v|percent }}", "{{ v|currency('USDT') }}"]
)
def test_28_nines_do_not_raise_issue14(source):
    shown = environment("en").from_string(source).render(v="9" * 28)
    assert "999,999,999,999,999,999,999,999,99" in shown


def test_datetime_out_of_range_is_a_locale_error_issue14():
    from catalogue import LocaleError

    with pytest.raises(LocaleError, match="not a time a datetime can hold"):
        environment("en").from_string("{{ v|datetime }}").render(v=10**17)


def test_notifications_are_bound_to_the_given_catalogue_issue8(tmp_path):
    from catalogue import Catalogue

    misses = []
    cat = Catalogue.load(LOCALES, on_miss=lambda code, text: misses.append(code))
    text = render_notification(
        "generic_error",
        "en",
        context={"error": {"code": -1121, "msg": "Symbol is gone."}},
        catalogue=cat,
    )
    assert "Invalid symbol." in text
    assert misses == [-1121]


def test_banned_until_is_keyed_on_the_code_not_english_words_issue8():
    msg = "Way too many requests; IP banned until 1732406400000. Please use the websocket"
    assert banned_until({"code": -1003, "msg": msg + " for live updates to avoid bans."}) == (
        dt.datetime(2024, 11, 24, tzinfo=UTC)
    )
    # The same words under another code are not a ban.
    assert banned_until({"code": -1121, "msg": msg + " for live updates to avoid bans."}) is None


def test_notifications_show_the_hint_and_date_the_ban_in_their_tz_issue10():
    hint = ERRORS_ZH[
        "-2022",
        "This means the new reduce-only order conflicts with existing open orders on the "
        "same side; cancel the existing orders, then submit the reduce-only order again.",
    ]
    text = render_notification(
        "generic_error",
        "zh_CN",
        context={"error": {"code": -2022, "msg": "ReduceOnly Order is rejected."}},
    )
    assert hint in text
    ban = {"code": -1003, "msg": BAN_MSG % ("203.0.113.7", "1732406400000")}
    text = render_notification(
        "rate_limited", "zh_CN", context={"error": ban, "tz": "Asia/Shanghai"}
    )
    server_line = next(line for line in text.splitlines() if line.startswith("服务器消息："))
    assert TIME_SHANGHAI["zh_CN"] in server_line


def test_ban_past_year_9999_and_client_failures_do_not_break_notify_review():
    import requests

    msg = "Way too many requests; IP banned until 999999999999999. Please use the websocket"
    assert banned_until({"code": -1003, "msg": msg + " for live updates to avoid bans."}) is None
    timeout = requests.ReadTimeout("read timed out")
    assert banned_until(timeout) is None
    text = render_notification("generic_error", "en", context={"error": timeout})
    assert "The exchange did not answer in time." in text


@pytest.mark.parametrize("value", [1e50, "1e50"])
def test_big_or_exponent_numbers_format_review(value):
    shown = (
        environment("en").from_string("{{ v|decimal }} {{ v|currency('USDT') }}").render(v=value)
    )
    assert shown.startswith("100,000,000,000,000,000,000,000,000,000,000")


@pytest.mark.parametrize("html", [False, True])
def test_the_environments_own_names_stand_over_the_context_review(html):
    """Any key is welcome, but `_`, `locale`, `banned_until` and the rest are the
    environment's: a context key of that name cannot break them."""
    own = {"_": 5, "gettext": 5, "ngettext": 5, "pgettext": 5, "npgettext": 5}
    own |= {"locale": "fr", "api_market": "spot", "banned_until": 5}
    assert set(own) == RESERVED
    for name in ("rate_limited", "api_key_problem"):
        context = {**example_context(name), **own}
        expected = render_notification(name, "zh_CN", html=html, context=example_context(name))
        assert render_notification(name, "zh_CN", html=html, context=context) == expected
    page = _Page(render_notification("generic_error", "zh_TW", html=True, context=context))
    assert page.attrs["html"] == {"lang": "zh-TW"}
    assert context["locale"] == "fr"  # the caller's mapping is left as it was
