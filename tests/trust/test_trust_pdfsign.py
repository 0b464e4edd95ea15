"""The chair's PAdES signature on the shortlist PDF, and what verification refuses."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest
from reportlab.pdfgen import canvas

from reviewdesk.errors import InputError, TrustError, VerificationFailed
from reviewdesk.trust.identity import Identity, readable_fingerprint
from reviewdesk.trust.pdfsign import DEFAULT_FIELD, sign_pdf, verify_pdf

MARKER = b"Shortlist total 1600000"


@pytest.fixture
def pdf(tmp_path):
    """A small uncompressed two-page PDF, so that its text can be found and changed."""
    path = tmp_path / "shortlist.pdf"
    c = canvas.Canvas(str(path), pageCompression=0)
    c.drawString(72, 750, MARKER.decode())
    c.showPage()
    c.drawString(72, 750, "Page 2")
    c.showPage()
    c.save()
    assert MARKER in path.read_bytes()
    return path


@pytest.fixture
def signed(pdf, tmp_path, chair):
    out = tmp_path / "signed.pdf"
    sign_pdf(pdf, out, chair, reason="评审结果确认", location="济南")
    return out


def test_sign_and_verify(pdf, tmp_path, chair):
    out = tmp_path / "signed.pdf"
    verdict = sign_pdf(pdf, out, chair, reason="评审结果确认", location="济南")
    assert verdict.signer == chair.certificate
    checked = verify_pdf(out, chair.certificate)
    assert checked.signer == chair.certificate
    assert checked.field_name == DEFAULT_FIELD
    assert checked.signer_name == "李主任"
    assert checked.reason == "评审结果确认" and checked.location == "济南"
    assert checked.signatures == 1
    assert checked.signing_time is not None
    assert checked.readable_fingerprint == readable_fingerprint(chair.certificate)
    assert "covers the whole file" in checked.summary().en
    # without an expected certificate: the verdict names the signer
    assert verify_pdf(out).signer == chair.certificate
    # the input is untouched, and no temporary file is left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shortlist.pdf", "signed.pdf"]


def test_sign_in_place(pdf, chair):
    sign_pdf(pdf, pdf, chair)
    assert verify_pdf(pdf, chair.certificate).signer == chair.certificate


def test_one_byte_change_refused(signed, chair):
    data = signed.read_bytes()
    assert data.count(MARKER) == 1
    signed.write_bytes(data.replace(MARKER, MARKER.replace(b"1600000", b"9600000")))
    with pytest.raises(VerificationFailed) as err:
        verify_pdf(signed, chair.certificate)
    assert err.value.exit_code == 3
    assert "changed after it was signed" in err.value.message.en
    assert "签名后被修改" in err.value.message.zh


def test_change_in_signature_value_refused(signed, chair):
    data = bytearray(signed.read_bytes())
    start = data.index(b"/Contents <") + len(b"/Contents <")
    # flip a hex digit near the end of the DER signature value (not the zero padding)
    sig_hex = data[start:data.index(b">", start)].rstrip(b"0")
    at = start + len(sig_hex) - 10
    data[at] = ord("1") if data[at] != ord("1") else ord("2")
    signed.write_bytes(bytes(data))
    with pytest.raises(VerificationFailed):
        verify_pdf(signed, chair.certificate)


def test_appended_incremental_update_refused(signed, chair):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    with open(signed, "rb") as f:
        writer = IncrementalPdfFileWriter(io.BytesIO(f.read()))
    # a harmless-looking change: a new metadata title, in an update after the signature
    info = writer.trailer["/Info"]
    info["/Title"] = generic.TextStringObject("Changed after signing")
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    signed.write_bytes(out.getvalue())
    with pytest.raises(VerificationFailed) as err:
        verify_pdf(signed, chair.certificate)
    assert "does not cover the whole file" in err.value.message.en


def test_appended_junk_refused(signed, chair):
    signed.write_bytes(signed.read_bytes() + b"\n%junk\n")
    with pytest.raises(VerificationFailed, match="does not cover the whole file"):
        verify_pdf(signed, chair.certificate)


def test_wrong_expected_signer_refused(signed, chair, expert):
    with pytest.raises(VerificationFailed) as err:
        verify_pdf(signed, expert.certificate)
    text = err.value.message.en
    assert "not by the expected" in text
    assert readable_fingerprint(chair.certificate) in text
    assert readable_fingerprint(expert.certificate) in text


def test_impostor_with_same_name_refused(pdf, tmp_path, chair, make_identity):
    impostor = make_identity("李主任", "chair")
    out = tmp_path / "forged.pdf"
    sign_pdf(pdf, out, impostor)
    with pytest.raises(VerificationFailed, match="not by the expected"):
        verify_pdf(out, chair.certificate)


def test_unsigned_pdf_refused(pdf):
    with pytest.raises(VerificationFailed, match="carries no signature"):
        verify_pdf(pdf)


def test_not_a_pdf(tmp_path, chair):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a PDF at all")
    with pytest.raises(VerificationFailed, match="not a readable PDF"):
        verify_pdf(junk)
    with pytest.raises(InputError, match="not a readable PDF"):
        sign_pdf(junk, tmp_path / "out.pdf", chair)
    assert not (tmp_path / "out.pdf").exists()
    with pytest.raises(InputError, match="not found"):
        verify_pdf(tmp_path / "missing.pdf")


def test_signing_needs_the_private_key(pdf, tmp_path, chair):
    with pytest.raises(TrustError):
        sign_pdf(pdf, tmp_path / "out.pdf", Identity.from_certificate(chair.certificate))
    assert not (tmp_path / "out.pdf").exists()


def test_field_already_signed(signed, tmp_path, chair):
    with pytest.raises(InputError, match="already signed"):
        sign_pdf(signed, tmp_path / "again.pdf", chair)
    assert not (tmp_path / "again.pdf").exists()


def test_countersignature_in_another_field(signed, tmp_path, chair, expert):
    out = tmp_path / "both.pdf"
    sign_pdf(signed, out, expert, field_name="PanelSignature")
    verdict = verify_pdf(out, expert.certificate)
    assert verdict.signatures == 2 and verdict.field_name == "PanelSignature"
    # the chair's earlier signature no longer covers the whole file: the last signer is who counts
    with pytest.raises(VerificationFailed, match="not by the expected"):
        verify_pdf(out, chair.certificate)


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="pdfsig (poppler-utils) not installed")
def test_pdfsig_agrees(signed):
    result = subprocess.run(["pdfsig", str(signed)], capture_output=True, text=True, timeout=60)
    assert "Signature is Valid" in result.stdout, result.stdout + result.stderr
    assert "Total document signed" in result.stdout
    data = signed.read_bytes()
    signed.write_bytes(data.replace(MARKER, MARKER.replace(b"1600000", b"9600000")))
    result = subprocess.run(["pdfsig", str(signed)], capture_output=True, text=True, timeout=60)
    assert "Signature is Valid" not in result.stdout


def test_importing_trust_does_not_import_pyhanko():
    code = "import sys, reviewdesk.trust, reviewdesk.trust.pdfsign; print('pyhanko' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
