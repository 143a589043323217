"""Markets: USDⓈ-M Futures and Spot in one registry and one set of catalogues (issue 13).

Expected Chinese is read from the zh_CN ``.po`` with polib (by ``msgctxt`` and
``msgid``), never from the code under test.  Client exceptions are built offline the
way each library builds them; no test touches the network.
"""

from __future__ import annotations

import json
import warnings

import ccxt
import pytest
import requests
from conftest import body_of, po_file
from requests.structures import CaseInsensitiveDict

import catalogue
from catalogue import Catalogue, MarketError, MatchKind
from catalogue.__main__ import main
from catalogue.notify import render_notification
from catalogue.payload import market_of
from catalogue.registry import load_registry, msgctxt, parse_registry

with warnings.catch_warnings():  # see test_clients.py: python-binance's websocket import
    warnings.filterwarnings(
        "ignore", r"websockets\.WebSocketClientProtocol is deprecated", DeprecationWarning
    )
    warnings.filterwarnings("ignore", r"websockets\.legacy is deprecated", DeprecationWarning)
    from binance.client import Client
    from binance.error import ClientError
    from binance.exceptions import BinanceAPIException
    from binance.um_futures import UMFutures

SPOT_ORDER = "https://api.binance.com/api/v3/order"
FAPI_ORDER = "https://fapi.binance.com/fapi/v1/order"
#: A -2022 text neither market's templates fit: only the market can say what -2022 is.
NEW_2022 = "Something the registry has never seen."


@pytest.fixture(autouse=True)
def _offline(offline):
    """Every test here runs without the network."""


def fake_response(status: int, text: str, url: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = text.encode()
    response.headers = CaseInsensitiveDict({"Content-Type": "application/json"})
    response.url = url
    response.encoding = "utf-8"
    return response


# -- the registry -----------------------------------------------------------------------


def test_the_registry_has_both_markets_default_first():
    reg = load_registry()
    assert list(reg.markets) == ["usdm", "spot"]
    assert reg.market == "usdm"
    spot = reg.in_market("spot")
    assert spot.market == "spot"
    assert spot.in_market("usdm") is reg


def test_a_code_with_two_meanings_is_two_entries_and_two_contexts():
    reg = load_registry()
    futures, spot = reg[-2022], reg.in_market("spot")[-2022]
    assert futures.name == "REDUCE_ONLY_REJECT"
    assert spot.name == "ORDER_CANCEL_REPLACE_FAILED"
    assert (futures.context, spot.context) == ("-2022", "spot:-2022")
    assert (futures.markets, spot.markets) == (("usdm",), ("spot",))


def test_a_code_with_one_meaning_is_one_entry_of_both_markets():
    reg = load_registry()
    assert reg[-1102] is reg.in_market("spot")[-1102]
    assert reg[-1102].markets == ("usdm", "spot")
    assert reg[-1102].context == msgctxt(-1102) == "-1102"


def test_every_entry_once_in_entries():
    reg = load_registry()
    entries = list(reg.entries())
    assert len({id(i) for i in entries}) == len(entries)
    keys = {(i.context, i.code) for i in entries}
    assert len(keys) == len(entries)
    assert {i.code for i in entries} >= set(reg) | set(reg.in_market("spot"))


def test_unknown_market_names_the_input():
    reg = load_registry()
    with pytest.raises(MarketError, match="'coinm'") as info:
        reg.in_market("coinm")
    assert isinstance(info.value, ValueError)
    assert info.value.market == "coinm"


def _registry(codes, markets=None):
    data = {"codes": codes}
    if markets is not None:
        data["markets"] = markets
    return parse_registry(data, "test.json")


def _entry(code, name, markets, template="A text."):
    return {
        "code": code,
        "name": name,
        "section": "11xx",
        "markets": markets,
        "messages": [{"msgid": template, "origin": "page"}],
    }


def test_a_registry_without_markets_is_one_default_market():
    reg = _registry([{k: v for k, v in _entry(-1, "A", []).items() if k != "markets"}])
    assert list(reg.markets) == ["usdm"]
    assert reg[-1].markets == ("usdm",)


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ([_entry(-1, "A", ["usdm"]), _entry(-1, "B", ["usdm", "spot"])], "appears twice"),
        ([_entry(-1, "A", ["spot"]), _entry(-2, "A", ["spot"])], "is taken"),
        ([_entry(-1, "A", ["coinm"])], "'markets' must name"),
        ([_entry(-1, "A", [])], "'markets' must name"),
    ],
)
def test_malformed_markets_are_file_errors(codes, message):
    markets = {"usdm": "USDⓈ-M Futures", "spot": "Spot"}
    with pytest.raises(catalogue.CatalogueFileError, match=message):
        _registry(codes, markets)


def test_same_code_in_disjoint_markets_is_fine():
    markets = {"usdm": "USDⓈ-M Futures", "spot": "Spot"}
    reg = _registry([_entry(-1, "A", ["usdm"]), _entry(-1, "B", ["spot"], "B text.")], markets)
    assert reg[-1].name == "A"
    assert reg.in_market("spot")[-1].name == "B"
    assert reg.in_market("spot")[-1].context == "spot:-1"


# -- matching -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cat():
    return Catalogue.load()


def test_the_text_decides_when_no_market_is_given(cat, zh):
    text = "Order cancel-replace failed."
    m = cat.match({"code": -2022, "msg": text})
    assert (m.market, m.name, m.kind) == ("spot", "ORDER_CANCEL_REPLACE_FAILED", MatchKind.EXACT)
    futures = cat.match({"code": -2022, "msg": "ReduceOnly Order is rejected."})
    assert (futures.market, futures.name) == ("usdm", "REDUCE_ONLY_REJECT")
    assert cat.translate({"code": -2022, "msg": text}) == zh["spot:-2022", text]


def test_a_given_market_is_the_only_one_matched(cat, zh):
    payload = {"code": -2022, "msg": "ReduceOnly Order is rejected."}
    m = cat.match(payload, market="spot")
    assert (m.market, m.kind, m.name) == (
        "spot",
        MatchKind.CODE_ONLY,
        "ORDER_CANCEL_REPLACE_FAILED",
    )
    assert m.raw == payload["msg"]
    generic = cat.registry.in_market("spot")[-2022].generic
    assert cat.translate(payload, market="spot").startswith(zh["spot:-2022", generic])


def test_with_no_fit_anywhere_the_default_market_speaks(cat):
    m = cat.match({"code": -2022, "msg": NEW_2022})
    assert (m.market, m.kind, m.name) == ("usdm", MatchKind.CODE_ONLY, "REDUCE_ONLY_REJECT")


def test_a_code_only_one_market_has_is_found_without_a_market(cat, zh):
    m = cat.match({"code": -2038, "msg": "Unknown order sent."})
    assert (m.market, m.code, m.owner, m.kind) == ("spot", -2038, -2010, MatchKind.EXACT)
    assert m.name == "ORDER_AMEND_REJECTED"
    text = cat.translate({"code": -2038, "msg": "Unknown order sent."})
    assert text == zh["-2010", "Unknown order sent."]


def test_a_table_text_is_each_named_codes_own(cat):
    # The spot page lists these texts for -1010, -2010, -2011 and -2038; -1013 too.
    for code in (-1010, -2010, -2011, -2038, -1013):
        m = cat.match({"code": code, "msg": "Market is closed."}, market="spot")
        assert (m.code, m.kind, m.owner) == (code, MatchKind.EXACT, -2010)


def test_a_codes_own_text_wins_over_a_shared_table_text(cat):
    m = cat.match({"code": -2011, "msg": "Unknown order sent."})
    assert (m.owner, m.variant) == (-2011, 1)


def test_the_generic_message_of_a_spot_only_code(cat, zh):
    info = cat.registry.in_market("spot")[-1034]
    text = cat.render(-1034, (), "zh_CN", market="spot")
    assert text == zh["spot:-1034", info.generic]
    assert cat.render(-1034, (), "zh_CN") == text  # only spot has it


def test_render_picks_the_market(cat, zh):
    futures = cat.render(-2022, (), "zh_CN")
    spot = cat.render(-2022, (), "zh_CN", market="spot")
    assert futures == zh["-2022", "ReduceOnly Order is rejected."]
    assert spot == zh["spot:-2022", "Order cancel-replace failed."]
    with pytest.raises(catalogue.CodeError, match="market 'usdm'"):
        cat.render(-2038, (), "zh_CN", market="usdm")


@pytest.mark.parametrize("market", ["coinm", "", 1, None.__class__])
def test_an_unknown_market_is_refused_everywhere(cat, market):
    payload = {"code": -1121, "msg": "Invalid symbol."}
    for call in (
        lambda: cat.translate(payload, market=market),
        lambda: cat.localize(payload, market=market),
        lambda: cat.match(payload, market=market),
        lambda: cat.render(-1121, (), "en", market=market),
    ):
        with pytest.raises(MarketError):
            call()


def test_a_bad_market_is_named_before_a_bad_locale(cat):
    """translate(), localize() and render() agree on which of two mistakes they name."""
    payload = {"code": -1121, "msg": "Invalid symbol."}
    for call in (
        lambda: cat.translate(payload, 123, market="coinm"),  # type: ignore[arg-type]
        lambda: cat.localize(payload, 123, market="coinm"),  # type: ignore[arg-type]
        lambda: cat.render(-1121, (), 123, market="coinm"),  # type: ignore[arg-type]
    ):
        with pytest.raises(MarketError, match="'coinm'"):
            call()


def test_the_cache_keeps_markets_apart(cat):
    payload = {"code": -2022, "msg": NEW_2022}
    futures = cat.translate(payload, locale="en", market="usdm")
    spot = cat.translate(payload, locale="en", market="spot")
    assert futures != spot
    assert cat.translate(payload, locale="en", market="usdm") == futures


# -- the market a client tells --------------------------------------------------------


def test_python_binance_url_tells_the_market(zh):
    for url, market, key in (
        (SPOT_ORDER, "spot", "spot:-2022"),
        (FAPI_ORDER, "usdm", "-2022"),
    ):
        with pytest.raises(BinanceAPIException) as info:
            Client._handle_response(fake_response(400, body_of(-2022, NEW_2022), url))
        assert market_of(info.value) == market
        m = catalogue.match(info.value)
        assert (m.market, m.kind) == (market, MatchKind.CODE_ONLY)
        generic = load_registry().in_market(market)[-2022].generic
        assert catalogue.translate(info.value).startswith(zh[key, generic])


def test_ccxt_exchange_id_tells_the_market():
    body = body_of(-2022, NEW_2022)
    for exchange, market in ((ccxt.binance(), "spot"), (ccxt.binanceusdm(), "usdm")):
        with pytest.raises(ccxt.BaseError) as info:
            exchange.handle_errors(
                400, "Bad Request", "", "POST", {}, body, json.loads(body), {}, ""
            )
        assert market_of(info.value) == market
        assert catalogue.match(info.value).market == market


def test_the_futures_connectors_package_tells_the_market(zh):
    um = UMFutures(key="k", secret="s")
    response = fake_response(400, body_of(-2022, NEW_2022), FAPI_ORDER)
    um.session.post = lambda **kwargs: response
    with pytest.raises(ClientError) as info:
        um.new_order(symbol="BTCUSDT", side="BUY", type="MARKET", quantity=1)
    um.session.close()
    assert market_of(info.value) == "usdm"
    assert catalogue.match(info.value).market == "usdm"
    # Without the traceback the same exception tells nothing.
    assert market_of(info.value.with_traceback(None)) is None


def test_a_told_market_is_a_preference_not_a_constraint():
    # CCXT's ``binance`` trades spot by default, but a futures text still finds futures.
    body = body_of(-2022, "ReduceOnly Order is rejected.")
    with pytest.raises(ccxt.BaseError) as info:
        ccxt.binance().handle_errors(400, "", "", "POST", {}, body, json.loads(body), {}, "")
    m = catalogue.match(info.value)
    assert (m.market, m.name) == ("usdm", "REDUCE_ONLY_REJECT")


@pytest.mark.parametrize(
    "payload", [{"code": -2022, "msg": "x"}, "text", b"bytes", ValueError("x"), None]
)
def test_payloads_that_do_not_tell(payload):
    assert market_of(payload) is None


def test_an_odd_exception_tells_nothing_and_breaks_nothing():
    class Odd(Exception):
        @property
        def response(self):
            raise RuntimeError("no")

    assert market_of(Odd("x")) is None


# -- command line and notifications ----------------------------------------------------


def test_cli_market(capsys, zh):
    payload = json.dumps({"code": -2022, "msg": NEW_2022})
    assert main(["translate", "--market", "spot", payload]) == 0
    generic = load_registry().in_market("spot")[-2022].generic
    assert capsys.readouterr().out.startswith(zh["spot:-2022", generic])
    assert main(["match", "--market", "spot", payload]) == 0
    assert json.loads(capsys.readouterr().out)["market"] == "spot"
    assert main(["translate", "--market", "coinm", payload]) == 2  # a usage error
    assert "'coinm'" in capsys.readouterr().err


def test_cli_codes_by_market(capsys):
    reg = load_registry()
    assert main(["codes", "--market", "spot", "--locale", "en"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == len(reg.in_market("spot"))
    assert all("spot" in row[3].split(",") for row in rows)
    assert main(["codes", "--locale", "en"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(list(reg.entries()))
    assert main(["codes", "--market", "spot", "-2022", "--locale", "en"]) == 0
    assert capsys.readouterr().out.split("\t")[1] == "ORDER_CANCEL_REPLACE_FAILED"


def test_notification_market(zh):
    context = {"error": {"code": -2022, "msg": NEW_2022}}
    generic = load_registry().in_market("spot")[-2022].generic
    spot = render_notification("generic_error", "zh_CN", context=context, market="spot")
    futures = render_notification("generic_error", "zh_CN", context=context)
    assert zh["spot:-2022", generic] in spot
    assert zh["spot:-2022", generic] not in futures
    with pytest.raises(MarketError):
        render_notification("generic_error", "zh_CN", context=context, market="coinm")


def test_harvest_names_a_code_by_its_markets(tmp_path, capsys):
    logs = tmp_path / "logs.jsonl"
    payloads = [{"code": -2026, "msg": "New."}, {"code": -1013, "msg": "New."}]
    logs.write_text("\n".join(json.dumps(p) for p in payloads), encoding="utf-8")
    assert main(["harvest", str(logs)]) == 0
    out = capsys.readouterr().out
    assert "#. INVALID_MESSAGE (spot): matched no template" in out
    assert 'msgctxt "spot:-1013"' in out
    # -2026 means two things: both names, each with its market.
    assert "REDUCE_ONLY_ORDER_TYPE_NOT_SUPPORTED (usdm) / ORDER_ARCHIVED (spot)" in out.replace(
        "\n#. ", " "
    )


# -- what the review of the first cut found ----------------------------------------------


def test_msgstr_finds_a_spot_only_code(cat, zh):
    text = "Client order ID is not correct for this order ID."
    assert cat.msgstr(-2039, text, "zh_CN") == zh["spot:-2039", text]


def test_at_a_tie_the_market_that_knows_the_code_wins(cat):
    # -1010 is a Spot code; "Market is closed" (no full stop) fits Spot's table text
    # tolerantly in both markets.
    m = cat.match({"code": -1010, "msg": "Market is closed"})
    assert (m.market, m.name, m.category) == ("spot", "ERROR_MSG_RECEIVED", "invalid_order")
    m = cat.match({"code": -1034, "msg": "An unknown error occured while processing the request"})
    assert (m.market, m.name, m.retryable) == ("spot", "TOO_MANY_CONNECTIONS", True)


def test_an_async_clients_url_object_tells_the_market():
    import yarl

    class Response:  # aiohttp's ClientResponse as AsyncClient hands it over: url is a yarl.URL
        url = yarl.URL(SPOT_ORDER)

    exc = BinanceAPIException(Response(), 400, body_of(-2022, NEW_2022))
    assert market_of(exc) == "spot"


def test_a_catalogue_rooted_in_spot_speaks_spot(zh):
    from catalogue.locales import locales_dir

    spot = Catalogue(load_registry().in_market("spot"), [locales_dir()])
    assert spot.markets[0] == "spot"
    assert spot.render(-2022, (), "zh_CN") == zh["spot:-2022", "Order cancel-replace failed."]
    assert spot.match({"code": -2022, "msg": NEW_2022}).market == "spot"


@pytest.mark.parametrize(
    ("markets", "codes", "message"),
    [
        ({"usdm": "F", "Spot Market": "S"}, [_entry(-1, "A", ["usdm"])], "lower-case word"),
        ({"usdm": "F", "value": "S"}, [_entry(-1, "A", ["usdm"])], "lower-case word"),
        ({"usdm": "F", "spot": "S"}, [_entry(-1, "A", ["spot", "spot"])], "once"),
    ],
)
def test_bad_market_names_are_file_errors(markets, codes, message):
    with pytest.raises(catalogue.CatalogueFileError, match=message):
        _registry(codes, markets)


@pytest.mark.parametrize("also", [[-1], [-5], [10**30]])
def test_also_must_name_another_code_of_its_markets(also):
    entry = _entry(-1, "A", ["usdm"])
    entry["messages"][0]["also"] = also
    with pytest.raises(catalogue.CatalogueFileError, match="'also' of -1"):
        _registry([entry, _entry(-2, "B", ["usdm"], "B.")], {"usdm": "F"})


def test_a_str_enum_names_a_market(cat):
    import enum

    class Market(str, enum.Enum):
        SPOT = "spot"

    m = cat.match({"code": -2022, "msg": NEW_2022}, market=Market.SPOT)
    assert m.market == "spot"


def test_a_bad_market_is_refused_before_the_payload_is_read(cat):
    with pytest.raises(MarketError):
        cat.translate("not json", market="bogus", default="?")


@pytest.mark.parametrize("ext", ["txt", "html"])
def test_spot_notifications_speak_of_spot(ext):
    import polib

    from catalogue.locales import locales_dir

    po = polib.pofile(str(po_file("zh_CN", "messages", directory=locales_dir())))
    msgstr = {e.msgid: e.msgstr for e in po}
    context = {
        "order": {"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "quantity": "1"},
        "time": 1732406400000,
        "error": {"code": -2010, "msg": "Account has insufficient balance for requested action."},
    }
    html = ext == "html"
    spot = render_notification("order_rejected", "zh_CN", context=context, html=html, market="spot")
    futures = render_notification("order_rejected", "zh_CN", context=context, html=html)
    spot_line = msgstr["Your %(symbol)s spot order was rejected by the exchange."]
    futures_line = msgstr["Your %(symbol)s futures order was rejected by the exchange."]
    assert spot_line % {"symbol": "BTCUSDT"} in spot
    assert futures_line % {"symbol": "BTCUSDT"} in futures
    assert futures_line % {"symbol": "BTCUSDT"} not in spot


def test_the_official_sdks_package_tells_the_market():
    from binance_common.configuration import ConfigurationRestAPI
    from binance_common.errors import BadRequestError
    from binance_sdk_derivatives_trading_usds_futures.rest_api.models import (
        NewOrderSideEnum,
        NewOrderTypeEnum,
    )
    from binance_sdk_derivatives_trading_usds_futures.rest_api.rest_api import (
        DerivativesTradingUsdsFuturesRestAPI,
    )

    config = ConfigurationRestAPI(api_key="k", api_secret="s", retries=0)
    api = DerivativesTradingUsdsFuturesRestAPI(config)
    response = fake_response(400, body_of(-2022, NEW_2022), FAPI_ORDER)
    api._session.request = lambda **kwargs: response  # the SDK's own session, answered offline
    with pytest.raises(BadRequestError) as info:
        api.new_order(
            symbol="BTCUSDT",
            side=NewOrderSideEnum["BUY"].value,
            type=NewOrderTypeEnum["MARKET"].value,
            quantity=1.0,
        )
    api._session.close()
    assert market_of(info.value) == "usdm"
    m = catalogue.match(info.value)
    assert (m.market, m.code, m.name) == ("usdm", -2022, "REDUCE_ONLY_REJECT")
