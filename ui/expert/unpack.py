"""Opening the chair's session package (``.rdpack``): check who signed it, compare the fingerprint
aloud, choose where the work copy goes (local disk, never the USB stick), unpack in the background,
then hand over to the scoring window.
"""

from __future__ import annotations

import os
from pathlib import Path

from reviewdesk.errors import ReviewDeskError

from .. import settings, windows
from ..errors import show_error
from ..identity import fingerprint_font
from ..qt import (
    QCheckBox,
    QCloseEvent,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    Slot,
)
from ..style import ACCENT, BORDER, MUTED, SURFACE, TEXT, app_icon
from ..tasks import Task, run_task
from .dialogs import Prompts
from .drives import documents_folder, is_removable, unique_path
from .pane import WARN

UNPACK_STYLE = f"""
QMainWindow#UnpackWindow {{ background: #f3f5f7; }}
QLabel#unpackTitle {{ font-size: 16pt; font-weight: bold; color: {TEXT}; }}
QLabel#note, QLabel#fieldLabel {{ color: {MUTED}; }}
QLabel#warning {{ color: {WARN}; }}
QFrame#card {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; }}
QLabel#cardTitle {{ font-weight: bold; color: {TEXT}; }}
QLabel#fingerprint {{ color: {ACCENT}; }}
QLabel#status {{ color: {MUTED}; }}
QLabel#status[ok="true"] {{ color: #2e7d4f; font-weight: 600; }}
QLabel#status[ok="false"] {{ color: #b3261e; font-weight: 600; }}
QPushButton#unpackButton {{ background: {ACCENT}; color: #ffffff; border: 1px solid {ACCENT}; border-radius: 4px;
    padding: 6px 18px; font-weight: 600; }}
QPushButton#unpackButton:disabled {{ background: #9fb0c1; border-color: #9fb0c1; }}
"""


def default_work_path(pack: Path) -> Path:
    """Where the work copy goes by default: the local documents folder, never the stick."""
    folder = documents_folder() / "ReviewDesk"
    return unique_path(folder / (pack.stem + ".rdwork"))


class UnpackWindow(QMainWindow):
    """The steps of opening a pack, in one calm window; on success the scoring window opens."""

    unpacked = Signal(QMainWindow)  # the scoring window, shown

    def __init__(self, pack: Path, parent: QWidget | None = None, *, prompts: Prompts | None = None,
                 check: bool = True):
        super().__init__(parent)
        self.setObjectName("UnpackWindow")
        self.setWindowIcon(app_icon())
        self.setStyleSheet(UNPACK_STYLE)
        self.pack = Path(pack)
        self.prompts = prompts or Prompts()
        self.signer_name: str | None = None
        self.signer_fingerprint: str | None = None
        self.check_task: Task | None = None
        self.unpack_task: Task | None = None
        self.result = None

        self.heading = QLabel()
        self.heading.setObjectName("unpackTitle")
        self.file_label = QLabel(str(self.pack))
        self.file_label.setObjectName("note")
        self.file_label.setWordWrap(True)

        # 1. who signed it
        self.signer_title = QLabel()
        self.signer_title.setObjectName("cardTitle")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.signer = QLabel()
        self.signer.setWordWrap(True)
        self.fingerprint = QLabel("·····  ·····  ·····  ·····  ·····  ·····")
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setFont(fingerprint_font(self.font(), 20))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.compare_note = QLabel()
        self.compare_note.setObjectName("note")
        self.compare_note.setWordWrap(True)
        self.confirmed = QCheckBox()
        self.confirmed.setObjectName("fingerprintConfirmed")
        self.confirmed.setEnabled(False)
        self.confirmed.toggled.connect(self._update_buttons)
        signer_card = self._card(self.signer_title, self.status, self.signer, self.fingerprint, self.compare_note,
                                 self.confirmed)

        # 2. me
        self.me_title = QLabel()
        self.me_title.setObjectName("cardTitle")
        self.me = QLabel()
        self.me.setWordWrap(True)
        self.identity_button = QPushButton()
        self.identity_button.clicked.connect(self._show_identity)
        me_row = QHBoxLayout()
        me_row.addWidget(self.me, 1)
        me_row.addWidget(self.identity_button)
        me_card = self._card(self.me_title, me_row)

        # 3. where the work copy goes
        self.dest_title = QLabel()
        self.dest_title.setObjectName("cardTitle")
        self.destination = QLineEdit(str(default_work_path(self.pack)))
        self.destination.setObjectName("destination")
        self.destination.textChanged.connect(self._update_buttons)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._choose_destination)
        dest_row = QHBoxLayout()
        dest_row.addWidget(self.destination, 1)
        dest_row.addWidget(self.browse)
        self.dest_note = QLabel()
        self.dest_note.setObjectName("note")
        self.dest_note.setWordWrap(True)
        self.dest_warning = QLabel()
        self.dest_warning.setObjectName("warning")
        self.dest_warning.setWordWrap(True)
        dest_card = self._card(self.dest_title, dest_row, self.dest_note, self.dest_warning)

        self.unpack_button = QPushButton()
        self.unpack_button.setObjectName("unpackButton")
        self.unpack_button.setDefault(True)
        self.unpack_button.clicked.connect(self.start_unpack)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.unpack_button)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.file_label)
        layout.addWidget(signer_card)
        layout.addWidget(me_card)
        layout.addWidget(dest_card)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setCentralWidget(central)
        self.resize(820, 620)
        self.retranslate()
        self._update_identity()
        self._update_buttons()
        if check:
            self.start_check()

    @staticmethod
    def _card(*items: object) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        for item in items:
            if isinstance(item, QWidget):
                layout.addWidget(item)
            else:
                layout.addLayout(item)  # type: ignore[arg-type]
        return card

    # -- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Open a session package — ReviewDesk"))
        self.heading.setText(self.tr("Open the chair's session package"))
        self.signer_title.setText(self.tr("1. Who signed it"))
        self.compare_note.setText(self.tr(
            "Ask the chair to read their fingerprint aloud (for example by phone) and compare it digit by digit "
            "with the one above. Only go on if they are the same."))
        self.confirmed.setText(self.tr("The chair read me the same fingerprint"))
        self.me_title.setText(self.tr("2. Your identity"))
        self.dest_title.setText(self.tr("3. Where to keep your work copy"))
        self.dest_note.setText(self.tr(
            "Your scores are saved in this file as you work. Keep it on this computer's disk, not on the USB "
            "stick: you hand in a separate signed score package at the end."))
        self.browse.setText(self.tr("Choose…"))
        self.unpack_button.setText(self.tr("Unpack and start scoring"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_signer()
        self._update_identity()
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- 1. checking the signature --------------------------------------------------------------

    def start_check(self) -> Task:
        """Check the pack's signature in the background (a large pack takes a moment)."""
        pack = self.pack

        def work(progress):  # noqa: ANN001, ANN202 - on a worker thread
            from reviewdesk.trust import SESSION_PACK, inspect_sealed_file, readable_fingerprint
            from reviewdesk.trust.envelope import describe_kind

            info = inspect_sealed_file(pack, progress=lambda done, total: progress(done, total, ""))
            if info.kind != SESSION_PACK:
                from reviewdesk.errors import InputError
                from reviewdesk.i18n import msg

                raise InputError(msg("{f} is a {kind}, not a session package from the chair",
                                     "{f} 是{kind}，不是组长的会话分发包", f=pack.name, kind=describe_kind(info.kind)))
            return info.signer_name, readable_fingerprint(info.signer)

        self.status.setText(self.tr("Checking the signature…"))
        self.check_task = run_task(self, work, label=self.tr("Checking the signature…"),
                                   on_success=self._checked, on_failure=self._check_failed)
        return self.check_task

    def _checked(self, result: tuple[str, str]) -> None:
        self.signer_name, self.signer_fingerprint = result
        self._show_signer()
        self._update_buttons()

    def _check_failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The signature does not check out: this file cannot be used."))
        self.status.setProperty("ok", False)
        self._repolish(self.status)
        self._update_buttons()
        show_error(self, exc)

    def _show_signer(self) -> None:
        if self.signer_fingerprint is None:
            return
        self.status.setText(self.tr("The signature is intact: the file is exactly as its signer made it."))
        self.status.setProperty("ok", True)
        self._repolish(self.status)
        self.signer.setText(self.tr("Signed by: {name}").format(name=self.signer_name))
        self.fingerprint.setText("  ".join(self.signer_fingerprint.split()))
        self.confirmed.setEnabled(True)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- 2. my identity -------------------------------------------------------------------------

    def _update_identity(self) -> None:
        from reviewdesk.trust import certificate_name, identity_exists, load_certificate, readable_fingerprint

        self.my_name = None
        if identity_exists():
            try:
                cert = load_certificate()
                self.my_name = certificate_name(cert)
                self.me.setText(self.tr("{name} · fingerprint {fingerprint}\nThe chair must have registered this "
                                        "certificate for you.").format(name=self.my_name,
                                                                      fingerprint=readable_fingerprint(cert)))
                self.identity_button.setText(self.tr("Show…"))
            except ReviewDeskError as exc:
                self.me.setText(str(exc))
                self.identity_button.setText(self.tr("Show…"))
        else:
            self.me.setText(self.tr("You have no identity on this computer yet. Create one, give your certificate "
                                    "to the chair, and open the package they then send you."))
            self.identity_button.setText(self.tr("Create my identity…"))
        self._update_buttons()

    @Slot()
    def _show_identity(self) -> None:
        try:
            dialog = windows.identity_dialog(self)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        finished = getattr(dialog, "finished", None)
        if finished is not None:
            finished.connect(lambda _r: self._update_identity())

    # -- 3. the work copy's place ---------------------------------------------------------------

    @Slot()
    def _choose_destination(self) -> None:
        path = self.prompts.save_file(self, self.tr("Where to keep your work copy"), self.destination.text(),
                                      self.tr("ReviewDesk work copy (*.rdwork)"))
        if path:
            if not path.lower().endswith(".rdwork"):
                path += ".rdwork"
            self.destination.setText(path)

    def destination_path(self) -> Path:
        return Path(self.destination.text().strip())

    def _destination_problem(self) -> str:
        text = self.destination.text().strip()
        if not text:
            return self.tr("Choose a file for your work copy.")
        dest = Path(text)
        if dest.exists():
            return self.tr("This file already exists: choose another name.")
        if dest.parent.resolve() == self.pack.parent.resolve() or is_removable(dest.parent):
            return self.tr("This is on the USB stick (or beside the package). Keep the work copy on this "
                           "computer, for example in Documents.")
        return ""

    def _update_buttons(self, *_args: object) -> None:
        problem = self._destination_problem()
        self.dest_warning.setText(problem)
        self.dest_warning.setVisible(bool(problem))
        busy = self.unpack_task is not None and self.unpack_task.running
        self.unpack_button.setEnabled(self.signer_fingerprint is not None and self.confirmed.isChecked()
                                      and self.my_name is not None and not problem and not busy)

    # -- unpacking ------------------------------------------------------------------------------

    @Slot()
    def start_unpack(self) -> Task | None:
        if not self.unpack_button.isEnabled():
            return None
        pack, out = self.pack, self.destination_path()

        def work(progress):  # noqa: ANN001, ANN202 - on a worker thread
            from reviewdesk.exchange import unpack

            try:
                out.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                from reviewdesk.session import translate_os_error

                raise translate_os_error(exc, out.parent) from exc
            return unpack(pack, out, progress=lambda done, total: progress(done, total, ""))

        self.unpack_task = run_task(self, work, label=self.tr("Checking and unpacking the session package…"),
                                    on_success=self._unpacked, cancellable=False)
        self.unpack_task.finished.connect(self._update_buttons)
        self._update_buttons()
        return self.unpack_task

    def _unpacked(self, result) -> None:  # noqa: ANN001 - an Unpacked
        from .window import ExpertWindow

        self.result = result
        try:
            window = ExpertWindow.open(result.path)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        settings.add_recent_file(os.fspath(result.path))
        windows.show_window(window)
        self.unpacked.emit(window)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        for task in (self.check_task, self.unpack_task):
            if task is not None and task.running:
                # Closed once the work has stopped: its results come back to this window.
                if task is self.check_task:
                    task.cancel()
                    task.finished.connect(self.close)
                event.ignore()
                return
        super().closeEvent(event)

