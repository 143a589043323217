"""How many real server messages the catalogue traces to the expected code and template.

Usage::

    python tools/corpus_share.py [tests/data/usdm_messages.jsonl ...]

Each line of a corpus is a real message with its source and the expected code,
template and values; the file's name says its market (``usdm_…``, ``spot_…``).  It
prints the share matched exactly (code, template and values), with the market
given and with none (the text decides), and lists the rest; it asserts nothing
(``tests/test_real_messages.py`` does).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from catalogue import Catalogue, MatchKind

ROOT = Path(__file__).resolve().parent.parent
CORPORA = (
    ROOT / "tests" / "data" / "usdm_messages.jsonl",
    ROOT / "tests" / "data" / "spot_messages.jsonl",
)


def share(
    rows: Sequence[dict[str, object]], cat: Catalogue, market: str | None = None
) -> tuple[int, list[str]]:
    """How many *rows* match as expected in *market* (``None``: the text decides), and
    a line for each one that does not."""
    good, misses = 0, []
    for row in rows:
        m = cat.match({"code": row["code"], "msg": row["msg"]}, market=market)
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
    parser.add_argument("corpus", type=Path, nargs="*", default=list(CORPORA))
    args = parser.parse_args(argv)
    cat = Catalogue.load()
    for corpus in args.corpus:
        lines = corpus.read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
        market = corpus.name.partition("_")[0]
        market = market if market in cat.markets else None
        for given in dict.fromkeys((market, None)):
            good, misses = share(rows, cat, given)
            for line in misses:
                print(f"miss: {line}")
            how = f"market={given!r}" if given else "no market given"
            print(
                f"{corpus.name}: {good} of {len(rows)} real messages matched exactly "
                f"({100 * good / len(rows):.0f}%), {how}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
