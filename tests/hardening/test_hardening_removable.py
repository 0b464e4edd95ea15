"""Sessions on removable media (DESIGN.md): copied to local disk, worked on there, written back with
SQLite's backup API, never edited in place. ``is_removable`` is forced (``REVIEWDESK_ASSUME_REMOVABLE``)
so a folder of the test plays the USB stick; the detection itself is tested on fake system files.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from hardening_helpers import (
    app_id,
    cases,
    facts,
    fingerprint,
    make_session,
    no_traceback,
    run_cli,
    spawn_cli,
    spawn_python,
    write_scores_csv,
)

from reviewdesk import removable
from reviewdesk.decisions import decide
from reviewdesk.errors import SessionBusy
from reviewdesk.session import Session


@pytest.fixture
def stick(tmp_path, monkeypatch):
    """A folder that plays a USB stick holding a session; local copies go below ``tmp_path/home``."""
    monkeypatch.setenv("REVIEWDESK_HOME", str(tmp_path / "home"))
    folder = tmp_path / "stick"
    folder.mkdir()
    make_session(folder / "s.rdesk", apps=300, experts=5).close()
    for f in folder.glob("*.csv"):
        f.unlink()
    monkeypatch.setenv(removable.ASSUME_ENV, "1")
    return folder / "s.rdesk"


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


# ----------------------------------------------------------------------------- detection
def test_linux_detection_reads_proc_mounts_and_sys_block(tmp_path, monkeypatch):
    monkeypatch.delenv(removable.ASSUME_ENV, raising=False)
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/vda1 / ext4 rw 0 0\n"
                      "/dev/sdb1 /mnt/my\\040stick vfat rw 0 0\n"
                      "/dev/sdc1 /mnt/disk2 ext4 rw 0 0\n"
                      "/dev/sdd1 /media/user/KINGSTON vfat rw 0 0\n"
                      "tmpfs /tmp tmpfs rw 0 0\n")
    block = tmp_path / "sys" / "class" / "block"
    devices = tmp_path / "sys" / "devices"
    for disk, flag in (("vda", "0"), ("sdb", "1"), ("sdc", "0")):
        (devices / disk / f"{disk}1").mkdir(parents=True)
        (devices / disk / "removable").write_text(flag + "\n")
        block.mkdir(parents=True, exist_ok=True)
        (block / f"{disk}1").symlink_to(devices / disk / f"{disk}1")
    detect = removable._linux_removable
    assert detect(Path("/mnt/my stick/评审/s.rdesk"), mounts, block) is True  # partition of a removable disk
    assert detect(Path("/mnt/disk2/s.rdesk"), mounts, block) is False  # a second fixed disk
    assert detect(Path("/home/chair/s.rdesk"), mounts, block) is False
    assert detect(Path("/media/user/KINGSTON/s.rdesk"), mounts, block) is True  # where desktops mount sticks
    assert detect(Path("/tmp/s.rdesk"), mounts, block) is False
    assert removable.mount_of(Path("/mnt/my stick"), mounts.read_text()) == ("/dev/sdb1", "/mnt/my stick")
    assert removable.mount_of(Path("/mnt/my sticky/x"), mounts.read_text()) == ("/dev/vda1", "/")


def test_detection_on_this_machine_and_the_override(tmp_path, monkeypatch):
    monkeypatch.delenv(removable.ASSUME_ENV, raising=False)
    assert removable.is_removable(tmp_path) is False  # a test's temporary folder is not a USB stick
    assert removable.is_removable(tmp_path / "does" / "not" / "exist") is False
    monkeypatch.setenv(removable.ASSUME_ENV, "1")
    assert removable.is_removable(tmp_path) is True


# ----------------------------------------------------------------------------- working on a local copy
def test_never_edited_in_place_and_written_back_on_close(stick):
    before, listing = fingerprint(stick), beside(stick)
    s = Session.open(stick)
    try:
        assert s.path == stick and s.file != stick and stick.parent not in s.file.parents
        decide(s, app_id(1), "award", "优秀")
        decide(s, app_id(2), "exclude", "不符合条件")
        assert fingerprint(stick) == before  # nothing written to the stick yet
        # No -wal or -shm beside the original; only the lock file that keeps other processes out.
        assert set(beside(stick)) - set(listing) <= {"s.rdesk.lock"}
        local = s.file
    finally:
        s.close()
    f = facts(stick)
    assert f["integrity"] == "ok" and f["decisions"] == 2 and f["actions"][-2:] == ["decision.award",
                                                                                     "decision.exclude"]
    assert not Path(str(stick) + "-wal").exists() or Path(str(stick) + "-wal").stat().st_size == 0
    assert not local.exists()  # the local copy is gone once written back
    v = run_cli("verify", stick)
    assert v.returncode == 0, v.stdout + v.stderr


def test_reading_leaves_the_original_bytes_alone(stick):
    before = stick.read_bytes()
    with Session.open(stick, readonly=True) as s:
        assert s.count("applications") == 300
    with Session.open(stick) as s:  # opened for writing, nothing changed: nothing written back
        assert s.count("decisions") == 0
    assert stick.read_bytes() == before


def test_a_reader_in_the_same_process_sees_the_unsaved_changes(stick):
    with Session.open(stick) as w:
        decide(w, app_id(1), "award", "优秀")
        with Session.open(stick, readonly=True) as r:  # a background worker of the app
            assert r.decisions() == {app_id(1): ("award", "优秀")}
        assert facts(stick)["decisions"] == 0
    assert facts(stick)["decisions"] == 1


def test_the_command_line_uses_the_local_copy_too(stick):
    p = run_cli("decide", stick, app_id(5), "--award", "--reason", "命令行", REVIEWDESK_HOME=str(stick.parent.parent
                                                                                                / "home"))
    assert p.returncode == 0, p.stderr
    assert beside(stick) == ["s.rdesk", "s.rdesk.lock"]  # written back whole: no -wal, no -shm left
    assert facts(stick)["decisions"] == 1


def test_a_second_process_is_refused_while_the_copy_is_in_use(stick):
    s = Session.open(stick)
    try:
        t0 = time.monotonic()
        p = run_cli("decide", stick, app_id(5), "--award", "--reason", "第二个进程", REVIEWDESK_LANG="en")
        assert time.monotonic() - t0 >= 2.5
    finally:
        s.close()
    no_traceback(p)
    assert p.returncode == 2 and "open in another" in p.stderr
    assert facts(stick)["decisions"] == 0


def test_in_process_second_copy_shares_not_fights(stick):
    a = Session.open(stick)
    b = Session.open(stick)  # the same process (the app and its worker): one local copy
    try:
        assert a.file == b.file
        decide(b, app_id(7), "award", "x")
        assert a.decisions()[app_id(7)][0] == "award"
    finally:
        a.close()
        assert facts(stick)["decisions"] == 0  # b still uses the copy
        b.close()
    assert facts(stick)["decisions"] == 1


# ----------------------------------------------------------------------------- crashes
DECIDER = """
import sys
from reviewdesk.decisions import decide
from reviewdesk.session import Session
s = Session.open(sys.argv[1])
for i in range(1, 1000):
    decide(s, "A-%05d" % i, "award", "reason %d" % i)
    print("OK", i, flush=True)
"""


def test_killed_before_writing_back_the_work_is_recovered_on_the_next_open(stick):
    before = fingerprint(stick)
    proc = spawn_python(DECIDER, stick, REVIEWDESK_HOME=os.environ["REVIEWDESK_HOME"])
    done = 0
    while done < 40:
        line = proc.stdout.readline()
        assert line.startswith("OK"), proc.stderr.read()
        done = int(line.split()[1])
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert fingerprint(stick) == before  # the stick never saw a half-written session
    assert facts(stick)["integrity"] == "ok"
    with Session.open(stick) as s:
        assert s.local_copy.recovered
        got = s.decisions()
    assert all(app_id(i) in got for i in range(1, done + 1))  # every decision reported is there
    assert facts(stick)["decisions"] == len(got)
    v = run_cli("verify", stick)
    assert v.returncode == 0, v.stdout + v.stderr


def test_a_leftover_copy_of_an_older_state_is_kept_aside_not_written_back(stick):
    with Session.open(stick) as s:
        local = s.file
        decide(s, app_id(1), "award", "a")
    # A leftover local copy (a crash) while the original went on without it (another laptop).
    local.parent.mkdir(parents=True, exist_ok=True)
    a, b = sqlite3.connect(stick), sqlite3.connect(local)
    a.backup(b)
    a.close()
    b.close()
    with Session.open(stick, local_copy=False) as other:
        decide(other, app_id(2), "award", "b")
    with Session.open(stick) as s:
        assert not s.local_copy.recovered and s.local_copy.kept_aside is not None
        aside = s.local_copy.kept_aside
        decide(s, app_id(3), "award", "c")
    assert facts(stick)["decisions"] == 3
    with Session.open(aside, local_copy=False, readonly=True) as kept:
        assert kept.count("decisions") == 1


WRITER = """
import sys
from reviewdesk.imports import import_scores
from reviewdesk.session import Session
s = Session.open(sys.argv[1])
import_scores(s, sys.argv[2])
print("IMPORTED", flush=True)
s.close()
print("CLOSED", flush=True)
"""


@pytest.mark.slow
def test_killed_at_random_moments_of_copy_in_work_and_write_back(stick, tmp_path):
    """Whatever the moment, the stick holds the old session or the new one, never a damaged one; and
    after the next open (which writes back a crashed run's copy) the import is wholly there."""
    csv = write_scores_csv(tmp_path / "scores.csv", 300, 5)
    home = os.environ["REVIEWDESK_HOME"]
    base = stick.read_bytes()
    t0 = time.monotonic()
    p = spawn_python(WRITER, stick, csv, REVIEWDESK_HOME=home)
    p.communicate(timeout=120)
    full = time.monotonic() - t0
    rng = random.Random(23)
    seen: dict[str, int] = {}
    for _ in range(cases(6, 30)):
        stick.write_bytes(base)
        for suffix in ("-wal", "-shm"):
            Path(str(stick) + suffix).unlink(missing_ok=True)
        proc = spawn_python(WRITER, stick, csv, REVIEWDESK_HOME=home)
        time.sleep(rng.uniform(0.05, full))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        f = facts(stick)
        assert f["integrity"] == "ok" and f["scores"] in (0, 300 * 5 * 5)
        with Session.open(stick) as s:
            after = s.count("scores")
        state = ("closed" if "CLOSED" in out else "imported" if "IMPORTED" in out else "importing")
        if state != "importing":
            assert after == 300 * 5 * 5, state  # reported imported: there, recovered if need be
        assert facts(stick)["scores"] == after
        seen[state] = seen.get(state, 0) + 1
    print(f"removable: {sum(seen.values())} kills: {seen}")


def test_kill_with_the_cli_on_a_removable_session(stick, tmp_path):
    csv = write_scores_csv(tmp_path / "scores.csv", 300, 5)
    proc = spawn_cli("import", "scores", stick, csv, REVIEWDESK_HOME=os.environ["REVIEWDESK_HOME"])
    time.sleep(0.8)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert facts(stick)["integrity"] == "ok"
    p = run_cli("import", "scores", stick, csv, REVIEWDESK_HOME=os.environ["REVIEWDESK_HOME"])
    assert p.returncode == 0, p.stderr
    assert facts(stick)["scores"] == 300 * 5 * 5


def test_session_busy_is_the_error_for_a_held_original(stick):
    holder = removable.LocalCopy(stick)
    holder.__enter__()
    try:
        with pytest.raises(SessionBusy):
            removable.LocalCopy(stick).__enter__()
    finally:
        holder.close()
