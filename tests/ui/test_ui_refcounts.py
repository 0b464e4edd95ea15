"""PySide6 must not lose references to None/True/False (PySide6 6.12.0 on CPython 3.11 did).

Each Qt call returning nothing dropped one reference to None and each signal emitted one to
True: after a few thousand, the interpreter aborted ("none_dealloc"). An expert's working day is
millions of such calls, so the app must run on a PySide6 without that bug.
"""

from __future__ import annotations

import sys

from ui.qt import QLabel, QObject, Signal


class _Emitter(QObject):
    fired = Signal(bool)


def test_qt_calls_keep_none_and_bool_references(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    got = []
    emitter.fired.connect(got.append)
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(5000):
        label.setText("评审")
        emitter.fired.emit(True)
    del got[:]
    assert sys.getrefcount(None) >= none_before - 10
    assert sys.getrefcount(True) >= true_before - 10
