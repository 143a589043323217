"""The exception hierarchy: one base, file problems apart from bad input, all importable."""

import re
from pathlib import Path

import pytest

import catalogue
from catalogue import (
    CatalogueError,
    CatalogueFileError,
    CodeError,
    LocaleError,
    MarketError,
    PayloadError,
    PlaceholderError,
    TemplateNotFoundError,
    VariantError,
)
from catalogue import errors as errors_module

#: Every exception class catalogue.errors defines.
ERRORS = [getattr(errors_module, n) for n in errors_module.__all__ if n[0].isupper()]


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (CatalogueFileError, OSError),
        (TemplateNotFoundError, LookupError),
        (TemplateNotFoundError, OSError),
        (PayloadError, ValueError),
        (LocaleError, ValueError),
        (PlaceholderError, ValueError),
        (MarketError, ValueError),
        (CodeError, KeyError),
        (VariantError, IndexError),
    ],
)
def test_every_error_is_a_catalogue_error_and_a_builtin(cls, builtin):
    assert issubclass(cls, CatalogueError)
    assert issubclass(cls, builtin)


def test_file_problems_and_bad_input_do_not_catch_each_other_issue8():
    assert not issubclass(PayloadError, CatalogueFileError)
    assert not issubclass(LocaleError, CatalogueFileError)
    assert not issubclass(CatalogueFileError, ValueError)


def test_every_error_is_exported():
    for name in (
        "CatalogueError",
        "CatalogueFileError",
        "CodeError",
        "LocaleError",
        "PayloadError",
        "PlaceholderError",
        "TemplateNotFoundError",
    ):
        assert name in catalogue.__all__
        assert getattr(catalogue, name).__module__ == "catalogue.errors"
    for cls in ERRORS:
        assert issubclass(cls, CatalogueError)
        assert getattr(catalogue, cls.__name__) is cls


def test_the_readme_names_every_error_it_can_raise():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    fallbacks = readme.split("### Fallbacks", 1)[1].split("\n### ", 1)[0]
    table = [line for line in fallbacks.splitlines() if line.startswith("|")]
    for cls in ERRORS:
        if cls is CatalogueError:
            continue
        assert any(re.search(rf"`{cls.__name__}`", row) for row in table), cls.__name__


def test_a_variant_the_code_has_not_is_a_variant_error():
    with pytest.raises(VariantError, match="not 99") as info:
        catalogue.render(-1102, (), "en", variant=99)
    assert info.value.variant == 99
    assert isinstance(info.value, IndexError)
    err = PlaceholderError("does not fit", "Leverage %s")
    assert err.msgid == err.template == "Leverage %s"


def test_errors_keep_the_input_and_read_plainly():
    err = CodeError("no error code -9 in the registry", -9)
    assert (str(err), err.code) == ("no error code -9 in the registry", -9)  # not KeyError's repr
    err = CatalogueFileError("compiled catalogue 'x.mo' is missing", "x.mo")
    assert (str(err), err.path) == ("compiled catalogue 'x.mo' is missing", "x.mo")
    err = TemplateNotFoundError("a.txt", ("/d",))
    assert (err.name, err.searched) == ("a.txt", ("/d",))
    assert str(err) == "notification template 'a.txt' not found; searched '/d'"


def test_star_import_of_every_module_works_issue8():
    for module in (
        "errors",
        "formatter",
        "locales",
        "matching",
        "payload",
        "placeholders",
        "registry",
        "values",
    ):
        namespace: dict[str, object] = {}
        exec(f"from catalogue.{module} import *", namespace)
        assert len(namespace) > 1
