"""Real messages the servers sent, found in public issues, logs and client tests.

``tests/data/usdm_messages.jsonl`` (USDⓈ-M Futures) and
``tests/data/spot_messages.jsonl`` (Spot) hold each with its source and the code,
template and values a reader of the registry expects.  Each must match exactly
that, in its own market and with no market given (the text decides), and render
in zh_CN with no English sentence left.
"""

import json
import re
from pathlib import Path

import pytest

from catalogue import Catalogue, MatchKind

DATA = Path(__file__).resolve().parent / "data"


def _load(market):
    path = DATA / f"{market}_messages.jsonl"
    return [dict(json.loads(line), market=market) for line in path.read_text("utf-8").splitlines()]


USDM = _load("usdm")
SPOT = _load("spot")
MESSAGES = USDM + SPOT
#: Three English words in a row: a sentence left untranslated.
_ENGLISH_RE = re.compile(r"\b[A-Za-z]{2,}\b[ ,]+\b[A-Za-z]{2,}\b[ ,]+\b[A-Za-z]{2,}\b")


def _id(row):
    return f"{row['market']}{row['expected_code']}-{row['msg'][:40]}"


@pytest.fixture(scope="module")
def cat():
    return Catalogue.load()


@pytest.mark.parametrize(("rows", "least"), [(USDM, 100), (SPOT, 100)], ids=["usdm", "spot"])
def test_the_corpus_is_real_and_sourced(rows, least):
    assert len(rows) >= least
    assert all(row["source"] for row in rows)
    assert len({(row["code"], row["msg"]) for row in rows}) == len(rows)


def _expected(row):
    return (row["expected_code"], row["expected_msgid"], row["expected_values"])


@pytest.mark.parametrize("row", MESSAGES, ids=_id)
def test_real_message_matches_its_code_template_and_values(cat, row):
    m = cat.match({"code": row["code"], "msg": row["msg"]}, market=row["market"])
    assert m is not None
    assert m.kind is not MatchKind.CODE_ONLY
    assert (m.code, m.msgid, list(m.values)) == _expected(row)
    assert m.owner == row.get("expected_owner", row["expected_code"])
    assert m.market == row["market"]


@pytest.mark.parametrize("row", MESSAGES, ids=_id)
def test_real_message_matches_with_no_market_given_issue13(cat, row):
    m = cat.match({"code": row["code"], "msg": row["msg"]})
    assert m is not None
    assert (m.code, m.msgid, list(m.values)) == _expected(row)
    # A code that means one thing in both markets is one entry: either answer is right.
    assert m.market == row["market"] or set(cat.markets) <= set(
        cat.registry.in_market(m.market)[m.owner].markets
    )


@pytest.mark.parametrize("row", MESSAGES, ids=_id)
def test_real_message_reads_as_chinese(cat, row):
    payload = {"code": row["code"], "msg": row["msg"]}
    text = cat.translate(payload, locale="zh_CN", market=row["market"])
    assert text == cat.translate(payload, locale="zh_CN")
    left = text
    for value in row["expected_values"]:  # what the server sent stays as sent
        left = left.replace(value, "")
    assert not _ENGLISH_RE.search(left), text
