"""The chair's console: one window per session, from the bureau's spreadsheet to the signed
shortlist.

The window holds a :class:`~ui.chair.data.Snapshot` (plain data) and never a connection used
across threads. Reading the session and every change run in workers (:func:`ui.tasks.run_task`)
that open their own :class:`~reviewdesk.session.Session`; each change goes through the core's
function for it (imports, roster, pack, merge, decide, finalize) and the snapshot is read again
afterwards. What-if and stability work on the snapshot's inputs only: they never touch the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from reviewdesk.errors import ReviewDeskError
from reviewdesk.session import Session

from .. import settings, windows
from ..documents import DocumentPane, add_beside
from ..errors import show_error
from ..qt import (
    QAction,
    QApplication,
    QCoreApplication,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QEvent,
    QFileDialog,
    QGuiApplication,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSize,
    QStackedWidget,
    Qt,
    QUndoCommand,
    QUndoStack,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..style import ACCENT, BORDER, MUTED, SURFACE, TEXT, app_icon
from ..tasks import Task, run_task
from .data import (
    Snapshot,
    Thresholds,
    guess_import_kind,
    load_drilldown,
    load_matrix,
    load_snapshot,
    stability_marks,
    what_if,
)
from .dialogs import (
    CertificateDialog,
    DrillDownDialog,
    ImportDialog,
    NewSessionDialog,
    PassphraseDialog,
    ReasonDialog,
    last_folder,
    remember_folder,
)
from .finalize import FinalizePage
from .pages import ApplicationsPage, AuditPage, DashboardPage, Page, PanelPage
from .ranking import RankingPage, WhatIfPage
from .scores import ScoresPage

PAGES = ("dashboard", "applications", "panel", "scores", "ranking", "whatif", "audit", "finalize")
PACKAGE_SUFFIXES = (".rdscores",)
TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt")
CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")

STYLE_SHEET = f"""
QListWidget#nav {{
    background: #e9edf1; border: none; border-right: 1px solid {BORDER}; padding-top: 8px;
    font-size: 11pt; outline: 0;
}}
QListWidget#nav::item {{ padding: 9px 16px; color: {TEXT}; border-left: 3px solid transparent; }}
QListWidget#nav::item:selected {{ background: {SURFACE}; color: {ACCENT}; font-weight: bold;
    border-left: 3px solid {ACCENT}; }}
QListWidget#nav::item:hover:!selected {{ background: #f1f4f7; }}
QLabel#sessionTitle {{ font-size: 15pt; font-weight: bold; color: {TEXT}; }}
QLabel#sessionSubtitle {{ color: {MUTED}; }}
QWidget#header {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QLabel#banner {{ background: #fdf3d7; color: #6b4a00; border-bottom: 1px solid #ecd9a0; padding: 7px 16px;
    font-weight: bold; }}
QLabel#pageTitle {{ font-size: 14pt; font-weight: bold; color: {TEXT}; padding: 2px 0 4px 0; }}
QFrame#card {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#cardValue {{ font-size: 18pt; font-weight: bold; color: {TEXT}; }}
QLabel#cardCaption {{ color: {MUTED}; }}
QLabel#dropZone {{ border: 1px dashed #9aa9b8; border-radius: 6px; padding: 10px; color: {MUTED};
    background: #f7f9fb; }}
"""


def offscreen() -> bool:
    """Headless (tests, screenshots): no system viewer is opened."""
    return QGuiApplication.platformName() in ("offscreen", "minimal")


class DecisionCommand(QUndoCommand):
    """One decision the chair recorded. Undo puts back what stood before (the earlier decision or
    none) and redo records it again: each is a decision of its own, audited with its reason."""

    def __init__(self, window: ChairWindow, application_id: str, before: tuple[str, str] | None,
                 kind: str, reason: str):
        super().__init__()
        self.window = window
        self.application_id = application_id
        self.before = before
        self.kind = kind
        self.reason = reason
        self._recorded = True  # pushed after the decision was written: the first redo has nothing to do
        names = {"award": QCoreApplication.translate("ChairWindow", "award"),
                 "exclude": QCoreApplication.translate("ChairWindow", "exclusion"),
                 "clear": QCoreApplication.translate("ChairWindow", "withdrawal")}
        self.setText(QCoreApplication.translate("ChairWindow", "{kind} of {application}")
                     .format(kind=names.get(kind, kind), application=application_id))

    def redo(self) -> None:
        if self._recorded:
            self._recorded = False
            return
        self.window.decide(self.application_id, self.kind, self.reason, undoable=False)

    def undo(self) -> None:
        if self.before is None:
            reason = QCoreApplication.translate("ChairWindow", "Undone: {reason}").format(reason=self.reason)
            self.window.decide(self.application_id, "clear", reason, undoable=False)
        else:
            self.window.decide(self.application_id, self.before[0], self.before[1], undoable=False)


class ChairWindow(QMainWindow):
    """The chair's console on one session file."""

    snapshot_loaded = Signal(object)
    matrix_loaded = Signal(object)
    imported = Signal(object)
    documents_imported = Signal(object)
    registered = Signal(str, str)
    packed = Signal(object)
    merged = Signal(list)
    decided = Signal(str, str)
    what_if_done = Signal(object)
    stability_done = Signal(object)
    finalized = Signal(object)
    verified = Signal(object)

    def __init__(self, path: str | os.PathLike[str] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ChairWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setStyleSheet(STYLE_SHEET)
        self.path: Path | None = Path(path) if path is not None else None
        self.snapshot: Snapshot | None = None
        self.matrix_stale = True
        self.last_finalize = None
        self.last_task: Task | None = None
        self.dialogs: list[QWidget] = []  # open non-modal dialogs (kept referenced; tests reach them here)
        self._generation = 0
        self._reading = ""
        self.preparing_demo = False

        self.session_title = QLabel()
        self.session_title.setObjectName("sessionTitle")
        self.session_subtitle = QLabel()
        self.session_subtitle.setObjectName("sessionSubtitle")
        self.session_subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header = QWidget()
        header.setObjectName("header")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(18, 10, 18, 10)
        hl.setSpacing(2)
        hl.addWidget(self.session_title)
        hl.addWidget(self.session_subtitle)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(176)
        self.nav.setIconSize(QSize(18, 18))
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {
            "dashboard": DashboardPage(self), "applications": ApplicationsPage(self), "panel": PanelPage(self),
            "scores": ScoresPage(self), "ranking": RankingPage(self), "whatif": WhatIfPage(self),
            "audit": AuditPage(self), "finalize": FinalizePage(self)}
        for key in PAGES:
            page = self.pages[key]
            page.layout().setContentsMargins(18, 12, 18, 12)
            self.stack.addWidget(page)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._page_changed)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self._make_menus()
        self.retranslate()
        self.nav.setCurrentRow(0)
        if not settings.restore_geometry(self, "chair"):
            self.resize(1280, 800)
        if self.path is not None:
            self.reload()

    # -- pages as attributes (for callers and tests)
    @property
    def dashboard(self) -> DashboardPage:
        return self.page("dashboard")  # type: ignore[return-value]

    @property
    def applications(self) -> ApplicationsPage:
        return self.page("applications")  # type: ignore[return-value]

    @property
    def panel(self) -> PanelPage:
        return self.page("panel")  # type: ignore[return-value]

    @property
    def scores(self) -> ScoresPage:
        return self.page("scores")  # type: ignore[return-value]

    @property
    def ranking(self) -> RankingPage:
        return self.page("ranking")  # type: ignore[return-value]

    @property
    def whatif(self) -> WhatIfPage:
        return self.page("whatif")  # type: ignore[return-value]

    @property
    def audit(self) -> AuditPage:
        return self.page("audit")  # type: ignore[return-value]

    @property
    def finalize_page(self) -> FinalizePage:
        return self.page("finalize")  # type: ignore[return-value]

    def show_page(self, key: str) -> Page:
        self.nav.setCurrentRow(PAGES.index(key))
        return self.pages[key]

    def current_page(self) -> str:
        return PAGES[self.stack.currentIndex()]

    # -- menus and texts
    def _make_menus(self) -> None:
        def action(slot, shortcut=None) -> QAction:
            a = QAction(self)
            a.triggered.connect(slot)
            if shortcut is not None:
                a.setShortcut(shortcut)
            return a

        self.new_action = action(self.new_session, QKeySequence.StandardKey.New)
        self.open_action = action(self.open_file, QKeySequence.StandardKey.Open)
        self.import_actions = {k: action(lambda _=False, k=k: self.open_import_dialog(k))
                               for k in ("applications", "experts", "conflicts", "prior-awards", "scores")}
        self.documents_action = action(self.choose_documents_folder)
        self.merge_action = action(self.choose_packages)
        self.pack_action = action(self.open_pack_dialog)
        self.verify_action = action(self.choose_file_to_verify)
        self.close_action = action(self.close, QKeySequence.StandardKey.Close)
        self.reload_action = action(self.reload, QKeySequence.StandardKey.Refresh)
        self.stability_action = action(self.run_stability)
        self.finalize_action = action(lambda: self.show_page("finalize"))
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.open_action)
        self.file_menu.addSeparator()
        self.import_menu = self.file_menu.addMenu("")
        for a in self.import_actions.values():
            self.import_menu.addAction(a)
        self.import_menu.addSeparator()
        self.import_menu.addAction(self.documents_action)
        self.file_menu.addAction(self.merge_action)
        self.file_menu.addAction(self.pack_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.verify_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        # The chair's decisions can be undone (each undo is itself an audited decision).
        self.undo_stack = QUndoStack(self)
        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.edit_menu = self.menuBar().addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.session_menu = self.menuBar().addMenu("")
        self.session_menu.addAction(self.reload_action)
        self.session_menu.addAction(self.stability_action)
        self.session_menu.addAction(self.finalize_action)
        self.write_actions = [*self.import_actions.values(), self.documents_action, self.merge_action,
                              self.pack_action]

    def retranslate(self) -> None:
        nav = {"dashboard": self.tr("Dashboard"), "applications": self.tr("Applications"),
               "panel": self.tr("Panel"), "scores": self.tr("Scores"), "ranking": self.tr("Ranking"),
               "whatif": self.tr("What-if"), "audit": self.tr("Audit log"), "finalize": self.tr("Finalize")}
        for i, key in enumerate(PAGES):
            self.nav.item(i).setText(nav[key])
        self.file_menu.setTitle(self.tr("&File"))
        self.session_menu.setTitle(self.tr("&Session"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.import_menu.setTitle(self.tr("&Import"))
        self.new_action.setText(self.tr("&New session…"))
        self.open_action.setText(self.tr("&Open…"))
        texts = {"applications": self.tr("Applications…"), "experts": self.tr("Experts…"),
                 "conflicts": self.tr("Conflicts of interest…"), "prior-awards": self.tr("Prior awards…"),
                 "scores": self.tr("Paper score sheets…")}
        for k, a in self.import_actions.items():
            a.setText(texts[k])
        self.documents_action.setText(self.tr("Application documents (a folder)…"))
        self.merge_action.setText(self.tr("&Merge score packages…"))
        self.pack_action.setText(self.tr("&Pack the session for the experts…"))
        self.verify_action.setText(self.tr("&Verify a shortlist or manifest…"))
        self.close_action.setText(self.tr("&Close"))
        self.reload_action.setText(self.tr("&Reload"))
        self.stability_action.setText(self.tr("Check &stability"))
        self.finalize_action.setText(self.tr("&Finalize…"))
        self._header()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _header(self) -> None:
        snap = self.snapshot
        if snap is None:
            if self.preparing_demo:
                self.session_title.setText(self.tr("Preparing the demo session…"))
            else:
                self.session_title.setText(self.path.stem if self.path else "ReviewDesk")
            self.session_subtitle.setText(str(self.path) if self.path else "")
            self.setWindowTitle("ReviewDesk")
            return
        policy = snap.policy.name
        self.session_title.setText(snap.name)
        self.session_subtitle.setText(self.tr("{year} · {policy} · {file}").format(year=snap.year, policy=policy,
                                                                                 file=snap.path))
        self.setWindowTitle(self.tr("{name} — ReviewDesk chair").format(name=snap.name))
        if snap.finalized:
            from .pages import local_time

            self.banner.setText(self.tr("Finalized on {when}. The session is read-only: the shortlist is signed "
                                        "and its manifest records every input.")
                                .format(when=local_time(snap.finalized_at)))
        self.banner.setVisible(snap.finalized)

    # -- reading
    def reload(self) -> Task | None:
        """Read the session again (in a worker) and show it on every page."""
        if self.path is None:
            return None
        path = self.path
        self._generation += 1
        generation = self._generation

        def work(progress):
            return load_snapshot(path, progress)

        def done(snap: Snapshot) -> None:
            if generation == self._generation:
                self.show_snapshot(snap)

        # A reload is a read: the window stays usable, the status bar says what is going on, and a
        # progress dialog comes only if it takes long.
        self._reading = self.tr("Reading the session…")
        self.statusBar().showMessage(self._reading)
        self.last_task = run_task(self, work, label=self._reading, on_success=done, cancellable=False,
                                  show_after_ms=1500)
        return self.last_task

    def page(self, key: str) -> Page:
        """The page ``key``, brought up to date with the snapshot first: pages out of sight are
        refreshed when they are looked at, so a reload fills only the one on screen."""
        page = self.pages[key]
        if self.snapshot is not None and page.snapshot is not self.snapshot:
            page.show_snapshot(self.snapshot)
        return page

    def show_snapshot(self, snap: Snapshot) -> None:
        self.snapshot = snap
        self.matrix_stale = True
        self._header()
        if self.statusBar().currentMessage() == self._reading:
            self.statusBar().clearMessage()
        self.page(self.current_page())
        for page in self.pages.values():
            page.set_read_only(snap.finalized)
        for a in self.write_actions:
            a.setEnabled(not snap.finalized)
        if snap.finalized:
            self.undo_stack.clear()  # a finalized session changes no more, not even by an undo
        if self.current_page() == "scores":
            self.load_matrix()
        self.snapshot_loaded.emit(snap)

    def _page_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self.page(PAGES[row])
        if PAGES[row] == "scores" and self.matrix_stale and self.snapshot is not None:
            self.load_matrix()

    def load_matrix(self) -> Task | None:
        if self.path is None:
            return None
        self.matrix_stale = False
        path = self.path
        from ..thresholds import disagreement_thresholds

        t = disagreement_thresholds()
        thresholds = Thresholds(t.score_range, t.std_dev)

        def work(progress):
            return load_matrix(path, thresholds, progress)

        def done(matrix) -> None:
            self.scores.show_matrix(matrix)
            self.matrix_loaded.emit(matrix)

        self.last_task = run_task(self, work, label=self.tr("Reading the scores…"), on_success=done)
        return self.last_task

    # -- changing the session (each in a worker with its own Session)
    def _write(self, label: str, fn, on_success=None, *, on_failure=None) -> Task | None:
        if self.path is None:
            return None
        path = self.path

        def work(progress):
            with Session.open(path) as s:
                return fn(s, progress)

        def done(result) -> None:
            if on_success is not None:
                on_success(result)
            self.reload()

        self.last_task = run_task(self, work, label=label, on_success=done, on_failure=on_failure)
        return self.last_task

    def import_file(self, kind: str, path: str | os.PathLike[str], dialog: ImportDialog | None = None) -> Task | None:
        """Import a CSV/XLSX file of ``kind`` (all or nothing; a refused file lists every problem)."""
        from reviewdesk.imports import IMPORTERS

        file = Path(path)

        def fn(s: Session, progress):
            progress(0, 0, file.name)
            return IMPORTERS[kind](s, file)

        def done(result) -> None:
            self.statusBar().showMessage(result.summary(), 10000)
            if dialog is not None:
                dialog.done_importing()
            self.imported.emit(result)

        return self._write(self.tr("Importing {file}…").format(file=file.name), fn, done)

    def import_documents(self, folder: str | os.PathLike[str]) -> Task | None:
        """Attach the application forms and attachments in ``folder`` (one sub-folder per
        application, or files named after it); all or nothing, cancellable, every problem listed."""
        from reviewdesk.documents import import_documents

        from ..tasks import Cancelled

        source = Path(folder)

        def fn(s: Session, progress):
            def report(done: int, total: int) -> None:
                if progress(done, total) is False:
                    raise Cancelled()

            return import_documents(s, source, progress=report)

        def done(result) -> None:
            self.statusBar().showMessage(result.summary(), 15000)
            self.documents_imported.emit(result)

        return self._write(self.tr("Importing the documents in {folder}…").format(folder=source.name), fn, done)

    def register_certificate(self, expert_id: str, cert_path: str | os.PathLike[str]) -> Task | None:
        from reviewdesk.exchange import roster_add

        file = Path(cert_path)

        def fn(s: Session, progress):
            try:
                data = file.read_bytes()
            except OSError as exc:
                raise exc from None
            return roster_add(s, expert_id, data)

        def done(fp: str) -> None:
            self.statusBar().showMessage(self.tr("Certificate of {e} registered: {fp}").format(e=expert_id, fp=fp),
                                         10000)
            self.registered.emit(expert_id, fp)

        return self._write(self.tr("Registering the certificate…"), fn, done)

    def pack(self, out: str | os.PathLike[str], passphrase: str) -> Task | None:
        """Sign a copy of the session for the experts (applications, roster, no scores)."""
        from reviewdesk.exchange import pack
        from reviewdesk.trust import load_identity

        target = Path(out)

        def fn(s: Session, progress):
            identity = load_identity(passphrase)
            return pack(s, target, identity, progress=lambda d, t: progress(d, t))

        def done(result) -> None:
            self.statusBar().showMessage(self.tr("Session packed for the experts: {file}").format(file=result), 15000)
            self.packed.emit(result)

        return self._write(self.tr("Packing the session…"), fn, done)

    def merge(self, files: list[str | os.PathLike[str]]) -> Task | None:
        """Check and merge score packages, each on its own; every file gets a line."""
        from reviewdesk.exchange import merge_packages

        paths = [Path(f) for f in files]
        self.show_page("panel")

        def fn(s: Session, progress):
            return merge_packages(s, paths, progress=lambda d, t: progress(d, t))

        def done(outcomes) -> None:
            self.panel.show_outcomes(outcomes)
            ok = sum(1 for o in outcomes if o.status == "merged")
            self.statusBar().showMessage(self.tr("Packages merged: {ok} of {n}").format(ok=ok, n=len(outcomes)),
                                         10000)
            self.merged.emit(outcomes)

        return self._write(self.tr("Merging score packages…"), fn, done)

    def decide(self, application_id: str, kind: str, reason: str, *, undoable: bool = True) -> Task | None:
        """The chair's decision (award, exclude, clear) with its written reason; Edit → Undo puts
        back what stood before."""
        from reviewdesk.decisions import decide

        before = self.snapshot.inputs.decisions.get(application_id) if self.snapshot else None

        def fn(s: Session, progress):
            decide(s, application_id, kind, reason)

        def done(_) -> None:
            if undoable:
                self.undo_stack.push(DecisionCommand(self, application_id, before, kind, reason))
            self.decided.emit(application_id, kind)

        def failed(exc: BaseException) -> None:
            if not undoable:  # an undo or redo that could not be written: the steps no longer line up
                self.undo_stack.clear()
            show_error(self, exc)

        return self._write(self.tr("Recording the decision…"), fn, done, on_failure=failed)

    def finalize(self, out_dir: str | os.PathLike[str], passphrase: str) -> Task | None:
        """Lock the session and write the signed PDF, the spreadsheet and the signed manifest."""
        from reviewdesk.finalize import finalize
        from reviewdesk.trust import load_identity

        from .models import lang

        target = Path(out_dir)
        stages = {"rank": self.tr("Ranking"), "pdf": self.tr("Writing the PDF"), "sign": self.tr("Signing"),
                  "xlsx": self.tr("Writing the spreadsheet")}
        language = lang()

        def fn(s: Session, progress):
            identity = load_identity(passphrase)
            return finalize(s, target, identity, lambda stage, d, t: progress(d, t, stages.get(stage, stage)),
                            lang=language)

        def done(result) -> None:
            self.last_finalize = result
            self.finalize_page.show_finalized(result)
            self.statusBar().showMessage(self.tr("Finalized: {folder}").format(folder=result.out_dir), 15000)
            self.finalized.emit(result)
            self.open_last_pdf()

        return self._write(self.tr("Finalizing and signing…"), fn, done)

    # -- reading-only work
    def run_what_if(self, options) -> Task | None:
        """What would change under other rules: computed from the snapshot, the session untouched."""
        snap = self.snapshot
        if snap is None:
            return None

        def work(progress):
            return what_if(snap.inputs, snap.shortlist, options)

        def done(result) -> None:
            self.whatif.show_result(result)
            self.what_if_done.emit(result)

        self.last_task = run_task(self, work, label=self.tr("Computing the what-if…"), on_success=done)
        return self.last_task

    def run_stability(self) -> Task | None:
        """Leave each expert out in turn; mark the awards that would not stand (cancellable)."""
        snap = self.snapshot
        if snap is None:
            return None

        def work(progress):
            from ..tasks import Cancelled

            marks = stability_marks(snap.inputs, progress, base=snap.shortlist)
            if marks is None:
                raise Cancelled()
            return marks

        def done(marks) -> None:
            self.ranking.set_fragile(marks, snap.inputs)
            self.statusBar().showMessage(self.tr("Stability checked. Awards resting on a single expert: {n}")
                                         .format(n=len(marks)), 15000)
            self.stability_done.emit(marks)

        self.last_task = run_task(self, work, label=self.tr("Leaving out each expert in turn…"), on_success=done)
        return self.last_task

    def verify(self, path: str | os.PathLike[str]) -> Task:
        """Check a shortlist PDF or manifest (against this session when it is one of its files)."""
        from reviewdesk.finalize import verify

        file = Path(path)
        session_path = self.path
        self.show_page("finalize")

        def work(progress):
            return verify(file, session_path=session_path)

        def done(verdict) -> None:
            self.finalize_page.show_verdict(file, verdict)
            self.verified.emit(verdict)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ReviewDeskError):
                self.finalize_page.show_verdict(file, None, str(exc))
                self.verified.emit(exc)
            else:
                show_error(self, exc)

        self.last_task = run_task(self, work, label=self.tr("Verifying {file}…").format(file=file.name),
                                  on_success=done, on_failure=failed)
        return self.last_task

    def check_audit_chain(self) -> Task | None:
        if self.path is None:
            return None
        path = self.path

        def work(progress):
            from reviewdesk.audit import verify_chain

            with Session.open(path, readonly=True) as s:
                return verify_chain(s)

        def done(report) -> None:
            if report.ok:
                self.audit.show_chain(True, self.tr("The audit chain is intact: {n} entries, head {h}.")
                                      .format(n=report.entries, h=report.head[:16]))
            else:
                self.audit.show_chain(False, self.tr("The audit chain is broken: {problem}")
                                      .format(problem=str(report.problem)))

        self.last_task = run_task(self, work, label=self.tr("Checking the audit chain…"), on_success=done)
        return self.last_task

    # -- dialogs (non-modal; tests reach them through self.dialogs)
    def _keep(self, dialog: QWidget) -> QWidget:
        self.dialogs = [d for d in self.dialogs if d.isVisible()]
        self.dialogs.append(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self.dialogs.remove(dialog) if dialog in self.dialogs else None)
        dialog.open()
        return dialog

    def new_session(self) -> NewSessionDialog:
        dialog = NewSessionDialog(self)
        dialog.created.connect(self._open_new)
        self._keep(dialog)
        return dialog

    def _open_new(self, path: Path) -> None:
        settings.add_recent_file(path)
        window = ChairWindow(path)
        windows.show_window(window)
        window.show_page("applications")

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a session"), last_folder(),
                                              "ReviewDesk (*.rdesk *.rdpack *.rdwork)")
        if not path:
            return
        remember_folder(path)
        try:
            window = windows.open_path(path, None)
        except Exception as exc:  # noqa: BLE001 - shown, not fatal
            show_error(self, exc)
            return
        settings.add_recent_file(path)
        windows.show_window(window)

    def open_import_dialog(self, kind: str = "applications", path: str | os.PathLike[str] | None = None) \
            -> ImportDialog:
        dialog = ImportDialog(self, kind, path)
        dialog.import_requested.connect(lambda k, p: self.import_file(k, p, dialog))
        self._keep(dialog)
        return dialog

    def open_certificate_dialog(self, expert_id: str | None = None,
                                cert_path: str | os.PathLike[str] | None = None) -> CertificateDialog:
        experts = [(e.expert_id, e.name) for e in self.snapshot.experts] if self.snapshot else []
        dialog = CertificateDialog(self, experts, expert_id)
        if cert_path is not None:
            dialog.set_cert(cert_path)
        dialog.accepted.connect(lambda: self.register_certificate(dialog.expert_id(), dialog.cert_path()))
        self._keep(dialog)
        return dialog

    def open_pack_dialog(self) -> None:
        if self.path is None:
            return
        start = os.path.join(last_folder(), self.path.stem + ".rdpack")
        out, _ = QFileDialog.getSaveFileName(self, self.tr("Save the pack for the experts as"), start,
                                             self.tr("Session pack (*.rdpack)"))
        if not out:
            return
        remember_folder(out)
        dialog = PassphraseDialog(self, self.tr("The pack is signed with your identity, so each expert can check it "
                                                "comes from you."))
        dialog.accepted.connect(lambda: self.pack(out, dialog.passphrase()))
        self._keep(dialog)

    def choose_documents_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("The folder of application documents"),
                                                  last_folder())
        if folder:
            remember_folder(Path(folder).parent)
            self.import_documents(folder)

    def choose_packages(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Score packages to merge"), last_folder(),
                                                self.tr("Score packages (*.rdscores);;All files (*)"))
        if files:
            remember_folder(files[0])
            self.merge(files)

    def open_decision_dialog(self, application_id: str, kind: str) -> ReasonDialog:
        entry = self.snapshot.entries().get(application_id) if self.snapshot else None
        description = entry.application.enterprise_name if entry else ""
        dialog = ReasonDialog(self, kind, application_id, description)
        dialog.accepted.connect(lambda: self.decide(application_id, kind, dialog.reason()))
        self._keep(dialog)
        return dialog

    def choose_file_to_verify(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Verify a shortlist"), last_folder(),
                                              self.tr("Shortlist PDF or manifest (*.pdf *.json);;All files (*)"))
        if path:
            remember_folder(path)
            self.verify(path)

    def show_application(self, application_id: str) -> DrillDownDialog | None:
        if self.path is None:
            return None
        try:
            with Session.open(self.path, readonly=True) as s:
                drill = load_drilldown(s, application_id)
        except Exception as exc:  # noqa: BLE001 - shown, not fatal
            show_error(self, exc)
            return None
        dialog = DrillDownDialog(self, drill)
        # The application's documents beside its scores (ui.documents, issue 8).
        dialog.documents = add_beside(dialog, DocumentPane())
        dialog.documents.show_application(self.path, application_id)
        self._keep(dialog)
        return dialog

    def open_last_pdf(self) -> None:
        result = self.last_finalize
        if result is None:
            return
        pdf = next((p for p in result.files.values() if p.suffix.lower() == ".pdf"), None)
        if pdf is not None and not offscreen():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf)))

    # -- the demo
    def build_demo(self, path: str | os.PathLike[str] | None = None) -> Task:
        """Build the demo session in the background, then show it."""
        from reviewdesk.demo import build_demo, default_demo_path

        self.preparing_demo = True
        self._header()

        def work(progress):
            target = Path(path) if path is not None else default_demo_path()
            if target.exists():
                target.unlink()
                for suffix in ("-wal", "-shm", ".lock"):
                    Path(str(target) + suffix).unlink(missing_ok=True)
            return build_demo(target)

        def done(built: Path) -> None:
            self.preparing_demo = False
            self.path = Path(built)
            self.reload()

        self.last_task = run_task(self, work, label=self.tr("Preparing the demo session…"), on_success=done,
                                  cancellable=False)
        return self.last_task

    # -- drag and drop
    @staticmethod
    def _dropped(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        files = self._dropped(event)
        known = PACKAGE_SUFFIXES + TABLE_SUFFIXES + CERT_SUFFIXES
        if files and self.snapshot is not None and not self.snapshot.finalized and \
                all(f.suffix.lower() in known or f.is_dir() for f in files):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = self._dropped(event)
        if not files:
            return
        event.acceptProposedAction()
        self.drop_files(files)

    def drop_files(self, files: list[Path]) -> None:
        """Score packages are merged (all at once); a table opens the import with its preview; a
        certificate opens its registration; a folder's documents are attached to their applications."""
        folders = [f for f in files if f.is_dir()]
        if folders:
            self.import_documents(folders[0])
        files = [f for f in files if not f.is_dir()]
        packages = [f for f in files if f.suffix.lower() in PACKAGE_SUFFIXES]
        if packages:
            self.merge(packages)
        tables = [f for f in files if f.suffix.lower() in TABLE_SUFFIXES]
        if tables:
            table = tables[0]

            def work(progress):
                return guess_import_kind(table)

            run_task(self, work, label=self.tr("Reading {file}…").format(file=table.name),
                     on_success=lambda kind: self.open_import_dialog(kind or "applications", table))
        certs = [f for f in files if f.suffix.lower() in CERT_SUFFIXES]
        if certs:
            self.open_certificate_dialog(self.panel.selected_expert(), certs[0])

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        settings.save_geometry(self, "chair")
        super().closeEvent(event)


def open_chair_window(path: Path, parent: QWidget | None = None) -> ChairWindow:
    """The opener registered with :mod:`ui.windows` for chair sessions."""
    with Session.open(path, readonly=True):
        pass  # a damaged or foreign file is refused here, with the core's message
    return ChairWindow(path, parent)


def active_chair_windows() -> list[ChairWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ChairWindow)]


__all__ = ["ChairWindow", "PAGES", "active_chair_windows", "open_chair_window"]
