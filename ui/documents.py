"""The documents of the selected application, read beside the rubric (issue 8).

:class:`DocumentPane` shows one application's documents, one tab each: PDFs rendered by Qt's own
PDF module (QtPdf: no external viewer, no network) with page navigation, zoom, fit to width and
text search; PNG and JPEG images scaled to the pane. The bytes come from the session file,
read on a worker thread that opens its own read-only session (:func:`ui.tasks.run_task`): a
document of a few megabytes is handed to QtPdf in memory (a ``QBuffer``), a larger one through
a private temporary file. A document whose content does not match its digest, or that QtPdf or
QImage cannot read, shows a plain message in the pane, never a crash.

The expert's workstation and the chair's console put the pane beside the rubric and call
:meth:`DocumentPane.show_application` whenever another application is selected::

    pane = DocumentPane()
    window.add_side_pane(pane, pane.tr("Documents"))
    window.current_application_changed.connect(lambda aid: pane.show_application(path, aid))
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from reviewdesk.documents import Document, documents_of, export_document, human_size, open_document
from reviewdesk.errors import ReviewDeskError, VerificationFailed

from .errors import show_error
from .qt import (
    HAS_QTPDF,
    QBuffer,
    QByteArray,
    QEvent,
    QHBoxLayout,
    QImage,
    QIODevice,
    QKeySequence,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPdfDocument,
    QPdfSearchModel,
    QPdfView,
    QPixmap,
    QPointF,
    QResizeEvent,
    QScrollArea,
    QShortcut,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    Qt,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
    is_valid,
)
from .style import BORDER, MUTED, SURFACE, TEXT
from .tasks import Cancelled, Task, run_task

# Documents up to this size are handed to QtPdf in memory; larger ones through a temporary file.
IN_MEMORY_MAX = 32 * 1024 * 1024
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
# Loading runs in the background without a progress dialog: the pane shows "Loading…" itself.
NO_DIALOG_MS = 1_000_000_000
# Below this width (pixels) the search field goes to a second toolbar row.
NARROW = 600

PANE_STYLE = f"""
QWidget#documentPane {{ background: {SURFACE}; }}
QFrame#documentToolbar {{ border-bottom: 1px solid {BORDER}; }}
QLabel#documentMessage {{ color: {MUTED}; padding: 24px; }}
QLabel#documentMessage[problem="true"] {{ color: {TEXT}; background: #f6efe7; border: 1px solid #e2c9ae;
    border-radius: 6px; margin: 16px; }}
QLabel#pageCount, QLabel#zoomLabel, QLabel#searchStatus {{ color: {MUTED}; }}
QScrollArea#imageScroll {{ border: none; background: #e9edf1; }}
QLabel#imageLabel {{ background: #e9edf1; }}
"""


@dataclass
class Loaded:
    """A document read from the session on a worker thread: in memory, or in a temporary file."""

    document: Document
    data: bytes | None = None
    path: Path | None = None


@dataclass
class Listing:
    """What the worker returns for an application: its documents and the first one, read."""

    application_id: str
    documents: list[Document]
    first: Loaded | None
    error: ReviewDeskError | None = None  # the first document could not be read (the others may)


def read_for_display(session_path: Path, document: Document, temp_dir: Path | None, progress=None) -> Loaded:  # noqa: ANN001
    """Read one document for showing (worker thread): checked against its digest while it is read."""
    from reviewdesk.session import Session

    with Session.open(session_path, readonly=True) as session:
        if document.size > IN_MEMORY_MAX and temp_dir is not None:
            suffix = ".pdf" if document.is_pdf else ".img"
            target = temp_dir / f"{document.sha256}{suffix}"
            if not target.exists():
                export_document(session, document.sha256, target)
            return Loaded(document, path=target)
        parts = []
        done = 0
        with open_document(session, document.sha256) as f:
            while chunk := f.read(1 << 20):
                parts.append(chunk)
                done += len(chunk)
                if progress is not None and progress(done, document.size) is False:
                    raise Cancelled()
        return Loaded(document, data=b"".join(parts))


def reading_order(document: Document) -> tuple[int, str]:
    """The application form (申报书) first, then the evidence by name."""
    form = "申报书" in document.name or "申请书" in document.name or "application" in document.name.lower()
    return (0 if form else 1, document.name)


def list_and_read_first(session_path: Path, application_id: str, temp_dir: Path | None, progress=None) -> Listing:  # noqa: ANN001
    from reviewdesk.session import Session

    with Session.open(session_path, readonly=True) as session:
        docs = sorted(documents_of(session, application_id), key=reading_order)
    if not docs:
        return Listing(application_id, docs, None)
    try:
        return Listing(application_id, docs, read_for_display(session_path, docs[0], temp_dir, progress))
    except ReviewDeskError as exc:
        return Listing(application_id, docs, None, exc)


class DocumentPane(QWidget):
    """One application's documents: tabs, a PDF view with navigation, zoom and search, or an image.

    ``state`` is one of ``empty`` (no application chosen), ``loading``, ``no_documents``, ``pdf``,
    ``image``, ``damaged`` (a message in the pane) or ``unavailable`` (no QtPdf in this build);
    :attr:`state_changed` announces each change.
    """

    state_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("documentPane")
        self.setStyleSheet(PANE_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.session_path: Path | None = None
        self.application_id: str | None = None
        self.documents: list[Document] = []
        self.current: Document | None = None
        self._pending: Document | None = None  # the document being read
        self.state = "empty"
        self._generation = 0
        self._task: Task | None = None
        self._temp: tempfile.TemporaryDirectory | None = None
        self._buffer: QBuffer | None = None
        self._image: QImage | None = None
        self._zoom = 1.0
        self._fit_width = True
        self._message_kind = "none"
        self._message_detail = ""

        self.tabs = QTabBar()
        self.tabs.setObjectName("documentTabs")
        self.tabs.setExpanding(False)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideMiddle)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_changed)

        # -- toolbar: pages, zoom, search
        def tool(text: str, slot, name: str) -> QToolButton:  # noqa: ANN001
            b = QToolButton()
            b.setObjectName(name)
            b.setText(text)
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            return b

        self.prev_button = tool("‹", self.previous_page, "previousPage")
        self.next_button = tool("›", self.next_page, "nextPage")
        self.page_box = QSpinBox()
        self.page_box.setObjectName("pageBox")
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_box.setFixedWidth(self.fontMetrics().horizontalAdvance("0000") + 14)
        self.page_box.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        self.page_count = QLabel()
        self.page_count.setObjectName("pageCount")
        self.zoom_out_button = tool("−", self.zoom_out, "zoomOut")
        self.zoom_in_button = tool("+", self.zoom_in, "zoomIn")
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("000%") + 4)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fit_button = tool("", self.fit_width, "fitWidth")
        self.fit_button.setCheckable(True)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("documentSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(self.find_next)
        self.search_box.textChanged.connect(self._search_text_changed)
        self.search_status = QLabel()
        self.search_status.setObjectName("searchStatus")
        self.search_prev_button = tool("▲", self.find_previous, "findPrevious")
        self.search_next_button = tool("▼", self.find_next, "findNext")
        self.window_button = tool("", self.open_in_window, "openInWindow")
        self.window_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarMaxButton))
        self.search_row = QWidget()
        search_layout = QHBoxLayout(self.search_row)
        search_layout.setContentsMargins(0, 0, 0, 0)
        search_layout.setSpacing(2)
        search_layout.addWidget(self.search_box, 1)
        for w in (self.search_status, self.search_prev_button, self.search_next_button):
            search_layout.addWidget(w)
        bar = QWidget()
        bar.setObjectName("documentToolbar")
        column = QVBoxLayout(bar)
        column.setContentsMargins(6, 2, 6, 2)
        column.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(2)
        column.addLayout(row)
        for w in (self.prev_button, self.page_box, self.page_count, self.next_button):
            row.addWidget(w)
        row.addSpacing(10)
        for w in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            row.addWidget(w)
        row.addSpacing(10)
        row.addWidget(self.search_row, 1)
        row.addStretch(0)  # takes the room when the search has a row of its own
        row.addWidget(self.window_button)
        self._toolbar_row, self._toolbar_column = row, column
        self._narrow = False
        self.toolbar = bar
        self.page_widgets = (self.prev_button, self.page_box, self.page_count, self.next_button)
        self.search_widgets = (self.search_row,)
        self._windows: list[QWidget] = []

        # -- the views
        self.message = QLabel()
        self.message.setObjectName("documentMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pdf_document = QPdfDocument(self) if HAS_QTPDF else None
        if self.pdf_document is not None:
            self.pdf_view = QPdfView(self)
            self.pdf_view.setObjectName("pdfView")
            self.pdf_view.setDocument(self.pdf_document)
            self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.pdf_view.setPageSpacing(8)
            self.pdf_view.pageNavigator().currentPageChanged.connect(self._page_changed)
            self.pdf_view.zoomFactorChanged.connect(lambda _z: self._update_zoom_label())
            self.pdf_document.statusChanged.connect(self._pdf_status)
            self.search_model = QPdfSearchModel(self)
            self.search_model.setDocument(self.pdf_document)
            self.pdf_view.setSearchModel(self.search_model)
            self.search_model.rowsInserted.connect(self._search_results_changed)
            self.search_model.modelReset.connect(self._search_results_changed)
        else:  # pragma: no cover - a build without QtPdf
            self.pdf_view = QLabel()
            self.search_model = None
        self._search_index = -1
        self._search_pending_jump = False
        self.image_label = QLabel()
        self.image_label.setObjectName("imageLabel")
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image_scroll = QScrollArea()
        self.image_scroll.setObjectName("imageScroll")
        self.image_scroll.setWidget(self.image_label)
        self.image_scroll.setWidgetResizable(False)
        self.image_scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.message_page = QWidget()
        message_layout = QVBoxLayout(self.message_page)
        message_layout.addStretch(1)
        message_layout.addWidget(self.message)  # full width: a wrapped QLabel then gets its height right
        message_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message_page)
        self.stack.addWidget(self.pdf_view)
        self.stack.addWidget(self.image_scroll)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                           (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
                           (QKeySequence.StandardKey.Find, self.focus_search),
                           (QKeySequence.StandardKey.FindNext, self.find_next),
                           (QKeySequence.StandardKey.FindPrevious, self.find_previous)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self.retranslate()
        self._set_state("empty")

    # -- texts -----------------------------------------------------------------------------------

    def title(self) -> str:
        """The pane's title for the window that shows it."""
        return self.tr("Documents")

    def retranslate(self) -> None:
        self.prev_button.setToolTip(self.tr("Previous page"))
        self.next_button.setToolTip(self.tr("Next page"))
        self.page_box.setToolTip(self.tr("Go to page"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.fit_button.setText(self.tr("Fit width"))
        self.fit_button.setToolTip(self.tr("Fit the page to the width of the pane"))
        self.search_box.setPlaceholderText(self.tr("Search in document"))
        self.window_button.setToolTip(self.tr("Open these documents in a separate window"))
        self.search_prev_button.setToolTip(self.tr("Previous match"))
        self.search_next_button.setToolTip(self.tr("Next match"))
        self._update_page_label()
        self._update_zoom_label()
        self._update_search_status()
        self._update_tab_tips()
        self._show_message_text()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _message_text(self) -> tuple[str, bool]:
        kind, detail = self._message_kind, self._message_detail
        if kind == "none":
            return self.tr("Select an application to read its documents."), False
        if kind == "no_documents":
            return self.tr("This application has no documents."), False
        if kind == "loading":
            return self.tr("Loading…"), False
        if kind == "unavailable":
            return self.tr("PDF documents cannot be shown: this installation lacks Qt's PDF module "
                           "(PySide6-Pdf)."), True
        if kind == "digest":
            return self.tr("This document cannot be shown: its content does not match the digest recorded "
                           "when it was imported, so the session file is damaged. Ask the chair for a new "
                           "pack.") + ("\n\n" + detail if detail else ""), True
        if kind == "pdf_error":
            return self.tr("This PDF cannot be shown: the file is damaged or is not a PDF.") + \
                ("\n\n" + detail if detail else ""), True
        if kind == "image_error":
            return self.tr("This image cannot be shown: the file is damaged or not a PNG or JPEG image."), True
        return self.tr("This document cannot be shown.") + ("\n\n" + detail if detail else ""), True

    def _show_message_text(self) -> None:
        text, problem = self._message_text()
        self.message.setText(text)
        if self.message.property("problem") != problem:
            self.message.setProperty("problem", problem)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)

    # -- loading ---------------------------------------------------------------------------------

    def show_application(self, session_path: Path | str | None, application_id: str | None) -> None:
        """Show the documents of ``application_id`` in the session at ``session_path`` (read in the
        background; ``None`` clears the pane)."""
        self._generation += 1
        if self._task is not None and self._task.running:
            self._task.cancel()
        self.session_path = Path(session_path) if session_path else None
        self.application_id = application_id or None
        self.documents = []
        self.current = None
        self._fill_tabs()
        self._clear_views()
        if not self.session_path or not self.application_id:
            self._show_message("none")
            return
        self._show_message("loading", state="loading")
        token = self._generation
        path, aid, temp = self.session_path, self.application_id, self._temp_dir()
        self._task = run_task(self, lambda progress: list_and_read_first(path, aid, temp, progress),
                              label=self.tr("Reading documents…"), show_after_ms=NO_DIALOG_MS,
                              on_success=lambda listing: self._listed(token, listing),
                              on_failure=lambda exc: self._failed(token, exc))

    def select_document(self, index: int) -> None:
        """Show the ``index``-th document of the application."""
        if 0 <= index < len(self.documents) and self.tabs.currentIndex() != index:
            self.tabs.setCurrentIndex(index)

    def _tab_changed(self, index: int) -> None:
        if not (0 <= index < len(self.documents)) or self.session_path is None:
            return
        doc = self.documents[index]
        if self.current is not None and self.current.sha256 == doc.sha256 and self.state in ("pdf", "image"):
            self.current = doc
            return
        self._generation += 1
        if self._task is not None and self._task.running:
            self._task.cancel()
        self._clear_views()
        self._pending = doc
        self._show_message("loading", state="loading")
        token, path, temp = self._generation, self.session_path, self._temp_dir()
        self._task = run_task(self, lambda progress: read_for_display(path, doc, temp, progress),
                              label=self.tr("Reading the document…"), show_after_ms=NO_DIALOG_MS,
                              on_success=lambda loaded: self._display(token, loaded),
                              on_failure=lambda exc: self._failed(token, exc))

    def _temp_dir(self) -> Path:
        if self._temp is None:
            self._temp = tempfile.TemporaryDirectory(prefix="reviewdesk-documents-", ignore_cleanup_errors=True)
        return Path(self._temp.name)

    def _listed(self, token: int, listing: Listing) -> None:
        if token != self._generation:
            return
        self.documents = listing.documents
        self._fill_tabs()
        if listing.error is not None:
            self._pending = self.documents[0]
            self._failed(token, listing.error)
            return
        if listing.first is None:
            self._show_message("no_documents", state="no_documents")
            return
        self._display(token, listing.first)

    def _failed(self, token: int, exc: BaseException) -> None:
        if token != self._generation:
            return
        doc = self._pending
        if isinstance(exc, VerificationFailed):
            detail = f"{doc.name} · SHA-256 {doc.sha256[:16]}…" if doc is not None else str(exc)
            self._show_message("digest", detail, state="damaged")
        elif isinstance(exc, ReviewDeskError):
            self._show_message("other", str(exc), state="damaged")
        else:  # a bug: the report for IT, and a plain message in the pane
            self._show_message("other", "", state="damaged")
            show_error(self, exc)

    def _fill_tabs(self) -> None:
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for doc in self.documents:
            self.tabs.addTab(doc.name)
        self.tabs.setCurrentIndex(0 if self.documents else -1)
        self.tabs.blockSignals(False)
        self.tabs.setVisible(bool(self.documents))
        self._update_tab_tips()

    def _update_tab_tips(self) -> None:
        for i, doc in enumerate(self.documents):
            kind = "PDF" if doc.is_pdf else self.tr("image")
            self.tabs.setTabToolTip(i, f"{doc.name}\n{kind}, {human_size(doc.size)}\nSHA-256 {doc.sha256}")

    # -- showing ---------------------------------------------------------------------------------

    def _clear_views(self) -> None:
        if self.pdf_document is not None:
            self.search_box.blockSignals(True)
            self.search_box.clear()
            self.search_box.blockSignals(False)
            self.search_model.setSearchString("")
            self._search_index = -1
            self.pdf_document.close()
        self._buffer = None
        self._image = None
        self.image_label.clear()

    def _display(self, token: int, loaded: Loaded) -> None:
        if token != self._generation:
            return
        self.current = loaded.document
        if loaded.document.is_pdf:
            self._display_pdf(loaded)
        else:
            self._display_image(loaded)

    def _display_pdf(self, loaded: Loaded) -> None:
        if self.pdf_document is None:  # pragma: no cover - a build without QtPdf
            self._show_message("unavailable", state="unavailable")
            return
        self.pdf_document.close()
        if loaded.data is not None:
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(loaded.data))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.pdf_document.load(self._buffer)
        else:
            self._buffer = None
            self.pdf_document.load(str(loaded.path))
        self._pdf_status(self.pdf_document.status())

    def _pdf_status(self, status) -> None:  # noqa: ANN001 - QPdfDocument.Status
        if self.pdf_document is None or self.current is None or not self.current.is_pdf:
            return
        if status == QPdfDocument.Status.Ready:
            if self.state == "pdf":
                return
            self.stack.setCurrentWidget(self.pdf_view)
            self.page_box.blockSignals(True)
            self.page_box.setMaximum(max(1, self.pdf_document.pageCount()))
            self.page_box.setValue(1)
            self.page_box.blockSignals(False)
            self._apply_zoom()
            self.pdf_view.pageNavigator().jump(0, QPointF(), self.pdf_view.zoomFactor())
            self._set_state("pdf")
        elif status == QPdfDocument.Status.Error:
            error = self.pdf_document.error()
            detail = "" if error == QPdfDocument.Error.DataNotYetAvailable else error.name
            self._show_message("pdf_error", detail, state="damaged")

    def _display_image(self, loaded: Loaded) -> None:
        image = QImage()
        ok = image.loadFromData(loaded.data) if loaded.data is not None else image.load(str(loaded.path))
        if not ok or image.isNull():
            self._show_message("image_error", state="damaged")
            return
        self._image = image
        self.stack.setCurrentWidget(self.image_scroll)
        self._set_state("image")
        self._apply_zoom()

    def _show_message(self, kind: str, detail: str = "", *, state: str = "empty") -> None:
        self._message_kind, self._message_detail = kind, detail
        self._show_message_text()
        self.stack.setCurrentWidget(self.message_page)
        self._set_state(state)

    def _set_state(self, state: str) -> None:
        changed = state != self.state
        self.state = state
        is_pdf, is_image = state == "pdf", state == "image"
        self.toolbar.setVisible(is_pdf or is_image)
        for w in self.page_widgets + self.search_widgets:
            w.setVisible(is_pdf)
        self._update_page_label()
        self._update_zoom_label()
        self._update_search_status()
        if changed:
            self.state_changed.emit(state)

    # -- a separate window -----------------------------------------------------------------------

    def open_in_window(self) -> QWidget | None:
        """The current application's documents in a window of their own (a second screen, a big
        page), showing the same document; it stays on that application."""
        if self.session_path is None or self.application_id is None:
            return None
        window = QWidget(None, Qt.WindowType.Window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.setWindowTitle(self.tr("Documents of %1").replace("%1", self.application_id))
        pane = DocumentPane(window)
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(pane)
        window.pane = pane
        window.resize(900, 1000)
        index = self.tabs.currentIndex()
        if index > 0:
            def follow(state: str) -> None:
                if state in ("pdf", "image", "damaged") and pane.tabs.currentIndex() == 0:
                    pane.state_changed.disconnect(follow)
                    pane.select_document(index)
            pane.state_changed.connect(follow)
        pane.show_application(self.session_path, self.application_id)
        self._windows = [w for w in self._windows if is_valid(w)] + [window]
        window.show()
        return window

    # -- pages -----------------------------------------------------------------------------------

    def page_count_value(self) -> int:
        return self.pdf_document.pageCount() if self.state == "pdf" and self.pdf_document is not None else 0

    def current_page(self) -> int:
        """The page shown (0-based)."""
        return self.pdf_view.pageNavigator().currentPage() if self.state == "pdf" else 0

    def go_to_page(self, page: int) -> None:
        if self.state != "pdf":
            return
        page = max(0, min(page, self.page_count_value() - 1))
        self.pdf_view.pageNavigator().jump(page, QPointF(), self.pdf_view.zoomFactor())

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self._update_page_label()

    def _update_page_label(self) -> None:
        n = self.page_count_value()
        self.page_count.setText(self.tr("of %n", "", n) if n else "")
        self.prev_button.setEnabled(n > 0 and self.current_page() > 0)
        self.next_button.setEnabled(n > 0 and self.current_page() < n - 1)

    # -- zoom ------------------------------------------------------------------------------------

    def zoom_factor(self) -> float:
        """The scale shown: 1.0 is the document's own size (a PDF at 72 points per inch of screen)."""
        if self.state == "pdf":
            if self.pdf_view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
                return self._pdf_fit_factor()
            return self.pdf_view.zoomFactor()
        if self.state == "image" and self._image is not None:
            return self._image_fit_factor() if self._fit_width else self._zoom
        return self._zoom

    def _pdf_fit_factor(self) -> float:
        page = self.pdf_document.pagePointSize(self.current_page())
        if page.width() <= 0:
            return 1.0
        dpi = self.pdf_view.logicalDpiX() / 72.0
        margins = self.pdf_view.documentMargins()
        width = self.pdf_view.viewport().width() - margins.left() - margins.right()
        return max(0.05, width / (page.width() * dpi))

    def _image_fit_factor(self) -> float:
        assert self._image is not None
        width = self.image_scroll.viewport().width() - 2
        return max(0.05, width / max(1, self._image.width()))

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom_factor() + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self.zoom_factor() - 0.01), ZOOM_STEPS[0]))

    def set_zoom(self, factor: float) -> None:
        """Show at ``factor`` (1.0 = 100 %), leaving fit-to-width."""
        self._zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], factor))
        self._fit_width = False
        self._apply_zoom()

    def fit_width(self) -> None:
        """Scale the page (or image) to the pane's width, and keep it so when the pane is resized."""
        self._fit_width = True
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        self.fit_button.setChecked(self._fit_width)
        if self.state == "pdf":
            if self._fit_width:
                self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            else:
                self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
                self.pdf_view.setZoomFactor(self._zoom)
        elif self.state == "image" and self._image is not None:
            factor = self._image_fit_factor() if self._fit_width else self._zoom
            size = self._image.size() * factor
            pixmap = QPixmap.fromImage(self._image.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
            self.image_label.setPixmap(pixmap)
            self.image_label.resize(pixmap.size())
        self._update_zoom_label()

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom_factor() * 100)}%" if self.state in ("pdf", "image") else "")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        narrow = self.width() < NARROW
        if narrow != self._narrow:  # a narrow pane puts the search on a row of its own
            self._narrow = narrow
            if narrow:
                self._toolbar_row.removeWidget(self.search_row)
                self._toolbar_column.addWidget(self.search_row)
            else:
                self._toolbar_column.removeWidget(self.search_row)
                self._toolbar_row.insertWidget(self._toolbar_row.count() - 2, self.search_row, 1)
        if self.state == "image" and self._fit_width:
            self._apply_zoom()
        else:
            self._update_zoom_label()

    # -- search ----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        if self.state == "pdf":
            self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search_box.selectAll()

    def search(self, text: str) -> None:
        """Search the PDF for ``text`` (results arrive in the background; the first is shown)."""
        self.search_box.setText(text)
        self.find_next()

    def match_count(self) -> int:
        return self.search_model.rowCount(QModelIndex()) if self.search_model is not None else 0

    def _search_text_changed(self, _text: str) -> None:
        self._search_index = -1
        if self.search_model is not None and not self.search_box.text():
            self.search_model.setSearchString("")
        self._update_search_status()

    def find_next(self) -> None:
        self._find(+1)

    def find_previous(self) -> None:
        self._find(-1)

    def _find(self, step: int) -> None:
        if self.state != "pdf" or self.search_model is None:
            return
        text = self.search_box.text().strip()
        if not text:
            return
        if self.search_model.searchString() != text:
            self._search_index = -1
            self._search_pending_jump = True
            self.search_model.setSearchString(text)
        n = self.match_count()
        if n == 0:
            self._search_pending_jump = True
            self._update_search_status()
            return
        self._search_index = (self._search_index + step) % n if self._search_index >= 0 else (0 if step > 0 else n - 1)
        self._jump_to_match()

    def _jump_to_match(self) -> None:
        link = self.search_model.resultAtIndex(self._search_index)
        self.pdf_view.setCurrentSearchResultIndex(self._search_index)
        self.pdf_view.pageNavigator().jump(link.page(), link.location(), self.pdf_view.zoomFactor())
        self._update_search_status()

    def _search_results_changed(self, *_args: object) -> None:
        if self._search_pending_jump and self.match_count() > 0:
            self._search_pending_jump = False
            self._search_index = 0
            self._jump_to_match()
        self._update_search_status()

    def current_match(self) -> int:
        """The match shown (0-based), or -1."""
        return self._search_index

    def _update_search_status(self) -> None:
        if self.state != "pdf" or self.search_model is None or not self.search_box.text().strip() \
                or self.search_model.searchString() != self.search_box.text().strip():
            self.search_status.setText("")
            return
        n = self.match_count()
        if n == 0:
            self.search_status.setText(self.tr("No matches"))
        elif self._search_index >= 0:
            self.search_status.setText(f"{self._search_index + 1}/{n}")
        else:
            self.search_status.setText(self.tr("%n match(es)", "", n))


def add_beside(window: QWidget, pane: DocumentPane, *, width: int = 560) -> DocumentPane:
    """Put ``pane`` to the right of what ``window``'s layout holds, behind a splitter, and widen the
    window by ``width``: one call gives a dialog (the chair's drill-down of an application) its
    documents. Returns ``pane``, ready for :meth:`DocumentPane.show_application`."""
    old = window.layout()
    left = QWidget()
    column = QVBoxLayout(left)
    column.setContentsMargins(0, 0, 0, 0)
    while old.count():
        stretch = old.stretch(0)
        item = old.takeAt(0)
        if item.widget() is not None:
            column.addWidget(item.widget(), stretch)
        elif item.layout() is not None:
            column.addLayout(item.layout(), stretch)
        else:
            column.addItem(item)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName("documentsSplitter")
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(left)
    splitter.addWidget(pane)
    old.addWidget(splitter)
    window.resize(window.width() + width, max(window.height(), 760))
    splitter.setSizes([max(1, window.width() - width), width])
    return pane

