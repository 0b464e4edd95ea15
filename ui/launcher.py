"""The ``reviewdesk`` console script: the core's command line with the desktop app plugged in.

Imports no Qt itself: ``reviewdesk policy list`` stays fast, and Qt loads only when a window is
opened. The core never imports ``ui``; this module hands it the app's entry point instead.
"""

from __future__ import annotations


def _open_app(*, file: str | None = None, screenshot: str | None = None, demo: bool = False) -> int:
    from ui.app import main as app_main

    return app_main(file=file, screenshot=screenshot, demo=demo)


def _gui_checks():
    from ui.selftest import checks

    return checks()


def main() -> None:
    from reviewdesk import cli, selftest

    cli.set_app_opener(_open_app)
    selftest.set_gui_checks(_gui_checks)
    cli.main(prog_name="reviewdesk")


if __name__ == "__main__":  # pragma: no cover
    main()
