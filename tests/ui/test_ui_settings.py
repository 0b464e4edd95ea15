"""Settings: isolated INI file, recent files (max 10, dedup, pruned), thresholds, geometry, dialog."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ui import i18n, settings, thresholds
from ui.qt import QMainWindow
from ui.settings import SettingsDialog
from ui.thresholds import DisagreementThresholds


def make_files(folder: Path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        p = folder / f"session-{i:02d}.rdesk"
        p.write_text("x")
        paths.append(str(p))
    return paths


def test_settings_live_in_the_test_folder(ui_env):
    s = settings.settings()
    assert s.format() == s.Format.IniFormat
    assert s.scope() == s.Scope.UserScope
    assert Path(s.fileName()).is_relative_to(ui_env)


def test_recent_files_newest_first_at_most_ten(tmp_path):
    paths = make_files(tmp_path, 12)
    for p in paths:
        settings.add_recent_file(p)
    assert settings.recent_files() == list(reversed(paths))[:10]


def test_recent_files_dedup_moves_to_front(tmp_path):
    a, b, c = make_files(tmp_path, 3)
    for p in (a, b, c, a):
        settings.add_recent_file(p)
    assert settings.recent_files() == [a, c, b]
    settings.add_recent_file(Path(b).parent / ".." / Path(b).parent.name / Path(b).name)  # same file, other spelling
    assert settings.recent_files() == [b, a, c]


def test_recent_files_prunes_missing_files_for_good(tmp_path):
    a, b, c = make_files(tmp_path, 3)
    for p in (a, b, c):
        settings.add_recent_file(p)
    Path(b).unlink()
    assert settings.recent_files() == [c, a]
    Path(b).write_text("back")  # pruned entries are not resurrected
    assert settings.recent_files() == [c, a]


def test_single_recent_file_survives_ini_round_trip(tmp_path):
    # QSettings' INI format gives a one-element list back as a plain string.
    (only,) = make_files(tmp_path, 1)
    settings.add_recent_file(only)
    settings.settings().sync()
    assert settings.recent_files() == [only]
    settings.remove_recent_file(only)
    assert settings.recent_files() == []


def test_chinese_paths_round_trip(tmp_path):
    p = tmp_path / "评审会话 2026.rdesk"
    p.write_text("x")
    settings.add_recent_file(p)
    assert settings.recent_files() == [str(p)]


def test_thresholds_default_and_round_trip_as_decimal():
    assert thresholds.disagreement_thresholds() == DisagreementThresholds(Decimal(15), Decimal(6))
    thresholds.set_disagreement_thresholds(DisagreementThresholds(Decimal("12.5"), Decimal("4.5")))
    got = thresholds.disagreement_thresholds()
    assert got == DisagreementThresholds(Decimal("12.5"), Decimal("4.5"))
    assert isinstance(got.score_range, Decimal)


def test_bad_threshold_values_fall_back_to_defaults():
    s = settings.settings()
    s.setValue(thresholds.RANGE_KEY, "lots")
    s.setValue(thresholds.STD_DEV_KEY, "-3")
    assert thresholds.disagreement_thresholds() == DisagreementThresholds()


def test_language_setting_defaults_to_system_and_rejects_unknown():
    assert settings.language() == "system"
    settings.set_language("zh_CN")
    assert settings.language() == "zh_CN"
    settings.settings().setValue(settings.LANGUAGE_KEY, "klingon")
    assert settings.language() == "system"


def test_geometry_round_trip(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    assert not settings.restore_geometry(window, "test")
    window.resize(640, 480)
    window.show()
    settings.save_geometry(window, "test")
    other = QMainWindow()
    qtbot.addWidget(other)
    assert settings.restore_geometry(other, "test")
    assert other.size() == window.size()


def test_settings_dialog_saves_thresholds_and_switches_language(qtbot):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.range_box.value() == 15.0
    assert dialog.std_dev_box.value() == 6.0
    dialog.range_box.setValue(20)
    dialog.std_dev_box.setValue(7.5)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData(i18n.CHINESE))
    dialog.accept()
    assert thresholds.disagreement_thresholds() == DisagreementThresholds(Decimal("20.0"), Decimal("7.5"))
    assert settings.language() == "zh_CN"
    assert i18n.current() == "zh_CN"


def test_settings_dialog_retranslates_itself(qtbot, chinese):
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "设置"
    assert dialog.language_box.itemText(dialog.language_box.findData(i18n.SYSTEM)) == "跟随系统"
    i18n.install(i18n.ENGLISH)
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Settings")
