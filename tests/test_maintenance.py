"""The documented maintenance steps, followed on a temporary copy of the repository."""

import json
import shutil

import polib
import pytest
import workflow
from conftest import ROOT, po_file

from catalogue import Catalogue, MatchKind
from catalogue.locales import available_locales
from catalogue.maintenance.harvest import harvest


@pytest.fixture
def repo(tmp_path):
    """A copy of the registry and the catalogues to maintain."""
    shutil.copytree(ROOT / "catalogue", tmp_path / "catalogue")
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    return tmp_path


def _workflow(root):
    workflow.write_codes(root)
    for step in ("extract", "update", "compile"):
        for domain in workflow.DOMAINS:
            assert workflow.run(step, domain, root) == 0


def _translate_new_entries(root, translations):
    """What a translator does: fill the new empty msgstrs of every locale, with a comment."""
    for locale in available_locales(root / "locales"):
        path = po_file(locale, directory=root / "locales")
        po = polib.pofile(str(path))
        for entry in po:
            if entry.msgctxt == "-1121" and entry.msgid in translations:
                entry.msgstr = entry.msgid if locale == "en" else translations[entry.msgid]
                entry.flags = [f for f in entry.flags if f != "fuzzy"]
                entry.previous_msgid = entry.previous_msgctxt = None
                entry.tcomment = "New: a text the server sends (test)."
        po.save(str(path))


def test_harvested_text_becomes_a_template_end_to_end_issue9(repo):
    """harvest -> registry -> pybabel workflow -> translate -> the text matches."""
    log = ['{"code": -1121, "msg": "Symbol BTCUSDT is delisted."}']
    before = Catalogue.load(repo / "locales", registry=repo / "catalogue/data/errors.json")
    found = harvest(log, before)
    assert list(found.misses) == [(-1121, "Symbol BTCUSDT is delisted.")]
    assert 'msgid "Symbol BTCUSDT is delisted."' in found.to_pot(before)

    # The maintainer turns the value into %s and adds the text to the registry.
    path = repo / "catalogue" / "data" / "errors.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = next(c for c in data["codes"] if c["code"] == -1121)
    entry["messages"].append(
        {"msgid": "Symbol %s is delisted.", "origin": "server", "seen": "a test log"}
    )
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _workflow(repo)
    _translate_new_entries(repo, {"Symbol %s is delisted.": "交易对%s已下架。"})
    _workflow(repo)

    from catalogue.maintenance.check import check
    from catalogue.registry import load_registry

    assert check(repo / "locales", registry=load_registry(path)) == []  # as CI wants it
    after = Catalogue.load(repo / "locales", registry=path)
    m = after.match({"code": -1121, "msg": "Symbol BTCUSDT is delisted."})
    assert (m.kind, m.msgid, m.values) == (
        MatchKind.TEMPLATE,
        "Symbol %s is delisted.",
        ("BTCUSDT",),
    )
    assert after.translate({"code": -1121, "msg": "Symbol BTCUSDT is delisted."}) == (
        "交易对BTCUSDT已下架。"
    )


def test_a_new_code_needs_no_code_change_issue9(repo):
    path = repo / "catalogue" / "data" / "errors.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["codes"].append(
        {
            "code": -9123,
            "name": "BRAND_NEW",
            "section": "not on the page",
            "messages": [{"msgid": "Brand new.", "origin": "server", "seen": "a test"}],
        }
    )
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _workflow(repo)
    assert "BRAND_NEW = -9123" in (repo / "catalogue" / "codes.py").read_text(encoding="utf-8")
    po = polib.pofile(str(po_file("zh_CN", directory=repo / "locales")))
    assert po.find("Brand new.", msgctxt="-9123").msgstr == ""  # waiting for a translator


def test_a_throwaway_locale_is_picked_up_everywhere_issue11(repo):
    """pybabel init for a new locale; nothing else is edited."""
    from babel.messages.frontend import CommandLineInterface

    from catalogue import negotiate_locale
    from catalogue.maintenance.check import check

    for domain in workflow.DOMAINS:
        CommandLineInterface().run(
            [
                "pybabel",
                "--quiet",
                "init",
                "-D",
                domain,
                "-i",
                str(repo / "locales" / f"{domain}.pot"),
                "-d",
                str(repo / "locales"),
                "-l",
                "ja",
            ]
        )
    assert "ja" in workflow.locales(repo)
    _workflow(repo)
    cat = Catalogue.load(repo / "locales")
    assert "ja" in cat.locales
    assert negotiate_locale("ja-JP", cat.locales) == "ja"
    problems = [str(p) for p in check(repo / "locales")]
    ja = str(po_file("ja", directory=repo / "locales"))
    assert any(p.startswith(ja) and "untranslated entry" in p for p in problems)
    # Untranslated entries read as English until a translator fills them.
    assert cat.translate({"code": -1121, "msg": "Invalid symbol."}, locale="ja") == (
        "Invalid symbol."
    )


def _compile(directory):
    from babel.messages.frontend import CommandLineInterface

    return CommandLineInterface().run(
        ["pybabel", "--quiet", "compile", "-D", "errors", "-d", str(directory)]
    )


def test_the_checker_leaves_other_projects_alone_issue12(tmp_path):
    po = polib.POFile()
    po.metadata = {
        "Project-Id-Version": "someone-else 2.0",
        "Content-Type": "text/plain; charset=utf-8",
    }
    po.append(polib.POEntry(msgctxt="2024", msgid="Save 100% now", msgstr="现在省100%"))
    path = po_file("zh_CN", directory=tmp_path)
    path.parent.mkdir(parents=True)
    po.save(str(path))
    assert (_compile(tmp_path) or 0) == 0
    assert path.with_suffix(".mo").exists()


def test_the_checker_guards_this_projects_compile(repo, caplog):
    path = po_file("zh_CN", directory=repo / "locales")
    po = polib.pofile(str(path))
    msgid = "Mandatory parameter '%s' was not sent, was empty/null, or malformed."
    entry = next(e for e in po if e.msgctxt == "-1102" and e.msgid == msgid)
    entry.msgstr = "必填参数未发送。"
    po.save(str(path))
    assert _compile(repo / "locales") == 1
    assert "msgstr has 0 placeholders (none) where msgid has 1 (%s)" in caplog.text
