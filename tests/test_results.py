"""The answers: Match and Localized, complete, immutable, and created on first use."""

import dataclasses
import pickle
import subprocess
import sys
import typing
from pathlib import Path

import pytest

import catalogue
from catalogue import Catalogue, Localized, Match, MatchKind, results


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
        msgid="Param '%s' or '%s' must be sent, but both were empty/null!",
        params=("orderId", "origClientOrderId"),
        variant=2,
        kind=MatchKind.TEMPLATE,
        raw="Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!",
        owner=-1102,
        values=("orderId", "origClientOrderId"),
        category="invalid_parameter",
        retryable=False,
        retry_after=None,
        market="usdm",
    )
    with pytest.raises(AttributeError):
        m.code = 1  # type: ignore[misc]


def test_localized_is_immutable_and_complete(cat):
    answer = cat.localize({"code": -1121, "msg": "Invalid symbol."}, locale="zh-CN")
    assert answer == Localized(
        text="无效的交易对。",
        locale="zh_CN",
        match=cat.match({"code": -1121, "msg": "Invalid symbol."}),
        original="Invalid symbol.",
    )
    assert (answer.failure, answer.retry_after) == (None, None)
    with pytest.raises(AttributeError):
        answer.text = "x"  # type: ignore[misc]


def test_the_answers_are_dataclasses_whose_hints_resolve():
    for cls in (Match, Localized):
        assert dataclasses.is_dataclass(cls)
        hints = typing.get_type_hints(cls)  # every name an annotation uses is importable
        assert set(hints) == {f.name for f in dataclasses.fields(cls)}
    assert typing.get_type_hints(Match)["kind"] is MatchKind
    m = catalogue.match({"code": -1121, "msg": "Invalid symbol."})
    assert dataclasses.asdict(m)["name"] == "BAD_SYMBOL"


def test_the_package_names_the_classes_it_builds():
    assert (catalogue.Match, catalogue.Localized) == (results.Match, results.Localized)
    assert {"Match", "Localized"} <= set(catalogue.__all__)
    assert type(Catalogue.load().localize({"code": -1121, "msg": "Invalid symbol."})) is Localized


def _in_a_fresh_interpreter(code: str) -> None:
    """Run *code* in a new interpreter, where nothing has been imported yet."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_created_on_first_use_not_on_import():
    """translate() builds neither class; match(), localize() and the names build them."""
    code = (
        "import sys, catalogue\n"
        "catalogue.translate({'code': -1121, 'msg': 'Invalid symbol.'}, locale='zh_CN')\n"
        "assert 'catalogue.results' not in sys.modules, 'built for translate()'\n"
        "m = catalogue.match({'code': -1121, 'msg': 'Invalid symbol.'})\n"
        "assert type(m).__module__ == 'catalogue.results'\n"
        "assert isinstance(m, catalogue.Match) and m.name == 'BAD_SYMBOL'\n"
        "from catalogue import *\n"
        "assert Localized is sys.modules['catalogue.results'].Localized\n"
    )
    _in_a_fresh_interpreter(code)


def test_their_earlier_homes_still_name_them():
    """Match lived in catalogue.matching and Localized in catalogue.formatter (both named
    there in __all__): imports from there, and pickles made there, still work."""
    from catalogue.formatter import Localized as old_localized
    from catalogue.formatter import Match as named_in_formatter
    from catalogue.matching import Match as old_match

    assert old_match is named_in_formatter is Match
    assert old_localized is Localized
    # Written by e94d3f5, the last commit with the classes there: a cached answer
    # that outlives a deploy.
    data = (Path(__file__).parent / "data" / "answers_e94d3f5.pickle").read_bytes()
    assert b"catalogue.matching" in data
    assert b"catalogue.formatter" in data
    match, answer = pickle.loads(data)
    assert match == catalogue.match(
        {
            "code": -1102,
            "msg": "Param 'orderId' or 'origClientOrderId' must be sent, but both were empty/null!",
        }
    )
    assert answer == catalogue.localize({"code": -1121, "msg": "Invalid symbol."}, "zh-CN")
    assert type(answer) is Localized
    from catalogue import matching

    with pytest.raises(AttributeError, match="Matcher2"):
        matching.Matcher2  # noqa: B018


def test_dir_and_help_list_the_names_built_on_first_use():
    code = (
        "import catalogue, sys\n"
        "names = dir(catalogue)\n"
        "assert {'Match', 'Localized', 'ErrorCode', 'SpotErrorCode'} <= set(names), names\n"
        "assert 'catalogue.results' not in sys.modules, 'dir() built them'\n"
    )
    _in_a_fresh_interpreter(code)
