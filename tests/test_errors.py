"""The exception hierarchy: one base, file problems apart from bad input, all importable."""

import pytest

import catalogue
from catalogue import (
    CatalogueError,
    CatalogueFileError,
    CodeError,
    LocaleError,
    PayloadError,
    PlaceholderError,
    TemplateNotFoundError,
)


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (CatalogueFileError, OSError),
        (TemplateNotFoundError, LookupError),
        (TemplateNotFoundError, OSError),
        (PayloadError, ValueError),
        (LocaleError, ValueError),
        (PlaceholderError, ValueError),
        (CodeError, KeyError),
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
