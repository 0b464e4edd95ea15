"""The ``reviewdesk`` console script: the core's command line with the desktop app plugged in.

Imports no Qt itself: ``reviewdesk policy list`` stays fast, and Qt loads only when a window is
opened. The core never imports ``ui``; this module hands it the app's entry point instead.

The app's own launches skip the command-line parser: the Start-menu shortcut runs ``ReviewDesk``
with no arguments, a double-clicked file runs ``ReviewDesk open FILE``. Loading click and the
command definitions for those would only delay the first window (by ~30 ms on the development
machine), so :func:`direct_open` recognises exactly these shapes (and ``--screenshot PNG``);
anything else — ``--help``, other commands, unknown options — goes through the command line.
"""

from __future__ import annotations

import sys


def _open_app(*, file: str | None = None, screenshot: str | None = None, demo: bool = False) -> int:
    from ui.app import main as app_main

    return app_main(file=file, screenshot=screenshot, demo=demo)


def _gui_checks():
    from ui.selftest import checks

    return checks()


def direct_open(args: list[str]) -> dict[str, str | None] | None:
    """The keyword arguments of :func:`_open_app` when ``args`` only open the app, else None.

    ``[]``, ``["open"]``, ``["open", FILE]``, each optionally with ``--screenshot PNG`` (or
    ``--screenshot=PNG``) after ``open``.
    """
    if not args:
        return {"file": None, "screenshot": None}
    if args[0] != "open":
        return None
    file: str | None = None
    screenshot: str | None = None
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        if arg == "--screenshot" and rest and screenshot is None:
            screenshot = rest.pop(0)
        elif arg.startswith("--screenshot=") and screenshot is None:
            screenshot = arg.split("=", 1)[1]
        elif arg.startswith("-") or file is not None:
            return None  # --help, an unknown option, two files: the command line explains
        else:
            file = arg
    if screenshot == "":
        return None
    return {"file": file, "screenshot": screenshot}


def main() -> None:
    direct = direct_open(sys.argv[1:])
    if direct is not None:
        sys.exit(_open_app(**direct))

    from reviewdesk import cli, selftest

    cli.set_app_opener(_open_app)
    selftest.set_gui_checks(_gui_checks)
    cli.main(prog_name="reviewdesk")


if __name__ == "__main__":  # pragma: no cover
    main()
