"""The user's settings: language, recent files, window geometry (the disagreement thresholds are
in :mod:`ui.thresholds`, loaded with the windows that use them).

Stored with :class:`QSettings` as an INI file in the user's profile (portable, readable by IT,
no registry): on Windows ``%APPDATA%/ReviewDesk/ReviewDesk.ini``, elsewhere
``~/.config/ReviewDesk/ReviewDesk.ini``. Tests point it elsewhere with ``QSettings.setPath``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from . import i18n
from .qt import QByteArray, QDialog, QEvent, QLabel, QMainWindow, QSettings, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from .thresholds import DisagreementThresholds

LANGUAGE_KEY = "ui/language"
RECENT_KEY = "ui/recentFiles"
MAX_RECENT = 10


def settings() -> QSettings:
    """The user's settings file (INI format, user scope)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ReviewDesk", "ReviewDesk")


def _str_list(value: object) -> list[str]:
    # An INI file gives back a one-element list as a plain string and an empty one as None.
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[union-attr]


# -- language -----------------------------------------------------------------------------------

def language() -> str:
    """The language setting: ``"system"``, ``"zh_CN"`` or ``"en"``."""
    value = str(settings().value(LANGUAGE_KEY, i18n.SYSTEM) or i18n.SYSTEM)
    return value if value in i18n.CHOICES else i18n.SYSTEM


def set_language(choice: str) -> None:
    if choice not in i18n.CHOICES:
        raise ValueError(f"unknown language setting {choice!r}")
    settings().setValue(LANGUAGE_KEY, choice)


# -- recent files -------------------------------------------------------------------------------

def _norm(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def recent_files() -> list[str]:
    """Recently opened files, newest first; files that no longer exist are dropped for good."""
    s = settings()
    stored = _str_list(s.value(RECENT_KEY))
    kept = [p for p in stored if os.path.exists(p)][:MAX_RECENT]
    if kept != stored:
        s.setValue(RECENT_KEY, kept)
    return kept


def add_recent_file(path: str | os.PathLike[str]) -> list[str]:
    """Put ``path`` first in the recent files (once, at most :data:`MAX_RECENT` kept)."""
    path = os.path.abspath(os.fspath(path))
    key = _norm(path)
    files = [path] + [p for p in recent_files() if _norm(p) != key]
    files = files[:MAX_RECENT]
    settings().setValue(RECENT_KEY, files)
    return files


def remove_recent_file(path: str | os.PathLike[str]) -> None:
    key = _norm(os.fspath(path))
    s = settings()
    s.setValue(RECENT_KEY, [p for p in _str_list(s.value(RECENT_KEY)) if _norm(p) != key])


def clear_recent_files() -> None:
    settings().remove(RECENT_KEY)


# -- window geometry ----------------------------------------------------------------------------

def save_geometry(widget: QWidget, name: str) -> None:
    """Remember ``widget``'s size and place (and a main window's docks and toolbars) as ``name``."""
    s = settings()
    s.setValue(f"windows/{name}/geometry", widget.saveGeometry())
    if isinstance(widget, QMainWindow):
        s.setValue(f"windows/{name}/state", widget.saveState())


def restore_geometry(widget: QWidget, name: str) -> bool:
    """Put ``widget`` back where :func:`save_geometry` left it; ``False`` if nothing was saved."""
    s = settings()
    geometry = s.value(f"windows/{name}/geometry")
    if not isinstance(geometry, QByteArray | bytes) or not geometry:
        return False
    ok = widget.restoreGeometry(QByteArray(geometry))
    state = s.value(f"windows/{name}/state")
    if ok and isinstance(widget, QMainWindow) and isinstance(state, QByteArray | bytes) and state:
        widget.restoreState(QByteArray(state))
    return ok


# -- dialog -------------------------------------------------------------------------------------

class SettingsDialog(QDialog):
    """Language and disagreement thresholds. Accepting saves them and switches the language."""

    def __init__(self, parent: QWidget | None = None):
        # Loaded when the dialog opens, not with the start page that imports this module.
        from .qt import QComboBox, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox
        from .thresholds import disagreement_thresholds

        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setMinimumWidth(420)

        self.language_box = QComboBox()
        for choice in i18n.CHOICES:
            self.language_box.addItem("", choice)
        index = self.language_box.findData(language())
        self.language_box.setCurrentIndex(max(index, 0))

        thresholds = disagreement_thresholds()
        self.range_box = QDoubleSpinBox()
        self.range_box.setRange(0.5, 100.0)
        self.range_box.setDecimals(1)
        self.range_box.setSingleStep(1.0)
        self.range_box.setValue(float(thresholds.score_range))
        self.std_dev_box = QDoubleSpinBox()
        self.std_dev_box.setRange(0.5, 50.0)
        self.std_dev_box.setDecimals(1)
        self.std_dev_box.setSingleStep(0.5)
        self.std_dev_box.setValue(float(thresholds.std_dev))

        self.language_group = QGroupBox()
        self.language_label = QLabel()
        form = QFormLayout(self.language_group)
        form.addRow(self.language_label, self.language_box)
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        self.language_note.setObjectName("note")
        form.addRow(self.language_note)

        self.review_group = QGroupBox()
        self.range_label = QLabel()
        self.std_dev_label = QLabel()
        self.review_note = QLabel()
        self.review_note.setWordWrap(True)
        self.review_note.setObjectName("note")
        form = QFormLayout(self.review_group)
        form.addRow(self.range_label, self.range_box)
        form.addRow(self.std_dev_label, self.std_dev_box)
        form.addRow(self.review_note)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.language_group)
        layout.addWidget(self.review_group)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_group.setTitle(self.tr("Language"))
        self.language_label.setText(self.tr("Display language:"))
        names = {i18n.SYSTEM: self.tr("Same as the system"),
                 i18n.CHINESE: "简体中文",  # each language is named in itself
                 i18n.ENGLISH: "English"}
        for row in range(self.language_box.count()):
            self.language_box.setItemText(row, names[self.language_box.itemData(row)])
        self.language_note.setText(self.tr("Messages from reports and checks follow the same language."))
        self.review_group.setTitle(self.tr("Disagreement between experts"))
        self.range_label.setText(self.tr("Score range at least:"))
        self.std_dev_label.setText(self.tr("Standard deviation at least:"))
        points = self.tr(" points", "suffix of a score threshold")
        self.range_box.setSuffix(points)
        self.std_dev_box.setSuffix(points)
        self.review_note.setText(self.tr(
            "The chair's console flags an application when its experts' total scores reach "
            "either threshold."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def chosen_language(self) -> str:
        return str(self.language_box.currentData())

    def chosen_thresholds(self) -> DisagreementThresholds:
        from .thresholds import from_text

        return from_text(f"{self.range_box.value():.1f}", f"{self.std_dev_box.value():.1f}")

    def accept(self) -> None:
        from .thresholds import set_disagreement_thresholds

        set_disagreement_thresholds(self.chosen_thresholds())
        choice = self.chosen_language()
        if choice != language():
            set_language(choice)
            i18n.install(choice)
        super().accept()
