import os
import subprocess
import sys
import venv

import pytest
from conftest import ROOT

from catalogue.locales import catalogue_path


def _readme_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines[:12] if line.startswith("    python3 -m venv")]


def test_readme_starts_with_the_two_commands():
    setup_and_run, tests = _readme_commands()
    assert "catalogue translate" in setup_and_run
    assert "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_commands()[1] in ci


def test_py_typed_ships():
    assert (ROOT / "catalogue" / "py.typed").exists()


def test_import_stays_light():
    code = (
        "import sys, catalogue; catalogue.translate({'code': -1121, 'msg': 'Invalid symbol.'});"
        "heavy = {'jinja2', 'babel.messages', 'polib', 'typing', 'pathlib', 'catalogue.codes',"
        "'catalogue.results'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.skipif(os.environ.get("CATALOGUE_SKIP_WHEEL") == "1", reason="asked to skip")
def test_wheel_installs_and_finds_its_catalogues(tmp_path):
    """A wheel (not an editable install) in a fresh virtual environment finds zh_CN."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("binance_error_catalogue-*.whl")
    import zipfile

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith("/METADATA"))).decode()
    assert any(n.endswith("licenses/LICENSE") for n in names)  # issue 12
    assert "Programming Language :: Python :: 3.10" in metadata
    assert catalogue_path("catalogue/locales", "zh_TW", "errors").replace(os.sep, "/") in names
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    code = (
        "import catalogue, catalogue.locales as l;"
        "print(l.locales_dir());"
        "print(catalogue.translate({'code': -1121, 'msg': 'Invalid symbol.'}, locale='zh_CN'))"
    )
    out = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout.splitlines()
    assert out[0].startswith(str(env_dir))
    assert out[0].endswith(os.path.join("site-packages", "catalogue", "locales"))
    assert out[1] == "无效的交易对。"
