"""The README tells the truth about the API: its table matches the real signatures."""

import inspect
import re
from pathlib import Path

import pytest

import catalogue

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
_ROW_RE = re.compile(r"^\| `(?P<call>[A-Za-z_.]+)\((?P<args>[^`]*)\)` \|", re.M)


def _rows():
    table = README[README.index("## The API") : README.index("### Payloads")]
    # A row like `Matcher(registry).find(...)` is an expression, not one call: left out.
    return [(m["call"], m["args"]) for m in _ROW_RE.finditer(table) if ")." not in m["args"]]


def _documented(args):
    """Parameter names and defaults as the README writes them (``*`` and ``*name`` kept)."""
    found = []
    for part in (p.strip() for p in args.split(",")):
        if not part or part == "...":
            continue
        name, _, default = part.partition("=")
        found.append((name, default or None))
    return found


def _actual(call):
    target = catalogue
    for name in call.split("."):
        target = getattr(target, name)
    found = []
    star = False
    for p in inspect.signature(target).parameters.values():
        if p.name in ("self", "cls"):
            continue
        if p.kind is p.KEYWORD_ONLY and not star:
            found.append(("*", None))
            star = True
        name = f"*{p.name}" if p.kind is p.VAR_POSITIONAL else p.name
        star = star or p.kind is p.VAR_POSITIONAL
        default = None if p.default is p.empty else repr(p.default).replace("'", '"')
        found.append((name, default))
    return found


def test_the_table_has_the_calls():
    assert {call for call, _ in _rows()} >= {
        "translate",
        "localize",
        "match",
        "render",
        "Catalogue.load",
        "negotiate_locale",
    }


@pytest.mark.parametrize(("call", "args"), _rows(), ids=[c for c, _ in _rows()])
def test_readme_api_table_matches_the_signature_issue12(call, args):
    assert _documented(args) == _actual(call)
