import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
import workflow
from conftest import LOCALES, ROOT, po_file

from catalogue.locales import available_locales
from catalogue.placeholders import problems as placeholder_problems
from catalogue.registry import load_registry

#: Every shipped locale: whatever directories locales/ holds.
LOCALE_NAMES = list(available_locales(LOCALES, "errors"))


def test_the_shipped_locales_are_found():
    assert {"en", "zh_CN", "zh_HK", "zh_TW"} <= set(LOCALE_NAMES)


@pytest.mark.parametrize("locale", LOCALE_NAMES)
def test_every_entry_translated_none_fuzzy(locale):
    po = polib.pofile(str(po_file(locale)))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    assert not po.metadata_is_fuzzy
    assert po.obsolete_entries() == []


def test_catalogue_covers_the_registry(zh_po):
    keys = {(e.msgctxt, e.msgid) for e in zh_po}
    registry = load_registry()
    # Every market's entries: the code as context, "spot:<code>" for a Spot-only entry.
    wanted = {
        (str(i.code) if "usdm" in i.markets else f"spot:{i.code}", m)
        for i in registry.entries()
        for m in i.msgids
    }
    wanted |= {(f"value:{v}", w) for v, words in registry.vocabularies.items() for w in words}
    wanted |= {(f"failure:{kind}", text) for kind, text in registry.failures.items()}
    assert keys == wanted


def test_placeholders_agree(zh_po):
    assert {
        e.msgid: placeholder_problems(e.msgid, e.msgstr)
        for e in zh_po
        if placeholder_problems(e.msgid, e.msgstr)
    } == {}


def test_entries_carry_code_name_as_extracted_comment(zh_po):
    entry = zh_po.find("Invalid symbol.", msgctxt="-1121")
    assert entry.comment == "BAD_SYMBOL (usdm, spot)"  # with the markets that share it
    entry = zh_po.find("Order cancel-replace failed.", msgctxt="spot:-2022")
    assert entry.comment.startswith("ORDER_CANCEL_REPLACE_FAILED")


def test_written_and_corrected_entries_carry_a_translator_comment(zh_po, page):
    lines = page.replace("\uff05", "%").replace("\\_", "_").splitlines()
    official = {re.sub(r"^\s*\\?\* ", "", line).strip() for line in lines}
    for entry in zh_po:
        if entry.msgstr not in official:
            assert entry.tcomment, f"{entry.msgctxt} {entry.msgid!r}: {entry.msgstr!r}"


def test_en_msgstr_is_the_msgid():
    po = polib.pofile(str(po_file("en")))
    assert all(e.msgstr == e.msgid for e in po)


def test_workflow_reproduces_committed_files():
    """extract -> update -> compile on a copy gives the committed .pot/.po/.mo."""
    assert workflow.check() == []


def test_readme_quotes_the_workflow_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in workflow.COMMANDS.values():
        assert command in readme, command


def pybabel() -> list[str]:
    """The pybabel command of the interpreter running the tests, wherever it is installed."""
    found = shutil.which("pybabel", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "babel.messages.frontend"]


def test_pybabel_compile_reports_complete_catalogues(tmp_path):
    shutil.copytree(LOCALES, tmp_path / "locales")
    result = subprocess.run(
        [*pybabel(), "compile", "-D", "errors", "-d", "locales", "--statistics"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+ of \d+ messages \(100%\) translated in locales/zh_CN", result.stderr)
    assert "error:" not in result.stderr


def test_our_checker_runs_inside_pybabel_compile(tmp_path):
    shutil.copytree(LOCALES, tmp_path / "locales")
    po_path = po_file("zh_CN", directory=tmp_path / "locales")
    po = polib.pofile(str(po_path))
    po.find(
        "Target strategy invalid for orderType '%s',reduceOnly '%b'.", msgctxt="-4020"
    ).msgstr = "目标策略值不适合`%s`订单类型"
    po.save(str(po_path))
    result = subprocess.run(
        [*pybabel(), "compile", "-D", "errors", "-d", "locales", "-l", "zh_CN"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "msgstr has 1 placeholder (%s) where msgid has 2 (%s %b)" in result.stderr
