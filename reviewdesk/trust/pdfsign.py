"""The chair's signature on the shortlist PDF: PAdES B-B with pyHanko, checked offline.

:func:`sign_pdf` adds an invisible signature field (``ChairSignature``) holding a PAdES
baseline-B signature (``ETSI.CAdES.detached``, SHA-256, ECDSA P-256) made with the chair's
identity. Readers outside pyHanko accept it: Adobe Reader validates ECDSA P-256, and poppler's
``pdfsig`` (NSS) reports "Signature is Valid". The signed file is checked before it is written,
and written atomically.

:func:`verify_pdf` accepts a PDF only when its last signature is intact and valid, was made by
the expected person (their certificate is the only trust root: no certificate authority, no
network, no revocation lookup), and covers *every byte* of the file: anything added afterwards,
even a harmless-looking incremental update, is refused, because the shortlist must be exactly
what the chair signed.

pyHanko is imported inside the functions: it is slow to import and the command line must start
fast for everything else.
"""

from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ..errors import InputError, TrustError, VerificationFailed
from ..i18n import Msg, msg
from ._files import atomic_write_bytes
from .identity import Identity, certificate_name, fingerprint, readable_fingerprint

DEFAULT_FIELD = "ChairSignature"


@dataclass(frozen=True)
class PdfVerdict:
    """A PDF whose signature checks out: who signed it, when they say, in which field."""

    signer: x509.Certificate
    field_name: str
    signing_time: _dt.datetime | None  # as reported by the signer's own clock
    reason: str | None
    location: str | None
    signatures: int  # signatures in the file; the last one covers it all

    @property
    def signer_name(self) -> str:
        return certificate_name(self.signer)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signer)

    @property
    def readable_fingerprint(self) -> str:
        return readable_fingerprint(self.signer)

    def summary(self) -> Msg:
        """One line for people: valid, by whom, covering the whole file."""
        when = self.signing_time.strftime("%Y-%m-%d %H:%M") if self.signing_time else "?"
        return msg("Valid signature by {name} (fingerprint {fp}), signed {when}; it covers the whole file",
                   "签名有效：{name}（指纹 {fp}），签署于 {when}；签名覆盖整个文件",
                   name=self.signer_name, fp=self.readable_fingerprint, when=when)


def _asn1_cert(cert: x509.Certificate):
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _read(path: Path | str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(msg("File not found: {path}", "找不到文件：{path}", path=path)) from None
    except OSError as exc:
        raise InputError(msg("Cannot read {path}: {error}", "无法读取 {path}：{error}",
                             path=path, error=exc.strerror or exc)) from exc


def sign_pdf(in_path: Path | str, out_path: Path | str, identity: Identity, *,
             field_name: str = DEFAULT_FIELD, reason: str | None = None,
             location: str | None = None) -> PdfVerdict:
    """Sign the PDF ``in_path`` as ``identity`` into ``out_path`` (may be the same file).

    ``reason`` and ``location`` are shown by PDF readers (e.g. "评审结果确认", "济南").
    Raises :class:`InputError` if the input is not a PDF or the field is already signed,
    :class:`TrustError` if the identity has no private key. Returns the verdict of checking
    the signed result, which is what gets written.
    """
    from asn1crypto import keys as asn1_keys
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = identity.signing_key()
    data = _read(in_path)
    cert = _asn1_cert(identity.certificate)
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        # Empty: the signer's certificate is embedded anyway, and a second copy in the CMS bag would
        # be bytes outside any check (a reader could pick either).
        cert_registry=SimpleCertificateStore(),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=identity.name,
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
    except Exception as exc:
        raise InputError(msg("{path} is not a readable PDF ({error})", "{path} 不是可读取的 PDF（{error}）",
                             path=in_path, error=exc)) from exc
    try:
        out = signers.sign_pdf(writer, meta, signer=signer, output=io.BytesIO())
    except Exception as exc:
        if _field_already_signed(exc):
            raise InputError(msg("The PDF {path} is already signed in the field {field}",
                                 "PDF 文件 {path} 的签名域 {field} 已签名", path=in_path, field=field_name)) from exc
        raise TrustError(msg("Signing the PDF {path} failed: {error}", "PDF 文件 {path} 签名失败：{error}",
                             path=in_path, error=exc)) from exc
    signed = out.getvalue()
    verdict = _verify_bytes(signed, identity.certificate, str(out_path))
    atomic_write_bytes(out_path, signed)
    return verdict


def _field_already_signed(exc: Exception) -> bool:
    text = str(exc).lower()
    return "already" in text and ("sign" in text or "fill" in text)


def verify_pdf(path: Path | str, expected_cert: x509.Certificate | None = None) -> PdfVerdict:
    """Check the signed PDF at ``path``; return who signed it, or raise :class:`VerificationFailed`.

    Accepted only if: the PDF carries a signature; every signature is intact and valid; the
    last one covers the entire file (nothing appended after signing); and, when
    ``expected_cert`` is given, the last signer is that certificate. Without
    ``expected_cert`` the signer's own certificate is the trust root: the verdict then says
    who signed, and the caller must judge whether that person is the right one.
    """
    return _verify_bytes(_read(path), expected_cert, str(path))


def _verify_bytes(data: bytes, expected_cert: x509.Certificate | None, label: str) -> PdfVerdict:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data))
        signatures = list(reader.embedded_signatures)
    except Exception as exc:
        raise VerificationFailed(msg("{path} is not a readable PDF ({error})", "{path} 不是可读取的 PDF（{error}）",
                                     path=label, error=exc)) from exc
    if not signatures:
        raise VerificationFailed(msg("{path} carries no signature", "{path} 没有签名", path=label))
    signatures.sort(key=lambda s: s.signed_revision)
    last = signatures[-1]
    for sig in signatures:
        try:
            signer = x509.load_der_x509_certificate(sig.signer_cert.dump())
        except Exception as exc:
            raise VerificationFailed(msg("The signature in field {field} is damaged and cannot be read",
                                         "签名域 {field} 中的签名已损坏，无法读取", field=_field(sig))) from exc
        if sig is last and expected_cert is not None and fingerprint(signer) != fingerprint(expected_cert):
            raise VerificationFailed(msg(
                "The PDF is signed by {name} (fingerprint {fp}), not by the expected {exp_name} "
                "(fingerprint {exp_fp})",
                "此 PDF 的签名人是 {name}（指纹 {fp}），而不是应有的 {exp_name}（指纹 {exp_fp}）",
                name=certificate_name(signer), fp=readable_fingerprint(signer),
                exp_name=certificate_name(expected_cert), exp_fp=readable_fingerprint(expected_cert)))
        root = expected_cert if sig is last and expected_cert is not None else signer
        context = ValidationContext(trust_roots=[_asn1_cert(root)], allow_fetching=False,
                                    revocation_mode="soft-fail")
        try:
            status = validate_pdf_signature(sig, context, skip_diff=True)
        except Exception as exc:
            raise VerificationFailed(msg("The signature in field {field} is damaged and cannot be checked ({error})",
                                         "签名域 {field} 中的签名已损坏，无法校验（{error}）",
                                         field=_field(sig), error=exc)) from exc
        if not status.intact:
            raise VerificationFailed(msg(
                "The PDF was changed after it was signed: its content no longer matches the signature "
                "in field {field}",
                "PDF 在签名后被修改过：内容与签名域 {field} 中的签名不符", field=_field(sig)))
        if not status.valid:
            raise VerificationFailed(msg("The signature in field {field} is not valid (the signature value "
                                         "does not check out)", "签名域 {field} 中的签名无效（签名值校验失败）",
                                         field=_field(sig)))
        if not status.trusted:
            raise VerificationFailed(msg(
                "The signer's certificate in field {field} is not acceptable ({problem})",
                "签名域 {field} 的签名人证书不可接受（{problem}）",
                field=_field(sig), problem=_trust_problem(status)))
        if sig is last and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
            raise VerificationFailed(msg(
                "Something was added to the PDF after it was signed: the signature in field {field} "
                "does not cover the whole file",
                "PDF 在签名后被追加了内容：签名域 {field} 的签名没有覆盖整个文件", field=_field(sig)))
    signer = x509.load_der_x509_certificate(last.signer_cert.dump())
    sig_obj = last.sig_object
    return PdfVerdict(
        signer=signer,
        field_name=_field(last),
        signing_time=last.self_reported_timestamp,
        reason=_text(sig_obj.get("/Reason")),
        location=_text(sig_obj.get("/Location")),
        signatures=len(signatures),
    )


def _field(sig) -> str:
    try:
        return str(sig.field_name)
    except Exception:
        return "?"


def _text(value) -> str | None:
    return None if value is None else str(value)


def _trust_problem(status) -> str:
    indic = getattr(status, "trust_problem_indic", None)
    if indic is None:
        return "no path to the trusted certificate"
    return getattr(indic, "name", str(indic)).lower().replace("_", " ")
