"""Trust: who signed what. Identities (key + certificate), signed files, signed PDFs.

- :mod:`.identity`: a person's ECDSA P-256 key and self-signed certificate in their key store,
  the passphrase that protects the key, and fingerprints people can read aloud.
- :mod:`.envelope`: signed files (session packs, score packages, manifests) whose signature is
  checked before a byte of the content is parsed.
- :mod:`.pdfsign`: the chair's PAdES signature on the shortlist PDF (pyHanko, imported lazily).

Nothing here knows about sessions or SQLite; the session and the CLI build on these.
"""

from .envelope import (
    MANIFEST,
    SCORE_PACKAGE,
    SESSION_PACK,
    Opened,
    SealedInfo,
    inspect_sealed,
    inspect_sealed_file,
    open_sealed,
    open_sealed_file,
    peek_kind,
    seal,
    seal_file,
)
from .identity import (
    Identity,
    cert_from_pem,
    certificate_name,
    certificate_role,
    change_passphrase,
    create_identity,
    fingerprint,
    identity_exists,
    key_store_dir,
    load_certificate,
    load_identity,
    matches_readable,
    readable_fingerprint,
    short_fingerprint,
)
from .pdfsign import PdfVerdict, sign_pdf, verify_pdf

__all__ = [
    "MANIFEST",
    "SCORE_PACKAGE",
    "SESSION_PACK",
    "Opened",
    "PdfVerdict",
    "SealedInfo",
    "inspect_sealed",
    "inspect_sealed_file",
    "open_sealed",
    "open_sealed_file",
    "peek_kind",
    "seal",
    "seal_file",
    "sign_pdf",
    "verify_pdf",
    "Identity",
    "cert_from_pem",
    "certificate_name",
    "certificate_role",
    "change_passphrase",
    "create_identity",
    "fingerprint",
    "identity_exists",
    "key_store_dir",
    "load_certificate",
    "load_identity",
    "matches_readable",
    "readable_fingerprint",
    "short_fingerprint",
]
