"""Payloads: what a user holds, reduced to (code, msg), or a PayloadError naming it."""

import re

import pytest

from catalogue import PayloadError


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        pytest.param(
            None,
            "payload must be a dict, a JSON str or bytes, or a client exception, not NoneType",
            id="none",
        ),
        pytest.param([1], "not list", id="list"),
        pytest.param({"code": -1121}, "payload has no 'msg' field", id="no-msg"),
        pytest.param(
            {"code": -1121, "msg": 5}, "payload's 'msg' must be a string, not int", id="msg-int"
        ),
        pytest.param(
            {"code": "abc", "msg": "x"},
            "payload's 'code' must be an integer (at most 19 digits) or a numeric string, "
            "not 'abc'",
            id="code",
        ),
        pytest.param("{not json", "payload is not JSON", id="json"),
        pytest.param("[1, 2]", "payload's JSON must be an object, not list", id="json-list"),
        pytest.param(b"\xff\xfe", "payload is not valid UTF-8", id="bytes"),
        pytest.param(
            RuntimeError("boom"),
            "exception RuntimeError carries no Binance error: 'boom'",
            id="exception",
        ),
    ],
)
def test_not_a_payload(cat, payload, message):
    with pytest.raises(PayloadError, match=re.escape(message)) as info:
        cat.translate(payload)
    assert info.value.payload is payload
    assert isinstance(info.value, ValueError)


def test_payload_forms(cat):
    body = '{"code":-1121,"msg":"Invalid symbol."}'
    expected = cat.translate({"code": -1121, "msg": "Invalid symbol."})
    assert cat.translate(body) == cat.translate(body.encode()) == expected
    assert cat.translate({"code": "-1121", "msg": "Invalid symbol."}) == expected


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        pytest.param({"code": True, "msg": "Invalid symbol."}, "not True", id="bool-code"),
        pytest.param({"code": "1" * 5000, "msg": "x"}, "numeric string", id="huge-code"),
        pytest.param("[" * 100_000, "nested too deeply", id="deep-json"),
    ],
)
def test_hostile_payloads_raise_payload_error(cat, payload, message):
    with pytest.raises(PayloadError, match=re.escape(message)):
        cat.translate(payload)


def test_float_code_is_rejected_even_when_cached(cat):
    cat.translate({"code": -1121, "msg": "Invalid symbol."})
    with pytest.raises(PayloadError, match=re.escape("not -1121.0")):
        cat.translate({"code": -1121.0, "msg": "Invalid symbol."})


def test_exception_that_cannot_be_read(cat):
    class Broken(Exception):
        def __str__(self):
            raise RuntimeError("no")

    with pytest.raises(PayloadError, match="exception Broken cannot be read"):
        cat.translate(Broken())


def test_bytes_with_a_byte_order_mark(cat):
    body = '\ufeff{"code": -1121, "msg": "Invalid symbol."}'.encode()
    assert cat.translate(body) == cat.msgstr(-1121, "Invalid symbol.", "zh_CN")
    # The same body as text, as requests' .text gives it when it guesses utf-8.
    assert cat.translate(body.decode("utf-8")) == cat.translate(body)


def test_a_str_subclass_message_is_read_as_plain_text():
    from markupsafe import Markup

    from catalogue import translate
    from catalogue.payload import parse_payload

    evil = "<img src=x onerror=alert(1)>"
    code, msg = parse_payload({"code": -9998, "msg": Markup(evil)})
    assert (code, msg, type(msg)) == (-9998, evil, str)
    # Nor does a cached answer carry one caller's Markup to the next caller.
    first = translate({"code": -9997, "msg": Markup(evil)}, locale="en")
    again = translate({"code": -9997, "msg": evil}, locale="en")
    assert (first, type(first), type(again)) == (evil, str, str)


def test_the_packages_own_enum_is_a_code_issue14():
    from catalogue import ErrorCode
    from catalogue.payload import parse_payload

    assert parse_payload({"code": ErrorCode.BAD_SYMBOL, "msg": "Invalid symbol."}) == (
        -1121,
        "Invalid symbol.",
    )
    assert type(parse_payload({"code": ErrorCode.BAD_SYMBOL, "msg": "x"})[0]) is int


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        pytest.param({"code": 10**5000}, "payload has no 'msg' field", id="huge-code-no-msg"),
        pytest.param({"code": 10**5000, "msg": "x"}, "at most 19 digits", id="huge-code"),
        pytest.param({"code": [[[[[]]]]], "msg": "x"}, "must be an integer", id="nested-code"),
        pytest.param({"code": True, "msg": "x"}, "must be an integer", id="bool"),
    ],
)
def test_hostile_codes_are_payload_errors_issue14(payload, message):
    from catalogue import translate

    with pytest.raises(PayloadError, match=re.escape(message)):
        translate(payload)


# Success replies some USDⓈ-M endpoints send, as their documentation pages show them.
_SUCCESS_REPLIES = [
    pytest.param(
        {"code": 200, "msg": "success"},
        id="change-position-mode",  # developers.binance.com .../trade/rest-api/Change-Position-Mode
    ),
    pytest.param(
        '{"code": "200", "msg": "The operation of cancel all open order is done."}',
        # .../trade/rest-api/Cancel-All-Open-Orders; the older docs wrote the code as a string
        id="cancel-all-open-orders",
    ),
    pytest.param(
        b'{"amount": 100, "code": 200, "msg": "Successfully modify position margin.", "type": 1}',
        id="modify-isolated-position-margin",  # .../trade/rest-api/Modify-Isolated-Position-Margin
    ),
]


@pytest.mark.parametrize("payload", _SUCCESS_REPLIES)
def test_a_success_reply_is_no_error(payload):
    from catalogue import localize, translate

    with pytest.raises(PayloadError, match=re.escape("success reply (code 200)")):
        translate(payload)
    assert translate(payload, default="") == ""
    assert localize(payload, default="ok").text == "ok"


def test_a_success_reply_is_no_error_in_any_form():
    # The rule holds however the code arrives: an exception's attribute, a client's
    # text, and SuccessReply says which PayloadError it is.
    from catalogue import SuccessReply, match, translate

    class BinanceLike(Exception):  # the attributes python-binance's exception has
        def __init__(self) -> None:
            super().__init__("APIError(code=200): success")
            self.code, self.message = 200, "success"

    for payload in (BinanceLike(), ValueError({"code": 200, "msg": "success"})):
        with pytest.raises(SuccessReply):
            translate(payload)
        with pytest.raises(SuccessReply):
            match(payload)


@pytest.mark.parametrize("success", ["200", '"200"', '" 200 "', '"+200"'])
def test_the_first_error_of_a_list_is_read_past_a_success_reply(success):
    # The success code in any form the payload's own "code" may take (see _code).
    from catalogue import match

    text = (
        f'[{{"code": {success}, "msg": "success"}}, '
        '{"code": -2019, "msg": "Margin is insufficient."}]'
    )
    found = match(Exception(text))
    assert found is not None
    assert (found.code, found.msgid) == (-2019, "Margin is insufficient.")


def test_a_dict_subclass_is_read_by_its_own_in_and_subscript():
    """A dict subclass that keeps its message elsewhere (decoded on access) is read."""
    from catalogue.payload import parse_payload

    class Decoded(dict):
        def __contains__(self, key):
            return key == "msg" or super().__contains__(key)

        def __getitem__(self, key):
            if key == "msg":
                return bytes(super().get("raw", b"")).decode()
            return super().__getitem__(key)

    payload = Decoded(code=-1121, raw=b"Invalid symbol.")
    assert parse_payload(payload) == (-1121, "Invalid symbol.")
