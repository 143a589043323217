"""``catalogue check``: everything that can be wrong with the catalogues, by file and line.

Checked for every ``.po`` of the ``errors`` and ``messages`` domains: placeholder
agreement between msgid and msgstr, untranslated, fuzzy and obsolete entries,
duplicate ``msgctxt`` + ``msgid``, entries present in one locale (or the
``.pot``) and missing in another, and, for ``errors``, registry entries missing
from the catalogues.

A locale that declares style rules, by a ``terms.tsv`` beside its ``LC_MESSAGES``
(``forbidden<TAB>preferred<TAB>why`` a line), is also checked for Chinese
typography: a space after full-width punctuation, half-width punctuation between
Chinese characters, backticks its msgid does not have, and the forbidden terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

from catalogue.locales import available_locales, catalogue_path, locales_dir
from catalogue.placeholders import problems as placeholder_problems
from catalogue.registry import FAILURE_CONTEXT, VOCABULARY_CONTEXT, Registry, load_registry

__all__ = ["Problem", "check"]

DOMAINS = ("errors", "messages")
#: The file by which a locale declares its style rules.
TERMS_FILE = "terms.tsv"
_SPACE_AFTER_RE = re.compile(r"([，。；：！？、）”])[ \t]+")
_HALF_WIDTH_RE = re.compile(r"[\u4e00-\u9fff]([,;:!?]|\.(?!\d))[\u4e00-\u9fff]")
_PY_FORMAT_RE = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrs%])")


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One problem, at a line of a file (line 0: the file as a whole)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _show(key: tuple[str, str]) -> str:
    return f"[{key[0]}] {key[1]!r}" if key[0] else repr(key[1])


def _python_format(msgid: str, msgstr: str) -> list[str]:
    want = sorted(m.group(0) for m in _PY_FORMAT_RE.finditer(msgid) if m.group(2) != "%")
    got = sorted(m.group(0) for m in _PY_FORMAT_RE.finditer(msgstr) if m.group(2) != "%")
    if want != got:
        return [f"msgstr placeholders {got} differ from msgid's {want}"]
    return []


def load_terms(path: Path) -> list[tuple[str, str, str]]:
    """The ``(forbidden, preferred, why)`` rows of a ``terms.tsv``; ``#`` lines are comments.

    :raises ValueError: naming the line, if a row has no forbidden term.
    """
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        forbidden, preferred, why = [*line.split("\t"), "", ""][:3]
        if not forbidden:
            raise ValueError(f"{path}:{lineno}: no forbidden term")
        rows.append((forbidden, preferred, why))
    return rows


def style_problems(msgid: str, msgstr: str, terms: list[tuple[str, str, str]]) -> list[str]:
    """How *msgstr* breaks a locale's style rules (Chinese typography and terms).

    >>> style_problems("Bad.", "错误。 请重试", [("强制参数", "必填参数", "")])
    ["space after full-width '。'"]
    >>> style_problems("Value %s.", "值`%s`有误,请重试", [])
    ["half-width ',' between Chinese characters", 'backticks the msgid does not have']
    """
    found = [f"space after full-width {m.group(1)!r}" for m in _SPACE_AFTER_RE.finditer(msgstr)]
    found += [
        f"half-width {m.group(1)!r} between Chinese characters"
        for m in _HALF_WIDTH_RE.finditer(msgstr)
    ]
    if msgstr.count("`") > msgid.count("`"):
        found.append("backticks the msgid does not have")
    for forbidden, preferred, _why in terms:
        if forbidden in msgstr:
            found.append(f"forbidden term {forbidden!r}: write {preferred!r}")
    return found


def _check_entry(domain: str, entry: polib.POEntry) -> list[str]:
    problems = []
    if "fuzzy" in entry.flags:
        problems.append(f"fuzzy entry {_show(_key(entry))}")
    strings = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    if not all(strings):
        problems.append(f"untranslated entry {_show(_key(entry))}")
    compare = placeholder_problems if domain == "errors" else _python_format
    for i, msgstr in enumerate(s for s in strings if s):
        msgid = entry.msgid_plural if (entry.msgid_plural and i > 0) else entry.msgid
        problems.extend(f"{p} in {_show(_key(entry))}" for p in compare(msgid, msgstr))
    return problems


def check(directory: Path | None = None, *, registry: Registry | None = None) -> list[Problem]:
    """Check every catalogue in *directory* (default: the shipped ``locales/``).

    >>> check()
    []

    :param registry: the registry the ``errors`` domain must cover (default: the
        shipped one).
    :returns: the problems found, sorted by file and line; empty when all is well.
    """
    directory = locales_dir() if directory is None else Path(directory)
    registry = load_registry() if registry is None else registry
    problems: list[Problem] = []
    terms: dict[str, list[tuple[str, str, str]] | None] = {}
    for locale in {loc for domain in DOMAINS for loc in available_locales(directory, domain)}:
        path = directory / locale / TERMS_FILE
        try:
            terms[locale] = load_terms(path) if path.exists() else None
        except (OSError, ValueError) as err:
            problems.append(Problem(str(path), 0, f"cannot read: {err}"))
            terms[locale] = None
    for domain in DOMAINS:
        pot_path = directory / f"{domain}.pot"
        files: dict[str, Path] = {}
        if pot_path.exists():
            files[""] = pot_path
        else:
            problems.append(Problem(str(pot_path), 0, "missing: no .pot template"))
        if not available_locales(directory, domain):
            problems.append(Problem(str(directory), 0, f"no locale has a {domain} catalogue"))
        for locale in available_locales(directory, domain):
            po_path = Path(catalogue_path(directory, locale, domain, "po"))
            if po_path.exists():
                files[locale] = po_path
            else:
                problems.append(Problem(str(po_path), 0, "missing: only the compiled .mo exists"))
        keys: dict[str, dict[tuple[str, str], int]] = {}
        for locale, path in files.items():
            try:
                po = polib.pofile(str(path))
            except (OSError, ValueError) as err:
                problems.append(Problem(str(path), 0, f"cannot read: {err}"))
                continue
            seen: dict[tuple[str, str], int] = {}
            if locale and po.metadata_is_fuzzy:
                problems.append(Problem(str(path), 1, "the header is marked fuzzy"))
            for entry in po.obsolete_entries():
                message = f"obsolete entry {entry.msgid!r}"
                problems.append(Problem(str(path), (entry.linenum or 0), message))
            for entry in po:
                if entry.obsolete:
                    continue
                key = _key(entry)
                if key in seen:
                    problems.append(
                        Problem(
                            str(path),
                            (entry.linenum or 0),
                            f"duplicate entry {_show(key)} (first at line {seen[key]})",
                        )
                    )
                    continue
                seen[key] = entry.linenum or 0
                if locale:
                    found = _check_entry(domain, entry)
                    if terms.get(locale) is not None:
                        found += [
                            f"{p} in {_show(key)}"
                            for p in style_problems(entry.msgid, entry.msgstr, terms[locale] or [])
                        ]
                    problems.extend(Problem(str(path), (entry.linenum or 0), p) for p in found)
            keys[locale] = seen
        everywhere = set().union(*keys.values()) if keys else set()
        wanted: set[tuple[str, str]] = set()
        if domain == "errors":
            wanted = {(i.context, m) for i in registry.entries() for m in i.msgids}
            wanted |= {(FAILURE_CONTEXT + kind, text) for kind, text in registry.failures.items()}
            wanted |= {
                (VOCABULARY_CONTEXT + name, word)
                for name, words in registry.vocabularies.items()
                for word in words
            }
            for locale, seen in keys.items():
                shown = str(files[locale])
                for key in sorted(wanted - seen.keys()):
                    problems.append(Problem(shown, 0, f"registry entry {_show(key)} is missing"))
                for key in sorted(seen.keys() - wanted):
                    problems.append(
                        Problem(shown, seen[key], f"entry {_show(key)} is not in the registry")
                    )
        for locale, seen in keys.items():
            for key in sorted(everywhere - seen.keys() - wanted):
                others = sorted(loc or "the .pot" for loc, s in keys.items() if key in s)
                problems.append(
                    Problem(
                        str(files[locale]),
                        0,
                        f"entry {_show(key)} is missing here but present in {', '.join(others)}",
                    )
                )
    return sorted(problems)
