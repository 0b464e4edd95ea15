"""The desktop app's language: Qt translators for our strings and Qt's own, kept in step with the core.

Strings for people in ``ui/`` are written in English and go through ``self.tr()`` or
``QCoreApplication.translate(context, text)``. ``python tools/i18n.py`` (``make i18n``) collects
them into ``resources/i18n/reviewdesk_zh_CN.ts`` with ``pyside6-lupdate`` and compiles the
``.qm`` the app loads with ``pyside6-lrelease``; both files are committed, so the app never needs
the tools at run time.

PySide's ``self.tr()`` looks strings up under the *runtime* class name: a subclass does not find
its parent's translations. A class meant to be subclassed uses
``QCoreApplication.translate("ClassName", text)`` instead. Comments starting ``#:`` become
translator notes in the ``.ts`` (lupdate reads them), so do not use them for anything else in ``ui/``.

The language setting is ``"system"``, ``"zh_CN"`` or ``"en"``. Installing it also sets
:func:`reviewdesk.i18n.set_language`, so messages from the core match the windows, and Qt sends
every widget a ``LanguageChange`` event, so open windows can retranslate themselves.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from reviewdesk import i18n as core_i18n
from reviewdesk.resources import resource

from .qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

# Values of the ``ui/language`` setting.
SYSTEM, CHINESE, ENGLISH = "system", "zh_CN", "en"
CHOICES = (SYSTEM, CHINESE, ENGLISH)
# Languages with a shipped translation of our strings (English is the source language).
TRANSLATED = (CHINESE,)

# Installed translators must stay referenced: Qt does not own them.
_installed: list[QTranslator] = []
_current: str | None = None


def qm_path(language: str) -> Path:
    """The compiled translation of our strings for ``language`` (e.g. ``"zh_CN"``)."""
    return resource("i18n", f"reviewdesk_{language}.qm")


def ts_path(language: str) -> Path:
    """The translation source (Qt Linguist XML) for ``language``."""
    return resource("i18n", f"reviewdesk_{language}.ts")


def system_language() -> str:
    """``"zh_CN"`` or ``"en"`` from ``$REVIEWDESK_LANG`` (as the core reads it), else the system locale."""
    env = os.environ.get("REVIEWDESK_LANG")
    if env:
        return CHINESE if env.lower().startswith("zh") else ENGLISH
    # Any Chinese locale gets Simplified Chinese: it is what the review bureaus work in.
    for name in QLocale.system().uiLanguages() or [QLocale.system().name()]:
        return CHINESE if name.lower().startswith("zh") else ENGLISH
    return ENGLISH


def resolve(choice: str | None) -> str:
    """The language a setting value stands for: ``"zh_CN"`` or ``"en"``."""
    if choice in (CHINESE, ENGLISH):
        return choice
    if choice and choice.lower().startswith("zh"):
        return CHINESE
    return system_language()


def current() -> str:
    """The language installed last (``"zh_CN"`` or ``"en"``); the system's if none was."""
    return _current or system_language()


def _load(translator: QTranslator, path: Path) -> bool:
    return path.is_file() and translator.load(str(path))


def install(choice: str | None = SYSTEM, app: QCoreApplication | None = None) -> str:
    """Switch the app to the language ``choice`` stands for; returns ``"zh_CN"`` or ``"en"``.

    Replaces translators installed before, so it can be called again when the setting changes.
    """
    global _current
    app = app or QCoreApplication.instance()
    language = resolve(choice)
    if app is not None:
        for translator in _installed:
            app.removeTranslator(translator)
    _installed.clear()

    if language in TRANSLATED and app is not None:
        ours = QTranslator(app)
        if _load(ours, qm_path(language)):
            _installed.append(ours)
        else:
            log.warning("translation %s could not be loaded", qm_path(language))
        # Qt's own strings (standard buttons, file dialogs). A packaged build may ship them
        # beside ours instead of in Qt's folder.
        qt_own = QTranslator(app)
        name = f"qtbase_{language}.qm"
        for folder in (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), resource("i18n")):
            if _load(qt_own, folder / name):
                _installed.append(qt_own)
                break
        else:
            log.info("Qt's own translation %s not found", name)
        for translator in _installed:
            app.installTranslator(translator)

    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                       if language == CHINESE else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    core_i18n.set_language("zh" if language == CHINESE else "en")
    _current = language
    return language
