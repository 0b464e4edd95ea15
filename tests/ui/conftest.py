"""Fixtures for the desktop app's tests: headless Qt, isolated settings, English by default.

Every test gets its own settings file under ``tmp_path`` (never the user's real one), starts in
English with the app's look applied, and ends with its windows closed and hooks unregistered.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest.importorskip("PySide6")

from ui import i18n, style, windows  # noqa: E402
from ui.qt import QApplication, QSettings, QStandardPaths  # noqa: E402

HERE = Path(__file__).resolve().parent

# The offscreen platform warns about features it lacks (raise(), propagateSizeHints()).
OFFSCREEN_NOISE = "This plugin does not support"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session", autouse=True)
def _qt_test_mode() -> None:
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def ui_env(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Isolated settings, English, the app's style, empty window hooks; cleaned up afterwards."""
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    monkeypatch.delenv("REVIEWDESK_LANG", raising=False)
    monkeypatch.setattr(windows, "_openers", [])
    monkeypatch.setattr(windows, "_demo", None)
    monkeypatch.setattr(windows, "_identity", None)
    monkeypatch.setattr(windows, "_new_session", None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    qapp.setOrganizationName("ReviewDesk")
    qapp.setApplicationName("ReviewDesk")
    style.apply(qapp)
    i18n.install(i18n.ENGLISH, qapp)
    yield settings_dir
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()
    i18n.install(i18n.ENGLISH, qapp)


@pytest.fixture
def chinese(qapp: QApplication):
    """The app switched to Simplified Chinese for one test."""
    i18n.install(i18n.CHINESE, qapp)
    yield
    i18n.install(i18n.ENGLISH, qapp)


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    """A file with a session's extension (its content does not matter to the shell)."""
    path = tmp_path / "东湖区2026年第一批.rdesk"
    path.write_bytes(b"not opened by the shell")
    return path
