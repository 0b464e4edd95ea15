"""The expert's scoring workstation: open the chair's pack, declare conflicts, score, hand in.

Importing this package registers two openers with :mod:`ui.windows` (cheaply: the windows are
imported when a file is opened, so the app starts fast):

* a work copy (a ``.rdwork`` file, or any session file whose meta kind is ``work``) opens in
  :class:`ui.expert.window.ExpertWindow`;
* a session package (``.rdpack``) opens in :class:`ui.expert.unpack.UnpackWindow`: signature,
  fingerprint, where the work copy goes, unpacking, then the scoring window.
"""

from __future__ import annotations

from pathlib import Path

from .. import windows
from ..qt import QMainWindow, QWidget


def is_pack(path: Path) -> bool:
    return Path(path).suffix.lower() == ".rdpack"


def is_work_copy(path: Path) -> bool:
    from .workcopy import is_work_copy as check

    return check(path)


def open_work_copy(path: Path, parent: QWidget | None = None) -> QMainWindow:
    from .window import ExpertWindow

    return ExpertWindow.open(path, parent)


def open_pack(path: Path, parent: QWidget | None = None) -> QMainWindow:
    from .unpack import UnpackWindow

    return UnpackWindow(path, parent)


def register() -> None:
    """Register the openers (done on import; tests call it again after resetting the registry)."""
    windows.unregister_opener(open_pack)
    windows.unregister_opener(open_work_copy)
    windows.register_opener(is_pack, open_pack)
    windows.register_opener(is_work_copy, open_work_copy)


register()
