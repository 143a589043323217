"""Benchmark this checkout against an earlier commit, on the same messages.

Usage::

    python tools/bench_versions.py badbd3a             # about a minute
    python tools/bench_versions.py badbd3a --rounds 2  # a quicker look

Two versions of one package cannot share a process, so each measurement runs in
a fresh interpreter, the versions taking turns round after round; the best of the
rounds is printed, with the ratio to the baseline.  The messages are the
baseline's own templates filled with distinct values, so both versions know every
one; this checkout runs twice, once on the baseline's registry and catalogues
(what the code costs) and once on its own (what users get, data growth included).

Streams: (a) every template, with codes; (a') templates with parameters only, no
message repeats; (c) and (c') the same without codes; (b) a thousand messages
repeated (cache hits).  Then one cache hit of ``Catalogue.translate`` and of
``catalogue.translate`` in ns, and the cold start (``import catalogue``, loading the
version's registry and catalogues, one ``translate()``; bytecode cached; no
``site``, so nothing is imported before) in CPU ms: of the whole child, and of
that work alone, the interpreter's own start and exit left out.  It prints
figures and ratios; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Runs in the child: times the streams and the cache hits of one version.
_CHILD = r"""
import json, sys, time, timeit
root, data, streams_file = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, root)
import catalogue
assert catalogue.__file__.startswith(root), catalogue.__file__
from catalogue import Catalogue

def load():
    if data == "own":
        return Catalogue.load()
    return Catalogue.load(data + "/locales", registry=data + "/catalogue/data/errors.json")

streams = json.load(open(streams_file, encoding="utf-8"))
out = {}
for name, stream in streams.items():
    best = float("inf")
    for _ in range(3):
        cat = load()
        translate = cat.translate
        if name == "b":
            for p in stream:
                translate(p, locale="zh_CN")
        start = time.perf_counter()
        for p in stream:
            translate(p, locale="zh_CN")
        best = min(best, time.perf_counter() - start)
    out[name] = len(stream) / best
cat = load()  # a hit costs the same whatever the data; the module function has its own
p = {"code": -1121, "msg": "Invalid symbol."}
for name, f in (
    ("hit, method", lambda: cat.translate(p, locale="zh_CN")),
    ("hit, module", lambda: catalogue.translate(p, locale="zh_CN")),
):
    f()
    out[name] = min(timeit.repeat(f, number=100_000, repeat=5)) / 100_000 * 1e9
print(json.dumps(out))
"""

#: The same script for every version, so none pays for a path the others skip.  It
#: prints the CPU time of its own work, the interpreter's start and exit left out.
_COLD = (
    "import time; t = time.process_time(); "
    "import catalogue; catalogue.Catalogue.load({locales!r}, registry={registry!r})"
    ".translate({{'code': -1121, 'msg': 'Invalid symbol.'}}, locale='zh_CN'); "
    "print((time.process_time() - t) * 1000)"
)


def export(ref: str, where: Path) -> Path:
    """The tree of *ref* (``git archive``), unpacked into *where*."""
    found = subprocess.run(  # a commit, and no option however it is spelled
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"],
        capture_output=True,
        text=True,
    )
    if found.returncode:
        raise SystemExit(f"{ref!r} is no commit of {ROOT}: {found.stderr.strip()}")
    tar = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", found.stdout.strip()],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(tar)) as archive:
        archive.extractall(where, filter="data")
    return where


def fill(msgid: str, i: int) -> str:
    """*msgid* with distinct values: ``%d`` a number, ``%b`` a boolean, ``%s`` a word."""

    def value(m: re.Match[str]) -> str:
        kind = m.group(1)
        return str(i) if kind == "d" else ("true" if i % 2 else "false") if kind == "b" else f"P{i}"

    return re.sub(r"%([sdb])", value, msgid)


def make_streams(registry: Path, count: int) -> dict[str, list[dict[str, object]]]:
    """The four streams over the templates of the registry file at *registry*."""
    codes = json.loads(registry.read_text(encoding="utf-8"))["codes"]
    # The registry's key was "template" before it was "msgid".
    templates = [
        (c["code"], m["msgid"] if "msgid" in m else m["template"])
        for c in codes
        for m in c["messages"]
    ]
    with_params = [t for t in templates if "%" in t[1]]

    def stream(ts: list[tuple[int, str]], n: int, codes: bool = True) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for i in range(n):
            code, msgid = ts[i % len(ts)]
            out.append({"code": code, "msg": fill(msgid, i)} if codes else {"msg": fill(msgid, i)})
        return out

    return {
        "a": stream(templates, count),
        "a'": stream(with_params, count),
        "c": stream(templates, count, codes=False),
        "c'": stream(with_params, count, codes=False),
        "b": stream(templates, 1000) * (count // 1000),
    }


def cpu_ms(code: str, root: Path) -> tuple[float, float]:
    """CPU time (ms) of a fresh interpreter running *code* with *root* first on the path:
    the whole process's, and what *code* prints (its own work's)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(root)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # From *root*: "-c" puts the working directory first on the path.  -S: no site, so
    # what this machine's .pth files import first is no part of either's cold start.
    done = subprocess.run(
        [sys.executable, "-S", "-c", code], env=env, cwd=root, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"the cold start from {root} fails:\n{done.stderr.strip()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return total, float(done.stdout)


def main(argv: list[str] | None = None) -> int:
    """Measure, round after round, and print the best of each against the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", help="the baseline commit, e.g. badbd3a")
    parser.add_argument("--rounds", type=int, default=5, help="turns of each version (5)")
    parser.add_argument("--count", type=int, default=50_000, help="messages a stream (50,000)")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.count < 1000:
        parser.error("--rounds must be at least 1 and --count at least 1,000")

    with tempfile.TemporaryDirectory() as tmp:
        base = export(args.ref, Path(tmp) / "base")
        # This checkout as it is, committed or not, copied beside it: the same kind of
        # directory, so neither pays for where it lies (a big working directory, an
        # editable install's finder) what the other does not.
        now = Path(tmp) / "now"
        for part in ("catalogue", "locales"):
            shutil.copytree(ROOT / part, now / part, ignore=shutil.ignore_patterns("__pycache__"))
        streams_file = Path(tmp) / "streams.json"
        registry = base / "catalogue" / "data" / "errors.json"
        streams_file.write_text(json.dumps(make_streams(registry, args.count)), encoding="utf-8")
        runs = {  # name: (package root, data: "own" or a tree whose data to load)
            args.ref: (base, "own"),
            "now, its data": (now, str(base)),
            "now": (now, "own"),
        }
        cold = {
            name: _COLD.format(
                locales=str(root / "locales") if data == "own" else f"{data}/locales",
                registry=str(root / "catalogue" / "data" / "errors.json")
                if data == "own"
                else f"{data}/catalogue/data/errors.json",
            )
            for name, (root, data) in runs.items()
        }
        best: dict[str, dict[str, float]] = {name: {} for name in runs}
        colds: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
        for name, (root, _data) in runs.items():  # write the bytecode, untimed
            cpu_ms(cold[name], root)
        for turn in range(args.rounds):
            # Every other round the other way round, so no version always runs first.
            for name, (root, data) in list(runs.items())[:: 1 if turn % 2 == 0 else -1]:
                child = [sys.executable, "-c", _CHILD, str(root), data, str(streams_file)]
                done = subprocess.run(child, capture_output=True, text=True)
                if done.returncode:
                    raise SystemExit(f"{name} cannot be measured:\n{done.stderr.strip()}")
                found = json.loads(done.stdout)
                for key, value in found.items():
                    keep = min if key.startswith("hit") else max
                    best[name][key] = keep(best[name].get(key, value), value)
                colds[name].extend(cpu_ms(cold[name], root) for _ in range(10))

    names = list(runs)
    print(f"best of {args.rounds} rounds; messages: the templates of {args.ref}")
    print(f"{'':22}" + "".join(f"{n:>24}" for n in names))
    for key in best[args.ref]:
        unit = "ns" if key.startswith("hit") else "msg/s"
        cells = []
        for name in names:
            value, ratio = best[name][key], best[name][key] / best[args.ref][key]
            cells.append(f"{value:>14,.0f}" + ("" if name == args.ref else f" ({ratio - 1:+.1%})"))
        print(f"{key + ', ' + unit:22}" + "".join(f"{c:>24}" for c in cells))
    for i, label in enumerate(("cold process, CPU ms", "import+translate, CPU ms")):
        # The least: what the work costs when nothing else on the machine gets in the way.
        least = {name: min(v[i] for v in colds[name]) for name in names}
        cells = [
            f"{least[n]:>14.1f}"
            + ("" if n == args.ref else f" ({least[n] / least[args.ref] - 1:+.1%})")
            for n in names
        ]
        print(f"{label:22}" + "".join(f"{c:>24}" for c in cells))
    print("(msg/s: higher is faster; ns and ms: lower is; cold start: the least of all runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
