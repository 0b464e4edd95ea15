"""The start page: open a session or work copy, recent files, demo, identity, settings.

It knows nothing of the session windows; it asks :mod:`ui.windows` for the window of a file
and hands over to it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import reviewdesk

from . import settings, windows
from .errors import show_error
from .qt import (
    QAction,
    QColor,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QRect,
    QSize,
    QStackedWidget,
    QStyledItemDelegate,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
    Slot,
)
from .settings import SettingsDialog
from .style import ACCENT, ACCENT_HOVER, ACCENT_PRESSED, BORDER, MUTED, SUBTLE, SURFACE, TEXT, app_icon

if TYPE_CHECKING:
    from .qt import QDragEnterEvent, QDropEvent, QPainter, QStyleOptionViewItem

FILE_FILTER = "ReviewDesk (*.rdesk *.rdpack *.rdwork)"
LAST_FOLDER_KEY = "ui/lastFolder"
PATH_ROLE = Qt.ItemDataRole.UserRole

STYLE_SHEET = f"""
QMainWindow#StartWindow {{ background: #f3f5f7; }}
QLabel#title {{ font-size: 22pt; font-weight: bold; color: {TEXT}; }}
QLabel#subtitle {{ font-size: 12pt; color: {MUTED}; }}
QLabel#intro {{ color: {TEXT}; }}
QLabel#sectionTitle {{ font-weight: bold; color: {MUTED}; }}
QLabel#footer, QLabel#empty {{ color: {SUBTLE}; }}
QFrame#rule {{ color: {BORDER}; }}
QPushButton.action {{
    text-align: left; padding: 0; border: 1px solid {BORDER}; border-radius: 6px;
    background: {SURFACE};
}}
QPushButton.action:hover {{ border-color: {ACCENT}; background: #f7f9fb; }}
QPushButton.action:pressed {{ background: #eef2f6; }}
QPushButton.action:focus {{ border-color: {ACCENT}; }}
QPushButton.action[primary="true"] {{ background: {ACCENT}; border-color: {ACCENT}; }}
QPushButton.action[primary="true"]:hover {{ background: {ACCENT_HOVER}; }}
QPushButton.action[primary="true"]:pressed {{ background: {ACCENT_PRESSED}; }}
QPushButton.action QLabel#actionTitle {{ font-weight: bold; color: {TEXT}; }}
QPushButton.action QLabel#actionHint {{ color: {MUTED}; }}
QPushButton.action[primary="true"] QLabel#actionTitle {{ color: #ffffff; }}
QPushButton.action[primary="true"] QLabel#actionHint {{ color: #d7e2ec; }}
QListWidget#recent {{
    border: 1px solid {BORDER}; border-radius: 6px; background: {SURFACE}; padding: 4px;
}}
QListWidget#recent::item {{ border-radius: 4px; }}
QListWidget#recent::item:hover {{ background: #eef2f6; }}
QListWidget#recent::item:selected {{ background: #dde6ef; color: {TEXT}; }}
QLabel#empty {{ border: 1px dashed {BORDER}; border-radius: 6px; background: {SURFACE}; padding: 16px; }}
"""


class RecentDelegate(QStyledItemDelegate):
    """Two lines per recent file: its name, and its folder in a muted colour (elided)."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802, ANN001 - Qt override
        line = option.fontMetrics.height()
        return QSize(200, 2 * line + 18)

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:  # noqa: N802, ANN001 - Qt override
        super().initStyleOption(option, index)
        option.text = ""  # the base paints background, hover and selection; paint() adds the two lines

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:  # noqa: ANN001
        from .qt import QStyleOptionViewItem  # with the first recent file drawn, not at start

        super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        path = Path(str(index.data(PATH_ROLE)))
        rect = opt.rect.adjusted(10, 8, -10, -8)
        line = opt.fontMetrics.height()
        painter.save()
        painter.setPen(QColor(TEXT))
        name_rect = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         opt.fontMetrics.elidedText(path.name, Qt.TextElideMode.ElideMiddle, rect.width()))
        painter.setPen(QColor(SUBTLE))
        folder_rect = QRect(rect.left(), rect.top() + line + 2, rect.width(), line)
        painter.drawText(folder_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         opt.fontMetrics.elidedText(str(path.parent), Qt.TextElideMode.ElideMiddle, rect.width()))
        painter.restore()


class ActionButton(QPushButton):
    """A large button with a title and a one-line hint below it."""

    def __init__(self, name: str, primary: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("class", "action")
        self.setProperty("primary", primary)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel()
        self.title.setObjectName("actionTitle")
        self.hint = QLabel()
        self.hint.setObjectName("actionHint")
        self.hint.setWordWrap(True)
        for label in (self.title, self.hint):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        self.setMinimumHeight(64)

    def set_texts(self, title: str, hint: str) -> None:
        self.title.setText(title)
        self.hint.setText(hint)
        self.setAccessibleName(title)
        self.setAccessibleDescription(hint)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        inner = self.layout().sizeHint()
        return QSize(max(inner.width(), 300), max(inner.height(), 64))

    # A hint that wraps onto a second line makes the button taller instead of being cut off.
    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return max(self.layout().totalHeightForWidth(width), 64)


class StartWindow(QMainWindow):
    """The first window: what ReviewDesk is, and the ways in."""

    # A window for a file (or the demo) was opened and shown; the start page then closes.
    window_opened = Signal(QMainWindow)

    def __init__(self, parent: QWidget | None = None, *, remember_geometry: bool = True):
        super().__init__(parent)
        self.setObjectName("StartWindow")
        self.remember_geometry = remember_geometry
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setStyleSheet(STYLE_SHEET)

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(56, 56))
        icon.setFixedSize(56, 56)
        title = QLabel("ReviewDesk")
        title.setObjectName("title")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("subtitle")
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(title)
        titles.addWidget(self.subtitle)
        header = QHBoxLayout()
        header.setSpacing(16)
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addLayout(titles, 1)

        rule = QFrame()
        rule.setObjectName("rule")
        rule.setFrameShape(QFrame.Shape.HLine)

        self.intro = QLabel()
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)

        self.open_button = ActionButton("openButton", primary=True)
        self.new_button = ActionButton("newButton")
        self.demo_button = ActionButton("demoButton")
        self.identity_button = ActionButton("identityButton")
        self.settings_button = ActionButton("settingsButton")
        self.open_button.clicked.connect(self.choose_file)
        self.new_button.clicked.connect(self.new_session)
        self.demo_button.clicked.connect(self.open_demo)
        self.identity_button.clicked.connect(self.show_identity)
        self.settings_button.clicked.connect(self.show_settings)
        actions = QVBoxLayout()
        actions.setSpacing(10)
        for button in (self.open_button, self.new_button, self.demo_button, self.identity_button,
                       self.settings_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.recent_title = QLabel()
        self.recent_title.setObjectName("sectionTitle")
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recent")
        self.recent_list.setUniformItemSizes(True)
        self.recent_list.setItemDelegate(RecentDelegate(self.recent_list))
        self.recent_list.itemActivated.connect(self._open_item)
        self.recent_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.remove_action = QAction(self.recent_list)
        self.remove_action.triggered.connect(self._remove_selected)
        self.recent_list.addAction(self.remove_action)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recent_stack = QStackedWidget()
        self.recent_stack.addWidget(self.empty_label)
        self.recent_stack.addWidget(self.recent_list)
        recent = QVBoxLayout()
        recent.setSpacing(8)
        recent.addWidget(self.recent_title)
        recent.addWidget(self.recent_stack, 1)

        body = QHBoxLayout()
        body.setSpacing(28)
        body.addLayout(actions, 11)
        body.addLayout(recent, 9)

        self.footer = QLabel()
        self.footer.setObjectName("footer")

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(36, 28, 36, 18)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addWidget(rule)
        layout.addWidget(self.intro)
        layout.addSpacing(4)
        layout.addLayout(body, 1)
        layout.addWidget(self.footer)
        self.setCentralWidget(central)

        self.retranslate()
        self.refresh_recent()
        if not (remember_geometry and settings.restore_geometry(self, "start")):
            self.resize(900, 580)

    # -- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle("ReviewDesk")
        self.subtitle.setText(self.tr("Expert review of industrial subsidy applications"))
        self.intro.setText(
            "<p style='line-height:140%'><b>{expert}</b> {expert_text}<br><b>{chair}</b> {chair_text}</p>".format(
                expert=self.tr("Panel experts:"),
                expert_text=self.tr("open the session package from the chair, declare any conflicts "
                                    "of interest, score each application and export your signed scores."),
                chair=self.tr("Session chair:"),
                chair_text=self.tr("open the review session, merge the experts' signed scores, "
                                   "and export the signed shortlist.")))
        self.open_button.set_texts(
            self.tr("Open a session or work copy…"),
            self.tr("Session (.rdesk), package (.rdpack) or work copy (.rdwork)"))
        self.new_button.set_texts(self.tr("New review session…"),
                                  self.tr("Chair: choose the policy and year, then import applications"))
        self.demo_button.set_texts(self.tr("Open the demo session"),
                                   self.tr("Sample applications to try ReviewDesk on, no real data"))
        self.identity_button.set_texts(self.tr("My identity"),
                                       self.tr("Your signing key and certificate, and its fingerprint"))
        self.settings_button.set_texts(self.tr("Settings"),
                                       self.tr("Display language and disagreement thresholds"))
        self.recent_title.setText(self.tr("Recent files"))
        self.empty_label.setText(self.tr("No files opened yet.\nOpen a session, or drop a file on this window."))
        self.remove_action.setText(self.tr("Remove from list"))
        self.footer.setText(self.tr("ReviewDesk {version} · works offline; "
                                    "files can be dropped on this window to open them")
                            .format(version=reviewdesk.__version__))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- recent files ---------------------------------------------------------------------------

    def refresh_recent(self) -> None:
        self.recent_list.clear()
        for path in settings.recent_files():
            p = Path(path)
            item = QListWidgetItem(f"{p.name}\n{p.parent}")
            item.setData(PATH_ROLE, path)
            item.setToolTip(path)
            self.recent_list.addItem(item)
        self.recent_stack.setCurrentWidget(self.recent_list if self.recent_list.count() else self.empty_label)

    @Slot(QListWidgetItem)
    def _open_item(self, item: QListWidgetItem) -> None:
        self.open_file(str(item.data(PATH_ROLE)))

    @Slot()
    def _remove_selected(self) -> None:
        for item in self.recent_list.selectedItems():
            settings.remove_recent_file(str(item.data(PATH_ROLE)))
        self.refresh_recent()

    # -- actions --------------------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        from .qt import QFileDialog, QStandardPaths  # when asked: the start page loads only what it shows

        s = settings.settings()
        folder = str(s.value(LAST_FOLDER_KEY, "") or "")
        if not folder or not os.path.isdir(folder):
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        all_files = self.tr("All files (*)")
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a session or work copy"), folder, f"{FILE_FILTER};;{all_files}")
        if path:
            s.setValue(LAST_FOLDER_KEY, os.path.dirname(path))
            self.open_file(path)

    def open_file(self, path: str | os.PathLike[str]) -> QMainWindow | None:
        """Open ``path`` in its window and close the start page; errors become messages."""
        path = os.fspath(path)
        try:
            window = windows.open_path(path, None)
        except Exception as exc:  # noqa: BLE001 - every failure is shown, none is fatal here
            if not os.path.exists(path):
                settings.remove_recent_file(path)
                self.refresh_recent()
            show_error(self, exc)
            return None
        settings.add_recent_file(path)
        return self._hand_over(window)

    @Slot()
    def open_demo(self) -> QMainWindow | None:
        try:
            window = windows.open_demo(None)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return None
        return self._hand_over(window)

    def _hand_over(self, window: QMainWindow) -> QMainWindow:
        windows.show_window(window)
        self.window_opened.emit(window)
        self.close()
        return window

    @Slot()
    def new_session(self) -> object | None:
        """The chair's new-session dialog; the session it creates opens like any file."""
        try:
            dialog = windows.new_session(self)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return None
        dialog.created.connect(self.open_file)  # type: ignore[attr-defined]
        return dialog

    @Slot()
    def show_identity(self) -> None:
        try:
            windows.identity_dialog(self)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)

    @Slot()
    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- drag and drop --------------------------------------------------------------------------

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and os.path.isfile(u.toLocalFile())]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = self._dropped_files(event)
        if files:
            event.acceptProposedAction()
            # One session at a time: the first file dropped is opened.
            self.open_file(files[0])

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        if self.remember_geometry:
            settings.save_geometry(self, "start")
        super().closeEvent(event)


def show_start_window() -> StartWindow:
    """Show a new start page (e.g. when the last session window closes) and return it."""
    window = StartWindow()
    windows.show_window(window)
    return window
