"""Reading documents back: streams with bounded memory, export, digest checks, schema migration."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from docfiles import big_pdf, make_pdf
from helpers import app_row, build_session

from reviewdesk import documents as docs
from reviewdesk.documents import (
    documents_of,
    export_document,
    import_documents,
    open_document,
    read_document,
    verify_documents,
)
from reviewdesk.errors import InputError, VerificationFailed
from reviewdesk.session import Session, sha256_file


@pytest.fixture
def session(tmp_path):
    apps = [app_row(f"A-000{i}", "P07", i, actual_investment=1_000_000) for i in range(1, 3)]
    s = build_session(tmp_path, apps, experts=2)
    yield s
    s.close()


def test_fifty_megabytes_in_and_out_with_bounded_memory(tmp_path, session):
    size = 50 * 1024 * 1024 + 12345
    src = big_pdf(tmp_path / "docs" / "A-0001" / "扫描件.pdf", size, seed=7)
    size = src.stat().st_size
    digest = sha256_file(src)
    seen = []
    from reviewdesk.documents import _check_pdf

    _check_pdf(src)  # pyHanko's modules loaded before measuring: they stay in memory, the document must not
    peaks = []
    tracemalloc.start()
    try:
        for step in (lambda: import_documents(session, tmp_path / "docs", progress=lambda d, t: seen.append((d, t))),
                     lambda: export_document(session, digest, tmp_path / "out.pdf"),
                     lambda: verify_documents(session)):
            base, _ = tracemalloc.get_traced_memory()
            tracemalloc.reset_peak()
            peaks.append((step(), tracemalloc.get_traced_memory()[1] - base))
    finally:
        tracemalloc.stop()
    (result, peak_import), (out, peak_export), (checked, peak_verify) = peaks
    assert result.bytes_written == size
    assert session.count("blob_chunks") == -(-size // docs.CHUNK) == 51
    assert sha256_file(out) == digest and checked.bytes == size and checked.documents == 1
    # a few chunks at most, never the document: 50 MB in, 50 MB out, under 8 MB of Python memory
    for peak in (peak_import, peak_export, peak_verify):
        assert peak < 8 * 1024 * 1024, (peak_import, peak_export, peak_verify)
    # progress went through both passes (check, then write) and ended at its total
    assert seen[-1][0] == seen[-1][1] == 2 * size and len(seen) > 50


def test_stream_reads_seeks_and_checks(tmp_path, session):
    src = big_pdf(tmp_path / "d" / "A-0001_大.pdf", 3 * docs.CHUNK + 100, seed=3)
    data = src.read_bytes()
    import_documents(session, tmp_path / "d")
    sha = documents_of(session, "A-0001")[0].sha256
    with open_document(session, sha) as f:
        assert f.read(10) == data[:10]
        f.seek(docs.CHUNK - 5)
        assert f.read(10) == data[docs.CHUNK - 5: docs.CHUNK + 5]  # across a chunk boundary
        f.seek(-7, io.SEEK_END)
        assert f.read() == data[-7:]
        f.seek(0)
        assert f.read() == data
    assert read_document(session, sha) == data
    with pytest.raises(InputError, match="no document"):
        open_document(session, "0" * 64)


def _tamper(session: Session, sha: str, seq: int = 0) -> None:
    """Change one byte of a stored chunk behind the session's back (a damaged or edited file)."""
    row = session.conn.execute("SELECT rowid, data FROM blob_chunks WHERE sha256 = ? AND seq = ?",
                               (sha, seq)).fetchone()
    data = bytearray(row[1])
    data[len(data) // 2] ^= 0x01
    session.conn.execute("UPDATE blob_chunks SET data = ? WHERE rowid = ?", (bytes(data), row[0]))


def test_tampered_content_is_found_by_every_reader(tmp_path, session):
    make_pdf(tmp_path / "d" / "A-0001" / "申报书.pdf")
    make_pdf(tmp_path / "d" / "A-0002" / "合同.pdf", title="合同")
    import_documents(session, tmp_path / "d")
    doc = documents_of(session, "A-0002")[0]
    assert verify_documents(session).documents == 2
    _tamper(session, doc.sha256)
    with pytest.raises(VerificationFailed) as info:
        verify_documents(session)
    assert "application A-0002, 合同.pdf" in str(info.value) and info.value.exit_code == 3
    assert [(p.value, p.file) for p in info.value.problems] == [("A-0002", "合同.pdf")]
    with pytest.raises(VerificationFailed):
        read_document(session, doc.sha256)
    with pytest.raises(VerificationFailed):
        export_document(session, doc.sha256, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists() and not list(tmp_path.glob(".reviewdesk-*"))
    # the good one still reads
    assert read_document(session, documents_of(session, "A-0001")[0].sha256).startswith(b"%PDF")


def test_verify_session_rehashes_the_documents(tmp_path, session):
    """``reviewdesk verify SESSION``: the audit chain intact is not enough, every stored document
    is hashed again; one changed byte fails it, naming the application and the file."""
    import os
    import subprocess
    import sys

    from reviewdesk.finalize import verify

    make_pdf(tmp_path / "d" / "A-0001" / "申报书.pdf")
    make_pdf(tmp_path / "d" / "A-0002" / "合同.pdf", title="合同")
    import_documents(session, tmp_path / "d")
    good = verify(session.path)
    assert good.ok and any("2 document(s) checked" in line for line in good.lines)
    _tamper(session, documents_of(session, "A-0002")[0].sha256)
    with pytest.raises(VerificationFailed) as info:
        verify(session.path)
    assert "application A-0002, 合同.pdf" in str(info.value)
    done = subprocess.run([sys.executable, "-m", "reviewdesk.cli", "verify", str(session.path)],
                          capture_output=True, text=True, env={**os.environ, "REVIEWDESK_LANG": "en"})
    assert done.returncode == 3 and "合同.pdf" in done.stdout + done.stderr, done.stderr


def test_missing_chunk_is_found(tmp_path, session):
    big_pdf(tmp_path / "d" / "A-0001_大.pdf", 2 * docs.CHUNK + 10)
    import_documents(session, tmp_path / "d")
    sha = documents_of(session, "A-0001")[0].sha256
    session.conn.execute("DELETE FROM blob_chunks WHERE sha256 = ? AND seq = 1", (sha,))
    with pytest.raises(VerificationFailed, match="A-0001"):
        verify_documents(session)
    with pytest.raises(VerificationFailed, match="incomplete"):
        read_document(session, sha)


def test_version_1_session_is_migrated(tmp_path, monkeypatch):
    from helpers import make_policy

    from reviewdesk import session as session_mod

    every = session_mod.migrations()
    monkeypatch.setattr(session_mod, "migrations", lambda: [m for m in every if m[0] == 1])
    Session.create(tmp_path / "old.rdesk", make_policy(), 2021).close()  # written by schema 1 only
    monkeypatch.undo()
    path = tmp_path / "old.rdesk"
    with Session.open(path, readonly=True) as old:  # read-only: not migrated, reads as "no documents"
        assert old.conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert not docs.has_documents(old) and documents_of(old, "A-0001") == []
        assert verify_documents(old).documents == 0 and docs.document_counts(old) == {}
    with Session.open(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] >= 2 and docs.has_documents(s)
        assert s.count("documents") == 0


def test_human_size():
    assert [docs.human_size(n) for n in (0, 1023, 1536, 5 * 1024 ** 2, 3 * 1024 ** 3)] == [
        "0 B", "1023 B", "1.5 KB", "5.0 MB", "3.0 GB"]
