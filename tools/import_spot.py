"""Compare the Spot API's error page with the registry: a difference report.

Usage::

    python tools/import_spot.py [DIR] [--check]

*DIR* holds a capture of ``errors.md`` (and ``errors_CN.md``) of
``binance/binance-spot-api-docs``; default ``tools/pages/spot/``.  It prints what is
on the page that the registry's Spot market lacks, the registry's ``spot_page``
texts the page no longer has, and, with ``errors_CN.md``, each official Chinese text
the zh_CN catalogue words otherwise.  It writes nothing: the registry is edited by
hand (see the README).  ``--check`` exits 1 when the page has texts the registry
lacks.

The page's markdown is read as the server sends the text: backticks and link
targets go (``[Logon<A>](fix-api.md#logon-main)`` is ``Logon<A>``), ``'{param}'``
and the literal ``'x'``/``'y'`` of -1161 are ``'%s'``.  The two tables (the messages
-1010/-2010/-2011/-2038 carry, and the filter failures) are read by their first
column; prose bullets (descriptions, not messages) are told apart by the registry:
a page bullet the registry keeps under ``page`` is a message, and a report line
lists the rest for a maintainer to decide.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from catalogue.locales import catalogue_path
from catalogue.registry import Registry, load_registry

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tools" / "pages" / "spot"
ZH_PO = Path(catalogue_path(ROOT / "locales", "zh_CN", "errors", "po"))

_HEADING_RE = re.compile(r"^\s*###\s+(-\d+)\s+(.*?)\s*$")
_SECTION_RE = re.compile(r"^\s*##\s+(?!#)(.*?)\s*$")
_BULLET_RE = re.compile(r"^\s*\*\s+(.*?)\s*$")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
#: The table sections and the codes whose messages they list.
TABLES = {
    "Messages for": (-2010, -1010, -2011, -2038),
    "消息": (-2010, -1010, -2011, -2038),
    "Filter failures": (-1013,),
    "订单未能通过过滤器": (-1013,),
}
#: Bullets that describe a code rather than quote what the server sends, by code and
#: first words: the registry leaves them out.
PROSE = {
    (-1013, "The request is rejected by the API."),
    (-1013, "Potential error messages can be found"),
    (-1158, "If the order type provided"),
    (-1160, "If the order type for the above or below leg"),
    (-2021, "This code is sent when"),
    (-2022, "This code is sent when"),
}


@dataclass(frozen=True)
class PageText:
    """One text of the page: a bullet under a code's heading, or a table's first cell."""

    code: int
    #: As the server sends it (see the module docstring).
    text: str
    #: As the page writes it.
    page: str
    #: Where: ``"bullet"``, ``"heading"`` or ``"table"``.
    kind: str
    line: int
    #: A table's second column: on ``errors_CN.md``, the official Chinese.
    description: str = ""


def server_form(page: str) -> str:
    """A page text as the server sends it.

    >>> server_form("Please send [Logout`<5>`](fix-api.md#logout) message.")
    'Please send Logout<5> message.'
    >>> server_form("Working order must include the '{param}' tag.")
    "Working order must include the '%s' tag."
    """
    text = _LINK_RE.sub(r"\1", page).replace("`", "")
    text = text.replace("'{param}'", "'%s'")
    return text.replace("schema 'x'", "schema '%s'").replace("schema 'y'", "schema '%s'")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _messages(cell: str) -> list[str]:
    """The messages of a table's first cell: ``"A." / "B."``, unquoted, or unterminated."""
    quoted = re.findall(r'"([^"]*)"', cell)
    if quoted:
        return quoted
    return [cell.strip().strip('"')]


def read_page(text: str) -> Iterator[PageText]:
    """Every message of ``errors.md`` (or ``errors_CN.md``): the code bullets that are
    no prose (:data:`PROSE`), the sentence headings, the tables' messages."""
    section, code = "", None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if (m := _HEADING_RE.match(line)) is not None:
            code = int(m[1])
            if " " in m[2]:  # cancelReplace's headings are the sentence the server sends
                sentence = m[2] if m[2].endswith(".") else m[2] + "."
                yield PageText(code, sentence, m[2], "heading", lineno)
            continue
        if (m := _SECTION_RE.match(line)) is not None:
            section, code = m[1], None
            continue
        if line.lstrip().startswith("#"):
            code = None
        elif code is not None and (m := _BULLET_RE.match(line)) is not None:
            text = server_form(m[1])
            if not any(code == c and text.startswith(words) for c, words in PROSE):
                yield PageText(code, text, m[1], "bullet", lineno)
        elif code is None and "|" in line:
            codes = next((c for prefix, c in TABLES.items() if section.startswith(prefix)), ())
            cells = _cells(line)
            if not codes or not cells[0] or set(cells[0]) <= set("-: "):
                continue
            if cells[0].lower() in ("error message", "错误信息", "错误消息"):
                continue
            description = cells[1] if len(cells) > 1 else ""
            for message in _messages(cells[0]):
                text = server_form(message)
                yield PageText(codes[0], text, message, "table", lineno, description)


def report(page: Sequence[PageText], registry: Registry) -> list[str]:
    """The difference between the page and the registry's Spot market, one line each."""
    spot = registry.in_market("spot")
    lines = []
    known = {(t.code, t.msgid) for t in spot.templates()}
    for p in page:
        if (p.code, p.text) in known:
            continue
        what = f"{p.code} {p.text!r}"
        if p.code not in spot:
            lines.append(f"new code on the page (line {p.line}): {what}")
        else:
            lines.append(f"new text on the page (line {p.line}): {what}")
    on_page = {(p.code, p.text) for p in page}
    for t in spot.templates():
        if t.origin == "spot_page" and (t.code, t.msgid) not in on_page:
            lines.append(f"not on the page any more: {t.code} {t.msgid!r}")
    return lines


def chinese(page: Sequence[PageText], page_cn: Sequence[PageText], po: polib.POFile) -> list[str]:
    """Each official Chinese text the zh_CN catalogue words otherwise, with the reason."""
    registry = load_registry().in_market("spot")
    entries = {(e.msgctxt, e.msgid): e for e in po}
    # Bullets pair by code and position, table rows by their (English) message.
    official_of: dict[object, str] = {}
    position: dict[int, int] = {}
    for p in page_cn:
        if p.kind == "table":
            official_of[p.code, p.text] = p.description
        elif p.kind == "bullet":
            position[p.code] = position.get(p.code, 0) + 1
            official_of[p.code, position[p.code]] = p.page
    lines: list[str] = []
    position = {}
    for p in page:
        if p.kind == "table":
            official = official_of.get((p.code, p.text), "")
        elif p.kind == "bullet":
            position[p.code] = position.get(p.code, 0) + 1
            official = official_of.get((p.code, position[p.code]), "")
        else:
            continue
        if not re.search(r"[\u4e00-\u9fff]", official):
            continue  # the Chinese page keeps the English here
        info = registry.get(p.code)
        entry = entries.get((info.context, p.text)) if info is not None else None
        if entry is not None and entry.msgstr != official:
            reason = (entry.tcomment or "").splitlines()[0] if entry.tcomment else "no comment"
            lines.append(f"{p.code} {p.text!r}: page {official!r}, ours {entry.msgstr!r}")
            lines.append(f"    {reason}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, nargs="?", default=PAGES)
    parser.add_argument("--check", action="store_true", help="exit 1 if the registry lacks texts")
    args = parser.parse_args(argv)
    english = args.directory / "errors.md"
    if not english.is_file():
        parser.error(
            f"no capture of the Spot page at {english}: put errors.md (and errors_CN.md) "
            "of binance/binance-spot-api-docs there"
        )
    page = list(read_page(english.read_text(encoding="utf-8")))
    lines = report(page, load_registry())
    for line in lines:
        print(line)
    chinese_page = args.directory / "errors_CN.md"
    if chinese_page.is_file():
        page_cn = list(read_page(chinese_page.read_text(encoding="utf-8")))
        for line in chinese(page, page_cn, polib.pofile(str(ZH_PO))):
            print(line)
    new = sum(1 for line in lines if line.startswith("new "))
    print(f"{len(page)} texts on the page; {new} not in the registry")
    return 1 if args.check and new else 0


if __name__ == "__main__":
    raise SystemExit(main())
