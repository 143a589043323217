"""Binance USDⓈ-M Futures and Spot error messages, re-rendered in the user's language.

>>> from catalogue import translate
>>> translate({"code": -1102,
...     "msg": "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."})
'必填参数symbol未发送、为空或格式错误。'
"""

from catalogue.errors import CatalogueError as CatalogueError
from catalogue.errors import CatalogueFileError as CatalogueFileError
from catalogue.errors import CodeError as CodeError
from catalogue.errors import LocaleError as LocaleError
from catalogue.errors import MarketError as MarketError
from catalogue.errors import PayloadError as PayloadError
from catalogue.errors import PlaceholderError as PlaceholderError
from catalogue.errors import SuccessReply as SuccessReply
from catalogue.errors import TemplateNotFoundError as TemplateNotFoundError
from catalogue.errors import VariantError as VariantError
from catalogue.formatter import Catalogue as Catalogue
from catalogue.formatter import localize as localize
from catalogue.formatter import match as match
from catalogue.formatter import render as render
from catalogue.formatter import translate as translate
from catalogue.locales import negotiate_locale as negotiate_locale
from catalogue.matching import Matcher as Matcher
from catalogue.matching import MatchKind as MatchKind
from catalogue.registry import Category as Category
from catalogue.registry import Retry as Retry
from catalogue.registry import load_registry as load_registry

__all__ = [
    "Catalogue",
    "CatalogueError",
    "CatalogueFileError",
    "Category",
    "CodeError",
    "ErrorCode",
    "LocaleError",
    "Localized",
    "MarketError",
    "Match",
    "MatchKind",
    "Matcher",
    "PayloadError",
    "PlaceholderError",
    "Retry",
    "SpotErrorCode",
    "SuccessReply",
    "TemplateNotFoundError",
    "VariantError",
    "load_registry",
    "localize",
    "match",
    "negotiate_locale",
    "render",
    "translate",
]
__version__ = "1.0.0"

TYPE_CHECKING = False
if TYPE_CHECKING:
    from catalogue.codes import ErrorCode as ErrorCode
    from catalogue.codes import SpotErrorCode as SpotErrorCode
    from catalogue.results import Localized as Localized
    from catalogue.results import Match as Match


def __getattr__(name: str) -> object:
    # Built on first use, off the import path: the code enums have hundreds of members,
    # and translating a payload needs neither answer class (see catalogue.results).
    if name in ("ErrorCode", "SpotErrorCode"):
        from catalogue import codes

        return getattr(codes, name)
    if name in ("Localized", "Match"):
        from catalogue import results

        return getattr(results, name)
    raise AttributeError(f"module 'catalogue' has no attribute {name!r}")


def __dir__() -> list[str]:
    # dir(), help() and completion list the names built on first use too.
    return sorted({*globals(), *__all__})
