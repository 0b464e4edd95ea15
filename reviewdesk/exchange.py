"""The offline round trip (DESIGN.md): roster certificates, the chair's pack, the expert's work
copy, score packages and merging them.

    chair: session ──pack (signed)──► USB ──► expert: unpack (verify) → work copy
    expert: score (saved at every change) ──export (signed package)──► USB ──► chair: merge

Every file that crosses a USB stick is a signed envelope (:mod:`reviewdesk.trust.envelope`):
its signature is checked before a byte of it is parsed. A package names its session, its
signer and a sequence number; one from another session, an unknown signer, older than what was
merged, or changed by one byte is refused with the reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError, ReviewDeskError, SessionError, TrustError, VerificationFailed
from .i18n import msg
from .session import Session, move_into_place, now_iso, review_summaries, sha256_file, translate_sqlite_error

PACK_SUFFIX = ".rdpack"
WORK_SUFFIX = ".rdwork"
PACKAGE_SUFFIX = ".rdscores"
PACKAGE_FORMAT = 1
Progress = Callable[[int, int], object]


# ----------------------------------------------------------------------------- roster
def roster_add(session: Session, expert_id: str, cert_pem: bytes, *, name: str | None = None) -> str:
    """Register an expert's certificate (chair). Returns the readable fingerprint.

    The expert is added to the roster if missing (named from the certificate). A certificate
    registered to another expert is refused: one person, one place on the panel.
    """
    from .trust import cert_from_pem, certificate_name, fingerprint, readable_fingerprint

    cert = cert_from_pem(cert_pem)
    fp = fingerprint(cert)
    other = session.conn.execute("SELECT expert_id FROM experts WHERE fingerprint = ? AND expert_id != ?",
                                 (fp, expert_id)).fetchone()
    if other:
        raise InputError(msg("this certificate is already registered for expert {e}",
                             "该证书已登记给专家 {e}", e=other[0]))
    pem = cert.public_bytes(_pem_encoding()).decode("ascii")
    exists = session.conn.execute("SELECT name FROM experts WHERE expert_id = ?", (expert_id,)).fetchone()
    with session.change("roster.add", {"expert_id": expert_id, "fingerprint": fp,
                                       "name": certificate_name(cert)}):
        if exists:
            session.conn.execute("UPDATE experts SET cert_pem = ?, fingerprint = ? WHERE expert_id = ?",
                                 (pem, fp, expert_id))
        else:
            session.conn.execute("INSERT INTO experts (expert_id, name, cert_pem, fingerprint) VALUES (?,?,?,?)",
                                 (expert_id, name or certificate_name(cert), pem, fp))
    return readable_fingerprint(cert)


def _pem_encoding():
    from cryptography.hazmat.primitives import serialization

    return serialization.Encoding.PEM


def roster_certificates(session: Session) -> dict[str, Any]:
    """expert_id → certificate, for the experts with one registered."""
    from .trust import cert_from_pem

    return {eid: cert_from_pem(pem.encode("ascii")) for eid, pem in session.conn.execute(
        "SELECT expert_id, cert_pem FROM experts WHERE cert_pem IS NOT NULL")}


# ----------------------------------------------------------------------------- pack / unpack
def _vacuum_into(conn: sqlite3.Connection, dest: Path, expected: int, report: Callable[[int], object]) -> None:
    """``VACUUM INTO dest``: a compact, consistent copy holding only live rows (what was deleted is
    not carried over, not even in free pages).

    VACUUM reports no progress (SQLite's progress handler is not called inside it), so it runs on
    a helper thread while this one reports how far the copy has grown, every 0.1 s, through
    ``report(bytes written)``. If ``report`` raises (a cancel), the copy is interrupted first.
    ``conn`` must allow use from another thread (``check_same_thread=False``); nothing else uses
    it meanwhile: this thread only waits.
    """
    failure: list[BaseException] = []

    def work() -> None:
        try:
            conn.execute("VACUUM INTO ?", (str(dest),))
        except BaseException as e:  # noqa: BLE001 - handed back to the calling thread
            failure.append(e)

    worker = threading.Thread(target=work, name="reviewdesk-vacuum-into", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            try:
                written = dest.stat().st_size
            except OSError:
                written = 0
            report(min(written, expected))
            worker.join(0.1)
    except BaseException:
        conn.interrupt()
        worker.join()
        raise
    if failure:
        raise failure[0]


def _database_bytes(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]


def _chair_check(session: Session, identity) -> None:
    """A session is packed and finalized by one chair: the first to pack it."""
    from .trust import fingerprint

    known = session.meta.get("chair_fingerprint")
    if known and known != fingerprint(identity.certificate):
        raise TrustError(msg("this session's chair is {n} (fingerprint {f}); sign with that identity",
                             "本会话的组长为 {n}（指纹 {f}），请使用该身份签名", n=session.meta.get("chair_name", "?"),
                             f=known[:16]))


def pack(session: Session, out: Path | str, identity, progress: Progress | None = None) -> Path:
    """Write the chair's signed copy of the session for the experts.

    The pack holds the policy, the applications (and their documents), the roster with its
    certificates and the declared conflicts; never anyone's scores, the chair's decisions or the
    prior-awards registry.
    """
    from .trust import fingerprint, readable_fingerprint
    from .trust.envelope import SESSION_PACK, seal_file

    if session.kind != "chair":
        raise SessionError(msg("only a chair's session can be packed", "只有组长的会话文件可以打包"))
    _chair_check(session, identity)
    out = Path(out)
    fp = fingerprint(identity.certificate)
    # Progress over three passes of about the session's size: copy, clean, sign.
    size = max(_database_bytes(session.conn), 1)

    def report(done: int) -> None:
        if progress is not None:
            progress(min(done, 3 * size), 3 * size)

    with tempfile.TemporaryDirectory(prefix="reviewdesk-pack-") as tmp:
        copy, payload = Path(tmp) / "copy.sqlite", Path(tmp) / "pack.sqlite"
        try:
            _vacuum_into(session.conn, copy, size, report)  # a consistent snapshot, even while others write
        except sqlite3.Error as e:
            raise translate_sqlite_error(e, copy) from None
        report(size)
        conn = sqlite3.connect(str(copy), check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            for table in ("scores", "decisions", "audit", "prior_awards", "packages"):
                conn.execute(f"DELETE FROM {table}")
            meta = {"kind": "pack", "chair_fingerprint": fp, "chair_name": identity.name,
                    "chair_cert": identity.cert_pem().decode("ascii"), "packed_at": now_iso(),
                    "packed_with": __version__, "source_audit_head": session.audit_head()}
            conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(meta.items()))
            conn.commit()
            # The deleted rows must not travel in free pages: the pack is a fresh compact copy.
            _vacuum_into(conn, payload, size, lambda done: report(size + done))
        except sqlite3.Error as e:
            raise translate_sqlite_error(e, payload) from None
        finally:
            conn.close()
        copy.unlink()
        report(2 * size)
        seal_file(SESSION_PACK, payload, out, identity,
                  progress=lambda done, total: report(2 * size + done * size // max(total, 1)))
    digest = sha256_file(out)
    with session.change("session.pack", {"file": out.name, "sha256": digest, "chair": fp}, actor=identity.name):
        if not session.meta.get("chair_fingerprint"):
            session.set_meta("chair_fingerprint", fp)
            session.set_meta("chair_name", identity.name)
            session.set_meta("chair_cert", identity.cert_pem().decode("ascii"))
            session.set_meta("chair_readable_fingerprint", readable_fingerprint(identity.certificate))
    return out


@dataclass
class Unpacked:
    path: Path
    expert_id: str
    expert_name: str
    chair_name: str
    chair_fingerprint: str  # readable
    applications: int


def unpack(pack_path: Path | str, out: Path | str, my_cert=None, *, chair_fingerprint: str | None = None,
           progress: Progress | None = None) -> Unpacked:
    """Check the chair's signature and write the expert's work copy to local disk.

    ``my_cert`` is the expert's own certificate (from their key store by default): the work copy
    belongs to the roster entry with that certificate. ``chair_fingerprint``, when given (read
    aloud by the chair), must match the signer.
    """
    from .trust import load_certificate, matches_readable, readable_fingerprint
    from .trust.envelope import SESSION_PACK, open_sealed_file

    pack_path, out = Path(pack_path), Path(out)
    if out.exists():
        raise SessionError(msg("{p} already exists; choose another name for the work copy",
                               "{p} 已存在，请为工作副本另选文件名", p=out))
    my_cert = my_cert if my_cert is not None else load_certificate()
    with tempfile.TemporaryDirectory(prefix="reviewdesk-unpack-", dir=out.parent if out.parent.exists() else None) \
            as tmp:
        payload = Path(tmp) / "work.sqlite"
        signer = open_sealed_file(pack_path, trusted=None, expected_kind=SESSION_PACK, out_payload_path=payload,
                                  progress=progress)
        if chair_fingerprint and not matches_readable(signer, chair_fingerprint):
            raise VerificationFailed(msg(
                "the pack is signed by {n} ({f}), not by the chair's fingerprint you entered",
                "会话包的签名者为 {n}（{f}），与您输入的组长指纹不符", n=signer.subject.rfc4514_string(),
                f=readable_fingerprint(signer)))
        try:
            return _unpack_payload(pack_path, payload, out, signer, my_cert, progress)
        except (sqlite3.Error, UnicodeDecodeError):
            # Signed, but not a session this version can read (whoever signed it; a damaged text cell
            # is not UTF-8): refuse, write nothing.
            raise InputError(msg("{f}: signed, but not a session pack this version can read",
                                 "{f}：签名有效，但不是本版本可读取的会话包", f=pack_path.name)) from None


def _unpack_payload(pack_path: Path, payload: Path, out: Path, signer, my_cert, progress: Progress | None) \
        -> Unpacked:
    """The checked payload of a pack → the work copy ``out``; every SQLite error is the caller's to refuse."""
    from .trust import fingerprint, readable_fingerprint

    my_fp = fingerprint(my_cert)
    conn = sqlite3.connect(str(payload))
    try:
        # The payload's author chose its schema: no function with side effects runs from it, and a
        # damaged file is refused before anything reads it.
        conn.execute("PRAGMA trusted_schema = OFF")
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("quick_check failed")
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("kind") != "pack" or meta.get("chair_fingerprint") != fingerprint(signer):
            raise VerificationFailed(msg("the pack's contents do not name its signer as the chair",
                                         "会话包内容中的组长与签名者不一致"))
        row = conn.execute("SELECT expert_id, name FROM experts WHERE fingerprint = ?", (my_fp,)).fetchone()
        if row is None:
            raise TrustError(msg(
                "your certificate ({f}) is not in this session's roster; give it to the chair "
                "(reviewdesk key export-cert) and ask for a new pack",
                "您的证书（{f}）不在本会话的专家名单中；请将证书交给组长（reviewdesk key export-cert）并索取新的会话包",
                f=readable_fingerprint(my_cert)))
        expert_id, expert_name = row
        conn.execute("DELETE FROM conflicts WHERE expert_id != ?", (expert_id,))
        work_meta = {"kind": "work", "expert_id": expert_id, "pack_sha256": sha256_file(pack_path),
                     "unpacked_at": now_iso(), "export_sequence": "0"}
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(work_meta.items()))
        conn.commit()
        n_apps = conn.execute("SELECT count(*) FROM applications").fetchone()[0]
    finally:
        conn.close()
    s = Session.open(payload)
    try:
        from .documents import verify_documents

        verify_documents(s, progress)  # every document the expert will read is the one the chair packed
        with s.change("work.unpack", {"pack": pack_path.name, "expert_id": expert_id,
                                      "chair": meta["chair_fingerprint"]}, actor=expert_id):
            pass
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        s.close()
    move_into_place(payload, out)
    return Unpacked(out, expert_id, expert_name, meta.get("chair_name", ""), readable_fingerprint(signer), n_apps)


# ----------------------------------------------------------------------------- score packages
def export_scores(work: Session, out: Path | str, identity) -> dict[str, Any]:
    """Write the expert's signed score package (their reviews and conflicts) and return a summary."""
    from .trust import fingerprint
    from .trust._files import atomic_write_bytes
    from .trust.envelope import SCORE_PACKAGE, seal

    if work.kind != "work":
        raise SessionError(msg("scores are exported from an expert's work copy", "评分包须从专家工作副本导出"))
    expert_id = work.meta["expert_id"]
    row = work.conn.execute("SELECT fingerprint FROM experts WHERE expert_id = ?", (expert_id,)).fetchone()
    if row is None or row[0] != fingerprint(identity.certificate):
        raise TrustError(msg("this work copy belongs to expert {e}; your identity is not theirs",
                             "此工作副本属于专家 {e}，与您的身份不符", e=expert_id))
    sequence = int(work.meta.get("export_sequence", "0")) + 1
    reviews = [list(r) for r in work.conn.execute(
        "SELECT application_id, criterion, points2, comment FROM scores WHERE expert_id = ? "
        "ORDER BY application_id, criterion", (expert_id,))]
    conflicts = [r[0] for r in work.conn.execute(
        "SELECT credit_code FROM conflicts WHERE expert_id = ? ORDER BY credit_code", (expert_id,))]
    payload = {"format": PACKAGE_FORMAT, "session_id": work.id, "expert_id": expert_id, "sequence": sequence,
               "created_at": now_iso(), "software": __version__, "pack_sha256": work.meta.get("pack_sha256"),
               "reviews": reviews, "conflicts": conflicts}
    data = seal(SCORE_PACKAGE, json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                identity)
    out = Path(out)
    atomic_write_bytes(out, data)
    digest = hashlib.sha256(data).hexdigest()
    with work.change("scores.export", {"file": out.name, "sha256": digest, "sequence": sequence,
                                       "rows": len(reviews)}, actor=expert_id):
        work.set_meta("export_sequence", str(sequence))
    complete = _complete_count(work, expert_id)
    return {"path": out, "sequence": sequence, "rows": len(reviews), "complete_reviews": complete,
            "conflicts": len(conflicts), "sha256": digest}


def _complete_count(session: Session, expert_id: str) -> int:
    from .reviews import review_states

    return sum(1 for s in review_states(session, expert_id).values() if s.state == "complete")


@dataclass
class MergeOutcome:
    file: str
    status: str  # merged | already | refused
    message: str
    expert_id: str | None = None
    sequence: int | None = None
    rows: int = 0
    exit_code: int = 0


def merge_packages(session: Session, files: list[Path | str], progress: Progress | None = None) \
        -> list[MergeOutcome]:
    """Check and merge score packages, each on its own: a refused one leaves the session as it was."""
    outcomes = []
    # One transaction for the batch, a savepoint for each package: a refused package leaves the
    # others merged, and the disk is synced once instead of once per package. The summary
    # triggers are dropped once for the batch (by the first package that writes) and recreated
    # at its end, inside the same transaction.
    with session.lock(), _foreign_keys_checked_by_merge(session), session.db.atomic(), \
            contextlib.ExitStack() as batch:
        context = _MergeContext.of(session, batch)
        for i, f in enumerate(files):
            try:
                outcomes.append(merge_package(session, f, context))
            except ReviewDeskError as e:
                if not session.conn.in_transaction:
                    # SQLite rolled the whole batch back (a full disk, an I/O error): none of it is
                    # there, so no package may be reported merged. The batch fails as one.
                    raise
                outcomes.append(MergeOutcome(Path(f).name, "refused", str(e), exit_code=e.exit_code))
            if progress is not None:
                progress(i + 1, len(files))
    return outcomes


@contextlib.contextmanager
def _foreign_keys_checked_by_merge(session: Session) -> Iterator[None]:
    """SQLite's foreign-key checks off for a batch merge, on again after it.

    Every row a package writes is checked against what the keys point to before it is written,
    inside the batch's lock and transaction: each application is one of the session's (read in
    the batch's transaction), the expert is the roster's signer. SQLite's own check of the same
    two keys on each of ~540,000 score rows was a tenth of the merge. (The pragma cannot change
    inside a transaction: then the checks simply stay on.)
    """
    session.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        session.conn.execute("PRAGMA foreign_keys = ON")


@dataclass
class _MergeContext:
    """What every package of one merge is checked against, read once."""

    trusted: list  # roster certificates
    by_fp: dict[str, str]  # fingerprint -> expert id
    apps: dict[str, tuple[str, str]]  # application -> (program, credit code)
    maxes: dict[str, dict[str, int]]  # program -> criterion -> max points
    batch: contextlib.ExitStack | None = None  # the batch's contexts, closed when it ends

    @classmethod
    def of(cls, session: Session, batch: contextlib.ExitStack | None = None) -> _MergeContext:
        from .trust import fingerprint

        roster = roster_certificates(session)
        return cls(list(roster.values()), {fingerprint(c): eid for eid, c in roster.items()},
                   {r[0]: (r[1], r[2]) for r in session.conn.execute(
                       "SELECT application_id, program, credit_code FROM applications")},
                   {p.id: {c.id: c.max_points for c in p.criteria} for p in session.policy.programs},
                   batch)

    def before_writing(self, session: Session) -> None:
        """In a batch, before the first package writes (outside its savepoint, so a package
        refused later cannot bring the triggers back under the batch): drop the summary triggers
        for the rest of the batch. Not for a session that refuses changes: nothing is written."""
        if self.batch is None or session.score_triggers_off or session.readonly:
            return
        session.refresh()
        if session.finalized:
            return
        try:
            self.batch.enter_context(session.score_triggers_suspended())
        except sqlite3.Error as e:
            raise translate_sqlite_error(e, session.path) from None


def merge_package(session: Session, file: Path | str, context: _MergeContext | None = None) -> MergeOutcome:
    """Verify one package (signature against the roster first, then session, then sequence) and
    replace that expert's reviews with it in one transaction."""
    from .imports.table import CellError
    from .trust import fingerprint
    from .trust.envelope import SCORE_PACKAGE, open_sealed

    path = Path(file)
    if session.kind != "chair":
        raise SessionError(msg("packages are merged into the chair's session", "评分包须合并到组长的会话文件"))
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(msg("{f}: cannot read: {e}", "{f}：无法读取：{e}", f=path.name, e=e.strerror)) from None
    ctx = context or _MergeContext.of(session)
    signer, payload = open_sealed(data, trusted=ctx.trusted, expected_kind=SCORE_PACKAGE)
    expert_id = ctx.by_fp[fingerprint(signer)]
    try:
        pkg = json.loads(payload.decode("utf-8"))
        assert isinstance(pkg, dict) and pkg.get("format") == PACKAGE_FORMAT
        sid, pkg_expert, seq = pkg["session_id"], pkg["expert_id"], pkg["sequence"]
        reviews, conflicts = pkg["reviews"], pkg["conflicts"]
        assert isinstance(reviews, list) and isinstance(conflicts, list)
        # A sequence number SQLite can store; the ids compared as text.
        assert type(seq) is int and 0 < seq < 2**63 and isinstance(sid, str) and isinstance(pkg_expert, str)
    except (ValueError, KeyError, TypeError, AssertionError, UnicodeDecodeError, RecursionError):
        raise InputError(msg("{f}: signed, but not a score package this version can read",
                             "{f}：签名有效，但不是本版本可读取的评分包", f=path.name)) from None
    if sid != session.id:
        raise VerificationFailed(msg("{f}: the package is for another session ({s}), not this one",
                                     "{f}：该评分包属于另一个评审会话（{s}），不是本会话", f=path.name, s=sid))
    if pkg_expert != expert_id:
        raise VerificationFailed(msg("{f}: signed by expert {e} but names expert {o}",
                                     "{f}：签名者为专家 {e}，但包内写明专家 {o}", f=path.name, e=expert_id, o=pkg_expert))
    digest = hashlib.sha256(data).hexdigest()
    last = session.conn.execute("SELECT sequence, digest FROM packages WHERE expert_id = ?", (expert_id,)).fetchone()
    if last is not None:
        if seq < last[0] or (seq == last[0] and digest != last[1]):
            raise VerificationFailed(msg(
                "{f}: package number {n} from expert {e} is older than the one already merged (number {m})",
                "{f}：专家 {e} 的第 {n} 号评分包早于已合并的第 {m} 号", f=path.name, n=seq, e=expert_id, m=last[0]))
        if seq == last[0]:
            return MergeOutcome(path.name, "already", str(msg(
                "{f}: already merged (expert {e}, package {n}); nothing changed",
                "{f}：已合并过（专家 {e}，第 {n} 号），未做更改", f=path.name, e=expert_id, n=seq)), expert_id, seq)
    # Check every row before writing anything.
    apps, maxes = ctx.apps, ctx.maxes
    from .imports.table import parse_credit_code

    declared = set()
    problems = []
    for code in conflicts:
        try:
            declared.add(parse_credit_code(code))
        except (CellError, TypeError):
            problems.append(msg("bad credit code in the declared conflicts: {c}", "回避声明中的信用代码无效：{c}", c=code))
    conflicted = declared | {r[0] for r in session.conn.execute(
        "SELECT credit_code FROM conflicts WHERE expert_id = ?", (expert_id,))}
    rows = []
    for r in reviews:
        try:
            aid, crit, points2, comment = r
        except (TypeError, ValueError):
            problems.append(msg("a malformed review row", "评分行格式错误"))
            continue
        if not isinstance(aid, str) or not isinstance(crit, str):
            problems.append(msg("a malformed review row", "评分行格式错误"))
            continue
        app = apps.get(aid)
        if app is None:
            problems.append(msg("unknown application {a}", "未知申报 {a}", a=aid))
            continue
        if crit not in maxes[app[0]]:
            problems.append(msg("{a}: unknown criterion {c}", "{a}：未知评分项 {c}", a=aid, c=crit))
            continue
        if app[1] in conflicted:
            problems.append(msg("{a}: the expert declared a conflict with this enterprise",
                                "{a}：该专家已申明与该企业回避", a=aid))
            continue
        if points2 is not None:
            # points2 is twice the score: any whole number in 0..2×max is a 0.5 step within range.
            if type(points2) is not int or not 0 <= points2 <= 2 * maxes[app[0]][crit]:
                problems.append(msg("{a}/{c}: not a score within 0–{m} in steps of 0.5",
                                    "{a}/{c}：得分须在 0–{m} 之间且为 0.5 的整数倍", a=aid, c=crit,
                                    m=maxes[app[0]][crit]))
                continue
        if comment is not None and not isinstance(comment, str):
            problems.append(msg("{a}/{c}: bad comment", "{a}/{c}：意见格式错误", a=aid, c=crit))
            continue
        rows.append((aid, expert_id, crit, points2, comment))
    if problems:
        from .errors import Problem

        raise InputError(msg("{f}: the package has {n} problem(s); nothing was merged",
                             "{f}：评分包有 {n} 处问题，未合并任何内容", f=path.name, n=len(problems)),
                         [Problem(p, file=path.name) for p in problems[:200]])
    ctx.before_writing(session)
    with session.change("scores.merge", {"file": path.name, "sha256": digest, "expert_id": expert_id,
                                         "sequence": seq, "rows": len(rows)}, actor=expert_id):
        old_pairs = {(r[0], expert_id) for r in session.conn.execute(
            "SELECT DISTINCT application_id FROM scores WHERE expert_id = ?", (expert_id,))}
        # The package replaces all of the expert's scores: its rows are the new summaries' source.
        summaries = review_summaries(rows)
        with session.bulk_scores(old_pairs | {(s[0], expert_id) for s in summaries}, summaries):
            session.conn.execute("DELETE FROM scores WHERE expert_id = ?", (expert_id,))
            session.conn.executemany(
                "INSERT INTO scores (application_id, expert_id, criterion, points2, comment) VALUES (?,?,?,?,?)",
                rows)
        session.conn.executemany("INSERT OR IGNORE INTO conflicts (expert_id, credit_code) VALUES (?, ?)",
                                 [(expert_id, c) for c in sorted(declared)])
        session.conn.execute(
            "INSERT INTO packages (expert_id, sequence, digest, merged_at) VALUES (?,?,?,?) "
            "ON CONFLICT (expert_id) DO UPDATE SET sequence = excluded.sequence, digest = excluded.digest, "
            "merged_at = excluded.merged_at", (expert_id, seq, digest, now_iso()))
    return MergeOutcome(path.name, "merged", str(msg("{f}: merged expert {e}'s package {n} ({r} scores)",
                                                     "{f}：已合并专家 {e} 的第 {n} 号评分包（{r} 条评分）",
                                                     f=path.name, e=expert_id, n=seq, r=len(rows))),
                        expert_id, seq, len(rows))
