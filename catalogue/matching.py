"""Compiled templates and the index that finds them, in time linear in the text.

A template ``L0 %s L1 %d L2`` is matched without regular expressions: the text
must start with ``L0`` and end with ``L2``, and each inner literal is found with
``str.find`` from where the last one ended.  Taking the leftmost occurrence of
each inner literal never loses a match when every parameter is ``%s``; with a
``%d`` or ``%b`` after a ``%s`` whose value contains the next literal, the split is
still the leftmost one and may fail where a later split would type-check.  No step
looks at a character twice, so a hostile near-miss costs what its length costs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from catalogue.placeholders import Param, Placeholder, tokenize
from catalogue.registry import Template

__all__ = ["Compiled", "TemplateIndex", "compile_template", "tolerant_text"]

_QUOTES = "'\"`"
_SPACE_RE = re.compile(r"\s+")
_PUNCT_SPACE_RE = re.compile(r" ?([,;:]) ?")
#: How many leading (or trailing) literal characters key the index.
KEY = 8


def tolerant_text(text: str) -> str:
    """Fold the small ways server text drifts from the docs.

    Runs of white space become one space, and none is kept around ``,;:``; one
    trailing full stop goes.  (The first letter's case is folded by
    :meth:`Compiled.match`, which knows whether it belongs to a literal.)

    >>> tolerant_text("  Leverage  0 is not valid. ")
    'Leverage 0 is not valid'
    >>> tolerant_text("for orderType 'LIMIT', reduceOnly 'true'.")
    "for orderType 'LIMIT',reduceOnly 'true'"
    """
    text = _PUNCT_SPACE_RE.sub(r"\1", _SPACE_RE.sub(" ", text).strip())
    if text.endswith("."):
        text = text[:-1].rstrip()
    return text


def fold_first(text: str) -> str:
    """*text* with its first letter in lower case: the server's first letter drifts.

    >>> fold_first("ClientOrderId is duplicated")
    'clientOrderId is duplicated'
    """
    return text[:1].lower() + text[1:]


class Compiled:
    """A template split into literals and typed placeholders, ready to match."""

    __slots__ = ("literals", "specificity", "template", "tolerant", "types")

    def __init__(
        self, template: Template, literals: Sequence[str], types: str, *, tolerant: bool
    ) -> None:
        #: The registry entry this was compiled from.
        self.template = template
        #: ``len(types) + 1`` literals around the placeholders.
        self.literals = tuple(literals)
        #: One letter per placeholder, in order: ``"s"``, ``"d"`` or ``"b"``.
        self.types = types
        #: Whether this is the folded form of :func:`tolerant_text`.
        self.tolerant = tolerant
        #: Literal characters: more means a more specific template.
        self.specificity = sum(map(len, self.literals))

    def match(self, text: str) -> tuple[Param, ...] | None:
        """The typed parameters if *text* is this template filled in, else ``None``."""
        lits = self.literals
        first, last = lits[0], lits[-1]
        if self.tolerant and first:
            if text[:1].lower() != first[0] or not text.startswith(first[1:], 1):
                return None
        elif not text.startswith(first):
            return None
        if not text.endswith(last):
            return None
        pos, end = len(first), len(text) - len(last)
        if end < pos:
            return None
        raw: list[str] = []
        for lit in lits[1:-1]:
            found = text.find(lit, pos, end)
            if found < 0:
                return None
            raw.append(text[pos:found])
            pos = found + len(lit)
        value = text[pos:end]
        if not last and self.types:
            # A template that ends in its parameter: a final full stop or white space
            # belongs to the sentence, not to the value ("... higher than 27000.5.").
            stripped = value.rstrip()
            stripped = stripped[:-1] if stripped.endswith(".") else stripped
            value = stripped or value
        raw.append(value)
        return _convert(raw, self.types, tolerant=self.tolerant)


def _convert(raw: list[str], types: str, *, tolerant: bool) -> tuple[Param, ...] | None:
    params: list[Param] = []
    for value, kind in zip(raw, types, strict=True):
        if tolerant and len(value) >= 2 and value[0] in _QUOTES and value[-1] == value[0]:
            value = value[1:-1]
        if kind == "s":
            params.append(value)
        elif kind == "d":
            digits = value[1:] if value[:1] == "-" else value
            # At most 19 digits, as a Java long prints (and far below the limit of
            # Python's int() on strings).
            if not (digits.isascii() and digits.isdigit()) or len(digits) > 19:
                return None
            params.append(int(value))
        else:
            folded = value.lower() if tolerant else value
            if folded not in ("true", "false"):
                return None
            params.append(folded == "true")
    return tuple(params)


def compile_template(template: Template, *, tolerant: bool = False) -> Compiled:
    """Compile *template* for matching; *tolerant* compiles its folded form.

    The folded form drops the quotes the docs put around a placeholder (the
    server may or may not send them; :meth:`Compiled.match` strips them from the
    value) and folds the literals as :func:`tolerant_text` folds the text.
    """
    tokens = list(tokenize(template.template))
    literals: list[str] = [""]
    types = []
    for i, token in enumerate(tokens):
        if isinstance(token, Placeholder):
            types.append(token.type)
            literals.append("")
            continue
        if tolerant:
            if i + 1 < len(tokens) and isinstance(tokens[i + 1], Placeholder):
                token = token[:-1] if token[-1:] in _QUOTES else token
            if i > 0 and isinstance(tokens[i - 1], Placeholder):
                token = token[1:] if token[:1] in _QUOTES else token
        literals[-1] += token
    if tolerant:
        marker = "\x00"  # fold the whole template at once, so spacing rules see the joins
        folded = tolerant_text(marker.join(literals)).split(marker)
        literals = folded if len(folded) == len(literals) else literals
        literals[0] = fold_first(literals[0])
    return Compiled(template, literals, "".join(types), tolerant=tolerant)


class TemplateIndex:
    """Finds the templates a text may fill without trying every template.

    Templates are keyed by their first :data:`KEY` literal characters, or, when
    they start with a short literal, by their last; the few with short literals
    at both ends are always tried.  Work per lookup depends on the size of a
    bucket, not on the size of the catalogue.
    """

    __slots__ = ("_always", "_prefix", "_suffix")

    def __init__(self, compiled: Iterable[Compiled]) -> None:
        self._prefix: dict[str, list[Compiled]] = {}
        self._suffix: dict[str, list[Compiled]] = {}
        self._always: list[Compiled] = []
        for c in compiled:
            if len(c.literals[0]) >= KEY:
                self._prefix.setdefault(c.literals[0][:KEY], []).append(c)
            elif len(c.literals[-1]) >= KEY:
                self._suffix.setdefault(c.literals[-1][-KEY:], []).append(c)
            else:
                self._always.append(c)

    def candidates(self, text: str, *, fold_first_letter: bool = False) -> list[Compiled]:
        """The templates *text* may fill, most specific first.

        *fold_first_letter* looks the text up with its first letter in lower case, as the
        tolerant templates are keyed.
        """
        head = text[:1].lower() + text[1:KEY] if fold_first_letter else text[:KEY]
        found = self._prefix.get(head, []) + self._suffix.get(text[-KEY:], []) + self._always
        found.sort(key=lambda c: -c.specificity)
        return found

    def __len__(self) -> int:
        return (
            sum(map(len, self._prefix.values()))
            + sum(map(len, self._suffix.values()))
            + len(self._always)
        )
