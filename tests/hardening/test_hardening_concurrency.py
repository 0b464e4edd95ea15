"""Two processes writing one session: the second waits ``LOCK_TIMEOUT`` seconds, then is refused with a
plain message (exit 2 from the command line); nothing accepted is lost, nothing refused is half there.
Many interleaved writers: every success recorded exactly once, the audit chain intact.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hardening_helpers import (
    REPO,
    app_id,
    cases,
    env,
    facts,
    fingerprint,
    make_session,
    no_traceback,
    run_cli,
    spawn_python,
)

from reviewdesk.session import LOCK_TIMEOUT

HOLD_LOCK = """
import sys, time
from reviewdesk.session import Session
s = Session.open(sys.argv[1])
with s.lock():
    print("LOCKED", flush=True)
    time.sleep(float(sys.argv[2]))
"""

# A writer that is not ReviewDesk (a DB browser, a script): an open write transaction, no lock file.
HOLD_SQLITE = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute("UPDATE meta SET value = value WHERE key = 'name'")
print("LOCKED", flush=True)
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")
"""

WRITER = """
import sys
import reviewdesk.session as session_mod
from reviewdesk.decisions import decide
from reviewdesk.errors import SessionBusy
if sys.argv[4] != "default":
    session_mod.LOCK_TIMEOUT = float(sys.argv[4])
s = session_mod.Session.open(sys.argv[1])
k, n = int(sys.argv[2]), int(sys.argv[3])
print("READY", flush=True)
sys.stdin.readline()  # all writers start together
for i in range(n):
    aid = "A-%05d" % (k * n + i + 1)
    reason = "writer %d decision %d" % (k, i)
    try:
        decide(s, aid, "award" if i % 2 else "exclude", reason)
        print("OK", aid, i, flush=True)
    except SessionBusy:
        print("BUSY", aid, i, flush=True)
"""


@pytest.fixture
def session_file(tmp_path) -> Path:
    make_session(tmp_path / "s.rdesk", apps=400, experts=3).close()
    return tmp_path / "s.rdesk"


@pytest.mark.parametrize("holder", [HOLD_LOCK, HOLD_SQLITE], ids=["reviewdesk", "foreign-sqlite"])
def test_second_writer_waits_then_is_refused(session_file, holder):
    before = fingerprint(session_file)
    h = spawn_python(holder, session_file, 30)
    try:
        assert h.stdout.readline().strip() == "LOCKED"
        t0 = time.monotonic()
        p = run_cli("decide", session_file, app_id(1), "--award", "--reason", "第二个写入者", REVIEWDESK_LANG="en")
        waited = time.monotonic() - t0
        zh = run_cli("decide", session_file, app_id(2), "--award", "--reason", "理由", REVIEWDESK_LANG="zh")
    finally:
        h.kill()
        h.wait()
    no_traceback(p)
    assert p.returncode == 2
    assert "another" in p.stderr and "try again" in p.stderr  # a plain message, in the user's language
    assert zh.returncode == 2 and "稍后再试" in zh.stderr
    assert waited >= LOCK_TIMEOUT * 0.9, waited
    assert fingerprint(session_file) == before  # nothing of the refused change is there
    # Once the first writer is gone, the same command goes through.
    ok = run_cli("decide", session_file, app_id(1), "--award", "--reason", "第二个写入者")
    assert ok.returncode == 0, ok.stderr
    assert facts(session_file)["decisions"] == 1


def test_a_reader_is_never_refused_while_a_writer_holds_the_lock(session_file):
    h = spawn_python(HOLD_LOCK, session_file, 30)
    try:
        assert h.stdout.readline().strip() == "LOCKED"
        p = run_cli("rank", session_file, "--json")
        v = run_cli("verify", session_file)
    finally:
        h.kill()
        h.wait()
    assert p.returncode == 0, p.stderr
    assert v.returncode == 0, v.stderr


def _spawn_writer(session_file: Path, k: int, each: int, timeout: str):
    return subprocess.Popen([sys.executable, "-u", "-c", textwrap.dedent(WRITER), str(session_file), str(k),
                             str(each), timeout], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env(), cwd=REPO)


@pytest.mark.parametrize("timeout", ["default", "0.02"])
def test_interleaved_writers_every_success_recorded_once(session_file, timeout):
    """4 processes × 50 decisions at once. With the default wait all of them go through; with a wait
    of 20 ms some are refused (SessionBusy): each success is in the decisions and the audit exactly
    once, each refusal nowhere, and the audit chain verifies."""
    writers, each = 4, cases(50, 100)
    base = facts(session_file)
    procs = [_spawn_writer(session_file, k, each, timeout) for k in range(writers)]
    for p in procs:
        assert p.stdout.readline().strip() == "READY"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    lines = []
    for p in procs:
        p.stdin.close()
        out, err = p.stdout.read(), p.stderr.read()  # through the text streams: READY was read from them
        p.wait(timeout=600)
        assert p.returncode == 0 and "Traceback" not in err, err[-2000:]
        lines.extend(line.split() for line in out.splitlines())
    ok = {aid for status, aid, _ in lines if status == "OK"}
    busy = {aid for status, aid, _ in lines if status == "BUSY"}
    assert len(ok) + len(busy) == writers * each
    if timeout == "default":
        assert not busy
    conn = sqlite3.connect(f"file:{session_file}?mode=ro", uri=True)
    try:
        decided = {r[0] for r in conn.execute("SELECT application_id FROM decisions")}
        audited = [r[0] for r in conn.execute(
            "SELECT json_extract(detail, '$.application_id') FROM audit WHERE action LIKE 'decision.%'")]
    finally:
        conn.close()
    assert decided == ok
    assert sorted(audited) == sorted(ok)  # exactly once each, refused ones never
    assert facts(session_file)["audit"] == base["audit"] + len(ok)
    v = run_cli("verify", session_file)
    assert v.returncode == 0, v.stdout + v.stderr
    print(f"{writers} writers × {each}: {len(ok)} accepted, {len(busy)} refused (wait {timeout})")
