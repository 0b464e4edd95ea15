"""Finalize and verify: the signed shortlist PDF, the XLSX, the signed manifest, and checking them.

Finalizing computes the shortlist from the session (never from a stored copy), renders the PDF
and the spreadsheet, signs the PDF (PAdES) and the manifest with the chair's key, then locks the
session in one audited change. Outputs are written to temporary files and renamed into place
only when everything succeeded: an interrupted finalize leaves neither a half-written file nor
a locked session without its shortlist.

The manifest is plain JSON with a detached ECDSA signature and the chair's certificate beside
it, so anyone can check it with OpenSSL alone::

    openssl x509 -in chair-certificate.pem -pubkey -noout > chair.pub
    openssl dgst -sha256 -verify chair.pub -signature manifest.sig manifest.json
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError, SessionError, VerificationFailed
from .i18n import msg
from .session import Session, canonical, now_iso, sha256_file
from .shortlist import Shortlist, shortlist

PDF_NAME = "shortlist.pdf"
XLSX_NAME = "shortlist.xlsx"
MANIFEST_NAME = "manifest.json"
SIG_NAME = "manifest.sig"
CERT_NAME = "chair-certificate.pem"
OUTPUTS = (PDF_NAME, XLSX_NAME, MANIFEST_NAME, SIG_NAME, CERT_NAME)
MANIFEST_FORMAT = 1

Progress = Callable[[str, int, int], object]


def _when(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    # Stored in UTC; printed in the laptop's local time (Beijing time on the panel's machines).
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone().replace(tzinfo=None)


def report_data(session: Session, result: Shortlist, *, finalized_at: str | None = None, chair_name: str = "",
                chair_fingerprint: str = ""):
    """The report of a shortlist, as the PDF and XLSX print it."""
    from .reports.model import Decision, EntryReport, Expert, ExpertTotal, ProgramReport, ReportData

    apps = {}
    programs = []
    for p in result.programs:
        entries = []
        for e in p.entries:
            dropped = {r.expert_id for r in e.agg.dropped}
            totals = [ExpertTotal(r.expert_id, _fmt_total(r.total2), r.expert_id in dropped) for r in e.agg.reviews]
            a = e.application
            apps[a.application_id] = p.program.id
            entries.append(EntryReport(
                application_id=a.application_id, enterprise_name=a.enterprise_name, credit_code=a.credit_code,
                project_name=a.project_name, status=e.status, rank=e.rank,
                score=None if e.score is None else str(e.score), reviews=e.agg.n, kept=len(e.agg.kept),
                amount=e.amount if e.status != "excluded" else None,
                amount_text=e.derivation if e.status != "excluded" else "", reason=e.reason, tied=e.tied,
                level=a.level, expert_totals=tuple(totals)))
        programs.append(ProgramReport(
            program_id=p.program.id, name=p.program.name, quota=p.quota, quota_left=p.quota_left,
            prior_awards=p.prior_count, prior_amount=p.prior_amount,
            level_quotas=dict(p.program.level_quotas) if p.program.level_quotas else None,
            budget_pool=p.budget_pool, budget_left=p.budget_left, awarded_amount=p.awarded_amount,
            entries=tuple(entries)))
    panel = [Expert(eid, name, org or "", fp or "") for eid, name, org, fp in session.conn.execute(
        "SELECT expert_id, name, organization, fingerprint FROM experts ORDER BY expert_id")]
    decisions = [Decision(aid, apps.get(aid, ""), kind, reason, _when(at)) for aid, kind, reason, at in
                 session.conn.execute("SELECT application_id, kind, reason, decided_at FROM decisions "
                                      "ORDER BY decided_at, application_id")]
    conditions = {c.id: c.description or c.id for prog in session.policy.programs for c in prog.eligibility}
    return ReportData(
        session_name=session.name, session_id=session.id, policy_id=session.policy.id,
        policy_name=session.policy.name, year=session.year, created_at=_when(session.meta.get("created_at")),
        finalized_at=_when(finalized_at), chair_name=chair_name or session.meta.get("chair_name", ""),
        chair_fingerprint=chair_fingerprint or session.meta.get("chair_fingerprint", ""), panel=tuple(panel),
        software_version=__version__, audit_head=session.audit_head(), programs=tuple(programs),
        decisions=tuple(decisions), conditions=conditions)


def _fmt_total(total2: int) -> str:
    return f"{total2 // 2}.5" if total2 % 2 else f"{total2 // 2}"


def input_digests(session: Session) -> dict[str, str]:
    """SHA-256 of each kind of input, over its rows in a fixed order: what the shortlist was computed from."""
    queries = {
        "applications": "SELECT * FROM applications ORDER BY application_id",
        "experts": "SELECT expert_id, name, organization, fingerprint FROM experts ORDER BY expert_id",
        "conflicts": "SELECT expert_id, credit_code FROM conflicts ORDER BY expert_id, credit_code",
        "scores": "SELECT application_id, expert_id, criterion, points2 FROM scores "
                  "ORDER BY application_id, expert_id, criterion",
        "prior_awards": "SELECT credit_code, project_key, program, year, amount, level FROM prior_awards "
                        "ORDER BY credit_code, project_key, program, year, amount",
        "decisions": "SELECT application_id, kind, reason FROM decisions ORDER BY application_id",
    }
    out = {}
    for name, sql in queries.items():
        h = hashlib.sha256()
        for row in session.conn.execute(sql):
            h.update(canonical(list(row)).encode("utf-8"))
            h.update(b"\n")
        out[name] = h.hexdigest()
    if "documents" in {r[0] for r in session.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}:
        h = hashlib.sha256()
        for row in session.conn.execute("SELECT application_id, sha256 FROM documents ORDER BY application_id, "
                                        "sha256"):
            h.update(canonical(list(row)).encode("utf-8") + b"\n")
        out["documents"] = h.hexdigest()
    return out


def build_manifest(session: Session, result: Shortlist, *, outputs: dict[str, str], chair_fp: str,
                   finalized_at: str) -> dict[str, Any]:
    files: dict[str, list] = {}
    for action, detail in session.conn.execute(
            "SELECT action, detail FROM audit WHERE action LIKE 'import.%' OR action = 'scores.merge' ORDER BY seq"):
        d = json.loads(detail)
        if "sha256" in d:
            files.setdefault(action, []).append({"file": d.get("file"), "sha256": d["sha256"]})
    documents = {}
    if "documents" in {r[0] for r in session.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}:
        for aid, sha, name in session.conn.execute(
                "SELECT application_id, sha256, name FROM documents ORDER BY application_id, name"):
            documents.setdefault(aid, []).append({"name": name, "sha256": sha})
    return {
        "format": MANIFEST_FORMAT,
        "kind": "reviewdesk-shortlist-manifest",
        "session_id": session.id,
        "session_name": session.name,
        "year": session.year,
        "policy": {"id": session.policy.id, "digest": session.policy_digest},
        "inputs": input_digests(session),
        "input_files": files,
        "documents": documents,
        "shortlist": result.to_json(),
        "audit_head": session.audit_head(),
        "outputs": outputs,
        "chair_fingerprint": chair_fp,
        "software": {"name": "ReviewDesk", "version": __version__},
        "finalized_at": finalized_at,
    }


@dataclass
class FinalizeResult:
    out_dir: Path
    files: dict[str, Path]
    manifest_sha256: str
    awarded: int
    awarded_amount: int


def finalize(session: Session, out_dir: Path | str, identity, progress: Progress | None = None,
             *, lang: str = "zh") -> FinalizeResult:
    """Lock the session and write the signed shortlist PDF, the XLSX and the signed manifest."""
    from .exchange import _chair_check

    def step(stage: str, done: int, total: int) -> None:
        if progress is not None:
            progress(stage, done, total)

    if session.kind != "chair":
        raise SessionError(msg("only the chair's session can be finalized", "只有组长的会话文件可以定稿"))
    out_dir = Path(out_dir)
    # The session's write lock is held throughout: the shortlist signed is the one of the session
    # locked, and no other process changes the session (or finalizes it) in between.
    with session.lock():
        session.refresh()
        if session.finalized:
            resumed = _resume(session, out_dir)
            if resumed is not None:
                return resumed
            raise SessionError(msg("{p} is already finalized ({t})", "{p} 已于 {t} 定稿", p=session.path.name,
                                   t=session.meta["finalized_at"]))
        _chair_check(session, identity)
        return _finalize_locked(session, out_dir, identity, step, lang)


def _temp_prefix(session: Session) -> str:
    return f".finalize-{session.id}-"


def _temp_dirs(session: Session, out_dir: Path) -> list[Path]:
    """This session's temporary folders in ``out_dir``, left by a finalize that was killed."""
    try:
        return sorted(p for p in out_dir.glob(_temp_prefix(session) + "*") if p.is_dir())
    except OSError:
        return []


def _resume(session: Session, out_dir: Path) -> FinalizeResult | None:
    """Finish a finalize killed after it locked the session but before its files were all in place.

    The files are complete in a temporary folder (they were written before the session was locked);
    the one whose manifest is the manifest recorded in the session is moved into place. None if
    there is nothing to finish here.
    """
    import shutil

    want = session.meta.get("manifest_sha256")
    for tmp in _temp_dirs(session, out_dir):
        manifest = tmp / MANIFEST_NAME
        if not want or not manifest.is_file() or sha256_file(manifest) != want:
            continue
        files = {}
        for name in OUTPUTS:
            if (tmp / name).exists():
                os.replace(tmp / name, out_dir / name)
            if not (out_dir / name).is_file():
                return None
            files[name] = out_dir / name
        shutil.rmtree(tmp, ignore_errors=True)
        result = shortlist(session)
        awarded = [e for p in result.programs for e in p.entries if e.status == "awarded"]
        return FinalizeResult(out_dir, files, want, len(awarded), sum(e.amount or 0 for e in awarded))
    return None


def _finalize_locked(session: Session, out_dir: Path, identity, step, lang: str) -> FinalizeResult:
    import shutil

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from .reports import render_pdf, render_xlsx
    from .trust import fingerprint
    from .trust._files import atomic_write_bytes
    from .trust.pdfsign import sign_pdf

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        from .session import translate_os_error

        raise translate_os_error(e, out_dir) from None
    for stale in _temp_dirs(session, out_dir):
        # Left by a finalize of this session that was killed before it locked the session: its
        # files were never the shortlist of record. (A live finalize would hold the lock we hold.)
        shutil.rmtree(stale, ignore_errors=True)
    clash = [n for n in OUTPUTS if (out_dir / n).exists()]
    if clash:
        raise InputError(msg("{d} already holds a shortlist ({f}); choose an empty folder",
                             "{d} 中已有定稿文件（{f}），请选择空文件夹", d=out_dir, f=", ".join(clash)))
    chair_fp = fingerprint(identity.certificate)
    step("rank", 0, 1)
    result = shortlist(session)
    step("rank", 1, 1)
    finalized_at = now_iso()
    data = report_data(session, result, finalized_at=finalized_at, chair_name=identity.name,
                       chair_fingerprint=chair_fp)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(session), dir=out_dir))
    except OSError as e:
        from .session import translate_os_error

        raise translate_os_error(e, out_dir) from None
    committed = placed = False
    try:
        render_pdf(data, tmp / "unsigned.pdf", progress=lambda d, t: step("pdf", d, t), lang=lang)
        step("sign", 0, 1)
        sign_pdf(tmp / "unsigned.pdf", tmp / PDF_NAME, identity, reason=f"评审结果定稿：{session.name}",
                 location="ReviewDesk")
        step("sign", 1, 1)
        step("xlsx", 0, 1)
        render_xlsx(data, tmp / XLSX_NAME, lang=lang)
        step("xlsx", 1, 1)
        outputs = {PDF_NAME: sha256_file(tmp / PDF_NAME), XLSX_NAME: sha256_file(tmp / XLSX_NAME)}
        manifest = build_manifest(session, result, outputs=outputs, chair_fp=chair_fp, finalized_at=finalized_at)
        body = (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
        signature = identity.signing_key().sign(body, ec.ECDSA(hashes.SHA256()))
        atomic_write_bytes(tmp / MANIFEST_NAME, body)
        atomic_write_bytes(tmp / SIG_NAME, signature)
        atomic_write_bytes(tmp / CERT_NAME, identity.cert_pem())
        manifest_sha = hashlib.sha256(body).hexdigest()
        with session.change("finalize", {"manifest_sha256": manifest_sha, "outputs": outputs,
                                         "chair": chair_fp}, actor=identity.name):
            session.set_meta("finalized_at", finalized_at)
            session.set_meta("manifest_sha256", manifest_sha)
            if not session.meta.get("chair_fingerprint"):
                session.set_meta("chair_fingerprint", chair_fp)
                session.set_meta("chair_name", identity.name)
                session.set_meta("chair_cert", identity.cert_pem().decode("ascii"))
        committed = True
        files = {}
        for name in OUTPUTS:
            os.replace(tmp / name, out_dir / name)
            files[name] = out_dir / name
        placed = True
    except OSError as e:
        from .session import translate_os_error

        raise translate_os_error(e, out_dir) from None
    finally:
        if placed or not committed:
            shutil.rmtree(tmp, ignore_errors=True)
        # else: the session is locked and its files wait complete in ``tmp``: finalizing again
        # into the same folder moves them into place (:func:`_resume`).
    awarded = [e for p in result.programs for e in p.entries if e.status == "awarded"]
    return FinalizeResult(out_dir, files, manifest_sha, len(awarded), sum(e.amount or 0 for e in awarded))


# ----------------------------------------------------------------------------- verify
@dataclass
class Verdict:
    ok: bool
    kind: str
    lines: list[str] = field(default_factory=list)

    def fail(self, message) -> Verdict:
        self.ok = False
        self.lines.append(str(message))
        return self


def _detect(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(64)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"SQLite format 3\x00"):
        return "session"
    if head.startswith(b"REVIEWDESK-SIGNED/"):
        return "sealed"
    if head.lstrip()[:1] == b"{":
        return "manifest"
    return "unknown"


def verify(path: Path | str, *, session_path: Path | str | None = None) -> Verdict:
    """Check a shortlist PDF, a manifest, a score package or pack, or a session's audit chain.

    Raises :class:`VerificationFailed` with the reason when it does not check out.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(msg("{p}: no such file", "{p}：文件不存在", p=path))
    kind = _detect(path)
    session = Session.open(session_path, readonly=True) if session_path else None
    try:
        if kind == "pdf":
            return _verify_pdf(path, session)
        if kind == "manifest":
            return _verify_manifest(path, session)
        if kind == "sealed":
            return _verify_sealed(path, session)
        if kind == "session":
            return _verify_session(path)
        raise InputError(msg("{p}: not a file ReviewDesk can verify (PDF, manifest, package, pack or session)",
                             "{p}：不是可校验的文件（PDF、清单、评分包、会话包或会话文件）", p=path.name))
    finally:
        if session is not None:
            session.close()


def _session_chair(session: Session | None):
    from .trust import cert_from_pem

    if session is None or not session.meta.get("chair_cert"):
        return None
    return cert_from_pem(session.meta["chair_cert"].encode("ascii"))


def _verify_pdf(path: Path, session: Session | None) -> Verdict:
    from .trust import certificate_name, readable_fingerprint
    from .trust.pdfsign import verify_pdf

    expected = _session_chair(session)
    if expected is None:
        cert_file = path.with_name(CERT_NAME)
        if cert_file.is_file():
            from .trust import cert_from_pem

            expected = cert_from_pem(cert_file.read_bytes())
    verdict = verify_pdf(path, expected)
    signer = getattr(verdict, "signer", None) or expected
    v = Verdict(True, "pdf")
    v.lines.append(str(msg("{p}: the signature is valid and covers the whole file",
                           "{p}：签名有效，且覆盖整个文件", p=path.name)))
    if signer is not None:
        v.lines.append(str(msg("signed by {n}, fingerprint {f}", "签名者：{n}，指纹 {f}",
                               n=certificate_name(signer), f=readable_fingerprint(signer))))
    return v


def _verify_manifest(path: Path, session: Session | None) -> Verdict:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from .trust import cert_from_pem, certificate_name, fingerprint, readable_fingerprint

    body = path.read_bytes()
    sig_path = path.with_name(SIG_NAME) if path.name == MANIFEST_NAME else path.with_suffix(".sig")
    if not sig_path.is_file():
        raise VerificationFailed(msg("{p}: its signature file {s} is missing", "{p}：缺少签名文件 {s}",
                                     p=path.name, s=sig_path.name))
    cert = _session_chair(session)
    cert_path = path.with_name(CERT_NAME)
    if cert is None:
        if not cert_path.is_file():
            raise VerificationFailed(msg("{p}: the chair's certificate {c} is missing", "{p}：缺少组长证书 {c}",
                                         p=path.name, c=CERT_NAME))
        cert = cert_from_pem(cert_path.read_bytes())
    try:
        cert.public_key().verify(sig_path.read_bytes(), body, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, TypeError):
        raise VerificationFailed(msg("{p}: the signature does not match (the manifest was changed, or signed by "
                                     "someone else)", "{p}：签名不符（清单被改动，或并非该组长签名）",
                                     p=path.name)) from None
    try:
        manifest = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise VerificationFailed(msg("{p}: signed, but not a manifest", "{p}：签名有效，但不是清单文件",
                                     p=path.name)) from None
    if manifest.get("chair_fingerprint") != fingerprint(cert):
        raise VerificationFailed(msg("{p}: the manifest names another chair than its signer",
                                     "{p}：清单中的组长与签名者不一致", p=path.name))
    v = Verdict(True, "manifest", [str(msg("{p}: the signature is valid", "{p}：签名有效", p=path.name)),
                                   str(msg("signed by {n}, fingerprint {f}", "签名者：{n}，指纹 {f}",
                                           n=certificate_name(cert), f=readable_fingerprint(cert)))])
    for name, digest in (manifest.get("outputs") or {}).items():
        f = path.with_name(name)
        if f.is_file():
            if sha256_file(f) != digest:
                raise VerificationFailed(msg("{f} does not match the manifest (it was changed)",
                                             "{f} 与清单不符（已被改动）", f=name))
            v.lines.append(str(msg("{f} matches the manifest", "{f} 与清单一致", f=name)))
    if session is not None:
        if manifest.get("session_id") != session.id:
            raise VerificationFailed(msg("the manifest is of another session", "清单属于另一个会话"))
        fresh = shortlist(session).to_json()
        if fresh != manifest.get("shortlist"):
            raise VerificationFailed(msg("the shortlist recomputed from the session differs from the manifest",
                                         "根据会话重新计算的结果与清单不一致"))
        if input_digests(session) != manifest.get("inputs"):
            raise VerificationFailed(msg("the session's inputs differ from those the manifest records",
                                         "会话的输入数据与清单记录不一致"))
        v.lines.append(str(msg("the shortlist recomputed from the session matches", "根据会话重新计算的结果一致")))
    return v


def _verify_sealed(path: Path, session: Session | None) -> Verdict:
    from .trust import certificate_name, readable_fingerprint
    from .trust.envelope import describe_kind, inspect_sealed_file

    info = inspect_sealed_file(path)
    v = Verdict(True, info.kind, [str(msg("{p}: {k}, intact, signed by {n} ({f})", "{p}：{k}，完整，签名者 {n}（{f}）",
                                          p=path.name, k=describe_kind(info.kind), n=certificate_name(info.signer),
                                          f=readable_fingerprint(info.signer)))])
    if session is not None:
        from .exchange import roster_certificates
        from .trust import fingerprint

        known = {fingerprint(c): e for e, c in roster_certificates(session).items()}
        chair = _session_chair(session)
        if chair is not None:
            known[fingerprint(chair)] = "chair"
        who = known.get(fingerprint(info.signer))
        if who is None:
            raise VerificationFailed(msg("{p}: the signer is not in this session's roster",
                                         "{p}：签名者不在本会话的名单中", p=path.name))
        v.lines.append(str(msg("the signer is {w} in this session", "签名者为本会话的 {w}", w=who)))
    return v


def _verify_session(path: Path) -> Verdict:
    """The database's own integrity, the audit chain, and every stored document's digest."""
    from .audit import verify_chain
    from .documents import verify_documents

    with Session.open(path, readonly=True) as s:
        report = verify_chain(s)
        integrity = s.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if integrity != "ok":
            raise VerificationFailed(msg("{p}: the database is damaged ({e})", "{p}：数据库已损坏（{e}）",
                                         p=path.name, e=integrity))
        if not report.ok:
            raise VerificationFailed(msg("{p}: the audit chain breaks: {m}", "{p}：审计链断裂：{m}", p=path.name,
                                         m=str(report.problem)))
        documents = verify_documents(s)  # raises, naming the applications and files, if one differs
    lines = [str(msg("{p}: the audit chain is intact ({n} entries, head {h})",
                     "{p}：审计链完整（{n} 条记录，末端 {h}）", p=path.name, n=report.entries, h=report.head[:16]))]
    if documents.documents:
        lines.append(documents.summary())
    return Verdict(True, "session", lines)
