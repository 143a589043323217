import json
import random
import re
import threading
import time
import tracemalloc

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from conftest import LOCALES
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue import Catalogue, Match, MatchKind, PayloadError, match, translate
from catalogue import formatter as formatter_module
from catalogue.matching import Compiled
from catalogue.placeholders import format_template
from catalogue.registry import load_registry, registry_path

REGISTRY = load_registry()
TEMPLATES = list(REGISTRY.templates())
OWNERS: dict[str, set[int]] = {}
for _t in TEMPLATES:
    OWNERS.setdefault(_t.template, set()).add(_t.code)


def _zh(zh, code, template, params):
    """The expected Chinese: the .po's msgstr, filled by hand."""
    text = zh[str(code), template]
    for value in params:
        value = ("true" if value else "false") if isinstance(value, bool) else str(value)
        text = re.sub(r"%[sdb]", lambda _m, v=value: v, text, count=1)
    return text


def test_issue_examples():
    msg = "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."
    assert translate({"code": -1102, "msg": msg}, locale="zh_CN") == (
        "强制参数`symbol`未发送，为空/空或格式错误。"
    )
    m = match(
        {"code": -4020, "msg": "Target strategy invalid for orderType 'LIMIT',reduceOnly 'true'."}
    )
    assert (m.code, m.name, m.params) == (-4020, "TARGET_STRATEGY_INVALID", ("LIMIT", True))


def test_match_is_immutable_and_complete(cat):
    m = cat.match(
        {
            "code": -1102,
            "msg": "Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!",
        }
    )
    assert m == Match(
        code=-1102,
        name="MANDATORY_PARAM_EMPTY_OR_MALFORMED",
        template="Param '%s' or '%s' must be sent, but both were empty/null!",
        params=("orderId", "origClientOrderId"),
        variant=2,
        kind=MatchKind.TEMPLATE,
        raw="Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!",
        owner=-1102,
    )
    with pytest.raises(AttributeError):
        m.code = 1  # type: ignore[misc]


def _params_for(template, rnd):
    out = []
    for kind in template.signature:
        if kind == "d":
            out.append(rnd.randint(-(10**9), 10**9))
        elif kind == "b":
            out.append(rnd.random() < 0.5)
        else:
            out.append("".join(rnd.choices("ABCDEFGHxyz0123456789", k=rnd.randint(1, 12))))
    return tuple(out)


@pytest.mark.parametrize("template", TEMPLATES, ids=[f"{t.code}-{t.variant}" for t in TEMPLATES])
def test_every_template_round_trips(cat, zh, template):
    rnd = random.Random(f"{template.code}{template.variant}")
    params = _params_for(template, rnd)
    text = format_template(template.template, params)
    with_code = cat.match({"code": template.code, "msg": text})
    assert (with_code.code, with_code.template, with_code.params) == (
        template.code,
        template.template,
        params,
    )
    assert with_code.kind in (MatchKind.EXACT, MatchKind.TEMPLATE)
    assert with_code.variant == template.variant
    without = cat.match({"msg": text})
    assert (without.template, without.params) == (template.template, params)
    assert without.code in OWNERS[template.template]
    rendered = cat.translate({"code": template.code, "msg": text}, locale="zh_CN")
    assert rendered == _zh(zh, template.code, template.template, params)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_property_any_template_any_params(data):
    cat = Catalogue.load(LOCALES)
    template = data.draw(st.sampled_from([t for t in TEMPLATES if t.signature]))
    params = []
    for kind in template.signature:
        if kind == "d":
            params.append(data.draw(st.integers(-(2**63), 2**63 - 1)))  # a Java long
        elif kind == "b":
            params.append(data.draw(st.booleans()))
        else:
            # A value cannot end in a full stop: at the end of a message that
            # stop belongs to the sentence (see Compiled.match).
            params.append(
                data.draw(st.from_regex(r"([A-Za-z0-9_.\-]{0,19}[A-Za-z0-9_\-])?", fullmatch=True))
            )
    params = tuple(params)
    text = format_template(template.template, params)
    m = cat.match({"code": template.code, "msg": text})
    assert (m.code, m.template) == (template.code, template.template)
    assert format_template(m.template, m.params) == text
    zh_text = cat.translate({"code": template.code, "msg": text}, locale="zh_CN")
    for value in params:
        shown = ("true" if value else "false") if isinstance(value, bool) else str(value)
        assert shown in zh_text


@pytest.mark.parametrize("code", [-4031, -4032])
def test_same_text_two_codes_settled_by_payload_code(cat, code):
    m = cat.match({"code": code, "msg": "Invalid parameter working type: `CONTRACT_PRICE`"})
    assert (m.code, m.owner, m.kind, m.params) == (
        code,
        code,
        MatchKind.TEMPLATE,
        ("CONTRACT_PRICE",),
    )


def test_other_codes_text_keeps_the_server_code(cat, zh):
    m = cat.match({"code": -4016, "msg": "Limit price can't be higher than 27330.52."})
    assert (m.code, m.name, m.owner, m.kind) == (
        -4016,
        "PRICE_HIGHTER_THAN_MULTIPLIER_UP",
        -4183,
        MatchKind.OTHER_CODE,
    )
    assert m.params == ("27330.52",)
    assert cat.translate({"code": -4016, "msg": m.raw}) == _zh(
        zh, -4183, "Limit price can't be higher than %s.", ("27330.52",)
    )


def test_exact_texts_do_not_try_templates(cat, monkeypatch):
    calls = []
    original = Compiled.match
    monkeypatch.setattr(
        Compiled, "match", lambda self, text: calls.append(text) or original(self, text)
    )
    m = cat.match(
        {"code": -1102, "msg": "A mandatory parameter was not sent, was empty/null, or malformed."}
    )
    assert m.kind is MatchKind.EXACT
    assert calls == []
    cat.match(
        {
            "code": -1102,
            "msg": "Mandatory parameter 'x' was not sent, was empty/null, or malformed.",
        }
    )
    assert calls


def test_most_specific_template_wins_without_code(cat):
    m = cat.match(
        {"msg": "Order's notional must be no smaller than 20 (unless you choose reduce only)"}
    )
    assert (m.code, m.params) == (-4164, ("20",))


def test_no_code_at_all(cat):
    m = cat.match({"msg": "Margin is insufficient."})
    assert (m.code, m.kind) == (-2019, MatchKind.EXACT)
    assert (
        cat.translate({"code": "-2019", "msg": "Margin is insufficient."}, locale="zh_CN")
        == "保证金不足"
    )


# -- the server is not the docs ----------------------------------------------

TOLERANT_CASES = [
    # (code, server text, template, params)
    pytest.param(
        -4028, "Leverage 76 is not valid", "Leverage `%s` is not valid", ("76",), id="no-backticks"
    ),
    pytest.param(
        -4021,
        "7 is not valid depth limit",
        "'%s' is not valid depth limit.",
        ("7",),
        id="no-quotes-no-period",
    ),
    pytest.param(
        -1102,
        "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed",
        "Mandatory parameter '%s' was not sent, was empty/null, or malformed.",
        ("symbol",),
        id="period-missing",
    ),
    pytest.param(
        -4131,
        "The counterparty's best price does not meet the PERCENT_PRICE filter limit.",
        "The counterparty's best price does not meet the PERCENT_PRICE filter limit",
        (),
        id="period-added",
    ),
    pytest.param(
        -1102,
        "Mandatory parameter  'symbol'  was not sent,  was empty/null, or malformed.",
        "Mandatory parameter '%s' was not sent, was empty/null, or malformed.",
        ("symbol",),
        id="double-spaces",
    ),
    pytest.param(
        -4116,
        "ClientOrderId is duplicated.",
        "clientOrderId is duplicated",
        (),
        id="first-letter-case",
    ),
    pytest.param(
        -1106,
        "parameter `reduceonly` sent when not required.",
        "Parameter '%s' sent when not required.",
        ("reduceonly",),
        id="backticks-for-quotes",
    ),
    pytest.param(
        -1102,
        'Mandatory parameter "symbol" was not sent, was empty/null, or malformed.',
        "Mandatory parameter '%s' was not sent, was empty/null, or malformed.",
        ("symbol",),
        id="double-quotes",
    ),
    pytest.param(
        -4020,
        "Target strategy invalid for orderType 'LIMIT', reduceOnly 'TRUE'.",
        "Target strategy invalid for orderType '%s',reduceOnly '%b'.",
        ("LIMIT", True),
        id="space-after-comma-bool-case",
    ),
    pytest.param(
        -4016,
        "Limit price can't be higher than 9953.53",
        "Limit price can't be higher than %s.",
        ("9953.53",),
        id="other-code-no-period",
    ),
    pytest.param(
        -1003,
        "Way too many requests; IP(1.2.3.4) banned until 1783855317204.\n"
        " Please use the websocket for live updates to avoid bans.",
        "Way too many requests; IP(%s) banned until %s. Please use the websocket for live "
        "updates to avoid bans.",
        ("1.2.3.4", "1783855317204"),
        id="newline",
    ),
]


@pytest.mark.parametrize(("code", "text", "template", "params"), TOLERANT_CASES)
def test_tolerant(cat, code, text, template, params):
    m = cat.match({"code": code, "msg": text})
    assert (m.code, m.template, m.params, m.kind) == (code, template, params, MatchKind.TOLERANT)
    assert m.raw == text


def _tiny_catalogue(tmp_path, codes, translations=None):
    """A catalogue of our own: registry JSON + compiled zh_CN .mo."""
    registry = {
        "codes": [
            {
                "code": code,
                "name": f"C{-code}",
                "section": "90xx",
                "messages": [{"template": t, "origin": "page"} for t in templates],
                **({"generic": "Generic."} if all("%" in t for t in templates) else {}),
            }
            for code, templates in codes.items()
        ]
    }
    path = tmp_path / "errors.json"
    path.write_text(json.dumps(registry))
    mo_dir = tmp_path / "locales" / "zh_CN" / "LC_MESSAGES"
    mo_dir.mkdir(parents=True)
    catalog = Catalog(locale="zh_CN")
    for (code, msgid), msgstr in (translations or {}).items():
        catalog.add(msgid, msgstr, context=str(code))
    with (mo_dir / "errors.mo").open("wb") as fp:
        write_mo(fp, catalog)
    return Catalogue.load(tmp_path / "locales", registry=path)


def test_tolerant_never_matches_two_templates(tmp_path):
    cat = _tiny_catalogue(tmp_path, {-9001: ["Value '%s' is bad."], -9002: ["value `%s` is bad"]})
    assert cat.match({"msg": "Value 'x' is bad."}).code == -9001
    assert cat.match({"msg": "value `x` is bad"}).code == -9002
    assert cat.match({"msg": "Value x is bad"}) is None
    assert cat.translate({"msg": "Value x is bad"}) == "Value x is bad"
    # The payload's code settles it, as for the same text under two codes.
    settled = cat.match({"code": -9002, "msg": "Value x is bad"})
    assert (settled.owner, settled.kind) == (-9002, MatchKind.TOLERANT)


def test_broken_translation_falls_back_to_english(tmp_path):
    cat = _tiny_catalogue(
        tmp_path,
        {-9001: ["Price %s too high for %s."]},
        {(-9001, "Price %s too high for %s."): "价格%s太高"},
    )
    assert cat.translate({"code": -9001, "msg": "Price 5 too high for BTC."}) == (
        "Price 5 too high for BTC."
    )


# -- nothing lost, nothing crashes -------------------------------------------


def test_known_code_unmatched_text_gives_generic(cat, zh):
    m = cat.match({"code": -1121, "msg": "Symbol BTCUSDT is delisted."})
    assert (m.kind, m.template, m.variant, m.raw) == (
        MatchKind.CODE_ONLY,
        "Invalid symbol.",
        -1,
        "Symbol BTCUSDT is delisted.",
    )
    assert cat.translate({"code": -1121, "msg": m.raw}) == zh["-1121", "Invalid symbol."]


def test_unknown_code_returns_server_text(cat):
    payload = {"code": -4411, "msg": "Please sign TradFi-Perps agreement contract fapi."}
    assert cat.match(payload) is None
    assert cat.translate(payload) == payload["msg"]


def test_miss_callback(tmp_path):
    seen = []
    cat = Catalogue.load(LOCALES, on_miss=lambda code, text: seen.append((code, text)))
    cat.translate({"code": -1121, "msg": "Symbol is gone."})
    cat.translate({"code": -1121, "msg": "Invalid symbol."})
    assert seen == [(-1121, "Symbol is gone.")]


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
            "payload's 'code' must be an integer or a numeric string, not 'abc'",
            id="code",
        ),
        pytest.param("{not json", "payload is not JSON", id="json"),
        pytest.param("[1, 2]", "payload's JSON must be an object, not list", id="json-list"),
        pytest.param(b"\xff\xfe", "payload bytes are not UTF-8", id="bytes"),
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


def test_render(cat, zh):
    assert cat.render(-1102, ["symbol"], "zh_CN") == _zh(
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
    assert cat.locales == ("en", "zh_CN")
    assert cat.msgstr(-1121, "Invalid symbol.", "zh_CN") == "无效的交易对。"
    translations = cat._gettext["zh_CN"]
    assert translations.info()["language"] == "zh_Hans_CN"
    assert translations._catalog  # not an empty NullTranslations stand-in


def test_missing_or_corrupt_mo_names_the_file(tmp_path):
    from catalogue import CatalogueError

    (tmp_path / "zh_CN" / "LC_MESSAGES").mkdir(parents=True)
    po = tmp_path / "zh_CN" / "LC_MESSAGES" / "errors.po"
    po.write_text("")
    with pytest.raises(CatalogueError, match=re.escape(str(po.with_suffix(".mo")))):
        Catalogue.load(tmp_path)
    po.with_suffix(".mo").write_bytes(b"\x00" * 40)
    with pytest.raises(CatalogueError, match=r"errors\.mo'? is corrupt"):
        Catalogue.load(tmp_path)
    with pytest.raises(CatalogueError, match="does not exist"):
        Catalogue.load(tmp_path / "nowhere")


# -- safe under hostile input ------------------------------------------------


def _cost(cat, texts, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            cat._match(-1102, text)
            cat._match(None, text)
        best = min(best, time.process_time() - start)
    return best


def _near_misses(size):
    out = []
    for c in Catalogue.load(LOCALES)._index._prefix.values():
        for compiled in c:
            lits = compiled.literals
            inner = (lits[1] if len(lits) > 2 else lits[-1])[:-1] or "x"
            out.append(lits[0] + inner * (size // max(len(inner), 1)))
    return out


def test_hostile_input_costs_linear_time(cat):
    """Growing the input 16 times grows the work about 16 times, not 256."""
    small, large = _near_misses(2_000), _near_misses(32_000)
    ratio = _cost(cat, large) / max(_cost(cat, small), 1e-9)
    assert ratio < 48, ratio
    huge = "A" * 1_000_000
    small_plain, large_plain = "A" * 62_500, huge
    ratio = _cost(cat, [large_plain], 3) / max(_cost(cat, [small_plain], 3), 1e-9)
    assert ratio < 48, ratio


def test_megabyte_message_translates_and_is_not_cached(cat):
    text = (
        "Mandatory parameter '" + "x" * 1_000_000 + "' was not sent, was empty/null, or malformed."
    )
    before = len(cat._cache)
    assert cat.translate({"code": -1102, "msg": text}, locale="en") == text
    assert len(cat._cache) == before


def test_threads_give_the_serial_results():
    cat = Catalogue.load(LOCALES)
    rnd = random.Random(7)
    workload = []
    for t in TEMPLATES:
        text = format_template(t.template, _params_for(t, rnd))
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


def test_default_catalogue_loads_once_under_threads(monkeypatch):
    monkeypatch.setattr(formatter_module, "_default", None)
    loads = []
    original = Catalogue.load.__func__

    def counting(cls, *args, **kwargs):
        loads.append(1)
        time.sleep(0.05)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(Catalogue, "load", classmethod(counting))
    barrier = threading.Barrier(8)
    out = []

    def work():
        barrier.wait()
        out.append(translate({"code": -1121, "msg": "Invalid symbol."}))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [1]
    assert len(set(out)) == 1


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
    assert len(cat._cache) <= formatter_module.CACHE_SIZE
    assert second - first < 1_000_000, (first, second)


def test_codeless_lookup_work_does_not_grow_with_the_catalogue(tmp_path, monkeypatch):
    """Ten times the templates, the same number of templates tried per message."""
    shipped = Catalogue.load(LOCALES)
    data = json.loads(registry_path().read_text(encoding="utf-8"))
    for entry in data["codes"]:
        extra = [
            {"template": f"Copy {k}: {m['template']}", "origin": "page"}
            for m in entry["messages"]
            for k in range(9)
        ]
        entry["messages"] += extra
    big_path = tmp_path / "errors.json"
    big_path.write_text(json.dumps(data))
    big = Catalogue.load(LOCALES, registry=big_path)
    assert sum(1 for _ in big.registry.templates()) == 10 * sum(1 for _ in REGISTRY.templates())

    tries = []
    original = Compiled.match
    monkeypatch.setattr(
        Compiled, "match", lambda self, text: tries.append(1) or original(self, text)
    )
    rnd = random.Random(3)
    texts = [format_template(t.template, _params_for(t, rnd)) for t in TEMPLATES if t.signature]

    def work(cat):
        tries.clear()
        for text in texts:
            cat._match(None, text)
        return len(tries)

    assert work(big) == work(shipped)


# -- regressions found by an adversarial review ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "order's notional must be no smaller than 20 (unless you choose reduce only)",
        "Order's  notional must be no smaller than 20 (unless you choose reduce only)",
        " Order's notional must be no smaller than 20 (unless you choose reduce only)",
        "Order's notional must be no smaller than 20 (unless you choose reduce only) ",
    ],
)
def test_variants_that_fold_alike_are_not_a_tie_min_notional(cat, zh, text):
    m = cat.match({"code": -4164, "msg": text})
    assert (m.code, m.owner, m.params, m.kind) == (-4164, -4164, ("20",), MatchKind.TOLERANT)
    template = "Order's notional must be no smaller than %s (unless you choose reduce only)"
    assert cat.translate({"code": -4164, "msg": text}) == _zh(zh, -4164, template, ("20",))


def test_generic_messages_state_no_value_the_server_did_not_send():
    for info in REGISTRY.values():
        if len(info.templates) > 1:
            assert not re.search(r"\d", info.generic), (info.code, info.generic)


def test_final_full_stop_is_not_part_of_a_final_value(cat):
    m = cat.match({"code": -4210, "msg": "Stop price can't be higher than 27000.5. "})
    assert m.params == ("27000.5",)


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


def test_huge_int_parameter_is_no_match_not_a_crash(cat):
    text = "duplicate options id " + "9" * 5000 + " for user 5"
    assert cat.match({"code": -4079, "msg": text}).kind is MatchKind.CODE_ONLY


def test_float_code_is_rejected_even_when_cached(cat):
    cat.translate({"code": -1121, "msg": "Invalid symbol."})
    with pytest.raises(PayloadError, match=re.escape("not -1121.0")):
        cat.translate({"code": -1121.0, "msg": "Invalid symbol."})


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
    before = len(cat._cache)
    assert cat.translate({"code": -1121, "msg": "Invalid symbol."}, locale=header) == (
        cat.msgstr(-1121, "Invalid symbol.", "zh_CN")
    )
    assert len(cat._cache) == before


@pytest.mark.parametrize(
    ("variant", "params", "error", "message"),
    [
        (5, (), IndexError, "-1102 has variants 0 to 2 (-1: the generic message), not 5"),
        ("1", ("a",), IndexError, "not '1'"),
        (-2, (), IndexError, "not -2"),
        (1, ("a", "b"), ValueError, "variant 1 of -1102 does not take ('a', 'b')"),
        (None, (None,), ValueError, "a parameter must be a str, int or bool, not None"),
    ],
)
def test_render_rejects_what_does_not_fit(cat, variant, params, error, message):
    with pytest.raises(error, match=re.escape(message)):
        cat.render(-1102, params, "en", variant=variant)


def test_exception_that_cannot_be_read(cat):
    class Broken(Exception):
        def __str__(self):
            raise RuntimeError("no")

    with pytest.raises(PayloadError, match="exception Broken cannot be read"):
        cat.translate(Broken())


def test_bytes_with_a_byte_order_mark(cat):
    body = '\ufeff{"code": -1121, "msg": "Invalid symbol."}'.encode()
    assert cat.translate(body) == cat.msgstr(-1121, "Invalid symbol.", "zh_CN")
