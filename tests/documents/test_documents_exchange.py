"""Documents on the round trip: the pack carries them, unpack checks them, the manifest lists them."""

from __future__ import annotations

import json

import pytest
from docfiles import make_image, make_pdf
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
