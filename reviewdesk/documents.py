"""Application documents: the application form (申报书) and its evidence, carried in the session.

Owns importing documents from a folder, storing them inside the session file, reading them back
and checking them. Everything an expert reads travels in the one session file (and so in the
chair's pack), and every document is known by the SHA-256 of its bytes: the digests listed in the
shortlist manifest are the record of what the panel read.

Storage (``db/002_documents.sql``) is content-addressed: ``blobs`` holds each distinct content
once, keyed by its SHA-256, as rows of :data:`CHUNK` bytes in ``blob_chunks``; ``documents``
attaches a content to an application under a name. The same file attached twice (to two
applications, or under two names) is stored once. Files are read and written in chunks, so a
session with a gigabyte of documents never needs a gigabyte of memory.

Importing (``reviewdesk import documents SESSION FOLDER``) accepts two layouts, mixed freely::

    FOLDER/A-0001/申报书.pdf            one sub-folder per application id (sub-folders inside
    FOLDER/A-0001/审计报告/2020.pdf      it are kept in the name: "审计报告/2020.pdf")
    FOLDER/A-0002_申报书.pdf            a file whose name starts with the id ("申报书.pdf")

PDF, PNG and JPEG are accepted, recognised by their first bytes (the extension must agree).
Like every import it is all-or-nothing: every file is checked first (known application, type,
size, a PDF that opens without a password), every problem is reported, and only a folder
without problems is written, in one audited change. Limits: :data:`MAX_FILE_BYTES` per file,
:data:`MAX_IMPORT_BYTES` per import (keyword arguments of :func:`import_documents`).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Problem, VerificationFailed, problems_error
from .i18n import msg
from .session import Session, canonical, now_iso, translate_os_error

CHUNK = 1 << 20  # bytes per stored chunk, and per read from disk
MAX_FILE_BYTES = 200 * 1024 * 1024  # one document: a scanned application form is rarely above 50 MB
MAX_IMPORT_BYTES = 4 * 1024 * 1024 * 1024  # one import: what fits on the panel's USB sticks

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
MEDIA_TYPES = (PDF, PNG, JPEG)
EXTENSIONS = {".pdf": PDF, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG}
# Files an operating system or office suite leaves in folders; skipped, never refused.
IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
# After an application id at the start of a file name: "A-0001_申报书.pdf", "A-0001 申报书.pdf".
_SEPARATORS = "_- .－—（("

Progress = Callable[[int, int], object]


def sniff(head: bytes) -> str | None:
    """The media type of a file from its first bytes: PDF, PNG, JPEG, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    # A PDF's header may follow a little junk (PDF 1.7 §7.5.2 readers look in the first 1 KiB).
    if b"%PDF-" in head[:1024]:
        return PDF
    return None


# ----------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class Document:
    """One document attached to an application."""

    application_id: str
    name: str
    sha256: str
    size: int
    media_type: str
    added_at: str = ""

    @property
    def is_pdf(self) -> bool:
        return self.media_type == PDF

    @property
    def is_image(self) -> bool:
        return self.media_type in (PNG, JPEG)


def has_documents(session: Session) -> bool:
    """Whether the session's schema has the documents tables (a read-only version-1 file has not)."""
    return session.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").fetchone() is not None


def documents_of(session: Session, application_id: str) -> list[Document]:
    """The documents of one application, by name."""
    if not has_documents(session):
        return []
    return [Document(*r) for r in session.conn.execute(
        "SELECT application_id, name, sha256, size, media_type, added_at FROM documents "
        "WHERE application_id = ? ORDER BY name", (application_id,))]


def all_documents(session: Session) -> list[Document]:
    """Every document of the session, by application and name."""
    if not has_documents(session):
        return []
    return [Document(*r) for r in session.conn.execute(
        "SELECT application_id, name, sha256, size, media_type, added_at FROM documents "
        "ORDER BY application_id, name")]


def document_counts(session: Session) -> dict[str, int]:
    """application id → number of documents (applications without any are absent)."""
    if not has_documents(session):
        return {}
    return dict(session.conn.execute("SELECT application_id, count(*) FROM documents GROUP BY application_id"))


def _blob(session: Session, sha256: str) -> tuple[int, int]:
    row = None
    if has_documents(session):
        row = session.conn.execute("SELECT size, chunks FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        raise InputError(msg("no document with digest {d} in this session", "本会话中没有摘要为 {d} 的文件",
                             d=sha256[:16]))
    return row


class DocumentReader(io.RawIOBase):
    """A document's bytes, read from the session chunk by chunk (at most one chunk in memory).

    Seekable. Read from start to end in one pass, it checks the content against its digest and
    raises :class:`VerificationFailed` at the end if they differ (a damaged session file).
    """

    def __init__(self, session: Session, sha256: str):
        super().__init__()
        self._conn = session.conn
        self.sha256 = sha256
        self.size, self._chunks = _blob(session, sha256)
        self._pos = 0
        self._buf = b""
        self._buf_seq = -1
        self._hash = hashlib.sha256()
        self._hashed = 0  # bytes hashed so far, in order from the start

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self.size}[whence]
        pos = base + offset
        if pos < 0:
            raise ValueError("negative seek position")
        self._pos = pos
        return pos

    def _chunk(self, seq: int) -> bytes:
        if seq != self._buf_seq:
            row = self._conn.execute("SELECT data FROM blob_chunks WHERE sha256 = ? AND seq = ?",
                                     (self.sha256, seq)).fetchone()
            if row is None:
                raise VerificationFailed(msg("document {d} is incomplete in the session file (part {n} missing)",
                                             "会话文件中的文件 {d} 不完整（缺少第 {n} 段）", d=self.sha256[:16], n=seq))
            self._buf, self._buf_seq = bytes(row[0]), seq
        return self._buf

    def readinto(self, b) -> int:  # noqa: ANN001 - a writable buffer
        if self.closed:
            raise ValueError("I/O operation on closed file")
        if self._pos >= self.size:
            return 0
        seq, off = divmod(self._pos, CHUNK)
        data = self._chunk(seq)
        n = min(len(b), len(data) - off, self.size - self._pos)
        if n <= 0:
            raise VerificationFailed(msg("document {d} is shorter in the session file than recorded",
                                         "会话文件中的文件 {d} 比记录的短", d=self.sha256[:16]))
        piece = data[off:off + n]
        b[:n] = piece
        if self._pos == self._hashed:
            self._hash.update(piece)
            self._hashed += n
            if self._hashed == self.size and self._hash.hexdigest() != self.sha256:
                raise _mismatch(self.sha256)
        self._pos += n
        return n


def _mismatch(sha256: str, names: str = "") -> VerificationFailed:
    return VerificationFailed(msg("document {n}{d} does not match its digest: the session file is damaged",
                                  "文件 {n}{d} 与其摘要不符：会话文件已损坏", n=names, d=sha256[:16]))


def open_document(session: Session, sha256: str) -> io.BufferedReader:
    """A read-only stream of the stored content ``sha256``; reading it through checks the digest."""
    return io.BufferedReader(DocumentReader(session, sha256), buffer_size=CHUNK)


def read_document(session: Session, sha256: str) -> bytes:
    """The whole content ``sha256``, checked against its digest (for a document the size of a page)."""
    with open_document(session, sha256) as f:
        return f.read()


def export_document(session: Session, sha256: str, path: Path | str) -> Path:
    """Write the content ``sha256`` to ``path`` (streaming, checked; the file appears only when whole)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".reviewdesk-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out, open_document(session, sha256) as src:
            for chunk in iter(lambda: src.read(CHUNK), b""):
                out.write(chunk)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise translate_os_error(e, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@dataclass
class VerifyResult:
    documents: int
    blobs: int
    bytes: int

    def summary(self) -> str:
        return str(msg("{n} document(s) checked ({b} distinct, {m}): every digest matches",
                       "已核对 {n} 个文件（{b} 份不同内容，{m}）：摘要全部一致", n=self.documents, b=self.blobs,
                       m=human_size(self.bytes)))


def verify_documents(session: Session, progress: Progress | None = None) -> VerifyResult:
    """Recompute every stored document's SHA-256; raise :class:`VerificationFailed` naming the
    applications and documents whose content does not match (or is missing)."""
    if not has_documents(session):
        return VerifyResult(0, 0, 0)
    conn = session.conn
    names: dict[str, list[str]] = {}
    for aid, name, sha in conn.execute("SELECT application_id, name, sha256 FROM documents ORDER BY application_id, "
                                       "name"):
        names.setdefault(sha, []).append(f"{aid} {name}")
    blobs = conn.execute("SELECT sha256, size, chunks FROM blobs ORDER BY sha256").fetchall()
    total = sum(r[1] for r in blobs)
    bad: list[tuple[str, str]] = []  # (sha256, why)
    done = 0
    for sha, size, chunks in blobs:
        h = hashlib.sha256()
        n = seen = 0
        for seq, data in conn.execute("SELECT seq, data FROM blob_chunks WHERE sha256 = ? ORDER BY seq", (sha,)):
            if seq != seen:
                break
            h.update(data)
            n += len(data)
            seen += 1
            done += len(data)
            if progress is not None:
                progress(min(done, total), total)
        if seen != chunks or n != size or h.hexdigest() != sha:
            bad.append((sha, "content"))
    known = {r[0] for r in blobs}
    for sha in names:
        if sha not in known:
            bad.append((sha, "missing"))
    size_wrong = conn.execute("SELECT d.application_id, d.name, d.sha256 FROM documents d JOIN blobs b "
                              "ON b.sha256 = d.sha256 WHERE d.size != b.size").fetchall()
    if bad or size_wrong:
        problems = []
        for sha, why in bad:
            for who in names.get(sha, [f"({sha[:16]})"]):
                aid, _, name = who.partition(" ")
                text = msg("the document's content is missing from the session file", "会话文件中缺少该文件的内容") \
                    if why == "missing" else msg("the content does not match its SHA-256 digest",
                                                 "内容与其 SHA-256 摘要不符")
                problems.append(Problem(text, file=name or None, column="document", value=aid))
        for aid, name, _sha in size_wrong:
            problems.append(Problem(msg("the recorded size does not match the content", "记录的大小与内容不符"),
                                    file=name, column="document", value=aid))
        first = problems[0]
        raise VerificationFailed(msg(
            "{n} document(s) do not match their digest — the first: application {a}, {f}. The file was "
            "changed or damaged; do not use it.",
            "{n} 个文件与其摘要不符——第一个：申报 {a}，{f}。文件已被修改或损坏，请勿使用。",
            n=len(problems), a=first.value, f=first.file or "?"), problems)
    if progress is not None:
        progress(total, total)
    return VerifyResult(sum(len(v) for v in names.values()), len(blobs), total)


def human_size(n: int) -> str:
    """``1536`` → ``"1.5 KB"``: sizes as people read them (1024-based, like Windows Explorer)."""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{int(size)} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover - unreachable


# ----------------------------------------------------------------------------- importing
@dataclass
class _Candidate:
    path: Path
    rel: str  # the path inside FOLDER, for messages
    application_id: str
    name: str
    size: int = 0
    media_type: str = ""
    sha256: str = ""


@dataclass
class DocumentImport:
    """What :func:`import_documents` did."""

    folder: str
    attached: int  # new documents attached to applications
    unchanged: int  # already attached with the same content
    new_blobs: int  # distinct contents written
    bytes_written: int
    applications: int
    ignored: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = msg("{f}: {n} document(s) attached to {a} application(s) ({b} stored, {m})",
                   "{f}：已为 {a} 个申报附加 {n} 个文件（新存储 {b} 份，{m}）", f=self.folder, n=self.attached,
                   a=self.applications, b=self.new_blobs, m=human_size(self.bytes_written))
        out = str(text)
        if self.unchanged:
            out += str(msg("; {n} already attached, unchanged", "；{n} 个已附加过，未更改", n=self.unchanged))
        if self.ignored:
            out += str(msg("; skipped system files: {l}", "；已跳过系统文件：{l}", l=", ".join(self.ignored)))
        return out


def _ignored(name: str) -> bool:
    return name.lower() in IGNORED_NAMES or name.startswith((".", "~$"))


def _files_below(folder: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            yield Path(dirpath) / f


def _match_id(stem: str, ids: dict[str, str]) -> tuple[str | None, str]:
    """The application id a top-level file name starts with (longest match) and the rest of the name."""
    best = None
    upper = stem.upper()
    for key, aid in ids.items():
        if upper.startswith(key) and (len(stem) == len(key) or stem[len(key)] in _SEPARATORS):
            if best is None or len(key) > len(best[0]):
                best = (key, aid)
    if best is None:
        return None, stem
    rest = stem[len(best[0]):].lstrip(_SEPARATORS)
    return best[1], rest


def _guess_id(stem: str) -> str:
    return re.split(r"[_\s（(]", stem, maxsplit=1)[0] or stem


def _check_pdf(path: Path) -> Problem | None:
    """A PDF must open without a password and have a page (pyHanko's reader, lazily imported)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with path.open("rb") as f:
            reader = PdfFileReader(f, strict=False)
            if reader.encrypted:
                from pyhanko.pdf_utils.crypt import AuthStatus

                # Owner-password-only PDFs (printing restrictions) open with an empty user password.
                if reader.decrypt("").status == AuthStatus.FAILED:
                    return Problem(msg("the PDF is protected by a password: experts could not open it. "
                                       "Ask the applicant for an unprotected copy",
                                       "该 PDF 设有打开密码，专家无法打开。请向申报单位索取未加密的文件"))
            count = reader.root["/Pages"]["/Count"]
            if not isinstance(count, int) or count < 1:
                return Problem(msg("the PDF has no pages", "该 PDF 没有页面"))
    except Exception:  # noqa: BLE001 - any failure to parse means experts could not read it either
        return Problem(msg("the PDF is damaged or incomplete and cannot be read",
                           "该 PDF 已损坏或不完整，无法读取"))
    return None


def import_documents(session: Session, folder: Path | str, progress: Progress | None = None, *,
                     max_file_bytes: int = MAX_FILE_BYTES, max_total_bytes: int = MAX_IMPORT_BYTES) \
        -> DocumentImport:
    """Attach the documents in ``folder`` to their applications; all or nothing.

    ``progress(done, total)`` gets bytes read (checking, then writing); raising from it cancels
    with nothing written. Problems (file = the path inside ``folder``, column ``document``) are
    raised together in an :class:`InputError`.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(msg("{p}: no such folder", "{p}：文件夹不存在", p=folder))
    ids = {a.upper(): a for a in session.application_ids()}
    problems: list[Problem] = []
    ignored: list[str] = []
    found: list[_Candidate] = []

    def bad(rel: str, message, value: str | None = None) -> None:  # noqa: ANN001
        problems.append(Problem(message, file=rel, column="document", value=value))

    try:
        entries = sorted(folder.iterdir())
        for entry in entries:
            if _ignored(entry.name):
                ignored.append(entry.name)
                continue
            if entry.is_dir():
                aid = ids.get(entry.name.upper())
                for f in _files_below(entry):
                    rel = f.relative_to(folder).as_posix()
                    if _ignored(f.name):
                        ignored.append(rel)
                        continue
                    if aid is None:
                        bad(rel, msg("no application {a} in this session (the folder must be named by an "
                                     "application id)", "本会话中没有申报 {a}（文件夹须以申报编号命名）",
                                     a=entry.name))
                        continue
                    found.append(_Candidate(f, rel, aid, f.relative_to(entry).as_posix()))
            elif entry.is_file():
                aid, rest = _match_id(Path(entry.name).stem, ids)
                if aid is None:
                    bad(entry.name, msg("the name does not start with an application id of this session "
                                        "(expected e.g. A-0001_申报书.pdf); no application {a}",
                                        "文件名不以本会话的申报编号开头（应如 A-0001_申报书.pdf）；没有申报 {a}",
                                        a=_guess_id(Path(entry.name).stem)))
                    continue
                name = (rest + entry.suffix) if rest else entry.name
                found.append(_Candidate(entry, entry.name, aid, name))
    except OSError as e:
        raise translate_os_error(e, folder) from None
    if not found and not problems:
        raise InputError(msg("{p}: no documents found (expected FOLDER/<application id>/… or "
                             "<application id>_name.pdf)", "{p}：没有找到文件（应为 文件夹/<申报编号>/… 或 "
                             "<申报编号>_名称.pdf）", p=folder))

    # Types and sizes first: cheap, and a refused file is never read whole.
    checked: list[_Candidate] = []
    for c in found:
        ext = c.path.suffix.lower()
        declared = EXTENSIONS.get(ext)
        if declared is None:
            bad(c.rel, msg("only PDF, PNG and JPEG documents are accepted (this is {e})",
                           "只接受 PDF、PNG 和 JPEG 文件（此文件为 {e}）", e=ext or msg("no extension", "无扩展名")))
            continue
        try:
            c.size = c.path.stat().st_size
            with c.path.open("rb") as f:
                head = f.read(1024)
        except OSError as e:
            bad(c.rel, msg("cannot be read: {e}", "无法读取：{e}", e=e.strerror or e))
            continue
        if c.size == 0:
            bad(c.rel, msg("the file is empty", "文件为空"))
            continue
        if c.size > max_file_bytes:
            bad(c.rel, msg("{s} is over the limit of {m} per document", "{s}，超过单个文件上限 {m}",
                           s=human_size(c.size), m=human_size(max_file_bytes)))
            continue
        actual = sniff(head)
        if actual is None or (actual == PDF) != (declared == PDF):
            what = {PDF: "PDF", PNG: msg("PNG image", "PNG 图片"), JPEG: msg("JPEG image", "JPEG 图片")}
            bad(c.rel, msg("named {e} but its content is {k}", "扩展名为 {e}，但内容是{k}", e=ext,
                           k=what[actual] if actual else msg("not a PDF, PNG or JPEG", "非 PDF、PNG 或 JPEG 的文件")))
            continue
        c.media_type = actual
        checked.append(c)
    total_size = sum(c.size for c in checked)
    if total_size > max_total_bytes:
        problems.append(Problem(msg("the documents add up to {s}, over the limit of {m} per import; import "
                                    "them in several parts", "文件合计 {s}，超过单次导入上限 {m}，请分批导入",
                                    s=human_size(total_size), m=human_size(max_total_bytes)),
                                file=folder.name, column="document"))
        checked = []

    # Then contents: digest, and PDFs that open.
    done = 0
    total = total_size

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(min(done, total), total)

    for c in checked:
        try:
            c.sha256 = _hash_file(c.path, step)
        except OSError as e:
            bad(c.rel, msg("cannot be read: {e}", "无法读取：{e}", e=e.strerror or e))
            continue
        if c.media_type == PDF:
            p = _check_pdf(c.path)
            if p is not None:
                bad(c.rel, p.message)

    # Against the session and each other: a name keeps its content (experts may have read it).
    existing = {}
    if has_documents(session):
        existing = {(a, n): s for a, n, s in session.conn.execute("SELECT application_id, name, sha256 FROM documents")}
    seen: dict[tuple[str, str], _Candidate] = {}
    new: list[_Candidate] = []
    unchanged = 0
    for c in checked:
        if not c.sha256:
            continue
        key = (c.application_id, c.name)
        if key in seen:
            if seen[key].sha256 != c.sha256:
                bad(c.rel, msg("{o} gives application {a} a different document with the same name {n}",
                               "{o} 为申报 {a} 提供了同名（{n}）但内容不同的文件", o=seen[key].rel,
                               a=c.application_id, n=c.name))
            continue
        seen[key] = c
        if key in existing:
            if existing[key] != c.sha256:
                bad(c.rel, msg("application {a} already has a different document named {n}; documents never "
                               "change once attached: give the new one another name",
                               "申报 {a} 已有同名（{n}）但内容不同的文件；已附加的文件不可更改，请为新文件另起名称",
                               a=c.application_id, n=c.name))
            else:
                unchanged += 1
            continue
        new.append(c)
    if problems:
        raise problems_error(problems, msg("{n} problem(s) found; no document was imported",
                                           "发现 {n} 处问题，未导入任何文件", n=len(problems)))

    stored = set()
    if has_documents(session):
        stored = {r[0] for r in session.conn.execute("SELECT sha256 FROM blobs")}
    to_write: dict[str, _Candidate] = {}
    for c in new:
        if c.sha256 not in stored:
            to_write.setdefault(c.sha256, c)
    total = done + sum(c.size for c in to_write.values())
    listing = hashlib.sha256()
    for c in sorted(new, key=lambda c: (c.application_id, c.name)):
        listing.update(canonical([c.application_id, c.name, c.sha256]).encode("utf-8") + b"\n")
    written = 0
    if not new:
        return DocumentImport(folder.name, 0, unchanged, 0, 0, 0, ignored)
    with session.change("import.documents", {"file": folder.name, "sha256": listing.hexdigest(),
                                             "documents": len(new), "new_blobs": len(to_write)}) as detail:
        for c in to_write.values():
            written += _store(session, c, step)
        added = now_iso()
        session.conn.executemany(
            "INSERT INTO documents (application_id, name, sha256, size, media_type, added_at) VALUES (?,?,?,?,?,?)",
            [(c.application_id, c.name, c.sha256, c.size, c.media_type, added) for c in new])
        detail["bytes"] = written
    return DocumentImport(folder.name, len(new), unchanged, len(to_write), written,
                          len({c.application_id for c in new}), ignored)


def _hash_file(path: Path, step: Callable[[int], None]) -> str:
    h = hashlib.sha256()
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    with path.open("rb") as f:
        while n := f.readinto(view):
            h.update(view[:n])
            step(n)
    return h.hexdigest()


def _store(session: Session, c: _Candidate, step: Callable[[int], None]) -> int:
    """Inside a change: copy one file into chunk rows, re-hashing it (a file changed since it was
    checked aborts the whole import)."""
    h = hashlib.sha256()
    seq = size = 0
    session.conn.execute("INSERT INTO blobs (sha256, size, chunks) VALUES (?, ?, ?)",
                         (c.sha256, c.size, -(-c.size // CHUNK)))
    try:
        with c.path.open("rb") as f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
                session.conn.execute("INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, ?, ?)",
                                     (c.sha256, seq, chunk))
                seq += 1
                size += len(chunk)
                step(len(chunk))
    except OSError as e:
        raise translate_os_error(e, c.path) from None
    if h.hexdigest() != c.sha256 or size != c.size:
        raise InputError(msg("{f} changed while it was being imported; nothing was imported, try again",
                             "{f} 在导入过程中被修改；未导入任何文件，请重试", f=c.rel))
    return size
