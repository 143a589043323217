"""How many real server messages the catalogue traces to the expected code and template.

Usage::

    python tools/corpus_share.py [tests/data/usdm_messages.jsonl]

Each line of the corpus is a real message with its source and the expected code,
template and values.  It prints the share matched exactly (code, template and
values) and lists the rest; it asserts nothing (``tests/test_real_messages.py``
does).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from catalogue import Catalogue, MatchKind

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "usdm_messages.jsonl"


def share(rows: Sequence[dict[str, object]], cat: Catalogue) -> tuple[int, list[str]]:
    """How many *rows* match as expected, and a line for each one that does not."""
    good, misses = 0, []
    for row in rows:
        m = cat.match({"code": row["code"], "msg": row["msg"]})
        expected = (row["expected_code"], row["expected_msgid"], row["expected_values"])
        got = None if m is None else (m.code, m.msgid, list(getattr(m, "values", m.params)))
        if m is not None and m.kind is not MatchKind.CODE_ONLY and got == expected:
            good += 1
        else:
            misses.append(f"{row['code']} {row['msg']!r}: got {got}")
    return good, misses


def main(argv: Sequence[str] | None = None) -> int:
    """Print the share; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=CORPUS)
    args = parser.parse_args(argv)
    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    good, misses = share(rows, Catalogue.load())
    for line in misses:
        print(f"miss: {line}")
    print(f"{good} of {len(rows)} real messages matched exactly ({100 * good / len(rows):.0f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
