"""My identity: create one (name, role, passphrase twice), or show it (name, role, the readable
fingerprint to compare aloud) and export the certificate for the chair.

Importing this module registers :func:`show_identity_dialog` with :mod:`ui.windows`. Creating
the key derives the passphrase key with scrypt (a fraction of a second to seconds), so it runs
in the background through :func:`ui.tasks.run_task`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import windows
from .errors import show_error
from .qt import QDialog, QLabel, Qt, QWidget, Signal, Slot
from .style import ACCENT, MUTED, TEXT
from .tasks import Task, run_task

if TYPE_CHECKING:
    from .qt import QFont

WARN = "#b5641b"

IDENTITY_STYLE = f"""
QLabel#identityTitle {{ font-size: 14pt; font-weight: bold; color: {TEXT}; }}
QLabel#note {{ color: {MUTED}; }}
QLabel#problem {{ color: {WARN}; }}
QLabel#fingerprint {{ color: {ACCENT}; }}
QLabel#value {{ color: {TEXT}; font-weight: 600; }}
"""


def fingerprint_font(base: QFont, point_size: float = 15) -> QFont:
    """Large, bold, fixed-width digits for a fingerprint read aloud (set as a font, not in a style
    sheet, so the label's size hint knows how wide it is)."""
    from .qt import QFont

    font = QFont(base)
    font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"])
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(point_size)
    font.setBold(True)
    return font


def _ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str | None:
    from .qt import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


class IdentityDialog(QDialog):
    """Create the identity, or show it and export the certificate.

    ``ask_save_path(parent, title, suggested, filter) -> str | None`` chooses the certificate's
    file (tests replace it).
    """

    created = Signal(str)  # the readable fingerprint of the new identity

    def __init__(self, parent: QWidget | None = None, *, ask_save_path=_ask_save_path):  # noqa: ANN001
        # This module is imported at start (it registers the dialog); the dialog's widgets load
        # when it opens.
        from .qt import (
            QComboBox,
            QDialogButtonBox,
            QFormLayout,
            QLineEdit,
            QPushButton,
            QStackedWidget,
            QVBoxLayout,
        )

        super().__init__(parent)
        self.setObjectName("IdentityDialog")
        self.setStyleSheet(IDENTITY_STYLE)
        self.ask_save_path = ask_save_path
        self.task: Task | None = None
        self.exported_to: Path | None = None
        self.stack = QStackedWidget()

        # -- create
        self.create_title = QLabel()
        self.create_title.setObjectName("identityTitle")
        self.create_note = QLabel()
        self.create_note.setObjectName("note")
        self.create_note.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        self.role.setEditable(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.name_label, self.role_label = QLabel(), QLabel()
        self.passphrase_label, self.repeat_label = QLabel(), QLabel()
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow(self.name_label, self.name)
        form.addRow(self.role_label, self.role)
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        self.create_button = QPushButton()
        self.create_button.setObjectName("createButton")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        for edit in (self.name, self.passphrase, self.repeat):
            edit.textChanged.connect(self._check_form)
        create_page = QWidget()
        layout = QVBoxLayout(create_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.create_title)
        layout.addWidget(self.create_note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)

        # -- show
        self.show_title = QLabel()
        self.show_title.setObjectName("identityTitle")
        self.who = QLabel()
        self.who.setObjectName("value")
        self.role_value = QLabel()
        self.role_value.setObjectName("value")
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setFont(fingerprint_font(self.font()))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint_note = QLabel()
        self.fingerprint_note.setObjectName("note")
        self.fingerprint_note.setWordWrap(True)
        self.who_label, self.role_value_label, self.fingerprint_label = QLabel(), QLabel(), QLabel()
        show_form = QFormLayout()
        show_form.setVerticalSpacing(8)
        show_form.addRow(self.who_label, self.who)
        show_form.addRow(self.role_value_label, self.role_value)
        show_form.addRow(self.fingerprint_label)
        show_form.addRow(self.fingerprint)  # its own row: 30 digits in large type
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export_certificate)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_fingerprint)
        self.export_note = QLabel()
        self.export_note.setObjectName("note")
        self.export_note.setWordWrap(True)
        show_page = QWidget()
        layout = QVBoxLayout(show_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.show_title)
        layout.addLayout(show_form)
        layout.addWidget(self.fingerprint_note)
        layout.addWidget(self.export_note)
        layout.addStretch(1)
        row = QDialogButtonBox()
        row.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        row.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(row)

        self.stack.addWidget(create_page)
        self.stack.addWidget(show_page)
        self.create_page, self.show_page = create_page, show_page
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 14)
        outer.setSpacing(12)
        outer.addWidget(self.stack, 1)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("My identity"))
        self.create_title.setText(self.tr("Create your identity"))
        self.create_note.setText(self.tr(
            "Your identity is a signing key and a certificate, kept on this computer. You sign your score "
            "package with it; the chair registers your certificate. The passphrase protects the key: it "
            "cannot be recovered, so keep it safe."))
        self.name_label.setText(self.tr("Name:"))
        self.role_label.setText(self.tr("Role:"))
        self.passphrase_label.setText(self.tr("Passphrase:"))
        self.repeat_label.setText(self.tr("Passphrase again:"))
        self.passphrase.setPlaceholderText(self.tr("At least 8 characters"))
        current = self.role.currentText()
        self.role.clear()
        self.role.addItems([self.tr("Panel expert"), self.tr("Session chair")])
        if current:
            self.role.setCurrentText(current)
        self.create_button.setText(self.tr("Create identity"))
        self.show_title.setText(self.tr("Your identity"))
        self.who_label.setText(self.tr("Name:"))
        self.role_value_label.setText(self.tr("Role:"))
        self.fingerprint_label.setText(self.tr("Fingerprint:"))
        self.fingerprint_note.setText(self.tr(
            "Read these 30 digits to the chair when you hand over your certificate, so they can check that the "
            "certificate they register is yours."))
        self.export_button.setText(self.tr("Export certificate…"))
        self.copy_button.setText(self.tr("Copy fingerprint"))
        self._check_form()

    # -- which page -----------------------------------------------------------------------------

    def refresh(self) -> None:
        from reviewdesk.errors import ReviewDeskError
        from reviewdesk.trust import certificate_name, certificate_role, identity_exists, load_certificate
        from reviewdesk.trust import readable_fingerprint as readable

        if not identity_exists():
            self.stack.setCurrentWidget(self.create_page)
            self.name.setFocus()
            return
        try:
            cert = load_certificate()
        except ReviewDeskError as exc:
            self.stack.setCurrentWidget(self.show_page)
            self.who.setText(str(exc))
            self.export_button.setEnabled(False)
            return
        self.who.setText(certificate_name(cert))
        self.role_value.setText(certificate_role(cert))
        self.fingerprint.setText("  ".join(readable(cert).split()))
        self.stack.setCurrentWidget(self.show_page)

    # -- creating -------------------------------------------------------------------------------

    def form_problem(self) -> str:
        if not self.name.text().strip():
            return self.tr("Enter your name as the chair knows it.")
        if len(self.passphrase.text()) < 8:
            return self.tr("The passphrase needs at least 8 characters.")
        if self.passphrase.text() != self.repeat.text():
            return self.tr("The two passphrases are not the same.")
        return ""

    def _check_form(self, *_args: object) -> None:
        problem = self.form_problem()
        # Say what is missing only once the person has started on the passphrase.
        self.problem.setText(problem if self.passphrase.text() else "")
        busy = self.task is not None and self.task.running
        self.create_button.setEnabled(not problem and not busy)

    @Slot()
    def create(self) -> Task | None:
        if self.form_problem():
            return None
        name, role, passphrase = self.name.text().strip(), self.role.currentText().strip(), self.passphrase.text()

        def work(progress):  # noqa: ANN001, ANN202 - on a worker thread
            from reviewdesk.trust import create_identity

            progress(0, 0, "")
            return create_identity(name, role, passphrase).readable_fingerprint

        self.task = run_task(self, work, label=self.tr("Creating your key…"), on_success=self._created,
                             cancellable=False)
        self.task.finished.connect(self._check_form)
        self._check_form()
        return self.task

    def _created(self, readable: str) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self.refresh()
        self.created.emit(readable)

    # -- showing --------------------------------------------------------------------------------

    @Slot()
    def copy_fingerprint(self) -> None:
        from .qt import QGuiApplication

        QGuiApplication.clipboard().setText(self.fingerprint.text())

    @Slot()
    def export_certificate(self) -> Path | None:
        from reviewdesk.errors import ReviewDeskError
        from reviewdesk.trust import Identity, load_certificate

        try:
            identity = Identity.from_certificate(load_certificate())
        except ReviewDeskError as exc:
            show_error(self, exc)
            return None
        from .qt import QStandardPaths

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        safe = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in identity.name)
        suggested = os.path.join(folder, self.tr("{name}-certificate.pem").format(name=safe))
        path = self.ask_save_path(self, self.tr("Export your certificate"), suggested, self.tr("Certificate (*.pem)"))
        if not path:
            return None
        out = Path(path)
        try:
            out.write_bytes(identity.cert_pem())
        except OSError as exc:
            show_error(self, exc)
            return None
        self.exported_to = out
        self.export_note.setText(self.tr("Certificate saved to {path}. Give this file to the chair.").format(
            path=str(out)))
        return out


def show_identity_dialog(parent: QWidget | None = None) -> IdentityDialog:
    """Open the identity dialog over ``parent`` (window-modal, not blocking); returns it."""
    dialog = IdentityDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                             else Qt.WindowModality.ApplicationModal)
    dialog.open()
    return dialog


def register() -> None:
    """Register the dialog with :mod:`ui.windows` (done on import; tests call it again)."""
    windows.register_identity_dialog(show_identity_dialog)


register()
