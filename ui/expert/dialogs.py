"""The expert's dialogs: conflicts of interest, the summary before handing in, the passphrase;
and :class:`Prompts`, the standard questions (confirm, save as, inform) the windows ask.

Every window of :mod:`ui.expert` asks its questions through a :class:`Prompts` object, so tests
answer them without native dialogs; the dialogs here open with ``open()`` and report through
signals, so tests drive them like a person would.
"""

from __future__ import annotations

from collections.abc import Callable

from ..identity import fingerprint_font
from ..qt import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from ..style import BORDER, MUTED, TEXT
from .models import EnterpriseModel, state_name
from .pane import WARN
from .workcopy import COMPLETE, IN_PROGRESS, NOT_STARTED, RECUSED, Summary, WorkCopy, points_text

DIALOG_STYLE = f"""
QLabel#dialogTitle {{ font-size: 13pt; font-weight: bold; color: {TEXT}; }}
QLabel#note {{ color: {MUTED}; }}
QLabel#warning {{ color: {WARN}; }}
QLabel#count {{ font-size: 18pt; font-weight: bold; color: {TEXT}; }}
QLabel#countLabel {{ color: {MUTED}; }}
QFrame#countBox {{ border: 1px solid {BORDER}; border-radius: 6px; background: #ffffff; }}
QLabel#fingerprint {{ color: {TEXT}; }}
"""


class Prompts:
    """The standard questions, asked with Qt's dialogs. Tests pass an object with the same methods."""

    def confirm(self, parent: QWidget | None, title: str, text: str, ok_text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
        ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok

    def save_file(self, parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return path or None

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()


def _title(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("dialogTitle")
    label.setWordWrap(True)
    return label


def _note(text: str = "", name: str = "note") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class ConflictsDialog(QDialog):
    """The session's enterprises with a search; a tick declares a conflict of interest.

    ``declare(credit_code, declared) -> bool`` saves one tick (the window asks for confirmation
    when scores would be removed) and says whether it was saved.
    """

    def __init__(self, work: WorkCopy, declare: Callable[[str, bool], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ConflictsDialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.model = EnterpriseModel(work, declare, self)
        self.heading = _title()
        self.note = _note()
        self.search = QLineEdit()
        self.search.setObjectName("conflictSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_search)
        self.view = QTableView()
        self.view.setObjectName("enterprises")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(EnterpriseModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EnterpriseModel.CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EnterpriseModel.APPLICATIONS, QHeaderView.ResizeMode.ResizeToContents)
        self.count = _note()
        self.model.dataChanged.connect(self._update_count)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.resize(720, 560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Conflicts of interest"))
        self.heading.setText(self.tr("Declare conflicts of interest"))
        self.note.setText(self.tr(
            "Tick every enterprise you have an interest in: you work or worked for it, hold shares, a relative "
            "works there, or you advised it on this application. You do not score its applications, and your "
            "declaration goes into your score package."))
        self.search.setPlaceholderText(self.tr("Search by enterprise name or credit code"))
        self._update_count()

    def _update_count(self, *_args: object) -> None:
        self.count.setText(self.tr("Declared: {n} enterprise(s)").format(n=len(self.model.declared())))


class SubmitDialog(QDialog):
    """Before handing in: how many reviews are complete, incomplete, recused; extreme totals
    without a comment. Accepting goes on to the signed score package."""

    def __init__(self, work: WorkCopy, summary: Summary, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SubmitDialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.summary = summary
        self.heading = _title()
        self.note = _note()
        grid = QGridLayout()
        grid.setSpacing(10)
        self.count_labels: dict[int, QLabel] = {}
        for column, state in enumerate((COMPLETE, IN_PROGRESS, NOT_STARTED, RECUSED)):
            box = QFrame()
            box.setObjectName("countBox")
            inner = QVBoxLayout(box)
            inner.setContentsMargins(12, 8, 12, 8)
            number = QLabel(str(summary.counts.get(state, 0)))
            number.setObjectName("count")
            label = QLabel(state_name(state))
            label.setObjectName("countLabel")
            inner.addWidget(number)
            inner.addWidget(label)
            self.count_labels[state] = number
            grid.addWidget(box, 0, column)
        self.incomplete = _note(name="warning")
        self.missing_title = _note(name="warning")
        self.missing_list = QListWidget()
        self.missing_list.setObjectName("missingComments")
        for aid, program, total2, kind in summary.missing_comments:
            why = self.tr("very low") if kind == "low" else self.tr("very high")
            self.missing_list.addItem(self.tr("{application} · {program} · total {total} ({why})").format(
                application=aid, program=program, total=points_text(total2), why=why))
        self.missing_list.setMaximumHeight(120)
        self.sequence = _note()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.go.setObjectName("goButton")
        self.go.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addLayout(grid)
        layout.addWidget(self.incomplete)
        layout.addWidget(self.missing_title)
        layout.addWidget(self.missing_list)
        layout.addWidget(self.sequence)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._next_sequence = work.export_sequence() + 1
        self.setMinimumWidth(560)
        self.retranslate()

    def retranslate(self) -> None:
        s = self.summary
        self.setWindowTitle(self.tr("Hand in your scores"))
        self.heading.setText(self.tr("Hand in your scores"))
        self.note.setText(self.tr("Your scores and conflict declarations are written to a score package "
                                  "signed with your key, for the chair to merge."))
        unfinished = s.counts.get(IN_PROGRESS, 0) + s.counts.get(NOT_STARTED, 0)
        self.incomplete.setText(self.tr(
            "{n} application(s) are not completely scored. Only complete reviews count; you can hand in "
            "again later (a newer package replaces the older one).").format(n=unfinished))
        self.incomplete.setVisible(unfinished > 0)
        self.missing_title.setText(self.tr(
            "{n} review(s) with a very low or very high total have no comment explaining it:").format(
                n=len(s.missing_comments)))
        self.missing_title.setVisible(bool(s.missing_comments))
        self.missing_list.setVisible(bool(s.missing_comments))
        self.sequence.setText(self.tr("This will be your score package no. {n}.").format(n=self._next_sequence))
        self.go.setText(self.tr("Sign and save…"))


class SignPackageDialog(QDialog):
    """Asks for the passphrase that unlocks the expert's key (checked by the caller, off the GUI thread)."""

    def __init__(self, who: str, fingerprint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("SignPackageDialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.heading = _title()
        self.who = _note(who)
        self.fingerprint = QLabel(fingerprint)
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setFont(fingerprint_font(self.font(), 13))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_box = QCheckBox()
        self.show_box.toggled.connect(lambda on: self.passphrase.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        self.label = QLabel()
        form = QFormLayout()
        form.addRow(self.label, self.passphrase)
        form.addRow("", self.show_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.passphrase.textChanged.connect(lambda t: self.ok.setEnabled(bool(t)))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.addWidget(self.heading)
        layout.addWidget(self.who)
        layout.addWidget(self.fingerprint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign with your key"))
        self.heading.setText(self.tr("Enter your passphrase to sign the score package"))
        self.label.setText(self.tr("Passphrase:"))
        self.show_box.setText(self.tr("Show the passphrase"))
        self.ok.setText(self.tr("Sign"))

    def value(self) -> str:
        return self.passphrase.text()
