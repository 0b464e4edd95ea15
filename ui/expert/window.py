"""The expert's scoring workstation: the application list on the left; the application and its
rubric side by side on the right.

Every edit is saved the moment it is made through the core (:class:`~ui.expert.workcopy.WorkCopy`
calls :mod:`reviewdesk.reviews`), so closing, crashing or pulling the plug loses nothing that
was shown as saved. Score edits go through a :class:`QUndoStack`: undo saves the old value again.
"""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

from reviewdesk.errors import ReviewDeskError

from .. import settings, windows
from ..documents import DocumentPane
from ..errors import show_error
from ..qt import (
    QAbstractItemView,
    QAction,
    QCloseEvent,
    QComboBox,
    QCoreApplication,
    QEvent,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMainWindow,
    QModelIndex,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStandardPaths,
    Qt,
    QTableView,
    QUndoCommand,
    QUndoStack,
    QVBoxLayout,
    QWidget,
    Signal,
    Slot,
)
from ..style import ACCENT, BORDER, MUTED, SURFACE, TEXT, app_icon
from .dialogs import ConflictsDialog, Prompts, SignPackageDialog, SubmitDialog
from .models import ApplicationListModel
from .pane import PANE_STYLE, FactsPane, RubricPane
from .workcopy import COMPLETE, IN_PROGRESS, NOT_STARTED, RECUSED, ListFilter, WorkCopy

WINDOW_STYLE = PANE_STYLE + f"""
QMainWindow#ExpertWindow {{ background: #f3f5f7; }}
QFrame#topBar {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QLabel#sessionTitle {{ font-size: 13pt; font-weight: bold; color: {TEXT}; }}
QLabel#expertLine {{ color: {MUTED}; }}
QLabel#demoTag {{ color: #ffffff; background: #8a6d3b; border-radius: 3px; padding: 1px 6px; }}
QPushButton#submitButton {{ background: {ACCENT}; color: #ffffff; border: 1px solid {ACCENT};
    border-radius: 4px; padding: 5px 14px; font-weight: 600; }}
QPushButton#submitButton:hover {{ background: #2c4c6b; }}
QPushButton#conflictsButton {{ padding: 5px 12px; }}
QFrame#hintBar {{ background: #fff7e8; border-bottom: 1px solid #ecd9b4; }}
QLabel#hint {{ color: #6b5220; }}
QWidget#listPanel {{ background: #f3f5f7; }}
QLabel#progressText {{ color: {MUTED}; }}
QTableView#applications {{ border: 1px solid {BORDER}; background: {SURFACE}; }}
QSplitter::handle {{ background: {BORDER}; }}
QFrame#sidePane {{ background: {SURFACE}; }}
QLabel#sidePaneTitle {{ font-weight: 600; color: {MUTED}; padding: 8px 12px 0 12px; }}
"""

# The state filter's choices: what the list shows.
STATE_CHOICES = (
    ("to_review", frozenset({NOT_STARTED, IN_PROGRESS, COMPLETE})),
    ("needs_work", frozenset({NOT_STARTED, IN_PROGRESS})),
    ("not_started", frozenset({NOT_STARTED})),
    ("in_progress", frozenset({IN_PROGRESS})),
    ("complete", frozenset({COMPLETE})),
    ("recused", frozenset({RECUSED})),
    ("all", frozenset({NOT_STARTED, IN_PROGRESS, COMPLETE, RECUSED})),
)


class ScoreCommand(QUndoCommand):
    """One saved score change; undo saves the old value again. Edits made while one field keeps
    the focus merge into one step."""

    ID = 4001

    def __init__(self, window: ExpertWindow, application_id: str, criterion: str, old: int | None,
                 new: int | None, token: int, label: str = ""):
        super().__init__()
        self.window = window
        self.application_id = application_id
        self.criterion = criterion
        self.label = label or criterion
        self.old = old
        self.new = new
        self.token = token
        self._describe()

    def _describe(self) -> None:
        from .workcopy import points_text

        self.setText(QCoreApplication.translate("ExpertWindow", "{application} {criterion}: {old} → {new}")
                     .format(criterion=self.label, application=self.application_id,
                             old=points_text(self.old) or "—", new=points_text(self.new) or "—"))

    def id(self) -> int:  # noqa: A003 - Qt override
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, ScoreCommand) or (other.application_id, other.criterion, other.token) != \
                (self.application_id, self.criterion, self.token):
            return False
        self.new = other.new
        self._describe()
        return True

    def redo(self) -> None:
        if not self.window.save_score(self.application_id, self.criterion, self.new, self.old):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.window.save_score(self.application_id, self.criterion, self.old, self.new, navigate=True):
            self.setObsolete(True)


class ExpertWindow(QMainWindow):
    """One expert's work copy: list, application, rubric; conflicts and handing in."""

    current_application_changed = Signal(str)
    saved = Signal(str)  # application id: a score or comment of it was just saved

    def __init__(self, work: WorkCopy, parent: QWidget | None = None, *, prompts: Prompts | None = None):
        super().__init__(parent)
        self.setObjectName("ExpertWindow")
        self.work = work
        self.prompts = prompts or Prompts()
        self.current_id: str | None = None
        self.closed = False  # the work copy is closed with the window
        self.expert_name = work.expert_name()
        self.undo_stack = QUndoStack(self)
        self.export_task = None
        self.last_export: dict | None = None
        self.setWindowIcon(app_icon())
        self.setStyleSheet(WINDOW_STYLE)

        # -- top bar: who and what, and the two big actions
        self.session_title = QLabel(work.session.name)
        self.session_title.setObjectName("sessionTitle")
        self.expert_line = QLabel()
        self.expert_line.setObjectName("expertLine")
        self.demo_tag = QLabel()
        self.demo_tag.setObjectName("demoTag")
        self.demo_tag.setVisible(work.is_demo)
        self.conflicts_button = QPushButton()
        self.conflicts_button.setObjectName("conflictsButton")
        self.conflicts_button.clicked.connect(self.show_conflicts)
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitButton")
        self.submit_button.clicked.connect(self.submit)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        line = QHBoxLayout()
        line.setSpacing(8)
        line.addWidget(self.session_title)
        line.addWidget(self.demo_tag)
        line.addStretch(1)
        titles.addLayout(line)
        titles.addWidget(self.expert_line)
        top = QFrame()
        top.setObjectName("topBar")
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(16, 8, 16, 8)
        top_layout.addLayout(titles, 1)
        top_layout.addWidget(self.conflicts_button)
        top_layout.addWidget(self.submit_button)

        self.hint_bar = QFrame()
        self.hint_bar.setObjectName("hintBar")
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint_button = QPushButton()
        self.hint_button.clicked.connect(self.show_conflicts)
        hint_layout = QHBoxLayout(self.hint_bar)
        hint_layout.setContentsMargins(16, 6, 16, 6)
        hint_layout.addWidget(self.hint, 1)
        hint_layout.addWidget(self.hint_button)

        # -- the list
        self.model = ApplicationListModel(work, self)
        # Applications per program and state, kept up to date edit by edit (counting 20,000
        # applications again after every score would cost a tenth of a second).
        self.counts = work.counts()
        self.program_box = QComboBox()
        self.program_box.setObjectName("programFilter")
        self.program_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.program_box.setMinimumContentsLength(12)
        self.state_box = QComboBox()
        self.state_box.setObjectName("stateFilter")
        for key, _states in STATE_CHOICES:
            self.state_box.addItem("", key)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.view = QTableView()
        self.view.setObjectName("applications")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # Enterprise and project share what the short columns leave; names are elided, with tooltips.
        header.setSectionResizeMode(ApplicationListModel.ENTERPRISE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ApplicationListModel.PROJECT, QHeaderView.ResizeMode.Stretch)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("progressText")
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.program_box, 3)
        filters.addWidget(self.state_box, 2)
        left = QWidget()
        left.setObjectName("listPanel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(10, 10, 6, 10)
        left_layout.setSpacing(6)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.progress_text)

        # -- the application and its rubric (and any side panes, e.g. documents)
        self.facts = FactsPane(work)
        self.rubric = RubricPane(work)
        self.rubric.score_edited.connect(self._score_edited)
        self.rubric.comment_edited.connect(self._comment_edited)
        self.rubric.next_requested.connect(self.next_to_score)
        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.detail_splitter.setObjectName("detailSplitter")
        self.detail_splitter.setChildrenCollapsible(False)
        self.detail_splitter.setHandleWidth(1)
        self.detail_splitter.addWidget(self.facts)
        self.detail_splitter.addWidget(self.rubric)
        self.detail_splitter.setStretchFactor(0, 2)
        self.detail_splitter.setStretchFactor(1, 3)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.setChildrenCollapsible(False)
        self.main_splitter.setHandleWidth(1)
        self.main_splitter.addWidget(left)
        self.main_splitter.addWidget(self.detail_splitter)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 5)

        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(top)
        central_layout.addWidget(self.hint_bar)
        central_layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().setSizeGripEnabled(True)

        self._make_actions()
        self.program_box.currentIndexChanged.connect(self._filter_changed)
        self.state_box.currentIndexChanged.connect(self._filter_changed)
        self.search.textChanged.connect(self._filter_changed)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

        self.retranslate()
        self.update_progress()
        self.resize(1360, 860)
        self._sized = False
        # The application's documents beside the rubric (ui.documents, issue 8).
        self.documents = DocumentPane()
        self.add_side_pane(self.documents, self.documents.title())
        self.current_application_changed.connect(lambda aid: self.documents.show_application(work.path, aid))
        settings.restore_geometry(self, "expert")
        self._select_first()

    # -- opening --------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, parent: QWidget | None = None) -> ExpertWindow:
        """The window for the work copy at ``path`` (not shown yet)."""
        work = WorkCopy.open(path)
        try:
            return cls(work, parent)
        except BaseException:
            work.close()
            raise

    # -- menus and shortcuts --------------------------------------------------------------------

    def _make_actions(self) -> None:
        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.next_action = QAction(self)
        self.next_action.setShortcuts([QKeySequence("Ctrl+N"), QKeySequence("Ctrl+Return"),
                                       QKeySequence("Ctrl+Enter")])
        self.next_action.triggered.connect(self.next_to_score)
        self.down_action = QAction(self)
        self.down_action.setShortcut(QKeySequence("Alt+Down"))
        self.down_action.triggered.connect(lambda: self.move_selection(1))
        self.up_action = QAction(self)
        self.up_action.setShortcut(QKeySequence("Alt+Up"))
        self.up_action.triggered.connect(lambda: self.move_selection(-1))
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        self.conflicts_action = QAction(self)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.submit_action = QAction(self)
        self.submit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.submit_action.triggered.connect(self.submit)
        self.demo_action = QAction(self)
        self.demo_action.triggered.connect(self.open_demo_work)
        self.close_action = QAction(self)
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        self.close_action.triggered.connect(self.close)
        for action in (self.undo_action, self.redo_action, self.next_action, self.down_action, self.up_action,
                       self.find_action, self.submit_action, self.close_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.conflicts_action)
        self.file_menu.addAction(self.submit_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.go_menu = bar.addMenu("")
        for action in (self.next_action, self.down_action, self.up_action, self.find_action):
            self.go_menu.addAction(action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("{session} — expert {expert} — ReviewDesk").format(
            session=self.work.session.name, expert=self.work.expert_id))
        name = self.expert_name
        self.expert_line.setText(self.tr("Expert {id} {name} · year {year} · work copy {file}").format(
            id=self.work.expert_id, name=name, year=self.work.session.year, file=self.work.path.name))
        self.demo_tag.setText(self.tr("Demo"))
        self.conflicts_button.setText(self.tr("Conflicts of interest…"))
        self.submit_button.setText(self.tr("Hand in scores…"))
        self.hint.setText(self.tr("Before you start: declare any enterprise you have a conflict of interest with. "
                                  "Its applications are then set aside for you."))
        self.hint_button.setText(self.tr("Declare conflicts…"))
        self.search.setPlaceholderText(self.tr("Search enterprise, project or credit code (Ctrl+F)"))
        labels = {"to_review": self.tr("All to review"), "needs_work": self.tr("Still to score"),
                  "not_started": self.tr("Not started"), "in_progress": self.tr("In progress"),
                  "complete": self.tr("Complete"), "recused": self.tr("Recused"),
                  "all": self.tr("All, with recused")}
        for row in range(self.state_box.count()):
            self.state_box.setItemText(row, labels[self.state_box.itemData(row)])
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.go_menu.setTitle(self.tr("&Review"))
        self.next_action.setText(self.tr("Next application to score"))
        self.down_action.setText(self.tr("Next application in the list"))
        self.up_action.setText(self.tr("Previous application in the list"))
        self.find_action.setText(self.tr("Search"))
        self.conflicts_action.setText(self.tr("Conflicts of interest…"))
        self.submit_action.setText(self.tr("Hand in scores…"))
        self.demo_action.setText(self.tr("Demo: an expert's work copy"))
        self.close_action.setText(self.tr("Close"))
        self._size_columns()
        self.rubric.retranslate()
        self._fill_programs()
        self.update_progress()
        self._update_hint()

    def _size_columns(self) -> None:
        """Columns as wide as their header and their widest short value, in the current language."""
        from .models import state_name

        fm = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        pad = 22  # cell margins and the sort arrow
        model = self.model

        def head(column: int) -> int:
            return fm.horizontalAdvance(str(model.headerData(column, Qt.Orientation.Horizontal))) + pad

        longest_id = max((model.application_id(r) or "" for r in range(min(model.rowCount(), 50))),
                         key=len, default="A-0000")
        widths = {
            ApplicationListModel.ID: max(head(0), fm.horizontalAdvance(longest_id) + pad),
            ApplicationListModel.PROGRAM: max(head(3), fm.horizontalAdvance("P00") + pad),
            ApplicationListModel.STATE: max([head(4)] + [fm.horizontalAdvance(state_name(s)) + pad for s in range(4)]),
            ApplicationListModel.TOTAL: max(head(5), fm.horizontalAdvance("100.5") + pad),
        }
        for column, width in widths.items():
            header.resizeSection(column, width)

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        super().showEvent(event)
        if not self._sized:
            # First show: the list about a third, the facts a quarter of the rest, the rubric the
            # largest part, side panes (documents) what is left.
            self._sized = True
            width = max(self.width(), 900)
            left = min(max(int(width * 0.36), 420), 560)
            self.main_splitter.setSizes([left, width - left])
            rest = width - left
            n_side = self.detail_splitter.count() - 2
            if n_side:
                facts, rubric = int(rest * 0.24), int(rest * 0.42)
                side = (rest - facts - rubric) // n_side
                self.detail_splitter.setSizes([facts, rubric] + [side] * n_side)
            else:
                facts = int(rest * 0.38)
                self.detail_splitter.setSizes([facts, rest - facts])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange and not self.closed:
            self.retranslate()
            if self.current_id is not None:
                self._show(self.current_id)
        super().changeEvent(event)

    # -- filters and progress -------------------------------------------------------------------

    def _fill_programs(self) -> None:
        counts = self.counts
        current = self.program_box.currentData()
        self.program_box.blockSignals(True)
        self.program_box.clear()
        done, total = self._done_total(counts.values())
        self.program_box.addItem(self.tr("All programs ({done}/{total})").format(done=done, total=total), "")
        english = self.tr("All programs") == "All programs"
        for program in self.work.policy.programs:
            if program.id not in counts:
                continue
            d, t = self._done_total([counts[program.id]])
            name = program.name_en if english and program.name_en else program.name
            self.program_box.addItem(f"{program.id} {name} ({d}/{t})", program.id)
            self.program_box.setItemData(self.program_box.count() - 1, f"{program.id} {program.name}",
                                         Qt.ItemDataRole.ToolTipRole)
        index = self.program_box.findData(current if current is not None else "")
        self.program_box.setCurrentIndex(max(index, 0))
        self.program_box.blockSignals(False)

    @staticmethod
    def _done_total(per_program) -> tuple[int, int]:  # noqa: ANN001
        done = total = 0
        for states in per_program:
            done += states.get(COMPLETE, 0)
            total += sum(n for s, n in states.items() if s != RECUSED)
        return done, total

    def update_progress(self) -> None:
        counts = self.counts
        program = self.program_box.currentData() or None
        done, total = self._done_total(counts.values())
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        text = self.tr("Complete {done}/{total}").format(done=done, total=total)
        if program and program in counts:
            d, t = self._done_total([counts[program]])
            text = self.tr("{program}: complete {done}/{total} · all programs: {all_done}/{all_total}").format(
                program=program, done=d, total=t, all_done=done, all_total=total)
        recused = sum(c.get(RECUSED, 0) for c in counts.values())
        if recused:
            text += " · " + self.tr("recused {n}").format(n=recused)
        self.progress_text.setText(text)
        # The program box shows per-program counts too.
        for row in range(self.program_box.count()):
            pid = self.program_box.itemData(row)
            if pid:
                d, t = self._done_total([counts.get(pid, {})])
                label = self.program_box.itemText(row)
                self.program_box.setItemText(row, label[:label.rfind("(")] + f"({d}/{t})")
            else:
                self.program_box.setItemText(row, self.tr("All programs ({done}/{total})").format(
                    done=done, total=total))

    def _update_hint(self) -> None:
        fresh = not self.work.conflicts() and not self.work.conn.execute(
            "SELECT 1 FROM scores LIMIT 1").fetchone()
        self.hint_bar.setVisible(fresh)

    def current_filter(self) -> ListFilter:
        states = dict(STATE_CHOICES)[self.state_box.currentData() or "to_review"]
        return dataclasses.replace(self.model.filter, program=self.program_box.currentData() or None,
                                   states=states, search=self.search.text())

    @Slot()
    def _filter_changed(self, *_args: object) -> None:
        self.rubric.commit_pending()
        keep = self.current_id
        self.model.set_filter(self.current_filter())
        self.update_progress()
        row = self.model.row_of(keep) if keep else None
        if row is not None:
            self.view.selectRow(row)
        elif self.model.rowCount():
            self.view.selectRow(0)
        else:
            self._show(None)

    def _select_first(self) -> None:
        if self.model.rowCount():
            # The first application still to score, else the first in the list.
            row = next((r for r in range(self.model.rowCount()) if self.model.state_at(r) in
                        (NOT_STARTED, IN_PROGRESS)), 0)
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        else:
            self._show(None)

    # -- the current application ----------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.rubric.commit_pending()
        aid = self.model.application_id(current.row()) if current.isValid() else None
        self._show(aid)

    def _show(self, application_id: str | None) -> None:
        changed = application_id != self.current_id
        self.current_id = application_id
        app = self.work.application(application_id) if application_id else None
        if app is None:
            self.current_id = None
            self.facts.show_application(None, False)
            self.rubric.show_application(None, None, {}, False)
        else:
            recused = self.work.is_recused(str(app["credit_code"]))
            program = self.work.programs.get(str(app["program"]))
            self.facts.show_application(app, recused)
            self.rubric.show_application(application_id, program, self.work.scores(application_id), recused)
        if changed:
            self.current_application_changed.emit(self.current_id or "")

    def select_application(self, application_id: str) -> bool:
        """Show ``application_id`` (in the list if the filter shows it)."""
        row = self.model.row_of(application_id)
        if row is None:
            self.rubric.commit_pending()
            self._show(application_id)
            self.view.clearSelection()
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    @Slot()
    def next_to_score(self) -> None:
        """Go to the next application in the list that still needs scores (wrapping around)."""
        self.rubric.commit_pending()
        n = self.model.rowCount()
        if not n:
            return
        current = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        for step in range(1, n + 1):
            row = (current + step) % n
            if self.model.state_at(row) in (NOT_STARTED, IN_PROGRESS) and row != current:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                self.rubric.focus_first_missing()
                return
        self.statusBar().showMessage(self.tr("Nothing left to score in this list."), 5000)

    def move_selection(self, delta: int) -> None:
        n = self.model.rowCount()
        if not n:
            return
        current = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        row = max(0, min(n - 1, current + delta))
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- saving ---------------------------------------------------------------------------------

    def _score_edited(self, application_id: str, criterion: str, old: object, new: object, token: int) -> None:
        box = self.rubric.box(criterion) if application_id == self.rubric.application_id else None
        label = box.name_label.text().split(". ", 1)[-1] if box is not None else criterion
        self.undo_stack.push(ScoreCommand(self, application_id, criterion, old, new, token, label))  # type: ignore[arg-type]

    def save_score(self, application_id: str, criterion: str, points2: int | None, previous: int | None,
                   navigate: bool = False) -> bool:
        """Save one score through the core; on failure show why and put the saved value back."""
        if navigate and application_id != self.current_id:
            self.select_application(application_id)
        before = self.work.state(application_id)[0]
        try:
            self.work.set_score(application_id, criterion, points2)
        except Exception as exc:  # noqa: BLE001 - shown; the field goes back to what is saved
            saved = self.work.scores(application_id).get(criterion)
            if application_id == self.current_id:
                self.rubric.set_score(criterion, saved.points2 if saved else None)
            show_error(self, exc)
            return False
        if application_id == self.current_id:
            box = self.rubric.box(criterion)
            if box is not None and box.score.committed != points2:
                self.rubric.set_score(criterion, points2)
            self.rubric.update_status()
        self._saved(application_id, before)
        return True

    def _comment_edited(self, application_id: str, criterion: str, text: str) -> None:
        try:
            self.work.set_comment(application_id, criterion, text)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self._saved(application_id)

    def _saved(self, application_id: str, before: int | None = None) -> None:
        state_total = self.work.state(application_id)
        if before is not None and before != state_total[0]:
            program = self.work.program_of(application_id) or ""
            per = self.counts.setdefault(program, {})
            per[before] = per.get(before, 0) - 1
            per[state_total[0]] = per.get(state_total[0], 0) + 1
        self.model.update_application(application_id, state_total)
        self.update_progress()
        self.hint_bar.hide()
        self.statusBar().showMessage(self.tr("Saved at {time}").format(time=time.strftime("%H:%M:%S")))
        self.saved.emit(application_id)

    # -- conflicts of interest ------------------------------------------------------------------

    @Slot()
    def show_conflicts(self) -> ConflictsDialog:
        self.rubric.commit_pending()
        dialog = ConflictsDialog(self.work, self.declare_conflict, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._update_hint())
        dialog.open()
        return dialog

    def declare_conflict(self, credit_code: str, declared: bool) -> bool:
        """Declare (or withdraw) a conflict; asks first when the expert's scores would be removed."""
        if declared:
            reviewed = self.work.reviewed_applications(credit_code)
            if reviewed and not self.prompts.confirm(
                    self, self.tr("Declare a conflict of interest"),
                    self.tr("You have already scored {n} application(s) of this enterprise. Declaring a conflict "
                            "removes those scores and comments. Declare it?").format(n=reviewed),
                    self.tr("Declare and remove scores")):
                return False
        try:
            self.work.declare_conflict(credit_code, declared)
        except ReviewDeskError as exc:
            show_error(self, exc)
            return False
        # Undo steps may name scores that no longer exist: start afresh.
        self.undo_stack.clear()
        self.counts = self.work.counts()
        keep = self.current_id
        self.model.set_filter(self.current_filter())
        self.update_progress()
        self.hint_bar.hide()
        if keep is not None:
            if self.model.row_of(keep) is not None:
                self.view.selectRow(self.model.row_of(keep))
            self._show(keep)
        self.statusBar().showMessage(self.tr("Saved at {time}").format(time=time.strftime("%H:%M:%S")))
        return True

    # -- handing in -----------------------------------------------------------------------------

    @Slot()
    def submit(self) -> SubmitDialog:
        """Step 1: the summary. Then the file (:meth:`choose_package_path`), then the passphrase."""
        self.rubric.commit_pending()
        dialog = SubmitDialog(self.work, self.work.summary(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.choose_package_path)
        dialog.open()
        return dialog

    def suggested_package_path(self) -> Path:
        from .drives import removable_drives

        sequence = self.work.export_sequence() + 1
        name = f"{self.work.session.name}-{self.work.expert_id}-{sequence}.rdscores"
        name = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name)
        drives = removable_drives()
        folder = drives[0] if drives else Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        return folder / name

    @Slot()
    def choose_package_path(self) -> None:
        path = self.prompts.save_file(self, self.tr("Save the score package"), str(self.suggested_package_path()),
                                      self.tr("ReviewDesk score package (*.rdscores)"))
        if not path:
            return
        if not path.lower().endswith(".rdscores"):
            path += ".rdscores"
        self.ask_passphrase(Path(path))

    def ask_passphrase(self, out: Path) -> SignPackageDialog:
        from reviewdesk.trust import certificate_name, load_certificate, readable_fingerprint

        try:
            cert = load_certificate()
            who, fp = certificate_name(cert), readable_fingerprint(cert)
        except ReviewDeskError as exc:
            show_error(self, exc)
            return None  # type: ignore[return-value]
        dialog = SignPackageDialog(who, fp, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.export(out, dialog.value()))
        dialog.open()
        return dialog

    def export(self, out: Path, passphrase: str):  # noqa: ANN201 - a Task
        """Sign and write the score package in the background; then say where it went."""
        from ..tasks import run_task

        path = self.work.path

        def work(progress):  # noqa: ANN001, ANN202 - runs on a worker thread
            from reviewdesk.exchange import export_scores
            from reviewdesk.session import Session
            from reviewdesk.trust import load_identity

            progress(0, 0, "")
            identity = load_identity(passphrase)
            progress.check()
            with Session.open(path) as session:
                return export_scores(session, out, identity)

        self.export_task = run_task(self, work, label=self.tr("Signing and saving your score package…"),
                                    on_success=self._exported, cancellable=False)
        return self.export_task

    def _exported(self, result: dict) -> None:
        self.last_export = result
        self.work.session.refresh()
        self.statusBar().showMessage(self.tr("Score package no. {n} saved.").format(n=result["sequence"]))
        self.prompts.inform(self, self.tr("Score package saved"), self.tr(
            "Score package no. {n} is saved:\n{path}\n\n{rows} score line(s), {complete} complete review(s), "
            "{conflicts} conflict(s) of interest. Hand this file to the chair.").format(
                n=result["sequence"], path=os.fspath(result["path"]), rows=result["rows"],
                complete=result["complete_reviews"], conflicts=result["conflicts"]))

    # -- the demo -------------------------------------------------------------------------------

    @Slot()
    def open_demo_work(self) -> QMainWindow | None:
        try:
            window = open_demo_work(None)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return None
        windows.show_window(window)
        return window

    # -- side panes (e.g. the documents of issue 8) ----------------------------------------------

    def add_side_pane(self, widget: QWidget, title: str, index: int = -1) -> QWidget:
        """Put ``widget`` beside the rubric, under ``title``; returns the frame that holds it.

        ``index`` -1 appends it after the rubric; 1 puts it between the facts and the rubric.
        Listen to :attr:`current_application_changed` to follow the application shown.
        """
        frame = QFrame()
        frame.setObjectName("sidePane")
        label = QLabel(title)
        label.setObjectName("sidePaneTitle")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        if index < 0 or index >= self.detail_splitter.count():
            self.detail_splitter.addWidget(frame)
        else:
            self.detail_splitter.insertWidget(index, frame)
        return frame

    # -- closing --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.rubric.commit_pending()
        if self.export_task is not None and self.export_task.running:
            event.ignore()
            return
        settings.save_geometry(self, "expert")
        super().closeEvent(event)
        if event.isAccepted() and not self.closed:
            self.closed = True
            self.undo_stack.clear()
            self.work.close()


def demo_work_path() -> Path:
    from reviewdesk.demo import default_demo_path

    return default_demo_path().with_name("demo-expert.rdwork")


def open_demo_work(parent: QWidget | None = None, path: Path | None = None) -> ExpertWindow:
    """The demo work copy's window (built once, then reopened with the scores given so far)."""
    from reviewdesk.demo import build_demo_work

    path = path or demo_work_path()
    if not path.exists():
        build_demo_work(path)
    return ExpertWindow.open(path, parent)
