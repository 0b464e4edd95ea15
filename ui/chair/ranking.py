"""The ranking per program (quota line, statuses, reasons, amounts, the chair's decisions,
stability marks) and the what-if screen, which never touches the session."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from reviewdesk.reports.model import format_yuan, level_text, reason_text, status_text
from reviewdesk.shortlist import Options, ProgramResult

from ..qt import (
    QAction,
    QCheckBox,
    QColor,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QModelIndex,
    QPainter,
    QPen,
    QPoint,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QVBoxLayout,
    QWidget,
)
from .data import Change, Snapshot, WhatIfResult
from .models import STATUS_COLOURS, Column, RankingModel, RowsModel, lang, score_text
from .pages import Page, fit_columns, program_name, section, table_view

if TYPE_CHECKING:
    from .window import ChairWindow

QUOTA_LINE = "#b42318"


class QuotaLineDelegate(QStyledItemDelegate):
    """Paints the quota line: a thick rule under the last awarded row (above the waiting list)."""

    def __init__(self, model: RankingModel, parent=None):
        super().__init__(parent)
        self.model = model

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        line = self.model.line_row
        if line is None:
            return
        if index.row() == line or (line == -1 and index.row() == 0):
            painter.save()
            painter.setPen(QPen(QColor(QUOTA_LINE), 3))
            y = option.rect.bottom() - 1 if line >= 0 else option.rect.top() + 1
            painter.drawLine(option.rect.left(), y, option.rect.right(), y)
            painter.restore()


def conditions_of(snap: Snapshot, program_id: str) -> dict[str, str]:
    p = snap.policy.program(program_id)
    return {c.id: c.description for c in p.eligibility if c.description} if p else {}


class RankingPage(Page):
    """One program's ranked table with its quota line, budget bar and the chair's decisions."""

    def __init__(self, console: ChairWindow):
        super().__init__(console)
        self.fragile: dict[str, list[str]] | None = None
        self.program_box = QComboBox()
        self.program_box.setMinimumWidth(360)
        self.program_box.currentIndexChanged.connect(self._program_changed)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(240)
        self.stability_button = QPushButton()
        self.stability_button.clicked.connect(self.console.run_stability)
        self.stability_label = QLabel()
        self.stability_label.setObjectName("note")
        bar = QHBoxLayout()
        self.program_label = QLabel()
        bar.addWidget(self.program_label)
        bar.addWidget(self.program_box, 1)
        bar.addWidget(self.search)
        bar.addWidget(self.stability_button)
        self.quota_text = QLabel()
        self.quota_text.setWordWrap(True)
        self.budget_bar = QProgressBar()
        self.budget_bar.setTextVisible(True)
        self.budget_bar.setMaximumHeight(22)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.model = RankingModel()
        self.view = table_view(self.model)
        self.view.setItemDelegate(QuotaLineDelegate(self.model, self.view))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.doubleClicked.connect(lambda i: self.console.show_application(self.model.row_at(i.row())
                                                                                .application_id))
        self.search.textChanged.connect(self.model.set_filter)
        self.award_action, self.exclude_action, self.clear_action, self.scores_action = (
            QAction(self), QAction(self), QAction(self), QAction(self))
        self.award_action.triggered.connect(lambda: self._decide("award"))
        self.exclude_action.triggered.connect(lambda: self._decide("exclude"))
        self.clear_action.triggered.connect(lambda: self._decide("clear"))
        self.scores_action.triggered.connect(self._scores)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.quota_text)
        layout.addWidget(self.budget_bar)
        layout.addWidget(self.view, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.legend, 1)
        foot.addWidget(self.stability_label)
        layout.addLayout(foot)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Ranking"))
        self.program_label.setText(self.tr("Program:"))
        self.search.setPlaceholderText(self.tr("Search id, enterprise…"))
        self.stability_button.setText(self.tr("Check stability"))
        self.stability_button.setToolTip(self.tr("Recompute the shortlist once per expert, leaving that expert's "
                                                 "reviews out, and mark each award that would not stand."))
        self.award_action.setText(self.tr("Force an award…"))
        self.exclude_action.setText(self.tr("Force an exclusion…"))
        self.clear_action.setText(self.tr("Withdraw the chair's decision…"))
        self.scores_action.setText(self.tr("Show the scores…"))
        self.model.set_headers([self.tr("Rank"), self.tr("Application"), self.tr("Enterprise"), self.tr("Project"),
                                self.tr("Score"), self.tr("Reviews"), self.tr("Status"), self.tr("Amount (yuan)"),
                                self.tr("Stability"), self.tr("Reason")])
        chips = " &nbsp; ".join(
            f"<span style='background:{STATUS_COLOURS[s][0]}; color:{STATUS_COLOURS[s][1]}'>&nbsp;"
            f"{status_text(s, lang())}&nbsp;</span>" for s in ("awarded", "reserve", "excluded"))
        self.legend.setText(chips + " &nbsp; " + self.tr("<span style='color:{c}'>━━</span> quota line: above it "
                                                         "the awards, below it the waiting list. Right-click a row for "
                                                         "the chair's decisions; hover an amount for its derivation.")
                            .format(c=QUOTA_LINE))
        self._stability_text()
        self._fill_programs()

    def _stability_text(self) -> None:
        if self.fragile is None:
            self.stability_label.setText(self.tr("Stability not checked yet"))
        elif not self.fragile:
            self.stability_label.setText(self.tr("Stable: no award rests on a single expert"))
        else:
            self.stability_label.setText(self.tr("Awards resting on a single expert: {n}").format(n=len(self.fragile)))

    def current_program(self) -> str | None:
        data = self.program_box.currentData()
        return str(data) if data is not None else None

    def select_program(self, program_id: str) -> None:
        i = self.program_box.findData(program_id)
        if i >= 0:
            self.program_box.setCurrentIndex(i)

    def _fill_programs(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        current = self.current_program()
        self.program_box.blockSignals(True)
        self.program_box.clear()
        for r in snap.shortlist.programs:
            awarded = sum(1 for e in r.entries if e.status == "awarded")
            pid = r.program.id
            self.program_box.addItem(self.tr("{id} {name} (awarded {a} of {n})").format(
                id=pid, name=program_name(snap, pid), n=len(r.entries), a=awarded), pid)
        i = self.program_box.findData(current) if current else 0
        self.program_box.setCurrentIndex(max(0, i))
        self.program_box.blockSignals(False)

    def show_snapshot(self, snap: Snapshot) -> None:
        super().show_snapshot(snap)
        if self.fragile is not None and getattr(self, "_fragile_for", None) is not snap.inputs:
            self.fragile = None  # the marks were for other inputs
        self._fill_programs()
        self._program_changed()

    def set_fragile(self, fragile: dict[str, list[str]], inputs) -> None:
        self.fragile = fragile
        self._fragile_for = inputs
        self.model.set_fragile(fragile)
        self._stability_text()

    def result(self) -> ProgramResult | None:
        pid = self.current_program()
        return self.snapshot.program_result(pid) if self.snapshot is not None and pid else None

    def _program_changed(self) -> None:
        snap, r = self.snapshot, self.result()
        if snap is None or r is None:
            self.model.set_result(None)
            return
        names = {e.expert_id: e.name for e in snap.experts}
        self.model.set_result(r, conditions_of(snap, r.program.id), names)
        self.model.set_fragile(self.fragile or {})
        self._quota(r)
        fit_columns(self.view, {2: 220, 3: 220})

    def _quota(self, r: ProgramResult) -> None:
        awarded = [e for e in r.entries if e.status == "awarded"]
        forced = sum(1 for e in awarded if e.forced == "award")
        parts = []
        if r.quota is not None:
            parts.append(self.tr("Quota: {q} a year").format(q=r.quota))
            if r.prior_count:
                parts.append(self.tr("used by earlier awards this year: {n}").format(n=r.prior_count))
            parts.append(self.tr("awarded here: {n}").format(n=len(awarded)))
            parts.append(self.tr("left: {n}").format(n=r.quota_left))
        else:
            parts.append(self.tr("No count quota") if r.budget_pool is None else self.tr("Budget pool, no count quota"))
            parts.append(self.tr("awarded: {n}").format(n=len(awarded)))
        if r.program.level_quotas:
            levels = ", ".join(f"{level_text(k, lang())} {v}" for k, v in r.program.level_quotas.items())
            parts.append(self.tr("per level: {levels}").format(levels=levels))
        if forced:
            parts.append(self.tr("by the chair's decision: {n}").format(n=forced))
        parts.append(self.tr("amount: {amount} yuan").format(amount=format_yuan(r.awarded_amount)))
        self.quota_text.setText(" · ".join(parts))
        pool = r.budget_pool
        self.budget_bar.setVisible(pool is not None)
        if pool is not None:
            used = pool - (r.budget_left or 0)
            self.budget_bar.setRange(0, 1000)
            self.budget_bar.setValue(int(1000 * min(used, pool) / pool) if pool else 0)
            self.budget_bar.setFormat(self.tr("Pool {pool}: {prior} by earlier awards, {here} here, {left} left")
                                      .format(pool=format_yuan(pool), prior=format_yuan(r.prior_amount),
                                              here=format_yuan(r.awarded_amount), left=format_yuan(r.budget_left)))

    def selected_application(self) -> str | None:
        sel = self.view.selectionModel()
        rows = sel.selectedRows() if sel is not None else []
        if not rows:
            idx = self.view.currentIndex()
            return self.model.row_at(idx.row()).application_id if idx.isValid() else None
        return self.model.row_at(rows[0].row()).application_id

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        entry = self.model.row_at(index.row())
        read_only = self.snapshot is None or self.snapshot.finalized
        self.award_action.setEnabled(not read_only and entry.forced != "award")
        self.exclude_action.setEnabled(not read_only and entry.forced != "exclude")
        self.clear_action.setEnabled(not read_only and entry.forced is not None)
        menu = QMenu(self.view)
        for a in (self.award_action, self.exclude_action, self.clear_action):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.scores_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))
        self._menu_widget = menu

    def _decide(self, kind: str) -> None:
        aid = self.selected_application()
        if aid is not None:
            self.console.open_decision_dialog(aid, kind)

    def _scores(self) -> None:
        aid = self.selected_application()
        if aid is not None:
            self.console.show_application(aid)

    def set_read_only(self, read_only: bool) -> None:
        pass  # the context menu checks the snapshot


# ----------------------------------------------------------------------------- what-if
class WhatIfPage(Page):
    """Other rules tried on the same inputs: the session is never written."""

    def __init__(self, console: ChairWindow):
        super().__init__(console)
        self.result: WhatIfResult | None = None
        self.aggregation = QComboBox()
        for key in ("trimmed", "mean", "median"):
            self.aggregation.addItem("", key)
        self.zscores = QCheckBox()
        self.program_box = QComboBox()
        self.program_box.currentIndexChanged.connect(self._program_changed)
        self.pass_check = QCheckBox()
        self.pass_score = QDoubleSpinBox()
        self.pass_score.setRange(0, 100)
        self.pass_score.setDecimals(1)
        self.pass_score.setSingleStep(0.5)
        self.quota_check = QCheckBox()
        self.quota = QSpinBox()
        self.quota.setRange(0, 100000)
        self.pass_check.toggled.connect(self.pass_score.setEnabled)
        self.quota_check.toggled.connect(self.quota.setEnabled)
        self.pass_score.setEnabled(False)
        self.quota.setEnabled(False)
        self.run_button = QPushButton()
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.stability_button = QPushButton()
        self.stability_button.clicked.connect(self.console.run_stability)
        self.group = QGroupBox()
        form = QFormLayout(self.group)
        self.aggregation_label, self.program_label = QLabel(), QLabel()
        form.addRow(self.aggregation_label, self.aggregation)
        form.addRow("", self.zscores)
        form.addRow(self.program_label, self.program_box)
        row1 = QHBoxLayout()
        row1.addWidget(self.pass_check)
        row1.addWidget(self.pass_score)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.quota_check)
        row2.addWidget(self.quota)
        row2.addStretch(1)
        form.addRow("", _wrap(row1))
        form.addRow("", _wrap(row2))
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stability_button)
        buttons.addStretch(1)
        form.addRow("", _wrap(buttons))
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setProperty("heading", True)
        self.model = RowsModel([
            Column(lambda c: c.application_id),
            Column(lambda c: c.program),
            Column(lambda c: c.enterprise),
            Column(lambda c: status_text(c.before, lang()), background=lambda c: STATUS_COLOURS[c.before][0]),
            Column(lambda c: status_text(c.after, lang()), background=lambda c: STATUS_COLOURS[c.after][0],
                   bold=lambda c: True),
            Column(lambda c: f"{score_text(c.score_before)} → {score_text(c.score_after)}"
                   if c.score_before != c.score_after else score_text(c.score_after)),
            Column(self._reason_before, tooltip=self._reason_before),
            Column(self._reason_after, tooltip=self._reason_after),
        ], key=lambda c: c.application_id, search=lambda c: f"{c.application_id} {c.enterprise} {c.program}")
        self.view = table_view(self.model)
        self.view.doubleClicked.connect(lambda i: self.console.show_application(self.model.row_at(i.row())
                                                                                .application_id))
        self.changes_title = section()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.group)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes_title)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("What-if"))
        self.note.setText(self.tr("Try other rules on the same scores and see which applications would change "
                                  "status. Nothing here changes the session or the shortlist of record."))
        self.group.setTitle(self.tr("Rules to try"))
        self.aggregation_label.setText(self.tr("Aggregation:"))
        names = {"trimmed": self.tr("Trimmed mean (drop highest and lowest from 5 reviews) — the rule of record"),
                 "mean": self.tr("Mean of all complete reviews"), "median": self.tr("Median")}
        for i in range(self.aggregation.count()):
            self.aggregation.setItemText(i, names[self.aggregation.itemData(i)])
        self.zscores.setText(self.tr("Normalise each expert's totals (z-scores), so harsh and lenient experts weigh "
                                     "alike"))
        self.program_label.setText(self.tr("For the program:"))
        self.pass_check.setText(self.tr("Pass score"))
        self.quota_check.setText(self.tr("Quota"))
        self.run_button.setText(self.tr("Show what would change"))
        self.stability_button.setText(self.tr("Check stability (leave each expert out)"))
        self.changes_title.setText(self.tr("Applications that would change status"))
        self.model.set_headers([self.tr("Application"), self.tr("Program"), self.tr("Enterprise"), self.tr("Now"),
                                self.tr("Would be"), self.tr("Score"), self.tr("Reason now"),
                                self.tr("Reason then")])
        self._fill_programs()
        self._show_result()

    def _reason_before(self, c: Change) -> str:
        return reason_text(c.reason_before, lang(), conditions_of(self.snapshot, c.program) if self.snapshot else {})

    def _reason_after(self, c: Change) -> str:
        return reason_text(c.reason_after, lang(), conditions_of(self.snapshot, c.program) if self.snapshot else {})

    def _fill_programs(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        current = self.program_box.currentData()
        self.program_box.blockSignals(True)
        self.program_box.clear()
        for r in snap.shortlist.programs:
            self.program_box.addItem(f"{r.program.id} {program_name(snap, r.program.id)}", r.program.id)
        self.program_box.setCurrentIndex(max(0, self.program_box.findData(current)) if current else 0)
        self.program_box.blockSignals(False)
        self._program_changed()

    def _program_changed(self) -> None:
        if self.snapshot is None:
            return
        p = self.snapshot.policy.program(str(self.program_box.currentData()))
        if p is None:
            return
        if not self.pass_check.isChecked():
            self.pass_score.setValue(float(p.pass_score))
        if not self.quota_check.isChecked():
            self.quota.setValue(p.quota or 0)
        self.quota_check.setToolTip(self.tr("The catalog's quota: {q}").format(
            q=p.quota if p.quota is not None else self.tr("none")))

    def show_snapshot(self, snap: Snapshot) -> None:
        stale = self.snapshot is not None and self.snapshot.inputs is not snap.inputs
        super().show_snapshot(snap)
        self._fill_programs()
        if stale and self.result is not None:
            self.result = None  # computed from older inputs
            self._show_result()

    def options(self) -> Options:
        pid = str(self.program_box.currentData())
        pass_score = {pid: Decimal(f"{self.pass_score.value():.1f}")} if self.pass_check.isChecked() else {}
        quota = {pid: self.quota.value()} if self.quota_check.isChecked() else {}
        return Options(aggregation=str(self.aggregation.currentData()), zscores=self.zscores.isChecked(),
                       pass_score=pass_score, quota=quota)

    def set_options(self, *, aggregation: str = "trimmed", zscores: bool = False, program: str | None = None,
                    pass_score: Decimal | None = None, quota: int | None = None) -> None:
        """Fill the form as a person would (for tests and scripts)."""
        self.aggregation.setCurrentIndex(max(0, self.aggregation.findData(aggregation)))
        self.zscores.setChecked(zscores)
        if program is not None:
            self.program_box.setCurrentIndex(max(0, self.program_box.findData(program)))
        self.pass_check.setChecked(pass_score is not None)
        if pass_score is not None:
            self.pass_score.setValue(float(pass_score))
        self.quota_check.setChecked(quota is not None)
        if quota is not None:
            self.quota.setValue(quota)

    def run(self):
        return self.console.run_what_if(self.options())

    def show_result(self, result: WhatIfResult) -> None:
        self.result = result
        self._show_result()

    def _show_result(self) -> None:
        r = self.result
        if r is None:
            self.summary.setText(self.tr("Choose the rules to try, then “Show what would change”."))
            self.model.set_rows([])
            return
        self.summary.setText(self.tr("Applications that would change status: {n}. Awards: {a0} → {a1}; amount: "
                                     "{m0} → {m1} yuan. The session is unchanged.").format(
            n=len(r.changes), a0=r.awarded_before, a1=r.awarded_after, m0=format_yuan(r.amount_before),
            m1=format_yuan(r.amount_after)))
        self.model.set_rows(r.changes)
        fit_columns(self.view, {2: 220})


def _wrap(layout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w


__all__ = ["QuotaLineDelegate", "RankingPage", "WhatIfPage"]
