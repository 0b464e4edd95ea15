"""The chair's console (issue 5): opens chair sessions (``.rdesk`` files whose kind is "chair")
and the demo session.

Importing this module registers both with :mod:`ui.windows` (it is one of the
:data:`ui.windows.PLUGINS`); :func:`register` does it again (tests reset the registry).
"""

from __future__ import annotations

from pathlib import Path

from .. import windows
from ..qt import QMainWindow, Qt, QWidget


def session_kind(path: Path) -> str | None:
    """The ``kind`` in a session file's meta table ("chair", "work"…), or None if unreadable.

    Read with a plain read-only connection: deciding which window opens a file must not create
    WAL files or take locks.
    """
    import sqlite3  # here: the start page registers this opener but need not load sqlite3

    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'kind'").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return row[0] if row else None


def is_chair_session(path: Path) -> bool:
    """A ``.rdesk`` file that is not an expert's work copy. Damaged files are accepted too, so that
    opening them shows the core's message rather than "cannot open this kind of file"."""
    from reviewdesk.session import SESSION_SUFFIX  # here, not at import: the start page stays light

    if Path(path).suffix.lower() != SESSION_SUFFIX:
        return False
    return session_kind(path) != "work"


def open_chair(path: Path, parent: QWidget | None = None) -> QMainWindow:
    from .window import open_chair_window

    return open_chair_window(Path(path), parent)


def open_demo(parent: QWidget | None = None) -> QMainWindow:
    """The demo session's console: built in the background into the user's cache folder, then shown."""
    from .window import ChairWindow

    window = ChairWindow(None, parent)
    window.build_demo()
    return window


def new_session(parent: QWidget | None = None):
    """The new-session dialog (non-modal); its ``created(Path)`` signal gives the new file."""
    from .dialogs import NewSessionDialog

    dialog = NewSessionDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def register() -> None:
    windows.unregister_opener(open_chair)
    windows.register_opener(is_chair_session, open_chair)
    windows.register_demo(open_demo)
    windows.register_new_session(new_session)


register()

__all__ = ["is_chair_session", "new_session", "open_chair", "open_demo", "register", "session_kind"]
