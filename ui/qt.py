"""The one place the desktop app imports PySide6 from, loading each Qt name on first use.

Every other module in ``ui/`` imports Qt names from here (``from ui.qt import QWidget``), so a
change of binding, a renamed enum or a version work-around is made once. Add names to
:data:`_WHERE` as they are needed, under their Qt module.

Names are looked up lazily (PEP 562 ``__getattr__``): PySide6 builds a class's Python type, with
all its enums, the first time the class is taken from its module, and the start page must not pay
for the charts, PDF viewer and table classes the chair's console needs later. That cost was most of
the start-up time: importing every name eagerly made the first window take 2× a bare
``QMainWindow``. ``QtPdf``/``QtPdfWidgets`` and ``QtCharts`` come from PySide6-Addons; when
missing, their names are ``None`` and :data:`HAS_QTPDF` / :data:`HAS_CHARTS` are false (the
document pane then says PDFs cannot be shown; the chair's calibration chart is left out).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Qt module → the names taken from it.
_MODULES: dict[str, tuple[str, ...]] = {
    "QtCore": (
        "QAbstractTableModel", "QBuffer", "QByteArray", "QCoreApplication", "QEvent", "QEventLoop",
        "QIODevice", "QLibraryInfo", "QLocale", "QMarginsF", "QMimeData", "QModelIndex", "QObject",
        "QPersistentModelIndex", "QPoint", "QPointF", "QRect", "QRectF", "QRunnable", "QSettings",
        "QSize", "QStandardPaths", "QStorageInfo", "Qt", "QThread", "QThreadPool", "QTimer",
        "QTranslator", "QUrl", "Signal", "Slot", "qVersion",
    ),
    "QtGui": (
        "QAction", "QBrush", "QCloseEvent", "QColor", "QDesktopServices", "QDragEnterEvent",
        "QDropEvent", "QFocusEvent", "QFont", "QFontDatabase", "QFontInfo", "QGuiApplication",
        "QIcon", "QImage", "QKeyEvent", "QKeySequence", "QPainter", "QPalette", "QPen", "QPixmap",
        "QResizeEvent", "QShortcut", "QUndoCommand", "QUndoStack", "QValidator",
    ),
    "QtSvg": (
        "QSvgRenderer",
    ),
    "QtWidgets": (
        "QAbstractItemView", "QApplication", "QCheckBox", "QComboBox", "QDialog",
        "QDialogButtonBox", "QDoubleSpinBox", "QFileDialog", "QFormLayout", "QFrame", "QGridLayout",
        "QGroupBox", "QHBoxLayout", "QHeaderView", "QLabel", "QLineEdit", "QListWidget",
        "QListWidgetItem", "QMainWindow", "QMenu", "QMenuBar", "QMessageBox", "QPlainTextEdit",
        "QProgressBar", "QProgressDialog", "QPushButton", "QScrollArea", "QSizePolicy", "QSpinBox",
        "QSplitter", "QStackedWidget", "QStatusBar", "QStyle", "QStyledItemDelegate",
        "QStyleFactory", "QStyleOptionViewItem", "QTabBar", "QTableView", "QTableWidget",
        "QTableWidgetItem", "QTabWidget", "QTextBrowser", "QToolButton", "QVBoxLayout", "QWidget",
    ),
    "QtPdf": (
        "QPdfDocument", "QPdfLink", "QPdfPageNavigator", "QPdfSearchModel",
    ),
    "QtPdfWidgets": (
        "QPdfView",
    ),
    "QtCharts": (
        "QBarCategoryAxis", "QBarSet", "QChart", "QChartView", "QHorizontalBarSeries", "QValueAxis",
    ),
}
_WHERE: dict[str, str] = {name: module for module, names in _MODULES.items() for name in names}
# Optional modules (PySide6-Addons) and the flag that says whether they loaded.
_OPTIONAL: dict[str, str] = {"QtPdf": "HAS_QTPDF", "QtPdfWidgets": "HAS_QTPDF", "QtCharts": "HAS_CHARTS"}


def _optional_available(flag: str) -> bool:
    modules = [m for m, f in _OPTIONAL.items() if f == flag]
    try:
        for module in modules:
            importlib.import_module(f"PySide6.{module}")
    except ImportError:
        return False
    return True


def __getattr__(name: str) -> Any:
    """Take ``name`` from its Qt module the first time it is asked for, then keep it here."""
    g = globals()
    if name in ("HAS_QTPDF", "HAS_CHARTS"):
        value: Any = _optional_available(name)
    elif name == "PYSIDE_VERSION":
        from PySide6 import __version__ as value
    elif name == "QT_VERSION":
        value = __getattr__("qVersion")()
    elif name == "is_valid":
        from shiboken6 import isValid as value
    elif name in _WHERE:
        module = _WHERE[name]
        try:
            value = getattr(importlib.import_module(f"PySide6.{module}"), name)
        except ImportError:
            if module not in _OPTIONAL:
                raise
            value = None  # a build without PySide6-Addons: callers check HAS_QTPDF / HAS_CHARTS
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    g[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # what type checkers and PyInstaller's import analysis see
    from PySide6 import __version__ as PYSIDE_VERSION
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QChartView,
        QHorizontalBarSeries,
        QValueAxis,
    )
    from PySide6.QtCore import (
        QAbstractTableModel,
        QBuffer,
        QByteArray,
        QCoreApplication,
        QEvent,
        QEventLoop,
        QIODevice,
        QLibraryInfo,
        QLocale,
        QMarginsF,
        QMimeData,
        QModelIndex,
        QObject,
        QPersistentModelIndex,
        QPoint,
        QPointF,
        QRect,
        QRectF,
        QRunnable,
        QSettings,
        QSize,
        QStandardPaths,
        QStorageInfo,
        Qt,
        QThread,
        QThreadPool,
        QTimer,
        QTranslator,
        QUrl,
        Signal,
        Slot,
    )
    from PySide6.QtGui import (
        QAction,
        QBrush,
        QCloseEvent,
        QColor,
        QDesktopServices,
        QDragEnterEvent,
        QDropEvent,
        QFocusEvent,
        QFont,
        QFontDatabase,
        QFontInfo,
        QGuiApplication,
        QIcon,
        QImage,
        QKeyEvent,
        QKeySequence,
        QPainter,
        QPalette,
        QPen,
        QPixmap,
        QResizeEvent,
        QShortcut,
        QUndoCommand,
        QUndoStack,
        QValidator,
    )
    from PySide6.QtPdf import (
        QPdfDocument,
        QPdfLink,
        QPdfPageNavigator,
        QPdfSearchModel,
    )
    from PySide6.QtPdfWidgets import (
        QPdfView,
    )
    from PySide6.QtSvg import (
        QSvgRenderer,
    )
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QApplication,
        QCheckBox,
        QComboBox,
        QDialog,
        QDialogButtonBox,
        QDoubleSpinBox,
        QFileDialog,
        QFormLayout,
        QFrame,
        QGridLayout,
        QGroupBox,
        QHBoxLayout,
        QHeaderView,
        QLabel,
        QLineEdit,
        QListWidget,
        QListWidgetItem,
        QMainWindow,
        QMenu,
        QMenuBar,
        QMessageBox,
        QPlainTextEdit,
        QProgressBar,
        QProgressDialog,
        QPushButton,
        QScrollArea,
        QSizePolicy,
        QSpinBox,
        QSplitter,
        QStackedWidget,
        QStatusBar,
        QStyle,
        QStyledItemDelegate,
        QStyleFactory,
        QStyleOptionViewItem,
        QTabBar,
        QTableView,
        QTableWidget,
        QTableWidgetItem,
        QTabWidget,
        QTextBrowser,
        QToolButton,
        QVBoxLayout,
        QWidget,
    )
    from shiboken6 import isValid as is_valid

    HAS_QTPDF: bool
    HAS_CHARTS: bool
    QT_VERSION: str

__all__ = [
    "HAS_CHARTS",
    "HAS_QTPDF",
    "is_valid",
    "PYSIDE_VERSION",
    "QAbstractItemView",
    "QAbstractTableModel",
    "QAction",
    "QApplication",
    "QBarCategoryAxis",
    "QBarSet",
    "QBrush",
    "QBuffer",
    "QByteArray",
    "QChart",
    "QChartView",
    "QCheckBox",
    "QCloseEvent",
    "QColor",
    "QComboBox",
    "QCoreApplication",
    "QDesktopServices",
    "QDialog",
    "QDialogButtonBox",
    "QDoubleSpinBox",
    "QDragEnterEvent",
    "QDropEvent",
    "QEvent",
    "QEventLoop",
    "QFileDialog",
    "QFocusEvent",
    "QFont",
    "QFontDatabase",
    "QFontInfo",
    "QFormLayout",
    "QFrame",
    "QGridLayout",
    "QGroupBox",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QHorizontalBarSeries",
    "QIcon",
    "QImage",
    "QIODevice",
    "QKeyEvent",
    "QKeySequence",
    "QLabel",
    "QLibraryInfo",
    "QLineEdit",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QMainWindow",
    "QMarginsF",
    "QMenu",
    "QMenuBar",
    "QMessageBox",
    "QMimeData",
    "QModelIndex",
    "QObject",
    "QPainter",
    "QPalette",
    "QPdfDocument",
    "QPdfLink",
    "QPdfPageNavigator",
    "QPdfSearchModel",
    "QPdfView",
    "QPen",
    "QPersistentModelIndex",
    "QPixmap",
    "QPlainTextEdit",
    "QPoint",
    "QPointF",
    "QProgressBar",
    "QProgressDialog",
    "QPushButton",
    "QRect",
    "QRectF",
    "QResizeEvent",
    "QRunnable",
    "QScrollArea",
    "QSettings",
    "QShortcut",
    "QSize",
    "QSizePolicy",
    "QSpinBox",
    "QSplitter",
    "QStackedWidget",
    "QStandardPaths",
    "QStatusBar",
    "QStorageInfo",
    "QStyle",
    "QStyledItemDelegate",
    "QStyleFactory",
    "QStyleOptionViewItem",
    "QSvgRenderer",
    "Qt",
    "QT_VERSION",
    "QTabBar",
    "QTableView",
    "QTableWidget",
    "QTableWidgetItem",
    "QTabWidget",
    "QTextBrowser",
    "QThread",
    "QThreadPool",
    "QTimer",
    "QToolButton",
    "QTranslator",
    "QUndoCommand",
    "QUndoStack",
    "QUrl",
    "QValidator",
    "QValueAxis",
    "QVBoxLayout",
    "QWidget",
    "Signal",
    "Slot",
]
