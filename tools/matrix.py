"""Run the test suite on the oldest and the newest Python the package declares.

Usage::

    python tools/matrix.py [PYTEST_ARGS ...]

Python 3.10 runs with the oldest Babel we declare (and ``tools/workflow.py
--check``, since that Babel writes ``.mo`` files differently), Python 3.13 with the
newest releases.  Each interpreter gets its own virtual environment under
``.matrix/``.  An interpreter found neither on ``PATH`` nor among pyenv's
versions is reported and skipped, unless ``CI`` is set: CI must prove both ends.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: (interpreter, extra pins): the oldest with the oldest Babel, and the newest.
TARGETS = (("python3.10", ("Babel==2.16.0",)), ("python3.13", ()))


def _run(argv: Sequence[str]) -> int:
    print("+", " ".join(argv), flush=True)
    return subprocess.run(argv, cwd=ROOT, check=False).returncode


def find_python(name: str) -> str | None:
    """The interpreter called *name*: on ``PATH`` if it runs, else a pyenv install of it."""
    found = shutil.which(name)
    candidates = [found] if found else []
    candidates += sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/*/bin/{name}")))
    for candidate in candidates:
        ok = subprocess.run([candidate, "--version"], capture_output=True, check=False)
        if ok.returncode == 0:
            return candidate
    return None


def run_target(python: str, name: str, pins: Sequence[str], pytest_args: Sequence[str]) -> int:
    """Set up a venv for *python* with the test extras (and *pins*), then run the suite."""
    venv = ROOT / ".matrix" / name
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    if not (bin_dir / "python").exists():
        status = _run([python, "-m", "venv", str(venv)])
        if status:
            return status
    status = _run([str(bin_dir / "pip"), "install", "-q", "-e", ".[test]", *pins])
    if status:
        return status
    status = _run([str(bin_dir / "python"), "-m", "pytest", "-q", *pytest_args])
    if status == 0 and pins:
        status = _run([str(bin_dir / "python"), "tools/workflow.py", "--check"])
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run every target; exit 1 if any failed (or, under CI, could not run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pytest_args", nargs="*", help="passed on to pytest")
    args = parser.parse_args(argv)
    failed = []
    for name, pins in TARGETS:
        python = find_python(name)
        if python is None:
            print(f"matrix: {name} is not installed", file=sys.stderr)
            if os.environ.get("CI"):
                failed.append(name)
            continue
        if run_target(python, name, pins, args.pytest_args):
            failed.append(name)
    for name in failed:
        print(f"matrix: {name} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
