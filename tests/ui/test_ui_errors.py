"""Errors as dialogs: known problems, the machine's faults, bugs; the exception hook."""

from __future__ import annotations

import errno
import sqlite3
import threading

import pytest

from reviewdesk.errors import Problem, ReviewDeskError, SessionBusy, problems_error
from reviewdesk.i18n import msg
from ui import errors
from ui.errors import BUG, ENVIRONMENT, KNOWN, ErrorDialog, install_excepthook, show_error
from ui.qt import QApplication, QGuiApplication, QObject, QTimer, Signal


def raise_and_catch(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:  # noqa: BLE001 - we want the traceback attached
        return caught


def test_known_problem_shows_message_and_problem_table(qtbot):
    exc = problems_error([
        Problem(msg("not a valid credit code", "不是有效的统一社会信用代码"), file="申报.xlsx", row=7,
                column="credit_code", value="91110000X"),
        Problem("amount must be positive", file="申报.xlsx", row=9, column="requested_yuan", value="-5"),
    ])
    dialog = show_error(None, exc)
    assert isinstance(dialog, ErrorDialog)
    qtbot.addWidget(dialog)
    assert dialog.kind == KNOWN
    assert dialog.isVisible() and dialog.isModal()
    assert dialog.message_label.text() == str(exc)
    assert dialog.details_box is None  # no traceback for a known problem
    table = dialog.table
    assert table is not None and table.rowCount() == 2
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["File", "Row", "Column", "Value", "Problem"]
    assert table.item(0, 1).text() == "7"
    assert table.item(1, 4).text() == "amount must be positive"


def test_known_problem_without_problems_is_a_plain_message(qtbot):
    dialog = show_error(None, SessionBusy(msg("The session is open elsewhere.", "会话已在别处打开。")))
    qtbot.addWidget(dialog)
    assert dialog.kind == KNOWN
    assert dialog.table is None and dialog.copy_button is None
    assert dialog.message_label.text() == "The session is open elsewhere."


def test_problem_table_leaves_out_empty_columns(qtbot):
    exc = ReviewDeskError("Signature check failed", [Problem("digest mismatch"), Problem("unknown signer")])
    dialog = show_error(None, exc)
    qtbot.addWidget(dialog)
    assert dialog.table.columnCount() == 1
    dialog.copy()
    assert "digest mismatch\nunknown signer" in QGuiApplication.clipboard().text()


def test_known_problem_in_chinese(qtbot, chinese):
    exc = problems_error([Problem(msg("missing", "缺少必填项"), file="a.csv", row=3)])
    dialog = show_error(None, exc)
    qtbot.addWidget(dialog)
    assert "未导入任何数据" in dialog.message_label.text()
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert headers == ["文件", "行号", "问题说明"]


@pytest.mark.parametrize(("exc", "needle"), [
    (sqlite3.OperationalError("database is locked"), "in use by another program"),
    (sqlite3.OperationalError("database or disk is full"), "disk is full"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
    (OSError(errno.ENOSPC, "No space left on device", "/media/usb/s.rdesk"), "disk is full"),
    (PermissionError(errno.EACCES, "Permission denied", "C:/Program Files/s.rdesk"), "permission"),
    (OSError(errno.EROFS, "Read-only file system", "/media/cdrom/s.rdesk"), "read-only"),
])
def test_machine_faults_are_plain_messages(qtbot, exc, needle):
    assert errors.classify(exc) == ENVIRONMENT
    dialog = show_error(None, exc)
    qtbot.addWidget(dialog)
    assert dialog.kind == ENVIRONMENT
    assert needle in dialog.message_label.text()
    assert dialog.details_box is None
    if getattr(exc, "filename", None):
        assert exc.filename in dialog.message_label.text()


def test_machine_faults_are_translated(chinese):
    assert "磁盘已满" in errors.environment_message(OSError(errno.ENOSPC, "No space left on device"))
    assert "另一个 ReviewDesk 窗口" in errors.environment_message(sqlite3.OperationalError("database is locked"))


def test_other_os_and_sqlite_errors_are_bugs():
    assert errors.classify(OSError(errno.EINVAL, "Invalid argument")) == BUG
    assert errors.classify(sqlite3.OperationalError("no such table: reviews")) == BUG
    assert errors.classify(KeyError("score")) == BUG


def test_bug_dialog_has_copyable_traceback_and_versions(qtbot):
    exc = raise_and_catch(ZeroDivisionError("division by zero"))
    dialog = show_error(None, exc)
    qtbot.addWidget(dialog)
    assert dialog.kind == BUG
    assert "bug" in dialog.message_label.text()
    details = dialog.details_box.toPlainText()
    assert "Traceback (most recent call last)" in details
    assert "ZeroDivisionError: division by zero" in details
    assert "raise_and_catch" in details
    assert "ReviewDesk " in details and "PySide6 " in details and "Python " in details
    assert dialog.copy_button.text() == "Copy details"
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text().endswith(details)
    assert dialog.copy_button.text() == "Copied"


def test_bug_dialogs_do_not_pile_up(qtbot):
    first = show_error(None, raise_and_catch(RuntimeError("same")))
    qtbot.addWidget(first)
    assert show_error(None, raise_and_catch(RuntimeError("same"))) is None  # same bug: one dialog
    for i in range(errors.MAX_BUG_DIALOGS + 3):
        dialog = show_error(None, raise_and_catch(RuntimeError(f"bug {i}")))
        if dialog is not None:
            qtbot.addWidget(dialog)
    shown = [d for d in QApplication.topLevelWidgets()
             if isinstance(d, ErrorDialog) and d.isVisible() and d.kind == BUG]
    assert len(shown) == errors.MAX_BUG_DIALOGS
    # Known problems are never held back.
    known = show_error(None, ReviewDeskError("still shown"))
    qtbot.addWidget(known)
    assert known.isVisible()


def test_many_problems_are_capped_in_the_table_but_all_copied(qtbot, monkeypatch):
    monkeypatch.setattr(errors, "MAX_PROBLEM_ROWS", 5)
    exc = problems_error([Problem(f"bad value {i}", row=i) for i in range(12)])
    dialog = show_error(None, exc)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 5
    assert "bad value 11" in dialog.copy_text()


class Emitter(QObject):
    fired = Signal()


def test_exception_in_a_slot_reaches_the_handler(qtbot):
    caught: list[BaseException] = []
    uninstall = install_excepthook(caught.append)
    try:
        def slot():
            raise ValueError("raised in a slot")

        emitter = Emitter()
        emitter.fired.connect(slot)
        QTimer.singleShot(0, emitter.fired.emit)
        qtbot.waitUntil(lambda: len(caught) == 1)
    finally:
        uninstall()
    assert isinstance(caught[0], ValueError)
    assert caught[0].__traceback__ is not None


def test_exception_in_a_thread_reaches_the_handler_on_the_gui_thread(qtbot):
    caught: list[tuple[BaseException, bool]] = []
    uninstall = install_excepthook(
        lambda exc: caught.append((exc, threading.current_thread() is threading.main_thread())))
    try:
        def work():
            raise LookupError("raised in a worker thread")

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(5)
        qtbot.waitUntil(lambda: len(caught) == 1)
    finally:
        uninstall()
    exc, on_gui_thread = caught[0]
    assert isinstance(exc, LookupError) and on_gui_thread


def test_default_hook_shows_the_bug_dialog(qtbot):
    uninstall = install_excepthook()
    try:
        def slot():
            raise RuntimeError("nobody caught me")

        QTimer.singleShot(0, slot)

        def dialog_shown():
            return [d for d in QApplication.topLevelWidgets()
                    if isinstance(d, ErrorDialog) and d.isVisible() and "nobody caught me" in (d.details or "")]

        qtbot.waitUntil(lambda: bool(dialog_shown()))
    finally:
        uninstall()


def test_uninstall_restores_the_previous_hooks():
    import sys
    before = sys.excepthook, threading.excepthook
    uninstall = install_excepthook(lambda exc: None)
    assert sys.excepthook is not before[0]
    uninstall()
    assert (sys.excepthook, threading.excepthook) == before
