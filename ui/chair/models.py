"""Table models of the chair's console.

The big tables (ranking, scores matrix, applications) hold plain rows from :mod:`ui.chair.data`
and compute a cell only when the view asks for it; sorting and filtering permute a list of row
numbers, so 20,000 rows sort in milliseconds and the view never waits on the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reviewdesk.reports.model import format_yuan, reason_text, status_text
from reviewdesk.shortlist import Entry, ProgramResult

from .. import i18n
from ..qt import (
    QAbstractTableModel,
    QBrush,
    QColor,
    QCoreApplication,
    QFont,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from .data import Matrix

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
FONT = Qt.ItemDataRole.FontRole
KEY_ROLE = Qt.ItemDataRole.UserRole  # the row's key (an application id, an expert id…)

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

# Status colours (background, text): awarded green, reserve amber, excluded grey.
STATUS_COLOURS = {
    "awarded": ("#dcefe0", "#1d5b2f"),
    "reserve": ("#fbecc8", "#7a5200"),
    "excluded": ("#eceff2", "#5b6875"),
}
FLAG_BACKGROUND = "#fbe3d6"
HIGH_CELL, LOW_CELL = "#f6d4cc", "#d6e4f5"
MUTED_TEXT = "#8a96a3"


def lang() -> str:
    """The language for the core's words (``reason_text``, ``status_text``): "zh" or "en"."""
    return "zh" if i18n.current() == i18n.CHINESE else "en"


def score_text(d: Decimal | None) -> str:
    return "" if d is None else f"{d:.2f}"


def total_text(total2: int) -> str:
    return f"{total2 // 2}" if total2 % 2 == 0 else f"{total2 / 2:.1f}"


# ----------------------------------------------------------------------------- a table of plain rows
@dataclass
class Column:
    """How one column shows a row. ``text`` is required; the rest are optional."""

    text: Callable[[Any], str]
    tooltip: Callable[[Any], str | None] | None = None
    background: Callable[[Any], str | None] | None = None
    foreground: Callable[[Any], str | None] | None = None
    align: int | None = None
    sort_key: Callable[[Any], Any] | None = None
    bold: Callable[[Any], bool] | None = None


class RowsModel(QAbstractTableModel):
    """A read-only table of plain rows, sortable and filterable, with headers set by its page."""

    def __init__(self, columns: Sequence[Column], parent=None, *, key: Callable[[Any], str] | None = None,
                 search: Callable[[Any], str] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.headers = [""] * len(self.columns)
        self._rows: list[Any] = []
        self._view: list[int] = []
        self._key = key
        self._search = search
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- contents
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._apply()
        self.endResetModel()

    def rows(self) -> list[Any]:
        return [self._rows[i] for i in self._view]

    def row_at(self, row: int) -> Any:
        return self._rows[self._view[row]]

    def row_of_key(self, key: str) -> int | None:
        if self._key is None:
            return None
        for r, i in enumerate(self._view):
            if self._key(self._rows[i]) == key:
                return r
        return None

    def set_headers(self, headers: Sequence[str]) -> None:
        self.headers = list(headers) + [""] * (len(self.columns) - len(headers))
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def set_filter(self, text: str) -> None:
        text = text.strip().casefold()
        if text == self._filter:
            return
        self.beginResetModel()
        self._filter = text
        self._apply()
        self.endResetModel()

    def _apply(self) -> None:
        view = list(range(len(self._rows)))
        if self._filter and self._search is not None:
            view = [i for i in view if self._filter in self._search(self._rows[i]).casefold()]
        if self._sort is not None:
            column, order = self._sort
            col = self.columns[column]
            keyf = col.sort_key or col.text
            keys = {i: keyf(self._rows[i]) for i in view}
            present = [i for i in view if keys[i] is not None and keys[i] != ""]
            absent = [i for i in view if keys[i] is None or keys[i] == ""]
            present.sort(key=lambda i: keys[i], reverse=order == Qt.SortOrder.DescendingOrder)
            view = present + absent  # empty cells last either way
        self._view = view

    # -- Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._view)):
            return None
        row = self._rows[self._view[index.row()]]
        col = self.columns[index.column()]
        if role == DISPLAY:
            return col.text(row)
        if role == TOOLTIP and col.tooltip is not None:
            return col.tooltip(row) or None
        if role == BACKGROUND and col.background is not None:
            c = col.background(row)
            return QBrush(QColor(c)) if c else None
        if role == FOREGROUND and col.foreground is not None:
            c = col.foreground(row)
            return QBrush(QColor(c)) if c else None
        if role == ALIGN and col.align is not None:
            return col.align
        if role == FONT and col.bold is not None and col.bold(row):
            f = QFont()
            f.setBold(True)
            return f
        if role == KEY_ROLE and self._key is not None:
            return self._key(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = list(self._view)
        self._sort = (column, order)
        self._apply()
        # Keep persistent indexes (selection) on their rows.
        where = {i: r for r, i in enumerate(self._view)}
        frm, to = [], []
        for p in self.persistentIndexList():
            if p.row() < len(old) and old[p.row()] in where:
                frm.append(p)
                to.append(self.index(where[old[p.row()]], p.column()))
        self.changePersistentIndexList(frm, to)
        self.layoutChanged.emit()


# ----------------------------------------------------------------------------- ranking of one program
class RankingModel(RowsModel):
    """One program's entries in rank order, then the excluded ones; the quota line is drawn under
    :attr:`line_row` by :class:`ui.chair.ranking.QuotaLineDelegate`."""

    RANK, APP, ENTERPRISE, PROJECT, SCORE, REVIEWS, STATUS, AMOUNT, STABILITY, REASON = range(10)

    def __init__(self, parent=None):
        self.result: ProgramResult | None = None
        self.conditions: dict[str, str] = {}
        self.fragile: dict[str, list[str]] = {}
        self.expert_names: dict[str, str] = {}
        self.line_row: int | None = None
        columns = [
            Column(self._rank_text, align=CENTER, sort_key=lambda e: e.rank, tooltip=self._rank_tip),
            Column(lambda e: e.application_id),
            Column(lambda e: e.application.enterprise_name),
            Column(lambda e: e.application.project_name),
            Column(lambda e: score_text(e.score), align=RIGHT, tooltip=self._score_tip,
                   sort_key=lambda e: e.score),
            Column(lambda e: str(e.agg.n), align=RIGHT, sort_key=lambda e: e.agg.n),
            Column(lambda e: status_text(e.status, lang()), background=lambda e: STATUS_COLOURS[e.status][0],
                   foreground=lambda e: STATUS_COLOURS[e.status][1], bold=lambda e: e.status == "awarded"),
            Column(self._amount_text, align=RIGHT, tooltip=self._amount_tip,
                   sort_key=lambda e: e.amount if e.status != "excluded" else None),
            Column(self._stability_text, tooltip=self._stability_tip,
                   foreground=lambda e: "#9a3412" if e.application_id in self.fragile else None),
            Column(self._reason_text, tooltip=self._reason_text,
                   foreground=lambda e: MUTED_TEXT if e.status == "excluded" else None),
        ]
        super().__init__(columns, parent, key=lambda e: e.application_id,
                         search=lambda e: f"{e.application_id} {e.application.enterprise_name} "
                                          f"{e.application.project_name}")

    def set_result(self, result: ProgramResult | None, conditions: dict[str, str] | None = None,
                   expert_names: dict[str, str] | None = None) -> None:
        self.result = result
        self.conditions = dict(conditions or {})
        if expert_names is not None:
            self.expert_names = dict(expert_names)
        self._sort = None
        self.set_rows(result.entries if result is not None else [])

    def set_fragile(self, fragile: dict[str, list[str]]) -> None:
        self.fragile = dict(fragile)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.STABILITY), self.index(self.rowCount() - 1, self.STABILITY))

    def _apply(self) -> None:
        super()._apply()
        self.line_row = self._line_row()

    def _line_row(self) -> int | None:
        """The last awarded row when the program has a quota or a pool and a waiting list below it:
        the line between those funded and those waiting. Only in rank order, unfiltered."""
        r = self.result
        if r is None or self._filter or self._sort is not None or (r.quota is None and r.budget_pool is None):
            return None
        entries = [self._rows[i] for i in self._view]
        last = None
        for row, e in enumerate(entries):
            if e.status == "awarded":
                last = row
        if last is None:
            # Nothing awarded yet (e.g. the quota is used up by earlier awards): the line is on top.
            return -1 if any(e.status == "reserve" for e in entries) else None
        if not any(e.status == "reserve" for e in entries[last + 1:]):
            return None
        return last

    # -- cells
    def _rank_text(self, e: Entry) -> str:
        if e.rank is None:
            return ""
        if not e.tied:
            return str(e.rank)
        return f"{e.rank} " + QCoreApplication.translate("ChairModels", "tied", "tie mark beside a rank")

    def _rank_tip(self, e: Entry) -> str | None:
        if e.tied:
            return QCoreApplication.translate(
                "ChairModels", "Tied: the score and every tie-break criterion are equal; the application id "
                               "decides the order only as a last resort.")
        return None

    def _score_tip(self, e: Entry) -> str | None:
        a = e.agg
        if not a.reviews:
            return QCoreApplication.translate("ChairModels", "No complete review yet")
        kept = ", ".join(f"{r.expert_id} {total_text(r.total2)}" for r in a.kept)
        text = QCoreApplication.translate("ChairModels", "{n} complete reviews; kept: {kept}").format(
            n=a.n, kept=kept)
        if a.dropped:
            dropped = ", ".join(f"{r.expert_id} {total_text(r.total2)}" for r in a.dropped)
            text += "\n" + QCoreApplication.translate("ChairModels", "dropped (highest and lowest): {dropped}").format(
                dropped=dropped)
        return text

    def _reason_text(self, e: Entry) -> str:
        return reason_text(e.reason, lang(), self.conditions)

    def _amount_text(self, e: Entry) -> str:
        return "" if e.status == "excluded" or e.amount is None else format_yuan(e.amount)

    def _amount_tip(self, e: Entry) -> str | None:
        if e.status == "excluded" or e.amount is None:
            return None
        return e.derivation or None

    def _stability_text(self, e: Entry) -> str:
        experts = self.fragile.get(e.application_id)
        if not experts:
            return ""
        names = ", ".join(f"{x} {self.expert_names.get(x, '')}".strip() for x in experts)
        return QCoreApplication.translate("ChairModels", "Rests on one expert: {names}").format(names=names)

    def _stability_tip(self, e: Entry) -> str | None:
        experts = self.fragile.get(e.application_id)
        if not experts:
            return None
        return QCoreApplication.translate(
            "ChairModels", "This award would not stand if the reviews of {names} were left out. Check those "
                           "reviews before signing.").format(names=", ".join(experts))


# ----------------------------------------------------------------------------- application × expert
class MatrixModel(QAbstractTableModel):
    """Application × expert totals, lazily: a cell is formatted only when it is shown."""

    APP, PROGRAM, ENTERPRISE, REVIEWS, MEAN, RANGE, SD, FLAG = range(8)
    FIXED = 8

    def __init__(self, parent=None):
        super().__init__(parent)
        self.matrix: Matrix | None = None
        self._view: list[int] = []
        self._only_flagged = False
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.headers = [""] * self.FIXED

    def set_matrix(self, matrix: Matrix | None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self._apply()
        self.endResetModel()

    def set_headers(self, headers: Sequence[str]) -> None:
        self.headers = list(headers)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))

    def set_only_flagged(self, on: bool) -> None:
        self.beginResetModel()
        self._only_flagged = on
        self._apply()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text.strip().casefold()
        self._apply()
        self.endResetModel()

    def application_at(self, row: int) -> str:
        assert self.matrix is not None
        return self.matrix.application_ids[self._view[row]]

    def _apply(self) -> None:
        m = self.matrix
        if m is None:
            self._view = []
            return
        view = range(len(m.application_ids))
        if self._only_flagged:
            view = [i for i in view if m.flagged[i]]
        if self._filter:
            f = self._filter
            view = [i for i in view if f in m.application_ids[i].casefold() or f in m.enterprises[i].casefold()]
        view = list(view)
        if self._sort is not None:
            column, order = self._sort
            key = self._sort_key(column)
            present = [i for i in view if key(i) is not None]
            absent = [i for i in view if key(i) is None]
            present.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
            view = present + absent
        self._view = view

    def _sort_key(self, column: int) -> Callable[[int], Any]:
        m = self.matrix
        assert m is not None
        fixed: dict[int, Callable[[int], Any]] = {
            self.APP: lambda i: m.application_ids[i], self.PROGRAM: lambda i: m.programs[i],
            self.ENTERPRISE: lambda i: m.enterprises[i], self.REVIEWS: lambda i: m.n[i],
            self.MEAN: lambda i: m.mean[i], self.RANGE: lambda i: m.spread[i], self.SD: lambda i: m.std_dev[i],
            self.FLAG: lambda i: (m.flagged[i], m.spread[i] or 0)}
        if column in fixed:
            return fixed[column]
        j = column - self.FIXED
        return lambda i: m.cells[i][j][0] if j in m.cells[i] else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._view)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid():
            return 0
        return self.FIXED + (len(self.matrix.expert_ids) if self.matrix is not None else 0)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if section >= self.FIXED:
            assert self.matrix is not None
            j = section - self.FIXED
            if role == DISPLAY:
                return self.matrix.expert_ids[j]
            if role == TOOLTIP:
                return self.matrix.expert_names[j]
            return None
        if role == DISPLAY and section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        m = self.matrix
        if m is None or not index.isValid() or not 0 <= index.row() < len(self._view):
            return None
        i = self._view[index.row()]
        c = index.column()
        if c >= self.FIXED:
            return self._cell(m, i, c - self.FIXED, role)
        if role == DISPLAY:
            if c == self.APP:
                return m.application_ids[i]
            if c == self.PROGRAM:
                return m.programs[i]
            if c == self.ENTERPRISE:
                return m.enterprises[i]
            if c == self.REVIEWS:
                return str(m.n[i])
            if c == self.MEAN:
                return score_text(m.mean[i])
            if c == self.RANGE:
                return "" if m.spread[i] is None or m.n[i] < 2 else f"{m.spread[i]:.1f}"
            if c == self.SD:
                return "" if m.std_dev[i] is None or m.n[i] < 2 else f"{m.std_dev[i]:.2f}"
            if c == self.FLAG:
                return QCoreApplication.translate("ChairModels", "Disagree") if m.flagged[i] else ""
            return None
        if role == ALIGN and c in (self.REVIEWS, self.MEAN, self.RANGE, self.SD):
            return RIGHT
        if role == BACKGROUND and c == self.FLAG and m.flagged[i]:
            return QBrush(QColor(FLAG_BACKGROUND))
        if role == FOREGROUND and c == self.FLAG and m.flagged[i]:
            return QBrush(QColor("#9a3412"))
        if role == TOOLTIP and c in (self.RANGE, self.SD, self.FLAG) and m.flagged[i]:
            return QCoreApplication.translate(
                "ChairModels", "The experts' totals spread widely: range {r} (threshold {tr}), standard deviation "
                               "{sd} (threshold {tsd}). Double-click to see each criterion and the comments.").format(
                r=f"{m.spread[i]:.1f}", tr=m.thresholds.score_range, sd=f"{m.std_dev[i]:.2f}",
                tsd=m.thresholds.std_dev)
        if role == KEY_ROLE:
            return m.application_ids[i]
        return None

    def _cell(self, m: Matrix, i: int, j: int, role: int) -> Any:
        cell = m.cells[i].get(j)
        if cell is None:
            if (i, j) in m.conflicted:
                if role == DISPLAY:
                    return QCoreApplication.translate("ChairModels", "conflict", "an expert declared a conflict of interest")
                if role == FOREGROUND:
                    return QBrush(QColor(MUTED_TEXT))
                if role == TOOLTIP:
                    return QCoreApplication.translate(
                        "ChairModels", "{e} declared a conflict of interest with this enterprise").format(
                        e=m.expert_ids[j])
                if role == ALIGN:
                    return CENTER
            return None
        total2, complete = cell
        if role == DISPLAY:
            return total_text(total2) if complete else f"({total_text(total2)})"
        if role == ALIGN:
            return RIGHT
        if role == FOREGROUND and not complete:
            return QBrush(QColor(MUTED_TEXT))
        if role == TOOLTIP and not complete:
            return QCoreApplication.translate(
                "ChairModels", "Incomplete review: not every criterion is scored, so it does not count")
        if role == BACKGROUND and m.flagged[i] and complete:
            totals = [t for t, done in m.cells[i].values() if done]
            if total2 == max(totals):
                return QBrush(QColor(HIGH_CELL))
            if total2 == min(totals):
                return QBrush(QColor(LOW_CELL))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.matrix is None or not 0 <= column < self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply()
        # Persistent indexes are not kept across a sort of this table: the selection is cleared.
        self.changePersistentIndexList(self.persistentIndexList(),
                                       [QModelIndex() for _ in self.persistentIndexList()])
        self.layoutChanged.emit()


__all__ = ["Column", "RowsModel", "RankingModel", "MatrixModel", "STATUS_COLOURS", "KEY_ROLE", "lang", "score_text",
           "total_text"]
