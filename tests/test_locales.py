import re
import shutil

import pytest
from babel import Locale
from conftest import LOCALES

from catalogue import Catalogue, LocaleError, negotiate_locale, translate

AVAILABLE = ("en", "zh_CN")


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh", "zh_CN"),
        ("zh_Hans_CN", "zh_CN"),
        ("zh-Hans", "zh_CN"),
        ("ZH-cn", "zh_CN"),
        ("en", "en"),
        ("en_US", "en"),
        ("en-GB", "en"),
        # Traditional Chinese gets zh_CN until a Traditional catalogue ships.
        ("zh_TW", "zh_CN"),
        ("zh-HK", "zh_CN"),
        ("zh_Hant", "zh_CN"),
        # Headers: the highest q that we have wins.
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh_CN"),
        ("fr-CH, fr;q=0.9, en;q=0.8, zh;q=0.7", "en"),
        ("de;q=0.9, zh;q=0.95", "zh_CN"),
        ("en;q=0, zh;q=0.1", "zh_CN"),
        # A language we have no catalogue for: English.
        ("fr", "en"),
        ("pt_BR", "en"),
        # No language at all, or nothing readable: the default locale (issue 12).
        ("", "zh_CN"),
        ("*", "zh_CN"),
        ("!!", "zh_CN"),
    ],
)
def test_negotiate(asked, expected):
    assert negotiate_locale(asked, AVAILABLE) == expected


def test_babel_locale_objects():
    assert negotiate_locale(Locale.parse("zh_Hans_CN"), AVAILABLE) == "zh_CN"
    assert negotiate_locale(Locale("en", "US"), AVAILABLE) == "en"


def test_a_traditional_catalogue_would_win_once_it_exists():
    assert negotiate_locale("zh-TW", ("en", "zh_CN", "zh_TW")) == "zh_TW"
    assert negotiate_locale("zh_Hant_HK", ("en", "zh_CN", "zh_Hant")) == "zh_Hant"


@pytest.mark.parametrize("bad", [42, ["zh_CN"]])
def test_not_a_locale(bad):
    with pytest.raises(
        LocaleError,
        match=re.escape(
            f"locale must be a string, a babel.Locale or None, not {type(bad).__name__}"
        ),
    ):
        negotiate_locale(bad, AVAILABLE)


def test_none_means_the_default_locale_issue12():
    assert negotiate_locale(None, AVAILABLE) == "zh_CN"
    assert negotiate_locale(None, ("en",)) == "en"


def test_unsupported_locale_falls_back_to_english_in_translate(tmp_path):
    payload = {"code": -1121, "msg": "Invalid symbol."}
    assert translate(payload, locale="ja_JP") == "Invalid symbol."
    assert translate(payload, locale=Locale.parse("zh_CN")) == translate(payload, locale="zh_CN")
    # Without a Traditional catalogue, Traditional Chinese gets zh_CN.
    for locale in AVAILABLE:
        shutil.copytree(LOCALES / locale, tmp_path / locale)
    simplified_only = Catalogue.load(tmp_path)
    assert simplified_only.locales == AVAILABLE
    assert simplified_only.translate(payload, locale="zh-TW") == translate(payload, locale="zh_CN")


def test_traditional_chinese_gets_its_own_catalogue():
    payload = {"code": -1121, "msg": "Invalid symbol."}
    assert translate(payload, locale="zh-TW") == translate(payload, locale="zh_TW")
    assert translate(payload, locale="zh-MO") == translate(payload, locale="zh_HK")
    assert translate(payload, locale="zh-TW") != translate(payload, locale="zh_CN")


@pytest.mark.parametrize("tag", ["zh-Hant", "zh-Hant-US", "zh-Hant-SG", "zh-Hant-CN"])
def test_traditional_elsewhere_reads_the_scripts_home_review(tag):
    assert negotiate_locale(tag, ("en", "zh_CN", "zh_HK", "zh_TW")) == "zh_TW"
