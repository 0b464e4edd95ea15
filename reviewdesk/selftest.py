"""``reviewdesk --self-test``: prove an installation works before the session day.

IT runs it on each laptop after installing (the frozen folder or a source checkout alike). It
does what a session does, end to end, in a temporary folder that is removed afterwards: builds the
demo session, ranks it, creates a throw-away chair identity, finalizes (the Chinese PDF, signed,
the XLSX, the signed manifest), verifies the PDF and the manifest (and that a changed PDF is
refused), and checks the bundled Chinese font is embedded in the PDF. The desktop app adds its own
checks through :func:`set_gui_checks` (load both translations, show a window offscreen): the core
never imports Qt.

The user's own key store and settings are never touched: the identity lives in the temporary
folder (``$REVIEWDESK_HOME`` points there while the test runs) and its passphrase protection is
the cheapest scrypt cost, which is fine for a key thrown away seconds later.

Each check prints one line, ``ok`` or ``FAILED`` with the reason; the exit status is 0 when all
passed, 1 otherwise. The same report goes to ``self-test.log`` in the log folder
(:func:`log_path`), because a windowed build has no console to print to.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .i18n import msg

#: A check: does its work and returns a short detail for the report, or raises with the reason.
Check = Callable[[], str]
#: What the desktop app registers: its checks, by name, in the order they run.
GuiChecks = Callable[[], list[tuple[str, Check]]]

LOG_NAME = "self-test.log"
#: scrypt cost of the throw-away identity (the lowest the key store accepts).
TEST_KDF_LOG2_N = 10

_gui_checks: GuiChecks | None = None


def set_gui_checks(checks: GuiChecks | None) -> None:
    """Called by the desktop app's launcher (``ui.launcher``) to add its checks; ``None`` removes them."""
    global _gui_checks
    _gui_checks = checks


def log_path() -> Path:
    """Where the report is written: ``$REVIEWDESK_HOME/logs`` or the user's log folder.

    On Windows ``%LOCALAPPDATA%\\ReviewDesk\\ReviewDesk\\Logs\\self-test.log``.
    """
    home = os.environ.get("REVIEWDESK_HOME")
    if home:
        return Path(home) / "logs" / LOG_NAME
    import platformdirs

    return Path(platformdirs.user_log_dir("ReviewDesk", "ReviewDesk")) / LOG_NAME


class CheckFailed(Exception):
    """A check found something wrong; the message is the reason printed."""


class Skipped(Exception):
    """A check could not run because one it depends on failed."""


@dataclass
class Result:
    name: str
    ok: bool
    detail: str
    seconds: float
    skipped: bool = False
    trace: str | None = None

    def line(self) -> str:
        status = "ok" if self.ok else ("skipped" if self.skipped else "FAILED")
        return f"{status:<7} {self.name:<16} {self.detail}  ({self.seconds:.2f} s)"


@dataclass
class Report:
    echo: Callable[[str], object]
    results: list[Result] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)
        try:
            self.echo(line)
        except (OSError, ValueError, AttributeError):  # no console (windowed build): the log has it
            pass

    def run(self, name: str, check: Check) -> bool:
        started = time.perf_counter()
        trace = None
        try:
            detail, ok, skipped = check(), True, False
        except Skipped as e:
            detail, ok, skipped = str(e), False, True
        except CheckFailed as e:
            detail, ok, skipped = str(e), False, False
        except Exception as e:  # noqa: BLE001 - a self-test reports every failure and goes on
            detail, ok, skipped = _one_line(e), False, False
            trace = traceback.format_exc()
        result = Result(name, ok, detail, time.perf_counter() - started, skipped, trace)
        self.results.append(result)
        self.say(result.line())
        return ok


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _require(condition: object, reason: str) -> None:
    if not condition:
        raise CheckFailed(reason)


@contextmanager
def _isolated_home(folder: Path) -> Iterator[None]:
    """``$REVIEWDESK_HOME`` in ``folder`` while the checks run, so no user key is ever touched."""
    old = os.environ.get("REVIEWDESK_HOME")
    os.environ["REVIEWDESK_HOME"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("REVIEWDESK_HOME", None)
        else:
            os.environ["REVIEWDESK_HOME"] = old


# ----------------------------------------------------------------------------- the core's checks
class _CoreChecks:
    """The end-to-end run, one method per check; later checks use what earlier ones made."""

    def __init__(self, work: Path):
        self.work = work
        self.session_path = work / "自检.rdesk"
        self.out = work / "定稿"
        self.identity = None
        self.ranked = False
        self.finalized = False

    def resources(self) -> str:
        from .policy import load_catalog, shipped_catalogs
        from .resources import font_path, migrations_dir, resource, root

        base = root()
        catalogs = shipped_catalogs()
        _require(catalogs, f"no policy catalog in {resource('policies')}")
        for f in catalogs:
            load_catalog(f)
        _require(sorted(migrations_dir().glob("*.sql")), f"no database migration in {migrations_dir()}")
        _require(font_path().is_file(), f"the bundled font {font_path()} is missing")
        qm = sorted(resource("i18n").glob("*.qm"))
        _require(qm, f"no compiled translation (.qm) in {resource('i18n')}")
        return f"{base} ({len(catalogs)} catalog(s), font, {', '.join(q.stem for q in qm)})"

    def demo(self) -> str:
        from .demo import build_demo
        from .session import Session

        build_demo(self.session_path)
        with Session.open(self.session_path, readonly=True) as s:
            apps = s.conn.execute("SELECT COUNT(*) FROM applications").fetchone()[0]
            reviews = s.conn.execute("SELECT COUNT(DISTINCT application_id || expert_id) FROM scores").fetchone()[0]
        _require(apps > 0 and reviews > 0, f"the demo session has {apps} applications and {reviews} reviews")
        return f"{apps} applications, {reviews} reviews"

    def rank(self) -> str:
        from .session import Session
        from .shortlist import shortlist

        self._needs(self.session_path.is_file(), "demo")
        with Session.open(self.session_path, readonly=True) as s:
            result = shortlist(s)
        awarded = [e for p in result.programs for e in p.entries if e.status == "awarded"]
        _require(awarded, "the demo's shortlist awards nothing")
        self.ranked = True
        return f"{len(result.programs)} programs, {len(awarded)} awards, {sum(e.amount or 0 for e in awarded)} yuan"

    def identity_check(self) -> str:
        from .trust import create_identity, load_identity, short_fingerprint

        store = self.work / "keys"
        passphrase = "self-test passphrase 自检口令"
        created = create_identity("自检组长 Self-test chair", "chair", passphrase, store=store,
                                  kdf_log2_n=TEST_KDF_LOG2_N)
        self.identity = load_identity(passphrase, store=store)
        _require(self.identity.fingerprint == created.fingerprint, "the identity read back is not the one created")
        return f"throw-away chair key {short_fingerprint(created.certificate)}, read back with its passphrase"

    def finalize(self) -> str:
        from .finalize import OUTPUTS, finalize
        from .session import Session

        self._needs(self.ranked, "rank")
        self._needs(self.identity is not None, "identity")
        with Session.open(self.session_path) as s:
            result = finalize(s, self.out, self.identity, lang="zh")
        missing = [n for n in OUTPUTS if not (self.out / n).is_file()]
        _require(not missing, f"finalize did not write {', '.join(missing)}")
        self.finalized = True
        pdf = self.out / "shortlist.pdf"
        return f"{pdf.name} {pdf.stat().st_size // 1024} KB signed, {result.awarded} awards"

    def verify_pdf(self) -> str:
        from .errors import VerificationFailed
        from .finalize import PDF_NAME, verify

        self._needs(self.finalized, "finalize")
        verdict = verify(self.out / PDF_NAME)
        _require(verdict.ok and verdict.kind == "pdf", f"verify said: {'; '.join(verdict.lines)}")
        # The verifier must also refuse: a changed copy (beside the chair's certificate) fails.
        tampered = self.work / "tampered" / PDF_NAME
        tampered.parent.mkdir()
        shutil.copy2(self.out / "chair-certificate.pem", tampered.parent)
        data = bytearray((self.out / PDF_NAME).read_bytes())
        data[len(data) // 3] ^= 0x01
        tampered.write_bytes(bytes(data))
        try:
            verify(tampered)
        except VerificationFailed:
            pass
        else:
            raise CheckFailed("a PDF changed after signing was accepted")
        return "signature valid, covers the whole file; a changed copy is refused"

    def verify_manifest(self) -> str:
        from .finalize import MANIFEST_NAME, verify

        self._needs(self.finalized, "finalize")
        verdict = verify(self.out / MANIFEST_NAME)
        _require(verdict.ok and verdict.kind == "manifest", f"verify said: {'; '.join(verdict.lines)}")
        return "signature valid, output digests match"

    def pdf_font(self) -> str:
        from .finalize import PDF_NAME

        self._needs(self.finalized, "finalize")
        fonts = embedded_fonts(self.out / PDF_NAME)
        _require(fonts, "the PDF names no font")
        missing = sorted(name for name, embedded in fonts.items() if not embedded)
        _require(not missing, f"fonts not embedded: {', '.join(missing)}")
        cjk = sorted(n for n in fonts if "WenQuanYi" in n)
        _require(cjk, f"the bundled WenQuanYi font is not in the PDF (fonts: {', '.join(sorted(fonts))})")
        return f"{len(fonts)} font subset(s), all embedded, WenQuanYi Micro Hei among them"

    @staticmethod
    def _needs(done: object, check: str) -> None:
        if not done:
            raise Skipped(str(msg("needs the {c} check, which failed", "依赖的 {c} 检查未通过", c=check)))

    def checks(self) -> list[tuple[str, Check]]:
        return [("resources", self.resources), ("demo", self.demo), ("rank", self.rank),
                ("identity", self.identity_check), ("finalize", self.finalize), ("verify-pdf", self.verify_pdf),
                ("verify-manifest", self.verify_manifest), ("pdf-font", self.pdf_font)]


def embedded_fonts(pdf: Path) -> dict[str, bool]:
    """The fonts the PDF's pages use, by base name, and whether each has its font program embedded.

    Read with pyHanko's PDF reader (no poppler on a Windows laptop): a simple or composite font
    is embedded when its descriptor holds a ``/FontFile``, ``/FontFile2`` or ``/FontFile3`` stream.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader

    fonts: dict[str, bool] = {}
    with pdf.open("rb") as f:
        reader = PdfFileReader(f)
        for page in _pages(reader.root["/Pages"]):
            resources = page.get("/Resources")
            font_dict = _deref(_deref(resources).get("/Font")) if resources is not None else None
            for ref in (font_dict or {}).values():
                font = _deref(ref)
                name = str(font.get("/BaseFont", "?")).lstrip("/")
                if font.get("/Subtype") == "/Type0":
                    font = _deref(font["/DescendantFonts"][0])
                desc = font.get("/FontDescriptor")
                desc = _deref(desc) if desc is not None else None
                embedded = desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                fonts[name] = fonts.get(name, True) and embedded
    return fonts


def _deref(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


def _pages(node) -> Iterator:
    node = _deref(node)
    if node.get("/Type") == "/Pages":
        for kid in node["/Kids"]:
            yield from _pages(kid)
    else:
        yield node


# ----------------------------------------------------------------------------- the run
def run_self_test(echo: Callable[[str], object] = print) -> int:
    """Run every check, report each on a line (and in the log); 0 if all passed, else 1."""
    started = time.perf_counter()
    report = Report(echo)
    report.say(f"ReviewDesk {__version__} self-test · Python {platform.python_version()} · "
               f"{platform.system()} {platform.release()} · {'frozen' if getattr(sys, 'frozen', False) else 'source'}")
    work = Path(tempfile.mkdtemp(prefix="reviewdesk-selftest-"))
    try:
        with _isolated_home(work / "home"):
            core = _CoreChecks(work)
            for name, check in core.checks():
                report.run(name, check)
            if _gui_checks is None:
                report.run("gui", _no_gui)
            else:
                try:
                    gui = _gui_checks()
                except Exception as e:  # noqa: BLE001
                    report.run("gui", lambda e=e: (_ for _ in ()).throw(e))
                else:
                    for name, check in gui:
                        report.run(name, check)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    failed = [r.name for r in report.results if not r.ok]
    seconds = time.perf_counter() - started
    if failed:
        report.say(str(msg("self-test FAILED: {n} of {t} checks ({names}); details in {log}",
                           "自检未通过：{t} 项检查中 {n} 项失败（{names}）；详情见 {log}",
                           n=len(failed), t=len(report.results), names=", ".join(failed), log=log_path())))
    else:
        report.say(str(msg("self-test passed: {t} checks in {s:.1f} s", "自检通过：共 {t} 项检查，用时 {s:.1f} 秒",
                           t=len(report.results), s=seconds)))
    _write_log(report)
    return 1 if failed else 0


def _no_gui() -> str:
    raise CheckFailed(str(msg("the desktop app is not part of this program (run the installed `reviewdesk`, "
                              "with the [gui] extra)",
                              "此程序不含桌面程序（请运行安装后的 reviewdesk，需安装 [gui] 组件）")))


def _write_log(report: Report) -> None:
    path = log_path()
    lines = list(report.lines)
    for r in report.results:
        if r.trace:
            lines += ["", f"--- {r.name}: details for IT", r.trace.rstrip()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as e:
        report.say(f"(the report could not be written to {path}: {e})")
