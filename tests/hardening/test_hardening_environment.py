"""The environment's failures: a full disk (SQLite's and an export's), a read-only location, a damaged,
truncated or newer session file. Each is a plain message (exit 2 from the command line, never a
traceback) and leaves nothing half-written.

Faults are injected two ways: in-process (``PRAGMA max_page_count``, a monkeypatched write that
fails with ENOSPC or EACCES) so they run everywhere, and for real where the machine allows it (a
tiny tmpfs, a read-only bind mount; skipped with the reason otherwise).
"""

from __future__ import annotations

import errno
import os
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening_helpers import (
    app_id,
    cases,
    expert_id,
    facts,
    fingerprint,
    make_identity,
    make_session,
    no_traceback,
    read_only,
    run_cli,
    small_disk,
    write_csv,
    write_scores_csv,
)

from reviewdesk.errors import EnvironmentProblem
from reviewdesk.session import Session, schema_version


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ----------------------------------------------------------------------------- SQLite: disk full
def test_sqlite_disk_full_refuses_the_import_and_writes_nothing(tmp_path):
    from reviewdesk.imports import import_scores

    s = make_session(tmp_path / "s.rdesk", apps=300, experts=5)
    scores = write_scores_csv(tmp_path / "scores.csv", 300, 5)
    before = fingerprint(s.path)
    pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
    s.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the database cannot grow: the disk is full
    with pytest.raises(EnvironmentProblem) as ei:
        import_scores(s, scores)
    assert "disk is full" in ei.value.message.en and "磁盘已满" in ei.value.message.zh
    assert fingerprint(s.path) == before
    assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Space freed: the same import goes through on the same open session.
    s.conn.execute("PRAGMA max_page_count = 1073741823")
    import_scores(s, scores)
    assert s.count("scores") == 300 * 5 * 5
    s.close()


def test_sqlite_disk_full_during_merge_reports_what_is_there(tmp_path, monkeypatch):
    from reviewdesk.exchange import export_scores, merge_packages, pack, roster_add, unpack
    from reviewdesk.imports import import_scores

    monkeypatch.setenv("REVIEWDESK_HOME", str(tmp_path / "home"))
    s = make_session(tmp_path / "s.rdesk", apps=200, experts=2)
    chair = make_identity(tmp_path / "chair", "组长", "chair")
    people = {expert_id(e): make_identity(tmp_path / f"e{e}", f"专家{e}", "expert") for e in (1, 2)}
    for eid, ident in people.items():
        roster_add(s, eid, ident.cert_pem())
    p = pack(s, tmp_path / "s.rdpack", chair)
    packages = []
    for eid, ident in people.items():
        u = unpack(p, tmp_path / f"{eid}.rdwork", ident.certificate)
        with Session.open(u.path) as w:
            import_scores(w, write_csv(tmp_path / f"{eid}.csv", ["expert_id", "application_id", "criterion",
                                                                 "score"], [[eid, *r] for r in write_csv_rows(200)]))
            packages.append(export_scores(w, tmp_path / f"{eid}.rdscores", ident)["path"])
    before = fingerprint(s.path)
    pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
    # From no room at all to room for the first package only: whatever the merge reports is what the
    # session holds afterwards (a package reported merged is there; the rest is not).
    for extra in (1, 20, 40, 60, 80, 120, 160, 200):
        s.conn.execute(f"PRAGMA max_page_count = {pages + extra}")
        try:
            outcomes = merge_packages(s, packages)
        except EnvironmentProblem as e:
            assert "disk is full" in e.message.en
            assert fingerprint(s.path) == before
            continue
        merged = [o.expert_id for o in outcomes if o.status == "merged"]
        assert all("disk is full" in o.message for o in outcomes if o.status == "refused")
        assert sorted(r[0] for r in s.conn.execute("SELECT expert_id FROM packages")) == sorted(merged)
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if merged:
            break
    s.close()


def write_csv_rows(apps: int) -> list[list]:
    from hardening_helpers import criteria

    return [[app_id(i), cid, mx / 2] for i in range(1, apps + 1) for cid, mx in criteria()]


def test_real_full_disk_under_the_session(tmp_path):
    """The session on a filesystem with a few hundred KiB left: the import's write runs out of space
    for real (ENOSPC under SQLite's WAL), the command exits 2, the session is as it was."""
    base = tmp_path / "base.rdesk"
    make_session(base, apps=300, experts=5).close()
    scores = write_scores_csv(tmp_path / "scores.csv", 300, 5)
    size_kb = base.stat().st_size // 1024 + 200
    with small_disk(tmp_path / "disk", size_kb) as disk:
        s = disk / "s.rdesk"
        s.write_bytes(base.read_bytes())
        before = fingerprint(s)
        p = run_cli("import", "scores", s, scores)
        no_traceback(p)
        assert p.returncode == 2
        assert "disk is full" in p.stderr
        assert fingerprint(s) == before
        assert facts(s)["integrity"] == "ok"
        v = run_cli("verify", s)
        assert v.returncode == 0, v.stdout + v.stderr


# ----------------------------------------------------------------------------- exports: disk full
class _FullDisk:
    """A file object that takes ``room`` bytes, then fails like a full disk."""

    def __init__(self, f, room: int):
        self._f, self._room = f, room

    def write(self, data) -> int:
        if len(data) > self._room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(data)
        return self._f.write(data)

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()


@pytest.fixture
def exchange(tmp_path, monkeypatch):
    """A chair's session, a pack, an expert's work copy with scores: (session, work, chair, expert)."""
    from reviewdesk.exchange import pack, roster_add, unpack
    from reviewdesk.imports import import_scores

    monkeypatch.setenv("REVIEWDESK_HOME", str(tmp_path / "home"))
    s = make_session(tmp_path / "s.rdesk", apps=50, experts=1)
    chair = make_identity(tmp_path / "chair", "组长", "chair")
    expert = make_identity(tmp_path / "e1", "专家", "expert")
    roster_add(s, "E01", expert.cert_pem())
    u = unpack(pack(s, tmp_path / "s.rdpack", chair), tmp_path / "w.rdwork", expert.certificate)
    w = Session.open(u.path)
    import_scores(w, write_csv(tmp_path / "w.csv", ["expert_id", "application_id", "criterion", "score"],
                               [["E01", *r] for r in write_csv_rows(50)]))
    yield s, w, chair, expert
    s.close()
    w.close()


@pytest.mark.parametrize("room", [0, 100, 5000])
def test_export_write_fails_with_enospc_nothing_half_written(tmp_path, exchange, monkeypatch, room):
    from reviewdesk.exchange import export_scores, pack
    from reviewdesk.trust import _files

    s, w, chair, expert = exchange
    out = tmp_path / "usb"
    out.mkdir()
    real_fdopen = _files.os.fdopen
    monkeypatch.setattr(_files.os, "fdopen", lambda fd, *a, **k: _FullDisk(real_fdopen(fd, *a, **k), room))
    work_before, session_before = fingerprint(w.path), fingerprint(s.path)
    with pytest.raises(EnvironmentProblem) as ei:
        export_scores(w, out / "e1.rdscores", expert)
    assert "disk is full" in ei.value.message.en
    with pytest.raises(EnvironmentProblem):
        pack(s, out / "s2.rdpack", chair)
    assert visible(out) == []  # no file, no temporary file
    assert fingerprint(w.path) == work_before  # the export's sequence number was not used up
    assert fingerprint(s.path) == session_before  # no "session.pack" entry for a pack never written
    monkeypatch.undo()
    assert export_scores(w, out / "e1.rdscores", expert)["sequence"] == 1


def test_export_into_a_folder_that_refuses_writes(tmp_path, exchange, monkeypatch):
    from reviewdesk.exchange import export_scores
    from reviewdesk.trust import _files

    s, w, chair, expert = exchange
    out = tmp_path / "locked"
    out.mkdir()
    real_open = _files.os.open

    def refusing(path, *a, **k):
        if Path(path).parent == out:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(_files.os, "open", refusing)
    before = fingerprint(w.path)
    with pytest.raises(EnvironmentProblem) as ei:
        export_scores(w, out / "e1.rdscores", expert)
    assert "Permission denied" in ei.value.message.en
    assert visible(out) == [] and fingerprint(w.path) == before


def test_real_full_disk_under_exports_and_finalize(tmp_path):
    home = tmp_path / "chair"
    make_identity(home, "组长", "chair")
    from reviewdesk.imports import import_scores

    s = make_session(tmp_path / "s.rdesk", apps=300, experts=5)
    import_scores(s, write_scores_csv(tmp_path / "scores.csv", 300, 5))
    s.close()
    before = fingerprint(tmp_path / "s.rdesk")
    with small_disk(tmp_path / "usb", 48) as usb:
        p = run_cli("finalize", tmp_path / "s.rdesk", "--out", usb / "final", home=home)
        no_traceback(p)
        assert p.returncode == 2 and "disk is full" in p.stderr, p.stderr
        assert visible(usb / "final") == []  # not one output, no temporary folder
        assert fingerprint(tmp_path / "s.rdesk") == before  # not finalized
        ok = run_cli("finalize", tmp_path / "s.rdesk", "--out", tmp_path / "final", home=home)
        assert ok.returncode == 0, ok.stderr


# ----------------------------------------------------------------------------- read-only locations
def test_read_only_folder(tmp_path):
    home = tmp_path / "chair"
    make_identity(home, "组长", "chair")
    folder = tmp_path / "ro"
    folder.mkdir()
    make_session(folder / "s.rdesk", apps=20, experts=3).close()
    out = tmp_path / "out-ro"
    out.mkdir()
    before, listing = fingerprint(folder / "s.rdesk"), sorted(os.listdir(folder))
    with read_only(folder), read_only(out):
        d = run_cli("decide", folder / "s.rdesk", app_id(1), "--award", "--reason", "x")
        no_traceback(d)
        assert d.returncode == 2 and "read-only" in d.stderr
        r = run_cli("rank", folder / "s.rdesk", "--json")  # reading still works there
        assert r.returncode == 0, r.stderr
        v = run_cli("verify", folder / "s.rdesk")
        assert v.returncode == 0, v.stderr
        f = run_cli("finalize", tmp_path / "s2.rdesk", "--out", out, home=home)  # a missing session
        assert f.returncode == 2
        make_session(tmp_path / "s2.rdesk", apps=5, experts=3).close()
        f = run_cli("finalize", tmp_path / "s2.rdesk", "--out", out, home=home)
        no_traceback(f)
        assert f.returncode == 2 and ("read-only" in f.stderr or "ermission" in f.stderr), f.stderr
        assert "finalized_at" not in facts(tmp_path / "s2.rdesk")["meta"]
        assert sorted(os.listdir(folder)) == listing  # no -wal, -shm or lock file made there
    assert fingerprint(folder / "s.rdesk") == before
    assert visible(out) == []


# ----------------------------------------------------------------------------- damaged session files
def _damaged_variants(base: bytes, n: int) -> list[tuple[str, bytes]]:
    rng = random.Random(5)
    size, page = len(base), 4096
    out = [("empty", b""), ("header only", base[:100]), ("first page", base[:page]), ("half", base[:size // 2]),
           ("short by a page", base[:-page]), ("not sqlite", b"PK\x03\x04" + bytes(2000)),
           ("header garbage", base[:16] + bytes(rng.randrange(256) for _ in range(84)) + base[100:])]
    for k in range(n):
        b = bytearray(base)
        pg = rng.randrange(1, size // page)
        if k % 2:
            b[pg * page:(pg + 1) * page] = bytes(page)  # a zeroed page
        else:
            for _ in range(rng.randrange(1, 60)):
                b[rng.randrange(pg * page, min(size, (pg + 1) * page))] = rng.randrange(256)
        out.append((f"page {pg} {'zeroed' if k % 2 else 'scribbled'}", bytes(b)))
    return out


@pytest.fixture(scope="module")
def base_session(tmp_path_factory):
    from reviewdesk.decisions import decide
    from reviewdesk.imports import import_scores

    d = tmp_path_factory.mktemp("damaged")
    s = make_session(d / "base.rdesk", apps=120, experts=5)
    import_scores(s, write_scores_csv(d / "scores.csv", 120, 5))
    decide(s, app_id(3), "award", "理由")
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    return (d / "base.rdesk").read_bytes()


def test_damaged_session_files_give_a_message_never_a_traceback(tmp_path, base_session, monkeypatch):
    from reviewdesk.cli import main

    monkeypatch.setenv("REVIEWDESK_LANG", "en")
    runner = CliRunner()
    commands = [["rank", "{s}", "--json"], ["verify", "{s}"], ["decide", "{s}", app_id(1), "--exclude", "--reason", "r"],
                ["import", "experts", "{s}", str(write_csv(tmp_path / "x.csv", ["expert_id", "name"],
                                                           [["E99", "新专家"]]))]]
    results: dict[int, int] = {}
    variants = _damaged_variants(base_session, cases(24, 200))
    for i, (what, data) in enumerate(variants):
        f = tmp_path / f"d{i}.rdesk"
        for cmd in commands:
            f.write_bytes(data)
            for suffix in ("-wal", "-shm"):
                Path(str(f) + suffix).unlink(missing_ok=True)
            args = [a.replace("{s}", str(f)) for a in cmd]
            r = runner.invoke(main, args)
            assert r.exit_code in (0, 2, 3), (what, args, r.output[-2000:], r.exception)
            assert "Traceback" not in r.output and "unexpected error" not in r.output, (what, args, r.output[-3000:])
            results[r.exit_code] = results.get(r.exit_code, 0) + 1
            if what in ("empty", "header only", "first page", "half", "not sqlite"):
                assert r.exit_code == 2, (what, args, r.output)
    print(f"damaged sessions: {len(variants)} variants × {len(commands)} commands, exit codes {results}")


def test_newer_schema_refused_with_the_reason(tmp_path):
    make_session(tmp_path / "s.rdesk", apps=3, experts=3).close()
    conn = sqlite3.connect(tmp_path / "s.rdesk")
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    before = (tmp_path / "s.rdesk").read_bytes()
    for args in (["rank", tmp_path / "s.rdesk"], ["decide", tmp_path / "s.rdesk", app_id(1), "--award", "--reason",
                                                   "x"], ["verify", tmp_path / "s.rdesk"]):
        p = run_cli(*args, REVIEWDESK_LANG="en")
        no_traceback(p)
        assert p.returncode == 2 and "newer ReviewDesk" in p.stderr, p.stderr
    assert (tmp_path / "s.rdesk").read_bytes() == before


def test_a_sqlite_file_that_is_not_a_session(tmp_path):
    conn = sqlite3.connect(tmp_path / "other.rdesk")
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    for args in (["rank", tmp_path / "other.rdesk"], ["decide", tmp_path / "other.rdesk", "A", "--award", "--reason",
                                                       "x"], ["verify", tmp_path / "other.rdesk"]):
        p = run_cli(*args, REVIEWDESK_LANG="en")
        no_traceback(p)
        assert p.returncode == 2 and "not a ReviewDesk session" in p.stderr, p.stderr
