"""Identities: creation, the key store, passphrases, fingerprints, foreign certificates."""

from __future__ import annotations

import os
import time

import pytest
from asn1crypto import pem as asn1_pem
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtensionOID, NameOID

from reviewdesk.errors import InputError, TrustError
from reviewdesk.i18n import set_language
from reviewdesk.trust import identity as idm
from reviewdesk.trust.identity import (
    Identity,
    cert_from_pem,
    create_identity,
    fingerprint,
    identity_path,
    key_store_dir,
    load_certificate,
    load_identity,
    matches_readable,
    readable_fingerprint,
    short_fingerprint,
)

PASSPHRASE = "correct horse battery"  # as in conftest.py


def test_key_store_dir_follows_reviewdesk_home(home):
    assert key_store_dir() == home / "keys"


def test_key_store_dir_defaults_to_user_data_dir(monkeypatch):
    import platformdirs

    monkeypatch.delenv("REVIEWDESK_HOME", raising=False)
    assert key_store_dir() == __import__("pathlib").Path(
        platformdirs.user_data_dir("ReviewDesk", "ReviewDesk")) / "keys"


def test_create_and_load(home):
    made = create_identity("张三", "expert", PASSPHRASE)
    assert made.private_key is not None
    loaded = load_identity(PASSPHRASE)
    assert loaded == made  # name, role, certificate
    assert loaded.private_key.private_numbers() == made.private_key.private_numbers()
    assert (loaded.name, loaded.role) == ("张三", "expert")
    cert = load_certificate()
    assert cert == made.certificate
    assert Identity.from_certificate(cert).private_key is None


def test_certificate_contents(home):
    cert = create_identity("张三", "chair", PASSPHRASE).certificate
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "张三"
    assert cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "ReviewDesk"
    assert cert.subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "chair"
    assert cert.issuer == cert.subject
    pub = cert.public_key()
    assert isinstance(pub, ec.EllipticCurvePublicKey) and isinstance(pub.curve, ec.SECP256R1)
    bc = cert.extensions.get_extension_for_oid(ExtensionOID.BASIC_CONSTRAINTS)
    assert bc.critical and bc.value.ca is False
    ku = cert.extensions.get_extension_for_oid(ExtensionOID.KEY_USAGE).value
    assert ku.digital_signature and ku.content_commitment and not ku.key_cert_sign
    cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_KEY_IDENTIFIER)
    years = (cert.not_valid_after_utc - cert.not_valid_before_utc).days / 365.25
    assert 9.9 < years < 10.1
    cert.verify_directly_issued_by(cert)


def test_key_file_is_private_and_encrypted(home):
    create_identity("张三", "expert", PASSPHRASE)
    path = identity_path()
    data = path.read_bytes()
    assert b"BEGIN PRIVATE KEY" not in data
    assert b"BEGIN EC PRIVATE KEY" not in data
    assert b"BEGIN ENCRYPTED PRIVATE KEY" in data
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
        assert path.parent.stat().st_mode & 0o077 == 0
    # no temporary files left behind
    assert sorted(p.name for p in path.parent.iterdir()) == ["identity.pem"]


def test_default_kdf_is_strong_and_slow(tmp_path, monkeypatch):
    monkeypatch.delenv(idm.TEST_KDF_ENV, raising=False)
    assert idm.KDF_LOG2_N >= 17
    create_identity("张三", "expert", PASSPHRASE, store=tmp_path)
    der = _der_of_encrypted_key(identity_path(tmp_path))
    assert _scrypt_n(der) == 2**17
    start = time.perf_counter()
    with pytest.raises(TrustError):
        load_identity("wrong passphrase", tmp_path)
    assert time.perf_counter() - start > 0.1


def _scrypt_n(der: bytes) -> int:
    """scrypt's N from PBES2 parameters: scrypt OID, then SEQUENCE { salt OCTET STRING, N INTEGER, ... }."""
    oid = bytes.fromhex("06092b06010401da47040b")
    at = der.index(oid) + len(oid)
    assert der[at] == 0x30 and der[at + 2] == 0x04
    at += 2
    at += 2 + der[at + 1]  # skip the salt
    assert der[at] == 0x02
    return int.from_bytes(der[at + 2:at + 2 + der[at + 1]], "big")


def _der_of_encrypted_key(path):
    for kind, _headers, der in asn1_pem.unarmor(path.read_bytes(), multiple=True):
        if kind == "ENCRYPTED PRIVATE KEY":
            return der
    raise AssertionError("no encrypted key")


def test_env_override_lowers_kdf_for_tests(tmp_path, monkeypatch):
    monkeypatch.setenv(idm.TEST_KDF_ENV, "11")
    create_identity("张三", "expert", PASSPHRASE, store=tmp_path)
    der = _der_of_encrypted_key(identity_path(tmp_path))
    assert _scrypt_n(der) == 2**11


def test_key_is_standard_pkcs8(home):
    made = create_identity("张三", "expert", PASSPHRASE)
    der = _der_of_encrypted_key(identity_path())
    key = serialization.load_der_private_key(der, PASSPHRASE.encode())
    assert key.private_numbers() == made.private_key.private_numbers()


def test_wrong_passphrase(home):
    create_identity("张三", "expert", PASSPHRASE)
    with pytest.raises(TrustError) as err:
        load_identity("not the passphrase")
    set_language("en")
    try:
        assert "wrong passphrase" in str(err.value).lower()
        set_language("zh")
        assert "口令错误" in str(err.value)
    finally:
        set_language(None)


def test_passphrase_is_unicode_normalized(home):
    create_identity("张三", "expert", "caf\u00e9 au lait")  # NFC é
    assert load_identity("cafe\u0301 au lait").private_key is not None  # NFD é


def test_missing_identity_explains_key_new(home):
    with pytest.raises(TrustError) as err:
        load_identity(PASSPHRASE)
    assert "reviewdesk key new" in err.value.message.en
    assert "reviewdesk key new" in err.value.message.zh
    with pytest.raises(TrustError):
        load_certificate()


@pytest.mark.parametrize("passphrase", ["", "short", "1234567", "        "])
def test_weak_passphrase_refused(home, passphrase):
    with pytest.raises(TrustError) as err:
        create_identity("张三", "expert", passphrase)
    assert err.value.message.en and err.value.message.zh
    assert not identity_path().exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 65, "a\nb"])
def test_bad_name_refused(home, name):
    with pytest.raises(InputError):
        create_identity(name, "expert", PASSPHRASE)


def test_existing_identity_refused_unless_overwrite(home):
    first = create_identity("张三", "expert", PASSPHRASE)
    with pytest.raises(TrustError) as err:
        create_identity("李四", "expert", PASSPHRASE)
    assert first.readable_fingerprint in str(err.value)
    assert load_certificate() == first.certificate
    second = create_identity("李四", "expert", PASSPHRASE, overwrite=True)
    assert load_certificate() == second.certificate
    retired = list((home / "keys" / "retired").iterdir())
    assert len(retired) == 1
    assert cert_from_pem(retired[0].read_bytes()) == first.certificate


def test_change_passphrase(home):
    made = create_identity("张三", "expert", PASSPHRASE)
    idm.change_passphrase(PASSPHRASE, "a new passphrase")
    with pytest.raises(TrustError):
        load_identity(PASSPHRASE)
    assert load_identity("a new passphrase").certificate == made.certificate


def test_damaged_identity_file(home):
    create_identity("张三", "expert", PASSPHRASE)
    path = identity_path()
    path.write_bytes(b"garbage")
    with pytest.raises(TrustError) as err:
        load_certificate()
    assert "damaged" in err.value.message.en


def test_fingerprints_are_stable(home):
    made = create_identity("张三", "expert", PASSPHRASE)
    cert = made.certificate
    fp = fingerprint(cert)
    assert fp == cert.fingerprint(hashes.SHA256()).hex() and len(fp) == 64
    assert fingerprint(cert_from_pem(made.cert_pem())) == fp
    assert idm.fingerprint_der(cert.public_bytes(serialization.Encoding.DER)) == fp
    readable = readable_fingerprint(cert)
    groups = readable.split(" ")
    assert len(groups) == 6 and all(len(g) == 5 and g.isdigit() for g in groups)
    assert readable == readable_fingerprint(load_certificate())
    assert short_fingerprint(cert) == " ".join(groups[:2])
    assert matches_readable(cert, readable.replace(" ", "-"))
    assert not matches_readable(cert, readable[:-1] + str((int(readable[-1]) + 1) % 10))


def test_readable_fingerprint_known_value():
    # Pinned so that the rendering never changes between versions (people keep paper notes).
    digest = bytes(range(32))
    assert idm._readable(digest, 6) == "09060 60585 12110 63635 15160 66685"


def test_cert_from_pem_accepts_pem_and_der(home):
    made = create_identity("张三", "expert", PASSPHRASE)
    assert cert_from_pem(made.cert_pem()) == made.certificate
    assert cert_from_pem(b"notes\n" + made.cert_pem() + b"trailer") == made.certificate
    der = made.certificate.public_bytes(serialization.Encoding.DER)
    assert cert_from_pem(der) == made.certificate


@pytest.mark.parametrize("data", [b"", b"hello", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                                  b"\x30\x82\x01\x00garbage"])
def test_cert_from_pem_refuses_garbage(data):
    with pytest.raises(InputError) as err:
        cert_from_pem(data)
    assert "certificate" in err.value.message.en
    assert "证书" in err.value.message.zh


def _self_signed(key, algorithm=None):
    import datetime as dt

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")])
    now = dt.datetime.now(dt.UTC)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=1))
            .sign(key, algorithm))


def test_cert_from_pem_refuses_other_key_types():
    rsa_cert = _self_signed(rsa.generate_private_key(public_exponent=65537, key_size=2048), hashes.SHA256())
    with pytest.raises(InputError, match="P-256"):
        cert_from_pem(rsa_cert.public_bytes(serialization.Encoding.PEM))
    p384 = _self_signed(ec.generate_private_key(ec.SECP384R1()), hashes.SHA256())
    with pytest.raises(InputError, match="P-256"):
        cert_from_pem(p384.public_bytes(serialization.Encoding.PEM))


def test_cert_from_pem_refuses_broken_self_signature(home):
    made = create_identity("张三", "expert", PASSPHRASE)
    der = bytearray(made.certificate.public_bytes(serialization.Encoding.DER))
    der[-5] ^= 0x01  # inside the certificate's signature
    with pytest.raises(InputError):
        cert_from_pem(bytes(der))


def test_identity_without_key_cannot_sign(home):
    made = create_identity("张三", "expert", PASSPHRASE)
    with pytest.raises(TrustError):
        Identity.from_certificate(made.certificate).signing_key()
    assert "private_key" not in repr(made)
