import re

import pytest

from catalogue.placeholders import (
    FULLWIDTH_PERCENT,
    Placeholder,
    PlaceholderError,
    format_template,
    signature,
    tokenize,
)
from catalogue.placeholders import problems as placeholder_problems


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        pytest.param("Invalid symbol.", ("Invalid symbol.",), id="literal"),
        pytest.param("%s", (Placeholder("s", 0, False),), id="alone"),
        pytest.param(
            "a %d b %b",
            ("a ", Placeholder("d", 0, False), " b ", Placeholder("b", 1, False)),
            id="types",
        ),
        pytest.param("100%% sure", ("100% sure",), id="percent"),
        pytest.param(
            "%2$s then %1$s",
            (Placeholder("s", 1, True), " then ", Placeholder("s", 0, True)),
            id="positional",
        ),
        pytest.param("50% off", ("50% off",), id="stray-percent-kept"),
    ],
)
def test_tokenize(template, expected):
    assert tokenize(template) == expected


@pytest.mark.parametrize(
    ("template", "params", "expected"),
    [
        ("Leverage `%s` is not valid", ("150",), "Leverage `150` is not valid"),
        ("duplicate options id %d for user %d", (7, 9), "duplicate options id 7 for user 9"),
        ("reduceOnly '%b'.", (False,), "reduceOnly 'false'."),
        ("%2$s / %1$s", ("a", "b"), "b / a"),
        ("%d%%", (5,), "5%"),
    ],
)
def test_format_template(template, params, expected):
    assert format_template(template, params) == expected


@pytest.mark.parametrize(
    ("template", "params", "message"),
    [
        ("%s and %s", ("a",), "needs parameter 2, got 1"),
        ("%d", ("x",), "%d needs an int, got 'x'"),
        ("%d", (True,), "%d needs an int, got True"),
        ("%b", ("true",), "%b needs a bool, got 'true'"),
    ],
)
def test_format_template_rejects_what_does_not_fit(template, params, message):
    with pytest.raises(PlaceholderError, match=re.escape(message)) as info:
        format_template(template, params)
    assert info.value.template == template


def test_signature_marks_conflicts_and_gaps():
    assert signature("%1$s %1$d") == ("!",)
    assert signature("%2$s") == ("?", "s")
    assert signature("no parameter, 100%% sure") == ()


@pytest.mark.parametrize("template", [["%s"], None, 5, b"%s"])
def test_signature_of_a_non_str_is_a_type_error(template):
    with pytest.raises(TypeError):
        signature(template)


@pytest.mark.parametrize(
    ("msgid", "msgstr", "problem"),
    [
        pytest.param(
            "a %s", "甲", "msgstr has 0 placeholders (none) where msgid has 1 (%s)", id="lost"
        ),
        pytest.param(
            "a %s", "甲 %d", "msgstr has 1 placeholder (%d) where msgid has 1 (%s)", id="type"
        ),
        pytest.param(
            "a %s %b",
            "%b %s",
            "msgstr has 2 placeholders (%b %s) where msgid has 2 (%s %b)",
            id="order",
        ),
        pytest.param(
            "a %s",
            "甲 %2$s",
            "placeholder '%2$s' in msgstr has no counterpart in msgid",
            id="positional",
        ),
        pytest.param("a %s %s", "%2$s %s", "msgstr mixes positional", id="mixed"),
        pytest.param("a %s", f"甲 {FULLWIDTH_PERCENT}s", "full-width", id="fullwidth"),
        pytest.param("a %s", "甲 %s 100%", "stray '%' in msgstr", id="stray"),
    ],
)
def test_placeholder_problems(msgid, msgstr, problem):
    problems = placeholder_problems(msgid, msgstr)
    assert any(problem in p for p in problems), problems


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("a %s %s", "%2$s 甲 %1$s"),
        (
            "Target strategy invalid for orderType '%s',reduceOnly '%b'.",
            "`%s`订单类型, 只减仓`%b`。",
        ),
        ("100%% of %s", "%s的百分之百"),
    ],
)
def test_placeholder_agreement(msgid, msgstr):
    assert placeholder_problems(msgid, msgstr) == []
