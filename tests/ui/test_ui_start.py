"""The start page: both languages, recent files, opening files, hooks, drag and drop, settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui import i18n, settings, start, windows
from ui.qt import QDropEvent, QEvent, QMainWindow, QMimeData, QPoint, Qt, QUrl
from ui.start import StartWindow


@pytest.fixture
def shown_errors(monkeypatch):
    """Errors the start page would show, instead of dialogs."""
    shown: list[BaseException] = []
    monkeypatch.setattr(start, "show_error", lambda parent, exc: shown.append(exc))
    return shown


@pytest.fixture
def opened(monkeypatch):
    """Register an opener for .rdesk files; records the paths it opened."""
    paths: list[Path] = []

    def factory(path: Path, parent):
        paths.append(path)
        window = QMainWindow(parent)
        window.setWindowTitle(path.name)
        return window

    windows.register_opener(lambda p: p.suffix == ".rdesk", factory)
    return paths


def make_start(qtbot) -> StartWindow:
    window = StartWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def test_builds_in_english(qtbot):
    window = make_start(qtbot)
    assert window.windowTitle() == "ReviewDesk"
    assert window.open_button.title.text() == "Open a session or work copy…"
    assert window.identity_button.title.text() == "My identity"
    assert window.recent_title.text() == "Recent files"
    assert window.recent_stack.currentWidget() is window.empty_label


def test_builds_in_chinese(qtbot, chinese):
    window = make_start(qtbot)
    assert window.open_button.title.text() == "打开会话或工作副本…"
    assert window.demo_button.title.text() == "打开演示会话"
    assert window.identity_button.title.text() == "我的身份"
    assert window.settings_button.title.text() == "设置"
    assert "回避" in window.intro.text()
    assert window.subtitle.text() == "产业扶持资金申报专家评审系统"


def test_switching_language_retranslates_an_open_window(qtbot):
    window = make_start(qtbot)
    i18n.install(i18n.CHINESE)
    qtbot.waitUntil(lambda: window.recent_title.text() == "最近打开")
    i18n.install(i18n.ENGLISH)
    qtbot.waitUntil(lambda: window.recent_title.text() == "Recent files")


def test_recent_files_are_listed_and_double_click_opens(qtbot, session_file, opened):
    settings.add_recent_file(session_file)
    window = make_start(qtbot)
    assert window.recent_stack.currentWidget() is window.recent_list
    assert window.recent_list.count() == 1
    item = window.recent_list.item(0)
    assert item.text().startswith(session_file.name)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.recent_list.visualItemRect(item).isValid())
    center = window.recent_list.visualItemRect(item).center()
    viewport = window.recent_list.viewport()
    with qtbot.waitSignal(window.window_opened) as blocker:
        # A real double click: QTest's double click alone lacks the first press.
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=center)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=center)
    assert opened == [session_file]
    assert blocker.args[0].windowTitle() == session_file.name
    assert blocker.args[0].isVisible()
    assert not window.isVisible()  # the start page hands over


def test_open_file_records_it_as_recent(qtbot, tmp_path, opened):
    first, second = tmp_path / "a.rdesk", tmp_path / "b.rdesk"
    first.write_text("x")
    second.write_text("x")
    window = make_start(qtbot)
    assert window.open_file(first) is not None
    assert StartWindow().open_file(second) is not None
    assert settings.recent_files() == [str(second), str(first)]


def test_unknown_file_is_a_message_and_not_recent(qtbot, tmp_path, shown_errors, opened):
    other = tmp_path / "申报汇总.xlsx"
    other.write_text("x")
    window = make_start(qtbot)
    assert window.open_file(other) is None
    (exc,) = shown_errors
    assert isinstance(exc, windows.CannotOpen)
    assert settings.recent_files() == []
    assert window.isVisible()


def test_vanished_recent_file_is_dropped_from_the_list(qtbot, session_file, shown_errors, opened):
    settings.add_recent_file(session_file)
    window = make_start(qtbot)
    session_file.unlink()
    window.open_file(session_file)
    assert isinstance(shown_errors[0], windows.CannotOpen)
    assert window.recent_list.count() == 0


def test_opener_failure_is_shown_not_raised(qtbot, session_file, shown_errors):
    def broken(path, parent):
        raise RuntimeError("opener bug")

    windows.register_opener(lambda p: True, broken)
    window = make_start(qtbot)
    assert window.open_file(session_file) is None
    assert str(shown_errors[0]) == "opener bug"


def test_demo_and_identity_without_hooks_show_a_message(qtbot, shown_errors):
    window = make_start(qtbot)
    qtbot.mouseClick(window.demo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.identity_button, Qt.MouseButton.LeftButton)
    assert [type(e) for e in shown_errors] == [windows.FeatureUnavailable] * 2
    assert window.isVisible()


def test_demo_and_identity_hooks_are_called(qtbot, shown_errors):
    demo = QMainWindow()
    windows.register_demo(lambda parent: demo)
    identity_parents = []
    windows.register_identity_dialog(identity_parents.append)
    window = make_start(qtbot)
    qtbot.mouseClick(window.identity_button, Qt.MouseButton.LeftButton)
    assert identity_parents == [window]
    qtbot.mouseClick(window.demo_button, Qt.MouseButton.LeftButton)
    assert demo.isVisible() and not window.isVisible()
    assert shown_errors == []
    demo.close()


def drop(window: StartWindow, *paths: Path) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop)
    window.dropEvent(event)
    return event


def test_dropping_a_file_opens_it(qtbot, session_file, opened):
    window = make_start(qtbot)
    assert window.acceptDrops()
    drop(window, session_file)
    assert opened == [session_file]


def test_dropping_a_folder_does_nothing(qtbot, tmp_path, opened, shown_errors):
    window = make_start(qtbot)
    drop(window, tmp_path)
    assert opened == [] and shown_errors == []


def test_settings_button_opens_the_dialog(qtbot):
    window = make_start(qtbot)
    qtbot.mouseClick(window.settings_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(settings.SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_remove_from_recent_list(qtbot, session_file):
    settings.add_recent_file(session_file)
    window = make_start(qtbot)
    window.recent_list.setCurrentRow(0)
    window.remove_action.trigger()
    assert settings.recent_files() == []
    assert window.recent_stack.currentWidget() is window.empty_label
