"""The Catalogue facade: rendering, fallbacks, caches, threads and the default catalogue."""

import collections
import random
import re
import subprocess
import sys
import textwrap
import threading
import time
import tracemalloc

import pytest
from conftest import LOCALES, REGISTRY, TEMPLATES, params_for, po_file, tiny_catalogue, zh_filled

from catalogue import Catalogue, MatchKind, PayloadError, translate
from catalogue import formatter as formatter_module
from catalogue.placeholders import format_template


def test_broken_translation_falls_back_to_english(tmp_path):
    cat = tiny_catalogue(
        tmp_path,
        {-9001: ["Price %s too high for %s."]},
        {(-9001, "Price %s too high for %s."): "价格%s太高"},
    )
    assert cat.translate({"code": -9001, "msg": "Price 5 too high for BTC."}) == (
        "Price 5 too high for BTC."
    )


def test_known_code_unmatched_text_gives_generic(cat, zh):
    m = cat.match({"code": -1121, "msg": "Symbol BTCUSDT is delisted."})
    assert (m.kind, m.template, m.variant, m.raw) == (
        MatchKind.CODE_ONLY,
        "Invalid symbol.",
        -1,
        "Symbol BTCUSDT is delisted.",
    )
    # The generic message, then the values the text holds, so none is lost (issue 9).
    assert cat.translate({"code": -1121, "msg": m.raw}) == zh["-1121", "Invalid symbol."] + (
        "（BTCUSDT）"
    )
    # raw_values keeps every value as sent: these too.
    assert cat.translate({"code": -1121, "msg": m.raw}, raw_values=True) == (
        zh["-1121", "Invalid symbol."] + "（BTCUSDT）"
    )


@pytest.mark.parametrize(
    ("msg", "values"),
    [
        ("Quantity 1,000 exceeds the maximum.", "1,000"),
        ("Leverage 1.5x is not allowed.", "1.5x"),
        ("Closed until 2024-11-24T00:00:00Z.", "2024-11-24T00:00:00Z"),
        ("Symbol BTC-USDT is gone, price -12.5.", "BTC-USDT、-12.5"),
        # A comma without a space still parts two values that are not one number.
        ("Symbol BTCUSDT,ETHUSDT are delisted.", "BTCUSDT、ETHUSDT"),
        ("Quantity 0.001,price 100 rejected.", "0.001、100"),
        ("Path /fapi/v1/balance is invalid.", "/fapi/v1/balance"),
    ],
)
def test_code_only_values_are_shown_whole(cat, zh, msg, values):
    # One value is one item of the list, never split at its own marks.
    assert cat.translate({"code": -1121, "msg": msg}) == (
        zh["-1121", "Invalid symbol."] + f"（{values}）"
    )


def test_unknown_code_returns_server_text(cat):
    payload = {"code": -9411, "msg": "Please accept the new futures agreement."}
    assert cat.match(payload) is None
    assert cat.translate(payload) == payload["msg"]


def test_miss_callback(tmp_path):
    seen = []
    cat = Catalogue.load(LOCALES, on_miss=lambda code, text: seen.append((code, text)))
    cat.translate({"code": -1121, "msg": "Symbol is gone."})
    cat.translate({"code": -1121, "msg": "Invalid symbol."})
    assert seen == [(-1121, "Symbol is gone.")]


def test_render(cat, zh):
    assert cat.render(-1102, ["symbol"], "zh_CN") == zh_filled(
        zh,
        -1102,
        "Mandatory parameter '%s' was not sent, was empty/null, or malformed.",
        ["symbol"],
    )
    assert cat.render(-4020, ["LIMIT", False], "en") == (
        "Target strategy invalid for orderType 'LIMIT',reduceOnly 'false'."
    )
    assert cat.render(-1121, (), "zh_CN") == zh["-1121", "Invalid symbol."]
    assert cat.render(-1102, ["a", "b"], "en", variant=2) == (
        "Param 'a' or 'b' must be sent, but both were empty/null!"
    )
    with pytest.raises(KeyError):
        cat.render(-9999, ())
    with pytest.raises(ValueError, match="no template of -1121 takes"):
        cat.render(-1121, ["x"])


def test_zh_cn_really_loaded(cat):
    assert {"en", "zh_CN"} <= set(cat.locales)
    assert cat.msgstr(-1121, "Invalid symbol.", "zh_CN") == "无效的交易对。"
    translations = cat.translations("zh_CN")
    assert translations.info()["language"] == "zh_Hans_CN"
    assert translations._catalog  # not an empty NullTranslations stand-in


def test_missing_or_corrupt_mo_names_the_file(tmp_path):
    from catalogue import CatalogueError

    po = po_file("zh_CN", directory=tmp_path)
    po.parent.mkdir(parents=True)
    po.write_text("")
    with pytest.raises(CatalogueError, match=re.escape(str(po.with_suffix(".mo")))):
        Catalogue.load(tmp_path)
    po.with_suffix(".mo").write_bytes(b"\x00" * 40)
    with pytest.raises(CatalogueError, match=r"errors\.mo'? is corrupt"):
        Catalogue.load(tmp_path)
    with pytest.raises(CatalogueError, match="does not exist"):
        Catalogue.load(tmp_path / "nowhere")


def test_megabyte_message_translates_and_is_not_cached(cat):
    text = (
        "Mandatory parameter '" + "x" * 1_000_000 + "' was not sent, was empty/null, or malformed."
    )
    before = cat.cache_info()[0]
    assert cat.translate({"code": -1102, "msg": text}, locale="en") == text
    assert cat.cache_info()[0] == before


def test_threads_give_the_serial_results():
    cat = Catalogue.load(LOCALES)
    rnd = random.Random(7)
    workload = []
    for t in TEMPLATES:
        text = format_template(t.msgid, params_for(t, rnd))
        workload += [({"code": t.code, "msg": text}, loc) for loc in ("zh_CN", "en", "zh-TW")]
    rnd.shuffle(workload)
    serial = [Catalogue.load(LOCALES).translate(p, locale=loc) for p, loc in workload]
    results = [None] * len(workload)
    barrier = threading.Barrier(8)

    def work(offset):
        barrier.wait()
        for i in range(offset, len(workload), 8):
            results[i] = cat.translate(workload[i][0], locale=workload[i][1])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == serial


def test_default_catalogue_loads_once_under_threads():
    """In a fresh interpreter, where nothing has loaded it yet, eight threads' first
    translate() load the shared catalogue once."""
    code = textwrap.dedent(
        """
        import threading, time
        import catalogue
        from catalogue import Catalogue

        loads = []
        original = Catalogue.load.__func__

        def counting(cls, *args, **kwargs):
            loads.append(1)
            time.sleep(0.05)
            return original(cls, *args, **kwargs)

        Catalogue.load = classmethod(counting)
        barrier = threading.Barrier(8)
        out = []

        def work():
            barrier.wait()
            out.append(catalogue.translate({"code": -1121, "msg": "Invalid symbol."}))

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert loads == [1], loads
        assert len(set(out)) == 1 and len(out) == 8, out
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_cache_is_bounded():
    cat = Catalogue.load(LOCALES)
    tracemalloc.start()
    try:
        for i in range(30_000):
            cat.translate({"code": -1121, "msg": f"Symbol {i} is gone."})
        first, _ = tracemalloc.get_traced_memory()
        for i in range(30_000, 60_000):
            cat.translate({"code": -1121, "msg": f"Symbol {i} is gone."})
        second, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert cat.cache_info()[0] <= formatter_module.CACHE_SIZE
    assert second - first < 1_000_000, (first, second)


def test_generic_messages_state_no_value_the_server_did_not_send():
    for info in REGISTRY.values():
        if len(info.templates) > 1:
            assert not re.search(r"\d", info.generic), (info.code, info.generic)


def test_dict_changed_during_translation_cannot_poison_the_cache():
    payload = {"code": -1121, "msg": "Symbol is gone."}
    cat = Catalogue.load(LOCALES, on_miss=lambda code, text: payload.update(code=-2019))
    first = cat.translate(payload)
    assert first == cat.msgstr(-1121, "Invalid symbol.", "zh_CN")
    assert cat.translate({"code": -2019, "msg": "Symbol is gone."}) == cat.msgstr(
        -2019, "Margin is insufficient.", "zh_CN"
    )


def test_long_accept_language_headers_are_not_cached_on(cat):
    header = "en;q=0.1, " + ", ".join(f"x-{i};q=0.05" for i in range(2000)) + ", zh;q=0.9"
    before = cat.cache_info()[0]
    assert cat.translate({"code": -1121, "msg": "Invalid symbol."}, locale=header) == (
        cat.msgstr(-1121, "Invalid symbol.", "zh_CN")
    )
    assert cat.cache_info()[0] == before


@pytest.mark.parametrize(
    ("variant", "params", "error", "message"),
    [
        (9, (), IndexError, "-1102 has variants 0 to 5 (-1: the generic message), not 9"),
        ("1", ("a",), IndexError, "not '1'"),
        (-2, (), IndexError, "not -2"),
        (1, ("a", "b"), ValueError, "variant 1 of -1102 does not take ('a', 'b')"),
        (None, (None,), ValueError, "a parameter must be a str, int or bool, not None"),
    ],
)
def test_render_rejects_what_does_not_fit(cat, variant, params, error, message):
    with pytest.raises(error, match=re.escape(message)):
        cat.render(-1102, params, "en", variant=variant)


# -- what an adversarial fuzz campaign found (issue 14) --------------------------------


def test_render_with_the_enum_is_the_render_with_the_int_issue14(zh):
    from catalogue import CodeError, ErrorCode
    from catalogue.registry import msgctxt

    cat = Catalogue.load(LOCALES)
    expected = zh["-4028", "Leverage `%s` is not valid"].replace("%s", "150")
    assert msgctxt(ErrorCode.INVALID_LEVERAGE) == "-4028"  # str() of an IntEnum differs on 3.10
    assert cat.render(ErrorCode.INVALID_LEVERAGE, ["150"], "zh_CN") == expected
    with pytest.raises(CodeError, match="a code must be an int, not float"):
        cat.render(-4028.0, ["150"], "zh_CN")
    assert cat.render(-4028, ["150"], "zh_CN") == expected  # nothing poisoned


@pytest.mark.parametrize(
    ("params", "message"),
    [
        pytest.param(None, "params must be a list or tuple, not NoneType", id="none"),
        pytest.param(5, "params must be a list or tuple, not int", id="int"),
        pytest.param("x", "params must be a list or tuple, not str", id="str"),
    ],
)
def test_render_params_must_be_a_list_or_tuple_issue14(params, message):
    from catalogue import PlaceholderError

    with pytest.raises(PlaceholderError, match=message):
        Catalogue.load(LOCALES).render(-4028, params)


def test_render_huge_int_is_a_placeholder_error_issue14():
    from catalogue import PlaceholderError

    with pytest.raises(PlaceholderError, match="parameter too large"):
        Catalogue.load(LOCALES).render(-1015, [10**5000, "MINUTE"])


def test_caches_are_keyed_by_the_normalised_code_issue14():
    cat = Catalogue.load(LOCALES)
    expected = cat.translate({"code": -1121, "msg": "Invalid symbol."})
    for spelling in ("-1121", " -1121 ", "  -1121" + " " * 5000):
        assert cat.translate({"code": spelling, "msg": "Invalid symbol."}) == expected
    assert cat.cache_info()[0] == 1  # one entry, whatever the spelling


@pytest.mark.parametrize(
    "payload",
    [
        {"code": True, "msg": "Invalid symbol."},  # True == 1, and hashes alike
        {"code": 1.0, "msg": "Invalid symbol."},
        {"code": 1, "msg": collections.UserString("Invalid symbol.")},  # equal, same hash
        {"code": 1, "msg": ["Invalid symbol."]},
        {"code": 1},
    ],
    ids=["bool-code", "float-code", "userstring-msg", "list-msg", "no-msg"],
)
def test_a_warm_cache_answers_nothing_parsing_refuses(payload):
    """What a cached key equals or hashes like is still refused (the cache's hot path)."""
    cat = Catalogue.load(LOCALES)
    expected = cat.translate({"code": 1, "msg": "Invalid symbol."})
    assert expected == cat.msgstr(-1121, "Invalid symbol.", "zh_CN")  # another code's text
    with pytest.raises(PayloadError):
        cat.translate(payload)
    assert cat.translate(payload, default="no error") == "no error"
    # A str subclass is a str to parsing, and to the cache alike.
    subclass = type("Text", (str,), {})("Invalid symbol.")
    assert cat.translate({"code": 1, "msg": subclass}) == expected
    assert cat.cache_info()[0] == 1


def test_padded_codes_keep_memory_bounded_issue14():
    cat = Catalogue.load(LOCALES)
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for i in range(5000):
            cat.translate({"code": " " * 10_000 + "-1121", "msg": f"Symbol {i} is gone."})
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 20_000_000, after - before  # the 50 MB of padding is not kept


def test_on_miss_once_per_message_whatever_the_locale_or_length_issue14():
    seen = []
    cat = Catalogue.load(LOCALES, on_miss=lambda code, text: seen.append((code, len(text))))
    long = "Symbol " + "X" * 1000 + " is gone."
    for _ in range(3):
        for locale in ("zh_CN", "en", "zh-TW"):
            cat.translate({"code": -1121, "msg": long}, locale=locale)
            cat.translate({"code": -1121, "msg": "Gone."}, locale=locale)
    assert sorted(seen) == [(-1121, 5), (-1121, len(long))]


def test_on_miss_once_per_message_when_threads_race(monkeypatch):
    seen = []
    cat = Catalogue.load(LOCALES, on_miss=lambda code, text: seen.append((code, text)))
    put = formatter_module._put

    def slow_put(*args):  # every thread has looked before any remembers the message
        time.sleep(0.05)
        return put(*args)

    monkeypatch.setattr(formatter_module, "_put", slow_put)
    barrier = threading.Barrier(4)

    def work():
        barrier.wait()
        cat.match({"code": -9999, "msg": "Brand new."})

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [(-9999, "Brand new.")]


def test_localize_says_the_language_the_text_is_in_issue12(tmp_path):
    answer = Catalogue.load(LOCALES).localize({"code": -9999, "msg": "Boom."}, locale="zh-TW")
    assert (answer.text, answer.locale, answer.match) == ("Boom.", "en", None)
    broken = tiny_catalogue(
        tmp_path,
        {-9001: ["Price %s too high for %s."]},
        {(-9001, "Price %s too high for %s."): "价格%s太高"},
    )
    answer = broken.localize({"code": -9001, "msg": "Price 5 too high for BTC."}, locale="zh_CN")
    assert (answer.text, answer.locale) == ("Price 5 too high for BTC.", "en")


def test_the_servers_digits_are_rendered_as_sent_issue8(zh):
    msg = "duplicate options id 007 for user 0012"
    cat = Catalogue.load(LOCALES)
    m = cat.match({"code": -4079, "msg": msg})
    assert (m.params, m.values) == ((7, 12), ("007", "0012"))
    expected = zh["-4079", "duplicate options id %d for user %d"]
    expected = expected.replace("%d", "007", 1).replace("%d", "0012", 1)
    assert cat.translate({"code": -4079, "msg": msg}) == expected


def test_your_translations_over_ours_issue12(tmp_path):
    """A user's directory first: its entries win, ours fill the rest, in both domains."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    po_file("zh_CN", directory=tmp_path / "mine").parent.mkdir(parents=True)
    for domain, entries in (
        ("errors", {("-1121", "Invalid symbol."): "交易对不存在（我们的说法）"}),
        ("messages", {(None, "Reason:"): "原因（我们的）："}),
    ):
        catalog = Catalog(locale="zh_CN")
        for (context, msgid), msgstr in entries.items():
            catalog.add(msgid, msgstr, context=context)
        with po_file("zh_CN", domain, "mo", tmp_path / "mine").open("wb") as fp:
            write_mo(fp, catalog)
    cat = Catalogue.load(tmp_path / "mine", LOCALES)
    assert cat.translate({"code": -1121, "msg": "Invalid symbol."}) == "交易对不存在（我们的说法）"
    margin = cat.translate({"code": -2019, "msg": "Margin is insufficient."})
    assert margin == Catalogue.load(LOCALES).translate(
        {"code": -2019, "msg": "Margin is insufficient."}
    )
    assert cat.translations("zh_CN", "messages").gettext("Reason:") == "原因（我们的）："
    assert set(cat.locales) == set(Catalogue.load(LOCALES).locales)


@pytest.mark.parametrize("wrap", [str, lambda path: path])
def test_one_path_is_one_directory(wrap):
    one = Catalogue(REGISTRY, wrap(LOCALES))
    assert (one.directories, one.locales) == ((str(LOCALES),), Catalogue.load(LOCALES).locales)


def test_load_lists_each_directory_once(tmp_path, monkeypatch):
    import os

    (tmp_path / "mine").mkdir()
    listed = []
    real = os.listdir
    monkeypatch.setattr(os, "listdir", lambda d: listed.append(os.fspath(d)) or real(d))
    cat = Catalogue.load(tmp_path / "mine", LOCALES)
    # Once for the two directories, not once more for each locale.
    assert sorted(listed) == sorted([os.fspath(tmp_path / "mine"), os.fspath(LOCALES)])
    assert cat.locales == Catalogue.load(LOCALES).locales


def test_fallbacks_leave_a_trace_once_issue12(tmp_path, caplog):
    import logging

    cat = tiny_catalogue(
        tmp_path,
        {-9001: ["Price %s too high for %s."]},
        {(-9001, "Price %s too high for %s."): "价格%s太高"},
    )
    with caplog.at_level(logging.DEBUG, logger="catalogue"):
        for _ in range(3):
            cat.translate({"code": -9001, "msg": "Price 5 too high for BTC."}, locale="zh_CN")
            cat.translate({"code": -9001, "msg": "Something else."}, locale="zh_CN")
            cat.translate({"code": -9999, "msg": "Who knows."}, locale="zh_CN")
    messages = [r.getMessage() for r in caplog.records]
    assert sum("broken translation" in m for m in messages) == 1
    assert [r.levelname for r in caplog.records if "broken" in r.getMessage()] == ["WARNING"]
    assert sum("no template fits" in m for m in messages) == 1
    assert sum("unknown code -9999" in m for m in messages) == 1


def test_code_only_values_keep_their_sign_and_come_before_the_hint_review(zh):
    text = translate({"code": -2019, "msg": "Margin is insufficient. Available balance: -12.5"})
    assert text.endswith("（-12.5）")
    hinted = translate(
        {"code": -2022, "msg": "ReduceOnly Order is rejected for symbol BTCUSDT now."}, hint=True
    )
    info = Catalogue.load(LOCALES).registry[-2022]
    assert hinted == zh["-2022", info.generic] + "（BTCUSDT）" + zh["-2022", info.hint]


def test_an_untranslated_entry_says_it_is_english_review(tmp_path):
    cat = tiny_catalogue(
        tmp_path, {-9001: ["Plain text.", "Other text."]}, {(-9001, "Plain text."): "纯文本。"}
    )
    assert cat.localize({"code": -9001, "msg": "Plain text."}).locale == "zh_CN"
    answer = cat.localize({"code": -9001, "msg": "Other text."})
    assert (answer.text, answer.locale) == ("Other text.", "en")


def test_a_geo_block_is_not_retryable_review():
    msg = (
        "Service unavailable from a restricted location according to 'b. Eligibility' in "
        "https://www.binance.com/en/terms. Please contact customer service if you believe "
        "you received this message in error."
    )
    m = Catalogue.load(LOCALES).match({"code": 0, "msg": msg})
    assert (m.category, m.retryable) == ("account_restricted", False)
