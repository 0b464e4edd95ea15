"""Background work: results, errors and cancellation come back on the GUI thread."""

from __future__ import annotations

import threading

import pytest

from ui import tasks
from ui.qt import QApplication, Qt
from ui.tasks import Cancelled, run_task

WAIT = 5  # seconds a worker waits for the test before giving up (never reached when all is well)


def on_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def test_success_is_delivered_on_the_gui_thread(qtbot):
    results = []
    worker_threads = []

    def work(progress):
        worker_threads.append(threading.current_thread())
        progress(1, 1, "done")
        return {"merged": 42}

    task = run_task(None, work, label="Merging", on_success=lambda r: results.append((r, on_gui_thread())))
    with qtbot.waitSignal(task.finished):
        pass
    assert results == [({"merged": 42}, True)]
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert task.outcome == "succeeded"
    assert task.dialog is None  # quick work shows no progress dialog
    assert tasks.running_tasks() == []


def test_failure_goes_to_on_failure_on_the_gui_thread(qtbot):
    failures = []

    def work(progress):
        raise ValueError("row 7 is bad")

    task = run_task(None, work, label="Importing", on_success=lambda r: pytest.fail("no success"),
                    on_failure=lambda exc: failures.append((exc, on_gui_thread())))
    with qtbot.waitSignal(task.failed) as blocker:
        pass
    exc, gui = failures[0]
    assert isinstance(exc, ValueError) and gui
    assert blocker.args == [exc]
    assert exc.__traceback__ is not None  # the worker's traceback travels with it


def test_failure_defaults_to_show_error(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(tasks, "show_error", lambda parent, exc: shown.append((parent, exc, on_gui_thread())))

    def work(progress):
        raise OSError(28, "No space left on device")

    task = run_task(None, work, label="Saving", on_success=None)
    with qtbot.waitSignal(task.finished):
        pass
    (parent, exc, gui), = shown
    assert parent is None and isinstance(exc, OSError) and gui


def test_cancel_stops_the_work_and_reports_cancelled(qtbot):
    started = threading.Event()
    cancelled = []
    steps = []

    def work(progress):
        started.set()
        for i in range(10_000):
            if not progress(i, 10_000, f"application {i}"):
                raise Cancelled()
            steps.append(i)
            threading.Event().wait(0.001)
        return "finished"

    task = run_task(None, work, label="Ranking", on_success=lambda r: pytest.fail("not cancelled"),
                    on_cancelled=lambda: cancelled.append(on_gui_thread()))
    assert started.wait(WAIT)
    with qtbot.waitSignal(task.cancelled):
        task.cancel()
    assert cancelled == [True]
    assert task.outcome == "cancelled"
    assert len(steps) < 10_000


def test_progress_dialog_appears_reports_and_cancels(qtbot):
    release = threading.Event()

    def work(progress):
        progress(3, 10, "东湖区智能制造 (3/10)")
        while progress(3, 10, "东湖区智能制造 (3/10)"):
            if release.wait(0.01):
                return "not expected"
        raise Cancelled()

    task = run_task(None, work, label="Merging scores", on_success=None, show_after_ms=0)
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible())
    dialog = task.dialog
    qtbot.waitUntil(lambda: dialog.value() == 3 and dialog.maximum() == 10)
    assert "东湖区智能制造" in dialog.labelText()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    with qtbot.waitSignal(task.cancelled):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not any(w is dialog and w.isVisible() for w in QApplication.topLevelWidgets()))


def test_escape_does_not_hide_a_running_task(qtbot):
    release = threading.Event()

    def work(progress):
        release.wait(WAIT)
        return "ok"

    task = run_task(None, work, label="Signing", on_success=None, cancellable=False, show_after_ms=0)
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible())
    dialog = task.dialog
    assert dialog.cancel_button is None
    dialog.reject()
    dialog.close()
    assert dialog.isVisible() and not task.cancel_requested
    with qtbot.waitSignal(task.succeeded):
        release.set()


def test_shutdown_cancels_and_waits_for_workers(qtbot):
    started = threading.Event()
    stopped = threading.Event()

    def work(progress):
        started.set()
        while progress(0, 0):
            threading.Event().wait(0.005)
        stopped.set()
        raise Cancelled()

    task = run_task(None, work, label="Long work", on_success=None)
    assert started.wait(WAIT)
    assert tasks.shutdown(WAIT * 1000)
    assert stopped.is_set()
    with qtbot.waitSignal(task.cancelled):
        pass  # the queued result still arrives once the loop runs


def test_a_result_for_a_closed_window_is_dropped(qtbot):
    """Work that ends after the widget that asked for it was deleted reaches no callback."""
    from ui.qt import QWidget

    widget = QWidget()
    started, release = threading.Event(), threading.Event()
    results = []

    def work(progress):
        started.set()
        release.wait(5)
        return "late"

    task = run_task(widget, work, label="Reading", on_success=results.append, show_after_ms=60000)
    assert started.wait(5)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not tasks.is_valid(widget))
    QApplication.processEvents()
    release.set()
    with qtbot.waitSignal(task.finished):
        pass
    assert results == []


def test_work_outliving_its_deleted_task_ends_quietly(qtbot, monkeypatch):
    """The Task is gone before the worker reports (the app quit under it, as at the end of a
    screenshot): no error escapes the worker thread ("Signal source has been deleted")."""
    import sys

    escaped = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: escaped.append(exc))
    started, release = threading.Event(), threading.Event()

    def work(progress):
        started.set()
        release.wait(5)
        raise OSError("the temporary folder vanished")

    task = run_task(None, work, label="Building", on_success=None, show_after_ms=60000)
    assert started.wait(5)
    task.deleteLater()
    qtbot.waitUntil(lambda: not tasks.is_valid(task))
    release.set()
    assert tasks.pool().waitForDone(5000)
    QApplication.processEvents()
    assert escaped == []
