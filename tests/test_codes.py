"""The code enums: one per market, generated from the registry, built on first use."""

import re
import subprocess
import sys

import pytest

from catalogue import ErrorCode, SpotErrorCode, load_registry, render
from catalogue.codes import MARKETS


@pytest.fixture(scope="module")
def reg():
    return load_registry()


def test_lookup_by_name_and_enum(reg):
    assert ErrorCode.BAD_SYMBOL == -1121
    assert reg.by_name("BAD_SYMBOL") is reg[ErrorCode.BAD_SYMBOL]
    assert {c.value for c in ErrorCode} == set(reg)
    assert all(reg[c].name == c.name for c in ErrorCode)
    with pytest.raises(KeyError, match=re.escape("no error code is named 'NOPE'")):
        reg.by_name("NOPE")


def test_a_spot_enum_renders_the_spot_code(zh):
    spot = render(SpotErrorCode.ORDER_CANCEL_REPLACE_FAILED, (), "zh_CN")
    assert spot == zh["spot:-2022", "Order cancel-replace failed."]
    futures = render(ErrorCode.REDUCE_ONLY_REJECT, (), "zh_CN")
    assert futures == zh["-2022", "ReduceOnly Order is rejected."]
    assert render(SpotErrorCode.PARAM_OVERFLOW, ["qty"], "en") == "Parameter 'qty' overflowed."


@pytest.mark.parametrize("enum", [ErrorCode, SpotErrorCode])
def test_each_market_has_its_enum_of_exactly_its_codes(reg, enum):
    market = reg.in_market(MARKETS[enum])
    assert {c.value for c in enum} == set(market)
    assert all(market[c].name == c.name for c in enum)
    assert set(MARKETS.values()) == set(reg.markets)


def test_the_enums_are_built_on_first_use():
    code = (
        "import sys, catalogue\n"
        "catalogue.translate({'code': -1121, 'msg': 'Invalid symbol.'})\n"
        "assert 'catalogue.codes' not in sys.modules\n"
        "assert catalogue.SpotErrorCode.ORDER_ARCHIVED == -2026\n"
        "assert 'catalogue.codes' in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
