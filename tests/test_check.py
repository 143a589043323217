import re
import shutil

import polib
import pytest
from conftest import LOCALES, po_file

from catalogue.locales import available_locales
from catalogue.maintenance.check import Problem, check
from catalogue.registry import load_registry


@pytest.fixture
def broken(tmp_path):
    """A copy of the shipped locales/ to break."""
    shutil.copytree(LOCALES, tmp_path / "locales")
    return tmp_path / "locales"


def _edit(locales, locale, edit, domain="errors"):
    path = po_file(locale, domain, directory=locales)
    po = polib.pofile(str(path))
    edit(po)
    po.save(str(path))
    return path


def test_shipped_catalogues_are_clean():
    assert check(LOCALES) == []


def _set(msgid, msgctxt, msgstr, flag=None):
    def edit(po):
        entry = po.find(msgid, msgctxt=msgctxt)
        entry.msgstr = msgstr
        if flag:
            entry.flags.append(flag)

    return edit


@pytest.mark.parametrize(
    ("msgid", "msgctxt", "msgstr", "flag", "problem"),
    [
        pytest.param(
            "Leverage `%s` already exist with `%s`",
            "-4028",
            "杠杆`%s`已经存在",
            None,
            "msgstr has 1 placeholder (%s) where msgid has 2 (%s %s)",
            id="count",
        ),
        pytest.param(
            "duplicate options id %d for user %d",
            "-4079",
            "期权ID %s 重复（用户 %d）",
            None,
            "msgstr has 2 placeholders (%s %d) where msgid has 2 (%d %d)",
            id="type",
        ),
        pytest.param(
            "Leverage `%s` is not valid",
            "-4028",
            "杠杆`%2$s`不正确",
            None,
            "placeholder '%2$s' in msgstr has no counterpart in msgid",
            id="positional",
        ),
        pytest.param(
            "Leverage `%s` is not valid",
            "-4028",
            "杠杆`\uff05s`不正确",
            None,
            "full-width",
            id="fullwidth",
        ),
        pytest.param(
            "Leverage `%s` is not valid",
            "-4028",
            "杠杆`%s`不正确 100%",
            None,
            "stray '%' in msgstr",
            id="percent",
        ),
        pytest.param(
            "Invalid symbol.", "-1121", "", None, "untranslated entry [-1121]", id="untranslated"
        ),
        pytest.param(
            "Invalid symbol.", "-1121", "无效的交易对。", "fuzzy", "fuzzy entry [-1121]", id="fuzzy"
        ),
    ],
)
def test_entry_problems_are_reported_by_line(broken, msgid, msgctxt, msgstr, flag, problem):
    path = _edit(broken, "zh_CN", _set(msgid, msgctxt, msgstr, flag))
    problems = check(broken)
    assert len(problems) == 1, problems
    found = problems[0]
    assert found.path == str(path)
    assert problem in found.message
    entry = polib.pofile(str(path)).find(msgid, msgctxt=msgctxt)
    assert found.line == entry.linenum


def test_obsolete_and_duplicate(broken):
    def edit(po):
        po.append(polib.POEntry(msgctxt="-1121", msgid="Gone.", msgstr="没了", obsolete=True))
        po.append(polib.POEntry(msgctxt="-1121", msgid="Invalid symbol.", msgstr="重复"))

    path = _edit(broken, "zh_CN", edit)
    messages = [(p.line, p.message) for p in check(broken)]
    lines = path.read_text(encoding="utf-8").splitlines()
    dup_line = max(i for i, line in enumerate(lines, 1) if line == 'msgctxt "-1121"')
    # An entry starts at its first comment line: the shipped one has two.
    first_line = min(i for i, line in enumerate(lines, 1) if line == 'msgctxt "-1121"') - 2
    assert (
        dup_line,
        f"duplicate entry [-1121] 'Invalid symbol.' (first at line {first_line})",
    ) in messages
    assert any(m == "obsolete entry 'Gone.'" for _, m in messages)


def test_entry_missing_in_one_locale(broken):
    path = _edit(broken, "en", lambda po: po.remove(po.find("Invalid symbol.", msgctxt="-1121")))
    problems = check(broken)
    assert Problem(str(path), 0, "registry entry [-1121] 'Invalid symbol.' is missing") in problems


def test_entry_in_catalogues_but_not_in_the_registry(broken):
    def add(po):
        po.append(polib.POEntry(msgctxt="-1121", msgid="Symbol is gone.", msgstr="x"))

    locales = available_locales(broken)
    assert {"en", "zh_CN", "zh_HK", "zh_TW"} <= set(locales)
    for locale in locales:
        _edit(broken, locale, add)
    problems = [p for p in check(broken) if "Symbol is gone." in p.message]
    assert sorted(p.message for p in problems) == [
        # the .pot
        f"entry [-1121] 'Symbol is gone.' is missing here but present in {', '.join(locales)}",
        *["entry [-1121] 'Symbol is gone.' is not in the registry"] * len(locales),
    ]


def test_registry_entry_missing_from_every_catalogue(broken, tmp_path):
    registry = load_registry()
    # A registry with one code more than the catalogues know.
    import dataclasses

    from catalogue.registry import ErrorInfo, Registry, Template

    extra = ErrorInfo(
        code=-9000,
        name="NEW",
        section="90xx",
        heading="NEW",
        templates=(Template(code=-9000, variant=0, msgid="New.", origin="page"),),
        generic="New.",
    )
    bigger = Registry({**dict(registry), -9000: extra})
    problems = [p for p in check(broken, registry=bigger) if "-9000" in p.message]
    assert len(problems) == 1 + len(available_locales(broken))  # the .pot and every locale
    assert all(p.message == "registry entry [-9000] 'New.' is missing" for p in problems)
    assert dataclasses.is_dataclass(extra)


def test_problem_prints_as_file_line_message():
    assert str(Problem("a.po", 12, "fuzzy entry")) == "a.po:12: fuzzy entry"


def test_messages_domain_python_format(broken):
    path = po_file("zh_CN", "messages", directory=broken)
    if not path.exists():
        pytest.skip("no messages domain yet")
    po = polib.pofile(str(path))
    entry = next(e for e in po if re.search(r"%\(\w+\)s", e.msgid) and not e.msgid_plural)
    entry.msgstr = "没有占位符"
    po.save(str(path))
    assert any("msgstr placeholders" in p.message for p in check(broken))


# -- style rules of a locale that declares them (issue 10) ---------------------


@pytest.mark.parametrize(
    ("msgstr", "problem"),
    [
        pytest.param("无效的交易对。 请重试。", "space after full-width '。'", id="space"),
        pytest.param("无效的交易对,请重试。", "half-width ',' between Chinese", id="half-width"),
        pytest.param("无效的`交易对`。", "backticks the msgid does not have", id="backticks"),
        pytest.param("强制参数无效。", "forbidden term '强制参数': write '必填参数'", id="term"),
    ],
)
def test_style_rules_of_a_locale_with_terms(broken, msgstr, problem):
    path = _edit(broken, "zh_CN", _set("Invalid symbol.", "-1121", msgstr))
    found = [p for p in check(broken) if problem in p.message]
    assert len(found) == 1, check(broken)
    assert found[0].path == str(path)
    assert found[0].line == polib.pofile(str(path)).find("Invalid symbol.", msgctxt="-1121").linenum


def test_style_rules_apply_only_where_a_locale_declares_them(broken):
    # English declares no terms: the same typography is not its business.
    _edit(broken, "en", _set("Invalid symbol.", "-1121", "Invalid symbol。 Try again"))
    assert check(broken) == []


def test_empty_or_templateless_locales_dir_is_a_problem_issue14(tmp_path):
    problems = [str(p) for p in check(tmp_path)]
    assert any("errors.pot:0: missing: no .pot template" in p for p in problems)
    assert any("no locale has a errors catalogue" in p for p in problems)
