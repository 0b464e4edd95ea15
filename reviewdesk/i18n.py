"""Messages for people, in Chinese or English, without Qt.

The core speaks to users through exceptions and problem lists. Each message is built with
:func:`msg`, which carries both languages; ``str()`` picks the current one. The language is
``$REVIEWDESK_LANG`` (``zh`` or ``en``), else the system locale; the desktop app sets it from its
settings through :func:`set_language`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

_language: str | None = None


def _detect() -> str:
    env = os.environ.get("REVIEWDESK_LANG")
    if env:
        return "zh" if env.lower().startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    import locale  # only without the environment variables (Windows); not every start needs it

    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover - odd locales on Windows
        loc = ""
    return "zh" if loc.lower().startswith(("zh", "chinese")) else "en"


def language() -> str:
    """The language messages are shown in: ``"zh"`` or ``"en"``."""
    global _language
    if _language is None:
        _language = _detect()
    return _language


def set_language(lang: str | None) -> None:
    """Choose ``"zh"`` or ``"en"``; ``None`` goes back to the system's language."""
    global _language
    _language = None if lang is None else ("zh" if lang.lower().startswith("zh") else "en")


@dataclass(frozen=True)
class Msg:
    """A message in both languages; ``str()`` gives the current one."""

    en: str
    zh: str

    def __str__(self) -> str:
        return self.zh if language() == "zh" else self.en

    def format(self, **kw: object) -> Msg:
        return Msg(self.en.format(**kw), self.zh.format(**kw))


def msg(en: str, zh: str, /, **kw: object) -> Msg:
    """A bilingual message, formatted with ``kw`` in both languages."""
    return Msg(en, zh).format(**kw) if kw else Msg(en, zh)
