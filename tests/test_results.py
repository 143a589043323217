"""The answers: Match and Localized, complete, immutable, and created on first use."""

import dataclasses
import subprocess
import sys
import typing

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
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
