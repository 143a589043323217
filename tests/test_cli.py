import json

import polib
import pytest
from conftest import LOCALES, po_file

from catalogue import Catalogue
from catalogue.__main__ import main
from catalogue.registry import load_registry

MANDATORY = "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."


@pytest.fixture(scope="module")
def zh_text():
    po = polib.pofile(str(po_file("zh_CN")))
    return lambda ctx, msgid: po.find(msgid, msgctxt=ctx).msgstr


def test_translate_argument(capsys, zh_text):
    assert main(["translate", json.dumps({"code": -1102, "msg": MANDATORY})]) == 0
    out, err = capsys.readouterr()
    expected = zh_text(
        "-1102", "Mandatory parameter '%s' was not sent, was empty/null, or malformed."
    )
    assert out == expected.replace("%s", "symbol") + "\n"
    assert err == ""


def test_translate_stream_goes_on_after_a_bad_line(capsys, monkeypatch):
    import io

    lines = [
        json.dumps({"code": -2019, "msg": "Margin is insufficient."}),
        "not json",
        "",
        json.dumps({"code": -1121}),
        json.dumps({"code": -1121, "msg": "Invalid symbol."}),
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["translate", "--locale", "en"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == ["Margin is insufficient.", "Invalid symbol."]
    assert err.splitlines()[0].startswith("line 2: payload is not JSON")
    assert err.splitlines()[1].startswith("line 4: payload has no 'msg' field")


def test_translate_json(capsys):
    assert (
        main(
            ["translate", "--json", "--locale", "en", json.dumps({"code": -1102, "msg": MANDATORY})]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["translation"] == MANDATORY
    assert data["match"]["params"] == ["symbol"]
    assert data["match"]["kind"] == "template"
    assert data["match"]["raw"] == MANDATORY


def test_match_prints_null_for_unknown(capsys):
    assert main(["match", json.dumps({"code": -9411, "msg": "Please sign the agreement."})]) == 0
    assert capsys.readouterr().out == "null\n"


@pytest.mark.parametrize(
    ("args", "expected_code"),
    [
        (["codes", "1102"], -1102),
        (["codes", "-1121"], -1121),
        (["codes", "BAD_SYMBOL"], -1121),
        (["codes", "交易对没有挂单"], -1112),
        (["codes", "no orders on book", "--locale", "en"], -1112),
    ],
)
def test_codes_search(capsys, args, expected_code):
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [int(line.split("\t")[0]) for line in lines] == [expected_code]


def test_codes_lists_everything(capsys):
    assert main(["codes", "--locale", "en"]) == 0
    # Every entry of every market, once: a code shared by both markets is one line.
    assert len(capsys.readouterr().out.splitlines()) == len(list(load_registry().entries()))


def test_codes_no_match(capsys):
    assert main(["codes", "zzzz-nothing"]) == 1
    assert "no code matches 'zzzz-nothing'" in capsys.readouterr().err


def test_check_clean(capsys):
    assert main(["check"]) == 0
    assert capsys.readouterr().out == ""


def test_check_reports_and_fails(tmp_path, capsys):
    import shutil

    shutil.copytree(LOCALES, tmp_path / "locales")
    path = po_file("zh_CN", directory=tmp_path / "locales")
    po = polib.pofile(str(path))
    entry = po.find("Invalid symbol.", msgctxt="-1121")
    entry.flags.append("fuzzy")
    po.save(str(path))
    assert main(["check", "--locales", str(tmp_path / "locales")]) == 1
    out, err = capsys.readouterr()
    line = polib.pofile(str(path)).find("Invalid symbol.", msgctxt="-1121").linenum
    assert out == f"{path}:{line}: fuzzy entry [-1121] 'Invalid symbol.'\n"
    assert "1 problem(s) found" in err


def test_harvest(tmp_path, capsys):
    logs = tmp_path / "errors.jsonl"
    logs.write_text(
        "\n".join(
            json.dumps(p)
            for p in [
                {"code": -1121, "msg": "Symbol is gone."},
                {"code": -1121, "msg": "Symbol is gone."},
                {"code": -1121, "msg": "Invalid symbol."},
                {"code": -9411, "msg": "Please accept the new futures agreement."},
            ]
        )
        + "\nbroken\n",
        encoding="utf-8",
    )
    out = tmp_path / "new.pot"
    assert main(["harvest", str(logs), "-o", str(out)]) == 1  # the broken line (issue 12)
    pot = polib.pofile(str(out))
    assert [(e.msgctxt, e.msgid, e.comment) for e in pot] == [
        (
            "-9411",
            "Please accept the new futures agreement.",
            "unknown code: matched no template; seen once",
        ),
        ("-1121", "Symbol is gone.", "BAD_SYMBOL: matched no template; seen 2 times"),
    ]
    assert "line 5: payload is not JSON" in capsys.readouterr().err


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["translate", "--nope"])
    assert info.value.code == 2


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "catalogue",
            "translate",
            "--locale",
            "zh-CN",
            json.dumps({"code": -1121, "msg": "Invalid symbol."}),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert result.stdout == "无效的交易对。\n"


# -- streams lose nothing (issue 14) ---------------------------------------------------

BAD_STREAM = (
    b'{"code":-1121,"msg":"Invalid symbol."}\n'
    b'{"code":-1121,"msg":"\xff"}\n'
    b'{"code":-1121,"msg":"Invalid symbol."}\n'
)


def _cli(args, data, encoding="utf-8"):
    """The real command in a child process, its stdio decoded strictly as *encoding*."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "catalogue", *args],
        input=data,
        capture_output=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8:strict"])
def test_one_bad_byte_costs_one_line_issue14(encoding):
    done = _cli(["translate", "--locale", "en", "-"], BAD_STREAM, encoding)
    assert done.returncode == 1
    assert done.stdout.decode().splitlines() == ["Invalid symbol.", "Invalid symbol."]
    assert done.stderr.decode().startswith("line 2: payload is not valid UTF-8")
    done = _cli(["match", "-"], BAD_STREAM, encoding)
    assert len(done.stdout.decode().splitlines()) == 2


def test_harvest_file_is_read_as_bytes_split_on_newline_only_issue14(tmp_path, capsys):
    logs = tmp_path / "logs.jsonl"
    logs.write_bytes(
        b'{"code":-1121,\r"msg":"Gone."}\n{"code":-1121,"msg":"\xff"}\n{"code":-1121,"msg":""}\n'
    )
    out = tmp_path / "new.pot"
    assert main(["harvest", str(logs), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "line 2: payload is not valid UTF-8" in err
    assert "2 unmatched message(s)" in err
    pot = out.read_text(encoding="utf-8")
    assert 'msgid "Gone."' in pot
    assert "An empty message, code -1121: seen 1 time(s)." in pot


def test_harvest_writes_long_messages_unwrapped_issue14(tmp_path):
    from catalogue.maintenance.harvest import WRAP_LIMIT, Harvest

    found = Harvest()
    long = "word " * (2 * WRAP_LIMIT)
    found.misses[-1121, long] += 1
    pot = found.to_pot(Catalogue.load())
    assert f'msgid "{long}"' in pot  # one line: Babel's quadratic wrapping never ran


def test_closed_pipe_is_quiet_issue12(tmp_path):
    import subprocess
    import sys

    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"code":-1121,"msg":"Invalid symbol."}\n' * 20000)
    command = f"'{sys.executable}' -m catalogue translate - < '{source}' | head -n 1"
    done = subprocess.run(command, shell=True, capture_output=True, check=False)
    assert done.stdout.decode().splitlines() == ["无效的交易对。"]
    assert done.stderr == b""


# -- notify from the command line (issues 8, 12, 14) ---------------------------------


def test_notify_context_may_hold_any_key(tmp_path, capsys):
    context = {
        "error": {"code": -1121, "msg": "Invalid symbol."},
        "html": True,
        "search_path": str(tmp_path),
        "name": "x",
        "locale": "fr",
    }
    planted = tmp_path / "generic_error.txt"
    planted.write_text("planted", encoding="utf-8")
    path = tmp_path / "ctx.json"
    path.write_text(json.dumps(context), encoding="utf-8")
    assert main(["notify", "generic_error", "--locale", "en", "--context", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Request failed")  # text, the bundled template, in English
    assert "planted" not in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("[1, 2]", "must hold a JSON object of variables, not list", id="list"),
        pytest.param("{", "is not JSON", id="not-json"),
        pytest.param('{"x": 1}', "needs a variable", id="missing-variable"),
    ],
)
def test_notify_context_problems_are_errors_not_tracebacks(tmp_path, capsys, content, message):
    path = tmp_path / "ctx.json"
    path.write_text(content, encoding="utf-8")
    assert main(["notify", "generic_error", "--context", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_version_is_the_packages():
    import catalogue

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert catalogue.__version__ == "1.0.0"


def test_a_success_reply_in_a_stream_is_a_blank_line_not_an_error(capsys, monkeypatch, tmp_path):
    import io

    lines = [
        json.dumps({"code": -1121, "msg": "Invalid symbol."}),
        json.dumps({"code": 200, "msg": "success"}),
        json.dumps({"code": -2019, "msg": "Margin is insufficient."}),
    ]
    stream = "\n".join(lines) + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(stream))
    assert main(["translate", "--locale", "en"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["Invalid symbol.", "", "Margin is insufficient."]
    assert err == ""
    monkeypatch.setattr("sys.stdin", io.StringIO(stream))
    assert main(["match"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "null"
    logs = tmp_path / "all.jsonl"
    logs.write_text(stream.replace("Invalid symbol.", "Symbol is gone."), encoding="utf-8")
    assert main(["harvest", str(logs), "-o", str(tmp_path / "new.pot")]) == 0
    pot = polib.pofile(str(tmp_path / "new.pot"))
    assert [e.msgid for e in pot] == ["Symbol is gone."]
