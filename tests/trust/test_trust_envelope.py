"""Signed files: round trips, and every way a file can be wrong refused with its reason."""

from __future__ import annotations

import os
import struct

import pytest

from reviewdesk.errors import InputError, VerificationFailed
from reviewdesk.trust import envelope as env
from reviewdesk.trust.envelope import (
    MAGIC,
    PREFIX_SIZE,
    SIG_LEN,
    inspect_sealed,
    inspect_sealed_file,
    open_sealed,
    open_sealed_file,
    peek_kind,
    seal,
    seal_file,
)
from reviewdesk.trust.identity import Identity, fingerprint, readable_fingerprint

PAYLOAD = '{"session": "济南 2021", "reviews": [1, 2, 3]}'.encode() * 20


def _regions(data: bytes) -> dict[str, int]:
    """One offset inside each region of a signed file."""
    kind_len, sig_len, cert_len, _ = struct.unpack_from(">HHIQ", data, len(MAGIC))
    kind_at = PREFIX_SIZE
    cert_at = kind_at + kind_len
    sig_at = cert_at + cert_len
    payload_at = sig_at + sig_len
    return {
        "magic": 3,
        "header-kind-length": len(MAGIC) + 1,
        "header-signature-length": len(MAGIC) + 3,
        "header-certificate-length": len(MAGIC) + 7,
        "header-payload-length": len(MAGIC) + 15,
        "header-payload-length-high": len(MAGIC) + 8,
        "kind": kind_at + 2,
        "certificate-start": cert_at + 1,
        "certificate-middle": cert_at + cert_len // 2,
        "certificate-end": sig_at - 1,
        "signature-r": sig_at + 5,
        "signature-s": sig_at + 40,
        "payload-start": payload_at,
        "payload-middle": payload_at + (len(data) - payload_at) // 2,
        "payload-end": len(data) - 1,
    }


def _message(err: pytest.ExceptionInfo) -> str:
    return err.value.message.en


def test_round_trip(chair):
    data = seal(env.SESSION_PACK, PAYLOAD, chair)
    assert data.startswith(MAGIC)
    signer, payload = open_sealed(data, trusted=[chair.certificate], expected_kind=env.SESSION_PACK)
    assert payload == PAYLOAD
    assert signer == chair.certificate
    assert peek_kind(data) == env.SESSION_PACK


def test_empty_payload(chair):
    data = seal(env.MANIFEST, b"", chair)
    assert open_sealed(data, trusted=[chair.certificate], expected_kind=env.MANIFEST).payload == b""


def test_trusted_as_lookup_by_fingerprint(chair, expert):
    data = seal(env.SCORE_PACKAGE, PAYLOAD, expert)
    roster = {fingerprint(c): c for c in (chair.certificate, expert.certificate)}
    asked = []

    def lookup(fp):
        asked.append(fp)
        return roster.get(fp)

    opened = open_sealed(data, trusted=lookup, expected_kind=env.SCORE_PACKAGE)
    assert opened.signer == expert.certificate
    assert asked == [fingerprint(expert.certificate)]
    # a single certificate is accepted as the trusted set too
    assert open_sealed(data, trusted=expert.certificate, expected_kind=env.SCORE_PACKAGE).payload == PAYLOAD


def test_lookup_returning_another_certificate_is_not_trust(chair, expert):
    data = seal(env.SCORE_PACKAGE, PAYLOAD, expert)
    with pytest.raises(VerificationFailed, match="not known"):
        open_sealed(data, trusted=lambda fp: chair.certificate, expected_kind=env.SCORE_PACKAGE)


def test_trusted_none_accepts_any_intact_signer_and_names_it(expert):
    data = seal(env.SCORE_PACKAGE, PAYLOAD, expert)
    assert open_sealed(data, trusted=None, expected_kind=env.SCORE_PACKAGE).signer == expert.certificate
    bad = bytearray(data)
    bad[-3] ^= 1
    with pytest.raises(VerificationFailed, match="was changed"):
        open_sealed(bytes(bad), trusted=None, expected_kind=env.SCORE_PACKAGE)
    with pytest.raises(VerificationFailed, match="Wrong kind"):
        open_sealed(data, trusted=None, expected_kind=env.SESSION_PACK)


def test_signature_is_fresh_each_time_but_both_verify(chair):
    a, b = seal(env.MANIFEST, PAYLOAD, chair), seal(env.MANIFEST, PAYLOAD, chair)
    for data in (a, b):
        open_sealed(data, trusted=[chair.certificate], expected_kind=env.MANIFEST)


@pytest.mark.parametrize("region", [
    "magic", "header-kind-length", "header-signature-length", "header-certificate-length",
    "header-payload-length", "header-payload-length-high", "kind", "certificate-start",
    "certificate-middle", "certificate-end", "signature-r", "signature-s", "payload-start",
    "payload-middle", "payload-end"])
@pytest.mark.parametrize("trusted_signer", [True, False])
def test_every_region_byte_flip_refused(chair, expert, region, trusted_signer):
    data = seal(env.SCORE_PACKAGE, PAYLOAD, expert)
    at = _regions(data)[region]
    for bit in (0x01, 0x80):
        bad = bytearray(data)
        bad[at] ^= bit
        trusted = [expert.certificate] if trusted_signer else [chair.certificate]
        with pytest.raises(VerificationFailed) as err:
            open_sealed(bytes(bad), trusted=trusted, expected_kind=env.SCORE_PACKAGE)
        assert err.value.exit_code == 3
        text = _message(err)
        if region == "magic":
            assert "not a ReviewDesk signed file" in text
        elif region.startswith("header"):
            assert any(w in text for w in ("header is damaged", "truncated", "damaged or was changed", "changed"))
        else:
            assert "was changed" in text, text
        # the streaming reader agrees
        with pytest.raises(VerificationFailed):
            _open_via_file(bytes(bad), trusted)


def _open_via_file(data: bytes, trusted):
    """open_sealed_file on ``data``; a refusal must leave no output and no temporary file."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        src, out = os.path.join(d, "in.rdsig"), os.path.join(d, "out.bin")
        with open(src, "wb") as f:
            f.write(data)
        try:
            return open_sealed_file(src, trusted=trusted, expected_kind=env.SCORE_PACKAGE, out_payload_path=out)
        except VerificationFailed:
            assert os.listdir(d) == ["in.rdsig"]
            raise


def test_every_single_byte_flip_refused(expert):
    """Exhaustive over a small file: no byte anywhere can change unnoticed."""
    data = seal(env.SCORE_PACKAGE, b"tiny", expert)
    for at in range(len(data)):
        bad = bytearray(data)
        bad[at] ^= 0x40
        with pytest.raises(VerificationFailed):
            open_sealed(bytes(bad), trusted=[expert.certificate], expected_kind=env.SCORE_PACKAGE)


@pytest.mark.parametrize("keep", [0, 5, len(MAGIC), PREFIX_SIZE - 1, PREFIX_SIZE, PREFIX_SIZE + 3, -SIG_LEN - 100, -1])
def test_truncation_refused(expert, keep):
    data = seal(env.SCORE_PACKAGE, PAYLOAD, expert)
    cut = data[:keep] if keep >= 0 else data[:len(data) + keep]
    with pytest.raises(VerificationFailed) as err:
        open_sealed(cut, trusted=[expert.certificate], expected_kind=env.SCORE_PACKAGE)
    if keep == 0:
        assert "not a ReviewDesk signed file" in _message(err)
    else:
        assert "truncated" in _message(err)
        assert "被截断" in err.value.message.zh


def test_appended_bytes_refused(expert):
    data = seal(env.SCORE_PACKAGE, PAYLOAD, expert)
    with pytest.raises(VerificationFailed, match="damaged or was changed"):
        open_sealed(data + b"\n", trusted=[expert.certificate], expected_kind=env.SCORE_PACKAGE)


def test_not_a_signed_file(expert):
    for junk in (b"PK\x03\x04 a zip file", b"SQLite format 3\x00", b"{}", b"x" * 1000):
        with pytest.raises(VerificationFailed, match="not a ReviewDesk signed file"):
            open_sealed(junk, trusted=[expert.certificate], expected_kind=env.SCORE_PACKAGE)


def test_future_format_version(expert):
    data = seal(env.SCORE_PACKAGE, PAYLOAD, expert).replace(b"SIGNED/1\n", b"SIGNED/2\n", 1)
    with pytest.raises(VerificationFailed, match="version 2"):
        open_sealed(data, trusted=[expert.certificate], expected_kind=env.SCORE_PACKAGE)


def test_absurd_header_lengths_refused(expert):
    data = bytearray(seal(env.SCORE_PACKAGE, PAYLOAD, expert))
    for fmt_at, value in ((0, 0), (0, 65535), (2, 63), (4, 0), (4, 2**31), (8, 2**62)):
        bad = bytearray(data)
        kind_len, sig_len, cert_len, payload_len = struct.unpack_from(">HHIQ", bad, len(MAGIC))
        fields = [kind_len, sig_len, cert_len, payload_len]
        fields[{0: 0, 2: 1, 4: 2, 8: 3}[fmt_at]] = value
        struct.pack_into(">HHIQ", bad, len(MAGIC), *fields)
        with pytest.raises(VerificationFailed, match="header is damaged"):
            open_sealed(bytes(bad), trusted=[expert.certificate], expected_kind=env.SCORE_PACKAGE)


def test_unknown_signer(chair, expert, make_identity):
    stranger = make_identity("陌生人", "expert")
    data = seal(env.SCORE_PACKAGE, PAYLOAD, stranger)
    with pytest.raises(VerificationFailed) as err:
        open_sealed(data, trusted=[chair.certificate, expert.certificate], expected_kind=env.SCORE_PACKAGE)
    text = _message(err)
    assert "not known here" in text and "陌生人" in text
    assert readable_fingerprint(stranger.certificate) in text
    assert readable_fingerprint(stranger.certificate) in err.value.message.zh
    with pytest.raises(VerificationFailed, match="not known here"):
        open_sealed(data, trusted=[], expected_kind=env.SCORE_PACKAGE)


def test_same_name_different_key_is_unknown(make_identity):
    real = make_identity("王专家", "expert")
    impostor = make_identity("王专家", "expert")
    data = seal(env.SCORE_PACKAGE, PAYLOAD, impostor)
    with pytest.raises(VerificationFailed, match="not known here"):
        open_sealed(data, trusted=[real.certificate], expected_kind=env.SCORE_PACKAGE)


def test_swapped_certificate_refused(chair, expert):
    """Someone replaces the signer's certificate with a trusted one: the signature no longer fits."""
    data = seal(env.SCORE_PACKAGE, PAYLOAD, expert)
    from cryptography.hazmat.primitives import serialization

    old = expert.certificate.public_bytes(serialization.Encoding.DER)
    new = chair.certificate.public_bytes(serialization.Encoding.DER)
    forged = bytearray(data.replace(old, new))
    struct.pack_into(">I", forged, len(MAGIC) + 4, len(new))
    with pytest.raises(VerificationFailed, match="was changed"):
        open_sealed(bytes(forged), trusted=[chair.certificate, expert.certificate],
                    expected_kind=env.SCORE_PACKAGE)


def test_wrong_kind(chair):
    data = seal(env.SCORE_PACKAGE, PAYLOAD, chair)
    with pytest.raises(VerificationFailed) as err:
        open_sealed(data, trusted=[chair.certificate], expected_kind=env.SESSION_PACK)
    assert "a score package where a session pack was expected" in _message(err)
    assert "评分包" in err.value.message.zh and "会话包" in err.value.message.zh
    # several kinds may be acceptable
    assert open_sealed(data, trusted=[chair.certificate],
                       expected_kind=(env.SESSION_PACK, env.SCORE_PACKAGE)).payload == PAYLOAD


def test_wrong_kind_is_checked_before_trust(chair, expert):
    data = seal(env.SCORE_PACKAGE, PAYLOAD, expert)
    with pytest.raises(VerificationFailed, match="Wrong kind"):
        open_sealed(data, trusted=[chair.certificate], expected_kind=env.SESSION_PACK)


def test_bad_kind_names_refused_at_sealing(chair):
    for kind in ("", "Upper", "with space", "x" * 65, "中文"):
        with pytest.raises(ValueError):
            seal(kind, PAYLOAD, chair)


def test_sealing_needs_the_private_key(chair):
    with pytest.raises(Exception) as err:
        seal(env.MANIFEST, PAYLOAD, Identity.from_certificate(chair.certificate))
    assert "private key" in str(err.value.message.en)


def test_inspect_reports_signer_without_trust(expert):
    data = seal(env.MANIFEST, PAYLOAD, expert)
    info = inspect_sealed(data)
    assert (info.kind, info.signer, info.payload_size) == (env.MANIFEST, expert.certificate, len(PAYLOAD))
    assert info.signer_name == "王专家"
    bad = bytearray(data)
    bad[-1] ^= 1
    with pytest.raises(VerificationFailed, match="was changed"):
        inspect_sealed(bytes(bad))


# --------------------------------------------------------------------------- streaming

def _big_payload(path, size):
    block = os.urandom(1 << 16)
    with open(path, "wb") as f:
        written = 0
        while written < size:
            n = min(len(block), size - written)
            f.write(block[:n])
            written += n


def test_streaming_round_trip(tmp_path, chair):
    size = 5 * (1 << 20) + 12345  # several chunks and a partial one
    src, sealed, out = tmp_path / "session.rdesk", tmp_path / "pack.rdpack", tmp_path / "work.rdesk"
    _big_payload(src, size)
    calls = []
    seal_file(env.SESSION_PACK, src, sealed, chair, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (size, size) and len(calls) == 6
    assert peek_kind(sealed) == env.SESSION_PACK
    signer = open_sealed_file(sealed, trusted=[chair.certificate], expected_kind=env.SESSION_PACK,
                              out_payload_path=out)
    assert signer == chair.certificate
    assert out.read_bytes() == src.read_bytes()
    # the in-memory reader reads what the streaming writer wrote, and vice versa
    assert open_sealed(sealed.read_bytes(), trusted=[chair.certificate],
                       expected_kind=env.SESSION_PACK).payload == src.read_bytes()
    (tmp_path / "mem.rdpack").write_bytes(seal(env.SESSION_PACK, src.read_bytes(), chair))
    open_sealed_file(tmp_path / "mem.rdpack", trusted=[chair.certificate], expected_kind=env.SESSION_PACK)
    info = inspect_sealed_file(sealed)
    assert (info.kind, info.payload_size) == (env.SESSION_PACK, size)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mem.rdpack", "pack.rdpack", "session.rdesk",
                                                          "work.rdesk"]


def test_streaming_refusal_leaves_no_output(tmp_path, chair, expert):
    src, sealed, out = tmp_path / "s.bin", tmp_path / "s.rdpack", tmp_path / "out.bin"
    _big_payload(src, 3 * (1 << 20))
    seal_file(env.SESSION_PACK, src, sealed, chair)
    data = bytearray(sealed.read_bytes())
    data[-(1 << 20)] ^= 1
    sealed.write_bytes(bytes(data))
    with pytest.raises(VerificationFailed, match="was changed"):
        open_sealed_file(sealed, trusted=[chair.certificate], expected_kind=env.SESSION_PACK,
                         out_payload_path=out)
    assert not out.exists()
    seal_file(env.SESSION_PACK, src, sealed, chair)
    with pytest.raises(VerificationFailed, match="not known here"):
        open_sealed_file(sealed, trusted=[expert.certificate], expected_kind=env.SESSION_PACK,
                         out_payload_path=out)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.bin", "s.rdpack"]


def test_streaming_truncated(tmp_path, chair):
    src, sealed = tmp_path / "s.bin", tmp_path / "s.rdpack"
    _big_payload(src, 2 * (1 << 20))
    seal_file(env.SESSION_PACK, src, sealed, chair)
    with open(sealed, "r+b") as f:
        f.truncate(os.path.getsize(sealed) - 1000)
    with pytest.raises(VerificationFailed, match="truncated"):
        open_sealed_file(sealed, trusted=[chair.certificate], expected_kind=env.SESSION_PACK,
                         out_payload_path=tmp_path / "out.bin")
    assert not (tmp_path / "out.bin").exists()


def test_streaming_wrong_kind_refused_early(tmp_path, chair):
    src, sealed = tmp_path / "s.bin", tmp_path / "s.rdpkg"
    _big_payload(src, 2 * (1 << 20))
    seal_file(env.SCORE_PACKAGE, src, sealed, chair)
    calls = []
    with pytest.raises(VerificationFailed, match="Wrong kind"):
        open_sealed_file(sealed, trusted=[chair.certificate], expected_kind=env.SESSION_PACK,
                         out_payload_path=tmp_path / "out.bin", progress=lambda d, t: calls.append(d))
    assert calls == []  # refused before reading the payload


def test_streaming_cancel_leaves_nothing(tmp_path, chair):
    src, sealed = tmp_path / "s.bin", tmp_path / "s.rdpack"
    _big_payload(src, 3 * (1 << 20))

    class Cancelled(Exception):
        pass

    def cancel(done, total):
        if done > (1 << 20):
            raise Cancelled

    with pytest.raises(Cancelled):
        seal_file(env.SESSION_PACK, src, sealed, chair, progress=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.bin"]
    seal_file(env.SESSION_PACK, src, sealed, chair)
    with pytest.raises(Cancelled):
        open_sealed_file(sealed, trusted=[chair.certificate], expected_kind=env.SESSION_PACK,
                         out_payload_path=tmp_path / "out.bin", progress=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.bin", "s.rdpack"]


def test_seal_file_replaces_existing_output_atomically(tmp_path, chair):
    src, sealed = tmp_path / "s.bin", tmp_path / "s.rdpack"
    src.write_bytes(b"first")
    seal_file(env.MANIFEST, src, sealed, chair)
    src.write_bytes(b"second version")
    seal_file(env.MANIFEST, src, sealed, chair)
    assert open_sealed(sealed.read_bytes(), trusted=[chair.certificate],
                       expected_kind=env.MANIFEST).payload == b"second version"


def test_missing_input_file(tmp_path, chair):
    with pytest.raises(InputError):
        seal_file(env.MANIFEST, tmp_path / "nope", tmp_path / "out", chair)
    with pytest.raises(InputError):
        open_sealed_file(tmp_path / "nope", trusted=[chair.certificate], expected_kind=env.MANIFEST)


def test_a_certificate_with_a_serial_number_that_is_not_positive_is_refused(chair):
    """RFC 5280 serial numbers are positive; cryptography only warns about others for now (and
    will refuse them later). A signed file carrying such a certificate is refused today, with the
    same message as any altered certificate, whether or not the signature over it is good."""
    import hashlib
    import warnings

    from cryptography.hazmat.primitives import serialization

    from reviewdesk.trust.envelope import SESSION_PACK, _head, _sign

    der = bytearray(chair.certificate.public_bytes(serialization.Encoding.DER))
    serial = chair.certificate.serial_number.to_bytes(20, "big").lstrip(b"\0")
    at = der.index(bytes([0x02, len(serial)]) + serial) + 2
    der[at] |= 0x80  # the INTEGER's sign bit: now a negative serial number, the same key
    head = _head(SESSION_PACK.encode(), bytes(der), 3)
    data = head + _sign(chair, hashlib.sha256(head + b"abc").digest()) + b"abc"
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(VerificationFailed) as info:
            open_sealed(data, trusted=None, expected_kind=SESSION_PACK)
    assert "changed" in _message(info)
    assert seen == []  # refused, not merely warned about
