"""Shared fixtures: the shipped catalogue, its files and the docs page."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from catalogue import Catalogue

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
SEED = ROOT.parent / "shared" / "seeds" / "000_2a99d2958f658e2d.txt"


@pytest.fixture(scope="session")
def cat() -> Catalogue:
    """The shipped catalogue, loaded explicitly."""
    return Catalogue.load(LOCALES)


@pytest.fixture(scope="session")
def zh_po() -> polib.POFile:
    """The zh_CN errors catalogue as the translators wrote it."""
    return polib.pofile(str(LOCALES / "zh_CN" / "LC_MESSAGES" / "errors.po"))


@pytest.fixture(scope="session")
def zh() -> dict[tuple[str, str], str]:
    """zh_CN msgstr by (msgctxt, msgid), read from the .po (not through the code under test)."""
    po = polib.pofile(str(LOCALES / "zh_CN" / "LC_MESSAGES" / "errors.po"))
    return {(e.msgctxt, e.msgid): e.msgstr for e in po}


@pytest.fixture(scope="session")
def page() -> str:
    """The docs page capture."""
    if not SEED.exists():
        pytest.skip(f"the docs page is not at {SEED}")
    return SEED.read_text(encoding="utf-8")
