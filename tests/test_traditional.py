"""The Traditional-Chinese catalogues (zh_TW, zh_HK) and the tool that drafts them.

Expected texts are read from the ``.po`` files with polib, never from the code
under test.  "Traditional" is checked with OpenCC's own ``s2t``: run over our
output it must change nothing, but for the few variant pairs that Traditional
text writes either way.
"""

import datetime as dt
import doctest
import subprocess
import sys

import opencc
import polib
import pytest
import traditional
from babel.dates import format_datetime
from babel.numbers import format_decimal
from conftest import LOCALES, ROOT, po_file

from catalogue import translate
from catalogue.notify import available, environment, example_context, render_notification
from catalogue.placeholders import problems as placeholder_problems
from catalogue.registry import load_registry

#: The Traditional locales: those whose glossary names an OpenCC configuration.
TRADITIONAL = tuple(traditional.targets())
#: (what we write, what s2t writes): both are Traditional, and s2t picks the other.
VARIANTS = {("台", "臺"), ("着", "著"), ("才", "纔")}
S2T = opencc.OpenCC("s2t")

PLAIN = {"code": -1121, "msg": "Invalid symbol."}
TEMPLATE = {
    "code": -1102,
    "msg": "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.",
}
#: The page writes ``Leverage `%s` is not valid``; the server sends the value bare.
TOLERANT = {"code": -4028, "msg": "Leverage 76 is not valid"}
#: A known code whose text fits none of its templates: its generic message.
CODE_ONLY = {"code": -2019, "msg": "Margin is insufficient for this order, try later"}


def _po(locale, domain="errors"):
    return polib.pofile(str(po_file(locale, domain)))


def _msgstr(locale, code, msgid):
    entry = _po(locale).find(msgid, msgctxt=str(code))
    assert entry is not None, (locale, code, msgid)
    return entry.msgstr


def _not_simplified(text):
    """The characters of *text* that s2t would change, but for :data:`VARIANTS`."""
    converted = S2T.convert(text)
    assert len(converted) == len(text), (text, converted)
    return [
        (a, b) for a, b in zip(text, converted, strict=True) if a != b and (a, b) not in VARIANTS
    ]


def _glossary(locale):
    return traditional.parse_glossary(
        (LOCALES / locale / "glossary.tsv").read_text(encoding="utf-8")
    )


def _msgstrs(locale, domain):
    for entry in _po(locale, domain):
        yield entry, (list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr])


# -- what a user sees --------------------------------------------------------------


@pytest.mark.parametrize("locale", TRADITIONAL)
def test_payloads_render_from_the_locale_catalogue(locale):
    assert translate(PLAIN, locale=locale) == _msgstr(locale, -1121, "Invalid symbol.")
    template = "Mandatory parameter '%s' was not sent, was empty/null, or malformed."
    assert translate(TEMPLATE, locale=locale) == _msgstr(locale, -1102, template).replace(
        "%s", "symbol"
    )
    assert translate(TOLERANT, locale=locale) == _msgstr(
        locale, -4028, "Leverage `%s` is not valid"
    ).replace("%s", "76")
    generic = load_registry()[-2019].generic
    assert translate(CODE_ONLY, locale=locale) == _msgstr(locale, -2019, generic)


@pytest.mark.parametrize("locale", TRADITIONAL)
@pytest.mark.parametrize("payload", [PLAIN, TEMPLATE, TOLERANT, CODE_ONLY], ids=str)
def test_payloads_render_in_traditional_characters(locale, payload):
    text = translate(payload, locale=locale)
    assert text != translate(payload, locale="zh_CN")
    assert _not_simplified(text) == []


@pytest.mark.parametrize("locale", TRADITIONAL)
@pytest.mark.parametrize("html", [False, True], ids=["text", "html"])
@pytest.mark.parametrize("name", available())
def test_notifications_render_in_traditional_characters(name, locale, html):
    text = render_notification(name, locale, context=example_context(name), html=html)
    assert _not_simplified(text) == []
    footer = _po(locale, "messages").find(
        "This is an automated notification. Please do not reply to this message."
    )
    assert footer.msgstr in text
    assert text != render_notification(name, "zh_CN", context=example_context(name), html=html)


@pytest.mark.parametrize("locale", TRADITIONAL)
@pytest.mark.parametrize("domain", ["errors", "messages"])
def test_every_entry_is_traditional(locale, domain):
    found = {
        entry.msgid: bad
        for entry, strings in _msgstrs(locale, domain)
        for bad in [[p for s in strings for p in _not_simplified(s)]]
        if bad
    }
    assert found == {}


# -- terminology ---------------------------------------------------------------------


@pytest.mark.parametrize("locale", TRADITIONAL)
@pytest.mark.parametrize("domain", ["errors", "messages"])
def test_glossary_terms_hold(locale, domain):
    rules = _glossary(locale)
    broken = {}
    for entry, strings in _msgstrs(locale, domain):
        for text in strings:
            for rule in rules:
                # 時間戳 -> 時間戳記: the wrong term may live inside the right one.
                if rule.wrong in text.replace(rule.right, ""):
                    broken.setdefault(entry.msgid, []).append(rule.wrong)
    assert broken == {}


def test_taiwan_writes_no_it_jargon_from_s2twp():
    for domain in ("errors", "messages"):
        for entry, strings in _msgstrs("zh_TW", domain):
            for text in strings:
                for wrong in ("引數", "型別", "許可權", "程式碼", "賬戶", "當前", "超時"):
                    assert wrong not in text, (entry.msgid, wrong)


def test_the_glossaries_differ_where_usage_differs():
    taiwan = {(r.wrong, r.right) for r in _glossary("zh_TW")}
    hong_kong = {(r.wrong, r.right) for r in _glossary("zh_HK")}
    assert ("賬戶", "帳戶") in taiwan
    assert not any(wrong == "賬戶" for wrong, _ in hong_kong)  # Hong Kong writes 賬戶
    assert taiwan != hong_kong


@pytest.mark.parametrize(
    ("code", "msgid", "taiwan", "hong_kong"),
    [
        (-1109, "Invalid account.", "帳戶", "賬戶"),
        (-2014, "API-key format invalid.", "API金鑰", "API密鑰"),
        (
            -1007,
            "Timeout waiting for response from backend server. "
            "Send status unknown; execution status unknown.",
            "逾時",
            "超時",
        ),
        (-4080, "user not found", "使用者", "用戶"),
    ],
)
def test_the_same_payload_differs_between_taiwan_and_hong_kong(code, msgid, taiwan, hong_kong):
    tw, hk = _msgstr("zh_TW", code, msgid), _msgstr("zh_HK", code, msgid)
    assert taiwan in tw
    assert hong_kong in hk
    payload = {"code": code, "msg": msgid}
    assert translate(payload, locale="zh-TW") == tw
    assert translate(payload, locale="zh-HK") == hk
    assert tw != hk


@pytest.mark.parametrize("locale", TRADITIONAL)
def test_placeholders_agree_everywhere(locale):
    bad = {e.msgid: placeholder_problems(e.msgid, e.msgstr) for e in _po(locale)}
    assert {k: v for k, v in bad.items() if v} == {}


@pytest.mark.parametrize("locale", TRADITIONAL)
def test_reviewed_none_fuzzy_and_hand_changes_explained(locale):
    for domain in ("errors", "messages"):
        po = _po(locale, domain)
        assert po.fuzzy_entries() == []
        assert po.untranslated_entries() == []
        for entry in po:
            assert f"reviewed for {locale}" in entry.tcomment, entry.msgid
            if "Changed by hand" in entry.tcomment:
                assert "(was " in entry.tcomment, entry.msgid


# -- dates and numbers ---------------------------------------------------------------


@pytest.mark.parametrize(("locale", "cldr"), [("zh_TW", "zh_Hant_TW"), ("zh_HK", "zh_Hant_HK")])
def test_dates_and_numbers_use_the_traditional_cldr_locale(locale, cldr):
    env = environment(locale)
    moment = dt.datetime(2024, 11, 24, tzinfo=dt.timezone.utc)
    shown = env.from_string("{{ 1732406400000|datetime }}").render()
    assert (
        shown == f"{format_datetime(moment, 'medium', tzinfo=dt.timezone.utc, locale=cldr)} (UTC)"
    )
    assert shown != environment("zh_CN").from_string("{{ 1732406400000|datetime }}").render()
    number = env.from_string("{{ 1234567.891|decimal }}").render()
    assert number == format_decimal(1234567.891, locale=cldr, decimal_quantization=False)


def test_taiwan_and_hong_kong_dates_differ():
    template = "{{ 1732406400000|datetime }}"
    taiwan = environment("zh_TW").from_string(template).render()
    hong_kong = environment("zh_HK").from_string(template).render()
    assert taiwan != hong_kong


# -- the tool ---------------------------------------------------------------------------


def test_tool_examples():
    assert doctest.testmod(traditional).failed == 0


def _catalogs():
    source = polib.POFile()
    target = polib.POFile()
    for ctxt, msgid, cn, tw in [
        ("-1102", "Mandatory parameter '%s' was not sent.", "必填参数%s未发送。", ""),
        ("-1109", "Invalid account.", "账户无效。", "帳戶無效（人工）。"),
        ("-1015", "Limit is %s orders per %s.", "限制为%s个订单/%s。", ""),
    ]:
        source.append(polib.POEntry(msgctxt=ctxt, msgid=msgid, msgstr=cn))
        target.append(polib.POEntry(msgctxt=ctxt, msgid=msgid, msgstr=tw))
    plural = {"msgid": "Wait %(n)s second.", "msgid_plural": "Wait %(n)s seconds."}
    source.append(polib.POEntry(**plural, msgstr_plural={0: "请等待%(n)s秒。"}))
    target.append(polib.POEntry(**plural, msgstr_plural={0: ""}))
    return source, target


def test_draft_fills_only_empty_entries_and_marks_them_fuzzy():
    source, target = _catalogs()
    convert = opencc.OpenCC(traditional.targets()["zh_TW"]).convert
    comment = traditional.comment_for("s2twp")
    drafted = traditional.draft(target, source, convert, _glossary("zh_TW"), comment)
    assert len(drafted) == 3
    by_id = {e.msgid: e for e in target}
    assert by_id["Invalid account."].msgstr == "帳戶無效（人工）。"  # a translator's work wins
    assert "fuzzy" not in by_id["Invalid account."].flags
    mandatory = by_id["Mandatory parameter '%s' was not sent."]
    assert mandatory.msgstr == "必填參數%s未傳送。"  # 引數 -> 參數, 發送 -> 傳送
    assert "fuzzy" in mandatory.flags
    assert mandatory.tcomment == comment
    assert by_id["Wait %(n)s second."].msgstr_plural == {0: "請等待%(n)s秒。"}
    # Running it again changes nothing.
    assert traditional.draft(target, source, convert, _glossary("zh_TW"), comment) == []


@pytest.mark.parametrize("locale", TRADITIONAL)
def test_conversion_keeps_every_placeholder_of_the_zh_cn_catalogue(locale):
    convert = opencc.OpenCC(traditional.targets()[locale]).convert
    rules = _glossary(locale)
    for entry in _po("zh_CN"):
        drafted = traditional.convert(entry.msgstr, convert, rules)
        assert placeholder_problems(entry.msgid, drafted) == [], entry.msgid


def test_the_package_does_not_import_opencc():
    code = (
        "import sys, catalogue, catalogue.notify as n; "
        "catalogue.translate({'code': -1121, 'msg': 'Invalid symbol.'}, locale='zh_TW'); "
        "c = n.example_context('generic_error'); "
        "n.render_notification('generic_error', 'zh_HK', context=c); "
        "assert 'opencc' not in sys.modules, 'opencc imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    for path in (ROOT / "catalogue").rglob("*.py"):
        assert "opencc" not in path.read_text(encoding="utf-8"), path


def test_the_targets_are_whatever_glossaries_name_a_configuration(tmp_path):
    """A new Traditional locale is a glossary naming its OpenCC configuration: no code."""
    shipped = traditional.targets()
    assert {"zh_HK": "s2hk", "zh_TW": "s2twp"}.items() <= shipped.items()
    assert all((LOCALES / locale / "glossary.tsv").exists() for locale in shipped)
    for locale in ("zh_HK", "zh_MO"):
        (tmp_path / "locales" / locale).mkdir(parents=True)
        (tmp_path / "locales" / locale / "glossary.tsv").write_text(
            "wrong\tright\treason\n# opencc: s2hk\n户\t戶\tBig5\n", encoding="utf-8"
        )
    (tmp_path / "locales" / "ja").mkdir()
    (tmp_path / "locales" / "ja" / "glossary.tsv").write_text("wrong\tright\treason\n")
    assert traditional.targets(tmp_path) == {"zh_HK": "s2hk", "zh_MO": "s2hk"}
    rules = traditional.parse_glossary(
        (tmp_path / "locales" / "zh_MO" / "glossary.tsv").read_text(encoding="utf-8")
    )
    assert rules == [traditional.Rule("户", "戶", "Big5")]  # the directive is no rule
    with pytest.raises(SystemExit) as info:
        traditional.main(["--locale", "ja", "--root", str(tmp_path), "--dry-run"])
    assert info.value.code == 2
