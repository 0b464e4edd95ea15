"""A person's identity: an ECDSA P-256 key, its self-signed certificate, and the key store.

Every panel member and the chair has one identity in their *key store*: the folder ``keys/``
below ``$REVIEWDESK_HOME`` when set, else below the user's data folder (``platformdirs``). It
is one file, ``keys/identity.pem``, holding the certificate (public) and the private key
encrypted with the person's passphrase, and it is created with mode 0600 on POSIX. The key
never goes into a session file or onto a USB stick; the certificate does.

The private key is stored as a standard PKCS#8 ``ENCRYPTED PRIVATE KEY`` (PBES2 with scrypt
and AES-256-CBC, RFC 8018 / RFC 7914). scrypt makes every passphrase guess cost memory and time:
N = 2**17, r = 8, p = 1 (128 MiB; OWASP's recommendation for scrypt), about 0.3 s per attempt on
a current laptop. ``cryptography`` writes only PBKDF2 with 2,048 rounds for PKCS#8
(``BestAvailableEncryption``: under 1 ms per guess), so the encryption is built here; loading
uses ``cryptography``'s own PKCS#8 reader. (The ``openssl`` 3.0 command line refuses scrypt
above 32 MiB and so cannot open these keys; nothing in ReviewDesk needs it to.)

People compare certificates aloud (the chair reads an expert's fingerprint over the phone), so
:func:`readable_fingerprint` renders the certificate's SHA-256 as decimal digits; see there.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import os
import re
import secrets
import shutil
import unicodedata
import warnings
from base64 import b64encode
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID

from ..errors import InputError, TrustError
from ..i18n import msg
from ._files import atomic_output

IDENTITY_FILE = "identity.pem"
ORGANIZATION = "ReviewDesk"
VALIDITY_DAYS = 3653
MIN_PASSPHRASE = 8
MAX_NAME = 64  # RFC 5280 upper bound for commonName and title

#: log2 of scrypt's N for new keys. Tests lower it (monkeypatch, the ``kdf_log2_n`` argument,
#: or ``$REVIEWDESK_INSECURE_TEST_KDF``); a key file records its own cost, so loading always works.
KDF_LOG2_N = 17
KDF_R = 8
KDF_P = 1
_KDF_MIN_LOG2_N = 10
_KDF_MAX_LOG2_N = 20
TEST_KDF_ENV = "REVIEWDESK_INSECURE_TEST_KDF"

_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----\r?\n.*?-----END \1-----\r?\n?", re.S)


# --------------------------------------------------------------------------- the key store

def key_store_dir() -> Path:
    """The folder holding this person's identity: ``$REVIEWDESK_HOME/keys`` or the data folder's."""
    home = os.environ.get("REVIEWDESK_HOME")
    if home:
        base = Path(home)
    else:
        import platformdirs

        base = Path(platformdirs.user_data_dir("ReviewDesk", "ReviewDesk"))
    return base / "keys"


def identity_path(store: Path | None = None) -> Path:
    """The identity file in ``store`` (default: :func:`key_store_dir`)."""
    return (store if store is not None else key_store_dir()) / IDENTITY_FILE


def identity_exists(store: Path | None = None) -> bool:
    """Whether the key store holds an identity."""
    return identity_path(store).is_file()


# --------------------------------------------------------------------------- identity

@dataclass(frozen=True)
class Identity:
    """A person as ReviewDesk knows them: name, role, certificate, and perhaps the private key.

    ``private_key`` is ``None`` when only the certificate was loaded (another person's, or this
    person's without the passphrase). It is left out of ``repr`` and comparisons.
    """

    name: str
    role: str
    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_certificate(cls, cert: x509.Certificate,
                         private_key: ec.EllipticCurvePrivateKey | None = None) -> Identity:
        return cls(certificate_name(cert), certificate_role(cert), cert, private_key)

    def cert_pem(self) -> bytes:
        """The certificate in PEM, to hand to the chair."""
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def readable_fingerprint(self) -> str:
        return readable_fingerprint(self.certificate)

    def signing_key(self) -> ec.EllipticCurvePrivateKey:
        """The private key, or a :class:`TrustError` if this identity was loaded without it."""
        if self.private_key is None:
            raise TrustError(msg("Signing needs your private key: load your identity with your passphrase",
                                 "签名需要您的私钥：请输入口令加载您的身份"))
        return self.private_key


def _attr(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    if not values:
        return ""
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def certificate_name(cert: x509.Certificate) -> str:
    """The person's name (the certificate's CN)."""
    return _attr(cert, NameOID.COMMON_NAME)


def certificate_role(cert: x509.Certificate) -> str:
    """The role the person gave when creating the identity (the certificate's title)."""
    return _attr(cert, NameOID.TITLE)


def _clean_label(value: str, what_en: str, what_zh: str) -> str:
    value = unicodedata.normalize("NFC", value or "").strip()
    if not value:
        raise InputError(msg("The {what} must not be empty", "{what_zh}不能为空",
                             what=what_en, what_zh=what_zh))
    if len(value) > MAX_NAME:
        raise InputError(msg("The {what} is too long ({n} characters; at most {max})",
                             "{what_zh}过长（{n} 个字符，最多 {max} 个）",
                             what=what_en, what_zh=what_zh, n=len(value), max=MAX_NAME))
    if any(unicodedata.category(ch).startswith("C") for ch in value):
        raise InputError(msg("The {what} contains control characters", "{what_zh}含有控制字符",
                             what=what_en, what_zh=what_zh))
    return value


def _passphrase_bytes(passphrase: str) -> bytes:
    # NFC: the same passphrase typed on macOS (NFD input) and Windows gives the same bytes.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too weak for a new key (:class:`TrustError` with the rule)."""
    if passphrase is None or len(unicodedata.normalize("NFC", passphrase)) < MIN_PASSPHRASE:
        raise TrustError(msg("The passphrase must have at least {n} characters",
                             "口令至少需要 {n} 个字符", n=MIN_PASSPHRASE))
    if not passphrase.strip():
        raise TrustError(msg("The passphrase must not be only spaces", "口令不能只由空格组成"))


def _kdf_cost(kdf_log2_n: int | None) -> int:
    if kdf_log2_n is None:
        env = os.environ.get(TEST_KDF_ENV)
        kdf_log2_n = int(env) if env and env.isdigit() else KDF_LOG2_N
    return max(_KDF_MIN_LOG2_N, min(_KDF_MAX_LOG2_N, int(kdf_log2_n)))


def _build_certificate(key: ec.EllipticCurvePrivateKey, name: str, role: str) -> x509.Certificate:
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION),
        x509.NameAttribute(NameOID.TITLE, role),
    ])
    public = key.public_key()
    # A day of slack: offline laptops' clocks drift, and a certificate "not yet valid" on the
    # chair's machine would make a fresh signature fail for no good reason.
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(days=1))
        .not_valid_after(now + _dt.timedelta(days=VALIDITY_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


# --------------------------------------------------------------------------- PKCS#8 + scrypt

def _der(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + body


def _seq(*parts: bytes) -> bytes:
    return _der(0x30, b"".join(parts))


def _int(i: int) -> bytes:
    return _der(0x02, i.to_bytes(i.bit_length() // 8 + 1, "big"))


_OID_PBES2 = bytes.fromhex("06092a864886f70d01050d")          # 1.2.840.113549.1.5.13
_OID_SCRYPT = bytes.fromhex("06092b06010401da47040b")         # 1.3.6.1.4.1.11591.4.11
_OID_AES256_CBC = bytes.fromhex("060960864801650304012a")   # 2.16.840.1.101.3.4.1.42


def _encrypt_private_key(key: ec.EllipticCurvePrivateKey, passphrase: bytes, log2_n: int) -> bytes:
    """PEM ``ENCRYPTED PRIVATE KEY``: PKCS#8 under PBES2(scrypt, AES-256-CBC)."""
    plain = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
    salt, iv = secrets.token_bytes(16), secrets.token_bytes(16)
    kek = Scrypt(salt=salt, length=32, n=1 << log2_n, r=KDF_R, p=KDF_P).derive(passphrase)
    padder = padding.PKCS7(128).padder()
    enc = Cipher(algorithms.AES(kek), modes.CBC(iv)).encryptor()
    ciphertext = enc.update(padder.update(plain) + padder.finalize()) + enc.finalize()
    algorithm = _seq(_OID_PBES2, _seq(
        _seq(_OID_SCRYPT, _seq(_der(0x04, salt), _int(1 << log2_n), _int(KDF_R), _int(KDF_P), _int(32))),
        _seq(_OID_AES256_CBC, _der(0x04, iv)),
    ))
    der = _seq(algorithm, _der(0x04, ciphertext))
    body = b64encode(der)
    lines = b"\n".join(body[i:i + 64] for i in range(0, len(body), 64))
    return b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + lines + b"\n-----END ENCRYPTED PRIVATE KEY-----\n"


# --------------------------------------------------------------------------- create / load

def create_identity(name: str, role: str, passphrase: str, *, store: Path | None = None,
                    overwrite: bool = False, kdf_log2_n: int | None = None) -> Identity:
    """Create this person's key and certificate in the key store and return the identity.

    Refuses an existing identity unless ``overwrite``; an overwritten identity file is kept in
    ``keys/retired/`` (a lost key cannot be recovered, and the old certificate may still be
    needed to read what it signed). ``kdf_log2_n`` lowers the passphrase protection for tests
    only. Raises :class:`TrustError` for a weak passphrase or an existing identity,
    :class:`InputError` for a bad name or role.
    """
    name = _clean_label(name, "name", "姓名")
    role = _clean_label(role, "role", "角色")
    check_passphrase(passphrase)
    store = store if store is not None else key_store_dir()
    path = identity_path(store)
    if path.exists() and not overwrite:
        raise TrustError(_exists_message(path))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _build_certificate(key, name, role)
    data = (cert.public_bytes(serialization.Encoding.PEM)
            + _encrypt_private_key(key, _passphrase_bytes(passphrase), _kdf_cost(kdf_log2_n)))
    try:
        store.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        from ._files import environment_problem

        raise environment_problem(exc, store) from exc
    if path.exists():
        if not overwrite:  # created meanwhile by another process
            raise TrustError(_exists_message(path))
        _retire(path)
    with atomic_output(path, mode=0o600) as f:
        f.write(data)
    return Identity(name, role, cert, key)


def _exists_message(path: Path):
    try:
        cert = load_certificate(path.parent)
        who = f"{certificate_name(cert)}, {readable_fingerprint(cert)}"
    except Exception:  # a damaged file is still an existing identity
        who = str(path)
    return msg("An identity already exists here ({who}). Replacing it means the chair must register "
               "your new certificate; replace it only on purpose (overwrite)",
               "此处已有身份（{who}）。替换后组长必须重新登记您的新证书；请仅在确有需要时替换（覆盖）",
               who=who)


def _retire(path: Path) -> None:
    retired = path.parent / "retired"
    retired.mkdir(exist_ok=True, mode=0o700)
    stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    target = retired / f"identity-{stamp}-{secrets.token_hex(3)}.pem"
    shutil.copy2(path, target)
    if os.name == "posix":
        os.chmod(target, 0o600)


def _read_store(store: Path | None) -> tuple[Path, dict[bytes, bytes]]:
    path = identity_path(store)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TrustError(msg("No identity found in {dir}. Create one first: reviewdesk key new --name NAME",
                             "在 {dir} 中没有找到身份。请先创建：reviewdesk key new --name 姓名",
                             dir=path.parent)) from None
    except OSError as exc:
        raise TrustError(msg("Cannot read your identity file {path}: {error}",
                             "无法读取身份文件 {path}：{error}", path=path, error=exc.strerror or exc)) from exc
    blocks: dict[bytes, bytes] = {}
    for m in _PEM_BLOCK.finditer(data):
        blocks.setdefault(m.group(1), m.group(0))
    return path, blocks


def _damaged(path: Path, what: str = "") -> TrustError:
    return TrustError(msg("Your identity file {path} is damaged{what}; restore it from a backup or create a "
                          "new identity", "身份文件 {path} 已损坏{what}；请从备份恢复或创建新身份",
                          path=path, what=f" ({what})" if what else ""))


def load_certificate(store: Path | None = None) -> x509.Certificate:
    """This person's certificate, without the passphrase."""
    path, blocks = _read_store(store)
    pem = blocks.get(b"CERTIFICATE")
    if pem is None:
        raise _damaged(path, "no certificate")
    try:
        return x509.load_pem_x509_certificate(pem)
    except ValueError as exc:
        raise _damaged(path, "certificate") from exc


def load_identity(passphrase: str, store: Path | None = None) -> Identity:
    """This person's identity with the private key, unlocked with ``passphrase``.

    A wrong passphrase costs one scrypt derivation (about 0.3 s) and raises :class:`TrustError`.
    """
    path, blocks = _read_store(store)
    cert = load_certificate(store)
    pem = blocks.get(b"ENCRYPTED PRIVATE KEY")
    if pem is None:
        raise _damaged(path, "no encrypted private key")
    try:
        key = serialization.load_pem_private_key(pem, _passphrase_bytes(passphrase or ""))
    except (ValueError, TypeError):
        # PBES2-CBC has no integrity check of its own: a damaged key file also lands here.
        raise TrustError(msg("Wrong passphrase", "口令错误")) from None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise _damaged(path, "not an ECDSA P-256 key")
    if key.public_key() != cert.public_key():
        raise _damaged(path, "the key does not belong to the certificate")
    return Identity.from_certificate(cert, key)


def change_passphrase(old: str, new: str, store: Path | None = None, *,
                      kdf_log2_n: int | None = None) -> None:
    """Re-encrypt the private key under a new passphrase; the certificate stays the same."""
    identity = load_identity(old, store)
    check_passphrase(new)
    data = identity.cert_pem() + _encrypt_private_key(identity.signing_key(), _passphrase_bytes(new),
                                                      _kdf_cost(kdf_log2_n))
    with atomic_output(identity_path(store), mode=0o600) as f:
        f.write(data)


# --------------------------------------------------------------------------- fingerprints

def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the DER certificate, 64 lowercase hex digits (the form stored and compared)."""
    return cert.fingerprint(hashes.SHA256()).hex()


def fingerprint_der(cert_der: bytes) -> str:
    """:func:`fingerprint` of a certificate given as DER bytes, without parsing them."""
    return hashlib.sha256(cert_der).hexdigest()


READABLE_GROUPS = 6


def _readable(digest: bytes, groups: int) -> str:
    # Signal's "safety number" construction: each 5-byte chunk of the hash, as a number modulo
    # 100000, gives 5 decimal digits (~16.6 bits, bias below 1e-7). Six groups = 30 digits ≈ 100 bits
    # of the certificate hash: far beyond forging a certificate that reads the same.
    return " ".join(f"{int.from_bytes(digest[5 * i:5 * i + 5], 'big') % 100000:05d}" for i in range(groups))


def readable_fingerprint(cert: x509.Certificate) -> str:
    """The fingerprint as people read it aloud: 6 groups of 5 digits, ``"03381 52614 …"``.

    Digits, not hex or base32: panel members read them over the phone in Chinese, where each
    digit is one unambiguous syllable and nothing depends on pronouncing Latin letters (B/D/E,
    M/N); groups of five are how phone numbers are already read. Deterministic: derived from
    :func:`fingerprint`'s SHA-256 only.
    """
    return _readable(cert.fingerprint(hashes.SHA256()), READABLE_GROUPS)


def short_fingerprint(cert: x509.Certificate) -> str:
    """The first two groups of :func:`readable_fingerprint`, for table columns (not for trust)."""
    return _readable(cert.fingerprint(hashes.SHA256()), 2)


def matches_readable(cert: x509.Certificate, text: str) -> bool:
    """Whether ``text`` (typed by a person; spaces, dashes and full-width digits allowed) is the
    certificate's whole readable fingerprint."""
    digits = "".join(str(unicodedata.digit(ch)) for ch in text if unicodedata.digit(ch, None) is not None)
    return digits == readable_fingerprint(cert).replace(" ", "")


# --------------------------------------------------------------------------- foreign certificates

@contextlib.contextmanager
def strict_certificates():
    """Certificates parsed inside are refused (ValueError) where cryptography would only warn
    today and refuse in a later release, such as a serial number that is not positive (RFC 5280).
    No certificate ReviewDesk makes is like that."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", CryptographyDeprecationWarning)
        try:
            yield
        except CryptographyDeprecationWarning as w:
            raise ValueError(str(w)) from None


def cert_from_pem(data: bytes) -> x509.Certificate:
    """A certificate handed over by another person (PEM, or DER), checked to be a ReviewDesk one.

    Raises :class:`InputError` when the bytes are not a certificate, the key is not ECDSA
    P-256, or the certificate's own signature does not check out (a damaged file).
    """
    cert = None
    m = re.search(rb"-----BEGIN CERTIFICATE-----\r?\n.*?-----END CERTIFICATE-----", data or b"", re.S)
    try:
        with strict_certificates():
            if m:
                cert = x509.load_pem_x509_certificate(m.group(0))
            elif data[:1] == b"\x30":
                cert = x509.load_der_x509_certificate(data)
    except ValueError:
        cert = None
    if cert is None:
        raise InputError(msg("This is not a certificate file (expected the .pem file made by "
                             "'reviewdesk key export-cert')",
                             "这不是证书文件（应为 'reviewdesk key export-cert' 导出的 .pem 文件）"))
    public = cert.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey) or not isinstance(public.curve, ec.SECP256R1):
        raise InputError(msg("This certificate does not hold an ECDSA P-256 key; ReviewDesk cannot use it",
                             "此证书的密钥不是 ECDSA P-256，ReviewDesk 无法使用"))
    try:
        cert.verify_directly_issued_by(cert)
    except Exception:
        raise InputError(msg("This certificate is damaged or not self-signed (its signature does not check out)",
                             "此证书已损坏或不是自签名证书（证书签名校验失败）")) from None
    return cert
