"""What a user holds when an error arrives, reduced to ``(code, msg)``.

A payload is a dict (``{"code": -1102, "msg": "..."}``), the HTTP body as JSON
``str`` or ``bytes``, or an exception raised by a client library.  Exceptions
are recognised by what they carry, never by importing the client: python-binance
and binance-futures-connector both install a top-level ``binance`` package, and
importing either on this path would break the other.

===============================================  =====================================
client                                           carries
===============================================  =====================================
python-binance ``BinanceAPIException``           ``.code``, ``.message``
binance-futures-connector ``ClientError``        ``.error_code``, ``.error_message``
binance-sdk-* ``BadRequestError`` and siblings   ``.status_code`` (the Binance code),
                                                 ``.error_message``
CCXT ``ExchangeError`` and subclasses            only text: ``"binanceusdm {json}"``,
                                                 ``"binanceusdm 429 ... {json}"``,
                                                 ``"binanceusdm <msg>"``
===============================================  =====================================

The market a payload comes from is told, where a client tells it, by
:func:`market_of`: CCXT's exchange id, python-binance's request URL, the package
of the official connector or SDK that raised.
"""

from __future__ import annotations

import json
import re

from catalogue.errors import PayloadError, SuccessReply, show

__all__ = [
    "failure_after_parse",
    "failure_of",
    "looks_like_html",
    "market_of",
    "parse_payload",
    "retry_after_of",
]

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing stays off the import path
    from typing import Any, Protocol, TypeAlias

    #: Anything :func:`parse_payload` accepts.
    Payload: TypeAlias = "dict[str, Any] | str | bytes | BaseException"

    class BinanceAPIExceptionLike(Protocol):
        """python-binance's ``BinanceAPIException``: code and message as attributes."""

        code: int | None
        message: str

    class ClientErrorLike(Protocol):
        """binance-futures-connector's ``ClientError`` (``error_code``) or the SDK's
        errors (``status_code`` holds the Binance code)."""

        error_message: str | None


#: What may stand before a body in CCXT's text: nothing, or ``429 Too Many Requests``.
#: Compiled by ``re``'s own cache on first use: only a client's exception needs it.
_STATUS_LINE = r"(?:[1-5][0-9][0-9](?: [A-Za-z' -]*)?)? *"
#: How many ``{`` of an exception's text are tried as the start of a JSON body.
_JSON_TRIES = 16
_decoder = json.JSONDecoder()


#: A Java ``long`` has at most 19 digits; a Binance code is far shorter.
_CODE_LIMIT = 10**19
#: The code of Binance's success replies (``{"code": 200, "msg": "success"}``), no error.
SUCCESS_CODE = 200


def _code(value: object, payload: object) -> int | None:
    """A Binance code from an int (an ``IntEnum`` too) or a numeric string; ``None`` if absent."""
    if value is None:
        return None
    if type(value) is int and -_CODE_LIMIT < value < _CODE_LIMIT:  # the common case
        return value
    if isinstance(value, int) and not isinstance(value, bool):  # True is no code
        if -_CODE_LIMIT < value < _CODE_LIMIT:
            return int(value)
    elif isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[:1] in "+-" else text
        # A long string of digits is no code, and int() refuses over 4300 of them.
        if digits.isascii() and digits.isdigit() and len(digits) <= 19:
            return int(text)
    raise PayloadError(
        f"payload's 'code' must be an integer (at most 19 digits) or a numeric string, "
        f"not {show(value)}",
        payload,
    )


def _from_dict(data: dict[str, object], payload: object) -> tuple[int | None, str]:
    if "msg" not in data:
        raise PayloadError(f"payload has no 'msg' field: {show(payload)}", payload)
    msg = data["msg"]
    if not isinstance(msg, str):
        raise PayloadError(
            f"payload's 'msg' must be a string, not {type(msg).__name__}: {show(msg)}",
            payload,
        )
    return _code(data.get("code"), payload), msg


def _from_json(text: str, payload: object) -> tuple[int | None, str]:
    if text[:1] == "\ufeff":  # a byte-order mark, as requests' .text may keep it
        text = text[1:]
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        reason = err if isinstance(err, ValueError) else "nested too deeply"
        raise PayloadError(f"payload is not JSON ({reason}): {show(text)}", payload) from err
    if not isinstance(data, dict):
        raise PayloadError(
            f"payload's JSON must be an object, not {type(data).__name__}: {show(text)}",
            payload,
        )
    return _from_dict(data, payload)


def _is_success(value: object) -> bool:
    """Whether *value* is the success code, read as :func:`_code` reads a code."""
    try:
        return _code(value, value) == SUCCESS_CODE
    except PayloadError:
        return False


def _embedded_json(text: str) -> dict[str, object] | None:
    """The first JSON object with a ``msg`` inside *text* (a list's first such item)."""
    start = 0
    for _ in range(_JSON_TRIES):
        brace = text.find("{", start)
        bracket = text.find("[", start, brace if brace >= 0 else len(text))
        at = bracket if bracket >= 0 else brace
        if at < 0:
            return None
        try:
            data, _end = _decoder.raw_decode(text, at)
        except (ValueError, RecursionError):
            start = at + 1
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if (
                isinstance(item, dict)
                and isinstance(item.get("msg"), str)
                and not _is_success(item.get("code"))
            ):
                return item  # the first error of a list, past any success reply
        start = at + 1
    return None


def _json_body(text: str) -> object:
    """*text* decoded, if it is a JSON object (or a list of them) alone or after an HTTP
    status line (``429 Too Many Requests {...}``); else ``None``: a sentence that ends
    in brackets (``... options["timeDifference"]``) is a message."""
    starts = [at for at in (text.find("{"), text.find("[")) if at >= 0]
    if not starts or not re.fullmatch(_STATUS_LINE, text[: min(starts)]):
        return None
    try:
        body, end = _decoder.raw_decode(text, min(starts))
    except (ValueError, RecursionError):
        return None
    if text[end:].strip():
        return None
    return body if all(isinstance(item, dict) for item in _items(body)) else None


def _items(body: object) -> list[object]:
    """The replies in *body*: the items of a non-empty list, else *body* itself."""
    return body if isinstance(body, list) and body else [body]


def _is_success_body(body: object) -> bool:
    """Whether *body* is a success reply, or a list of nothing else."""
    return all(isinstance(item, dict) and _is_success(item.get("code")) for item in _items(body))


def _from_exception(exc: BaseException) -> tuple[int | None, str]:
    message = getattr(exc, "error_message", None)
    if isinstance(message, str):  # futures connector, official SDK
        code = getattr(exc, "error_code", None)
        if code is None:
            status = getattr(exc, "status_code", None)
            # The SDK puts the Binance code in status_code; HTTP statuses are positive.
            code = status if isinstance(status, int) and status < 0 else None
        return _code(code, exc), message
    message = getattr(exc, "message", None)
    if isinstance(message, str) and hasattr(exc, "code"):  # python-binance
        return _code(getattr(exc, "code", None), exc), message
    for arg in exc.args:  # the SDK's WebSocket API raises ValueError(error_dict)
        if isinstance(arg, dict) and "msg" in arg:
            return _from_dict(arg, exc)
    text = str(exc)
    response = getattr(exc, "response", None)
    body = getattr(response, "text", None) if response is not None else None
    # The connector's ServerError keeps the raw body in .message; its str() is a
    # repr, where quotes are escaped.  CCXT and the rest quote the body in str();
    # requests' HTTPError keeps it on its response.
    for candidate in (message, text, body):
        found = _embedded_json(candidate) if isinstance(candidate, str) else None
        if found is not None:
            return _from_dict(found, exc)
    if type(exc).__module__.split(".")[0] == "ccxt":
        # "<exchange id> <msg>": CCXT drops the body when it knows the message.
        _id, _, msg = text.partition(" ")
        msg = msg.strip()
        quoted = _json_body(msg)
        if quoted is not None and _is_success_body(quoted):
            return SUCCESS_CODE, msg  # a success reply: parse_payload says so
        if msg and quoted is None:
            return None, msg
        # A body with no message (only a code, or "msg": null) is no text to show.
    raise PayloadError(
        f"exception {type(exc).__name__} carries no Binance error: {show(text)}", exc
    )


#: CCXT's exchange ids and the market each one trades by default.
_CCXT_MARKETS = {"binance": "spot", "binanceusdm": "usdm", "binancecoinm": "coinm"}
#: The first path segment of Binance's REST endpoints, and its market.
_URL_MARKETS = (("/fapi/", "usdm"), ("/dapi/", "coinm"), ("/sapi/", "margin"), ("/api/", "spot"))
#: The packages of Binance's own connectors and SDKs, and the market of each.
_PACKAGE_MARKETS = (
    ("binance.um_futures", "usdm"),
    ("binance_sdk_derivatives_trading_usds_futures", "usdm"),
    ("binance.cm_futures", "coinm"),
    ("binance_sdk_derivatives_trading_coin_futures", "coinm"),
    ("binance.spot", "spot"),
    ("binance_sdk_spot", "spot"),
)
#: How many frames of a traceback are looked at for a connector's package.
_FRAME_LIMIT = 64


def market_of(payload: object) -> str | None:
    """The market a client's exception says it comes from; ``None`` when it does not tell.

    CCXT's exchange id (``binance`` trades spot by default, ``binanceusdm`` USDⓈ-M),
    python-binance's request URL (``/api/`` spot, ``/fapi/`` USDⓈ-M), or the package of
    the official connector or SDK that raised it (``binance.um_futures``,
    ``binance_sdk_spot``).  The answer may name a market the registry lacks
    (``"coinm"``, ``"margin"``).  Dicts and bodies never tell.

    >>> class ExchangeError(Exception): __module__ = "ccxt.base.errors"
    >>> market_of(ExchangeError('binanceusdm {"code":-2019,"msg":"Margin is insufficient."}'))
    'usdm'
    """
    if not isinstance(payload, BaseException):
        return None
    try:
        if type(payload).__module__.split(".")[0] == "ccxt":
            return _CCXT_MARKETS.get(str(payload).partition(" ")[0])
        response = getattr(payload, "response", None)
        request = getattr(payload, "request", None) or getattr(response, "request", None)
        info = getattr(response, "request_info", None)  # aiohttp, under AsyncClient
        urls = (
            getattr(response, "url", None),
            getattr(request, "url", None),
            getattr(info, "url", None),
        )
        for url in urls:
            if url is not None and not isinstance(url, str):
                url = str(url)  # aiohttp's yarl.URL, httpx's URL
            if isinstance(url, str):
                path = "/" + url.partition("://")[2].partition("/")[2]
                for prefix, market in _URL_MARKETS:
                    if path.startswith(prefix):
                        return market
        tb, frames = payload.__traceback__, 0
        while tb is not None and frames < _FRAME_LIMIT:
            module = tb.tb_frame.f_globals.get("__name__")
            if isinstance(module, str):
                for package, market in _PACKAGE_MARKETS:
                    if module == package or module.startswith(package + "."):
                        return market
            tb, frames = tb.tb_next, frames + 1
    except Exception:  # a client's odd exception tells nothing; it must not break a request
        return None
    return None


def parse_payload(payload: Payload) -> tuple[int | None, str]:
    """Reduce *payload* to ``(code, msg)``; ``code`` is ``None`` when the payload has none.

    >>> parse_payload({"code": "-1121", "msg": "Invalid symbol."})
    (-1121, 'Invalid symbol.')
    >>> parse_payload(b'{"code":-2019,"msg":"Margin is insufficient."}')
    (-2019, 'Margin is insufficient.')

    The message comes back as a plain ``str`` (a subclass such as markupsafe's
    ``Markup`` is not kept), and a JSON body may start with a byte-order mark.

    :raises PayloadError: if *payload* is of another type, is not JSON, has no
        string ``msg``, has a ``code`` that is not an integer, or is an exception
        that carries no Binance error; :class:`SuccessReply`, a ``PayloadError``,
        for a success reply (code 200).  The message names what was wrong.
    """
    code, msg = _parse(payload)
    if type(msg) is not str:
        # A str subclass (markupsafe's Markup, say) would be cached and handed to the
        # next caller of the same text: the server's text is plain text, for everyone.
        msg = str.__str__(msg)
    if code == SUCCESS_CODE:
        raise SuccessReply(
            f"payload is a success reply (code 200), not an error: {show(payload)}", payload
        )
    return code, msg


def _parse(payload: Payload) -> tuple[int | None, str]:
    if isinstance(payload, dict):
        return _from_dict(payload, payload)
    if isinstance(payload, (bytes, bytearray)):
        try:
            return _from_json(bytes(payload).decode("utf-8-sig"), payload)
        except UnicodeDecodeError as err:
            raise PayloadError(f"payload is not valid UTF-8: {show(payload)}", payload) from err
    if isinstance(payload, str):
        return _from_json(payload, payload)
    if isinstance(payload, BaseException):
        try:
            return _from_exception(payload)
        except PayloadError:
            raise
        except Exception as err:  # a property or __str__ of the exception that raises
            raise PayloadError(
                f"exception {type(payload).__name__} cannot be read: {err!r}", payload
            ) from err
    raise PayloadError(
        "payload must be a dict, a JSON str or bytes, or a client exception, "
        f"not {type(payload).__name__}: {show(payload)}",
        payload,
    )


def retry_after_of(payload: object) -> float | None:
    """The seconds a 429 or 418 response told the client to wait, if *payload* carries them.

    The official SDK keeps the ``Retry-After`` header as ``.retry_after``; an exception
    holding the HTTP response (python-binance's ``.response``) has it in the headers.

    >>> class Banned(Exception):
    ...     retry_after = 120
    >>> retry_after_of(Banned()), retry_after_of({"code": -1003, "msg": "x"})
    (120.0, None)
    """
    if not isinstance(payload, BaseException):
        return None
    for holder in (payload, getattr(payload, "response", None)):
        value = getattr(holder, "retry_after", None)
        headers = getattr(holder, "headers", None)
        if value is None and headers is not None:
            try:
                value = headers.get("Retry-After") or headers.get("retry-after")
            except Exception:  # headers of an unexpected type: no advice, no crash
                value = None
        try:
            seconds = float(value) if value is not None and not isinstance(value, bool) else None
        except (TypeError, ValueError):
            seconds = None  # an HTTP date, or junk: not a number of seconds
        if seconds is not None and 0 <= seconds < 10**9:
            return seconds
    return None


#: Failures that are not Binance errors, by the class names a client gives them (first
#: match wins; a class's whole MRO is looked at, so subclasses count).
_FAILURE_NAMES = (
    (
        "timeout",
        {
            "Timeout",
            "ReadTimeout",
            "ConnectTimeout",
            "RequestTimeout",
            "TimeoutError",
            "TimeoutException",
            "ServerTimeoutError",
        },
    ),
    # Before "network": CCXT's rate-limit classes are NetworkErrors too.
    ("rate_limit", {"RateLimitExceeded", "TooManyRequestsError", "RateLimitBanError"}),
    ("firewall", {"DDoSProtection", "ForbiddenError"}),
    (
        "bad_request",
        {
            "ParameterRequiredError",
            "ParameterArgumentError",
            "ParameterTypeError",
            "ParameterValueError",
            "RequiredError",
            "ArgumentsRequired",
            "BinanceOrderException",
        },
    ),
    ("server", {"ServerError", "BinanceRequestException", "ExchangeNotAvailable"}),
    (
        "network",
        {
            "ConnectionError",
            "NetworkError",
            "ConnectError",
            "ClientConnectorError",
            "ProxyError",
            "SSLError",
            "RequestException",
        },
    ),
)
_HTML_MARKS = ("<html", "<!doctype", "<head", "<body")


def looks_like_html(text: str) -> bool:
    """Whether *text* is a web page (a firewall's or a gateway's), not an API message.

    >>> looks_like_html("<html><body>403 Forbidden</body></html>"), looks_like_html("Bad")
    (True, False)
    """
    head = text[:2000].lower()
    return any(mark in head for mark in _HTML_MARKS)


def _status(exc: BaseException) -> int | None:
    for holder in (exc, getattr(exc, "response", None)):
        for name in ("status_code", "status", "http_status"):
            value = getattr(holder, name, None)
            if isinstance(value, int) and not isinstance(value, bool) and 100 <= value < 600:
                return value
    return None


def failure_of(payload: object) -> tuple[str, str] | None:
    """A client exception's kind of failure, when it carries no Binance error.

    ``(kind, original)``: *kind* is ``"timeout"``, ``"network"``, ``"firewall"`` (an
    HTML page from a firewall, or CCXT's ``DDoSProtection``), ``"server"`` (the
    exchange's or a gateway's failure, an unreadable response) or ``"bad_request"``
    (the client refused to build the request); *original* is the exception's own
    text.  ``None`` for anything else.  Recognised by class names and content, never
    by importing a client.

    >>> class ReadTimeout(OSError): ...
    >>> failure_of(ReadTimeout("HTTPSConnectionPool(host='fapi.binance.com'): timed out"))[0]
    'timeout'
    """
    try:
        return _failure_of(payload)
    except Exception:  # a property of the caller's exception that raises: no failure
        return None


def _failure_of(payload: object, *, by_status: bool = True) -> tuple[str, str] | None:
    if not isinstance(payload, BaseException):
        return None
    try:
        original = str(payload)
    except Exception:  # the caller's own __str__ that raises
        original = type(payload).__name__
    names = {cls.__name__ for cls in type(payload).__mro__}
    status = _status(payload)
    if status is not None and status >= 400 and "HTTPError" in names:
        return _by_status(status), original  # requests' raise_for_status(): the status says
    for kind, known in _FAILURE_NAMES:
        if names & known:
            if kind in ("server", "network", "firewall") and looks_like_html(original):
                return _by_status(status), original
            return kind, original
    if looks_like_html(original) or looks_like_html(str(getattr(payload, "message", "") or "")):
        return _by_status(status), original
    if by_status and status is not None and status >= 400:
        return _by_status(status), original  # an HTTP error whose body said nothing readable
    return None


def _by_status(status: int | None) -> str:
    """The failure an HTTP status names when the body does not: 403 a firewall, 418 and
    429 a rate limit, anything else the server."""
    if status == 403:
        return "firewall"
    return "rate_limit" if status in (418, 429) else "server"


def failure_after_parse(payload: object, code: int | None, text: str) -> tuple[str, str] | None:
    """A client exception whose "message" is really a failure of another kind.

    A web page in place of the JSON body (a firewall's 403, a gateway's 502), python-
    binance's code 0 for a body it could not read, or a transport error CCXT reports
    as ``"<exchange> <url>"`` with no Binance code.
    """
    if not isinstance(payload, BaseException):
        return None
    try:
        return _failure_after_parse(payload, code, text)
    except Exception:  # a property of the caller's exception that raises: no failure
        return None


def _failure_after_parse(
    payload: BaseException, code: int | None, text: str
) -> tuple[str, str] | None:
    if looks_like_html(text):
        return _by_status(_status(payload)), text
    if code == 0 and text.startswith("Invalid JSON error message from Binance"):
        return "server", text
    if code is None:  # a message was read: only the client's class can say it is no error
        return _failure_of(payload, by_status=False)
    return None
