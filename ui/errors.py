"""Errors become dialogs here, and only here.

:func:`show_error` sorts an exception the way the core does (see :mod:`reviewdesk.errors`):

* a :class:`~reviewdesk.errors.ReviewDeskError` is a known problem: its message, in the user's
  language, and its list of problems (file, row, column, value) in a table;
* a locked or full database, a full disk, a read-only or forbidden folder is the machine's
  fault, not ReviewDesk's: a plain, translated message saying what to do;
* anything else is a bug: a short apology and the details IT needs (traceback and versions),
  with a button to copy them.

:func:`install_excepthook` sends every uncaught exception (in a slot, a timer, a thread) to
:func:`show_error`, so nothing vanishes silently.
"""

from __future__ import annotations

import errno
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

import reviewdesk
from reviewdesk.errors import Problem, ReviewDeskError

from . import i18n
from .qt import (
    QApplication,
    QCoreApplication,
    QDialog,
    QLabel,
    QObject,
    Qt,
    QThread,
    QWidget,
    Signal,
    Slot,
)

if TYPE_CHECKING:
    from .qt import QPlainTextEdit, QPushButton, QTableWidget

log = logging.getLogger(__name__)

# More rows than this are left out of the table (the copy button still copies all of them).
MAX_PROBLEM_ROWS = 2000
# Bug dialogs open at once; more are only logged, so a failing paint event cannot bury the screen.
MAX_BUG_DIALOGS = 3

KNOWN, ENVIRONMENT, BUG = "known", "environment", "bug"

_open_dialogs: list[ErrorDialog] = []


def environment_message(exc: BaseException) -> str | None:
    """A plain, translated message if ``exc`` is the machine's fault (locked, full, read-only…)."""
    # sqlite3 is looked up, not imported: the start page does not load it, and an error of a module
    # that was never imported cannot be raised.
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is not None and isinstance(exc, sqlite3.DatabaseError):
        text = str(exc).lower()
        if "locked" in text:
            return QCoreApplication.translate(
                "errors", "The session file is in use by another program or another ReviewDesk window. "
                          "Close it there, then try again.")
        if "full" in text:
            return QCoreApplication.translate(
                "errors", "The disk is full, so the change could not be saved. Free some space "
                          "or move the file to another drive, then try again.")
        if "readonly" in text or "read-only" in text:
            return QCoreApplication.translate(
                "errors", "The session file is read-only. Copy it to a folder you can write to, "
                          "such as Documents, and open it from there.")
        if "disk i/o error" in text:
            return QCoreApplication.translate(
                "errors", "The file could not be read or written. If it is on a USB drive, check "
                          "that the drive is still connected, then try again.")
        if "unable to open database" in text:
            return QCoreApplication.translate(
                "errors", "The session file could not be opened. Check that it and its folder still "
                          "exist and that you may write there.")
        if "not a database" in text or "malformed" in text:
            return QCoreApplication.translate(
                "errors", "This file is not a ReviewDesk session, or it is damaged. Ask for a new copy.")
        return None
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            text = QCoreApplication.translate(
                "errors", "The disk is full, so the file could not be saved. Free some space "
                          "or choose another drive, then try again.")
        elif exc.errno == errno.EROFS:
            text = QCoreApplication.translate(
                "errors", "The drive or folder is read-only. Choose a folder you can write to, "
                          "such as Documents.")
        elif exc.errno in (errno.EACCES, errno.EPERM):
            text = QCoreApplication.translate(
                "errors", "You do not have permission to use this file or folder. Choose a folder "
                          "you can write to, such as Documents, or close the program that holds the file.")
        else:
            return None
        if exc.filename:
            text += "\n\n" + QCoreApplication.translate("errors", "File: {path}").format(path=exc.filename)
        return text
    return None


def classify(exc: BaseException) -> str:
    """:data:`KNOWN`, :data:`ENVIRONMENT` or :data:`BUG`."""
    if isinstance(exc, ReviewDeskError):
        return KNOWN
    if environment_message(exc) is not None:
        return ENVIRONMENT
    return BUG


def versions() -> str:
    """The versions IT needs with a bug report."""
    import datetime
    import platform

    from .qt import PYSIDE_VERSION, QT_VERSION

    return "\n".join([
        f"ReviewDesk {reviewdesk.__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"PySide6 {PYSIDE_VERSION}, Qt {QT_VERSION}",
        f"{platform.platform()}",
        f"Language: {i18n.current()}",
        f"Time: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
    ])


def format_details(exc: BaseException) -> str:
    """Versions and the full traceback (with chained causes) as plain text."""
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return f"{versions()}\n\n{trace}"


def problems_text(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


class ErrorDialog(QDialog):
    """A message, optionally a table of problems and copyable details, and an OK button."""

    def __init__(self, parent: QWidget | None, *, kind: str, text: str,
                 problems: list[Problem] | None = None, details: str | None = None):
        super().__init__(parent)
        self.setObjectName("ErrorDialog")
        self.kind = kind
        self.problems = list(problems or [])
        self.details = details
        self.setWindowTitle("ReviewDesk")
        self.setSizeGripEnabled(True)

        # The dialog's own widgets load when one opens: the Qt classes and their enums would
        # otherwise be made at start, for a dialog most days never show.
        from .qt import QDialogButtonBox, QFontDatabase, QHBoxLayout, QPlainTextEdit, QStyle, QVBoxLayout

        icon = QLabel()
        which = (QStyle.StandardPixmap.SP_MessageBoxCritical if kind == BUG
                 else QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(self.style().standardIcon(which).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.message_label = QLabel(text)
        self.message_label.setObjectName("message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setMinimumWidth(440)

        head = QHBoxLayout()
        head.setSpacing(16)
        head.addWidget(icon)
        head.addWidget(self.message_label, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(head)

        self.table: QTableWidget | None = None
        if self.problems:
            self.table = self._problem_table(self.problems)
            layout.addWidget(self.table, 1)
            if len(self.problems) > MAX_PROBLEM_ROWS:
                more = QLabel(self.tr("Showing the first {shown} of {total} problems; "
                                      "“Copy” copies all of them.")
                              .format(shown=MAX_PROBLEM_ROWS, total=len(self.problems)))
                layout.addWidget(more)

        self.details_box: QPlainTextEdit | None = None
        if details:
            self.details_box = QPlainTextEdit(details)
            self.details_box.setReadOnly(True)
            self.details_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.details_box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            self.details_box.setMinimumHeight(180)
            layout.addWidget(self.details_box, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.copy_button: QPushButton | None = None
        if details or self.problems:
            label = self.tr("Copy details") if details else self.tr("Copy")
            self.copy_button = self.buttons.addButton(label, QDialogButtonBox.ButtonRole.ActionRole)
            self.copy_button.clicked.connect(self.copy)
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setDefault(True)
        ok.setFocus()  # Enter dismisses; the table does not start with a focus frame
        if self.details_box is not None:
            self.resize(720, 460)
        elif self.table is not None:
            self.resize(max(self.sizeHint().width(), 720), self.sizeHint().height())

    def _problem_table(self, problems: list[Problem]) -> QTableWidget:
        from .qt import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

        columns = [(self.tr("File"), lambda p: p.file),
                   (self.tr("Row"), lambda p: None if p.row is None else str(p.row)),
                   (self.tr("Column"), lambda p: p.column),
                   (self.tr("Value"), lambda p: p.value),
                   (self.tr("Problem"), lambda p: str(p.message))]
        # Columns no problem fills are left out: a list of messages stays a list.
        columns = [c for c in columns if any(c[1](p) not in (None, "") for p in problems)]
        shown = problems[:MAX_PROBLEM_ROWS]
        table = QTableWidget(len(shown), len(columns))
        table.setObjectName("problems")
        table.setHorizontalHeaderLabels([c[0] for c in columns])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        for row, problem in enumerate(shown):
            for col, (_, get) in enumerate(columns):
                table.setItem(row, col, QTableWidgetItem(get(problem) or ""))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus if len(shown) <= 1 else Qt.FocusPolicy.StrongFocus)
        # As tall as its rows, up to a dozen; longer lists scroll.
        visible = min(len(shown), 12)
        height = (header.sizeHint().height() + sum(table.rowHeight(r) for r in range(visible))
                  + 2 * table.frameWidth() + 2)
        if len(shown) <= 12:
            table.setFixedHeight(height)
        else:
            table.setMinimumHeight(height)
        return table

    def copy_text(self) -> str:
        parts = [self.message_label.text()]
        if self.problems:
            parts.append(problems_text(self.problems))
        if self.details:
            parts.append(self.details)
        return "\n\n".join(parts)

    @Slot()
    def copy(self) -> None:
        from .qt import QGuiApplication

        QGuiApplication.clipboard().setText(self.copy_text())
        if self.copy_button is not None:
            self.copy_button.setText(self.tr("Copied"))


def _prune() -> None:
    from .qt import is_valid

    _open_dialogs[:] = [d for d in _open_dialogs if is_valid(d) and d.isVisible()]


def show_error(parent: QWidget | None, exc: BaseException) -> ErrorDialog | None:
    """Show ``exc`` to the user as the kind of problem it is; returns the (non-blocking) dialog.

    The dialog is window-modal over ``parent`` and opened with ``open()``, never ``exec()``, so
    no nested event loop starts inside a slot or the exception hook. ``None`` when too many bug
    dialogs are already open (the error is still logged).
    """
    kind = classify(exc)
    if kind == KNOWN:
        assert isinstance(exc, ReviewDeskError)
        dialog = ErrorDialog(parent, kind=kind, text=str(exc), problems=exc.problems)
    elif kind == ENVIRONMENT:
        dialog = ErrorDialog(parent, kind=kind, text=environment_message(exc) or str(exc))
    else:
        details = format_details(exc)
        log.error("unexpected error\n%s", details)
        _prune()
        bugs = [d for d in _open_dialogs if d.kind == BUG]
        if len(bugs) >= MAX_BUG_DIALOGS or any(d.details and _same(d.details, details) for d in bugs):
            return None
        text = QCoreApplication.translate(
            "errors", "ReviewDesk ran into a problem it did not expect. This is a bug in ReviewDesk, "
                      "not something you did.") + "\n\n" + QCoreApplication.translate(
            "errors", "Please click “Copy details” and send the text to your IT contact. "
                      "If the problem comes back, restart ReviewDesk.")
        dialog = ErrorDialog(parent, kind=kind, text=text, details=details)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _prune()
    _open_dialogs.append(dialog)
    dialog.open()
    return dialog


def _same(a: str, b: str) -> bool:
    # The details start with the time; compare the tracebacks only.
    return a.split("\n\n", 1)[-1] == b.split("\n\n", 1)[-1]


# -- exception hook -----------------------------------------------------------------------------

Handler = Callable[[BaseException], object]


class _Bridge(QObject):
    """Carries an exception from another thread to the GUI thread."""

    raised = Signal(object)

    def __init__(self, handler: Handler):
        super().__init__()
        self.handler = handler
        self.raised.connect(self.handle)

    @Slot(object)
    def handle(self, exc: BaseException) -> None:
        try:
            self.handler(exc)
        except Exception:  # the handler itself failed: log both rather than recurse
            log.exception("error while showing an error")
            _print_exception(exc)


def _print_exception(exc: BaseException) -> None:
    if sys.stderr is not None:  # None in a windowed (console=False) frozen build
        traceback.print_exception(type(exc), exc, exc.__traceback__)


def _default_handler(exc: BaseException) -> None:
    show_error(QApplication.activeWindow(), exc)


_bridge: _Bridge | None = None


def install_excepthook(handler: Handler | None = None) -> Callable[[], None]:
    """Send uncaught exceptions (``sys.excepthook``, ``threading.excepthook``) to ``handler``.

    ``handler`` defaults to :func:`show_error` over the active window and always runs on the
    GUI thread. Call after the QApplication exists. Returns a function restoring the old hooks.
    """
    global _bridge
    previous_sys, previous_threading = sys.excepthook, threading.excepthook
    bridge = _Bridge(handler or _default_handler)
    app = QCoreApplication.instance()
    if app is not None:
        bridge.moveToThread(app.thread())
    _bridge = bridge

    def dispatch(exc: BaseException) -> None:
        app = QCoreApplication.instance()
        if app is None:
            _print_exception(exc)
        elif QThread.currentThread() == app.thread():
            bridge.handle(exc)
        else:
            bridge.raised.emit(exc)  # queued: the bridge lives in the GUI thread

    def hook(etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(etype, KeyboardInterrupt | SystemExit):
            previous_sys(etype, value, tb)
            return
        if value.__traceback__ is None and tb is not None:
            value = value.with_traceback(tb)
        dispatch(value)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            previous_threading(args)
            return
        dispatch(args.exc_value)

    sys.excepthook = hook
    threading.excepthook = thread_hook

    def uninstall() -> None:
        global _bridge
        sys.excepthook, threading.excepthook = previous_sys, previous_threading
        if _bridge is bridge:
            _bridge = None

    return uninstall
