"""Start the desktop app: the QApplication, its look, language and error hook, the first window.

``reviewdesk open [SESSION] [--screenshot PNG]`` and ``python -m ui`` both end up in :func:`main`.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import reviewdesk
from reviewdesk.errors import ReviewDeskError

from . import i18n, settings, style, tasks, windows
from .errors import install_excepthook, show_error
from .qt import QApplication, QCoreApplication, QGuiApplication, Qt, QWidget
from .start import StartWindow

log = logging.getLogger(__name__)


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created and set up once (reused when it exists, e.g. under tests)."""
    app = QApplication.instance()
    created = app is None
    if app is None:
        # Fractional scaling (125 %, 150 % on Windows laptops) without blurry rounding.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        args = list(argv) if argv is not None else sys.argv[:1]
        app = QApplication([*args[:1], *style.STYLE_ARGS, *args[1:]])
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName("ReviewDesk")
    QCoreApplication.setApplicationName("ReviewDesk")
    QCoreApplication.setApplicationVersion(reviewdesk.__version__)
    QGuiApplication.setApplicationDisplayName("ReviewDesk")
    QGuiApplication.setDesktopFileName("reviewdesk")
    style.apply(app, set_style=not created)
    i18n.install(settings.language(), app)
    return app


def first_window(*, file: str | os.PathLike[str] | None = None, demo: bool = False,
                 remember: bool = True) -> QWidget:
    """The window to start with: the file's, the demo's, or the start page.

    The window modules in :data:`ui.windows.PLUGINS` are imported first so their openers are
    registered.
    ``remember=False`` (screenshots) leaves recent files and window geometry alone. Errors
    propagate; :func:`main` decides whether to show them over the start page.
    """
    windows.load_plugins()
    if file is not None:  # `reviewdesk demo` builds the demo file first and passes it with demo=True
        window = windows.open_path(file, None)
        if remember and not demo:
            settings.add_recent_file(os.fspath(file))
        return window
    if demo:
        return windows.open_demo(None)
    return StartWindow(remember_geometry=remember)


def screenshot_window(window: QWidget, path: str | os.PathLike[str]) -> Path:
    """Show ``window``, let it lay itself out and polish, and save what it looks like as PNG."""
    app = QApplication.instance()
    assert app is not None
    window.show()
    for _ in range(3):  # layout requests and polish events post further events
        app.processEvents()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out


def run_event_loop(app: QApplication) -> int:
    """Run the app until its last window closes (tests replace this: they share one QApplication)."""
    return app.exec()


def main(argv: list[str] | None = None, *, file: str | None = None, screenshot: str | None = None,
         demo: bool = False) -> int:
    """Run the app; returns the exit status.

    ``file``: open it instead of the start page. ``demo``: open the demo session.
    ``screenshot``: render the first window to that PNG and return 0 without entering the event
    loop (a file that cannot be opened returns the error's exit status instead).
    """
    app = application(argv)

    if screenshot:
        try:
            window = first_window(file=file, demo=demo, remember=False)
        except ReviewDeskError as exc:
            print(str(exc), file=sys.stderr)
            return exc.exit_code
        try:
            screenshot_window(window, screenshot)
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            tasks.shutdown()  # work the window started (the demo being built) is cancelled or done
        return 0

    install_excepthook()
    tasks.pool()  # created now so that quitting always drains it (it connects to aboutToQuit)
    try:
        window = first_window(file=file, demo=demo)
    except Exception as exc:  # noqa: BLE001 - shown over the start page instead
        window = StartWindow()
        windows.show_window(window)
        show_error(window, exc)
    else:
        windows.show_window(window)
    return run_event_loop(app)
