"""Real messages the USDⓈ-M server sent, found in public issues, logs and client tests.

``tests/data/usdm_messages.jsonl`` holds each with its source and the code,
template and values a reader of the registry expects (set by hand, not by running
the matcher).  Each must match exactly that, and render in zh_CN with no English
sentence left.
"""

import json
import re
from pathlib import Path

import pytest

from catalogue import Catalogue, MatchKind

DATA = Path(__file__).resolve().parent / "data" / "usdm_messages.jsonl"
MESSAGES = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
#: Three English words in a row: a sentence left untranslated.
_ENGLISH_RE = re.compile(r"\b[A-Za-z]{2,}\b[ ,]+\b[A-Za-z]{2,}\b[ ,]+\b[A-Za-z]{2,}\b")


def _id(row):
    return f"{row['expected_code']}-{row['msg'][:40]}"


@pytest.fixture(scope="module")
def cat():
    return Catalogue.load()


def test_the_corpus_is_real_and_sourced():
    assert len(MESSAGES) >= 100
    assert all(row["source"] for row in MESSAGES)
    assert len({(row["code"], row["msg"]) for row in MESSAGES}) == len(MESSAGES)


@pytest.mark.parametrize("row", MESSAGES, ids=_id)
def test_real_message_matches_its_code_template_and_values(cat, row):
    m = cat.match({"code": row["code"], "msg": row["msg"]})
    assert m is not None
    assert m.kind is not MatchKind.CODE_ONLY
    assert (m.code, m.msgid, list(m.values)) == (
        row["expected_code"],
        row["expected_msgid"],
        row["expected_values"],
    )
    assert m.owner == row.get("expected_owner", row["expected_code"])


@pytest.mark.parametrize("row", MESSAGES, ids=_id)
def test_real_message_reads_as_chinese(cat, row):
    text = cat.translate({"code": row["code"], "msg": row["msg"]}, locale="zh_CN")
    left = text
    for value in row["expected_values"]:  # what the server sent stays as sent
        left = left.replace(value, "")
    assert not _ENGLISH_RE.search(left), text
