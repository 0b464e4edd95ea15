"""Translations: the shipped .ts is complete and current, the .qm loads, the core follows along."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import reviewdesk.i18n as core_i18n
from reviewdesk.i18n import msg
from ui import i18n
from ui.qt import QCoreApplication, QLibraryInfo, QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = i18n.ts_path("zh_CN")
QM = i18n.qm_path("zh_CN")
# Translations that may equal their source text (names, codes). Keep this short.
SAME_IN_BOTH = {"ReviewDesk"}
CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def load_tool_module():
    spec = importlib.util.spec_from_file_location("reviewdesk_tools_i18n", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts: Path) -> list[tuple[str, str, ET.Element | None]]:
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            out.append((name, message.findtext("source", ""), message.find("translation")))
    return out


def test_every_shipped_language_has_ts_and_qm():
    for language in i18n.TRANSLATED:
        assert i18n.ts_path(language).is_file()
        assert i18n.qm_path(language).is_file() and i18n.qm_path(language).stat().st_size > 0


def test_qm_loads_and_translates():
    translator = QTranslator()
    assert translator.load(str(QM))
    assert not translator.isEmpty()
    assert translator.translate("StartWindow", "My identity") == "我的身份"
    assert translator.translate("errors", "File: {path}") == "文件：{path}"


def test_every_string_is_translated():
    found = messages(TS)
    assert len(found) >= 40
    problems = []
    for context, source, translation in found:
        where = f"{context}: {source!r}"
        if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{where} is not translated")
            continue
        text = "".join(translation.itertext())
        if not text.strip():
            problems.append(f"{where} has an empty translation")
        elif source in SAME_IN_BOTH:
            continue
        elif text == source or not CJK.search(text):
            problems.append(f"{where} is not in Chinese: {text!r}")
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"{where}: placeholders differ in {text!r}")
        if source.endswith("…") != text.endswith("…"):
            problems.append(f"{where}: '…' (opens a dialog) must be kept in {text!r}")
    assert not problems, "\n".join(problems)


def lupdate_available() -> bool:
    try:
        load_tool_module().tool("pyside6-lupdate")
    except SystemExit:
        return False
    return True


@pytest.mark.skipif(not lupdate_available(), reason="pyside6-lupdate not installed")
def test_ts_is_current_with_the_sources(tmp_path):
    # Every string in ui/ must be in the shipped .ts (run `make i18n` after changing strings).
    tools = load_tool_module()
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    files = [str(p) for p in tools.sources()]
    subprocess.run([tools.tool("pyside6-lupdate"), *files, "-target-language", "zh_CN", "-locations", "none",
                    "-no-obsolete", "-silent", "-ts", str(copy)], check=True, capture_output=True)
    assert tools.unfinished(copy) == [], "strings missing from the .ts: run `make i18n` and translate them"
    shipped = {(c, s) for c, s, _ in messages(TS)}
    current = {(c, s) for c, s, _ in messages(copy)}
    assert shipped == current, "the .ts has strings no longer in the code: run `make i18n`"


@pytest.mark.skipif(not lupdate_available(), reason="pyside6-lrelease not installed")
def test_qm_is_compiled_from_the_current_ts(tmp_path):
    tools = load_tool_module()
    out = tmp_path / "out.qm"
    subprocess.run([tools.tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "the .qm is stale: run `make i18n`"


def test_install_switches_our_strings_qt_strings_and_the_core(qapp):
    assert i18n.install("zh_CN") == "zh_CN"
    assert QCoreApplication.translate("SettingsDialog", "Same as the system") == "跟随系统"
    assert core_i18n.language() == "zh"
    assert str(msg("Disk full", "磁盘已满")) == "磁盘已满"
    qtbase = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_zh_CN.qm"
    if qtbase.is_file():
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert i18n.install("en") == "en"
    assert QCoreApplication.translate("SettingsDialog", "Same as the system") == "Same as the system"
    assert core_i18n.language() == "en"


def test_system_choice_follows_reviewdesk_lang(monkeypatch):
    monkeypatch.setenv("REVIEWDESK_LANG", "zh")
    assert i18n.resolve("system") == "zh_CN"
    monkeypatch.setenv("REVIEWDESK_LANG", "en")
    assert i18n.resolve("system") == "en"
    assert i18n.resolve("zh_CN") == "zh_CN"


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_ui_imports_qt_only_through_ui_qt():
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        if path.name == "qt.py":
            continue
        qt = {m for m in imported_modules(path) if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt6")}
        if qt:
            offenders.append(f"{path.relative_to(ROOT)}: {sorted(qt)}")
    assert not offenders, "import Qt names from ui.qt instead:\n" + "\n".join(offenders)


def test_core_never_imports_qt_or_ui():
    offenders = []
    for path in sorted((ROOT / "reviewdesk").rglob("*.py")):
        bad = {m for m in imported_modules(path) if m.split(".")[0] in ("PySide6", "shiboken6", "ui")}
        if bad:
            offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert not offenders, "\n".join(offenders)
