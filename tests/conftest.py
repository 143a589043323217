"""Shared fixtures: the shipped catalogue, its files and the docs page."""

from __future__ import annotations

import array
import contextlib
import gettext
import io
import json
import re
import struct
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from catalogue import Catalogue
from catalogue.locales import catalogue_path
from catalogue.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
#: The capture of the official page, kept in the repository (issue 9): no test skips.
SEED = ROOT / "tools" / "pages" / "usdm-error-code.zh-CN.md"


def po_file(
    locale: str, domain: str = "errors", ext: str = "po", directory: Path = LOCALES
) -> Path:
    """A catalogue file, where the package's one function for the layout puts it."""
    return Path(catalogue_path(directory, locale, domain, ext))


@contextlib.contextmanager
def calls_of(function: Callable[..., object], argument: str) -> Iterator[list[object]]:
    """The *argument* of each call of *function* made in the block, in order.

    A profile hook watches the calls, so a test counts the work of the public API
    without patching the code under test.
    """
    code, seen = function.__code__, []

    def watch(frame, event, _arg):  # type: ignore[no-untyped-def]
        if event == "call" and frame.f_code is code:
            seen.append(frame.f_locals[argument])

    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        yield seen
    finally:
        sys.setprofile(previous)


def build_mo(entries: list[tuple[bytes, bytes]], order: str = "<") -> bytes:
    """A GNU .mo file of *entries* in byte *order*, written by hand so the header
    can be anything."""
    entries = sorted(entries)
    ids = strs = b""
    keys, values = [], []
    for key, value in entries:
        keys.append((len(key), len(ids)))
        ids += key + b"\0"
        values.append((len(value), len(strs)))
        strs += value + b"\0"
    n = len(entries)
    key_start = 28 + 16 * n
    offsets: list[int] = []
    for length, at in keys:
        offsets += [length, at + key_start]
    for length, at in values:
        offsets += [length, at + key_start + len(ids)]
    head = struct.pack(order + "Iiiiiii", 0x950412DE, 0, n, 28, 28 + n * 8, 0, 0)
    table = array.array("i", offsets)
    if order != "<":
        table.byteswap()
    return head + table.tobytes() + ids + strs


#: What gettext may raise for a file that is no .mo (see ``load_translations``).
MO_ERRORS = (OSError, ValueError, IndexError, LookupError, SyntaxError, struct.error)


def gettext_reads(data: bytes) -> gettext.GNUTranslations | Exception:
    """What the standard library makes of the .mo *data*: its translations, or its error."""
    try:
        return gettext.GNUTranslations(io.BytesIO(data))
    except MO_ERRORS as err:
        return err


def assert_read_as_gettext_reads(got: gettext.NullTranslations, data: bytes) -> None:
    """*got*, our reading of the .mo *data*, holds what gettext reads from it."""
    expected = gettext_reads(data)
    assert isinstance(expected, gettext.GNUTranslations), f"gettext refuses it: {expected!r}"
    assert got._catalog == expected._catalog  # type: ignore[attr-defined]
    assert (got.info(), got.charset()) == (expected.info(), expected.charset())
    assert [plural(got, n) for n in range(30)] == [plural(expected, n) for n in range(30)]


def plural(translations: gettext.NullTranslations, n: int) -> object:
    """Which plural form *translations* takes for *n*, or the error its rule raises
    (a rule gettext accepts may still divide by zero)."""
    try:
        return translations.plural(n)  # type: ignore[attr-defined]
    except ArithmeticError as err:
        return type(err)


@pytest.fixture
def offline(monkeypatch):
    """No socket may connect or resolve: client tests build everything offline."""
    import socket

    def refuse(*args, **kwargs):
        raise OSError("these tests must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def body_of(code: int | None, msg: str) -> str:
    """A compact JSON body, as Binance sends it."""
    data = {"msg": msg} if code is None else {"code": code, "msg": msg}
    return json.dumps(data, separators=(",", ":"))


@pytest.fixture(scope="session")
def cat() -> Catalogue:
    """The shipped catalogue, loaded explicitly."""
    return Catalogue.load(LOCALES)


@pytest.fixture(scope="session")
def zh_po() -> polib.POFile:
    """The zh_CN errors catalogue as the translators wrote it."""
    return polib.pofile(str(po_file("zh_CN")))


@pytest.fixture(scope="session")
def zh() -> dict[tuple[str, str], str]:
    """zh_CN msgstr by (msgctxt, msgid), read from the .po (not through the code under test)."""
    po = polib.pofile(str(po_file("zh_CN")))
    return {(e.msgctxt, e.msgid): e.msgstr for e in po}


@pytest.fixture(scope="session")
def page() -> str:
    """The docs page capture."""
    return SEED.read_text(encoding="utf-8")


# -- helpers shared by the test modules ---------------------------------------

REGISTRY = load_registry()


TEMPLATES = list(REGISTRY.templates())


OWNERS: dict[str, set[int]] = {}


for _t in TEMPLATES:
    OWNERS.setdefault(_t.msgid, set()).add(_t.code)


def zh_filled(zh, code, template, params):
    """The expected Chinese: the .po's msgstr, filled by hand."""
    text = zh[str(code), template]
    for value in params:
        value = ("true" if value else "false") if isinstance(value, bool) else str(value)
        text = re.sub(r"%[sdb]", lambda _m, v=value: v, text, count=1)
    return text


def tiny_catalogue(tmp_path, codes, translations=None):
    """A catalogue of our own: registry JSON + compiled zh_CN .mo."""
    registry = {
        "codes": [
            {
                "code": code,
                "name": f"C{-code}",
                "section": "90xx",
                "messages": [{"msgid": t, "origin": "page"} for t in templates],
                **({"generic": "Generic."} if all("%" in t for t in templates) else {}),
            }
            for code, templates in codes.items()
        ]
    }
    path = tmp_path / "errors.json"
    path.write_text(json.dumps(registry))
    mo = po_file("zh_CN", "errors", "mo", tmp_path / "locales")
    mo.parent.mkdir(parents=True)
    catalog = Catalog(locale="zh_CN")
    for (code, msgid), msgstr in (translations or {}).items():
        catalog.add(msgid, msgstr, context=str(code))
    with mo.open("wb") as fp:
        write_mo(fp, catalog)
    return Catalogue.load(tmp_path / "locales", registry=path)


def params_for(template, rnd):
    """Random parameters of the types *template* takes."""
    out = []
    for kind in template.signature:
        if kind == "d":
            out.append(rnd.randint(-(10**9), 10**9))
        elif kind == "b":
            out.append(rnd.random() < 0.5)
        else:
            out.append("".join(rnd.choices("ABCDEFGHxyz0123456789", k=rnd.randint(1, 12))))
    return tuple(out)
