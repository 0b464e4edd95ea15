"""Which window opens which file, and the hooks the session windows plug in.

The start page and :func:`ui.app.main` know nothing of session windows: they call
:func:`open_path` (alias :func:`open_session_window`), :func:`open_demo` and
:func:`identity_dialog`, and the modules that build those windows register themselves here::

    from ui import windows
    windows.register_opener(lambda p: p.suffix == ".rdesk", ChairWindow.open)
    windows.register_demo(open_demo_session)
    windows.register_identity_dialog(show_identity)

A missing hook is a known problem (:class:`FeatureUnavailable`), shown as a plain message.
The modules that register must be imported before the first window opens: list them in
:data:`PLUGINS`, which :func:`ui.app.main` loads through :func:`load_plugins`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewdesk.errors import InputError, ReviewDeskError
from reviewdesk.i18n import msg

from .qt import QMainWindow, Qt, QWidget

# The files ReviewDesk opens: session, signed session package, expert's work copy.
EXTENSIONS = (".rdesk", ".rdpack", ".rdwork")

# Modules that register openers and hooks when imported (e.g. "ui.expert", "ui.chair").
PLUGINS: tuple[str, ...] = ("ui.expert", "ui.chair", "ui.identity")

Predicate = Callable[[Path], bool]
Factory = Callable[[Path, QWidget | None], QMainWindow]


class CannotOpen(InputError):
    """No registered window opens this kind of file."""


class FeatureUnavailable(ReviewDeskError):
    """A part of the app that this build does not have (its hook is not registered)."""


@dataclass(frozen=True)
class _Opener:
    predicate: Predicate
    factory: Factory


_openers: list[_Opener] = []
# Top-level windows have no Qt parent: Python must hold them, or they vanish when collected.
_shown: dict[int, QWidget] = {}
_demo: Callable[[QWidget | None], QMainWindow] | None = None
_identity: Callable[[QWidget | None], object] | None = None
_new_session: Callable[[QWidget | None], object] | None = None


def load_plugins(names: tuple[str, ...] | None = None) -> list[str]:
    """Import the window modules in :data:`PLUGINS` (once); returns those that exist.

    A plug-in missing from this build is skipped; an error inside one is raised, not hidden.
    """
    loaded = []
    for name in PLUGINS if names is None else names:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        loaded.append(name)
    return loaded


def register_opener(predicate: Predicate, factory: Factory) -> None:
    """Let ``factory(path, parent)`` open the files ``predicate(path)`` accepts.

    Openers registered later are asked first, so a specific opener can override a general one.
    The factory returns the window (not yet shown) or raises a :class:`ReviewDeskError`.
    """
    _openers.insert(0, _Opener(predicate, factory))


def unregister_opener(factory: Factory) -> None:
    """Forget every opener using ``factory`` (for tests and plug-ins)."""
    _openers[:] = [o for o in _openers if o.factory is not factory]


def open_path(path: str | Path, parent: QWidget | None = None) -> QMainWindow:
    """The window for the file at ``path``, built by the first opener that accepts it.

    Raises :class:`CannotOpen` (a :class:`ReviewDeskError`) when the file is missing or no
    opener handles it; the caller shows the window.
    """
    path = Path(path)
    if not path.exists():
        raise CannotOpen(msg("File not found: {path}", "找不到文件：{path}", path=str(path)))
    for opener in list(_openers):
        if opener.predicate(path):
            return opener.factory(path, parent)
    raise CannotOpen(msg(
        "ReviewDesk cannot open “{name}”. It opens review sessions (.rdesk), session packages "
        "(.rdpack) and expert work copies (.rdwork).",
        "ReviewDesk 无法打开“{name}”。可以打开的文件：评审会话（.rdesk）、会话分发包（.rdpack）"
        "和专家工作副本（.rdwork）。",
        name=path.name))


# The name the session windows use for the same thing.
open_session_window = open_path


def register_demo(factory: Callable[[QWidget | None], QMainWindow]) -> None:
    """Let ``factory(parent)`` build the demo session and return its window (not yet shown)."""
    global _demo
    _demo = factory


def open_demo(parent: QWidget | None = None) -> QMainWindow:
    """The demo session's window; :class:`FeatureUnavailable` if no demo is registered."""
    if _demo is None:
        raise FeatureUnavailable(msg("The demo session is not available in this version.",
                                     "此版本暂不提供演示会话。"))
    return _demo(parent)


def register_identity_dialog(factory: Callable[[QWidget | None], object]) -> None:
    """Let ``factory(parent)`` show the user's identity (creating one if there is none)."""
    global _identity
    _identity = factory


def identity_dialog(parent: QWidget | None = None) -> object:
    """Show the identity dialog; :class:`FeatureUnavailable` if none is registered."""
    if _identity is None:
        raise FeatureUnavailable(msg("Identities (keys and certificates) are not available in this version.",
                                     "此版本暂不提供身份（密钥与证书）管理。"))
    return _identity(parent)


def register_new_session(factory: Callable[[QWidget | None], object]) -> None:
    """Let ``factory(parent)`` open the new-session dialog and return it. The dialog has a
    ``created(Path)`` signal, emitted once the session file exists (the caller opens it)."""
    global _new_session
    _new_session = factory


def new_session(parent: QWidget | None = None) -> object:
    """Open the new-session dialog; :class:`FeatureUnavailable` if none is registered."""
    if _new_session is None:
        raise FeatureUnavailable(msg("Creating sessions is not available in this version.",
                                     "此版本暂不提供新建会话。"))
    return _new_session(parent)


def has_demo() -> bool:
    return _demo is not None


def has_identity_dialog() -> bool:
    return _identity is not None


def show_window(window: QWidget) -> QWidget:
    """Show a top-level window, keep it alive while it is open, and delete it once closed."""
    key = id(window)
    if key not in _shown:
        _shown[key] = window
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_: _shown.pop(key, None))
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def open_windows() -> list[QWidget]:
    """Top-level windows shown with :func:`show_window` and not yet closed."""
    return list(_shown.values())
