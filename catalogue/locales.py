"""Locale negotiation and the compiled catalogues, each loaded once under a lock.

Any way a user names a language maps to one of the shipped locales: ``zh_CN``,
``zh-CN``, ``zh``, ``zh_Hans_CN``, a :class:`babel.Locale` or an
``Accept-Language`` header.  Chinese in the Traditional script gets ``zh_CN``
until a Traditional catalogue ships; anything unsupported gets English.
"""

from __future__ import annotations

import functools
import gettext
import os
import struct
import sys

from catalogue.errors import CatalogueError, LocaleError

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing and pathlib stay off the import path: see "Runtime budget"
    from collections.abc import Iterable
    from pathlib import Path
    from typing import TypeAlias

    from babel import Locale

    #: What any locale argument may be.
    LocaleLike: TypeAlias = "str | Locale"
    #: A path as a string or a path object.
    StrPath: TypeAlias = "str | os.PathLike[str]"

__all__ = [
    "FALLBACK",
    "LocaleLike",
    "available_locales",
    "load_translations",
    "locales_dir",
    "negotiate_locale",
]

#: The locale used when nothing better is available.
FALLBACK = "en"
_CACHED_HEADER_LIMIT = 256
_TRADITIONAL = ("zh_Hant", "zh_TW", "zh_HK")


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


def available_locales(directory: StrPath, domain: str = "errors") -> tuple[str, ...]:
    """The locales of *directory* that have a catalogue of *domain*, sorted.

    :raises CatalogueError: if *directory* does not exist.
    """
    directory = os.fspath(directory)
    if not os.path.isdir(directory):
        raise CatalogueError(f"locales directory {directory!r} does not exist", directory)
    found = []
    for name in os.listdir(directory):
        base = os.path.join(directory, name, "LC_MESSAGES", domain)
        if os.path.exists(base + ".po") or os.path.exists(base + ".mo"):
            found.append(name)
    return tuple(sorted(found))


def load_translations(directory: StrPath, locale: str, domain: str) -> gettext.GNUTranslations:
    """Read ``<directory>/<locale>/LC_MESSAGES/<domain>.mo``.

    Unlike ``babel.support.Translations.load``, a missing file is an error, not
    an empty catalogue.

    :raises CatalogueError: if the file is missing or is not a ``.mo`` file; the
        message names the file.
    """
    path = os.path.join(os.fspath(directory), locale, "LC_MESSAGES", f"{domain}.mo")
    try:
        with open(path, "rb") as fp:
            return gettext.GNUTranslations(fp)
    except FileNotFoundError as err:
        raise CatalogueError(
            f"compiled catalogue {path!r} is missing; run 'pybabel compile -d {directory}'", path
        ) from err
    except (OSError, UnicodeDecodeError, ValueError, IndexError, struct.error) as err:
        # gettext reports a corrupt file as OSError("Bad magic number") or as a
        # struct or decode error from deep inside its parser.
        raise CatalogueError(f"compiled catalogue {path!r} is corrupt: {err}", path) from err


def _parse_tag(tag: str) -> tuple[str, str | None, str | None] | None:
    from babel.core import parse_locale  # only on first use of each locale string

    tag = tag.strip().replace("-", "_")
    if not tag or tag == "*":
        return None
    try:
        language, territory, script, _variant, *_ = parse_locale(tag)
    except ValueError:
        return None
    return language.lower(), territory, script


def _pick(parsed: tuple[str, str | None, str | None], available: tuple[str, ...]) -> str | None:
    language, territory, script = parsed
    candidates = []
    if territory:
        candidates.append(f"{language}_{territory}")
    if script:
        candidates.append(f"{language}_{script}")
    if language == "zh" and (script == "Hant" or territory in {"TW", "HK", "MO"}):
        candidates.extend(_TRADITIONAL)
    candidates.append(language)
    for candidate in candidates:
        if candidate in available:
            return candidate
    # Any catalogue of the same language: zh -> zh_CN, en_US -> en.
    for locale in available:
        if locale.split("_")[0] == language:
            return locale
    return None


def _accept_language(header: str) -> list[str]:
    weighted = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.lower() == "q":
                try:
                    q = min(float(value), 1.0)
                except ValueError:
                    q = 0.0  # RFC 9110: an invalid weight; the tag is not wanted
        if q > 0:
            weighted.append((-q, position, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


@functools.lru_cache(maxsize=512)
def _negotiate(text: str, available: tuple[str, ...]) -> str:
    tags = _accept_language(text) if ("," in text or ";" in text) else [text]
    for tag in tags:
        parsed = _parse_tag(tag)
        if parsed is not None and (found := _pick(parsed, available)):
            return found
    return FALLBACK if FALLBACK in available or not available else available[0]


def negotiate_locale(locale: LocaleLike, available: Iterable[str] = ("en", "zh_CN")) -> str:
    """Return the locale of *available* that serves *locale* best.

    >>> negotiate_locale("zh-CN"), negotiate_locale("zh_Hans_CN"), negotiate_locale("zh_TW")
    ('zh_CN', 'zh_CN', 'zh_CN')
    >>> negotiate_locale("fr-CH, fr;q=0.9, zh;q=0.8, en;q=0.7")
    'zh_CN'
    >>> negotiate_locale("pt_BR")
    'en'

    :param locale: a locale identifier (``_`` or ``-`` separated), a
        :class:`babel.Locale`, or an ``Accept-Language`` header.
    :raises LocaleError: if *locale* is neither a string nor a locale object.
    """
    available = tuple(available)
    if isinstance(locale, str):
        # An exact identifier needs no parsing (and no Babel import).
        if locale in available:
            return locale
        if len(locale) > _CACHED_HEADER_LIMIT:  # a huge header would pin memory in the cache
            return _negotiate.__wrapped__(locale, available)
        return _negotiate(locale, available)
    babel = sys.modules.get("babel")
    if babel is not None and isinstance(locale, babel.Locale):
        return _negotiate(str(locale), available)
    raise LocaleError(
        f"locale must be a string or a babel.Locale, not {type(locale).__name__}: {locale!r}",
        locale,
    )
