"""The window registry: openers, demo and identity hooks, keeping top-level windows alive."""

from __future__ import annotations

import pytest

from reviewdesk.errors import ReviewDeskError
from ui import windows
from ui.qt import QMainWindow


def test_no_opener_is_a_known_problem_naming_the_file(session_file):
    with pytest.raises(windows.CannotOpen) as info:
        windows.open_path(session_file)
    assert isinstance(info.value, ReviewDeskError)
    assert session_file.name in str(info.value)
    assert ".rdwork" in str(info.value)


def test_missing_file_is_a_known_problem(tmp_path):
    with pytest.raises(windows.CannotOpen, match="not found"):
        windows.open_path(tmp_path / "gone.rdesk")


def test_first_matching_opener_builds_the_window(session_file, qtbot):
    seen = []

    def general(path, parent):
        seen.append(("general", path))
        return QMainWindow(parent)

    def specific(path, parent):
        seen.append(("specific", path))
        return QMainWindow(parent)

    windows.register_opener(lambda p: True, general)
    windows.register_opener(lambda p: p.suffix == ".rdesk", specific)
    window = windows.open_session_window(str(session_file), None)
    qtbot.addWidget(window)
    assert seen == [("specific", session_file)]
    windows.unregister_opener(specific)
    qtbot.addWidget(windows.open_path(session_file))
    assert seen[-1] == ("general", session_file)


def test_unregistered_hooks_are_known_problems():
    assert not windows.has_demo() and not windows.has_identity_dialog()
    with pytest.raises(windows.FeatureUnavailable):
        windows.open_demo(None)
    with pytest.raises(windows.FeatureUnavailable):
        windows.identity_dialog(None)


def test_registered_hooks_are_called(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    windows.register_demo(lambda parent: window)
    calls = []
    windows.register_identity_dialog(lambda parent: calls.append(parent) or "shown")
    assert windows.open_demo() is window
    assert windows.identity_dialog(window) == "shown"
    assert calls == [window]


def test_show_window_keeps_it_until_closed(qtbot):
    window = QMainWindow()
    windows.show_window(window)
    assert window in windows.open_windows()
    window.close()
    qtbot.waitUntil(lambda: windows.open_windows() == [])
