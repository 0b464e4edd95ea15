"""Fixtures for the chair's console tests (helpers are in ``chair_helpers``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from chair_helpers import PASS, demo_tables

from reviewdesk.demo import build_demo
from reviewdesk.trust import identity as identity_mod


@pytest.fixture
def tables(tmp_path) -> dict[str, Path]:
    return demo_tables(tmp_path / "bureau")


@pytest.fixture
def keys(tmp_path, monkeypatch):
    """The chair's identity in the key store the console uses; two experts in their own stores."""
    monkeypatch.setenv("REVIEWDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv(identity_mod.TEST_KDF_ENV, "10")
    monkeypatch.setattr(identity_mod, "KDF_LOG2_N", 10)
    people = {"chair": identity_mod.create_identity("李主任", "chair", PASS, kdf_log2_n=10)}
    for who in ("E01", "E02"):
        store = tmp_path / f"store-{who}"
        people[who] = identity_mod.create_identity(f"专家{who}", "expert", "expert pass", store=store, kdf_log2_n=10)
        cert = tmp_path / f"{who}.pem"
        cert.write_bytes(people[who].cert_pem())
        people[who + "_cert"] = cert
    return people


@pytest.fixture
def demo_session(tmp_path) -> Path:
    return build_demo(tmp_path / "demo.rdesk")
