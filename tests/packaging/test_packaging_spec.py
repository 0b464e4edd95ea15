"""build_installer.spec and packaging/bundle.py, without freezing anything.

The spec is executed with stand-ins for PyInstaller's building blocks (Analysis, PYZ, EXE,
COLLECT) that record what the spec asks for, and a collected file list that looks like what
PyInstaller's PySide6 hooks gather on Linux and on Windows. The real build runs in CI
(``.ci/run``: ``make package`` and the frozen program's ``--self-test``), not here.
"""

from __future__ import annotations

import ast
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build_installer.spec"
sys.path.insert(0, str(ROOT / "packaging"))

import bundle  # noqa: E402 - packaging/bundle.py

SITE = "/venv/site-packages"

# What PyInstaller's hooks collect for the app on Linux (dest, src, typecode), and what links to what.
LINUX_BINARIES = [
    ("libpython3.11.so.1.0", "/py/lib/libpython3.11.so.1.0", "BINARY"),
    ("PySide6/QtCore.abi3.so", f"{SITE}/PySide6/QtCore.abi3.so", "EXTENSION"),
    ("PySide6/QtWidgets.abi3.so", f"{SITE}/PySide6/QtWidgets.abi3.so", "EXTENSION"),
    ("PySide6/QtOpenGL.abi3.so", f"{SITE}/PySide6/QtOpenGL.abi3.so", "EXTENSION"),
    ("PySide6/QtCharts.abi3.so", f"{SITE}/PySide6/QtCharts.abi3.so", "EXTENSION"),
    ("PySide6/Qt/lib/libQt6Core.so.6", f"{SITE}/PySide6/Qt/lib/libQt6Core.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", f"{SITE}/PySide6/Qt/lib/libQt6Widgets.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Charts.so.6", f"{SITE}/PySide6/Qt/lib/libQt6Charts.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6OpenGL.so.6", f"{SITE}/PySide6/Qt/lib/libQt6OpenGL.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Quick.so.6", f"{SITE}/PySide6/Qt/lib/libQt6Quick.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", f"{SITE}/PySide6/Qt/lib/libQt6WebEngineCore.so.6", "BINARY"),
    ("PySide6/Qt/lib/libicudata.so.73", f"{SITE}/PySide6/Qt/lib/libicudata.so.73", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", f"{SITE}/PySide6/Qt/plugins/platforms/libqxcb.so", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", f"{SITE}/PySide6/Qt/plugins/platforms/libqoffscreen.so", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", f"{SITE}/PySide6/Qt/plugins/platforms/libqwayland.so", "BINARY"),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", f"{SITE}/PySide6/Qt/plugins/platformthemes/libqgtk3.so", "BINARY"),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", f"{SITE}/PySide6/Qt/plugins/imageformats/libqsvg.so", "BINARY"),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", f"{SITE}/PySide6/Qt/plugins/imageformats/libqtiff.so", "BINARY"),
    ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
    ("libwayland-client.so.0", "/usr/lib/libwayland-client.so.0", "BINARY"),
    ("libxcb.so.1", "/usr/lib/libxcb.so.1", "BINARY"),
    ("libz.so.1", "/usr/lib/libz.so.1", "BINARY"),
]
LINUX_LINKS = {
    "libpython3.11.so.1.0": ["libz.so.1"],
    "QtCore.abi3.so": ["libQt6Core.so.6"],
    "QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libQt6Core.so.6"],
    "QtOpenGL.abi3.so": ["libQt6OpenGL.so.6"],
    "QtCharts.abi3.so": ["libQt6Charts.so.6"],
    "libQt6Core.so.6": ["libicudata.so.73"],
    "libQt6Charts.so.6": ["libQt6OpenGL.so.6", "libQt6Widgets.so.6"],
    "libQt6Quick.so.6": ["libQt6Core.so.6"],
    "libqxcb.so": ["libxcb.so.1", "libQt6Core.so.6"],
    "libqwayland.so": ["libwayland-client.so.0", "libQt6Quick.so.6"],
    "libqgtk3.so": ["libgtk-3.so.0"],
    "libgtk-3.so.0": ["libz.so.1"],
}
LINUX_DATAS = [
    ("resources/policies/jinan-iiot-2020-2022.toml", str(ROOT / "resources/policies/jinan-iiot-2020-2022.toml"), "DATA"),
    ("resources/i18n/reviewdesk_zh_CN.qm", str(ROOT / "resources/i18n/reviewdesk_zh_CN.qm"), "DATA"),
    ("resources/i18n/reviewdesk_zh_CN.ts", str(ROOT / "resources/i18n/reviewdesk_zh_CN.ts"), "DATA"),
    ("db/001_initial.sql", str(ROOT / "db/001_initial.sql"), "DATA"),
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", f"{SITE}/PySide6/Qt/translations/qtbase_zh_CN.qm", "DATA"),
    ("PySide6/Qt/translations/qtbase_en.qm", f"{SITE}/PySide6/Qt/translations/qtbase_en.qm", "DATA"),
    ("PySide6/Qt/translations/qt_zh_CN.qm", f"{SITE}/PySide6/Qt/translations/qt_zh_CN.qm", "DATA"),
    ("PySide6/Qt/translations/qtbase_de.qm", f"{SITE}/PySide6/Qt/translations/qtbase_de.qm", "DATA"),
    ("PySide6/Qt/translations/qtmultimedia_zh_CN.qm", f"{SITE}/PySide6/Qt/translations/qtmultimedia_zh_CN.qm", "DATA"),
    ("stdnum/oui.dat", f"{SITE}/stdnum/oui.dat", "DATA"),
    ("stdnum/cn/loc.dat", f"{SITE}/stdnum/cn/loc.dat", "DATA"),
    ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
    ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
]

WINDOWS_BINARIES = [
    ("python311.dll", r"C:\py\python311.dll", "BINARY"),
    ("PySide6/QtCore.pyd", rf"{SITE}\PySide6\QtCore.pyd", "EXTENSION"),
    ("PySide6/QtQuick.pyd", rf"{SITE}\PySide6\QtQuick.pyd", "EXTENSION"),
    ("PySide6/Qt6Core.dll", rf"{SITE}\PySide6\Qt6Core.dll", "BINARY"),
    ("PySide6/Qt6Quick.dll", rf"{SITE}\PySide6\Qt6Quick.dll", "BINARY"),
    ("PySide6/opengl32sw.dll", rf"{SITE}\PySide6\opengl32sw.dll", "BINARY"),
    ("PySide6/d3dcompiler_47.dll", rf"{SITE}\PySide6\d3dcompiler_47.dll", "BINARY"),
    ("PySide6/MSVCP140.dll", rf"{SITE}\PySide6\MSVCP140.dll", "BINARY"),
    ("PySide6/plugins/platforms/qwindows.dll", rf"{SITE}\PySide6\plugins\platforms\qwindows.dll", "BINARY"),
    ("PySide6/plugins/platforms/qdirect2d.dll", rf"{SITE}\PySide6\plugins\platforms\qdirect2d.dll", "BINARY"),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", rf"{SITE}\PySide6\plugins\styles\qmodernwindowsstyle.dll",
     "BINARY"),
    ("PySide6/plugins/imageformats/qico.dll", rf"{SITE}\PySide6\plugins\imageformats\qico.dll", "BINARY"),
    ("PySide6/plugins/imageformats/qwebp.dll", rf"{SITE}\PySide6\plugins\imageformats\qwebp.dll", "BINARY"),
]
WINDOWS_LINKS = {
    "QtCore.pyd": ["Qt6Core.dll", "msvcp140.dll"],
    "QtQuick.pyd": ["Qt6Quick.dll"],
    "qwindows.dll": ["Qt6Core.dll"],
}


def links(table: dict[str, list[str]]):
    def imports_of(src: str) -> list[str]:
        return table.get(Path(src.replace("\\", "/")).name, [])

    return imports_of


def dests(entries) -> set[str]:
    return {e[0] for e in entries}


# ----------------------------------------------------------------------------- the spec, run
class _Recorder:
    made: list[_Recorder] = []

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
        _Recorder.made.append(self)


class FakeAnalysis(_Recorder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.binaries = list(LINUX_BINARIES)
        self.datas = list(LINUX_DATAS)
        self.pure = [("reviewdesk", str(ROOT / "reviewdesk/__init__.py"), "PYMODULE")]
        self.scripts = [("pyi_rth_multiprocessing", "/pyi/rthooks/pyi_rth_multiprocessing.py", "PYSOURCE"),
                        ("pyi_rth_pyside6", "/pyi/rthooks/pyi_rth_pyside6.py", "PYSOURCE"),
                        ("reviewdesk_main", str(ROOT / "packaging/reviewdesk_main.py"), "PYSOURCE")]


class FakePYZ(_Recorder):
    pass


class FakeEXE(_Recorder):
    pass


class FakeCOLLECT(_Recorder):
    pass


@pytest.fixture
def spec_run(tmp_path, monkeypatch):
    """Execute build_installer.spec with recording stand-ins; returns its namespace."""
    # The spec imports PyInstaller's dependency reader; the tests give it a table of links.
    fake_bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    fake_bindepend.get_imports = lambda src: [(n, None) for n in links(LINUX_LINKS)(src)]
    for name, module in (("PyInstaller", types.ModuleType("PyInstaller")),
                         ("PyInstaller.depend", types.ModuleType("PyInstaller.depend")),
                         ("PyInstaller.depend.bindepend", fake_bindepend)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(sys, "path", list(sys.path))
    _Recorder.made = []
    namespace = {"__name__": "__main__", "__file__": str(SPEC), "SPEC": str(SPEC), "SPECPATH": str(ROOT),
                 "workpath": str(tmp_path / "work"), "DISTPATH": str(tmp_path / "dist"),
                 "Analysis": FakeAnalysis, "PYZ": FakePYZ, "EXE": FakeEXE, "COLLECT": FakeCOLLECT}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace


def made(kind):
    return [r for r in _Recorder.made if isinstance(r, kind)]


def test_spec_is_valid_python_and_names_upx_off_everywhere():
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    upx = [kw.value.value for node in ast.walk(tree) if isinstance(node, ast.Call)
           for kw in node.keywords if kw.arg == "upx"]
    assert upx and not any(upx)


def test_spec_collects_resources_and_migrations_where_the_resource_helper_looks(spec_run):
    (analysis,) = made(FakeAnalysis)
    datas = analysis.kwargs["datas"]
    assert (str(ROOT / "resources"), "resources") in datas
    assert (str(ROOT / "db"), "db") in datas
    for src, _dest in datas:
        assert Path(src).is_dir(), src
    # reviewdesk.resources.root() accepts a folder holding both, as sys._MEIPASS will
    for needed in ("resources/policies", "resources/fonts/wqy-microhei.ttc", "resources/i18n/reviewdesk_zh_CN.qm",
                   "resources/icons/reviewdesk.ico", "db/001_initial.sql"):
        assert (ROOT / needed).exists(), needed


def test_spec_entry_and_hidden_imports_cover_every_window_plugin(spec_run):
    (analysis,) = made(FakeAnalysis)
    (script,) = analysis.args[0]
    assert Path(script) == ROOT / "packaging" / "reviewdesk_main.py"
    assert "from ui.launcher import main" in Path(script).read_text(encoding="utf-8")
    hidden = set(analysis.kwargs["hiddenimports"])
    # ui.windows imports its plug-ins by name: PyInstaller cannot see them without help
    for path in list((ROOT / "ui").rglob("*.py")) + list((ROOT / "reviewdesk").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        assert module in hidden, module
    assert {"ui.selftest", "reviewdesk.selftest", "PySide6.QtCharts", "PySide6.QtPdf"} <= hidden
    excludes = set(analysis.kwargs["excludes"])
    assert {"PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "tkinter"} <= excludes
    assert not excludes & {m for m in hidden}, "a module both hidden-imported and excluded"


def test_spec_leaves_out_the_multiprocessing_runtime_hook_only(spec_run):
    (analysis,) = made(FakeAnalysis)
    names = [e[0] for e in analysis.scripts]
    assert names == ["pyi_rth_pyside6", "reviewdesk_main"]
    for exe in made(FakeEXE):
        assert [e[0] for e in exe.args[1]] == names


def test_nothing_reviewdesk_ships_uses_multiprocessing():
    # The reason the runtime hook may go: no module of ours starts processes through it.
    for path in list((ROOT / "reviewdesk").rglob("*.py")) + list((ROOT / "ui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "multiprocessing" not in text and "ProcessPoolExecutor" not in text, path


def test_spec_makes_a_windowed_app_and_a_console_command_in_one_folder(spec_run, tmp_path):
    exes = made(FakeEXE)
    assert {e.kwargs["name"]: e.kwargs["console"] for e in exes} == {"ReviewDesk": False, "reviewdesk": True}
    for exe in exes:
        assert exe.kwargs["exclude_binaries"] is True, "one-dir: binaries go to the folder"
        assert exe.kwargs["upx"] is False
        assert Path(exe.kwargs["icon"]) == ROOT / "resources" / "icons" / "reviewdesk.ico"
        version = Path(exe.kwargs["version"])
        assert version.is_relative_to(tmp_path / "work"), "generated in PyInstaller's work folder"
        text = version.read_text(encoding="utf-8")
        assert bundle.PRODUCT_ZH in text and bundle.PRODUCT_EN in text
        assert f"'{exe.kwargs['name']}.exe'" in text
    (collect,) = made(FakeCOLLECT)
    assert collect.kwargs["name"] == "ReviewDesk" and collect.kwargs["upx"] is False
    assert [a for a in collect.args if isinstance(a, FakeEXE)] == exes


def test_spec_prunes_what_the_pyside6_hooks_collected(spec_run):
    (analysis,) = made(FakeAnalysis)
    kept = dests(analysis.binaries) | dests(analysis.datas)
    assert {"PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Charts.so.6", "PySide6/Qt/lib/libQt6OpenGL.so.6",
            "PySide6/Qt/lib/libicudata.so.73", "PySide6/Qt/plugins/platforms/libqxcb.so",
            "PySide6/Qt/plugins/platforms/libqoffscreen.so", "PySide6/Qt/plugins/imageformats/libqsvg.so",
            "libxcb.so.1", "libz.so.1", "libpython3.11.so.1.0", "PySide6/QtCharts.abi3.so",
            "PySide6/Qt/translations/qtbase_zh_CN.qm", "PySide6/Qt/translations/qtbase_en.qm",
            "PySide6/Qt/translations/qt_zh_CN.qm", "resources/i18n/reviewdesk_zh_CN.qm",
            "resources/policies/jinan-iiot-2020-2022.toml", "db/001_initial.sql", "stdnum/cn/loc.dat",
            "libQt6Core.so.6"} <= kept
    assert not {"PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
                "PySide6/QtOpenGL.abi3.so", "PySide6/Qt/plugins/platforms/libqwayland.so",
                "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "PySide6/Qt/plugins/imageformats/libqtiff.so",
                "libgtk-3.so.0", "libwayland-client.so.0", "PySide6/Qt/translations/qtbase_de.qm",
                "PySide6/Qt/translations/qtmultimedia_zh_CN.qm", "resources/i18n/reviewdesk_zh_CN.ts",
                "stdnum/oui.dat", "libQt6Quick.so.6"} & kept


# ----------------------------------------------------------------------------- bundle's rules
def test_prune_on_windows_names():
    binaries, _datas, dropped = bundle.prune(list(WINDOWS_BINARIES), [], links(WINDOWS_LINKS))
    kept = dests(binaries)
    assert kept == {"python311.dll", "PySide6/QtCore.pyd", "PySide6/Qt6Core.dll", "PySide6/MSVCP140.dll",
                    "PySide6/d3dcompiler_47.dll", "PySide6/plugins/platforms/qwindows.dll",
                    "PySide6/plugins/styles/qmodernwindowsstyle.dll", "PySide6/plugins/imageformats/qico.dll"}
    assert dests(dropped) == dests(WINDOWS_BINARIES) - kept
    assert "PySide6/opengl32sw.dll" in dests(dropped)


def test_a_library_only_a_dropped_plugin_needs_goes_but_a_shared_one_stays():
    binaries, _, _ = bundle.prune(list(LINUX_BINARIES), [], links(LINUX_LINKS))
    kept = dests(binaries)
    # libz: needed by libgtk (dropped) and by Python (kept) -> stays
    assert "libz.so.1" in kept and "libgtk-3.so.0" not in kept
    # with nothing linking to libz any more, it goes too: the rule is links, not names
    table = dict(LINUX_LINKS, **{"libpython3.11.so.1.0": []})
    binaries, _, dropped = bundle.prune(list(LINUX_BINARIES), [], links(table))
    assert "libz.so.1" in dests(dropped)


@pytest.mark.parametrize(("dest", "expected"), [
    ("PySide6/Qt/lib/libQt6Quick.so.6", "Quick"),
    ("PySide6/Qt6PdfWidgets.dll", "PdfWidgets"),
    ("libQt6XcbQpa.so.6", "XcbQpa"),
    ("PySide6/QtCore.abi3.so", None),
    ("libicudata.so.73", None),
])
def test_qt_library_module(dest, expected):
    assert bundle.qt_library_module(dest) == expected


def test_qt_plugin_and_python_module_names():
    assert bundle.qt_plugin("PySide6/Qt/plugins/platforms/libqxcb.so") == ("platforms", "qxcb")
    assert bundle.qt_plugin(r"PySide6\plugins\imageformats\qsvg.dll") == ("imageformats", "qsvg")
    assert bundle.qt_plugin("PySide6/Qt/lib/libQt6Core.so.6") is None
    assert bundle.qt_python_module("PySide6/QtPdfWidgets.pyd") == "QtPdfWidgets"
    assert bundle.qt_python_module("PySide6/Qt/lib/libQt6Core.so.6") is None


def test_cli_name_does_not_clash_with_the_app_on_windows():
    assert bundle.cli_name("linux") == "reviewdesk"
    win = bundle.cli_name("win32")
    assert win.lower() != bundle.APP_NAME.lower()


class _Struct:
    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs


def test_version_info_is_a_pyinstaller_version_file_in_both_languages():
    text = bundle.version_info("ReviewDesk", "0.1.0", console=False)
    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct")
    # PyInstaller reads the file with eval() over these classes (pefile, Windows only, does the rest)
    info = eval(text, {n: type(n, (_Struct,), {}) for n in names})  # noqa: S307 - our own generated text
    assert info.kwargs["ffi"].kwargs["filevers"] == (0, 1, 0, 0)
    (string_info, var_info) = info.kwargs["kids"]
    tables = {t.args[0]: dict(s.args for s in t.args[1]) for t in string_info.args[0]}
    assert set(tables) == {"080404b0", "040904b0"}
    assert tables["080404b0"]["ProductName"] == bundle.PRODUCT_ZH
    assert tables["040904b0"]["ProductName"] == bundle.PRODUCT_EN
    for table in tables.values():
        assert table["OriginalFilename"] == "ReviewDesk.exe" and table["ProductVersion"] == "0.1.0"
    assert var_info.args[0][0].args == ("Translation", [0x0804, 1200, 0x0409, 1200])
    cli = bundle.version_info("reviewdesk-cli", "1.2.3", console=True)
    assert "命令行" in cli and "command line" in cli and "(1, 2, 3, 0)" in cli


def test_minimal_baseline_is_frozen_the_same_way_without_filtering():
    text = (ROOT / "packaging" / "minimal.spec").read_text(encoding="utf-8")
    tree = ast.parse(text)
    calls = {n.func.id: {kw.arg for kw in n.keywords} for n in ast.walk(tree)
             if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= set(calls)
    assert "upx" in calls["EXE"] and "upx" in calls["COLLECT"] and "exclude_binaries" in calls["EXE"]
    assert "prune" not in text and "binaries =" not in text, "the baseline is PySide6 as PyInstaller collects it"


def test_inno_setup_script_installs_the_spec_output_per_user():
    text = (ROOT / "packaging" / "reviewdesk.iss").read_text(encoding="utf-8-sig")
    setup = dict(line.split("=", 1) for line in text.splitlines()
                 if "=" in line and not line.startswith((";", "#", "Name:", "Root:", "Source:", "Filename:", "Type:")))
    assert setup["PrivilegesRequired"] == "lowest", "no administrator rights"
    assert setup["DefaultDirName"].startswith("{localappdata}\\")
    assert f'#define AppExe "{bundle.APP_NAME}.exe"' in text
    assert f'#define CliExe "{bundle.cli_name("win32")}.exe"' in text
    assert 'Source: "{#Root}\\dist\\ReviewDesk\\*"' in text
    # per-user registry only, and nothing under the user's key store is ever deleted
    assert "HKLM" not in text and "HKA;" in text
    assert "keys" not in "".join(line for line in text.splitlines() if line.startswith(("Type:", "Name:")))
