"""Fixtures for the trust tests: a private key store per test, with a cheap KDF.

The default scrypt cost (about 0.3 s per key) is what people get; tests lower it so that a
dozen identities cost milliseconds. ``test_identity.py`` checks the default separately.
"""

from __future__ import annotations

import pytest

from reviewdesk.trust import identity as identity_mod

PASSPHRASE = "correct horse battery"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """``$REVIEWDESK_HOME`` pointing into ``tmp_path``, and a fast KDF for new keys."""
    monkeypatch.setenv("REVIEWDESK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv(identity_mod.TEST_KDF_ENV, raising=False)
    monkeypatch.setattr(identity_mod, "KDF_LOG2_N", 10)
    return tmp_path / "home"


@pytest.fixture
def make_identity(tmp_path_factory, monkeypatch):
    """Create identities in separate stores (outside ``tmp_path``): ``make_identity("王五", "expert")``."""
    monkeypatch.setattr(identity_mod, "KDF_LOG2_N", 10)
    stores = tmp_path_factory.mktemp("stores")
    count = 0

    def make(name: str = "张三", role: str = "expert"):
        nonlocal count
        count += 1
        return identity_mod.create_identity(name, role, PASSPHRASE, store=stores / f"store{count}")

    return make


@pytest.fixture
def chair(make_identity):
    return make_identity("李主任", "chair")


@pytest.fixture
def expert(make_identity):
    return make_identity("王专家", "expert")
