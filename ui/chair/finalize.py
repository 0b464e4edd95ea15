"""Finalize: a preview of what will be signed, the passphrase, the export with progress; and
verifying a shortlist PDF or manifest."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.finalize import Verdict
from reviewdesk.reports.model import format_yuan

from ..qt import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
)
from .data import Snapshot
from .dialogs import last_folder, remember_folder, signing_identity_text
from .pages import BAD, GOOD, WARN, Page, local_time

if TYPE_CHECKING:
    from reviewdesk.finalize import FinalizeResult

    from .window import ChairWindow


class FinalizePage(Page):
    """What the signed shortlist will say, and the one button that locks the session."""

    def __init__(self, console: ChairWindow):
        super().__init__(console)
        self.preview_group = QGroupBox()
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.preview_group).addWidget(self.preview)
        self.sign_group = QGroupBox()
        self.folder_edit = QLineEdit()
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self.choose_folder)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.who = QLabel()
        self.who.setObjectName("note")
        self.who.setWordWrap(True)
        self.finalize_button = QPushButton()
        self.finalize_button.setObjectName("finalizeButton")
        self.finalize_button.clicked.connect(self.start)
        self.passphrase.returnPressed.connect(self.start)
        self.done = QLabel()
        self.done.setWordWrap(True)
        self.done.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_pdf_button = QPushButton()
        self.open_pdf_button.setVisible(False)
        self.open_pdf_button.clicked.connect(self.console.open_last_pdf)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        form = QFormLayout(self.sign_group)
        self.folder_label, self.pass_label = QLabel(), QLabel()
        form.addRow(self.folder_label, folder_row)
        form.addRow("", self.who)
        form.addRow(self.pass_label, self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.finalize_button)
        buttons.addWidget(self.open_pdf_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.done)
        self.verify_group = QGroupBox()
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(self.console.choose_file_to_verify)
        self.verify_note = QLabel()
        self.verify_note.setObjectName("note")
        self.verify_note.setWordWrap(True)
        self.verify_out = QPlainTextEdit()
        self.verify_out.setReadOnly(True)
        self.verify_out.setMaximumHeight(120)
        vv = QVBoxLayout(self.verify_group)
        vrow = QHBoxLayout()
        vrow.addWidget(self.verify_button)
        vrow.addWidget(self.verify_note, 1)
        vv.addLayout(vrow)
        vv.addWidget(self.verify_out)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.preview_group)
        layout.addWidget(self.sign_group)
        layout.addWidget(self.verify_group)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Finalize"))
        self.preview_group.setTitle(self.tr("What will be signed"))
        self.sign_group.setTitle(self.tr("Sign and export"))
        self.folder_label.setText(self.tr("Output folder:"))
        self.folder_button.setText(self.tr("Choose…"))
        self.folder_edit.setPlaceholderText(self.tr("An empty folder for the PDF, the spreadsheet and the manifest"))
        self.pass_label.setText(self.tr("Passphrase:"))
        self.finalize_button.setText(self.tr("Finalize and sign"))
        self.open_pdf_button.setText(self.tr("Open the PDF"))
        self.verify_group.setTitle(self.tr("Verify a shortlist"))
        self.verify_button.setText(self.tr("Verify a PDF or manifest…"))
        self.verify_note.setText(self.tr("Checks the chair's signature over the whole file; a manifest is also "
                                         "checked against this session's recomputed shortlist."))
        self.who.setText(signing_identity_text())

    def show_snapshot(self, snap: Snapshot) -> None:
        super().show_snapshot(snap)
        counts = snap.status_counts()
        lines = [self.tr("Awarded: <b>{a}</b> · on the waiting list (reserve): <b>{r}</b> · excluded: <b>{x}</b> "
                         "· programs: {p}").format(a=counts.get("awarded", 0), r=counts.get("reserve", 0),
                                                 x=counts.get("excluded", 0), p=len(snap.shortlist.programs)),
                 self.tr("Total amount awarded: <b>{m}</b> yuan.").format(m=format_yuan(snap.awarded_amount()))]
        forced = snap.forced()
        if forced:
            lines.append(self.tr("Chair's decisions: {n}, each printed with its reason.").format(n=forced))
        if snap.blockers:
            lines.append(f"<span style='color:{BAD}'>" + self.tr(
                "Applications with too few complete reviews: {n}. They will be printed as excluded for that reason; "
                "merge the missing score packages first if they should be ranked.").format(n=len(snap.blockers))
                + "</span>")
        else:
            lines.append(f"<span style='color:{GOOD}'>" + self.tr("Every application has enough complete reviews.")
                         + "</span>")
        missing = [e.expert_id for e in snap.experts if e.complete == 0]
        if missing:
            lines.append(f"<span style='color:{WARN}'>" + self.tr("No complete review yet from: {ids}.")
                         .format(ids=", ".join(missing)) + "</span>")
        if snap.finalized:
            lines.insert(0, f"<span style='color:{GOOD}'><b>" + self.tr(
                "Finalized on {when}; the session is read-only.").format(when=local_time(snap.finalized_at))
                + "</b></span>")
            lines.append(self.tr("Manifest SHA-256: {h}").format(h=snap.meta.get("manifest_sha256", "")))
        else:
            lines.append(self.tr("Finalizing locks the session for good: nothing can be imported, merged or decided "
                                 "afterwards."))
        self.preview.setText("<br>".join(lines))
        self.set_read_only(snap.finalized)
        if not self.folder_edit.text():
            self.folder_edit.setText(str(Path(last_folder()) / f"{snap.path.stem}-shortlist"))

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.finalize_button, self.passphrase, self.folder_edit, self.folder_button):
            w.setEnabled(not read_only)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Output folder"), last_folder())
        if path:
            remember_folder(path)
            self.folder_edit.setText(path)

    def start(self):
        folder = self.folder_edit.text().strip()
        if not folder:
            self.done.setText(self.tr("Choose an output folder."))
            return None
        return self.console.finalize(Path(folder), self.passphrase.text())

    def show_finalized(self, result: FinalizeResult) -> None:
        self.passphrase.clear()
        files = "\n".join(str(p) for p in result.files.values())
        self.done.setText(self.tr("Signed and exported. Awards: {n}, {m} yuan.\n{files}").format(
            n=result.awarded, m=format_yuan(result.awarded_amount), files=files))
        self.done.setStyleSheet(f"color: {GOOD};")
        self.open_pdf_button.setVisible(True)

    def show_verdict(self, path: Path, verdict: Verdict | None, error: str | None = None) -> None:
        if verdict is not None and verdict.ok:
            self.verify_out.setPlainText("✔ " + "\n".join(verdict.lines))
            self.verify_out.setStyleSheet(f"color: {GOOD};")
        else:
            text = error or "\n".join(verdict.lines if verdict else [])
            self.verify_out.setPlainText("✘ " + self.tr("{file}: not valid").format(file=path.name) + "\n" + text)
            self.verify_out.setStyleSheet(f"color: {BAD};")


__all__ = ["FinalizePage"]
