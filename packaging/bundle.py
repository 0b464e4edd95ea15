"""What goes into the frozen ReviewDesk folder: used by ``build_installer.spec``, tested without PyInstaller.

PyInstaller's PySide6 hooks collect every Qt plug-in and every Qt translation, and with them the
libraries those plug-ins need (Qt Quick, QML, Wayland, the virtual keyboard, GTK): ``excludes=``
does not remove them. :func:`prune` filters the collected lists instead:

1. Qt's Python modules, libraries and plug-ins the app does not use are dropped by name
   (:data:`QT_MODULES`, :data:`QT_PLUGINS`), Qt's translations except Chinese and English too.
2. Then every other shared library is kept only if something kept still links to it (the
   Python extension modules, the kept plug-ins and the Python library are the roots), so the
   libraries that only the dropped plug-ins needed go as well.

Everything here is plain data and functions of TOC entries ``(dest_name, src_name, typecode)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent

#: The windowed desktop app and the console command, in one folder. Windows file names are case
#: insensitive, so there the console program cannot be ``reviewdesk.exe`` beside ``ReviewDesk.exe``.
APP_NAME = "ReviewDesk"


def cli_name(platform: str) -> str:
    """The console program's name on ``platform`` (``sys.platform``)."""
    return "reviewdesk-cli" if platform.startswith("win") else "reviewdesk"


#: Shipped files, as PyInstaller ``datas``: ``reviewdesk.resources.root()`` finds them in
#: ``sys._MEIPASS`` (the folder's ``_internal``).
DATAS = [("resources", "resources"), ("db", "db")]
#: Data files collected but never read: translation sources (the app loads the compiled .qm), and
#: python-stdnum's registries for other countries' numbers (ReviewDesk checks Chinese unified
#: social credit codes, which need none; ``stdnum/cn/`` stays for Chinese numbers).
UNUSED_DATA = re.compile(r"^(resources/i18n/.*\.ts|stdnum/(?!cn/).*\.dat)$")

#: Qt modules the app uses (Python modules and Qt libraries alike), with the libraries they link
#: to. ``XcbQpa`` and ``DBus`` are the X11 platform plug-in's on Linux.
QT_MODULES = frozenset({
    "Core", "Gui", "Widgets", "Svg", "Pdf", "PdfWidgets", "Charts",
    "OpenGL", "OpenGLWidgets", "Network", "DBus", "XcbQpa",
})
#: Qt Python modules imported by the app (the libraries above are their dependencies only).
QT_PYTHON_MODULES = frozenset({"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPdf", "QtPdfWidgets", "QtCharts"})
#: Qt plug-ins kept, by folder and file stem (no ``lib`` prefix, no extension).
QT_PLUGINS = {
    # offscreen: the self-test and screenshots; xcb: Linux desktops; windows / cocoa: the laptops.
    "platforms": {"qoffscreen", "qxcb", "qwindows", "qcocoa"},
    "imageformats": {"qsvg", "qico", "qjpeg", "qgif"},
    "iconengines": {"qsvgicon"},
    # Windows 10/11 look for native dialogs; the app itself draws with Fusion.
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle"},
    # Chinese input methods on Linux (ibus, compose keys); Windows IMEs need no plug-in.
    "platforminputcontexts": {"ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"},
}
#: Qt's own translations kept: Chinese and English.
QT_TRANSLATIONS = re.compile(r"^(qt|qtbase)_(zh_CN|en)\.qm$")
#: Shared libraries Qt loads by name at run time (no import table points to them).
DLOPENED = re.compile(r"^(d3dcompiler_\d+\.dll)$", re.I)
#: Shared libraries never wanted: the software OpenGL renderer on Windows (20 MB).
NEVER = re.compile(r"^(opengl32sw\.dll)$", re.I)

#: Python modules left out. QtWebEngine never; the rest are unused by the app, or optional
#: speed-ups whose pure-Python fallback is used instead (aiohttp is imported by pyHanko but never
#: used offline), or image formats reportlab and pyHanko never see.
EXCLUDES = [
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick", "PySide6.QtWebChannel",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtNetwork", "PySide6.QtMultimedia", "PySide6.QtDBus", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.Qt3DCore", "PySide6.QtDesigner", "PySide6.QtUiTools",
    "tkinter", "_tkinter", "unittest", "pydoc_data", "lib2to3", "test", "setuptools", "pkg_resources",
    "distutils", "_distutils_hack", "pip", "IPython", "numpy", "pytest", "hypothesis", "pytestqt",
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingtk", "PIL.ImageTk",
    "PIL._imagingcms", "PIL.ImageCms", "PIL.ImageQt",
    "aiohttp._http_parser", "aiohttp._http_writer", "aiohttp._websocket.reader_c", "aiohttp._websocket.mask",
    "lxml.objectify", "lxml.html", "lxml.isoschematron",
]


#: PyInstaller runtime hooks left out. ``pyi_rth_multiprocessing`` imports multiprocessing at
#: every start (~5 ms of the first window) so that a frozen program can be re-spawned as a
#: multiprocessing child; ReviewDesk never starts processes with multiprocessing (its workers are
#: Qt threads), and the module is only in the build because ``concurrent.futures`` names it.
UNUSED_RUNTIME_HOOKS = frozenset({"pyi_rth_multiprocessing"})


def without_unused_runtime_hooks(scripts: list[Entry]) -> list[Entry]:
    """``Analysis.scripts`` without :data:`UNUSED_RUNTIME_HOOKS` (the entry script stays)."""
    return [e for e in scripts if e[0] not in UNUSED_RUNTIME_HOOKS]


def hidden_imports(root: Path = ROOT) -> list[str]:
    """Every module of ``reviewdesk`` and ``ui``: window plug-ins are imported by name at run time."""
    names = []
    for package in ("reviewdesk", "ui"):
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            names.append(".".join(parts))
    return names + sorted(f"PySide6.{m}" for m in QT_PYTHON_MODULES)


# ----------------------------------------------------------------------------- names
_QT_LIB = re.compile(r"^(?:lib)?Qt6([A-Za-z]+?)(?:\.so(?:\.\d+)*|\.dll|\.dylib)$")
_QT_PYMOD = re.compile(r"^(Qt[A-Za-z0-9]+)\.(?:abi3\.so|pyd|cpython-[^.]+\.so|so)$")


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def qt_library_module(dest: str) -> str | None:
    """``"Quick"`` for ``PySide6/Qt/lib/libQt6Quick.so.6`` or ``PySide6/Qt6Quick.dll``; else None."""
    m = _QT_LIB.match(_parts(dest)[-1])
    return m.group(1) if m else None


def qt_python_module(dest: str) -> str | None:
    """``"QtQuick"`` for ``PySide6/QtQuick.abi3.so`` / ``PySide6/QtQuick.pyd``; else None."""
    parts = _parts(dest)
    if len(parts) == 2 and parts[0] == "PySide6":
        m = _QT_PYMOD.match(parts[1])
        return m.group(1) if m else None
    return None


def qt_plugin(dest: str) -> tuple[str, str] | None:
    """``("platforms", "qxcb")`` for ``PySide6/Qt/plugins/platforms/libqxcb.so``; else None."""
    parts = _parts(dest)
    if parts[0] == "PySide6" and "plugins" in parts[:-2]:
        i = parts.index("plugins")
        if len(parts) == i + 3:
            stem = parts[-1].split(".")[0]
            return parts[i + 1], stem[3:] if stem.startswith("lib") else stem
    return None


def qt_translation(dest: str) -> str | None:
    """``"qtbase_de.qm"`` for ``PySide6/Qt/translations/qtbase_de.qm``; else None."""
    parts = _parts(dest)
    if parts[0] == "PySide6" and "translations" in parts and parts[-1].endswith(".qm"):
        return parts[-1]
    return None


def wanted(dest: str, typecode: str) -> bool:
    """Whether an entry passes the by-name rules (before the link check of :func:`prune`)."""
    name = _parts(dest)[-1]
    if NEVER.match(name):
        return False
    if "WebEngine" in name or "webengine" in dest.lower():
        return False
    if (module := qt_python_module(dest)) is not None:
        return module in QT_PYTHON_MODULES
    if (plugin := qt_plugin(dest)) is not None:
        folder, stem = plugin
        return stem in QT_PLUGINS.get(folder, ())
    if (qm := qt_translation(dest)) is not None:
        return bool(QT_TRANSLATIONS.match(qm))
    if (module := qt_library_module(dest)) is not None:
        return module in QT_MODULES
    return not UNUSED_DATA.match("/".join(_parts(dest)))


# ----------------------------------------------------------------------------- pruning
Entry = tuple[str, str, str]
ImportsOf = Callable[[str], Iterable[str]]


def _is_root(dest: str, typecode: str) -> bool:
    """Loaded by the interpreter or by Qt, not through another library's import table."""
    name = _parts(dest)[-1]
    return (typecode == "EXTENSION" or qt_plugin(dest) is not None or DLOPENED.match(name) is not None
            or re.match(r"^(lib)?python\d", name, re.I) is not None)


def prune(binaries: list[Entry], datas: list[Entry], imports_of: ImportsOf) -> tuple[list[Entry], list[Entry], list[Entry]]:
    """``(binaries, datas, dropped)``: the entries to freeze, and the ones left out.

    ``imports_of(src_name)`` lists the file names a shared library links to (PyInstaller's
    ``bindepend.get_imports`` in the spec; a table in the tests).
    """
    dropped: list[Entry] = []
    kept_bin: list[Entry] = []
    for entry in binaries:
        (kept_bin if wanted(entry[0], entry[2]) else dropped).append(entry)

    # Libraries reachable from the roots through import tables; the rest only served dropped files.
    by_name: dict[str, list[Entry]] = {}
    for entry in kept_bin:
        by_name.setdefault(_parts(entry[0])[-1].lower(), []).append(entry)
    todo = [e for e in kept_bin if _is_root(e[0], e[2])]
    reached = {e[0] for e in todo}
    while todo:
        entry = todo.pop()
        for name in imports_of(entry[1]):
            for dep in by_name.get(Path(name).name.lower(), ()):
                if dep[0] not in reached:
                    reached.add(dep[0])
                    todo.append(dep)
    out_bin = []
    for entry in kept_bin:
        (out_bin if entry[0] in reached else dropped).append(entry)

    kept_dest = {_norm(e[0]) for e in out_bin}
    out_data: list[Entry] = []
    for entry in datas:
        dest, src, typecode = entry
        if typecode == "SYMLINK":
            # src is the link's target relative to the link's folder
            target = _norm(str(PurePosixPath(*_parts(dest)[:-1], *_parts(src))))
            keep = target in kept_dest or not _looks_binary(target)
        else:
            keep = wanted(dest, typecode)
        (out_data if keep else dropped).append(entry)
    return out_bin, out_data, dropped


def _norm(path: str) -> str:
    parts: list[str] = []
    for p in _parts(path):
        if p == "..":
            if parts:
                parts.pop()
        elif p != ".":
            parts.append(p)
    return "/".join(parts)


def _looks_binary(dest: str) -> bool:
    name = _parts(dest)[-1].lower()
    return bool(re.search(r"\.(so(\.\d+)*|dll|dylib|pyd)$", name))


# ----------------------------------------------------------------------------- version information
PRODUCT_EN = "ReviewDesk expert review"
PRODUCT_ZH = "ReviewDesk 专家评审系统"
DESCRIPTION_EN = "Expert review of industrial subsidy applications"
DESCRIPTION_ZH = "产业扶持资金申报专家评审系统"
COMPANY = "ReviewDesk"


def _version_tuple(version: str) -> tuple[int, int, int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def version_info(exe_name: str, version: str, *, console: bool) -> str:
    """A PyInstaller version file (``VSVersionInfo``) with the product name in Chinese and English.

    Two string tables, Simplified Chinese (0804) and US English (0409), both UTF-16 (04b0):
    Explorer's Details tab shows the one matching the laptop's language.
    """
    vt = _version_tuple(version)
    kind_en = " (command line)" if console else ""
    kind_zh = "（命令行）" if console else ""

    def table(lang: str, product: str, description: str) -> str:
        fields = [
            ("CompanyName", COMPANY), ("FileDescription", description), ("FileVersion", version),
            ("InternalName", exe_name), ("LegalCopyright", COMPANY), ("OriginalFilename", f"{exe_name}.exe"),
            ("ProductName", product), ("ProductVersion", version),
        ]
        rows = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in fields)
        return f"StringTable({lang!r}, [\n          {rows}])"

    return f"""# UTF-8
# Windows version information for {exe_name}.exe, generated by build_installer.spec
# (packaging/bundle.py: version_info). Do not edit: change reviewdesk.__version__.
VSVersionInfo(
  ffi=FixedFileInfo(filevers={vt}, prodvers={vt}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      {table("080404b0", PRODUCT_ZH, DESCRIPTION_ZH + kind_zh)},
      {table("040904b0", PRODUCT_EN, DESCRIPTION_EN + kind_en)}]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200, 0x0409, 1200])])
  ]
)
"""
