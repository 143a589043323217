"""The four Python Binance clients' exceptions, translated without importing any client.

Every exception is built offline the way its library builds it: python-binance's
``BinanceAPIException(response, status, text)`` and its ``Client._handle_response``;
binance-futures-connector's ``ClientError``/``ServerError`` and its ``API._handle_exception``;
the official SDK's ``binance_common.errors`` classes, directly and through its own
``send_request``; CCXT's ``binanceusdm().handle_errors`` and ``handle_http_status_code``.
No test touches the network: sockets and DNS are refused for every test.

The expected Chinese is read from ``locales/zh_CN/LC_MESSAGES/errors.po`` with polib
(the entry with ``msgctxt=str(code)`` and ``msgid=template``, each ``%s`` then replaced
by hand), never from catalogue's own output.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import warnings

import ccxt
import polib
import pytest
import requests
from binance_common.configuration import ConfigurationRestAPI
from binance_common.errors import (
    BadRequestError,
    RateLimitBanError,
    TooManyRequestsError,
    UnauthorizedError,
)
from binance_common.errors import Error as SdkError
from binance_common.errors import ServerError as SdkServerError
from binance_common.utils import send_request
from conftest import body_of, po_file
from requests.structures import CaseInsensitiveDict

import catalogue
from catalogue import PayloadError, SuccessReply
from catalogue.payload import parse_payload

# python-binance and binance-futures-connector both install the top-level ``binance``
# package, and whichever was installed last owns ``binance/__init__.py``: import only
# submodules, never ``from binance import ...``.  Here python-binance's ``__init__`` is in
# place, and it imports python-binance's websocket client, which uses the legacy API of
# websockets (>= 14), which warns with these two DeprecationWarnings.  pytest runs with
# ``filterwarnings = error`` and a ``pytestmark`` filter does not cover imports done while
# the module is collected, so exactly these two warnings are ignored, for these imports only.
with warnings.catch_warnings():
    warnings.filterwarnings(
        "ignore", r"websockets\.WebSocketClientProtocol is deprecated", DeprecationWarning
    )
    warnings.filterwarnings("ignore", r"websockets\.legacy is deprecated", DeprecationWarning)
    from binance.api import API
    from binance.client import Client
    from binance.error import ClientError, ParameterArgumentError, ParameterRequiredError
    from binance.error import ServerError as ConnectorServerError
    from binance.exceptions import BinanceAPIException

PO_FILE = po_file("zh_CN")
FAPI_ORDER = "https://fapi.binance.com/fapi/v1/order"

MANDATORY_MSG = "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."
MANDATORY_TPL = "Mandatory parameter '%s' was not sent, was empty/null, or malformed."
NOTIONAL_MSG = "Order's notional must be no smaller than 100 (unless you choose reduce only)."
NOTIONAL_TPL = "Order's notional must be no smaller than %s (unless you choose reduce only)."
BAN_MSG = (
    "Way too many requests; IP(1.2.3.4) banned until 1732406400000. "
    "Please use the websocket for live updates to avoid bans."
)
BAN_TPL = (
    "Way too many requests; IP(%s) banned until %s. "
    "Please use the websocket for live updates to avoid bans."
)
LIMIT_MSG = (
    "Too many requests; current limit is 2400 requests per minute. "
    "Please use the websocket for live updates to avoid polling the API."
)
LIMIT_TPL = (
    "Too many requests; current limit is %s requests per minute. "
    "Please use the websocket for live updates to avoid polling the API."
)
INTERNAL_MSG = "Internal error; unable to process your request. Please try again."
UNKNOWN_CODE_MSG = "Some brand new error."

# (code, server msg, the template it fills, the parameters), for HTTP 400 bodies.
KNOWN_400 = [
    pytest.param(-1102, MANDATORY_MSG, MANDATORY_TPL, ("symbol",), id="-1102-mandatory-param"),
    pytest.param(
        -2019, "Margin is insufficient.", "Margin is insufficient.", (), id="-2019-margin"
    ),
    pytest.param(-4164, NOTIONAL_MSG, NOTIONAL_TPL, ("100",), id="-4164-min-notional"),
    pytest.param(-2011, "Unknown order sent.", "Unknown order sent.", (), id="-2011-unknown-order"),
    pytest.param(-1121, "Invalid symbol.", "Invalid symbol.", (), id="-1121-invalid-symbol"),
]
RATE_LIMITS = [
    pytest.param(429, -1003, LIMIT_MSG, LIMIT_TPL, ("2400",), id="429-request-limit"),
    pytest.param(418, -1003, BAN_MSG, BAN_TPL, ("1.2.3.4", "1732406400000"), id="418-ip-ban"),
]


@functools.cache
def _po_entries() -> dict[tuple[str | None, str], polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(PO_FILE)) if not e.obsolete}


def expected_zh(code: int, template: str, params: tuple[str, ...] = ()) -> str:
    """The catalogue's Chinese for *template* of *code*, its ``%s`` filled in order."""
    entry = _po_entries()[str(code), template]
    assert entry.msgstr
    assert not entry.fuzzy
    text = entry.msgstr
    for param in params:
        assert "%s" in text, (template, text)
        text = text.replace("%s", param, 1)
    assert "%s" not in text
    return text


def assert_translated(exc: BaseException, code: int, template: str, params: tuple) -> None:
    m = catalogue.match(exc)
    assert m is not None
    assert (m.code, m.template, m.params) == (code, template, params)
    # Values as sent: these tests are about reading the clients' exceptions.
    translated = catalogue.translate(exc, locale="zh_CN", raw_values=True)
    assert translated == expected_zh(code, template, params)


def assert_unchanged(exc: BaseException, code: int | None, text: str) -> None:
    """Nothing in the catalogue fits: match gives None and translate returns the text."""
    assert parse_payload(exc) == (code, text)
    assert catalogue.match(exc) is None
    assert catalogue.translate(exc, locale="zh_CN") == text


def fake_response(status: int, text: str, headers: dict[str, str] | None = None):
    """A ``requests.Response`` as a client's session would hand it back, built offline."""
    response = requests.Response()
    response.status_code = status
    response._content = text.encode()
    response.headers = CaseInsensitiveDict(headers or {"Content-Type": "application/json"})
    response.url = FAPI_ORDER
    response.encoding = "utf-8"
    return response


class FakeSession:
    """Stands in for the SDK's ``requests.Session``: answers every request with *response*."""

    def __init__(self, response: requests.Response) -> None:
        self.response = response
        self.requests: list[dict] = []

    def request(self, **kwargs):
        self.requests.append(kwargs)
        return self.response


@pytest.fixture(autouse=True)
def _offline(offline):
    """Every test here runs without the network."""


@pytest.fixture
def connector_api():
    api = API()  # builds a requests.Session, no I/O
    yield api
    api.session.close()


@pytest.fixture
def usdm():
    return ccxt.binanceusdm()


def ccxt_error(exchange, status: int, reason: str, body: str) -> ccxt.BaseError:
    """What ``binanceusdm.handle_errors`` raises for *body*, as ``Exchange.fetch`` calls it."""
    with pytest.raises(ccxt.BaseError) as info:
        exchange.handle_errors(
            status, reason, FAPI_ORDER, "POST", {}, body, json.loads(body), {}, ""
        )
    return info.value


# -- python-binance ----------------------------------------------------------------------


@pytest.mark.parametrize(("code", "msg", "template", "params"), KNOWN_400)
def test_python_binance_api_exception(code, msg, template, params):
    exc = BinanceAPIException(None, 400, body_of(code, msg))
    assert (exc.code, exc.message, exc.status_code) == (code, msg, 400)
    assert_translated(exc, code, template, params)


@pytest.mark.parametrize(
    ("status", "code", "msg", "template", "params"),
    [pytest.param(400, *p.values, id=p.id) for p in KNOWN_400[:2]] + RATE_LIMITS,
)
def test_python_binance_client_handle_response(status, code, msg, template, params):
    with pytest.raises(BinanceAPIException) as info:
        Client._handle_response(fake_response(status, body_of(code, msg)))
    assert info.value.status_code == status
    assert_translated(info.value, code, template, params)


def test_python_binance_unknown_code_returns_server_text():
    exc = BinanceAPIException(None, 400, body_of(-9999, UNKNOWN_CODE_MSG))
    assert_unchanged(exc, -9999, UNKNOWN_CODE_MSG)


def test_python_binance_body_without_code_matches_by_text():
    exc = BinanceAPIException(None, 400, body_of(None, "Margin is insufficient."))
    assert exc.code is None
    m = catalogue.match(exc)
    assert m is not None
    assert (m.code, m.template, m.params) == (-2019, "Margin is insufficient.", ())
    assert catalogue.translate(exc, locale="zh_CN") == expected_zh(-2019, "Margin is insufficient.")


def test_python_binance_body_without_code_unknown_text():
    exc = BinanceAPIException(None, 400, '{"msg":"no code"}')
    assert_unchanged(exc, None, "no code")


def expected_failure(kind: str) -> str:
    """The catalogue's Chinese for a failure that is no Binance error."""
    return next(e.msgstr for (ctx, _), e in _po_entries().items() if ctx == f"failure:{kind}")


def assert_failure(exc: BaseException, kind: str, original: str) -> None:
    """A readable message of *kind*, never the page, URL or library text (issue 12)."""
    answer = catalogue.localize(exc, locale="zh_CN")
    assert (answer.failure, answer.match, answer.original) == (kind, None, original)
    assert answer.text == expected_failure(kind)
    assert catalogue.translate(exc, locale="zh_CN") == expected_failure(kind)


def test_python_binance_non_json_body_is_a_server_failure():
    # python-binance sets code 0 and writes its own message; 0 is no Binance code.
    with pytest.raises(BinanceAPIException) as info:
        Client._handle_response(fake_response(502, "<html>Bad Gateway</html>", {}))
    text = "Invalid JSON error message from Binance: <html>Bad Gateway</html>"
    assert parse_payload(info.value) == (0, text)
    assert catalogue.match(info.value) is None
    assert_failure(info.value, "server", text)


def test_a_firewalls_403_page_is_a_firewall_failure_issue12():
    with pytest.raises(BinanceAPIException) as info:
        Client._handle_response(fake_response(403, "<html><h1>403 Forbidden</h1></html>", {}))
    text = "Invalid JSON error message from Binance: <html><h1>403 Forbidden</h1></html>"
    assert_failure(info.value, "firewall", text)


# -- binance-futures-connector -----------------------------------------------------------


def test_connector_client_error_whose_str_is_a_tuple():
    exc = ClientError(400, -1102, MANDATORY_MSG, {"Content-Type": "application/json"})
    assert str(exc).startswith("(400, -1102, ")  # no __str__: str() is str(args)
    assert_translated(exc, -1102, MANDATORY_TPL, ("symbol",))


@pytest.mark.parametrize(
    ("status", "code", "msg", "template", "params"),
    [pytest.param(400, *p.values, id=p.id) for p in KNOWN_400] + RATE_LIMITS,
)
def test_connector_handle_exception(connector_api, status, code, msg, template, params):
    with pytest.raises(ClientError) as info:
        connector_api._handle_exception(fake_response(status, body_of(code, msg)))
    exc = info.value
    assert (exc.status_code, exc.error_code, exc.error_message) == (status, code, msg)
    assert_translated(exc, code, template, params)


def test_connector_handle_exception_unknown_code(connector_api):
    with pytest.raises(ClientError) as info:
        connector_api._handle_exception(fake_response(400, body_of(-9999, UNKNOWN_CODE_MSG)))
    assert_unchanged(info.value, -9999, UNKNOWN_CODE_MSG)


def test_connector_non_json_4xx_keeps_http_status_out_of_the_code(connector_api):
    # ClientError(404, None, text, headers): the HTTP status must not become a code.
    with pytest.raises(ClientError) as info:
        connector_api._handle_exception(fake_response(404, "<html>Not Found</html>", {}))
    assert (info.value.status_code, info.value.error_code) == (404, None)
    assert parse_payload(info.value) == (None, "<html>Not Found</html>")
    assert_failure(info.value, "server", "<html>Not Found</html>")


def test_connector_server_error_with_json_body(connector_api):
    # 5xx: ServerError(status, raw body); the body is found inside str(exc).
    with pytest.raises(ConnectorServerError) as info:
        connector_api._handle_exception(fake_response(503, body_of(-1001, INTERNAL_MSG)))
    assert_translated(info.value, -1001, INTERNAL_MSG, ())


def test_connector_server_error_html_is_no_binance_error():
    exc = ConnectorServerError(502, "<html>Bad Gateway</html>")
    assert exc.message == "<html>Bad Gateway</html>"
    for call in (parse_payload, catalogue.match):
        with pytest.raises(
            PayloadError, match=r"^exception ServerError carries no Binance error: "
        ):
            call(exc)
    assert_failure(exc, "server", str(exc))


def test_connector_server_error_body_with_apostrophe_regression(connector_api):
    with pytest.raises(ConnectorServerError) as info:
        connector_api._handle_exception(fake_response(503, body_of(-1102, MANDATORY_MSG)))
    assert_translated(info.value, -1102, MANDATORY_TPL, ("symbol",))


# -- binance-sdk-derivatives-trading-usds-futures (binance_common) -----------------------


@pytest.mark.parametrize(("code", "msg", "template", "params"), KNOWN_400)
def test_sdk_bad_request_error(code, msg, template, params):
    data = json.loads(body_of(code, msg))
    exc = BadRequestError(error_message=data.get("msg"), status_code=data.get("code"))
    assert exc.status_code == code  # the SDK's status_code is the Binance code
    assert_translated(exc, code, template, params)


def test_sdk_too_many_requests_error():
    data = json.loads(body_of(-1003, LIMIT_MSG))
    exc = TooManyRequestsError(
        error_message=data.get("msg"), status_code=data.get("code"), retry_after=7
    )
    assert_translated(exc, -1003, LIMIT_TPL, ("2400",))


def test_sdk_rate_limit_ban_error_params():
    data = json.loads(body_of(-1003, BAN_MSG))
    exc = RateLimitBanError(
        error_message=data.get("msg"), status_code=data.get("code"), retry_after=120
    )
    m = catalogue.match(exc)
    assert m is not None
    assert m.params == ("1.2.3.4", "1732406400000")
    assert_translated(exc, -1003, BAN_TPL, ("1.2.3.4", "1732406400000"))


def test_sdk_unauthorized_error():
    msg = "Invalid API-key, IP, or permissions for action."
    data = json.loads(body_of(-2015, msg))
    exc = UnauthorizedError(error_message=data.get("msg"), status_code=data.get("code"))
    assert_translated(exc, -2015, msg, ())


def test_sdk_unknown_code_returns_server_text():
    exc = BadRequestError(error_message=UNKNOWN_CODE_MSG, status_code=-9999)
    assert_unchanged(exc, -9999, UNKNOWN_CODE_MSG)


def test_sdk_server_error_status_is_http_not_a_code():
    # The SDK discards a 5xx body: status_code holds the HTTP status, positive, so no code.
    exc = SdkServerError("Server error: 503", 503)
    assert exc.status_code == 503
    assert parse_payload(exc) == (None, "Server error: 503")
    assert_failure(exc, "server", "Server error: 503")


def test_sdk_bad_request_without_json_body_returns_default_text():
    # A 400 whose Content-Type is not JSON: data == {}, so both arguments are None.
    exc = BadRequestError(error_message=None, status_code=None)
    assert_unchanged(exc, None, "The request was invalid or cannot be otherwise served.")


@pytest.mark.parametrize(
    ("status", "code", "msg", "template", "params", "error_class"),
    [
        pytest.param(
            400,
            -2019,
            "Margin is insufficient.",
            "Margin is insufficient.",
            (),
            BadRequestError,
            id="400-margin",
        ),
        pytest.param(429, -1003, LIMIT_MSG, LIMIT_TPL, ("2400",), TooManyRequestsError, id="429"),
        pytest.param(
            418,
            -1003,
            BAN_MSG,
            BAN_TPL,
            ("1.2.3.4", "1732406400000"),
            RateLimitBanError,
            id="418-ip-ban",
        ),
    ],
)
def test_sdk_send_request(status, code, msg, template, params, error_class):
    response = fake_response(status, body_of(code, msg), {"Content-Type": "application/json"})
    session = FakeSession(response)
    config = ConfigurationRestAPI(api_key="key", api_secret="secret", retries=0)
    with pytest.raises(SdkError) as info:
        send_request(session, config, "POST", "/fapi/v1/order", payload={"symbol": "BTCUSDT"})
    assert type(info.value) is error_class
    assert len(session.requests) == 1
    assert_translated(info.value, code, template, params)


def test_sdk_send_request_server_error():
    response = fake_response(503, body_of(-1001, INTERNAL_MSG))
    config = ConfigurationRestAPI(api_key="key", api_secret="secret", retries=0)
    with pytest.raises(SdkServerError) as info:
        send_request(FakeSession(response), config, "POST", "/fapi/v1/order")
    assert_failure(info.value, "server", "Server error: 503")


def test_sdk_websocket_api_value_error_regression():
    data = {
        "id": "1",
        "status": 400,
        "error": json.loads(body_of(-2019, "Margin is insufficient.")),
    }
    exc = ValueError(data["error"])  # binance_common/websocket.py
    assert_translated(exc, -2019, "Margin is insufficient.", ())


# -- CCXT --------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "msg", "template", "params"), KNOWN_400)
def test_ccxt_handle_errors(usdm, code, msg, template, params):
    body = body_of(code, msg)
    exc = ccxt_error(usdm, 400, "Bad Request", body)
    assert str(exc) == f"binanceusdm {body}"  # the code is kept: JSON in the text
    assert_translated(exc, code, template, params)


def test_ccxt_unknown_code_returns_server_text(usdm):
    exc = ccxt_error(usdm, 400, "Bad Request", body_of(-9999, UNKNOWN_CODE_MSG))
    assert type(exc) is ccxt.ExchangeError
    assert_unchanged(exc, -9999, UNKNOWN_CODE_MSG)


@pytest.mark.parametrize(("status", "code", "msg", "template", "params"), RATE_LIMITS)
def test_ccxt_rate_limit_status_before_the_json(usdm, status, code, msg, template, params):
    body = body_of(code, msg)
    reason = {429: "Too Many Requests", 418: "I'm a teapot"}[status]
    exc = ccxt_error(usdm, status, reason, body)
    assert str(exc) == f"binanceusdm {status} {reason} {body}"
    assert_translated(exc, code, template, params)


@pytest.mark.parametrize(
    ("msg", "sentence"),
    [
        pytest.param(
            "Filter failure: LOT_SIZE",
            "order amount should be evenly divisible by lot size",
            id="lot-size",
        ),
        pytest.param(
            "Filter failure: PRICE_FILTER",
            "order price is invalid, i.e. exceeds allowed price",
            id="price-filter",
        ),
    ],
)
def test_ccxt_filter_failure_sentence_before_the_json(usdm, msg, sentence):
    # -1013 is a spot code, not on the USDⓈ-M page: the JSON is found, and the spot
    # entry fits, though binanceusdm says futures (the market told is a preference).
    body = body_of(-1013, msg)
    exc = ccxt_error(usdm, 400, "Bad Request", body)
    assert str(exc).startswith(f"binanceusdm {sentence}")
    assert str(exc).endswith(f" {body}")
    assert parse_payload(exc) == (-1013, msg)
    m = catalogue.match(exc)
    assert (m.code, m.msgid, m.market, m.kind) == (-1013, msg, "spot", catalogue.MatchKind.EXACT)
    assert catalogue.translate(exc, locale="zh_CN") == _po_entries()["spot:-1013", msg].msgstr


def test_ccxt_exact_message_drops_the_code(usdm):
    # None of binanceusdm's own exact messages is a USDⓈ-M template; this one drops the code.
    exc = ccxt_error(usdm, 400, "Bad Request", body_of(-1000, "System abnormality"))
    assert str(exc) == "binanceusdm System abnormality"
    assert_unchanged(exc, None, "System abnormality")


@pytest.mark.parametrize(
    ("code", "msg", "template", "params"),
    [p for p in KNOWN_400 if p.id != "-1121-invalid-symbol"],
)
def test_ccxt_message_without_code_matches_by_text(code, msg, template, params):
    # ccxt merges a user's "exceptions" into its tables; an exact message then wins
    # over the code and the text is "binanceusdm <msg>", without the code.
    usdm = ccxt.binanceusdm({"exceptions": {"exact": {msg: ccxt.InvalidOrder}}})
    exc = ccxt_error(usdm, 400, "Bad Request", body_of(code, msg))
    assert str(exc) == f"binanceusdm {msg}"
    assert parse_payload(exc) == (None, msg)
    assert_translated(exc, code, template, params)


def test_ccxt_fetch_fallback_body_without_code_matches_by_text(usdm):
    # handle_errors lets a body without code pass; Exchange.fetch then raises from the
    # HTTP status, quoting method, URL, status and body.
    body = body_of(None, "Margin is insufficient.")
    assert usdm.handle_errors(400, "Bad Request", FAPI_ORDER, "POST", {}, body, {}, {}, "") is None
    with pytest.raises(ccxt.ExchangeNotAvailable) as info:
        usdm.handle_http_status_code(400, "Bad Request", FAPI_ORDER, "POST", body)
    assert str(info.value) == f"binanceusdm POST {FAPI_ORDER} 400 Bad Request {body}"
    assert_translated(info.value, -2019, "Margin is insufficient.", ())


@pytest.mark.parametrize("body", ['{"code":-1121}', '{"code":-1121,"msg":null}'])
def test_ccxt_body_without_a_message_is_no_text_to_show(usdm, body):
    exc = ccxt_error(usdm, 400, "Bad Request", body)
    assert (type(exc), str(exc)) == (ccxt.BadSymbol, f"binanceusdm {body}")
    with pytest.raises(PayloadError, match="exception BadSymbol carries no Binance"):
        parse_payload(exc)
    assert catalogue.translate(exc, default="出错了") == "出错了"


@pytest.mark.parametrize(
    "text",
    [
        'binanceusdm {"code":200,"msg":"success"}',
        'binanceusdm [{"code":200,"msg":"success"}]',
        'binanceusdm 400 Bad Request {"code":"200","msg":"success"}',
    ],
)
def test_ccxt_success_body_is_a_success_reply(text):
    with pytest.raises(SuccessReply, match="success reply"):
        parse_payload(ccxt.ExchangeError(text))


@pytest.mark.parametrize("status", ["429 Too Many Requests ", "418 I'm a teapot ", "429  "])
def test_ccxt_body_without_a_message_after_a_status_line(status):
    # handle_errors writes code + ' ' + reason + ' ' + body; the reason may be empty.
    exc = ccxt.ExchangeError(f'binanceusdm {status}{{"code":-1003}}')
    with pytest.raises(PayloadError, match="exception ExchangeError carries no Binance"):
        parse_payload(exc)


@pytest.mark.parametrize(
    "text",
    [
        "Use {symbol} here",
        "Use {}",
        "leverage must be one of [1, 2, 5]",
        "429 Too Many Requests [1, 2]",
    ],
)
def test_ccxt_message_that_holds_brackets_is_a_message(text):
    assert parse_payload(ccxt.ExchangeError(f"binanceusdm {text}")) == (None, text)


def test_ccxt_own_sentence_ending_in_brackets_is_a_message():
    with pytest.raises(ccxt.ExchangeError) as info:
        ccxt.binanceusdm({"options": {"timeDifference": "x"}}).nonce()
    assert parse_payload(info.value) == (None, str(info.value).partition(" ")[2])


def test_ccxt_batch_single_error(usdm):
    body = '[{"code":-2011,"msg":"Unknown order sent."}]'
    exc = ccxt_error(usdm, 400, "Bad Request", body)
    assert str(exc) == 'binanceusdm [{"code":-2011,"msg":"Unknown order sent."}]'
    assert_translated(exc, -2011, "Unknown order sent.", ())


def test_ccxt_batch_text():
    exc = ccxt.OrderNotFound('binanceusdm [{"code":-2011,"msg":"Unknown order sent."}]')
    assert_translated(exc, -2011, "Unknown order sent.", ())


# -- no client imported ------------------------------------------------------------------


def test_translate_imports_no_client():
    code = (
        "import sys, catalogue; "
        "catalogue.translate({'code': -1121, 'msg': 'Invalid symbol.'}); "
        "assert not any(m.split('.')[0] in ('binance', 'ccxt', 'binance_common') "
        "for m in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# -- categories and retry advice from the clients' own exceptions (issue 12) ------------


def test_sdk_retry_after_header_is_the_matchs_delay_issue12():
    data = json.loads(body_of(-1003, LIMIT_MSG))
    exc = TooManyRequestsError(
        error_message=data.get("msg"), status_code=data.get("code"), retry_after=7
    )
    m = catalogue.match(exc)
    assert (m.category, m.retryable, m.retry_after) == ("rate_limit", True, 7.0)
    assert catalogue.localize(exc).match.retry_after == 7.0


def test_python_binance_response_header_is_the_matchs_delay_issue12():
    headers = {"Content-Type": "application/json", "Retry-After": "42"}
    with pytest.raises(BinanceAPIException) as info:
        Client._handle_response(fake_response(429, body_of(-1003, LIMIT_MSG), headers))
    m = catalogue.match(info.value)
    assert (m.category, m.retryable, m.retry_after) == ("rate_limit", True, 42.0)


def test_without_a_header_the_text_says_how_long_issue12():
    m = catalogue.match(BinanceAPIException(None, 429, body_of(-1003, LIMIT_MSG)))
    assert m.retry_after == 60.0  # "... requests per minute"


def test_a_rejected_order_is_not_retryable_issue12():
    m = catalogue.match(BinanceAPIException(None, 400, body_of(-2019, "Margin is insufficient.")))
    assert (m.category, m.retryable, m.retry_after) == ("insufficient_funds", False, None)


# -- transport and client-side failures, recognised without importing the clients --------


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        pytest.param(
            requests.ReadTimeout("HTTPSConnectionPool(host='fapi.binance.com'): Read timed out."),
            "timeout",
            id="requests-read-timeout",
        ),
        pytest.param(
            requests.ConnectionError("Max retries exceeded with url: /fapi/v1/order"),
            "network",
            id="requests-connection",
        ),
        pytest.param(
            ccxt.RequestTimeout("binanceusdm POST https://fapi.binance.com/fapi/v1/order"),
            "timeout",
            id="ccxt-request-timeout",
        ),
        pytest.param(
            ccxt.NetworkError("binanceusdm GET https://fapi.binance.com/fapi/v1/ticker/price"),
            "network",
            id="ccxt-network",
        ),
        pytest.param(ParameterRequiredError(["symbol"]), "bad_request", id="connector-required"),
        pytest.param(
            ParameterArgumentError("Please set quantity or closePosition."),
            "bad_request",
            id="connector-argument",
        ),
    ],
)
def test_transport_and_client_failures_read_plainly_issue12(exc, kind):
    assert_failure(exc, kind, str(exc))


def test_what_is_no_error_at_all_still_raises_unless_a_default_is_given_issue12():
    with pytest.raises(PayloadError):
        catalogue.translate(object())
    assert catalogue.translate(object(), default="出错了") == "出错了"
    assert catalogue.translate(RuntimeError("boom"), default="出错了") == "出错了"
    assert catalogue.localize(RuntimeError("boom"), default="出错了").text == "出错了"


# -- regressions from an adversarial review --------------------------------------------


def test_requests_http_error_with_a_binance_body_is_that_error_review():
    response = fake_response(400, body_of(-1121, "Invalid symbol."))
    exc = requests.HTTPError("400 Client Error: Bad Request for url", response=response)
    m = catalogue.match(exc)
    assert (m.code, m.msgid) == (-1121, "Invalid symbol.")
    assert catalogue.localize(exc).failure is None


def test_requests_http_error_without_a_body_is_named_by_its_status_review():
    for status, kind in ((403, "firewall"), (429, "rate_limit"), (502, "server")):
        response = fake_response(status, "", {})
        exc = requests.HTTPError(f"{status} Error", response=response)
        assert catalogue.localize(exc).failure == kind


def test_ccxt_rate_limit_is_no_network_failure_review():
    exc = ccxt.RateLimitExceeded("binanceusdm Too many requests. Please try again later.")
    assert_failure(exc, "rate_limit", str(exc))


def test_sdk_errors_without_a_body_review():
    from binance_common.errors import ForbiddenError

    assert catalogue.localize(ForbiddenError()).failure == "firewall"
    answer = catalogue.localize(TooManyRequestsError(retry_after=30))
    assert (answer.failure, answer.retry_after) == ("rate_limit", 30.0)


def test_a_gateways_json_without_msg_is_a_server_failure_review():
    exc = BinanceAPIException(None, 404, '{"status":404,"error":"Not Found"}')
    assert catalogue.localize(exc).failure == "server"
