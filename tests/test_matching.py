"""The matcher: every template, the order of attempts, tolerance, ties, and bounded work."""

import json
import random
import time
from pathlib import Path

import pytest
from conftest import (
    LOCALES,
    OWNERS,
    REGISTRY,
    TEMPLATES,
    calls_of,
    params_for,
    tiny_catalogue,
    zh_filled,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue import Catalogue, MarketError, Matcher, MatchKind, match, translate
from catalogue.matching import Compiled, tolerant_text
from catalogue.placeholders import format_template
from catalogue.registry import registry_path


def test_issue_examples():
    msg = "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."
    assert translate({"code": -1102, "msg": msg}, locale="zh_CN") == (
        "必填参数symbol未发送、为空或格式错误。"
    )
    m = match(
        {"code": -4020, "msg": "Target strategy invalid for orderType 'LIMIT',reduceOnly 'true'."}
    )
    assert (m.code, m.name, m.params) == (-4020, "TARGET_STRATEGY_INVALID", ("LIMIT", True))


@pytest.mark.parametrize("template", TEMPLATES, ids=[f"{t.code}-{t.variant}" for t in TEMPLATES])
def test_every_template_round_trips(cat, zh, template):
    rnd = random.Random(f"{template.code}{template.variant}")
    params = params_for(template, rnd)
    text = format_template(template.msgid, params)
    with_code = cat.match({"code": template.code, "msg": text})
    assert (with_code.code, with_code.template, with_code.params) == (
        template.code,
        template.msgid,
        params,
    )
    assert with_code.kind in (MatchKind.EXACT, MatchKind.TEMPLATE)
    assert with_code.variant == template.variant
    without = cat.match({"msg": text})
    assert (without.template, without.params) == (template.msgid, params)
    assert without.code in OWNERS[template.msgid]
    payload = {"code": template.code, "msg": text}
    rendered = cat.translate(payload, locale="zh_CN", raw_values=True)
    assert rendered == zh_filled(zh, template.code, template.msgid, params)


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
    text = format_template(template.msgid, params)
    m = cat.match({"code": template.code, "msg": text})
    assert (m.code, m.template) == (template.code, template.msgid)
    assert format_template(m.template, m.params) == text
    zh_text = cat.translate({"code": template.code, "msg": text}, locale="zh_CN", raw_values=True)
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
    m = cat.match({"code": -1000, "msg": "Limit price can't be higher than 27330.52."})
    assert (m.code, m.name, m.owner, m.kind) == (-1000, "UNKNOWN", -4183, MatchKind.OTHER_CODE)
    assert m.params == ("27330.52",)
    assert cat.translate({"code": -1000, "msg": m.raw}) == zh_filled(
        zh, -4183, "Limit price can't be higher than %s.", ("27330.52",)
    )


def test_server_wording_of_4016_is_its_own_template_issue9(cat, zh):
    """The server sends -4016 with -4183's wording; the registry now has it under -4016."""
    m = cat.match({"code": -4016, "msg": "Limit price can't be higher than 27330.52."})
    assert (m.code, m.name, m.owner, m.kind) == (
        -4016,
        "PRICE_HIGHTER_THAN_MULTIPLIER_UP",
        -4016,
        MatchKind.TEMPLATE,
    )
    assert m.params == ("27330.52",)
    assert cat.translate({"code": -4016, "msg": m.raw}) == zh_filled(
        zh, -4016, "Limit price can't be higher than %s", ("27330.52",)
    )


def test_exact_texts_do_not_try_templates(cat):
    with calls_of(Compiled.match, "text") as calls:
        m = cat.match(
            {
                "code": -1102,
                "msg": "A mandatory parameter was not sent, was empty/null, or malformed.",
            }
        )
    assert m.kind is MatchKind.EXACT
    assert calls == []
    with calls_of(Compiled.match, "text") as calls:
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
        == "保证金不足。"
    )


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
        -4183,
        "Limit price can't be higher than 9953.53",
        "Limit price can't be higher than %s.",
        ("9953.53",),
        id="no-period",
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


def test_tolerant_never_matches_two_templates(tmp_path):
    cat = tiny_catalogue(tmp_path, {-9001: ["Value '%s' is bad."], -9002: ["value `%s` is bad"]})
    assert cat.match({"msg": "Value 'x' is bad."}).code == -9001
    assert cat.match({"msg": "value `x` is bad"}).code == -9002
    assert cat.match({"msg": "Value x is bad"}) is None
    assert cat.translate({"msg": "Value x is bad"}) == "Value x is bad"
    # The payload's code settles it, as for the same text under two codes.
    settled = cat.match({"code": -9002, "msg": "Value x is bad"})
    assert (settled.owner, settled.kind) == (-9002, MatchKind.TOLERANT)


@pytest.mark.parametrize("literals", [(), ("a",), ("a", "b", "c")])
def test_compiled_wants_one_literal_more_than_placeholders(literals):
    template = TEMPLATES[0]
    with pytest.raises(ValueError, match="1 placeholders need 2 literals"):
        Compiled(template, iter(literals), "s", tolerant=False)
    assert Compiled(template, iter(("a", "b")), "s", tolerant=False).match("axb") == ("x",)


def _index_texts():
    """Real messages, every template filled in, and the same drifted as servers drift."""
    data = Path(__file__).parent / "data"
    texts = [
        json.loads(line)["msg"]
        for name in ("usdm_messages.jsonl", "spot_messages.jsonl")
        for line in (data / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rnd = random.Random(8)
    for market in Catalogue.load(LOCALES).markets:
        for template in REGISTRY.in_market(market).templates():
            text = format_template(template.msgid, params_for(template, rnd))
            texts += [text, text[:1].lower() + text[1:], text.rstrip("."), f"  {text} "]
    # Values that look like the start or the end of another template.
    texts += [f"{t} is retired, please use {t}" for t in texts[:50]]
    return texts


def test_the_index_never_hides_a_template_that_fits():
    """Every template whose literals a text fits is among the text's candidates."""
    cat = Catalogue.load(LOCALES)
    texts = _index_texts()
    tried = 0
    for market in cat.markets:
        for tolerant in (False, True):
            index = cat.matcher_for(market).templates(tolerant=tolerant)
            everything = list(index)
            for text in texts:
                key = tolerant_text(text) if tolerant else text
                fits = {c.template.msgid for c in everything if c.match(key) is not None}
                offered = {c.template.msgid for c in index.candidates(key, tolerant)}
                assert fits <= offered, (market, tolerant, text, fits - offered)
                tried += bool(fits)
    assert tried > 1000  # the texts with values fit templates, in both forms


def _cost(cat, texts, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            cat.matcher.find(-1102, text)
            cat.matcher.find(None, text)
        best = min(best, time.process_time() - start)
    return best


def _near_misses(size):
    out = []
    for compiled in Catalogue.load(LOCALES).matcher.templates():
        if len(compiled.literals[0]) >= 8:
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


def test_codeless_lookup_work_does_not_grow_with_the_catalogue(tmp_path):
    """Ten times the templates, the same number of templates tried per message."""
    shipped = Catalogue.load(LOCALES)
    data = json.loads(registry_path().read_text(encoding="utf-8"))
    for entry in data["codes"]:
        extra = [
            {"msgid": f"Copy {k}: {m['msgid']}", "origin": "page"}
            for m in entry["messages"]
            for k in range(9)
        ]
        entry["messages"] += extra
    big_path = tmp_path / "errors.json"
    big_path.write_text(json.dumps(data))
    big = Catalogue.load(LOCALES, registry=big_path)
    assert sum(1 for _ in big.registry.templates()) == 10 * sum(1 for _ in REGISTRY.templates())

    rnd = random.Random(3)
    texts = [format_template(t.msgid, params_for(t, rnd)) for t in TEMPLATES if t.signature]

    def work(cat):
        with calls_of(Compiled.match, "text") as tries:
            for text in texts:
                cat.matcher.find(None, text)
        return len(tries)

    assert work(big) == work(shipped) > 0


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
    assert cat.translate({"code": -4164, "msg": text}) == zh_filled(zh, -4164, template, ("20",))


def test_final_full_stop_is_not_part_of_a_final_value(cat):
    m = cat.match({"code": -4210, "msg": "Stop price can't be higher than 27000.5. "})
    assert m.params == ("27000.5",)


def test_huge_int_parameter_is_no_match_not_a_crash(cat):
    text = "duplicate options id " + "9" * 5000 + " for user 5"
    assert cat.match({"code": -4079, "msg": text}).kind is MatchKind.CODE_ONLY


def test_a_ban_says_how_long_it_still_runs_issue12(cat):
    import time as clock

    until = int((clock.time() + 3600) * 1000)
    msg = (
        f"Way too many requests; IP(1.2.3.4) banned until {until}. "
        "Please use the websocket for live updates to avoid bans."
    )
    m = cat.match({"code": -1003, "msg": msg})
    assert (m.category, m.retryable) == ("rate_limit", True)
    assert 3500 < m.retry_after <= 3600


def test_an_order_limit_waits_one_interval_issue12(cat):
    msg = "Too many new orders; current limit is 300 orders per TEN_SECONDS."
    assert cat.match({"code": -1015, "msg": msg}).retry_after == 10.0


# -- the markets: one matcher each, and the choice between their answers (issue 8) --------


def test_the_matcher_picks_between_markets():
    matcher = Matcher(REGISTRY)
    text = "Filter failure: PRICE_FILTER"  # Spot's -1013, which USDⓈ-M has not
    assert matcher.find(None, text) is None  # one market's own templates only
    m = matcher.find_best(None, text)
    assert (m.market, m.code, m.kind) == ("spot", -1013, MatchKind.EXACT)
    assert m == match({"msg": text})
    spot = matcher.in_market("spot")
    assert spot is matcher.in_market("spot")  # built once, shared by the family
    assert spot.in_market("usdm") is matcher
    assert (matcher.markets, spot.markets) == (("usdm", "spot"), ("spot", "usdm"))
    assert matcher.owner(-1013) is spot  # a code USDⓈ-M has not
    assert matcher.owner(-1121) is matcher
    assert matcher.owner(None) is matcher
    assert matcher.owner(-99999) is matcher
    with pytest.raises(MarketError, match="'coinm'"):
        matcher.in_market("coinm")


def test_find_best_answers_as_the_catalogue_does_for_every_real_message():
    matcher, cat = Matcher(REGISTRY), Catalogue.load(LOCALES)
    data = Path(__file__).parent / "data"
    seen = 0
    for name in ("usdm_messages.jsonl", "spot_messages.jsonl"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            payload = {k: v for k, v in json.loads(line).items() if k in ("code", "msg")}
            code = payload.get("code")
            assert matcher.find_best(code, payload["msg"]) == cat.match(payload), line
            seen += 1
    assert seen > 100
