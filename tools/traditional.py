"""Draft the Traditional-Chinese catalogues (zh_TW, zh_HK) from zh_CN.

Usage, from the repository root (needs ``pip install opencc``)::

    python tools/traditional.py                      # every target locale and domain
    python tools/traditional.py --locale zh_TW       # one locale (repeatable)
    python tools/traditional.py --domain errors      # one domain (repeatable)
    python tools/traditional.py --dry-run            # say what would be drafted, write nothing

A target locale is any locale whose directory holds a ``glossary.tsv`` that names
its OpenCC configuration on a ``# opencc: <config>`` line (``s2twp`` for zh_TW,
``s2hk`` for zh_HK): a new one needs that file, no change here.  For each target
locale and domain it creates the ``.po`` (``pybabel init``) if it is missing, then
fills every entry whose ``msgstr`` is *empty* from the zh_CN ``msgstr``: converted
by OpenCC, then put through the glossary (``wrong<TAB>right<TAB>reason`` lines,
applied in order), and marked fuzzy with a translator comment, for a reviewer to
read and clear.  An entry that already has a ``msgstr`` is never touched: a translator's
work wins.  Placeholders (``%s``, ``%(name)s``, ``%%``) are never converted.

Run ``python tools/workflow.py`` afterwards to update and compile.  Only this tool
and the tests import ``opencc``; the package does not.
"""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from catalogue.locales import catalogue_path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "zh_CN"
DOMAINS = ("errors", "messages")
#: The glossary line that names the OpenCC configuration drafting its locale.
_CONFIG_RE = re.compile(r"#\s*opencc:\s*(\S+)\s*")

#: printf-style (``%s``, ``%2$d``, ``%b``, ``%%``) and Python named (``%(seconds)s``)
#: placeholders: left exactly as they are.
_PLACEHOLDER_RE = re.compile(r"%(?:\([A-Za-z_]\w*\))?(?:\d+\$)?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]")

Converter = Callable[[str], str]


@dataclass(frozen=True)
class Rule:
    """One glossary line: replace *wrong* by *right*, for *reason*."""

    wrong: str
    right: str
    reason: str


def comment_for(config: str) -> str:
    """The translator comment a drafted entry carries."""
    return f"Drafted from {SOURCE} by OpenCC {config} + glossary; review and clear fuzzy."


def targets(root: Path = ROOT) -> dict[str, str]:
    """Each target locale under *root*'s ``locales/``, with the OpenCC configuration
    its glossary names: ``{"zh_HK": "s2hk", "zh_TW": "s2twp"}``.  Whatever is there."""
    found = {}
    for glossary in sorted((root / "locales").glob("*/glossary.tsv")):
        config = opencc_config(glossary.read_text(encoding="utf-8"))
        if config is not None:
            found[glossary.parent.name] = config
    return found


def opencc_config(text: str) -> str | None:
    """The OpenCC configuration a glossary names (``# opencc: s2twp``), if any.

    >>> opencc_config("wrong\\tright\\treason\\n# opencc: s2hk\\n")
    's2hk'
    """
    for line in text.splitlines():
        if found := _CONFIG_RE.fullmatch(line):
            return found.group(1)
    return None


def parse_glossary(text: str) -> list[Rule]:
    """Read a glossary: ``wrong<TAB>right<TAB>reason`` lines, in order.

    Blank lines and lines starting with ``#`` are skipped, and so is a header line
    whose first field is ``wrong``.

    >>> parse_glossary("wrong\\tright\\treason\\n# note\\n引數\\t參數\\tparameter\\n")
    [Rule(wrong='引數', right='參數', reason='parameter')]
    """
    rules = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0]:
            raise ValueError(f"glossary line {number}: want 'wrong<TAB>right<TAB>reason': {line!r}")
        if fields[0] == "wrong" and number == 1:
            continue
        rules.append(Rule(*fields))
    return rules


def apply_glossary(text: str, rules: Sequence[Rule]) -> str:
    """Apply each rule of *rules* to *text*, in order.

    >>> apply_glossary("引數型別", [Rule("引數", "參數", ""), Rule("型別", "類型", "")])
    '參數類型'
    """
    for rule in rules:
        text = text.replace(rule.wrong, rule.right)
    return text


def convert(text: str, converter: Converter, rules: Sequence[Rule]) -> str:
    """Convert the text between placeholders of *text*; placeholders stay as they are.

    >>> convert("杠杆%s无效%(n)s%%", lambda s: s.upper(), [])
    '杠杆%s无效%(n)s%%'
    >>> convert("ab%sc", lambda s: s.upper(), [Rule("AB", "x", "")])
    'x%sC'
    """
    pieces = _PLACEHOLDER_RE.split(text)
    found = _PLACEHOLDER_RE.findall(text)
    out = [apply_glossary(converter(piece), rules) if piece else "" for piece in pieces]
    return "".join(p + (found[i] if i < len(found) else "") for i, p in enumerate(out))


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _empty(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return not any(entry.msgstr_plural.values())
    return not entry.msgstr


def draft(
    target: polib.POFile,
    source: polib.POFile,
    converter: Converter,
    rules: Sequence[Rule],
    comment: str,
) -> list[tuple[str, str]]:
    """Fill every empty entry of *target* from *source*; return the keys drafted.

    An entry with any ``msgstr`` is left alone, and so is one whose source is
    missing or untranslated.  A drafted entry is marked fuzzy and carries *comment*.
    """
    by_key = {_key(e): e for e in source if not e.obsolete}
    drafted = []
    for entry in target:
        if entry.obsolete or not _empty(entry):
            continue
        origin = by_key.get(_key(entry))
        if origin is None or _empty(origin):
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {
                i: convert(s, converter, rules) for i, s in origin.msgstr_plural.items()
            }
        else:
            entry.msgstr = convert(origin.msgstr, converter, rules)
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        if comment not in (entry.tcomment or ""):
            entry.tcomment = f"{entry.tcomment}\n{comment}" if entry.tcomment else comment
        drafted.append(_key(entry))
    return drafted


def adopt_header(target: polib.POFile, source: polib.POFile) -> None:
    """Give a catalogue fresh from ``pybabel init`` the project's header fields.

    ``Report-Msgid-Bugs-To`` and ``Last-Translator`` come from *source*; the team is
    named after *target*'s own ``Language``, as in the other catalogues.
    """
    for field in ("Report-Msgid-Bugs-To", "Last-Translator"):
        if field in source.metadata:
            target.metadata[field] = source.metadata[field]
    language = target.metadata.get("Language", "")
    target.metadata["Language-Team"] = f"{language} <catalogue translators>"


def _opencc(config: str) -> Converter:
    import opencc  # the tool's own dependency, never the package's

    try:
        return opencc.OpenCC(config).convert
    except Exception:  # older builds want the file name
        return opencc.OpenCC(f"{config}.json").convert


def _init(root: Path, locale: str, domain: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    argv = f"pybabel --quiet init -D {domain} -i {root}/locales/{domain}.pot -d {root}/locales"
    CommandLineInterface().run([*shlex.split(argv), "-l", locale])


def main(argv: Sequence[str] | None = None) -> int:
    """Draft the Traditional catalogues; return 0, or 2 when an input is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale", action="append", help="a target locale (repeatable)")
    parser.add_argument("--domain", action="append", choices=DOMAINS)
    parser.add_argument("--dry-run", action="store_true", help="write nothing")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root: Path = args.root
    found = targets(root)
    for locale in args.locale or ():
        if locale not in found:
            parser.error(
                f"--locale {locale!r}: no locales/{locale}/glossary.tsv naming its OpenCC "
                f"configuration ('# opencc: <config>'); targets: {', '.join(found) or 'none'}"
            )
    for locale in args.locale or sorted(found):
        config = found[locale]
        glossary_path = root / "locales" / locale / "glossary.tsv"
        rules = parse_glossary(glossary_path.read_text(encoding="utf-8"))
        converter = _opencc(config)
        for domain in args.domain or DOMAINS:
            path = Path(catalogue_path(root / "locales", locale, domain, "po"))
            source_path = Path(catalogue_path(root / "locales", SOURCE, domain, "po"))
            if not path.exists():
                if args.dry_run:
                    print(f"{path}: would be created with pybabel init")
                    continue
                _init(root, locale, domain)
                target = polib.pofile(str(path), wrapwidth=76)
                adopt_header(target, polib.pofile(str(source_path)))
                target.save()
            target = polib.pofile(str(path), wrapwidth=76)
            drafted = draft(
                target, polib.pofile(str(source_path)), converter, rules, comment_for(config)
            )
            print(f"{path.relative_to(root)}: {len(drafted)} entries drafted")
            if drafted and not args.dry_run:
                target.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
