"""The pybabel extract / update / compile commands, exactly as the README gives them.

Usage::

    python tools/workflow.py            # extract, update and compile every domain
    python tools/workflow.py --check    # exit 1 if the committed files are not current

``--check`` runs the same commands on a copy of ``locales/`` and compares: the
``.pot`` and ``.po`` files must match but for the ``POT-Creation-Date`` and
``Generated-By`` header lines, and the ``.mo`` files byte for byte.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shlex
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("en", "zh_CN")
DOMAINS = ("errors", "messages")

_HEADER = '--project=binance-error-catalogue --version=1.0 --copyright-holder="catalogue authors"'
#: The commands, keyed by (step, domain).  The README quotes these lines verbatim.
COMMANDS = {
    ("extract", "errors"): (
        f"pybabel extract -F locales/errors.cfg -o locales/errors.pot {_HEADER} catalogue"
    ),
    ("extract", "messages"): (
        "pybabel extract -F locales/messages.cfg -o locales/messages.pot"
        f" -c TRANSLATORS: {_HEADER} catalogue"
    ),
    ("update", "errors"): (
        "pybabel update -D errors -i locales/errors.pot -d locales --ignore-pot-creation-date"
    ),
    ("update", "messages"): (
        "pybabel update -D messages -i locales/messages.pot -d locales --ignore-pot-creation-date"
    ),
    ("compile", "errors"): "pybabel compile -D errors -d locales --statistics",
    ("compile", "messages"): "pybabel compile -D messages -d locales --statistics",
}
_VOLATILE = ('"POT-Creation-Date:', '"Generated-By:')


def po_path(locale: str, domain: str, root: Path = ROOT) -> Path:
    """The ``.po`` file of *domain* in *locale*."""
    return root / "locales" / locale / "LC_MESSAGES" / f"{domain}.po"


@contextlib.contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def run(step: str, domain: str, root: Path = ROOT, *, quiet: bool = True) -> int:
    """Run one pybabel step for *domain* inside *root*; returns pybabel's exit status.

    A locale of :data:`LOCALES` with no ``.po`` yet is created with ``pybabel init``.
    """
    argv = shlex.split(COMMANDS[step, domain])
    if quiet:
        argv.insert(1, "--quiet")
    with _cwd(root):
        if step == "update":
            for locale in LOCALES:
                if not po_path(locale, domain, root).exists():
                    init = "pybabel --quiet init -D {0} -i locales/{0}.pot -d locales -l {1}"
                    CommandLineInterface().run(shlex.split(init.format(domain, locale)))
        return CommandLineInterface().run(argv) or 0


def _comparable(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".mo":
        return data
    lines = data.decode("utf-8").splitlines(keepends=True)
    return "".join(ln for ln in lines if not ln.startswith(_VOLATILE)).encode()


def check(root: Path = ROOT) -> list[str]:
    """Re-run every command on a copy of *root*'s catalogues; list the files that differ."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        shutil.copytree(root / "locales", copy / "locales")
        shutil.copytree(root / "catalogue", copy / "catalogue")
        with contextlib.redirect_stderr(io.StringIO()):
            for step in ("extract", "update", "compile"):
                for domain in DOMAINS:
                    if (root / "locales" / f"{domain}.cfg").exists():
                        run(step, domain, copy)
        return sorted(
            str(path.relative_to(root))
            for path in (root / "locales").rglob("*.[pm]o*")
            if _comparable(path) != _comparable(copy / path.relative_to(root))
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the workflow, or check that the committed catalogues are current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        stale = check()
        for path in stale:
            print(f"{path}: not what the pybabel workflow produces; run tools/workflow.py")
        return 1 if stale else 0
    status = 0
    for step in ("extract", "update", "compile"):
        for domain in DOMAINS:
            if (ROOT / "locales" / f"{domain}.cfg").exists():
                status |= run(step, domain, quiet=False)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
