import io
import re
import shutil
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from conftest import LOCALES, assert_read_as_gettext_reads, build_mo, gettext_reads

from catalogue import Catalogue, CatalogueFileError, LocaleError, negotiate_locale, translate
from catalogue.locales import _string_tables, catalogue_path, load_translations, shipped_locales

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
        # A refused locale (q=0) is not chosen, not even as the default.
        ("zh-CN;q=0", "en"),
        ("zh;q=0, fr", "en"),
        ("zh;q=0", "en"),
        ("zh-CN;q=0, en;q=0, zh", "en"),  # nothing left: English
        # A refusal of what we do not have, or an invalid weight, refuses nothing.
        ("fr;q=0", "zh_CN"),
        ("zh-CN;q=abc", "zh_CN"),
        ("zh-CN;q=-0", "zh_CN"),
        ("*, fr;q=0", "zh_CN"),
        # Nor does * (it covers only what the header does not name), a region or a variant.
        ("*;q=0", "zh_CN"),
        ("en-GB, en-US;q=0", "en"),
        ("en-US;q=0, en", "en"),
        ("zh-1234;q=0, zh-CN;q=0.5", "zh_CN"),
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


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("zh-TW;q=0, zh", "zh_CN"),
        ("zh-CN;q=0, zh-TW;q=0, zh-HK;q=0, en;q=0, zh", "en"),
        ("*, zh-TW;q=0", "zh_CN"),
        ("en;q=0, fr", "zh_CN"),
        ("zh-TW, *;q=0", "zh_TW"),
        ("zh-CN, en;q=0.5, *;q=0", "zh_CN"),
    ],
)
def test_a_refused_locale_is_never_chosen_while_another_is_left(header, expected):
    assert negotiate_locale(header, ("en", "zh_CN", "zh_HK", "zh_TW")) == expected


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


@pytest.mark.parametrize("options", [{"locale": 3.5}, {"tz": "Nope/Zone"}])
@pytest.mark.parametrize("payload", [None, {"code": -1121, "msg": "Invalid symbol."}])
def test_a_bad_locale_or_tz_is_an_error_whatever_the_payload_and_default(payload, options):
    from catalogue import localize

    for call in (translate, localize):
        with pytest.raises(LocaleError):
            call(payload, default="x", **options)


def test_none_means_the_default_locale_issue12():
    assert negotiate_locale(None, AVAILABLE) == "zh_CN"
    assert negotiate_locale(None, ("en",)) == "en"


def test_unsupported_locale_falls_back_to_english_in_translate(tmp_path):
    payload = {"code": -1121, "msg": "Invalid symbol."}
    languages = {locale.split("_")[0] for locale in shipped_locales()}
    # A language no locale directory holds: a new locale (ja, say) changes no test.
    unshipped = next(t for t in ("ja_JP", "ko_KR", "fr_FR", "de_DE") if t[:2] not in languages)
    assert translate(payload, locale=unshipped) == "Invalid symbol."
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


@pytest.mark.parametrize(
    ("asked", "expected"),
    [("zh-CN", "zh_CN"), ("ZH-cn", "zh_CN"), ("zh_CN", "zh_CN"), ("zh", "zh"), ("zh-SG", "zh")],
)
def test_a_locale_named_wins_over_one_of_the_same_script(asked, expected):
    # zh maximizes to zh_Hans_CN as zh_CN does: the tag's own name decides.
    assert negotiate_locale(asked, ("en", "zh", "zh_CN")) == expected


@pytest.mark.parametrize(
    "tag", ["zh-CN", "zh-TW", " zh-HK", "zh-TW,zh;q=0.9,en;q=0.8", "en-US,en;q=0.9", "fr-CH"]
)
def test_a_common_tag_needs_no_babel(tag):
    code = (
        "import sys, catalogue\n"
        f"catalogue.translate({{'code': -1121, 'msg': 'Invalid symbol.'}}, locale={tag!r})\n"
        "print(sorted(m for m in sys.modules if m.partition('.')[0] == 'babel'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _babel_parse(tag):
    """Babel's own reading of *tag*, the reference for the one without Babel."""
    from babel.core import parse_locale

    tag = tag.strip().replace("-", "_")
    if not tag or tag == "*":
        return None
    try:
        language, territory, script, *_ = parse_locale(tag)
    except ValueError:
        return None
    return language.lower(), script, territory


def test_tags_read_as_babel_reads_them():
    from babel.core import get_global

    from catalogue.locales import _parse_tag

    ids = {*get_global("likely_subtags").items(), *get_global("parent_exceptions").items()}
    odd = ["en_US_POSIX", "de_DE.UTF-8", "sr@latin", "123", "e", "english", "zh__CN", "zh_"]
    odd += ["_CN", "zh_Hant_TW_x", "ab_cdef", "ab_12", "ab_1234", "zh_\uff28ant", "İt", "x-1", " "]
    tags = [t for pair in ids for t in pair] + odd
    tags += [f(t) for t in tags for f in (str.upper, str.lower, str.swapcase)]
    tags += [t.replace("_", "-") for t in tags]
    assert len(tags) > 10_000
    assert [_parse_tag(t) for t in tags] == [_babel_parse(t) for t in tags]


def test_cldr_data_only_when_locales_of_the_language_need_choosing():
    """In a fresh interpreter (no answer cached yet), Babel's CLDR data is read only
    when several locales of the wanted language are on offer."""
    code = textwrap.dedent(
        """
        import babel.core
        from catalogue import negotiate_locale

        asked = []
        real = babel.core.get_global
        babel.core.get_global = lambda key: asked.append(key) or real(key)
        shipped = ("en", "zh_CN", "zh_HK", "zh_TW")
        # One English locale: en-US, en-GB and a header in English need no likely subtags.
        got = [negotiate_locale(t, shipped) for t in ("en-US", "en-GB", "en-US,en;q=0.9")]
        assert got == ["en", "en", "en"], got
        assert negotiate_locale("fr-CH", shipped) == "en"  # none of the language: the fallback
        assert asked == [], asked
        assert negotiate_locale("zh-SG", shipped) == "zh_CN"  # three Chinese: the data chooses
        assert "likely_subtags" in asked, asked
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("tag", ["zh-Hant", "zh-Hant-US", "zh-Hant-SG", "zh-Hant-CN"])
def test_traditional_elsewhere_reads_the_scripts_home_review(tag):
    assert negotiate_locale(tag, ("en", "zh_CN", "zh_HK", "zh_TW")) == "zh_TW"


# -- reading compiled catalogues ---------------------------------------------------


def babel_mo(charset: str = "utf-8", **messages: object) -> bytes:
    """A .mo written by Babel's own writer (what ``pybabel compile`` runs)."""
    catalog = Catalog(locale="zh_CN", charset=charset)
    for key, string in messages.items():
        msgid, _, context = key.partition("__")
        if isinstance(string, tuple):  # a plural entry
            catalog.add((msgid, msgid + "s"), string, context=context or None)
        else:
            catalog.add(msgid, string, context=context or None)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


@pytest.mark.parametrize("domain", ["errors", "messages"])
@pytest.mark.parametrize("locale", shipped_locales())
def test_shipped_catalogues_read_as_gettext_reads_them(locale, domain):
    data = Path(catalogue_path(LOCALES, locale, domain)).read_bytes()
    assert_read_as_gettext_reads(load_translations(LOCALES, locale, domain), data)
    if domain == "errors":  # no plural entry: read by the fast path, which this tests
        assert _string_tables(data) is not None


HEADER = b"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(babel_mo(a="甲", b__ctx="乙", c=""), id="babel"),
        pytest.param(babel_mo(a="甲", b=("乙", "丙")), id="babel-plural"),
        pytest.param(babel_mo("latin-1", a="é", b="ü"), id="babel-latin-1"),
        pytest.param(babel_mo("utf-8-sig", a="甲"), id="babel-utf-8-sig"),
        pytest.param(build_mo([(b"", HEADER), (b"a", b"x")], ">"), id="big-endian"),
        pytest.param(build_mo([(b"a", b"x"), (b"b", b"y")]), id="no-header"),
        pytest.param(build_mo([(b"", HEADER), (b"", b"X: 1\n"), (b"a", b"x")]), id="two-headers"),
        pytest.param(build_mo([(b"", HEADER), (b"a", b"x"), (b"a", b"y")]), id="msgid-twice"),
        pytest.param(build_mo([(b"", HEADER), (b"a", b"x\0y")]), id="nul-in-a-msgstr"),
        pytest.param(build_mo([(b"", HEADER), (b"a", "é".encode("latin-1"))]), id="not-utf-8"),
        pytest.param(build_mo([(b"", HEADER), (b"a", b"x")])[:-1], id="last-nul-cut"),
        pytest.param(
            build_mo([(b"", b"Content-Type: text/plain; charset=ascii\n"), (b"a", b"x")]),
            id="ascii",
        ),
    ],
)
def test_any_mo_reads_as_gettext_reads_it(tmp_path, data):
    path = Path(catalogue_path(tmp_path, "xx", "errors"))
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    if isinstance(gettext_reads(data), Exception):
        with pytest.raises(CatalogueFileError, match=re.escape(repr(str(path)))):
            load_translations(tmp_path, "xx", "errors")
    else:
        assert_read_as_gettext_reads(load_translations(tmp_path, "xx", "errors"), data)


def test_a_mo_whose_msgstrs_are_stored_out_of_order_reads_as_gettext_reads_it(tmp_path):
    # A valid file, but not the layout the fast path reads: the msgstrs of "a" and
    # "b" swapped in storage, their lengths equal, so only the offsets tell.
    ids, strs = [b"", b"a", b"b", b"c"], [HEADER, b"xx", b"yy", b"zz"]
    stored = [strs[0], strs[2], strs[1], strs[3]]
    key_start = 28 + 16 * len(ids)
    id_blob = b"".join(i + b"\0" for i in ids)
    str_blob = b"".join(s + b"\0" for s in stored)
    table = []
    str_start = key_start + len(id_blob)
    for blob, start, strings in ((id_blob, key_start, ids), (str_blob, str_start, strs)):
        for string in strings:
            table += [len(string), start + blob.index(string + b"\0")]
    head = struct.pack("<7I", 0x950412DE, 0, len(ids), 28, 28 + 8 * len(ids), 0, 0)
    data = head + struct.pack(f"<{len(table)}I", *table) + id_blob + str_blob
    assert _string_tables(data) is None
    path = Path(catalogue_path(tmp_path, "xx", "errors"))
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    got = load_translations(tmp_path, "xx", "errors")
    assert_read_as_gettext_reads(got, data)
    assert (got.gettext("a"), got.gettext("b")) == ("xx", "yy")


def test_a_corrupt_mo_is_named_by_gettext_s_error_too(tmp_path):
    path = Path(catalogue_path(tmp_path, "xx", "errors"))
    path.parent.mkdir(parents=True)
    path.write_bytes(b"no .mo file at all, not even its magic number")
    with pytest.raises(CatalogueFileError) as caught:
        load_translations(tmp_path, "xx", "errors")
    assert isinstance(caught.value.__cause__, OSError)
    assert caught.value.__cause__.filename == str(path)


def test_a_plural_rule_that_divides_by_zero_reads_as_gettext_reads_it(tmp_path):
    header = b"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=n%0;\n"
    data = build_mo([(b"", header), (b"a", b"x")])
    path = Path(catalogue_path(tmp_path, "xx", "errors"))
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    got = load_translations(tmp_path, "xx", "errors")
    assert_read_as_gettext_reads(got, data)
    with pytest.raises(ZeroDivisionError):
        got.plural(1)  # type: ignore[attr-defined]
