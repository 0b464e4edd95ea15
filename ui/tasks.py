"""Long work off the GUI thread, with a progress dialog and results back on the GUI thread.

Like Anki's ``CollectionOp``: a window hands :func:`run_task` a plain function; the function
runs on a worker thread and reports progress; its result (or error) comes back to callbacks
that run on the GUI thread, where widgets may be touched. Errors go to
:func:`ui.errors.show_error` unless the caller handles them::

    def work(progress):
        with open_session(path) as session:          # open it HERE, in the worker
            for i, row in enumerate(rows):
                if not progress(i, len(rows), row.name):
                    raise Cancelled()
                ...
            return summary

    run_task(self, work, label=self.tr("Merging scores…"), on_success=self.show_summary)
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from .errors import show_error
from .qt import (
    QCloseEvent,
    QCoreApplication,
    QObject,
    QProgressDialog,
    QPushButton,
    Qt,
    QThreadPool,
    QTimer,
    QWidget,
    Signal,
    Slot,
    is_valid,
)

# How long work may run before the progress dialog appears (ms): quick work shows no flicker.
SHOW_AFTER_MS = 300
# Progress reports are passed to the GUI at most this often (s); the last one always is.
REPORT_EVERY_S = 0.05


log = logging.getLogger(__name__)


class Cancelled(Exception):  # noqa: N818 - reads as what happened, like Anki's Interrupted
    """Raise in a task's function when ``progress()`` returned ``False``: the user cancelled."""


class Progress:
    """The ``progress`` argument of a task's function.

    ``progress(done, total, text="")`` reports and returns ``False`` once the user has asked to
    cancel; the function should then raise :class:`Cancelled` (``progress.check()`` does).
    ``total`` 0 means "unknown" (a busy indicator). Safe to call as often as you like: reports
    reach the GUI at most every 50 ms.
    """

    def __init__(self, task: Task):
        self._task = task
        self._cancel = task._cancel_event
        self._last = 0.0

    def __call__(self, done: int, total: int, text: str = "") -> bool:
        now = time.monotonic()
        if now - self._last >= REPORT_EVERY_S or (total and done >= total):
            self._last = now
            self._task._progressed.emit(int(done), int(total), str(text))
        return not self._cancel.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to cancel."""
        if self._cancel.is_set():
            raise Cancelled()


class _ProgressDialog(QProgressDialog):
    """A progress dialog that stays up while the work winds down after Cancel, Esc or close."""

    cancel_requested = Signal()

    def __init__(self, label: str, cancellable: bool, parent: QWidget | None):
        super().__init__(parent)
        self.cancellable = cancellable
        self.setWindowTitle("ReviewDesk")
        self.setLabelText(label)
        self.setRange(0, 0)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(380)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # QProgressDialog hides itself on Cancel; we hide only when the work has stopped.
        self.canceled.disconnect(self.cancel)
        if cancellable:
            self.cancel_button = QPushButton(self.tr("Cancel"))
            self.setCancelButton(self.cancel_button)
            self.canceled.connect(self.cancel_requested)
        else:
            self.cancel_button = None
            self.setCancelButton(None)

    def reject(self) -> None:  # Esc
        if self.cancellable:
            self.cancel_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        event.ignore()
        if self.cancellable:
            self.cancel_requested.emit()

    def show_cancelling(self) -> None:
        self.setLabelText(self.tr("Cancelling…"))
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)


class _Runnable:
    """What the worker runs. Not a QRunnable subclass on purpose: the pool takes :meth:`run` as
    a plain callable, so Python keeps the only reference and nothing is deleted twice."""

    def __init__(self, task: Task):
        self.task = task

    def run(self) -> None:
        task = self.task
        try:
            result = task._fn(task._progress)
        except Cancelled:
            self._report("cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - every error goes back to the GUI thread
            self._report("failed", exc)
        else:
            self._report("succeeded", result)

    def _report(self, outcome: str, value: object) -> None:
        try:
            self.task._done.emit(outcome, value)
        except RuntimeError:  # the Task went with its window (closed, or the app quitting): no one to tell
            log.debug("background work %s after its window closed: %r", outcome, value)


class Task(QObject):
    """One piece of background work started by :func:`run_task`. Lives on the GUI thread.

    Signals (emitted on the GUI thread after the callbacks ran): ``succeeded(result)``,
    ``failed(exception)``, ``cancelled()``, then always ``finished()``.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    # From the worker; queued to this object's (the GUI) thread.
    _progressed = Signal(int, int, str)
    _done = Signal(str, object)

    def __init__(self, parent_widget: QWidget | None, fn: Callable[[Progress], Any], *, label: str,
                 on_success: Callable[[Any], object] | None,
                 on_failure: Callable[[BaseException], object] | None,
                 on_cancelled: Callable[[], object] | None, cancellable: bool):
        super().__init__()
        self._widget = parent_widget
        self._fn = fn
        self.label = label
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancelled = on_cancelled
        self.cancellable = cancellable
        self._cancel_event = threading.Event()
        self._progress = Progress(self)
        self._last: tuple[int, int, str] | None = None
        self._dialog: _ProgressDialog | None = None
        self.running = False
        self.outcome: str | None = None
        self._progressed.connect(self._on_progress)
        self._done.connect(self._on_done)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)

    def _parent(self) -> QWidget | None:
        return self._widget if self._widget is not None and is_valid(self._widget) else None

    def cancel(self) -> None:
        """Ask the work to stop; it ends with ``cancelled`` once the function notices."""
        if self.cancellable and self.running:
            self._cancel_event.set()
            if self._dialog is not None and is_valid(self._dialog):
                self._dialog.show_cancelling()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_event.is_set()

    @property
    def dialog(self) -> QProgressDialog | None:
        """The progress dialog, once shown."""
        return self._dialog

    def _start(self, pool: QThreadPool, show_after_ms: int) -> None:
        self.running = True
        _running.add(self)
        self._runnable: _Runnable | None = _Runnable(self)
        self._timer.start(show_after_ms)
        pool.start(self._runnable.run)

    @Slot()
    def _show_dialog(self) -> None:
        if not self.running or self._dialog is not None:
            return
        dialog = _ProgressDialog(self.label, self.cancellable, self._parent())
        dialog.cancel_requested.connect(self.cancel)
        self._dialog = dialog
        if self._last is not None:
            self._apply_progress(*self._last)
        if self._cancel_event.is_set():
            dialog.show_cancelling()
        dialog.show()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        if self._dialog is not None and is_valid(self._dialog):
            self._apply_progress(done, total, text)

    def _apply_progress(self, done: int, total: int, text: str) -> None:
        dialog = self._dialog
        assert dialog is not None
        if self._cancel_event.is_set():
            return
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))
        else:
            dialog.setRange(0, 0)
        dialog.setLabelText(f"{self.label}\n{text}" if text else self.label)

    @Slot(str, object)
    def _on_done(self, outcome: str, value: object) -> None:
        self.running = False
        self.outcome = outcome
        self._timer.stop()
        if self._dialog is not None and is_valid(self._dialog):
            self._dialog.hide()
            self._dialog.deleteLater()
        self._dialog = None
        self._runnable = None
        _running.discard(self)
        # The widget that asked is gone (its window closed while the work ran): nobody to tell.
        orphaned = self._widget is not None and not is_valid(self._widget)
        try:
            if orphaned:
                pass
            elif outcome == "succeeded":
                if self._on_success is not None:
                    self._on_success(value)
            elif outcome == "failed":
                assert isinstance(value, BaseException)
                if self._on_failure is not None:
                    self._on_failure(value)
                else:
                    show_error(self._parent(), value)
            elif self._on_cancelled is not None:
                self._on_cancelled()
        finally:
            if outcome == "succeeded":
                self.succeeded.emit(value)
            elif outcome == "failed":
                self.failed.emit(value)
            else:
                self.cancelled.emit()
            self.finished.emit()


_running: set[Task] = set()
_pool: QThreadPool | None = None


def pool() -> QThreadPool:
    """The app's worker pool, owned by the QApplication and drained when it quits."""
    global _pool
    if _pool is None or not is_valid(_pool):
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("run_task needs a QApplication")
        _pool = QThreadPool(app)
        app.aboutToQuit.connect(shutdown)
    return _pool


def run_task(parent: QWidget | None, fn: Callable[[Progress], Any], *, label: str,
             on_success: Callable[[Any], object] | None,
             on_failure: Callable[[BaseException], object] | None = None,
             cancellable: bool = True, on_cancelled: Callable[[], object] | None = None,
             show_after_ms: int = SHOW_AFTER_MS) -> Task:
    """Run ``fn(progress)`` on a worker thread; report back on the GUI thread.

    * ``fn`` must not touch widgets or any Qt object of the GUI. It gets a :class:`Progress`
      and reports with ``progress(done, total, text)``, which returns ``False`` once the user
      cancelled; ``fn`` should then raise :class:`Cancelled`.
    * **SQLite connections belong to the thread that opened them**: ``fn`` opens its own
      connection (or session object) and closes it before returning; never pass in the
      window's connection. Return plain data, not live database objects.
    * After ``show_after_ms`` (300 ms) a window-modal :class:`QProgressDialog` with ``label``
      appears over ``parent`` (with a Cancel button if ``cancellable``).
    * On the GUI thread: ``on_success(result)``; or ``on_failure(exc)``, which defaults to
      :func:`ui.errors.show_error`; or ``on_cancelled()`` (default: nothing, the user knows).
    * Returns the :class:`Task`, whose signals tests and callers may also connect to.
    """
    task = Task(parent, fn, label=label, on_success=on_success, on_failure=on_failure,
                on_cancelled=on_cancelled, cancellable=cancellable)
    task._start(pool(), show_after_ms)
    return task


def running_tasks() -> list[Task]:
    return list(_running)


def shutdown(timeout_ms: int = 10_000) -> bool:
    """Cancel running tasks, drop queued ones and wait for the workers (called on quit).

    Returns ``False`` if some work was still running after ``timeout_ms``.
    """
    for task in list(_running):
        task._cancel_event.set()
    if _pool is None or not is_valid(_pool):
        return True
    _pool.clear()
    done = bool(_pool.waitForDone(timeout_ms))
    if done:
        _running.clear()
    return done
