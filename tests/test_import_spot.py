"""The Spot page's difference report (tools/import_spot.py), on a small page of our own
written in the page's format: the real capture is not in the repository (see README)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import import_spot  # noqa: E402

PAGE = """\
# Error codes for Binance

## 11xx - Request issues

### -1161 DEPRECATED_SCHEMA
 * Unable to encode the response in SBE schema 'x'. Please use schema 'y' or higher.

### -1013 INVALID_MESSAGE
 * The request is rejected by the API. (i.e. The request didn't reach the Matching Engine.)

### -1176 ALREADY_LOGGED_IN
* [Logon`<A>`](fix-api.md#logon-main) should only be sent once.

### -1999 SOMETHING_NEW
 * A brand new text.

## Messages for -1010 ERROR_MSG_RECEIVED, -2010 NEW_ORDER_REJECTED and others

Error message | Description
---- | ----
"Market is closed." | The symbol is not trading.
"Rest API trading is not enabled." / "WebSocket API trading is not enabled." | Trading is off.
"Brand new rejection." | New.

## Errors regarding placing orders via cancelReplace

### -2022 Order cancel-replace failed.
* This code is sent when both the cancel and the new order failed.

## Filter failures

| Error message | Description |
| --- | --- |
| "Filter failure: LOT_SIZE" | Quantity. |
"""

PAGE_CN = """\
### -1161 被弃用的模式
 * Unable to encode the response in SBE schema 'x'. Please use schema 'y' or higher.

## 消息 -1010 收到了错误消息

错误信息 | 描述
---- | ----
"Market is closed." | 该交易对交易关闭了。
"""


def test_the_page_is_read_as_the_server_sends_it():
    texts = {(p.code, p.text, p.kind) for p in import_spot.read_page(PAGE)}
    assert (
        -1161,
        "Unable to encode the response in SBE schema '%s'. Please use schema '%s' or higher.",
        "bullet",
    ) in texts
    assert (-1176, "Logon<A> should only be sent once.", "bullet") in texts
    assert (-2022, "Order cancel-replace failed.", "heading") in texts
    assert (-2010, "WebSocket API trading is not enabled.", "table") in texts
    assert (-1013, "Filter failure: LOT_SIZE", "table") in texts
    # Prose that describes a code is no message.
    assert not any(
        p.text.startswith("The request is rejected") for p in import_spot.read_page(PAGE)
    )
    assert not any(p.text.startswith("This code is sent") for p in import_spot.read_page(PAGE))


def test_the_report_lists_what_is_new_and_what_is_gone(cat):
    lines = import_spot.report(list(import_spot.read_page(PAGE)), cat.registry)
    assert "new code on the page (line 15): -1999 'A brand new text.'" in lines
    assert any(
        line.startswith("new text on the page") and "Brand new rejection." in line for line in lines
    )
    assert "not on the page any more: -1013 'Filter failure: PRICE_FILTER'" in lines
    assert not any("Market is closed." in line for line in lines)
    assert not any("-1161" in line for line in lines)


def test_official_chinese_the_catalogue_words_otherwise(zh_po):
    page = list(import_spot.read_page(PAGE))
    page_cn = list(import_spot.read_page(PAGE_CN))
    lines = import_spot.chinese(page, page_cn, zh_po)
    ours = {(e.msgctxt, e.msgid): e for e in zh_po}["-2010", "Market is closed."]
    assert f"-2010 'Market is closed.': page '该交易对交易关闭了。', ours {ours.msgstr!r}" in lines
    # The Chinese page keeps -1161 in English: nothing to compare.
    assert not any(line.startswith("-1161") for line in lines)


def test_command_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        import_spot.main([str(tmp_path)])
    assert info.value.code == 2
    assert "no capture of the Spot page" in capsys.readouterr().err
    (tmp_path / "errors.md").write_text(PAGE, encoding="utf-8")
    assert import_spot.main([str(tmp_path)]) == 0
    assert import_spot.main([str(tmp_path), "--check"]) == 1
    out = capsys.readouterr().out
    assert out.rstrip().endswith("not in the registry")
