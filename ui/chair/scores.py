"""Scores: the application × expert matrix with disagreements flagged, and each expert's
calibration (their mean against the panel's on the same applications) as a chart."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ..qt import (
    HAS_CHARTS,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QCheckBox,
    QColor,
    QHBoxLayout,
    QHorizontalBarSeries,
    QLabel,
    QLineEdit,
    QPainter,
    QSplitter,
    Qt,
    QTabWidget,
    QValueAxis,
    QVBoxLayout,
    QWidget,
)
from .data import Calibration, Matrix, Snapshot
from .models import RIGHT, Column, MatrixModel, RowsModel, score_text
from .pages import Page, fit_columns, table_view

if TYPE_CHECKING:
    from .window import ChairWindow


def signed(d: Decimal | None) -> str:
    if d is None:
        return ""
    return f"+{d:.2f}" if d > 0 else f"{d:.2f}"


class ScoresPage(Page):
    """The matrix (loaded on demand: at 20,000 × 40 it is the biggest read of the console) and
    the calibration chart."""

    def __init__(self, console: ChairWindow):
        super().__init__(console)
        self.matrix: Matrix | None = None
        self.tabs = QTabWidget()
        # -- matrix
        self.only_flagged = QCheckBox()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(240)
        self.flag_note = QLabel()
        self.flag_note.setObjectName("note")
        self.flag_note.setWordWrap(True)
        self.model = MatrixModel()
        self.view = table_view(self.model)  # type: ignore[arg-type]
        self.view.doubleClicked.connect(self._open)
        self.only_flagged.toggled.connect(self.model.set_only_flagged)
        self.search.textChanged.connect(self.model.set_filter)
        bar = QHBoxLayout()
        bar.addWidget(self.only_flagged)
        bar.addWidget(self.search)
        bar.addWidget(self.flag_note, 1)
        matrix_tab = QWidget()
        mv = QVBoxLayout(matrix_tab)
        mv.addLayout(bar)
        mv.addWidget(self.view, 1)
        # -- calibration
        self.calibration_model = RowsModel([
            Column(lambda c: c.expert_id), Column(lambda c: c.name),
            Column(lambda c: str(c.scored), align=RIGHT, sort_key=lambda c: c.scored),
            Column(lambda c: score_text(c.own_mean), align=RIGHT, sort_key=lambda c: c.own_mean),
            Column(lambda c: score_text(c.panel_mean), align=RIGHT, sort_key=lambda c: c.panel_mean),
            Column(lambda c: signed(c.difference), align=RIGHT, sort_key=lambda c: c.difference,
                   foreground=lambda c: _bias_colour(c.difference)),
        ], key=lambda c: c.expert_id)
        self.calibration_view = table_view(self.calibration_model)
        self.calibration_note = QLabel()
        self.calibration_note.setWordWrap(True)
        self.calibration_note.setObjectName("note")
        self.chart_view = None
        self.chart = None
        split = QSplitter()
        if HAS_CHARTS:
            self.chart = QChart()
            self.chart.legend().setVisible(False)
            self.chart.setBackgroundRoundness(0)
            self.chart_view = QChartView(self.chart)
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setMinimumWidth(380)
            split.addWidget(self.chart_view)
        split.addWidget(self.calibration_view)
        split.setSizes([520, 640])
        calibration_tab = QWidget()
        cv = QVBoxLayout(calibration_tab)
        cv.addWidget(self.calibration_note)
        cv.addWidget(split, 1)
        self.tabs.addTab(matrix_tab, "")
        self.tabs.addTab(calibration_tab, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Scores"))
        self.tabs.setTabText(0, self.tr("Application × expert"))
        self.tabs.setTabText(1, self.tr("Calibration of the experts"))
        self.only_flagged.setText(self.tr("Only disagreements"))
        self.search.setPlaceholderText(self.tr("Search id, enterprise…"))
        self.model.set_headers([self.tr("Application"), self.tr("Program"), self.tr("Enterprise"),
                                self.tr("Reviews"), self.tr("Mean"), self.tr("Range"), self.tr("Std. dev."),
                                self.tr("Flag")])
        self.calibration_model.set_headers([self.tr("Expert"), self.tr("Name"), self.tr("Applications scored"),
                                            self.tr("Their mean"), self.tr("Panel's mean, same applications"),
                                            self.tr("Difference")])
        self.calibration_note.setText(self.tr(
            "Each expert's mean total against the panel's mean on the same applications. A large difference "
            "marks a harsh (below) or lenient (above) expert; the trimmed mean and the what-if z-scores soften it."))
        self._flag_note()
        if self.snapshot is not None:
            self._chart(self.snapshot.calibration)

    def _flag_note(self) -> None:
        m = self.matrix
        if m is None:
            self.flag_note.setText(self.tr("Loading the scores…") if self.console.path else "")
            return
        self.flag_note.setText(self.tr(
            "Flagged: {n} — the experts' totals have a range of at least {r} points or a standard deviation of at "
            "least {sd} (Settings). Totals in brackets are incomplete reviews. Double-click a row for each criterion "
            "and the comments.").format(n=m.flagged_count(), r=m.thresholds.score_range,
                                                          sd=m.thresholds.std_dev))

    def show_snapshot(self, snap: Snapshot) -> None:
        super().show_snapshot(snap)
        self.calibration_model.set_rows(snap.calibration)
        fit_columns(self.calibration_view)
        self._chart(snap.calibration)

    def show_matrix(self, matrix: Matrix | None) -> None:
        self.matrix = matrix
        self.model.set_matrix(matrix)
        self._flag_note()
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        fit_columns(self.view, {2: 220})
        if matrix is not None:
            for j in range(len(matrix.expert_ids)):
                header.resizeSection(MatrixModel.FIXED + j, 64)

    def _chart(self, rows: list[Calibration]) -> None:
        if self.chart is None:
            return
        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        rows = [c for c in rows if c.difference is not None]
        chart.setTitle(self.tr("Mean total minus the panel's mean (points)"))
        if not rows:
            return
        rows = list(reversed(rows))  # the first expert on top
        bars = QBarSet(self.tr("Difference"))
        bars.setColor(QColor("#35597c"))
        for c in rows:
            bars.append(float(c.difference))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(0.6)
        chart.addSeries(series)
        cats = QBarCategoryAxis()
        cats.append([f"{c.expert_id} {c.name}" for c in rows])
        values = QValueAxis()
        top = max(1.0, max(abs(float(c.difference)) for c in rows))
        top = float(int(top) + 1)
        values.setRange(-top, top)
        values.setTickCount(5)
        values.setLabelFormat("%.1f")
        chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(cats)
        series.attachAxis(values)

    def _open(self, index) -> None:
        self.console.show_application(self.model.application_at(index.row()))


def _bias_colour(d: Decimal | None) -> str | None:
    if d is None or abs(d) < 2:
        return None
    return "#9a3412" if d > 0 else "#1e4e8c"


__all__ = ["ScoresPage"]
