"""The demo's documents: every application has its application form, deterministic and readable."""

from __future__ import annotations

import io
import time

import pytest

from reviewdesk.demo import build_demo
from reviewdesk.demo_documents import application_form
from reviewdesk.documents import document_counts, documents_of, read_document, verify_documents
from reviewdesk.session import Session


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.rdesk"
    t0 = time.perf_counter()
    build_demo(path)
    seconds = time.perf_counter() - t0
    with Session.open(path, readonly=True) as s:
        yield s, seconds


def test_every_demo_application_has_its_form(demo):
    s, seconds = demo
    ids = s.application_ids()
    assert len(ids) == 150
    counts = document_counts(s)
    assert set(counts) == ids
    for aid in ids:
        names = [d.name for d in documents_of(s, aid)]
        assert "项目申报书.pdf" in names
    # the first application of each program also shows an audit summary and a photo
    assert sum(1 for n in counts.values() if n == 3) == len(s.policy.programs)
    photos = [d for aid in ids for d in documents_of(s, aid) if d.is_image]
    assert len(photos) == len(s.policy.programs) and photos[0].media_type == "image/png"
    assert verify_documents(s).documents == 150 + 2 * len(s.policy.programs)
    assert seconds < 15  # about 3 s here; generous for a shared machine


def test_forms_are_two_or_three_pages_with_the_facts(demo):
    from pyhanko.pdf_utils.reader import PdfFileReader

    s, _ = demo
    for aid in ("A-0001", "A-0077", "A-0150"):
        form = next(d for d in documents_of(s, aid) if d.name == "项目申报书.pdf")
        reader = PdfFileReader(io.BytesIO(read_document(s, form.sha256)))
        assert 2 <= reader.root["/Pages"]["/Count"] <= 3
        info = reader.trailer["/Info"]
        name = s.conn.execute("SELECT enterprise_name FROM applications WHERE application_id = ?",
                              (aid,)).fetchone()[0]
        assert str(info["/Author"]) == name and aid in str(info["/Title"])


def test_forms_are_deterministic(tmp_path, demo):
    s, _ = demo
    cols = ["application_id", "program", "enterprise_name", "credit_code", "project_name", "level",
            "actual_investment", "construction_investment", "sales_received_1y", "rented_area_m2",
            "requested_amount"]
    row = dict(zip(cols, s.conn.execute(f"SELECT {', '.join(cols)} FROM applications WHERE application_id = "
                                        "'A-0005'").fetchone(), strict=True))
    a = application_form(tmp_path / "a.pdf", row, "企业内网改造标杆项目", s.policy.name, s.year).read_bytes()
    b = application_form(tmp_path / "b.pdf", row, "企业内网改造标杆项目", s.policy.name, s.year).read_bytes()
    assert a == b
    stored = next(d for d in documents_of(s, "A-0005") if d.name == "项目申报书.pdf")
    assert read_document(s, stored.sha256) == a
