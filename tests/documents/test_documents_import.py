"""Importing documents: both folder layouts, content addressing, and every refusal leaving the
session exactly as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docfiles import big_pdf, make_image, make_pdf
from helpers import app_row, build_session

from reviewdesk import documents as docs
from reviewdesk.documents import documents_of, import_documents
from reviewdesk.errors import InputError
from reviewdesk.session import Session, sha256_file


@pytest.fixture
def session(tmp_path):
    apps = [app_row(f"A-000{i}", "P07", i, actual_investment=1_000_000) for i in range(1, 4)]
    s = build_session(tmp_path, apps, experts=3)
    yield s
    s.close()


def state(s: Session) -> tuple:
    """Everything an import could change."""
    return (s.audit_head(), s.count("documents"), s.count("blobs"), s.count("blob_chunks"))


def test_sub_folder_layout(tmp_path, session):
    folder = tmp_path / "docs"
    form = make_pdf(folder / "A-0001" / "申报书.pdf", pages=3)
    make_pdf(folder / "A-0001" / "审计报告" / "2020年度.pdf", pages=1, title="审计报告")
    make_image(folder / "A-0002" / "发票.jpg", "JPEG")
    make_image(folder / "A-0002" / "现场照片.png", "PNG")
    result = import_documents(session, folder)
    assert (result.attached, result.applications, result.new_blobs) == (4, 2, 4)
    assert "4" in result.summary()
    a1 = documents_of(session, "A-0001")
    assert [d.name for d in a1] == ["审计报告/2020年度.pdf", "申报书.pdf"]
    assert a1[1].sha256 == sha256_file(form) and a1[1].size == form.stat().st_size and a1[1].is_pdf
    assert {(d.name, d.media_type) for d in documents_of(session, "A-0002")} == {
        ("发票.jpg", "image/jpeg"), ("现场照片.png", "image/png")}
    assert documents_of(session, "A-0003") == []
    assert docs.document_counts(session) == {"A-0001": 2, "A-0002": 2}
    # the import is audited with a digest of what it attached (the manifest lists it)
    action, detail = session.conn.execute("SELECT action, detail FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert action == "import.documents" and '"documents":4' in detail and '"sha256"' in detail


def test_prefixed_file_layout_and_both_mixed(tmp_path, session):
    folder = tmp_path / "docs"
    make_pdf(folder / "A-0001_申报书.pdf")
    make_image(folder / "A-0002 现场照片.PNG", "PNG")
    make_pdf(folder / "A-0003.pdf", pages=1)
    make_pdf(folder / "A-0003" / "合同.pdf", pages=1, title="合同")
    result = import_documents(session, folder)
    assert result.attached == 4
    assert [d.name for d in documents_of(session, "A-0001")] == ["申报书.pdf"]
    assert [d.name for d in documents_of(session, "A-0002")] == ["现场照片.PNG"]
    # a file named only by the id keeps its whole name
    assert [d.name for d in documents_of(session, "A-0003")] == ["A-0003.pdf", "合同.pdf"]


def test_longest_id_wins(tmp_path):
    apps = [app_row("A-1", "P07", 1, actual_investment=1), app_row("A-12", "P07", 2, actual_investment=1)]
    s = build_session(tmp_path, apps, experts=1)
    make_pdf(tmp_path / "d" / "A-12_申报书.pdf")
    make_pdf(tmp_path / "d" / "A-1_申报书.pdf", title="另一份")
    import_documents(s, tmp_path / "d")
    assert [d.name for d in documents_of(s, "A-12")] == ["申报书.pdf"]
    assert [d.name for d in documents_of(s, "A-1")] == ["申报书.pdf"]
    assert documents_of(s, "A-12")[0].sha256 != documents_of(s, "A-1")[0].sha256
    s.close()


def test_same_content_attached_twice_is_stored_once(tmp_path, session):
    folder = tmp_path / "docs"
    pdf = make_pdf(folder / "A-0001" / "营业执照.pdf")
    shutil.copy(pdf, folder / "A-0001" / "营业执照副本.pdf")
    shutil.copy(pdf, tmp_path / "A-0002_营业执照.pdf")
    shutil.move(tmp_path / "A-0002_营业执照.pdf", folder / "A-0002_营业执照.pdf")
    result = import_documents(session, folder)
    assert result.attached == 3 and result.new_blobs == 1
    assert session.count("blobs") == 1
    assert session.count("blob_chunks") == 1
    # a later import of the same content under a new name stores nothing new
    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(pdf, later / "A-0003_执照.pdf")
    again = import_documents(session, later)
    assert (again.attached, again.new_blobs, again.bytes_written) == (1, 0, 0)
    assert session.count("blobs") == 1 and session.count("documents") == 4


def test_reimport_of_the_same_folder_changes_nothing(tmp_path, session):
    folder = tmp_path / "docs"
    make_pdf(folder / "A-0001" / "申报书.pdf")
    import_documents(session, folder)
    before = state(session)
    result = import_documents(session, folder)
    assert (result.attached, result.unchanged) == (0, 1)
    assert "already attached" in result.summary()
    assert state(session) == before


def test_system_files_are_skipped(tmp_path, session):
    folder = tmp_path / "docs"
    make_pdf(folder / "A-0001" / "申报书.pdf")
    (folder / "A-0001" / "Thumbs.db").write_bytes(b"\0" * 10)
    (folder / ".DS_Store").write_bytes(b"x")
    (folder / "A-0001" / "~$申报书.docx").write_bytes(b"x")
    result = import_documents(session, folder)
    assert result.attached == 1
    assert set(result.ignored) == {".DS_Store", "A-0001/Thumbs.db", "A-0001/~$申报书.docx"}


def test_permission_only_pdf_is_accepted(tmp_path, session):
    """A PDF with an owner password only (no printing) opens without a password: experts can read it."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    folder = tmp_path / "docs"
    make_pdf(folder / "A-0001_申报书.pdf", encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    assert import_documents(session, folder).attached == 1


# ----------------------------------------------------------------------------- refusals
def _refused(session: Session, folder: Path, **kw) -> list[str]:
    before = state(session)
    with pytest.raises(InputError) as info:
        import_documents(session, folder, **kw)
    assert state(session) == before, "a refused import must change nothing"
    assert info.value.problems, "each refusal names its file"
    for p in info.value.problems:
        assert p.column == "document"
    return [str(p) for p in info.value.problems]


@pytest.fixture
def good(tmp_path):
    """A folder with one good document, so each refusal below is the only thing wrong."""
    folder = tmp_path / "docs"
    make_pdf(folder / "A-0001" / "申报书.pdf")
    return folder


def test_unknown_application_id(good, session):
    make_pdf(good / "A-0099" / "申报书.pdf")
    make_pdf(good / "B-7_申报书.pdf")
    lines = _refused(session, good)
    assert len(lines) == 2
    assert any(line.startswith("A-0099/申报书.pdf: document:") and "A-0099" in line for line in lines)
    assert any(line.startswith("B-7_申报书.pdf:") and "no application B-7" in line for line in lines)


@pytest.mark.parametrize("name, content, reason", [
    ("A-0001/说明.docx", b"PK\x03\x04 word", "only PDF, PNG and JPEG"),
    ("A-0001/附件.zip", b"PK\x03\x04", "only PDF, PNG and JPEG"),
    ("A-0001/README", b"hello", "only PDF, PNG and JPEG"),
    ("A-0001/伪装.pdf", b"PK\x03\x04 a zip renamed", "its content is not a PDF"),
    ("A-0001/照片.png", b"GIF89a....", "its content is not a PDF"),
    ("A-0001/图片.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "its content is PNG image"),
    ("A-0001/空白.pdf", b"", "empty"),
])
def test_wrong_type_is_refused_by_content(good, session, name, content, reason):
    (good / name).parent.mkdir(parents=True, exist_ok=True)
    (good / name).write_bytes(content)
    lines = _refused(session, good)
    assert len(lines) == 1 and lines[0].startswith(name + ":") and reason in lines[0]


def test_damaged_pdf_is_refused(good, session):
    whole = make_pdf(good / "tmp.pdf").read_bytes()
    (good / "tmp.pdf").unlink()
    (good / "A-0001_截断.pdf").write_bytes(whole[: len(whole) // 2])
    lines = _refused(session, good)
    assert len(lines) == 1 and "damaged or incomplete" in lines[0]


def test_encrypted_pdf_is_refused(good, session):
    make_pdf(good / "A-0002" / "加密.pdf", encrypt="secret")
    lines = _refused(session, good)
    assert len(lines) == 1 and lines[0].startswith("A-0002/加密.pdf:") and "password" in lines[0]


def test_oversize_file_and_oversize_import(good, session):
    big_pdf(good / "A-0002_扫描件.pdf", 300_000)
    lines = _refused(session, good, max_file_bytes=200_000)
    assert len(lines) == 1 and lines[0].startswith("A-0002_扫描件.pdf:") and "over the limit of 195.3 KB" in lines[0]
    lines = _refused(session, good, max_total_bytes=250_000)
    assert len(lines) == 1 and "per import" in lines[0]
    assert docs.MAX_FILE_BYTES == 200 * 1024 * 1024 and docs.MAX_IMPORT_BYTES == 4 * 1024 ** 3


def test_empty_or_missing_folder(tmp_path, session):
    (tmp_path / "empty").mkdir()
    before = state(session)
    with pytest.raises(InputError, match="no documents found"):
        import_documents(session, tmp_path / "empty")
    (tmp_path / "empty" / "Thumbs.db").write_bytes(b"x")
    with pytest.raises(InputError, match="no documents found"):
        import_documents(session, tmp_path / "empty")
    with pytest.raises(InputError, match="no such folder"):
        import_documents(session, tmp_path / "nowhere")
    assert state(session) == before


def test_same_name_new_content_is_refused(tmp_path, session):
    make_pdf(tmp_path / "one" / "A-0001" / "申报书.pdf")
    import_documents(session, tmp_path / "one")
    make_pdf(tmp_path / "two" / "A-0001" / "申报书.pdf", title="改过的申报书")
    lines = _refused(session, tmp_path / "two")
    assert "already has a different document named 申报书.pdf" in lines[0]
    # two files of one import claiming the same name with different contents
    make_pdf(tmp_path / "three" / "A-0002" / "申报书.pdf")
    make_pdf(tmp_path / "three" / "A-0002_申报书.pdf", title="另一份")
    lines = _refused(session, tmp_path / "three")
    assert len(lines) == 1 and "same name" in lines[0]


def test_every_problem_is_reported_at_once(good, session):
    make_pdf(good / "A-0099" / "x.pdf")
    (good / "A-0001" / "说明.docx").write_bytes(b"PK")
    make_pdf(good / "A-0002_加密.pdf", encrypt="pw")
    assert len(_refused(session, good)) == 3


class Stop(Exception):
    pass


def test_cancelling_from_progress_writes_nothing(tmp_path, session):
    folder = tmp_path / "docs"
    big_pdf(folder / "A-0001" / "大.pdf", 3 * docs.CHUNK)
    calls = []

    def progress(done, total):
        calls.append((done, total))
        if done > 4 * docs.CHUNK:  # in the writing phase
            raise Stop

    before = state(session)
    with pytest.raises(Stop):
        import_documents(session, folder, progress=progress)
    assert state(session) == before and calls[0][1] == (folder / "A-0001" / "大.pdf").stat().st_size


def test_cli_import_documents(tmp_path, session):
    folder = tmp_path / "docs"
    make_pdf(folder / "A-0001_申报书.pdf")
    path = session.path
    session.close()
    cli = [sys.executable, "-m", "reviewdesk.cli"]
    env = {"REVIEWDESK_LANG": "en", "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([*cli, "import", "documents", str(path), str(folder)], capture_output=True, text=True,
                        env=env)
    assert ok.returncode == 0, ok.stderr
    assert "1 document(s) attached to 1 application(s)" in ok.stdout
    (folder / "A-0042_x.pdf").write_bytes(b"%PDF-1.4 nothing")
    (folder / "A-0001_y.txt").write_text("x")
    bad = subprocess.run([*cli, "import", "documents", str(path), str(folder)], capture_output=True, text=True,
                         env=env)
    assert bad.returncode == 2
    lines = [line for line in bad.stderr.splitlines() if line.strip()]
    assert any(line.startswith("A-0001_y.txt: document: only PDF, PNG and JPEG") for line in lines), lines
    assert any(line.startswith("A-0042_x.pdf: document:") for line in lines), lines
    assert "Traceback" not in bad.stderr
