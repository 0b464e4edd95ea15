"""The desktop app's self-test checks (ui/selftest.py) in this process: they pass, and they can fail."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")

from reviewdesk.selftest import CheckFailed  # noqa: E402
from ui import i18n, selftest  # noqa: E402
from ui.qt import QApplication, QSettings  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]


@pytest.fixture(autouse=True)
def isolated(qapp, tmp_path, monkeypatch):
    """The user's settings are not read; the app is back in English afterwards."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.delenv("REVIEWDESK_LANG", raising=False)
    monkeypatch.setitem(os.environ, "QT_QPA_PLATFORM", "offscreen")
    yield
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()
    i18n.install(i18n.ENGLISH, qapp)


def run(checks: list) -> dict[str, str]:
    return {name: check() for name, check in checks}


def test_gui_checks_pass_and_describe_what_they_saw():
    results = run(selftest.checks())
    assert list(results) == ["qt", "qt-images", "qt-font", "translations", "window"]
    assert "offscreen" in results["qt"] and "Qt Charts" in results["qt"]
    assert "WenQuanYi" in results["qt-font"]
    assert "产业" in results["translations"] or any("\u4e00" <= c <= "\u9fff" for c in results["translations"])
    assert "start page shown offscreen" in results["window"]
    assert i18n.current() == i18n.ENGLISH, "the self-test leaves the app in English"


def test_translations_check_fails_without_our_chinese_translation(monkeypatch, tmp_path):
    checks = dict(selftest.checks())
    checks["qt"]()
    monkeypatch.setattr(i18n, "qm_path", lambda language: tmp_path / f"missing_{language}.qm")
    with pytest.raises(CheckFailed, match="not in Chinese"):
        checks["translations"]()


@pytest.mark.qt_log_ignore("Cannot read file")  # Qt SVG says why, as a warning
def test_image_check_fails_when_an_icon_cannot_be_read(monkeypatch, tmp_path):
    import ui.selftest as module

    checks = dict(selftest.checks())
    checks["qt"]()
    broken = tmp_path / "icons"
    broken.mkdir()
    for name in ("reviewdesk.svg", "reviewdesk.ico", "reviewdesk.png"):
        (broken / name).write_bytes(b"not an image")
    monkeypatch.setattr(module, "resource", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(CheckFailed, match="SVG"):
        checks["qt-images"]()


def test_checks_after_a_failed_start_are_skipped():
    from reviewdesk.selftest import Skipped

    checks = dict(selftest.checks())  # "qt" never ran: no application
    with pytest.raises(Skipped):
        checks["window"]()
