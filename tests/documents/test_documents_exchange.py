"""Documents on the round trip: the pack carries them, unpack checks them, the manifest lists them."""

from __future__ import annotations

import json

import pytest
from docfiles import big_pdf, make_image, make_pdf
from helpers import app_row, build_session

from reviewdesk.documents import documents_of, import_documents, read_document
from reviewdesk.errors import VerificationFailed
from reviewdesk.exchange import pack, roster_add, unpack
from reviewdesk.session import Session, sha256_file
from reviewdesk.trust import create_identity

PASS = "correct horse battery"


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    base = tmp_path_factory.mktemp("keys")
    return {who: create_identity(f"{who}-name", role, PASS, store=base / who, kdf_log2_n=10)
            for who, role in (("chair", "chair"), ("e1", "expert"))}


@pytest.fixture
def chair_session(tmp_path, people):
    apps = [app_row(f"A{i}", "P07", i, actual_investment=1_000_000) for i in range(1, 4)]
    s = build_session(tmp_path, apps, experts=2, totals={"A1": [50, 60], "A2": [70, 80], "A3": [40, 45]})
    roster_add(s, "E1", people["e1"].cert_pem())
    folder = tmp_path / "docs"
    make_pdf(folder / "A1" / "申报书.pdf", pages=3)
    make_image(folder / "A1" / "现场照片.jpg", "JPEG")
    make_pdf(folder / "A2_申报书.pdf", title="A2 申报书")
    import_documents(s, folder)
    yield s
    s.close()


def test_pack_and_unpack_carry_the_documents(tmp_path, chair_session, people):
    s = chair_session
    expected = {(d.application_id, d.name, d.sha256) for a in ("A1", "A2", "A3") for d in documents_of(s, a)}
    assert len(expected) == 3
    steps = []
    pack_path = pack(s, tmp_path / "s.rdpack", people["chair"])
    u = unpack(pack_path, tmp_path / "e1.rdwork", people["e1"].certificate, progress=lambda d, t: steps.append(t))
    with Session.open(u.path) as work:
        got = {(d.application_id, d.name, d.sha256) for a in ("A1", "A2", "A3") for d in documents_of(work, a)}
        assert got == expected
        form = documents_of(work, "A1")[1]
        assert form.name == "申报书.pdf"
        assert read_document(work, form.sha256) == (tmp_path / "docs" / "A1" / "申报书.pdf").read_bytes()
        # the work copy holds no one's scores, but every document
        assert work.count("scores") == 0 and work.count("blobs") == 3
    # progress went through the signature check and then the documents' digests
    blob_bytes = s.conn.execute("SELECT sum(size) FROM blobs").fetchone()[0]
    assert blob_bytes in steps


def test_tampered_document_is_refused_at_unpack(tmp_path, chair_session, people):
    """A document changed in the chair's file (damage, or an edit behind ReviewDesk's back) is packed
    and signed as it is; the expert's unpack recomputes every digest and refuses the pack."""
    s = chair_session
    doc = documents_of(s, "A2")[0]
    row = s.conn.execute("SELECT rowid, data FROM blob_chunks WHERE sha256 = ?", (doc.sha256,)).fetchone()
    data = bytearray(row[1])
    data[200] ^= 0xFF
    s.conn.execute("UPDATE blob_chunks SET data = ? WHERE rowid = ?", (bytes(data), row[0]))
    pack_path = pack(s, tmp_path / "s.rdpack", people["chair"])
    with pytest.raises(VerificationFailed) as info:
        unpack(pack_path, tmp_path / "e1.rdwork", people["e1"].certificate)
    assert "application A2, 申报书.pdf" in str(info.value)
    assert not (tmp_path / "e1.rdwork").exists()
    assert not list(tmp_path.glob("reviewdesk-unpack-*"))


def test_tampered_pack_file_is_refused_by_its_signature(tmp_path, chair_session, people):
    pack_path = pack(chair_session, tmp_path / "s.rdpack", people["chair"])
    raw = bytearray(pack_path.read_bytes())
    # a byte of the PDF inside the pack: the signature check catches it before any parsing
    at = raw.find(b"%PDF-")
    assert at > 0
    raw[at + 300] ^= 0x01
    pack_path.write_bytes(bytes(raw))
    with pytest.raises(VerificationFailed):
        unpack(pack_path, tmp_path / "e1.rdwork", people["e1"].certificate)
    assert not (tmp_path / "e1.rdwork").exists()


def test_manifest_lists_each_applications_document_digests(tmp_path, chair_session, people):
    from reviewdesk.finalize import finalize, verify

    s = chair_session
    r = finalize(s, tmp_path / "out", people["chair"])
    manifest = json.loads((r.out_dir / "manifest.json").read_bytes())
    docs = manifest["documents"]
    assert set(docs) == {"A1", "A2"}
    assert sorted(docs["A1"], key=lambda d: d["name"]) == [  # in code-point order: 现 before 申
        {"name": "现场照片.jpg", "sha256": sha256_file(tmp_path / "docs" / "A1" / "现场照片.jpg")},
        {"name": "申报书.pdf", "sha256": sha256_file(tmp_path / "docs" / "A1" / "申报书.pdf")}]
    assert docs["A2"] == [{"name": "申报书.pdf", "sha256": sha256_file(tmp_path / "docs" / "A2_申报书.pdf")}]
    assert "documents" in manifest["inputs"]
    # the import itself is listed among the input files, with the digest of what it attached
    assert [f["file"] for f in manifest["input_files"]["import.documents"]] == ["docs"]
    assert verify(r.out_dir / "manifest.json").ok


def test_the_pack_carries_no_scores_comments_decisions_or_prior_awards_even_in_free_pages(tmp_path, chair_session,
                                                                                          people):
    """What the pack leaves out must not be recoverable from its bytes: the deleted rows do not
    travel in the file's free pages. Markers written into every left-out table are searched for
    in the raw payload; the progress covers the copy, the cleaning and the signature."""
    from helpers import credit_code, write_csv

    from reviewdesk.decisions import decide
    from reviewdesk.imports import import_prior_awards
    from reviewdesk.trust.envelope import SESSION_PACK, open_sealed_file

    s = chair_session
    big_pdf(tmp_path / "big" / "A3_扫描件.pdf", 8 * 1024 * 1024)  # a session bigger than SQLite's page cache
    import_documents(s, tmp_path / "big")
    marker = "机密-MARKER-7f3a"
    with s.change("test.comment"):
        s.conn.execute("UPDATE scores SET comment = ? WHERE application_id = 'A1'", (f"{marker} 评语",))
    decide(s, "A2", "exclude", f"{marker} 组长理由")
    import_prior_awards(s, write_csv(tmp_path / "prior.csv", ["credit_code", "project_name", "program", "year",
                                                             "amount", "level"],
                                     [[credit_code(9), f"{marker} 项目", "P07", 2020, 100000, ""]]))
    assert s.count("scores") and s.count("decisions") and s.count("prior_awards")
    steps = []
    pack_path = pack(s, tmp_path / "s.rdpack", people["chair"], progress=lambda d, t: steps.append((d, t)))
    payload = tmp_path / "payload.sqlite"
    open_sealed_file(pack_path, trusted=None, expected_kind=SESSION_PACK, out_payload_path=payload)
    raw = payload.read_bytes()
    for needle in (marker, "评语", "组长理由"):
        assert needle.encode("utf-8") not in raw, needle
    with Session.open(payload, readonly=True) as p:
        assert p.count("scores") == p.count("decisions") == p.count("prior_awards") == p.count("audit") == 0
        assert p.count("blobs") == 4 and p.count("applications") == 3
    # One scale over the three passes (copy, clean, sign: a third each), never going back; the
    # copy is reported from its start, each pass ends on its mark, the signature chunk by chunk.
    total = steps[-1][1]
    done = [d for d, _ in steps]
    assert all(t == total for _, t in steps) and done == sorted(done) and done[-1] == total
    assert done[0] == 0 and total // 3 in done and 2 * total // 3 in done
    assert len([d for d in done if 2 * total / 3 < d < total]) >= 7  # 8 MiB signed in 1 MiB chunks


def test_a_cancelled_copy_is_interrupted_and_leaves_the_connection_usable(tmp_path):
    """The pack's copy pass reports from the waiting thread; a cancel raised there interrupts the
    copy (SQLite's interrupt), waits for it, and hands the cancel back."""
    import sqlite3

    from reviewdesk.exchange import _vacuum_into

    class Cancel(Exception):
        pass

    conn = sqlite3.connect(str(tmp_path / "src.sqlite"), check_same_thread=False)
    conn.execute("CREATE TABLE t (x BLOB)")
    conn.executemany("INSERT INTO t VALUES (?)", [(bytes(1000),) for _ in range(2000)])
    conn.commit()
    calls = []

    def cancel(done: int) -> None:
        calls.append(done)
        raise Cancel()

    with pytest.raises(Cancel):
        _vacuum_into(conn, tmp_path / "copy.sqlite", 1 << 30, cancel)
    assert calls == [calls[0]]  # asked once, then stopped asking
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (2000,)
    seen = []
    _vacuum_into(conn, tmp_path / "again.sqlite", 1 << 30, seen.append)  # and it copies afterwards
    assert seen and sqlite3.connect(str(tmp_path / "again.sqlite")).execute("SELECT count(*) FROM t").fetchone() \
        == (2000,)
