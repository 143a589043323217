"""Compare the official zh-CN error-code page with the registry: a difference report.

Usage::

    python tools/import_docs.py [PAGE] [--check]

PAGE defaults to the capture in ``tools/pages/usdm-error-code.zh-CN.md`` (the
official USDⓈ-M Futures page, zh-CN, as markdown).  The registry,
``catalogue/data/errors.json``, is edited by hand and is the one source of codes
and English texts; the ``.po`` files are the one source of translations.  This
tool changes neither: it prints what is new on the page (to add by hand), what
the registry has from the page that the page no longer shows, and each page
translation the ``.po`` corrected, with the translator's reason.  What it cannot
pair, it prints to stderr as ``page:LINE: -CODE: problem``.  ``--check`` exits 1
when the page has a code or text the registry lacks.

The first registry was built from this page by :func:`build_registry` with the
additions of ``tools/docs_fixes.py``; both are kept to document that import.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import docs_fixes
import polib
import workflow

from catalogue.placeholders import FULLWIDTH_PERCENT, signature
from catalogue.registry import Registry, load_registry

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "catalogue" / "data" / "errors.json"
#: The capture of the official page, kept in the repository so every test runs in any clone.
PAGE = ROOT / "tools" / "pages" / "usdm-error-code.zh-CN.md"
CODES_MODULE = ROOT / "catalogue" / "codes.py"

_SECTION_RE = re.compile(r"^## (?P<section>\d\dxx) - ")
_HEADING_RE = re.compile(r"^### (?P<code>-\d+) (?P<heading>.+?)\[\]\(")
# A bullet, or a nested bullet the capture escaped into "   \* text".
_BULLET_RE = re.compile(r"^(?:\* |\s+\\\* )(?P<text>.*\S)\s*$")
_CJK_RE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_END_MARK = "[上一页"


@dataclass(frozen=True, slots=True)
class DocLine:
    """One bullet of the page, with its markdown undone."""

    lineno: int
    text: str
    chinese: bool


@dataclass(slots=True)
class DocCode:
    """One ``### -CODE NAME`` block of the page."""

    code: int
    heading: str
    section: str
    lineno: int
    lines: list[DocLine] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The heading as an identifier: ``Request Throttled`` -> ``REQUEST_THROTTLED``."""
        return re.sub(r"\W+", "_", self.heading).upper()


@dataclass(frozen=True, slots=True)
class Paired:
    """The page's lines of one code, paired into English/Chinese."""

    pairs: tuple[tuple[DocLine, DocLine | None], ...]
    hints: tuple[DocLine, ...]
    problems: tuple[str, ...]


def unmark(text: str) -> str:
    r"""Undo the capture's markdown: ``\_`` ``\*`` escapes and the full-width percent sign.

    >>> unmark("TOO\\_MANY \uff05s")
    'TOO_MANY %s'
    """
    text = re.sub(r"\\([_*`\\\[\]])", r"\1", text)
    return text.replace(FULLWIDTH_PERCENT, "%").strip()


def parse_docs(text: str) -> list[DocCode]:
    """Parse the page into its code blocks, in page order."""
    codes: list[DocCode] = []
    section = ""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.startswith(_END_MARK):
            break
        if m := _SECTION_RE.match(line):
            section = m["section"]
        elif m := _HEADING_RE.match(line):
            codes.append(DocCode(int(m["code"]), unmark(m["heading"]), section, lineno))
        elif (m := _BULLET_RE.match(line)) and codes:
            raw = m["text"]
            codes[-1].lines.append(DocLine(lineno, unmark(raw), bool(_CJK_RE.search(raw))))
    return codes


def pair_lines(doc: DocCode) -> Paired:
    """Pair each Chinese line with the English line it translates.

    The page writes runs of English lines followed by runs of Chinese lines.  A
    run of equal length pairs line by line; a shorter Chinese run pairs each line
    with the first English line of the same placeholder signature (``-4079``); a
    Chinese line left over after its pair explains rather than translates and is
    kept as a hint (``-2022``).  Every English line left without Chinese is
    reported.
    """
    groups: list[tuple[list[DocLine], list[DocLine]]] = []
    for line in doc.lines:
        if not line.chinese and (not groups or groups[-1][1]):
            groups.append(([line], []))
        elif not line.chinese:
            groups[-1][0].append(line)
        elif groups:
            groups[-1][1].append(line)
    pairs: list[tuple[DocLine, DocLine | None]] = []
    hints: list[DocLine] = []
    problems: list[str] = []
    for english, chinese in groups:
        found: dict[int, DocLine] = {}
        if len(chinese) >= len(english):
            found = dict(enumerate(chinese))
            hints.extend(chinese[len(english) :])
        else:
            for zh in chinese:
                for i, en in enumerate(english):
                    if i not in found and signature(en.text) == signature(zh.text):
                        found[i] = zh
                        break
                else:
                    problems.append(
                        f"page:{zh.lineno}: {doc.code}: no English line for {zh.text!r}"
                    )
        for i, en in enumerate(english):
            zh = found.get(i)
            if zh is None:
                problems.append(f"page:{en.lineno}: {doc.code}: no Chinese line for {en.text!r}")
            elif signature(en.text) != signature(zh.text):
                problems.append(
                    f"page:{zh.lineno}: {doc.code}: placeholders of {zh.text!r} "
                    f"disagree with {en.text!r}"
                )
            pairs.append((en, zh))
    for hint in hints:
        problems.append(f"page:{hint.lineno}: {doc.code}: kept as a hint, not a translation")
    return Paired(tuple(pairs), tuple(hints), tuple(problems))


def build_registry(docs: Sequence[DocCode]) -> dict[str, object]:
    """Build the registry document from the page and ``docs_fixes``."""
    codes = []
    for doc in sorted(docs, key=lambda d: -d.code):
        paired = pair_lines(doc)
        messages: list[dict[str, str]] = [
            {"msgid": en.text, "origin": "page"} for en, _ in paired.pairs
        ]
        for extra in docs_fixes.SERVER_TEXTS.get(doc.code, ()):
            messages.append({"msgid": extra.msgid, "origin": "server", "seen": extra.seen})
        entry: dict[str, object] = {
            "code": doc.code,
            "name": doc.name,
            "section": doc.section,
        }
        if doc.heading != doc.name:
            entry["heading"] = doc.heading
        entry["messages"] = messages
        if doc.code in docs_fixes.GENERIC:
            entry["generic"] = docs_fixes.GENERIC[doc.code].en
        if doc.code in docs_fixes.HINTS:
            entry["hint"] = docs_fixes.HINTS[doc.code].en
        codes.append(entry)
    return {
        "source": "https://developers.binance.com/docs/zh-CN/derivatives/usds-margined-futures/error-code",
        "generated_by": "tools/import_docs.py",
        "codes": codes,
    }


def dump_registry(registry: dict[str, object]) -> str:
    """Serialise the registry deterministically, one field a line (the extractor's line numbers)."""
    return json.dumps(registry, ensure_ascii=False, indent=1) + "\n"


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)


@dataclass(frozen=True, slots=True)
class Translation:
    """A zh_CN msgstr for one catalogue entry, and why it is what it is."""

    msgstr: str
    comment: str = ""


def translations(docs: Sequence[DocCode]) -> dict[tuple[int, str], Translation]:
    """The zh_CN translation of every registry entry: the page's, or ``docs_fixes``'s."""
    out: dict[tuple[int, str], Translation] = {}
    for doc in docs:
        paired = pair_lines(doc)
        for en, zh in paired.pairs:
            if zh is not None:
                out[doc.code, en.text] = Translation(zh.text)
        for hint in paired.hints:
            if doc.code in docs_fixes.HINTS:
                text = docs_fixes.HINTS[doc.code].en
                out[doc.code, text] = Translation(
                    hint.text, "On the page this follows the translation as an explanation."
                )
    for (code, msgid), fix in docs_fixes.TRANSLATIONS.items():
        old = out.get((code, msgid))
        why = fix.why if old is None else f"{fix.why} The page has: {old.msgstr}"
        out[code, msgid] = Translation(fix.zh, why)
    for code, extras in docs_fixes.SERVER_TEXTS.items():
        for extra in extras:
            out[code, extra.msgid] = Translation(extra.zh, extra.why)
    for code, generic in docs_fixes.GENERIC.items():
        out[code, generic.en] = Translation(generic.zh, generic.why)
    return out


def fill_po(path: Path, table: dict[tuple[int, str], Translation] | None) -> int:
    """Fill the empty msgstrs of the ``.po`` at *path*; ``None`` copies the msgid (English).

    Returns how many entries it filled.  Entries already translated are left alone.
    """
    po = polib.pofile(str(path), wrapwidth=76)
    filled = 0
    if po.metadata_is_fuzzy or po.metadata.get("Last-Translator", "").startswith("FULL NAME"):
        po.metadata_is_fuzzy = False
        po.metadata["Last-Translator"] = "catalogue translators"
        po.metadata["Language-Team"] = f"{po.metadata.get('Language', '')} <catalogue translators>"
        filled += 1
    for entry in po:
        if entry.obsolete or (entry.msgstr and "fuzzy" not in entry.flags):
            continue
        if table is None:
            entry.msgstr = entry.msgid
        else:
            found = table.get((int(entry.msgctxt or 0), entry.msgid))
            if found is None:
                print(
                    f"{path}:{entry.linenum}: no translation for {entry.msgid!r}", file=sys.stderr
                )
                continue
            entry.msgstr = found.msgstr
            if found.comment:
                entry.tcomment = found.comment
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        filled += 1
    if filled:
        po.save(str(path))
    return filled


def _unknown_fixes(registry: dict[str, object]) -> list[str]:
    known = {
        (entry["code"], m["msgid"])
        for entry in registry["codes"]  # type: ignore[attr-defined]
        for m in entry["messages"]
    }
    return [
        f"{code}: no such template on the page: {msgid!r}"
        for code, msgid in docs_fixes.TRANSLATIONS
        if (code, msgid) not in known
    ]


def report(docs: Sequence[DocCode], registry: Registry, po: polib.POFile) -> list[str]:
    """The differences between the page and the registry, one line each.

    ``new on the page``: a code or text the registry lacks (to add by hand);
    ``not on the page``: a registry text of origin ``page`` the page no longer has;
    ``we changed``: a page translation the ``.po`` replaced, with the translator's reason.
    """
    lines: list[str] = []
    msgstrs = {(e.msgctxt, e.msgid): e for e in po}
    on_page: set[tuple[int, str]] = set()
    for doc in docs:
        paired = pair_lines(doc)
        info = registry.get(doc.code)
        if info is None:
            lines.append(f"new on the page: {doc.code} {doc.name}")
            continue
        known = {t.msgid for t in info.templates}
        for en, zh in paired.pairs:
            on_page.add((doc.code, en.text))
            if en.text not in known:
                lines.append(f"new on the page: {doc.code} {en.text!r}")
                continue
            entry = msgstrs.get((str(doc.code), en.text))
            if zh is not None and entry is not None and entry.msgstr != zh.text:
                why = (entry.tcomment or "no reason given").replace("\n", " ")
                lines.append(
                    f"we changed: {doc.code} {en.text!r}: page {zh.text!r} -> "
                    f"{entry.msgstr!r} ({why})"
                )
    for t in registry.templates():
        if t.origin == "page" and (t.code, t.msgid) not in on_page:
            lines.append(f"not on the page: {t.code} {t.msgid!r}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Print the difference report; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "page", type=Path, nargs="?", default=PAGE, help="the markdown capture of the page"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the page has what the registry lacks"
    )
    args = parser.parse_args(argv)
    try:
        text = args.page.read_text(encoding="utf-8")
    except OSError as err:
        print(f"import_docs: cannot read the page: {err}", file=sys.stderr)
        return 2
    docs = parse_docs(text)
    for doc in docs:
        for problem in pair_lines(doc).problems:
            print(problem.replace("page:", f"{args.page}:", 1), file=sys.stderr)
    lines = report(docs, load_registry(), polib.pofile(str(workflow.po_path("zh_CN", "errors"))))
    for line in lines:
        print(line)
    missing = [line for line in lines if line.startswith("new on the page")]
    return 1 if args.check and missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
