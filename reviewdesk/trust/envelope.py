"""Signed files: session packs, score packages, manifests, checked before they are read.

A signed file is an envelope around opaque payload bytes (a SQLite file, a zip, JSON: the
envelope does not care). Its layout needs nothing but length arithmetic to find the signature,
so the signature is checked, and the signer matched against the people trusted, before a single
byte of the payload (or of a signer's certificate, when the signer is known) is parsed::

    magic        20 bytes   b"REVIEWDESK-SIGNED/1\\n"
    header       16 bytes   big-endian: kind length (u16), signature length (u16, = 64),
                            certificate length (u32), payload length (u64)
    kind         ASCII, e.g. b"score-package"       (1..64 bytes, [a-z0-9._-])
    certificate  the signer's X.509 certificate, DER (1..16384 bytes)
    signature    ECDSA P-256 / SHA-256, as r || s (2 x 32 bytes, big-endian; IEEE P1363)
    payload      the content

The signature covers every byte of the file except itself: magic, header, kind, certificate and
payload, hashed in that order. The file's size must be exactly what the header says: a short
file is *truncated*, a longer one *changed*. Signing hashes the payload once, in chunks, while
copying it, so a 1 GB payload never sits in memory; the signature is written last into its
fixed-size slot.

Which error a reader gets (:class:`VerificationFailed`, exit status 3), in the order checked:
not a signed file → truncated / damaged header → changed (bad signature) → wrong kind →
unknown signer. A signer is trusted when their certificate's SHA-256 fingerprint is among the
``trusted`` certificates (or a lookup by fingerprint returns one).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import struct
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from ..errors import InputError, VerificationFailed
from ..i18n import Msg, msg
from ._files import atomic_output
from .identity import (
    Identity,
    certificate_name,
    fingerprint,
    fingerprint_der,
    readable_fingerprint,
    strict_certificates,
)

MAGIC = b"REVIEWDESK-SIGNED/1\n"
_MAGIC_STEM = b"REVIEWDESK-SIGNED/"
_HEADER = struct.Struct(">HHIQ")
PREFIX_SIZE = len(MAGIC) + _HEADER.size
SIG_LEN = 64
MAX_KIND = 64
MAX_CERT = 16 * 1024
MAX_PAYLOAD = 1 << 40  # 1 TiB: far beyond any session, small enough to catch a garbled header
CHUNK = 1 << 20
_KIND_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")

#: The kinds of signed file ReviewDesk writes, and what people call them.
SESSION_PACK = "session-pack"
SCORE_PACKAGE = "score-package"
MANIFEST = "manifest"
KIND_NAMES: dict[str, Msg] = {
    SESSION_PACK: msg("a session pack", "会话包"),
    SCORE_PACKAGE: msg("a score package", "评分包"),
    MANIFEST: msg("a manifest", "清单"),
}

Trusted = Iterable[x509.Certificate] | x509.Certificate | Callable[[str], x509.Certificate | None]
Progress = Callable[[int, int], object]


class Opened(NamedTuple):
    """What :func:`open_sealed` returns: the (trusted) signer's certificate and the payload."""

    signer: x509.Certificate
    payload: bytes


@dataclass(frozen=True)
class SealedInfo:
    """An intact signed file described, *without* any judgment of whether its signer is trusted."""

    kind: str
    signer: x509.Certificate
    payload_size: int

    @property
    def signer_name(self) -> str:
        return certificate_name(self.signer)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signer)


def describe_kind(kind: str) -> str:
    """What people call a kind of signed file, in the current language."""
    name = KIND_NAMES.get(kind)
    return str(name) if name is not None else repr(kind)


# --------------------------------------------------------------------------- errors

def _not_signed() -> VerificationFailed:
    return VerificationFailed(msg("This is not a ReviewDesk signed file", "这不是 ReviewDesk 签名文件"))


def _truncated(expected: int, actual: int) -> VerificationFailed:
    return VerificationFailed(msg(
        "The file is truncated or damaged: it should have {expected} bytes but has {actual}. "
        "Copy it again from the source",
        "文件被截断或已损坏：应有 {expected} 字节，实际只有 {actual} 字节。请从源头重新复制",
        expected=expected, actual=actual))


def _damaged_header() -> VerificationFailed:
    return VerificationFailed(msg("The file's header is damaged (impossible lengths): the file was changed "
                                  "or damaged", "文件头已损坏（长度不合理）：文件被修改或损坏"))


def _changed() -> VerificationFailed:
    return VerificationFailed(msg("The signature does not match the content: the file was changed after it "
                                  "was signed", "签名与内容不符：文件在签名后被修改过"))


def _wrong_kind(actual: str, expected: Collection[str]) -> VerificationFailed:
    want_en = " or ".join(KIND_NAMES[k].en if k in KIND_NAMES else repr(k) for k in expected)
    want_zh = "或".join(KIND_NAMES[k].zh if k in KIND_NAMES else repr(k) for k in expected)
    got = KIND_NAMES.get(actual, Msg(repr(actual), repr(actual)))
    return VerificationFailed(msg("Wrong kind of file: this is {got} where {want} was expected",
                                  "文件类型不对：这是{got_zh}，此处需要{want_zh}",
                                  got=got.en, want=want_en, got_zh=got.zh, want_zh=want_zh))


def _unknown_signer(cert: x509.Certificate) -> VerificationFailed:
    name = "".join(ch for ch in certificate_name(cert) if ch.isprintable())[:64] or "?"
    return VerificationFailed(msg(
        "The file is signed by someone not known here: {name}, fingerprint {fp}",
        "文件的签名人不在可信名单中：{name}，指纹 {fp}", name=name, fp=readable_fingerprint(cert)))


# --------------------------------------------------------------------------- layout

@dataclass(frozen=True)
class _Layout:
    kind_len: int
    sig_len: int
    cert_len: int
    payload_len: int

    @property
    def meta_len(self) -> int:  # kind + certificate + signature
        return self.kind_len + self.cert_len + self.sig_len

    @property
    def payload_at(self) -> int:
        return PREFIX_SIZE + self.meta_len

    @property
    def total(self) -> int:
        return self.payload_at + self.payload_len


def _parse_prefix(prefix: bytes, total: int) -> _Layout:
    """Check the magic and the header against the file's real size: arithmetic only."""
    if prefix[:len(MAGIC)] != MAGIC:
        if len(prefix) < len(MAGIC) and prefix and MAGIC.startswith(prefix):
            raise _truncated(PREFIX_SIZE, total)
        if prefix.startswith(_MAGIC_STEM):
            version = prefix[len(_MAGIC_STEM):].split(b"\n", 1)[0][:8].decode("ascii", "replace")
            raise VerificationFailed(msg(
                "This signed file has format version {v}, which this ReviewDesk does not read; update ReviewDesk",
                "此签名文件的格式版本为 {v}，当前版本的 ReviewDesk 无法读取；请升级 ReviewDesk", v=version))
        raise _not_signed()
    if len(prefix) < PREFIX_SIZE:
        raise _truncated(PREFIX_SIZE, total)
    layout = _Layout(*_HEADER.unpack_from(prefix, len(MAGIC)))
    if not (1 <= layout.kind_len <= MAX_KIND and layout.sig_len == SIG_LEN
            and 1 <= layout.cert_len <= MAX_CERT and layout.payload_len <= MAX_PAYLOAD):
        raise _damaged_header()
    if total < layout.total:
        raise _truncated(layout.total, total)
    if total > layout.total:
        raise VerificationFailed(msg(
            "The file is damaged or was changed: it should have {expected} bytes but has {actual}",
            "文件被修改或已损坏：应有 {expected} 字节，实际有 {actual} 字节", expected=layout.total, actual=total))
    return layout


def _split_meta(layout: _Layout, meta: bytes) -> tuple[str, bytes, bytes]:
    kind_b = meta[:layout.kind_len]
    cert_der = meta[layout.kind_len:layout.kind_len + layout.cert_len]
    sig = meta[layout.kind_len + layout.cert_len:layout.meta_len]
    try:
        kind = kind_b.decode("ascii")
    except UnicodeDecodeError:
        kind = ""
    return kind, cert_der, sig


def _check_kind_name(kind: str) -> bytes:
    if not isinstance(kind, str) or not _KIND_RE.fullmatch(kind):
        raise ValueError(f"invalid kind for a signed file: {kind!r}")
    return kind.encode("ascii")


def _expected(expected_kind: str | Collection[str]) -> tuple[str, ...]:
    return (expected_kind,) if isinstance(expected_kind, str) else tuple(expected_kind)


# --------------------------------------------------------------------------- signing

def _sign(identity: Identity, digest: bytes) -> bytes:
    der = identity.signing_key().sign(digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
    r, s = utils.decode_dss_signature(der)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def _signature_ok(public_key: object, signature: bytes, digest: bytes) -> bool:
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or not isinstance(public_key.curve, ec.SECP256R1):
        return False
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    try:
        public_key.verify(utils.encode_dss_signature(r, s), digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
    except (InvalidSignature, ValueError):
        return False
    return True


def _head(kind_b: bytes, cert_der: bytes, payload_len: int) -> bytes:
    if payload_len > MAX_PAYLOAD:
        raise InputError(msg("The content is too large to sign ({n} bytes)", "内容过大，无法签名（{n} 字节）",
                             n=payload_len))
    return MAGIC + _HEADER.pack(len(kind_b), SIG_LEN, len(cert_der), payload_len) + kind_b + cert_der


def seal(kind: str, payload: bytes, identity: Identity) -> bytes:
    """The signed file holding ``payload``, signed by ``identity`` (which must hold its key).

    ``kind`` says what the payload is (:data:`SESSION_PACK`, :data:`SCORE_PACKAGE`,
    :data:`MANIFEST`, …) and is covered by the signature, so one kind can never pass for another.
    """
    kind_b = _check_kind_name(kind)
    identity.signing_key()
    cert_der = identity.certificate.public_bytes(serialization.Encoding.DER)
    head = _head(kind_b, cert_der, len(payload))
    h = hashlib.sha256(head)
    h.update(payload)
    return b"".join((head, _sign(identity, h.digest()), payload))


def seal_file(kind: str, payload_path: Path | str, out_path: Path | str, identity: Identity,
              progress: Progress | None = None) -> None:
    """Sign the file ``payload_path`` into the signed file ``out_path``, streaming.

    The payload is read once, in 1 MiB chunks, hashed and copied as it is read; ``out_path``
    appears only when complete (temporary file + rename). ``progress(done, total)`` is called
    after every chunk with payload bytes; raising from it cancels, leaving ``out_path`` untouched.
    """
    kind_b = _check_kind_name(kind)
    identity.signing_key()
    cert_der = identity.certificate.public_bytes(serialization.Encoding.DER)
    with _open_input(payload_path) as src:
        size = os.fstat(src.fileno()).st_size
        head = _head(kind_b, cert_der, size)
        h = hashlib.sha256(head)
        with atomic_output(out_path) as out:
            out.write(head)
            sig_at = out.tell()
            out.write(bytes(SIG_LEN))
            done = _pump(src, size, h, out, progress)
            if done != size or src.read(1):
                raise InputError(msg("{path} changed while it was being signed; try again",
                                     "{path} 在签名过程中被修改；请重试", path=payload_path))
            signature = _sign(identity, h.digest())
            out.seek(sig_at)
            out.write(signature)


def _pump(src, size: int, h, out, progress: Progress | None) -> int:
    """Copy up to ``size`` bytes from ``src`` to ``out`` (may be None), hashing them."""
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    done = 0
    while done < size:
        n = src.readinto(view[:min(CHUNK, size - done)])
        if not n:
            break
        chunk = view[:n]
        h.update(chunk)
        if out is not None:
            out.write(chunk)
        done += n
        if progress is not None:
            progress(done, size)
    return done


# --------------------------------------------------------------------------- opening

def _lookup(trusted: Trusted | None, fp: str) -> x509.Certificate | None:
    if trusted is None:
        return None
    if isinstance(trusted, x509.Certificate):
        trusted = [trusted]
    if callable(trusted):
        cert = trusted(fp)
        return cert if cert is not None and fingerprint(cert) == fp else None
    for cert in trusted:
        if fingerprint(cert) == fp:
            return cert
    return None


def _judge(kind: str, cert_der: bytes, signature: bytes, digest: bytes, *, trusted: Trusted | None,
           expected_kind: tuple[str, ...] | None) -> x509.Certificate:
    """Signature, then kind, then trust. Returns the signer's certificate."""
    known = _lookup(trusted, fingerprint_der(cert_der))
    if known is not None:
        # The certificate bytes hash to a trusted certificate's fingerprint: they *are* that
        # certificate, so the untrusted copy is never parsed.
        signer = known
    else:
        try:
            with strict_certificates():  # refused now what cryptography only warns about today
                signer = x509.load_der_x509_certificate(cert_der)
        except Exception:  # ValueError, InvalidVersion, …: whatever the bytes, they were altered
            raise _changed() from None
    try:
        public_key = signer.public_key()  # parsed lazily: a damaged point raises here
    except Exception:  # ValueError, UnsupportedAlgorithm
        raise _changed() from None
    if not _signature_ok(public_key, signature, digest):
        raise _changed()
    if expected_kind is not None and kind not in expected_kind:
        raise _wrong_kind(kind, expected_kind)
    if known is None and trusted is not None:
        raise _unknown_signer(signer)
    return signer


def _digest_in_memory(data: memoryview, layout: _Layout) -> bytes:
    sig_at = PREFIX_SIZE + layout.kind_len + layout.cert_len
    h = hashlib.sha256(data[:sig_at])
    h.update(data[layout.payload_at:])
    return h.digest()


def open_sealed(data: bytes, *, trusted: Trusted | None, expected_kind: str | Collection[str]) -> Opened:
    """Check a signed file held in memory and return ``(signer certificate, payload)``.

    ``trusted``: the certificates whose signatures are accepted, or a function that takes a hex
    SHA-256 fingerprint and returns the trusted certificate with that fingerprint (or None).
    ``None`` accepts any intact signature and leaves judging the returned signer to the caller
    (an expert unpacking the chair's first pack, who compares the fingerprint read aloud).
    ``expected_kind``: the kind (or kinds) acceptable here. Raises :class:`VerificationFailed`
    with the reason; the payload is never touched before the signature checks out.
    """
    view = memoryview(data)
    layout = _parse_prefix(bytes(view[:PREFIX_SIZE]), len(view))
    kind, cert_der, sig = _split_meta(layout, bytes(view[PREFIX_SIZE:layout.payload_at]))
    signer = _judge(kind, cert_der, sig, _digest_in_memory(view, layout), trusted=trusted,
                    expected_kind=_expected(expected_kind))
    return Opened(signer, bytes(view[layout.payload_at:]))


def inspect_sealed(data: bytes) -> SealedInfo:
    """Check that a signed file is intact and say who signed it: *not* whether to trust them."""
    view = memoryview(data)
    layout = _parse_prefix(bytes(view[:PREFIX_SIZE]), len(view))
    kind, cert_der, sig = _split_meta(layout, bytes(view[PREFIX_SIZE:layout.payload_at]))
    signer = _judge(kind, cert_der, sig, _digest_in_memory(view, layout), trusted=None, expected_kind=None)
    return SealedInfo(kind, signer, layout.payload_len)


def peek_kind(data: bytes | Path | str) -> str:
    """The kind a signed file *claims* to be (bytes, or a path), unauthenticated: for choosing
    how to open it, never for trusting it. Raises :class:`VerificationFailed` if not signed."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        head = bytes(data[:PREFIX_SIZE + MAX_KIND])
        total = len(data)
    else:
        with _open_input(data) as f:
            head = f.read(PREFIX_SIZE + MAX_KIND)
            total = os.fstat(f.fileno()).st_size
    layout = _parse_prefix(head[:PREFIX_SIZE], total)
    kind = head[PREFIX_SIZE:PREFIX_SIZE + layout.kind_len].decode("ascii", "replace")
    if not _KIND_RE.fullmatch(kind):
        raise _damaged_header()
    return kind


@contextlib.contextmanager
def _open_input(path: Path | str):
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        raise InputError(msg("File not found: {path}", "找不到文件：{path}", path=path)) from None
    except OSError as exc:
        raise InputError(msg("Cannot read {path}: {error}", "无法读取 {path}：{error}",
                             path=path, error=exc.strerror or exc)) from exc
    with f:
        yield f


def _open_file(path: Path | str, *, trusted: Trusted | None, expected_kind: tuple[str, ...] | None,
               out_payload_path: Path | str | None, progress: Progress | None) -> tuple[x509.Certificate, str, int]:
    with _open_input(path) as f:
        total = os.fstat(f.fileno()).st_size
        prefix = f.read(PREFIX_SIZE)
        layout = _parse_prefix(prefix, total)
        meta = f.read(layout.meta_len)
        kind, cert_der, sig = _split_meta(layout, meta)
        if expected_kind is not None and kind in KIND_NAMES and kind not in expected_kind:
            # A real file of another kind (the common mistake: the wrong file picked). Refusing
            # before streaming a large payload is safe: an altered kind would be refused anyway.
            raise _wrong_kind(kind, expected_kind)
        h = hashlib.sha256(prefix)
        h.update(meta[:layout.kind_len + layout.cert_len])
        out_ctx = atomic_output(out_payload_path) if out_payload_path is not None else contextlib.nullcontext()
        with out_ctx as out:
            done = _pump(f, layout.payload_len, h, out, progress)
            if done != layout.payload_len:  # the file shrank while being read
                raise _truncated(layout.total, layout.payload_at + done)
            # Raising here (inside the output's block) removes the unverified output.
            signer = _judge(kind, cert_der, sig, h.digest(), trusted=trusted, expected_kind=expected_kind)
    return signer, kind, layout.payload_len


def open_sealed_file(path: Path | str, *, trusted: Trusted | None, expected_kind: str | Collection[str],
                     out_payload_path: Path | str | None = None,
                     progress: Progress | None = None) -> x509.Certificate:
    """Check a signed file on disk, streaming, and write its payload to ``out_payload_path``.

    Same checks and errors as :func:`open_sealed`. The payload is hashed while it is copied to a
    temporary file beside ``out_payload_path``, which is renamed into place only once the
    signature, kind and signer check out: a refused file leaves nothing behind. With
    ``out_payload_path=None`` the file is only verified. ``progress(done, total)`` as for
    :func:`seal_file`. Returns the signer's (trusted) certificate.
    """
    signer, _, _ = _open_file(path, trusted=trusted, expected_kind=_expected(expected_kind),
                              out_payload_path=out_payload_path, progress=progress)
    return signer


def inspect_sealed_file(path: Path | str, progress: Progress | None = None) -> SealedInfo:
    """:func:`inspect_sealed` for a file on disk, streaming: intact or not, and who signed it."""
    signer, kind, size = _open_file(path, trusted=None, expected_kind=None, out_payload_path=None,
                                    progress=progress)
    return SealedInfo(kind, signer, size)
