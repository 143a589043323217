"""Benchmark ``translate()`` against a naive regex scan and a bare dict, in one run.

Usage::

    python tools/bench_translate.py            # about a minute on two cores
    python tools/bench_translate.py --quick    # fewer messages, for a smoke test

Streams: (a) every USDⓈ-M template rendered with distinct parameters, with
codes; (b) the same messages repeated (cache hits); (c) stream (a) without codes;
(s) every Spot template the same way; (m) USDⓈ-M and Spot messages taking turns.
No stream names its market: the text decides, as for a dict payload in production.
Each is timed against two baselines measured in the same process: a naive
formatter that tries every template's compiled regex in order, and ``dict.get``
on precomputed answers.  Cold start is ``import catalogue`` plus one
``translate()`` in a fresh interpreter, against ``python -c pass``.  It prints
figures and ratios; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gettext
import itertools
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from catalogue import Catalogue
from catalogue.locales import catalogue_path, locales_dir
from catalogue.placeholders import format_template
from catalogue.registry import Template, load_registry

Payload = dict[str, object]


def make_stream(
    count: int,
    *,
    with_code: bool = True,
    only_params: bool = False,
    markets: Sequence[str] = ("usdm",),
) -> list[Payload]:
    """*count* payloads cycling through every template of *markets*, each with fresh
    parameters; with several markets, one template of each in turn.

    *only_params* keeps the templates that have placeholders, so no two payloads
    are the same.
    """
    registry = load_registry()
    each = [
        [t for t in registry.in_market(m).templates() if t.signature or not only_params]
        for m in markets
    ]
    turns = itertools.zip_longest(*(itertools.cycle(ts) for ts in each))
    templates = [t for turn in itertools.islice(turns, max(map(len, each))) for t in turn]
    out: list[Payload] = []
    for i, t in zip(range(count), itertools.cycle(templates)):
        params = tuple(
            i if kind == "d" else (i % 2 == 0) if kind == "b" else f"P{i}" for kind in t.signature
        )
        payload: Payload = {"msg": format_template(t.msgid, params)}
        if with_code:
            payload["code"] = t.code
        out.append(payload)
    return out


class NaiveFormatter:
    """The baseline: try every template's regex in order, then render with gettext."""

    def __init__(self, markets: Sequence[str] = ("usdm",)) -> None:
        self.templates: list[tuple[re.Pattern[str], Template]] = []
        registry = load_registry()
        for t in (t for m in markets for t in registry.in_market(m).templates()):
            pattern = re.escape(t.msgid)
            for token in ("%s", "%d", "%b"):
                pattern = pattern.replace(re.escape(token), "(.*?)")
            self.templates.append((re.compile(pattern + r"\Z"), t))
        with open(catalogue_path(locales_dir(), "zh_CN", "errors"), "rb") as fp:
            self.zh = gettext.GNUTranslations(fp)

    def translate(self, payload: Payload) -> str:
        """Translate by brute force."""
        text = str(payload["msg"])
        for regex, t in self.templates:
            m = regex.match(text)
            if m:
                msgstr = self.zh.pgettext(t.context, t.msgid)
                return msgstr.replace("%b", "%s").replace("%d", "%s") % m.groups()
        return text


def rate(
    make: Callable[[], Callable[[Payload], object]],
    stream: Sequence[Payload],
    repeat: int = 3,
    *,
    warm: bool = False,
) -> float:
    """Messages per second, best of *repeat* runs, each with a fresh ``make()``.

    *warm* runs the stream once, untimed, before each timed run.
    """
    best = float("inf")
    for _ in range(repeat):
        fn = make()
        if warm:
            for payload in stream:
                fn(payload)
        start = time.perf_counter()
        for payload in stream:
            fn(payload)
        best = min(best, time.perf_counter() - start)
    return len(stream) / best


def cold_start(runs: int) -> tuple[float, float]:
    """Median wall time (ms) of a fresh interpreter: bare, and import + one translate.

    With the bytecode cached, as an installed package has it: an untimed run first
    writes it, whatever ``PYTHONDONTWRITEBYTECODE`` says.
    """
    code = (
        "import sys, catalogue; catalogue.translate({'code': -1121, 'msg': 'Invalid symbol.'}); "
        "assert 'jinja2' not in sys.modules, 'jinja2 imported on the translate path'"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def median(args: list[str]) -> float:
        subprocess.run([sys.executable, *args], check=True, env=env)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, *args], check=True, env=env)
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000

    return median(["-c", "pass"]), median(["-c", code])


def main(argv: Sequence[str] | None = None) -> int:
    """Run every benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller streams, fewer runs")
    args = parser.parse_args(argv)
    count = 20_000 if args.quick else 100_000

    naive = {m: NaiveFormatter(m) for m in (("usdm",), ("spot",), ("usdm", "spot"))}
    futures, spot, both = naive[("usdm",)], naive[("spot",)], naive[("usdm", "spot")]
    streams = (
        ("(a) all templates, with codes", make_stream(count), False, futures),
        (
            "(a') no repeats at all, with codes",
            make_stream(count, only_params=True),
            False,
            futures,
        ),
        (
            "(b) repeated messages (cache hits)",
            make_stream(1_000) * (count // 1_000),
            True,
            futures,
        ),
        ("(c) all templates, no codes", make_stream(count, with_code=False), False, futures),
        (
            "(c') no repeats at all, no codes",
            make_stream(count, with_code=False, only_params=True),
            False,
            futures,
        ),
        ("(s) Spot templates, with codes", make_stream(count, markets=("spot",)), False, spot),
        (
            "(m) USDⓈ-M and Spot in turn, codes",
            make_stream(count, markets=("usdm", "spot")),
            False,
            both,
        ),
    )

    def fresh() -> Callable[[Payload], str]:
        cat = Catalogue.load()
        return lambda p: cat.translate(p, locale="zh_CN")

    counts = ", ".join(f"{'+'.join(m)} {len(n.templates)}" for m, n in naive.items())
    print(f"translate() on {count:,} messages; templates: {counts}")
    print(f"{'stream':<38}{'msg/s':>12}{'vs naive':>11}{'vs dict':>10}")
    for label, stream, warm, baseline in streams:
        ours = rate(fresh, stream, warm=warm)
        naive_rate = rate(lambda b=baseline: b.translate, stream[: count // 10], repeat=1)
        answers = {(p.get("code"), p["msg"]): "x" for p in stream}
        bare = rate(lambda get=answers.get: lambda q: get((q.get("code"), q["msg"])), stream)
        print(f"{label:<38}{ours:>12,.0f}{ours / naive_rate:>10.1f}x{bare / ours:>9.2f}x")
    print("(vs dict: how many times slower than dict.get of precomputed answers)")

    bare_ms, ours_ms = cold_start(5 if args.quick else 15)
    print(
        f"cold start: python -c pass {bare_ms:.1f} ms; import catalogue + translate "
        f"{ours_ms:.1f} ms (+{ours_ms - bare_ms:.1f} ms); jinja2 not imported"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
