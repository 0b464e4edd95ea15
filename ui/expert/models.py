"""The expert's table models: the application list and the enterprises for conflicts of interest.

:class:`ApplicationListModel` holds the ids, states and totals of the applications its filter
selects (one SQL query, cheap even for 20,000 rows) and loads the text columns lazily, a page
at a time, when the view asks for them. Filtering and sorting are done in SQL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from ..qt import QAbstractTableModel, QColor, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from ..style import MUTED, SUBTLE
from .workcopy import COMPLETE, IN_PROGRESS, NOT_STARTED, RECUSED, ListFilter, Row, WorkCopy, points_text

PAGE = 200
ID_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


def state_name(state: int) -> str:
    """未开始 / 进行中 / 已完成 / 回避 (or English)."""
    return {
        NOT_STARTED: QCoreApplication.translate("ApplicationListModel", "Not started"),
        IN_PROGRESS: QCoreApplication.translate("ApplicationListModel", "In progress"),
        COMPLETE: QCoreApplication.translate("ApplicationListModel", "Complete"),
        RECUSED: QCoreApplication.translate("ApplicationListModel", "Recused"),
    }[state]


STATE_COLOURS = {NOT_STARTED: MUTED, IN_PROGRESS: "#a86a12", COMPLETE: "#2e7d4f", RECUSED: SUBTLE}


class ApplicationListModel(QAbstractTableModel):
    """Applications of a work copy: id, enterprise, project, program, state, total."""

    ID, ENTERPRISE, PROJECT, PROGRAM, STATE, TOTAL = range(6)
    COLUMNS = 6

    def __init__(self, work: WorkCopy, parent=None):  # noqa: ANN001 - a QObject
        super().__init__(parent)
        self.work = work
        self.filter = ListFilter()
        self._ids: list[str] = []
        self._states: list[int] = []
        self._totals: list[int] = []
        self._row_of: dict[str, int] = {}
        self._cache: dict[str, Row] = {}
        self.pages_loaded = 0
        self.refresh()

    # -- contents -------------------------------------------------------------------------------

    def set_filter(self, flt: ListFilter) -> None:
        self.filter = flt
        self.refresh()

    def refresh(self) -> None:
        """Ask the work copy again for the rows the filter selects."""
        self.beginResetModel()
        listed = self.work.list_ids(self.filter)
        self._ids = [r[0] for r in listed]
        self._states = [r[1] for r in listed]
        self._totals = [r[2] for r in listed]
        self._row_of = {aid: i for i, aid in enumerate(self._ids)}
        self._cache.clear()
        self.endResetModel()

    def application_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, application_id: str) -> int | None:
        return self._row_of.get(application_id)

    def state_at(self, row: int) -> int:
        return self._states[row]

    def update_application(self, application_id: str, state_total: tuple[int, int] | None = None) -> None:
        """One application's state and total changed (a score was saved): update its row only."""
        row = self._row_of.get(application_id)
        if row is None:
            return
        state, total = state_total if state_total is not None else self.work.state(application_id)
        if (state, total) != (self._states[row], self._totals[row]):
            self._states[row], self._totals[row] = state, total
            self.dataChanged.emit(self.index(row, self.STATE), self.index(row, self.TOTAL))

    def _row(self, row: int) -> Row | None:
        aid = self._ids[row]
        cached = self._cache.get(aid)
        if cached is None:
            start = row - row % PAGE
            page = self._ids[start:start + PAGE]
            self._cache.update(self.work.rows(page))
            self.pages_loaded += 1
            cached = self._cache.get(aid)
        return cached

    # -- Qt -------------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("No."), self.tr("Enterprise"), self.tr("Project"), self.tr("Program"),
                    self.tr("State"), self.tr("Total")][section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == self.TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        row, col = index.row(), index.column()
        state = self._states[row]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            if col == self.ID:
                return self._ids[row]
            if col == self.STATE:
                return state_name(state)
            if col == self.TOTAL:
                return points_text(self._totals[row]) if state in (IN_PROGRESS, COMPLETE) else ""
            r = self._row(row)
            if r is None:
                return None
            if col == self.ENTERPRISE:
                return r.enterprise if role == Qt.ItemDataRole.DisplayRole else f"{r.enterprise}\n{r.credit_code}"
            if col == self.PROJECT:
                return r.project
            if col == self.PROGRAM:
                if role == Qt.ItemDataRole.ToolTipRole:
                    program = self.work.programs.get(r.program)
                    return f"{r.program} {program.name}" if program else r.program
                return r.program
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if state == RECUSED:
                return QColor(SUBTLE)
            if col == self.STATE:
                return QColor(STATE_COLOURS[state])
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return self._ids[row]
        if role == STATE_ROLE:
            return state
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        if not 0 <= column < self.COLUMNS or (column, descending) == (self.filter.sort_column,
                                                                     self.filter.descending):
            return
        self.layoutAboutToBeChanged.emit()
        old = {aid: i for i, aid in enumerate(self._ids)}
        persistent = self.persistentIndexList()
        self.filter = dataclasses.replace(self.filter, sort_column=column, descending=descending)
        listed = self.work.list_ids(self.filter)
        self._ids = [r[0] for r in listed]
        self._states = [r[1] for r in listed]
        self._totals = [r[2] for r in listed]
        self._row_of = {aid: i for i, aid in enumerate(self._ids)}
        moved_from = {i: aid for aid, i in old.items()}
        new_indexes = []
        for idx in persistent:
            aid = moved_from.get(idx.row())
            new_row = self._row_of.get(aid) if aid is not None else None
            new_indexes.append(QModelIndex() if new_row is None else self.index(new_row, idx.column()))
        self.changePersistentIndexList(persistent, new_indexes)
        self.layoutChanged.emit()


class EnterpriseModel(QAbstractTableModel):
    """The enterprises of the session, checkable: a tick is a declared conflict of interest.

    Ticking calls ``on_toggle(credit_code, declared) -> bool``; the tick changes only when it
    returns ``True`` (the change was saved). A search text narrows the rows.
    """

    NAME, CODE, APPLICATIONS = range(3)

    def __init__(self, work: WorkCopy, on_toggle: Callable[[str, bool], bool], parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.work = work
        self.on_toggle = on_toggle
        self._all = work.enterprises()
        self._declared = work.conflicts()
        self._rows = list(self._all)
        self.search = ""

    def set_search(self, text: str) -> None:
        self.beginResetModel()
        self.search = text.strip()
        needle = self.search.casefold()
        self._rows = [r for r in self._all if not needle or needle in r[1].casefold() or needle in r[0].casefold()]
        self.endResetModel()

    def declared(self) -> set[str]:
        return set(self._declared)

    def code_at(self, row: int) -> str:
        return self._rows[row][0]

    def row_of(self, credit_code: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r[0] == credit_code:
                return i
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return [self.tr("Enterprise"), self.tr("Credit code"), self.tr("Applications")][section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        code, name, count = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (name, code, str(count))[col]
        if role == Qt.ItemDataRole.CheckStateRole and col == self.NAME:
            return Qt.CheckState.Checked if code in self._declared else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.APPLICATIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.NAME:
            return self.tr("Tick to declare a conflict of interest with this enterprise")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == self.NAME:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != self.NAME:
            return False
        code = self._rows[index.row()][0]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        if checked == (code in self._declared):
            return False
        if not self.on_toggle(code, checked):
            return False
        if checked:
            self._declared.add(code)
        else:
            self._declared.discard(code)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
