"""The README's web examples, run: a FastAPI app and a Flask + Flask-Babel app.

The two apps below are the README's "In a web app" code, line for line (keep them in
step); only the python-binance ``client`` is a stand-in.  It raises what python-binance
raises on an HTTP 400: ``Client._handle_response`` given a ``requests.Response`` built
offline.  No test touches the network: sockets and DNS are refused for every test, and
both test clients call the app in-process.

The expected text is read from ``locales/<locale>/LC_MESSAGES/errors.po`` with polib,
each ``%s`` replaced by hand, and the expected locale is written out per case: neither
comes from catalogue's own output.
"""

from __future__ import annotations

import functools
import json
import warnings
from pathlib import Path

import polib
import pytest
import requests
from babel import Locale
from conftest import body_of, po_file
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from flask import Flask, jsonify, request
from flask_babel import Babel, get_locale
from requests.structures import CaseInsensitiveDict

from catalogue import localize, negotiate_locale
from catalogue.locales import shipped_locales

# Import python-binance's submodules only (see tests/test_clients.py): its
# ``binance/__init__`` imports the legacy websockets API, which warns on import.
with warnings.catch_warnings():
    warnings.filterwarnings(
        "ignore", r"websockets\.WebSocketClientProtocol is deprecated", DeprecationWarning
    )
    warnings.filterwarnings("ignore", r"websockets\.legacy is deprecated", DeprecationWarning)
    from binance.client import Client
    from binance.exceptions import BinanceAPIException

LOCALES = Path(__file__).resolve().parent.parent / "locales"
MANDATORY_MSG = "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."
MANDATORY_TPL = "Mandatory parameter '%s' was not sent, was empty/null, or malformed."
UNKNOWN_CODE_MSG = "Some brand new error."


class StandInClient:
    """python-binance's ``Client`` as far as the apps use it, answering every order with *body*.

    The real ``Client(api_key, api_secret)`` pings the server when it is built.
    """

    def __init__(self) -> None:
        self.body = body_of(-1102, MANDATORY_MSG)
        self.orders: list[dict] = []

    def futures_create_order(self, **params):
        self.orders.append(params)
        response = requests.Response()
        response.status_code = 400
        response._content = self.body.encode()
        response.headers = CaseInsensitiveDict({"Content-Type": "application/json"})
        response.url = "https://fapi.binance.com/fapi/v1/order"
        response.encoding = "utf-8"
        return Client._handle_response(response)  # raises BinanceAPIException, as Client does


client = StandInClient()


# -- README: FastAPI ---------------------------------------------------------------------

app = FastAPI()


@app.exception_handler(BinanceAPIException)
async def binance_error(request: Request, exc: BinanceAPIException) -> JSONResponse:
    answer = localize(exc, locale=request.headers.get("accept-language"))
    body = {"error": answer.text, "code": answer.match.code if answer.match else None}
    headers = {"Content-Language": answer.locale.replace("_", "-")}
    return JSONResponse(body, status_code=400, headers=headers)


@app.post("/order")
def create_order() -> dict:
    return client.futures_create_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity=1)


# -- README: Flask + Flask-Babel ---------------------------------------------------------

flask_app = Flask(__name__)
flask_app.config["BABEL_DEFAULT_LOCALE"] = "zh_CN"  # no Accept-Language: catalogue's default


def select_locale() -> str | None:
    if not request.accept_languages:
        return None  # BABEL_DEFAULT_LOCALE
    # Offer the locales as catalogue names them ("zh_TW"): Werkzeug matches "zh-TW" to
    # them, and Flask-Babel's Locale.parse rejects "zh-TW".  No match: English.
    return request.accept_languages.best_match(shipped_locales(), default="en")


Babel(flask_app, locale_selector=select_locale)


@flask_app.errorhandler(BinanceAPIException)
def flask_binance_error(exc: BinanceAPIException):
    answer = localize(exc, locale=get_locale())  # a babel.Locale
    body = {"error": answer.text, "code": answer.match.code if answer.match else None}
    return jsonify(body), 400, {"Content-Language": answer.locale.replace("_", "-")}


@flask_app.post("/order")
def flask_create_order():
    return client.futures_create_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity=1)


# -- the tests ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _offline(offline):
    """Every test here runs without the network."""


@pytest.fixture(autouse=True)
def _fresh_client(monkeypatch):
    monkeypatch.setattr(client, "body", body_of(-1102, MANDATORY_MSG))
    monkeypatch.setattr(client, "orders", [])


@pytest.fixture
def fastapi_client():
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def flask_client():
    flask_app.config["TESTING"] = True
    return flask_app.test_client()


APPS = ["fastapi_client", "flask_client"]


@functools.cache
def _po_entries(locale: str) -> dict[tuple[str | None, str], polib.POEntry]:
    po = polib.pofile(str(po_file(locale)))
    return {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}


def expected_text(locale: str, code: int, template: str, *params: str) -> str:
    """*template* of *code* as *locale*'s ``.po`` has it, its ``%s`` filled in order."""
    entry = _po_entries(locale)[str(code), template]
    assert entry.msgstr
    assert not entry.fuzzy
    text = entry.msgstr
    for param in params:
        assert "%s" in text, (locale, template, text)
        text = text.replace("%s", param, 1)
    assert "%s" not in text
    return text


def json_of(response) -> object:
    """The JSON body of an httpx (FastAPI) or Werkzeug (Flask) test response."""
    return json.loads(response.content if hasattr(response, "content") else response.data)


def test_the_expected_texts_differ():
    """The cases below can tell the locales apart."""
    texts = {
        locale: expected_text(locale, -1102, MANDATORY_TPL, "symbol")
        for locale in ("en", "zh_CN", "zh_TW", "zh_HK")
    }
    assert texts["en"] == MANDATORY_MSG
    assert texts["zh_CN"] == "必填参数symbol未发送、为空或格式错误。"
    assert texts["zh_TW"] != texts["zh_CN"]
    assert len(set(texts.values())) >= 3  # zh_HK may share zh_TW's wording


# (Accept-Language header or None, the locale the answer must be in)
CASES = [
    pytest.param("zh-CN", "zh_CN", id="zh-CN"),
    pytest.param("zh-TW", "zh_TW", id="zh-TW"),
    pytest.param("zh-HK", "zh_HK", id="zh-HK"),
    pytest.param("zh-CN,zh;q=0.9,en;q=0.8", "zh_CN", id="browser-zh-CN"),
    pytest.param("fr-CH, fr;q=0.9, zh-TW;q=0.8, en;q=0.7", "zh_TW", id="q-weights"),
    pytest.param("en-US", "en", id="en-US"),
    pytest.param("fr", "en", id="fr-is-english"),
    pytest.param(None, "zh_CN", id="no-header-is-zh-CN"),
]


@pytest.mark.parametrize("app_client", APPS)
@pytest.mark.parametrize(("header", "locale"), CASES)
def test_error_in_the_negotiated_locale(request, app_client, header, locale):
    test_client = request.getfixturevalue(app_client)
    headers = {} if header is None else {"Accept-Language": header}
    response = test_client.post("/order", headers=headers)
    assert response.status_code == 400
    assert response.headers["Content-Language"] == locale.replace("_", "-")
    assert response.headers["Content-Type"] == "application/json"
    assert json_of(response) == {
        "error": expected_text(locale, -1102, MANDATORY_TPL, "symbol"),
        "code": -1102,
    }
    assert client.orders == [{"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": 1}]


@pytest.mark.parametrize("app_client", APPS)
def test_unknown_code_passes_the_server_text_and_no_code(request, app_client):
    client.body = body_of(-9999, UNKNOWN_CODE_MSG)
    test_client = request.getfixturevalue(app_client)
    response = test_client.post("/order", headers={"Accept-Language": "zh-TW"})
    assert response.status_code == 400
    assert json_of(response) == {"error": UNKNOWN_CODE_MSG, "code": None}


def test_flask_babel_hands_localize_a_babel_locale():
    with flask_app.test_request_context(headers={"Accept-Language": "zh-TW"}):
        locale = get_locale()
        assert isinstance(locale, Locale)
        assert str(locale) == "zh_Hant_TW"  # Babel adds the script; catalogue reads it
        answer = localize(BinanceAPIException(None, 400, client.body), locale=locale)
    assert answer.locale == "zh_TW"
    assert answer.text == expected_text("zh_TW", -1102, MANDATORY_TPL, "symbol")


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        pytest.param("zh-Hant", "zh_TW", id="zh-Hant"),
        # Macau reads Hong Kong's Traditional Chinese; a zh_MO directory would match exactly.
        *([pytest.param("zh-MO", "zh_HK", id="zh-MO")] if "zh_MO" not in shipped_locales() else []),
        pytest.param("zh-SG", "zh_CN", id="zh-SG"),
    ],
)
def test_werkzeug_misses_scripts_and_negotiate_locale_selects_them(header, locale):
    """What the README says of ``best_match``, and of ``negotiate_locale`` as the selector."""
    with flask_app.test_request_context(headers={"Accept-Language": header}):
        assert select_locale() == "en"  # Werkzeug compares tags, not scripts
        chosen = negotiate_locale(request.headers.get("accept-language"))
    assert chosen == locale
    answer = localize(BinanceAPIException(None, 400, client.body), locale=Locale.parse(chosen))
    assert answer.locale == locale
    assert answer.text == expected_text(locale, -1102, MANDATORY_TPL, "symbol")


def test_readme_web_examples_are_the_code_tested_here():
    """The README's two handlers are this module's, line for line (imports aside)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    here = Path(__file__).read_text(encoding="utf-8")
    section = readme[readme.index("### In a web app") : readme.index("## Notifications")]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    for block in blocks:
        body = "\n".join(
            line for line in block.splitlines() if not line.startswith(("from ", "import "))
        ).strip("\n")
        assert body in here
