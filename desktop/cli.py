"""The `tdkt` command: one entry point for users, tests, benchmarks and support.

Exit codes: 0 done; 1 a problem the user can fix, explained in one sentence (bad arguments
included); never a traceback on the terminal — unexpected errors go to a crash file in the logs.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from desktop import __version__, cli_excel, cli_exchange, cli_print, cli_rules, cli_users, paths
from desktop.errors import UserError
from desktop.i18n import _, setup_i18n

EXIT_OK, EXIT_USER = 0, 1

# argparse's own messages (English, fixed in the standard library) → our translatable sentences.
_ARGPARSE = [
    (re.compile(r"unrecognized arguments: (?P<x>.*)"), lambda: _("unknown option {x}")),
    (re.compile(r"argument (?P<a>\S+): invalid choice: '(?P<x>[^']*)'.*"),
     lambda: _("“{x}” is not a valid choice for {a}")),
    (re.compile(r"argument (?P<a>\S+): invalid \w+ value: '(?P<x>[^']*)'"),
     lambda: _("“{x}” is not a valid value for {a}")),
    (re.compile(r"argument (?P<a>\S+): expected one argument"),
     lambda: _("{a} needs a value")),
    (re.compile(r"the following arguments are required: (?P<x>.*)"),
     lambda: _("missing {x}")),
]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        detail = message
        for pattern, text in _ARGPARSE:
            m = pattern.fullmatch(message)
            if m:
                detail = text().format(**m.groupdict())
                break
        self.exit(
            EXIT_USER,
            _("Invalid command: {detail}; type “tdkt --help” to see how to use it.").format(
                detail=detail
            ) + "\n",
        )


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(value) from None
    if n < 1:
        raise argparse.ArgumentTypeError(value)
    return n


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar=_("PATH|URL"), default=default,
                        help=_("database file or SQLAlchemy URL (default: your data folder)"))
    parser.add_argument("--data-dir", metavar=_("FOLDER"), default=default,
                        help=_("keep all data, settings and logs in this folder"))
    parser.add_argument("--lang", choices=["vi", "en"], default=default,
                        help=_("language of messages (default: vi)"))
    cli_users.add_sign_in_option(parser, default)


def build_parser() -> Parser:
    parser = Parser(prog="tdkt", description=_("Emulation and commendation management."))
    parser._optionals.title = _("options")
    parser.add_argument("--version", action="version", version=f"TĐKT {__version__}")
    parser.add_argument("--no-crash-dialog", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--smoke-test", action="store_true",
                        help=_("check that this copy of the program works, then exit"))
    _common(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", title=_("commands"), metavar=_("COMMAND"),
                                parser_class=Parser)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p._optionals.title = _("options")
        _common(p, suppress=True)
        return p

    gui = add("gui", _("open the program window (the default)"))
    gui.add_argument("--offscreen", action="store_true",
                     help=_("open the window off screen, then close it (for checks)"))
    gui.add_argument("--demo-if-empty", action="store_true",
                     help=_("build the demo data first if the database does not exist"))

    demo = add("demo", _("build a database of realistic demo data"))
    demo.add_argument("--size", type=_positive, default=300, metavar="N",
                      help=_("number of people (default 300)"))
    demo.add_argument("--seed", type=int, default=2023, help=_("random seed"))
    demo.add_argument("--force", action="store_true", help=_("replace an existing database"))

    add("check", _("check the database for damage and show what it holds"))
    backup = add("backup", _("make a verified backup copy of the database"))
    backup.add_argument("--to", metavar=_("FILE"), help=_("where to write the copy"))
    restore = add("restore", _("replace the database with a backup (the current one is kept)"))
    restore.add_argument("file", metavar=_("FILE"), help=_("the backup file"))
    cli_print.add_print_parser(sub, add)
    cli_exchange.add_exchange_parsers(sub, add)
    cli_rules.add_rules_parser(sub, add)
    cli_excel.add_excel_parser(sub, add)
    cli_users.add_user_parser(add)
    return parser


def _db_target(args: argparse.Namespace) -> str:
    if getattr(args, "db", None):
        return str(args.db)
    from desktop.core.settings import load_settings

    return load_settings().server_url or str(paths.default_database())


def _sqlite_path(args: argparse.Namespace) -> Path:
    from desktop.store.database import url_for

    _url, path = url_for(_db_target(args))
    if path is None:
        raise UserError(_("This command works on a database file; a server database is "
                          "restored with pg_restore, as the province server guide says."))
    return path


def _progress_printer(label: str) -> Callable[[int, int], None]:
    interactive = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        if interactive and total:
            width = 30
            filled = width * done // total
            sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return show


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop import cli_server
    from desktop.core.demo import build_demo

    url = cli_server.server_url(_db_target(args))
    if url is not None:
        return cli_server.cmd_demo(url, args, _progress_printer(_("Building demo data")))
    target = _sqlite_path(args)
    started = time.perf_counter()
    summary = build_demo(target, size=args.size, seed=args.seed, replace=args.force,
                         progress=_progress_printer(_("Building demo data")))
    print(_("Demo database written to {path} in {s:.1f} s: {summary}.").format(
        path=target, s=time.perf_counter() - started, summary=summary))
    return EXIT_OK


def _print_report(report: object) -> None:
    from desktop.store.maintenance import COUNTED, FileReport

    assert isinstance(report, FileReport)
    labels = dict(COUNTED)
    for table, count in report.counts.items():
        print("  {}: {}".format(_(labels[table]), count))


def cmd_check(args: argparse.Namespace) -> int:
    from desktop import cli_server
    from desktop.store.maintenance import inspect_file

    url = cli_server.server_url(_db_target(args))
    if url is not None:
        return cli_server.cmd_check(url)
    report = inspect_file(_sqlite_path(args))
    print(_("Database {path} (schema {rev}):").format(path=report.path, rev=report.revision))
    _print_report(report)
    for problem in report.problems:
        print(_("Problem: {p}").format(p=problem))
    if report.ok:
        print(_("The database is intact."))
        return EXIT_OK
    return EXIT_USER


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop import cli_server
    from desktop.store.maintenance import backup, default_backup_name

    url = cli_server.server_url(_db_target(args))
    if url is not None:
        return cli_server.cmd_backup(url, args.to)
    live = _sqlite_path(args)
    dest = Path(args.to).expanduser().resolve() if args.to else (
        paths.backup_dir() / default_backup_name(live))
    report = backup(live, dest)
    print(_("Backup written and checked: {path}").format(path=dest))
    _print_report(report)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop.store.database import open_database
    from desktop.store.maintenance import check_restorable, restore

    live = _sqlite_path(args)
    source = Path(args.file).expanduser().resolve()
    check_restorable(source, live)  # before the live file is opened (and maybe upgraded)
    if live.exists() and _whole(live):  # a verified automatic backup of it first, rotated
        from desktop.core.service import Services

        with open_database(live) as db:
            done = Services(db).backups.restore(source)
        report, safety = done.report, done.safety.path if done.safety else None
    else:
        report, safety = restore(source, live, paths.backup_dir())
        open_database(live).close()  # upgrades an older backup's schema, after its own backup
    if safety:
        print(_("The previous database was kept as {path}.").format(path=safety))
    print(_("Restored {src} into {path}:").format(src=args.file, path=live))
    _print_report(report)
    return EXIT_OK


def _whole(path: Path) -> bool:
    """Whether SQLite can read all of the file (else restore() keeps its bytes as they are)."""
    from desktop.store.database import known_revisions
    from desktop.store.maintenance import inspect_file

    try:
        report = inspect_file(path)
    except UserError:
        return False
    return report.intact and report.revision in known_revisions()


def cmd_gui(args: argparse.Namespace) -> int:
    offscreen = getattr(args, "offscreen", False)
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif (sys.platform.startswith("linux") and not os.environ.get("DISPLAY")
          and not os.environ.get("WAYLAND_DISPLAY")
          and os.environ.get("QT_QPA_PLATFORM", "") not in ("offscreen", "minimal")):
        raise UserError(_("There is no screen to show the window on; run it on a desktop, "
                          "or add --offscreen to check that it starts."))
    target = _db_target(args)
    if getattr(args, "demo_if_empty", False):
        from desktop.store.database import url_for

        _url, path = url_for(target)
        if path is not None and not path.exists():
            from desktop.core.demo import build_demo

            print(_("First start: building the demo data…"), flush=True)
            build_demo(path, progress=_progress_printer(_("Building demo data")))
    from desktop.gui.app import run_gui

    code = run_gui(target, offscreen=offscreen, crash_dialog=not args.no_crash_dialog)
    if offscreen and code == EXIT_OK:
        print(_("The window opened and closed correctly."))
    return code


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "gui": cmd_gui, "demo": cmd_demo, "check": cmd_check, "backup": cmd_backup,
    "restore": cmd_restore,
    "print": cli_print.cmd_print, "rules": cli_rules.cmd_rules,
    "keys": cli_exchange.cmd_keys, "export": cli_exchange.cmd_export,
    "verify": cli_exchange.cmd_verify, "import": cli_exchange.cmd_import,
    "excel": cli_excel.cmd_excel,
    "sent": cli_exchange.cmd_sent,
    "user": cli_users.cmd_user,
}


def _early_lang(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return os.environ.get("TDKT_LANG")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    setup_i18n(_early_lang(argv))  # before the parser, so its help is translated
    args = build_parser().parse_args(argv)
    if args.smoke_test:
        from desktop.smoke import run_smoke_test

        return run_smoke_test()
    if getattr(args, "data_dir", None):
        paths.set_home(args.data_dir)
    if _early_lang(argv) is None:  # no --lang nor TDKT_LANG: the language chosen in the window
        from desktop.core.settings import load_settings

        setup_i18n(load_settings().language)
    from desktop.logs import setup_logging, write_crash_report

    try:
        setup_logging(paths.log_dir())
        cli_users.sign_in_from_arguments(args)
        return COMMANDS[args.command or "gui"](args)
    except UserError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print(_("Stopped."), file=sys.stderr)
        return EXIT_USER
    except Exception as exc:  # noqa: BLE001 - never a traceback in front of a user
        if os.environ.get("TDKT_DEBUG"):
            raise
        crash = write_crash_report(exc)
        print(_("An unexpected error occurred; the details were saved in {path}.").format(
            path=crash or paths.log_dir()), file=sys.stderr)
        return EXIT_USER


def main_gui() -> int:
    return main(["gui", *sys.argv[1:]])
