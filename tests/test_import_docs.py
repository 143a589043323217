import json

import docs_fixes
import import_docs
import polib
import pytest
from conftest import po_file

from catalogue.registry import load_registry, parse_registry, registry_path


@pytest.fixture(scope="module")
def docs(page):
    return {d.code: d for d in import_docs.parse_docs(page)}


def test_report_finds_the_page_entirely_in_the_registry(docs, zh_po):
    """The registry holds every code and text of the page; the page holds its page texts."""
    lines = import_docs.report(list(docs.values()), load_registry(), zh_po)
    assert [line for line in lines if not line.startswith("we changed")] == []
    assert any(line.startswith("we changed: -1102 ") and "必填参数" in line for line in lines)


def test_report_names_what_is_new_and_what_is_gone(docs, zh_po):
    data = json.loads(registry_path().read_text(encoding="utf-8"))
    data["codes"] = [c for c in data["codes"] if c["code"] != -1121]
    for entry in data["codes"]:
        if entry["code"] == -1122:
            entry["messages"].append({"msgid": "Gone from the page.", "origin": "page"})
    registry = parse_registry(data, "edited.json")
    lines = import_docs.report(list(docs.values()), registry, zh_po)
    assert "new on the page: -1121 BAD_SYMBOL" in lines
    assert "not on the page: -1122 'Gone from the page.'" in lines


def test_report_command_reads_the_capture_in_the_repository(capsys):
    assert import_docs.main(["--check"]) == 0
    assert "we changed:" in capsys.readouterr().out
    assert import_docs.main(["no/such/page.md"]) == 2


def test_registry_was_built_from_the_page(docs):
    """The first registry came from the page: every page code and text is still there."""
    registry = import_docs.build_registry(list(docs.values()))
    shipped = load_registry()
    for entry in registry["codes"]:
        assert {m["msgid"] for m in entry["messages"]} <= set(shipped[entry["code"]].msgids)


def test_fill_po_leaves_a_translated_catalogue_alone(tmp_path, docs):
    po = tmp_path / "errors.po"
    po.write_bytes(po_file("zh_CN").read_bytes())
    before = po.read_bytes()
    assert import_docs.fill_po(po, import_docs.translations(list(docs.values()))) == 0
    assert po.read_bytes() == before


def test_fill_po_keeps_translator_work_and_fills_the_gaps(tmp_path, docs):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=utf-8"}
    po.append(polib.POEntry(msgctxt="-1121", msgid="Invalid symbol.", msgstr="交易对无效（译者）"))
    po.append(polib.POEntry(msgctxt="-1122", msgid="Invalid symbol status.", msgstr=""))
    path = tmp_path / "errors.po"
    po.save(str(path))
    assert import_docs.fill_po(path, import_docs.translations(list(docs.values()))) == 1
    filled = {e.msgctxt: e.msgstr for e in polib.pofile(str(path))}
    assert filled == {"-1121": "交易对无效（译者）", "-1122": "交易对状态不正确。"}


def test_unmark():
    assert import_docs.unmark(r"TOO\_MANY\_REQUESTS") == "TOO_MANY_REQUESTS"
    assert import_docs.unmark("当前限制为每\uff05s \uff05s个订单") == "当前限制为每%s %s个订单"


def _pairs(doc):
    paired = import_docs.pair_lines(doc)
    return [(en.text, zh.text if zh else None) for en, zh in paired.pairs], paired


def test_more_english_than_chinese_pairs_by_signature(docs):
    pairs, paired = _pairs(docs[-4079])
    assert pairs == [
        ("invalid options id", "期权ID无效"),
        ("invalid options id: %s", None),
        ("duplicate options id %d for user %d", None),
    ]
    assert any("no Chinese line for 'invalid options id: %s'" in p for p in paired.problems)


def test_english_runs_then_chinese_runs_pair_in_order(docs):
    pairs, _ = _pairs(docs[-4209])
    assert pairs == [
        ("The max leverage of Symbol is 20x", "交易对最大杠杆为20x"),
        (
            "Leverage adjustment failed. Current symbol max leverage limit is %sx",
            "杠杆调整失败。交易对最大杠杆为%sx",
        ),
    ]


def test_trailing_english_without_chinese_is_reported(docs):
    pairs, paired = _pairs(docs[-1008])
    assert pairs[-1][1] is None
    assert any(p.startswith("page:") and "-1008" in p for p in paired.problems)
    assert _pairs(docs[-1099])[0] == [("Not found, unauthenticated, or unauthorized.", None)]


@pytest.mark.parametrize("code", [-2022, -4118])
def test_explanations_become_hints_not_translations(docs, code):
    pairs, paired = _pairs(docs[code])
    assert len(pairs) == 1
    assert len(paired.hints) == 1
    assert paired.hints[0].text.startswith("这表示新的「仅减仓（reduce-only）」订单")
    table = import_docs.translations([docs[code]])
    assert table[code, docs_fixes.HINTS[code].en].msgstr == paired.hints[0].text


def test_wrong_translations_are_replaced_with_a_reason(docs):
    table = import_docs.translations(list(docs.values()))
    fixed = table[-5029, "Order's notional must be no smaller than %s"]
    assert fixed.msgstr == "订单的名义价值不可以小于%s"
    assert "The page has: 请求的时间戳在撮合的recvWindow之外" in fixed.comment
    assert not table[-4184, "Limit price can't be lower than %s."].msgstr.endswith("f")
    assert "600秒" in table[-5040, next(t for c, t in table if c == -5040)].msgstr


def test_server_text_quoted_in_chinese_becomes_a_template(docs):
    assert _pairs(docs[-2011])[0] == [("CANCEL_REJECTED", '取消订单被拒绝 "Unknown order sent"')]
    registry = import_docs.build_registry([docs[-2011]])
    templates = [m["msgid"] for m in registry["codes"][0]["messages"]]
    assert templates == ["CANCEL_REJECTED", "Unknown order sent."]


def test_every_fix_names_a_real_template(docs):
    registry = import_docs.build_registry(list(docs.values()))
    assert import_docs._unknown_fixes(registry) == []


def test_unknown_fix_is_reported(docs, monkeypatch):
    monkeypatch.setitem(
        docs_fixes.TRANSLATIONS, (-1121, "Not on the page."), docs_fixes.Fix("x", "y")
    )
    registry = import_docs.build_registry(list(docs.values()))
    assert import_docs._unknown_fixes(registry) == [
        "-1121: no such template on the page: 'Not on the page.'"
    ]


def test_registry_is_deterministic_json(docs):
    text = import_docs.dump_registry(import_docs.build_registry(list(docs.values())))
    assert json.loads(text)["codes"][0]["code"] == -1000
