"""Locales: where catalogues live, which ones exist, and negotiation between them.

Any way a user names a language maps to one of the locales a ``locales/``
directory holds: ``zh_CN``, ``zh-TW``, ``zh_Hant``, a :class:`babel.Locale` or an
``Accept-Language`` header.  A tag that names a locale on offer is that locale,
and one of a language with a single locale on offer is that one, without Babel.
Otherwise, as for Chinese, the language's locales are compared by script, as
CLDR does: the tag is completed with CLDR's likely subtags (``zh-TW`` is
``zh_Hant_TW``, ``zh-SG`` is ``zh_Hans_SG``), CLDR's parent locales breaking ties
(``zh_Hant_MO``'s parent is ``zh_Hant_HK``).
"""

from __future__ import annotations

import codecs
import functools
import gettext
import io
import os
import re
import struct
import sys
from itertools import accumulate

from catalogue.errors import CatalogueFileError, LocaleError, show

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing and pathlib stay off the import path: see "Runtime budget"
    from collections.abc import Iterable
    from pathlib import Path
    from typing import Protocol, TypeAlias

    from babel import Locale

    #: What any locale argument may be (``None``: the default locale).
    LocaleLike: TypeAlias = "str | Locale | None"
    #: A path as a string or a path object.
    StrPath: TypeAlias = "str | os.PathLike[str]"

    class _Reader(Protocol):  # what gettext reads a .mo from
        def read(self) -> bytes: ...


__all__ = [
    "DEFAULT_LOCALE",
    "FALLBACK",
    "available_locales",
    "catalogue_path",
    "load_translations",
    "locales_dir",
    "negotiate_locale",
    "shipped_locales",
]

#: The locale used when the caller names none (``None``, an empty or unreadable tag).
DEFAULT_LOCALE = "zh_CN"
#: The locale used when the caller's language is not on offer.
FALLBACK = "en"
_CACHED_HEADER_LIMIT = 256


def _locales_dir() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "locales")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "locales")


def locales_dir() -> Path:
    """The shipped ``locales/`` directory.

    Inside an installed wheel it is ``catalogue/locales``; in a source checkout
    (including an editable install) it is the top-level ``locales/``.
    """
    from pathlib import Path

    return Path(_locales_dir())


def catalogue_path(directory: StrPath, locale: str, domain: str, ext: str = "mo") -> str:
    """The gettext path of *domain* in *locale* under *directory*.

    ``<directory>/<locale>/LC_MESSAGES/<domain>.<ext>``: the one place that spells
    the layout out.

    >>> catalogue_path("locales", "zh_CN", "errors", "po").replace(os.sep, "/")
    'locales/zh_CN/LC_MESSAGES/errors.po'
    """
    return os.path.join(os.fspath(directory), locale, "LC_MESSAGES", f"{domain}.{ext}")


def available_locales(directory: StrPath, domain: str = "errors") -> tuple[str, ...]:
    """The locales of *directory* that have a catalogue of *domain*, sorted.

    :raises CatalogueFileError: if *directory* does not exist.
    """
    if not os.path.isdir(directory):
        raise CatalogueFileError(
            f"locales directory {os.fspath(directory)!r} does not exist", directory
        )
    return tuple(
        sorted(
            name
            for name in os.listdir(directory)
            if any(os.path.exists(catalogue_path(directory, name, domain, e)) for e in ("po", "mo"))
        )
    )


@functools.lru_cache(maxsize=4)
def shipped_locales(domain: str = "errors") -> tuple[str, ...]:
    """The locales the shipped ``locales/`` directory holds for *domain*: whatever is there.

    >>> {"en", "zh_CN"} <= set(shipped_locales())
    True
    """
    return available_locales(_locales_dir(), domain)


def _string_tables(buf: bytes) -> tuple[bytes, bytes, bytes] | None:
    """*buf*, a little-endian ``.mo`` in the layout Babel and GNU msgfmt write, as
    ``(a .mo of its header entry alone, the other msgids, their msgstrs)``, each
    string of the two last ended by a NUL; ``None`` for any other layout.

    That layout: each string table is contiguous in table order, no string holds a
    NUL (no plural entry), and the header is the first entry and the only empty msgid.
    """
    if len(buf) < 28:
        return None
    magic, version, count, ids_at, strs_at = struct.unpack_from("<5I", buf)
    if magic != gettext.GNUTranslations.LE_MAGIC or count < 2:
        return None
    tables: list[tuple[list[int], bytes]] = []
    for at in (ids_at, strs_at):
        if at + 8 * count > len(buf):
            return None
        table = struct.unpack_from(f"<{2 * count}I", buf, at)
        lengths, offsets = list(table[0::2]), list(table[1::2])
        if not tables and (lengths[0] or 0 in lengths[1:]):
            return None  # the msgids: the header is not first, or not alone
        start, end = offsets[0], offsets[-1] + lengths[-1]
        # gettext's own bound: every string ends before the end of the file.
        if end >= len(buf):
            return None
        expected = list(accumulate(map((1).__add__, lengths), initial=start))
        strings = buf[start:end]
        if expected[:-1] != offsets or [*map(len, strings.split(b"\0"))] != lengths:
            return None
        tables.append((lengths, strings))
    (_, ids), (str_lengths, strs) = tables
    header = strs[: str_lengths[0]]
    alone = struct.pack("<11I", magic, version, 1, 28, 36, 0, 0, 0, 44, len(header), 45)
    return alone + b"\0" + header + b"\0", ids[1:], strs[len(header) + 1 :]


def _named(data: bytes, name: str) -> io.BytesIO:
    """*data* to read, under the file name *name*."""
    reader = io.BytesIO(data)
    reader.name = name
    return reader


class _Translations(gettext.GNUTranslations):
    """gettext's ``.mo`` reader, its loop over the entries done in C for the layout
    Babel writes (see :func:`_string_tables`) in UTF-8 or ASCII.

    gettext itself reads the header (charset, plural rule and their errors) and
    every file of another layout or charset, so both give the same catalogue.
    """

    # gettext's own attributes, which typeshed leaves out.
    _catalog: dict[str | tuple[str, int], str]
    _charset: str | None
    _info: dict[str, str]

    def _parse(self, fp: _Reader) -> None:
        buf = fp.read()
        name = getattr(fp, "name", "")  # what gettext's OSError names
        found = _string_tables(buf)
        if found is not None:
            header, ids, strs = found
            super()._parse(_named(header, name))
            charset = self._charset or "ascii"
            # A NUL is a NUL in these two, so the strings split after decoding.
            if codecs.lookup(charset).name in ("utf-8", "ascii"):
                msgids, msgstrs = ids.decode(charset), strs.decode(charset)
                self._catalog.update(zip(msgids.split("\0"), msgstrs.split("\0"), strict=True))
                return
            self._info, self._charset = {}, None  # read it all again, header included
        super()._parse(_named(buf, name))


def load_translations(directory: StrPath, locale: str, domain: str) -> gettext.GNUTranslations:
    """Read the compiled catalogue of *domain* in *locale* from *directory*.

    Unlike ``babel.support.Translations.load``, a missing file is an error, not
    an empty catalogue.

    :raises CatalogueFileError: if the file is missing or is not a ``.mo`` file; the
        message names the file.
    """
    path = catalogue_path(directory, locale, domain)
    try:
        with open(path, "rb") as fp:
            return _Translations(fp)
    except FileNotFoundError as err:
        raise CatalogueFileError(
            f"compiled catalogue {path!r} is missing; run 'pybabel compile -d {directory}'", path
        ) from err
    except (
        OSError,
        UnicodeDecodeError,
        ValueError,
        IndexError,
        LookupError,
        SyntaxError,
        struct.error,
    ) as err:
        # gettext reports a corrupt file as OSError("Bad magic number"), as a struct
        # or decode error from deep inside its parser, as LookupError for a charset
        # Python does not know, or as SyntaxError for a Plural-Forms rule it cannot parse.
        raise CatalogueFileError(f"compiled catalogue {path!r} is corrupt: {err}", path) from err


# -- negotiation ----------------------------------------------------------------

_Subtags = tuple[str, "str | None", "str | None"]  # language, script, territory


#: A tag of a language, a script and a region alone, each but the first optional
#: (``en-US``, ``zh-Hant-TW``, ``es-419``), split as Babel's ``parse_locale`` splits
#: it: a first request needs no Babel import for such a tag.  This and :data:`_ZERO`
#: are compiled by ``re``'s own cache on first use: a tag that names a locale on
#: offer needs neither, and compiling them cost a cold start a quarter of a millisecond.
_SIMPLE_TAG = r"([A-Za-z]+)(?:_([A-Za-z]{4}))?(?:_([A-Za-z]{2}|[0-9]{3}))?"


def _simple_subtags(tag: str) -> _Subtags | None:
    """The subtags of *tag* (``_``-separated) if it is a plain tag, else ``None``."""
    if simple := re.fullmatch(_SIMPLE_TAG, tag):
        language, script, territory = simple.groups()
        return language.lower(), script and script.title(), territory and territory.upper()
    return None


def _parse_tag(tag: str) -> _Subtags | None:
    tag = tag.strip().replace("-", "_")
    if not tag or tag == "*":
        return None
    if (simple := _simple_subtags(tag)) is not None:
        return simple
    from babel.core import parse_locale  # variants, modifiers, encodings, and errors

    try:
        language, territory, script, *_ = parse_locale(tag)
    except ValueError:
        return None
    return language.lower(), script, territory


@functools.lru_cache(maxsize=256)
def _maximize(subtags: _Subtags) -> _Subtags:
    """Complete *subtags* with CLDR's likely subtags: ``zh_TW`` is ``zh_Hant_TW``."""
    from babel.core import get_global, parse_locale

    language, script, territory = subtags
    if script and territory:
        return subtags
    likely = get_global("likely_subtags")
    keys = [
        f"{language}_{territory}" if territory else "",
        f"{language}_{script}" if script else "",
    ]
    for key in [*filter(None, keys), language]:
        if key in likely:
            _lang, full_territory, full_script, *_ = parse_locale(likely[key])
            return language, script or full_script, territory or full_territory
    return subtags


def _parent(subtags: _Subtags) -> _Subtags | None:
    from babel.core import get_global

    language, script, territory = subtags
    parent = get_global("parent_exceptions").get(f"{language}_{script}_{territory}")
    if parent is None:
        return None
    parsed = _parse_tag(parent)
    return _maximize(parsed) if parsed else None


def _pick(wanted: _Subtags, available: tuple[str, ...]) -> str | None:
    # Only a locale of the wanted language serves it: another is no match, and English
    # is the fallback.  One such locale needs no choosing, and no CLDR data loaded.
    same = []
    for locale in available:
        parsed = _parse_tag(locale)
        if parsed is not None and parsed[0] == wanted[0]:
            if parsed == wanted:
                return locale  # the locale asked for by name: zh-CN is zh_CN, not zh
            same.append((locale, parsed))
    if len(same) <= 1:
        return same[0][0] if same else None
    want = _maximize(wanted)
    parent = _parent(want)
    # Among locales of the same script, the script's own (zh_Hant: zh_Hant_TW) comes first.
    home = _maximize((want[0], want[1], None))
    best, best_score = same[0][0], 1.0  # the same language in another script beats English
    for locale, parsed in same:
        have = _maximize(parsed)
        if have == want:
            score = 4.0
        elif have == parent:
            score = 3
        elif have == home:
            score = 2.5  # the script's home: zh_Hant_US reads zh_Hant_TW
        elif have[:2] == want[:2]:
            score = 2  # the same script: zh_Hans_SG reads zh_Hans_CN
        else:
            continue
        if score > best_score:
            best, best_score = locale, score
    return best


#: A weight of zero as RFC 9110 writes it: ``0``, ``0.``, ``0.000``.
_ZERO = r"0(?:\.0{0,3})?"


def _accept_language(header: str) -> tuple[list[str], list[str]]:
    """The tags of *header* wanted, highest ``q`` first, and those refused (``q=0``)."""
    weighted, refused = [], []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.lower() == "q":
                try:
                    q = min(float(value), 1.0)
                except ValueError:
                    q = -1.0  # RFC 9110: an invalid weight; the tag is neither wanted nor refused
                if q == 0 and not re.fullmatch(_ZERO, value.strip()):
                    q = -1.0  # -0, 0e0: no weight RFC 9110 allows
        if q > 0:
            weighted.append((-q, position, tag.strip()))
        elif q == 0:
            refused.append(tag.strip())
    return [tag for _, _, tag in sorted(weighted)], refused


def _refuses(tag: str, locale: str) -> bool:
    """Whether the refused (``q=0``) *tag* names *locale* (``zh-TW`` refuses zh_TW) or
    its language alone (``zh`` refuses every zh locale).

    ``*``, a script (``zh-Hant``), a variant, and a region no locale on offer names
    (``en-US`` against ``en``) refuse nothing: each would take away a locale the
    header may still ask for by another name.
    """
    name = tag.replace("-", "_")
    if name == locale:
        return True
    refused, have = _simple_subtags(name), _parse_tag(locale)
    if refused is None or have is None:
        return False
    return refused == have or (refused[1:] == (None, None) and refused[0] == have[0])


@functools.lru_cache(maxsize=512)
def _negotiate(text: str, available: tuple[str, ...]) -> str:
    tags, refused = _accept_language(text) if ("," in text or ";" in text) else ([text], [])
    offer = available
    if refused:  # a locale the header refuses is not chosen while another is left
        offer = tuple(loc for loc in available if not any(_refuses(t, loc) for t in refused))
    readable = False
    for tag in tags:
        # A tag that names a locale on offer (zh-CN: zh_CN) is that locale, as _pick
        # would find, without importing Babel and its CLDR data on a first request.
        if (name := tag.strip().replace("-", "_")) in offer:
            return name
        parsed = _parse_tag(tag)
        if parsed is None:
            continue
        readable = True
        if (found := _pick(parsed, offer)) is not None:
            return found
    if not offer:
        chosen = _fallback(available)  # everything refused: English is the last resort
    else:
        chosen = _default(offer) if not readable else _fallback(offer)
    import logging  # off the import path: only a fallback logs, once per header (cached)

    why = "nothing on offer" if readable else "nothing wanted" if refused else "unreadable"
    logging.getLogger("catalogue").debug("locale %r: %s, so %s", text[:100], why, chosen)
    return chosen


def _fallback(available: tuple[str, ...]) -> str:
    return FALLBACK if FALLBACK in available or not available else available[0]


def _default(available: tuple[str, ...]) -> str:
    return DEFAULT_LOCALE if DEFAULT_LOCALE in available else _fallback(available)


def negotiate_locale(locale: LocaleLike, available: Iterable[str] | None = None) -> str:
    """Return the locale of *available* (default: the shipped ones) that serves *locale* best.

    A tag that names one of them, with either separator and in any case, is that
    locale, and a tag of a language with one locale on offer is that one.  Any other
    is compared with the locales of its language by script, with CLDR's likely
    subtags.

    ``None``, an empty string or a tag nobody can read give :data:`DEFAULT_LOCALE`;
    a language that is not on offer gives :data:`FALLBACK` (English).  A locale that
    an ``Accept-Language`` header refuses (``q=0``, by its name or its language) is
    not chosen while another is left; with none left, English.

    >>> negotiate_locale("zh-CN", ("en", "zh_CN")), negotiate_locale("zh_Hans_SG", ("en", "zh_CN"))
    ('zh_CN', 'zh_CN')
    >>> negotiate_locale("fr-CH, fr;q=0.9, zh;q=0.8, en;q=0.7", ("en", "zh_CN"))
    'zh_CN'
    >>> negotiate_locale("pt_BR", ("en", "zh_CN")), negotiate_locale(None, ("en", "zh_CN"))
    ('en', 'zh_CN')

    :param locale: a locale identifier (``_`` or ``-`` separated), a
        :class:`babel.Locale`, an ``Accept-Language`` header, or ``None``.
    :raises LocaleError: if *locale* is neither a string, a locale object nor ``None``.
    """
    available = shipped_locales() if available is None else tuple(available)
    if isinstance(locale, str):
        # An exact identifier needs no parsing (and no Babel import).
        if locale in available:
            return locale
        if len(locale) > _CACHED_HEADER_LIMIT:  # a huge header would pin memory in the cache
            return _negotiate.__wrapped__(locale, available)
        return _negotiate(locale, available)
    if locale is None:
        return _default(available)
    babel = sys.modules.get("babel")
    if babel is not None and isinstance(locale, babel.Locale):
        return _negotiate(str(locale), available)
    raise LocaleError(
        f"locale must be a string, a babel.Locale or None, not {type(locale).__name__}: "
        f"{show(locale, 80)}",
        locale,
    )
