import json
import re

import pytest

from catalogue import CatalogueError, load_registry
from catalogue.registry import registry_path


@pytest.fixture(scope="module")
def reg():
    return load_registry()


def test_counts(reg):
    # Counted on the page: 197 headings; 236 English bullets between the first
    # section and the footer; per section 17 / 28 / 19 / 119 / 14 codes.  Codes the
    # server sends and the page lacks are in their own section (issue 9).
    on_page = [i for i in reg.values() if i.section != "not on the page"]
    assert len(on_page) == 197
    page = [t for t in reg.templates() if t.origin == "page"]
    assert len(page) == 236
    sections = {}
    for info in on_page:
        sections[info.section] = sections.get(info.section, 0) + 1
    assert sections == {"10xx": 17, "11xx": 28, "20xx": 19, "40xx": 119, "50xx": 14}
    off_page = [i for i in reg.values() if i.section == "not on the page"]
    assert off_page
    assert all(t.origin == "server" and t.seen for i in off_page for t in i.templates)


# Written by reading the page (markup undone by hand), not by running the importer.
SPOT_CHECKS = [
    (-1000, "UNKNOWN", "10xx", ["An unknown error occured while processing the request."]),
    (
        -1008,
        "REQUEST_THROTTLED",
        "10xx",
        [
            "Server is currently overloaded with other requests. "
            "Please try again in a few minutes.",
            "Request throttled by system-level protection. Reduce-only/close-position orders are "
            "exempt. Please try again.",
        ],
    ),
    (
        -1015,
        "TOO_MANY_ORDERS",
        "10xx",
        [
            "Too many new orders.",
            "Too many new orders; current limit is %s orders per %s.",
        ],
    ),
    (
        -1102,
        "MANDATORY_PARAM_EMPTY_OR_MALFORMED",
        "11xx",
        [
            "A mandatory parameter was not sent, was empty/null, or malformed.",
            "Mandatory parameter '%s' was not sent, was empty/null, or malformed.",
            "Param '%s' or '%s' must be sent, but both were empty/null!",
        ],
    ),
    (-2010, "NEW_ORDER_REJECTED", "20xx", ["NEW_ORDER_REJECTED"]),
    (-2019, "MARGIN_NOT_SUFFICIEN", "20xx", ["Margin is insufficient."]),
    (
        -4020,
        "TARGET_STRATEGY_INVALID",
        "40xx",
        ["Target strategy invalid for orderType '%s',reduceOnly '%b'."],
    ),
    (
        -4079,
        "INVALID_OPTIONS_ID",
        "40xx",
        ["invalid options id", "invalid options id: %s", "duplicate options id %d for user %d"],
    ),
    (
        -4131,
        "MARKET_ORDER_REJECT",
        "40xx",
        ["The counterparty's best price does not meet the PERCENT_PRICE filter limit"],
    ),
    (
        -4172,
        "JOINT_MARGIN_REJECT_WITH_NEGATIVE_BALANCE",
        "40xx",
        [
            "Unable to adjust Multi-Assets Mode with a negative wallet balance of margin available "
            "asset in USDⓈ-M Futures account."
        ],
    ),
    (-5026, "EXCEED_MAXIMUM_MODIFY_ORDER_LIMIT", "50xx", ["Exceed maximum modify order limit."]),
    (
        -5038,
        "UNSUPPORTED_ORDER_TYPE_PRICE_MATCH",
        "50xx",
        ["Price match only supports order type: LIMIT, STOP AND TAKE_PROFIT"],
    ),
]


@pytest.mark.parametrize(
    ("code", "name", "section", "templates"), SPOT_CHECKS, ids=[str(c[0]) for c in SPOT_CHECKS]
)
def test_spot_checks(reg, code, name, section, templates):
    info = reg[code]
    assert (info.name, info.section) == (name, section)
    assert [t.msgid for t in info.templates if t.origin == "page"] == templates


def test_page_markup_is_undone(reg):
    for t in reg.templates():
        assert "\\" not in t.msgid, t
        assert "\uff05" not in t.msgid, t
        assert not t.msgid.startswith("* "), t


@pytest.mark.parametrize(
    ("code", "template"),
    [
        (-2011, "Unknown order sent."),
        (-4003, "Quantity less than or equal to zero."),
        (-2015, "Invalid API-key, IP, or permissions for action, request ip: %s"),
        (
            -1003,
            "Way too many requests; IP(%s) banned until %s. "
            "Please use the websocket for live updates to avoid bans.",
        ),
    ],
)
def test_server_texts_say_where_they_were_seen(reg, code, template):
    found = [t for t in reg[code].templates if t.msgid == template]
    assert len(found) == 1
    assert found[0].origin == "server"
    assert found[0].seen


def test_headings_that_are_not_identifiers_are_kept(reg):
    assert reg[-1008].heading == "Request Throttled"
    assert reg[-5043].name == "EXISTING_PENDING_MODIFICATION"


def test_every_code_has_a_generic_message_without_placeholders(reg):
    for info in reg.values():
        assert "%" not in info.generic, info.code


def test_same_text_under_two_codes_is_two_entries(reg):
    text = "Invalid parameter working type: `%s`"
    owners = sorted(t.code for t in reg.templates() if t.msgid == text)
    assert owners == [-4032, -4031]


def test_malformed_registry_names_the_file(tmp_path):
    path = tmp_path / "errors.json"
    path.write_text(json.dumps({"codes": [{"code": -1}]}))
    with pytest.raises(CatalogueError, match=re.escape(str(path))):
        load_registry(path)
    with pytest.raises(CatalogueError, match="cannot read registry"):
        load_registry(tmp_path / "missing.json")


def test_registry_is_edited_by_hand_and_codes_py_is_generated_issue9():
    data = json.loads(registry_path().read_text(encoding="utf-8"))
    assert "generated_by" not in data
    assert "by hand" in data["edited"]
    codes_py = (registry_path().parent.parent / "codes.py").read_text(encoding="utf-8")
    assert "# generated by tools/workflow.py" in codes_py


def test_no_generic_message_is_an_identifier_issue10(reg):
    """A code-only fallback is a sentence, never a name like CANCEL_REJECTED."""
    for info in reg.values():
        assert not re.fullmatch(r"[A-Z][A-Z0-9_]*", info.generic), info.code


def test_every_shipped_code_states_its_category_issue12():
    data = json.loads(registry_path().read_text(encoding="utf-8"))
    from catalogue.registry import Category

    for entry in data["codes"]:
        assert Category(entry["category"]), entry["code"]


@pytest.mark.parametrize(
    ("code", "category", "retry"),
    [
        (-1003, "rate_limit", "after_delay"),
        (-1015, "rate_limit", "after_delay"),
        (-1001, "service", "after_delay"),
        (-1016, "service", "never"),
        (-1021, "clock", "after_fix"),
        (-2015, "authentication", "after_fix"),
        (-2019, "insufficient_funds", "after_fix"),
        (-1121, "invalid_parameter", "after_fix"),
        (-4164, "invalid_order", "after_fix"),
        (-4046, "account_setting", "never"),
        (-4411, "account_restricted", "after_fix"),
    ],
)
def test_categories_and_retry_advice_issue12(reg, code, category, retry):
    assert (str(reg[code].category), str(reg[code].retry)) == (category, retry)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(lambda c: c.append(dict(c[0])), "appears twice", id="duplicate-code"),
        pytest.param(
            lambda c: c.append({**c[0], "name": 5}), "appears twice", id="duplicate-code-bad-name"
        ),
        pytest.param(lambda c: c.append({**c[0], "code": -99999}), "is taken", id="duplicate-name"),
        pytest.param(
            lambda c: c.append({**c[0], "code": -99999, "name": ["A"]}),
            "the name of code -99999 must be a str, not list",
            id="name-not-a-str",
        ),
        pytest.param(  # the first code of its market: its other fault comes first
            lambda c: c.__setitem__(
                0,
                {
                    **{k: v for k, v in c[0].items() if k != "name"},
                    "messages": [{"msgid": "Bad 100%", "origin": "page"}],
                },
            ),
            "stray '%'",
            id="first-code-without-name",
        ),
        pytest.param(
            lambda c: c[0]["messages"].append({"msgid": "Bad %q 100%", "origin": "page"}),
            "stray '%'",
            id="stray-percent",
        ),
        pytest.param(
            lambda c: c[0].update(generic="Value %s."), "must hold no placeholder", id="generic"
        ),
    ],
)
def test_malformed_entries_are_refused_review(tmp_path, change, message):
    data = json.loads(registry_path().read_text(encoding="utf-8"))
    change(data["codes"])
    path = tmp_path / "errors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogueError, match=re.escape(message)):
        load_registry(path)


def test_a_registry_that_keys_messages_template_still_loads(tmp_path):
    """The key was "template" before it was "msgid": a user's own registry keeps working."""
    data = json.loads(registry_path().read_text(encoding="utf-8"))
    for entry in data["codes"]:
        for message in entry["messages"]:
            message["template"] = message.pop("msgid")
    path = tmp_path / "errors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    old, new = load_registry(path), load_registry()
    assert [t.msgid for t in old.templates()] == [t.msgid for t in new.templates()]
    data["codes"][0]["messages"][0].pop("template")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CatalogueError, match="'msgid'"):
        load_registry(path)
