"""The ``catalogue`` command line: translate, match, codes, check, harvest, notify.

Run ``catalogue --help`` (or ``python -m catalogue --help``).  stdout carries only
results; diagnostics go to stderr.  Exit status: 0 ok, 1 problems found, 2 usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from catalogue import __version__
from catalogue.errors import CatalogueError, LocaleError, MarketError, PayloadError, SuccessReply
from catalogue.formatter import Catalogue
from catalogue.results import Match

__all__ = ["lines", "main"]


def lines(source: IO[bytes] | IO[str]) -> Iterable[bytes | str]:
    """The lines of *source*, split on ``\\n`` only, each left undecoded.

    From a binary stream (``sys.stdin`` reads its bytes) each line is ``bytes``, decoded
    on its own by the payload parser, so one bad byte costs one line, not the stream.
    """
    buffer = getattr(source, "buffer", source)
    if isinstance(buffer.read(0), bytes):
        return buffer  # a binary file splits on b"\n" alone
    return str(buffer.read()).split("\n")  # a text stream with no bytes underneath


def _payloads(args: argparse.Namespace) -> Iterator[tuple[int, bytes | str]]:
    if args.payload not in (None, "-"):
        yield 1, args.payload
        return
    for lineno, line in enumerate(lines(sys.stdin), start=1):
        if line.strip():
            yield lineno, line.strip()


def match_json(m: Match | None, translation: str | None = None) -> str:
    """A :class:`Match` as one line of JSON (``null`` for no match)."""
    if m is None:
        data: dict[str, object] | None = None
    else:
        data = dataclasses.asdict(m)
        data["kind"] = str(m.kind)
        data["params"] = list(m.params)
    if translation is not None:
        data = {"match": data, "translation": translation}
    return json.dumps(data, ensure_ascii=False)


def _stream(args: argparse.Namespace, cat: Catalogue, *, translate: bool) -> int:
    status = 0
    for lineno, text in _payloads(args):
        try:
            if translate and not args.json:
                # One line out per line in: a line feed inside a message becomes a
                # space here (--json keeps the text exactly).
                shown = cat.translate(text, locale=args.locale, market=args.market)
                print(shown.replace("\r\n", " ").replace("\n", " "))
            elif translate:
                found = cat.match(text, market=args.market)
                print(
                    match_json(found, cat.translate(text, locale=args.locale, market=args.market))
                )
            else:
                print(match_json(cat.match(text, market=args.market)))
        except SuccessReply:
            # No error to show: still one line out for the line in.
            print("" if translate and not args.json else "null")
        except (PayloadError, LocaleError, ValueError) as err:
            # ValueError also covers text stdout cannot encode (a lone surrogate).
            print(f"line {lineno}: {err!s:.500}", file=sys.stderr)
            status = 1
        sys.stdout.flush()
    return status


def _codes(args: argparse.Namespace, cat: Catalogue) -> int:
    query = (args.query or "").strip()
    number = query.lstrip("+-")
    found = 0
    registry = cat.registry
    infos = registry.in_market(args.market).values() if args.market else registry.entries()
    for info in infos:
        message = cat.render(info.code, (), args.locale, market=info.markets[0])
        if query:
            if number.isdigit():
                if abs(info.code) != int(number):
                    continue
            else:
                texts = [info.name, message, *info.msgids]
                if not any(query.lower() in t.lower() for t in texts):
                    continue
        print(f"{info.code}\t{info.name}\t{message}\t{','.join(info.markets)}")
        found += 1
    if not found:
        print(f"no code matches {query!r}", file=sys.stderr)
        return 1
    return 0


def _check(args: argparse.Namespace) -> int:
    from catalogue.maintenance.check import check

    problems = check(args.locales)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
    return 1 if problems else 0


def _harvest(args: argparse.Namespace, cat: Catalogue) -> int:
    from catalogue.maintenance.harvest import harvest

    if args.input in (None, "-"):
        found = harvest(lines(sys.stdin), cat)
    else:
        with Path(args.input).open("rb") as source:
            found = harvest(lines(source), cat)
    for lineno, reason in found.errors:
        print(f"line {lineno}: {reason:.500}", file=sys.stderr)
    pot = found.to_pot(cat)
    if args.output:
        Path(args.output).write_text(pot, encoding="utf-8")
    else:
        sys.stdout.write(pot)
    print(f"{found.total} unmatched message(s)", file=sys.stderr)
    return 1 if found.errors else 0


def _notify(args: argparse.Namespace) -> int:
    from jinja2 import UndefinedError

    from catalogue import notify

    if args.example:
        context = notify.example_context(args.name)
    else:
        try:
            context = json.loads(Path(args.context).read_text(encoding="utf-8"))
        except ValueError as err:
            raise CatalogueError(f"context file {args.context!r} is not JSON: {err}") from err
        if not isinstance(context, dict):
            raise CatalogueError(
                f"context file {args.context!r} must hold a JSON object of variables, "
                f"not {type(context).__name__}"
            )
    try:
        text = notify.render_notification(
            args.name, args.locale, html=args.html, context=context, market=args.market
        )
        print(text)
    except UndefinedError as err:
        raise CatalogueError(f"notification {args.name!r} needs a variable: {err}") from err
    except TypeError as err:  # a context value of the wrong type for its filter
        raise CatalogueError(f"notification {args.name!r}: {err}") from err
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="catalogue",
        description="Binance USDⓈ-M Futures and Spot error messages in your language.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    locale = argparse.ArgumentParser(add_help=False)
    locale.add_argument("--locale", default="zh_CN", help="target locale (default: zh_CN)")
    locale.add_argument(
        "--market",
        help="the market the payloads come from: usdm or spot (default: the text decides)",
    )
    payload = argparse.ArgumentParser(add_help=False)
    payload.add_argument(
        "payload", nargs="?", help="a JSON payload; '-' or nothing: JSON lines on stdin"
    )

    p = sub.add_parser("translate", parents=[locale, payload], help="translate payloads")
    p.add_argument("--json", action="store_true", help="print the full match as JSON")
    p = sub.add_parser("match", parents=[payload], help="print the match of each payload as JSON")
    p.add_argument("--market", help="the market the payloads come from: usdm or spot")
    p = sub.add_parser("codes", parents=[locale], help="list or search the codes")
    p.add_argument("query", nargs="?", help="a code, or part of a name or message")
    p = sub.add_parser("check", help="check the catalogues; exit 1 on any problem")
    p.add_argument("--locales", type=Path, help="a locales/ directory (default: the shipped one)")
    p = sub.add_parser("harvest", help="write a .pot of the messages that matched no template")
    p.add_argument("input", nargs="?", help="JSON lines of payloads; '-' or nothing: stdin")
    p.add_argument("-o", "--output", help="the .pot to write (default: stdout)")
    p = sub.add_parser("notify", parents=[locale], help="render a notification")
    p.add_argument("name", help="a bundled notification, e.g. order_rejected")
    p.add_argument("--html", action="store_true", help="render the HTML version")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--context", help="a JSON file with the template's variables")
    group.add_argument("--example", action="store_true", help="use the shipped example context")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        # The reader went away (``| head``): say nothing, as cat and grep do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run(args: argparse.Namespace) -> int:
    try:
        if getattr(args, "market", None) is not None:
            from catalogue.registry import load_registry

            try:
                load_registry().in_market(args.market)
            except MarketError as err:  # a usage error, said once
                print(f"catalogue: error: {err}", file=sys.stderr)
                return 2
        if args.command == "check":
            return _check(args)
        if args.command == "notify":
            return _notify(args)
        cat = Catalogue.load()
        if args.command in ("translate", "match"):
            return _stream(args, cat, translate=args.command == "translate")
        if args.command == "codes":
            return _codes(args, cat)
        return _harvest(args, cat)
    except BrokenPipeError:
        raise
    except (CatalogueError, OSError, ValueError) as err:
        print(f"catalogue: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
