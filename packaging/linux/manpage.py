"""Write mlcoach(1) from the app's own argparse parser, so the man page and `mlcoach --help` never drift.

    python packaging/linux/manpage.py OUT.1        (build_deb.sh runs it; check with `man -l OUT.1`)

Only the standard library and the `desktop` package of this source tree are imported (no Qt), so
any Python 3.11 can run it.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop import APP_ID, APP_NAME, __version__  # noqa: E402 (after the path is set)
from desktop.app import build_parser  # noqa: E402
from desktop.paths import DATA_DIR_ENV  # noqa: E402

DESCRIPTION = (
    f"{APP_NAME} is an offline desktop app for practising machine-learning job interviews. It bundles a "
    "bank of questions with model answers, key points, typeset formulas, pitfalls and follow-ups, and "
    "offers four modes over it: Browse, Quiz (spaced repetition), Mock interview (timed rounds, reviewed "
    "against the model answers) and Progress. Your notes on every question are saved as you type.",
    "Run without a command, mlcoach opens the app's window. The commands below do the same work as the "
    "File menu from a terminal, and exit with 0 on success, 1 on a failure and 2 on a usage error.",
)


def roff(text: str) -> str:
    """Text safe for roff: backslashes and hyphens escaped, no line starting with a control character."""
    escaped = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line[:1] in (".", "'") else line for line in escaped.splitlines())


def usage(parser: argparse.ArgumentParser) -> str:
    """The parser's own usage line, wrapped for an 80-column terminal."""
    words = " ".join(parser.format_usage().removeprefix("usage: ").split())
    return "\n".join(textwrap.wrap(words, 78, subsequent_indent="    ", break_on_hyphens=False))


def visible(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions if a.help != argparse.SUPPRESS
            and not isinstance(a, argparse._SubParsersAction)]


def describe(action: argparse.Action) -> list[str]:
    """One .TP entry: the option's spellings with its argument, then its help."""
    if action.option_strings:
        metavar = action.metavar or (action.dest.upper() if action.nargs != 0 else None)
        if action.choices is not None and action.metavar is None:
            metavar = "{" + ",".join(map(str, action.choices)) + "}"
        names = ", ".join(f"\\fB{roff(o)}\\fR" for o in action.option_strings)
        head = names + (f" \\fI{roff(str(metavar))}\\fR" if metavar and action.nargs != 0 else "")
    else:
        shown = action.metavar or action.dest
        if action.choices is not None:
            shown = "{" + ",".join(map(str, action.choices)) + "}"
        head = f"\\fI{roff(str(shown))}\\fR"
    text = (action.help or "") % {"prog": "mlcoach", "default": action.default}
    if not text:
        return [".TP", head]
    return [".TP", head, roff(text[:1].upper() + text[1:]) + ("" if text.endswith(".") else ".")]


def commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[tuple[str, argparse.ArgumentParser, str]]:
    """Every command and nested command: ("export", its parser, its help), ("exercise run", …), …"""
    found = []
    for sub in (a for a in parser._actions if isinstance(a, argparse._SubParsersAction)):
        helps = {c.dest: c.help or "" for c in sub._choices_actions}  # a command added without help= is hidden
        for name, command in sub.choices.items():
            if name not in helps or helps[name] == argparse.SUPPRESS:
                continue
            found.append((prefix + name, command, helps[name]))
            found += commands(command, f"{prefix}{name} ")
    return found


def render(parser: argparse.ArgumentParser) -> str:
    lines = [f'.TH MLCOACH 1 "" "mlcoach {__version__}" "User Commands"', ".nh",  # no hyphenation: options stay whole
             ".SH NAME", f"mlcoach \\- {roff(APP_NAME)}: practise machine\\-learning interviews offline",
             ".SH SYNOPSIS", ".nf", roff(usage(parser))]
    lines += [roff(usage(command)) for _, command, _ in commands(parser)]
    lines += [".fi", ".SH DESCRIPTION"]
    for paragraph in DESCRIPTION:
        lines += [roff(paragraph), ".PP"]
    lines[-1:] = [".SH OPTIONS"]
    for action in visible(parser):
        lines += describe(action)
    lines.append(".SH COMMANDS")
    for name, command, text in commands(parser):
        lines += [f'.SS "{roff(name)}"', roff(text[:1].upper() + text[1:]) + ("" if text.endswith(".") else ".")]
        for action in visible(command):
            if not isinstance(action, argparse._HelpAction):  # said once, under OPTIONS
                lines += describe(action)
    lines += [".SH ENVIRONMENT", ".TP", f".B {DATA_DIR_ENV}",
              "The folder that holds your notes and progress, when \\fB\\-\\-data\\-dir\\fR is not given.",
              ".SH FILES", ".TP", f".I ~/.local/share/{roff(APP_ID)}/",
              "Your data: \\fImlcoach.db\\fR (one SQLite database), \\fIbackups/\\fR (rotating copies), "
              "\\fIdecks/\\fR (questions you imported), \\fIsettings.ini\\fR and \\fIerrors.log\\fR. "
              "Nothing is written anywhere else.",
              ".TP", f".I /usr/share/doc/{roff(APP_ID)}/",
              "The licence (copyright) and the third\\-party notices of everything the app bundles.",
              ".SH EXAMPLES", ".nf",
              "mlcoach check\\-content ~/my\\-cards",
              "mlcoach import my\\-cards.csv",
              "mlcoach export pdf sheet.pdf \\-\\-bookmarked",
              ".fi"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: manpage.py OUT.1", file=sys.stderr)
        return 2
    Path(argv[0]).write_text(render(build_parser()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
