"""The session file: creation, schema versions, the write lock, the audit entries."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
from helpers import app_row, build_session, make_policy

from reviewdesk.errors import SessionBusy, SessionError
from reviewdesk.session import Session, schema_version


def test_create_sets_wal_foreign_keys_version_and_copies_policy(tmp_path):
    pol = make_policy()
    s = Session.create(tmp_path / "a.rdesk", pol, 2021, "会话")
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == schema_version() >= 1
    assert s.policy.digest() == pol.digest() == s.policy_digest
    assert (s.name, s.year, s.kind) == ("会话", 2021, "chair")
    assert len(s.id) == 36
    assert not (tmp_path / "a.rdesk.creating").exists()


def test_create_refuses_existing_file_and_year_outside_period(tmp_path):
    pol = make_policy()
    Session.create(tmp_path / "a.rdesk", pol, 2020).close()
    with pytest.raises(SessionError):
        Session.create(tmp_path / "a.rdesk", pol, 2021)
    with pytest.raises(SessionError) as ei:
        Session.create(tmp_path / "b.rdesk", pol, 2023)
    assert "2023" in str(ei.value)
    assert not (tmp_path / "b.rdesk").exists()


def test_default_name_is_the_file_name(tmp_path):
    s = Session.create(tmp_path / "春季评审.rdesk", make_policy(), 2021)
    assert s.name == "春季评审"


def test_newer_schema_is_refused_clearly(tmp_path):
    Session.create(tmp_path / "a.rdesk", make_policy(), 2021).close()
    conn = sqlite3.connect(tmp_path / "a.rdesk")
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(SessionError) as ei:
        Session.open(tmp_path / "a.rdesk")
    assert "newer" in ei.value.message.en and "更新版本" in ei.value.message.zh


def test_not_a_session(tmp_path):
    (tmp_path / "x.rdesk").write_bytes(b"hello world, not sqlite")
    with pytest.raises(SessionError):
        Session.open(tmp_path / "x.rdesk")
    other = sqlite3.connect(tmp_path / "y.rdesk")
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    with pytest.raises(SessionError):
        Session.open(tmp_path / "y.rdesk")
    with pytest.raises(SessionError):
        Session.open(tmp_path / "missing.rdesk")


def test_truncated_file_is_refused_clearly(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P01", 1, actual_investment=1)])
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = s.path
    s.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(SessionError):
        s2 = Session.open(path)
        s2.conn.execute("SELECT count(*) FROM applications").fetchall()


def test_second_writer_waits_then_is_refused(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P01", 1, actual_investment=1)])
    holder = textwrap.dedent(f"""
        import sys, time
        from reviewdesk.session import Session
        s = Session.open({str(s.path)!r})
        with s.lock():
            print("locked", flush=True)
            time.sleep(8)
    """)
    p = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline().strip() == "locked"
        before = s.count("audit")
        t0 = time.monotonic()
        with pytest.raises(SessionBusy) as ei:
            with s.change("test.write", {}):
                s.conn.execute("DELETE FROM applications")
        waited = time.monotonic() - t0
        assert 2.0 <= waited < 7.0
        assert "another" in ei.value.message.en
        assert s.count("audit") == before and s.count("applications") == 1
    finally:
        p.kill()
        p.wait()
    # once the other writer is gone the change goes through
    with s.change("test.write", {"n": 1}):
        s.conn.execute("DELETE FROM applications")
    assert s.count("applications") == 0


def test_failed_change_rolls_back_with_its_audit_entry(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P01", 1, actual_investment=1)])
    before = s.count("audit")
    with pytest.raises(RuntimeError):
        with s.change("test.fail", {}):
            s.conn.execute("DELETE FROM applications")
            raise RuntimeError("boom")
    assert s.count("applications") == 1 and s.count("audit") == before


def test_audit_chain_links_every_entry(tmp_path):
    from reviewdesk.session import GENESIS, audit_hash

    s = build_session(tmp_path, [app_row("A1", "P01", 1, actual_investment=1)], {"A1": [80, 80, 80]})
    prev = GENESIS
    for seq, at, actor, action, detail, p, h in s.conn.execute(
            "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit ORDER BY seq"):
        assert p == prev
        assert h == audit_hash(prev, seq, at, actor, action, detail)
        prev = h
    assert s.audit_head() == prev


def test_readonly_open_refuses_changes(tmp_path):
    s = build_session(tmp_path, [app_row("A1", "P01", 1, actual_investment=1)])
    s.close()
    r = Session.open(s.path, readonly=True)
    with pytest.raises(SessionError):
        with r.change("x", {}):
            pass
