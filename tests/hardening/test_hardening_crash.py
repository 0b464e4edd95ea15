"""Crashes for real: ``kill -9`` of the command line during an import, a merge and a finalize, and of
an expert's scoring loop. Afterwards the session opens, SQLite's integrity check passes, the audit
chain verifies (``reviewdesk verify``), and the interrupted change is wholly there or wholly absent.

Two kinds of moment: random delays over the command's whole run (seeded, so a failure repeats),
and chosen moments inside the write, reached by a child that sends itself SIGKILL from a patched
function (just before the commit; between the finalize commit and its file renames).
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
    expert_id,
    facts,
    make_identity,
    make_session,
    no_traceback,
    run_cli,
    spawn_cli,
    spawn_python,
    write_csv,
    write_scores_csv,
)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 needs POSIX signals")

APPS, EXPERTS = 1000, 10  # 50,000 score rows
OUTPUTS = ("shortlist.pdf", "shortlist.xlsx", "manifest.json", "manifest.sig", "chair-certificate.pem")

# A child that runs the CLI with one function patched to SIGKILL the child itself: a kill at a
# chosen moment. argv: module, attribute, which call (0-based) kills, then the CLI's arguments.
KILL_AT = """
import os, signal, sys, importlib
mod, attr, nth = sys.argv[1], sys.argv[2], int(sys.argv[3])
owner = importlib.import_module(mod)
if "." in attr:
    cls_name, attr = attr.split(".")
    owner = getattr(owner, cls_name)
real = getattr(owner, attr)
calls = [0]
only_into = os.environ.get("KILL_ONLY_INTO")  # count only os.replace calls into this folder
def patched(*a, **k):
    if only_into and os.path.dirname(os.path.abspath(a[1])) != os.path.abspath(only_into):
        return real(*a, **k)
    if calls[0] == nth:
        print("KILLING", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    calls[0] += 1
    return real(*a, **k)
setattr(owner, attr, patched)
from reviewdesk.cli import main
sys.exit(main(args=sys.argv[4:], prog_name="reviewdesk"))
"""


def kill_after(proc, delay: float) -> bool:
    """SIGKILL ``proc`` after ``delay`` seconds; True if it was still running (a real kill)."""
    try:
        proc.wait(timeout=delay)
        return False
    except Exception:  # noqa: BLE001 - TimeoutExpired: still running
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def assert_session_sound(path: Path) -> dict:
    f = facts(path)
    assert f["integrity"] == "ok"
    v = run_cli("verify", path)
    no_traceback(v)
    assert v.returncode == 0, v.stdout + v.stderr
    return f


def fresh_copy(src: Path, dest: Path) -> Path:
    """A consistent copy of a session (SQLite's backup API), as a file of its own."""
    a, b = sqlite3.connect(f"file:{src}?mode=ro", uri=True), sqlite3.connect(dest)
    try:
        a.backup(b)
    finally:
        a.close()
        b.close()
    return dest


# ----------------------------------------------------------------------------- import
@pytest.fixture(scope="module")
def import_base(tmp_path_factory):
    d = tmp_path_factory.mktemp("import")
    make_session(d / "base.rdesk", apps=APPS, experts=EXPERTS).close()
    csv = write_scores_csv(d / "scores.csv", APPS, EXPERTS)
    return d / "base.rdesk", csv, facts(d / "base.rdesk")


def _check_import_outcome(path: Path, base: dict) -> str:
    f = assert_session_sound(path)
    if f["scores"] == 0:
        assert f["audit"] == base["audit"] and f["actions"] == base["actions"]
        return "absent"
    assert f["scores"] == APPS * EXPERTS * 5
    assert f["audit"] == base["audit"] + 1 and f["actions"][-1] == "import.scores"
    return "present"


@pytest.mark.slow
def test_kill_during_large_import_at_random_moments(tmp_path, import_base):
    base_path, csv, base = import_base
    t0 = time.monotonic()
    assert run_cli("import", "scores", fresh_copy(base_path, tmp_path / "timing.rdesk"), csv).returncode == 0
    full = time.monotonic() - t0
    rng = random.Random(7)
    seen = {"absent": 0, "present": 0}
    for k in range(cases(6, 30)):
        s = fresh_copy(base_path, tmp_path / f"k{k}.rdesk")
        proc = spawn_cli("import", "scores", s, csv)
        kill_after(proc, rng.uniform(0.05, full * 1.1))
        seen[_check_import_outcome(s, base)] += 1
    print(f"import of {APPS * EXPERTS * 5} rows ({full:.1f} s) killed {sum(seen.values())} times: {seen}")
    assert sum(seen.values()) == cases(6, 30)


def test_kill_while_import_writes_is_wholly_absent(tmp_path, import_base):
    """Killed while the rows are being written (the WAL file growing): none of them are there, and the
    same import then succeeds (no stale lock)."""
    base_path, csv, base = import_base
    s = fresh_copy(base_path, tmp_path / "s.rdesk")
    wal = Path(str(s) + "-wal")
    proc = spawn_cli("import", "scores", s, csv)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 512 * 1024:
            break
        time.sleep(0.002)
    assert proc.poll() is None, "the import finished before its write could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _check_import_outcome(s, base) == "absent"
    again = run_cli("import", "scores", s, csv)
    assert again.returncode == 0, again.stderr
    assert _check_import_outcome(s, base) == "present"


def test_kill_just_before_commit_is_wholly_absent(tmp_path, import_base):
    """SIGKILL from inside the transaction, after every row and before the audit entry and commit."""
    base_path, csv, base = import_base
    s = fresh_copy(base_path, tmp_path / "s.rdesk")
    p = spawn_python(KILL_AT, "reviewdesk.session", "Session._append_audit", 0, "import", "scores", s, csv)
    out, _ = p.communicate(timeout=120)
    assert p.returncode == -signal.SIGKILL and "KILLING" in out
    assert _check_import_outcome(s, base) == "absent"


# ----------------------------------------------------------------------------- merge
MERGE_EXPERTS, MERGE_APPS = 4, 1000  # 4 packages × 5,000 scores


@pytest.fixture(scope="module")
def merge_base(tmp_path_factory):
    """A chair's session, and one signed score package per expert (made through the real round trip)."""
    from reviewdesk.exchange import export_scores, pack, roster_add, unpack
    from reviewdesk.imports import import_scores
    from reviewdesk.session import Session

    d = tmp_path_factory.mktemp("merge")
    chair_home = d / "chair"
    chair = make_identity(chair_home, "组长", "chair")
    s = make_session(d / "base.rdesk", apps=MERGE_APPS, experts=MERGE_EXPERTS)
    experts = {}
    for e in range(1, MERGE_EXPERTS + 1):
        experts[expert_id(e)] = make_identity(d / f"e{e}", f"专家{e}", "expert")
        roster_add(s, expert_id(e), experts[expert_id(e)].cert_pem())
    pack_path = pack(s, d / "s.rdpack", chair)
    s.close()
    packages = []
    for eid, ident in experts.items():
        u = unpack(pack_path, d / f"{eid}.rdwork", ident.certificate)
        with Session.open(u.path) as w:
            rows = [[eid, *r] for r in _rows(MERGE_APPS, seed=int(eid[1:]))]
            import_scores(w, write_csv(d / f"{eid}.csv", ["expert_id", "application_id", "criterion", "score"],
                                       rows))
            packages.append(export_scores(w, d / f"{eid}.rdscores", ident)["path"])
    return d / "base.rdesk", packages, facts(d / "base.rdesk")


def _rows(apps: int, seed: int) -> list[list]:
    from hardening_helpers import criteria

    rng = random.Random(seed)
    return [[app_id(i), cid, rng.randrange(0, 2 * mx + 1) / 2] for i in range(1, apps + 1) for cid, mx in criteria()]


def _check_merge_outcome(path: Path, base: dict) -> int:
    """Each package wholly merged (its scores, its package row, its audit entry) or wholly absent."""
    f = assert_session_sound(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        merged = 0
        for e in range(1, MERGE_EXPERTS + 1):
            eid = expert_id(e)
            n = conn.execute("SELECT count(*) FROM scores WHERE expert_id = ?", (eid,)).fetchone()[0]
            pkg = conn.execute("SELECT sequence FROM packages WHERE expert_id = ?", (eid,)).fetchone()
            audits = conn.execute("SELECT count(*) FROM audit WHERE action = 'scores.merge' AND actor = ?",
                                  (eid,)).fetchone()[0]
            if pkg is None:
                assert (n, audits) == (0, 0), eid
            else:
                assert (n, audits, pkg[0]) == (MERGE_APPS * 5, 1, 1), eid
                merged += 1
        assert f["audit"] == base["audit"] + merged
        return merged
    finally:
        conn.close()


@pytest.mark.slow
def test_kill_during_merge_at_random_moments(tmp_path, merge_base):
    base_path, packages, base = merge_base
    t0 = time.monotonic()
    p = run_cli("scores", "merge", fresh_copy(base_path, tmp_path / "timing.rdesk"), *packages)
    assert p.returncode == 0, p.stderr
    full = time.monotonic() - t0
    rng = random.Random(11)
    outcomes = []
    for k in range(cases(6, 30)):
        s = fresh_copy(base_path, tmp_path / f"k{k}.rdesk")
        kill_after(spawn_cli("scores", "merge", s, *packages), rng.uniform(0.05, full * 1.1))
        outcomes.append(_check_merge_outcome(s, base))
        assert outcomes[-1] in (0, MERGE_EXPERTS)  # the batch is one transaction
        if k == 0:
            # Merging again after the crash completes the job: the merged ones are "already" there.
            again = run_cli("scores", "merge", s, *packages)
            assert again.returncode == 0, again.stderr
            assert _check_merge_outcome(s, base) == MERGE_EXPERTS
    print(f"merge of {MERGE_EXPERTS} packages ({full:.1f} s) killed {len(outcomes)} times: "
          f"{outcomes.count(0)} wholly absent, {outcomes.count(MERGE_EXPERTS)} wholly there")


@pytest.mark.parametrize("nth", [0, 2, 3])
def test_kill_inside_a_merge_transaction(tmp_path, merge_base, nth):
    """Killed just before the audit entry of package ``nth``. A merge of several packages is one
    transaction (a savepoint each), so none of the batch is there; each package is checked wholly
    there or wholly absent all the same; merging again finishes the job."""
    base_path, packages, base = merge_base
    s = fresh_copy(base_path, tmp_path / "s.rdesk")
    p = spawn_python(KILL_AT, "reviewdesk.session", "Session._append_audit", nth, "scores", "merge", s, *packages)
    p.communicate(timeout=120)
    assert p.returncode == -signal.SIGKILL
    assert _check_merge_outcome(s, base) == 0
    again = run_cli("scores", "merge", s, *packages)
    assert again.returncode == 0, again.stderr
    assert _check_merge_outcome(s, base) == MERGE_EXPERTS


# ----------------------------------------------------------------------------- finalize
@pytest.fixture(scope="module")
def finalize_base(tmp_path_factory):
    from reviewdesk.imports import import_scores

    d = tmp_path_factory.mktemp("finalize")
    home = d / "chair"
    make_identity(home, "组长", "chair")
    s = make_session(d / "base.rdesk", apps=300, experts=5)
    import_scores(s, write_scores_csv(d / "scores.csv", 300, 5))
    s.close()
    return d / "base.rdesk", home, facts(d / "base.rdesk")


def _check_finalize_outcome(path: Path, out: Path, home: Path, base: dict) -> str:
    """No partial output: not finalized → no output files; finalized → all of them, or (killed between
    the commit and the renames) the rest complete in the session's temporary folder. Finalizing again
    then leaves the five files, a manifest that verifies against the session, and no temporary folder."""
    f = assert_session_sound(path)
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) if out.exists() else []
    assert set(visible) <= set(OUTPUTS)
    finalized = "finalized_at" in f["meta"]
    if not finalized:
        assert visible == [] and f["audit"] == base["audit"]
        state = "absent"
    else:
        assert f["actions"][-1] == "finalize" and f["audit"] == base["audit"] + 1
        state = "present" if len(visible) == len(OUTPUTS) else "renaming"
        if state == "present":
            v = run_cli("verify", out / "manifest.json", "--session", path)
            assert v.returncode == 0, v.stdout + v.stderr
    again = run_cli("finalize", path, "--out", out, home=home)
    no_traceback(again)
    if state == "present":
        assert again.returncode == 2 and "already finalized" in again.stderr
    else:
        assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # no temporary folder left either
    v = run_cli("verify", out / "manifest.json", "--session", path)
    assert v.returncode == 0, v.stdout + v.stderr
    v = run_cli("verify", out / "shortlist.pdf", "--session", path)
    assert v.returncode == 0, v.stdout + v.stderr
    return state


@pytest.mark.slow
def test_kill_during_finalize_at_random_moments(tmp_path, finalize_base):
    base_path, home, base = finalize_base
    t0 = time.monotonic()
    p = run_cli("finalize", fresh_copy(base_path, tmp_path / "timing.rdesk"), "--out", tmp_path / "timing", home=home)
    assert p.returncode == 0, p.stderr
    full = time.monotonic() - t0
    rng = random.Random(13)
    seen: dict[str, int] = {}
    for k in range(cases(5, 25)):
        s = fresh_copy(base_path, tmp_path / f"k{k}.rdesk")
        out = tmp_path / f"out{k}"
        kill_after(spawn_cli("finalize", s, "--out", out, home=home), rng.uniform(0.1, full * 1.1))
        state = _check_finalize_outcome(s, out, home, base)
        seen[state] = seen.get(state, 0) + 1
    print(f"finalize ({full:.1f} s) killed {sum(seen.values())} times: {seen}")
    assert sum(seen.values()) == cases(5, 25)


@pytest.mark.parametrize("moment", ["before-commit", "after-commit", "mid-rename"])
def test_kill_finalize_at_chosen_moments(tmp_path, finalize_base, moment):
    base_path, home, base = finalize_base
    s = fresh_copy(base_path, tmp_path / "s.rdesk")
    out = tmp_path / "out"
    extra = {}
    if moment == "before-commit":
        target = ("reviewdesk.session", "Session._append_audit", 0)
    else:
        # The renames of the five finished files into the folder, after the session was locked.
        target = ("os", "replace", 0 if moment == "after-commit" else 2)
        extra["KILL_ONLY_INTO"] = str(out)
    p = spawn_python(KILL_AT, *target, "finalize", s, "--out", out, home=home, **extra)
    p.communicate(timeout=300)
    assert p.returncode == -signal.SIGKILL
    expected = {"before-commit": "absent", "after-commit": "renaming", "mid-rename": "renaming"}[moment]
    hidden = [x.name for x in out.iterdir() if x.name.startswith(".finalize-")]
    assert len(hidden) == 1  # the killed run's temporary folder is left behind...
    assert _check_finalize_outcome(s, out, home, base) == expected  # ...and the next finalize deals with it


# ----------------------------------------------------------------------------- an expert scoring
SCORING = """
import random, sys
from reviewdesk.reviews import set_score
from reviewdesk.session import Session
s = Session.open(sys.argv[1])
rng = random.Random(int(sys.argv[2]))
apps = [r[0] for r in s.conn.execute("SELECT application_id FROM applications ORDER BY application_id")]
crits = {p.id: [(c.id, c.max_points) for c in p.criteria] for p in s.policy.programs}
prog = dict(s.conn.execute("SELECT application_id, program FROM applications"))
conflicted = {r[0] for r in s.conn.execute(
    "SELECT application_id FROM applications a JOIN conflicts c ON c.credit_code = a.credit_code")}
apps = [a for a in apps if a not in conflicted]
print("READY", flush=True)
while True:
    a = rng.choice(apps)
    c, mx = rng.choice(crits[prog[a]])
    p2 = rng.randrange(0, 2 * mx + 1)
    print("SAVING", a, c, p2, flush=True)
    set_score(s, a, c, p2 / 2)
    print("SAVED", a, c, p2, flush=True)
"""


def _note(line: str, reported: dict, inflight: dict) -> int:
    """Record a complete ``SAVED app criterion points2`` line (one cut by the kill is not a report);
    ``SAVING`` names the score being saved when the kill may land (it may or may not be there)."""
    parts = line.split()
    if not line.endswith("\n") or len(parts) != 4 or parts[0] not in ("SAVING", "SAVED"):
        return 0
    key, value = (parts[1], parts[2]), int(parts[3])
    inflight.clear()
    if parts[0] == "SAVING":
        inflight[key] = value
        return 0
    reported[key] = value
    return 1


def test_kill_while_an_expert_scores_keeps_every_saved_score(tmp_path):
    """The expert's actions (what the workstation calls) in a loop, each printed once saved; killed
    at random moments: every score reported saved is in the work copy afterwards, with its value."""
    from reviewdesk.demo import build_demo_work

    work = build_demo_work(tmp_path / "w.rdwork", "E01")
    rng = random.Random(17)
    reported: dict[tuple[str, str], int] = {}
    inflight: dict[tuple[str, str], int] = {}
    total = 0
    for k in range(cases(4, 20)):
        proc = spawn_python(SCORING, work, k)
        assert proc.stdout.readline().strip() == "READY"
        deadline = time.monotonic() + rng.uniform(0.2, 1.5)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            total += _note(line, reported, inflight)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # Lines already printed (saved) before the kill landed count too. (Read through the text
        # stream: communicate() would skip what readline() has already buffered.)
        rest = proc.stdout.read()
        proc.stderr.read()
        for line in rest.splitlines(keepends=True):
            total += _note(line, reported, inflight)
        f = facts(work)
        assert f["integrity"] == "ok"
        conn = sqlite3.connect(f"file:{work}?mode=ro", uri=True)
        stored = {(a, c): p for a, c, p in conn.execute(
            "SELECT application_id, criterion, points2 FROM scores WHERE expert_id = 'E01'")}
        conn.close()
        for key, value in inflight.items():  # killed during this save: the old value or the new, whole
            assert stored.get(key) in (reported.get(key), value)
            if stored.get(key) == value:
                reported[key] = value
        inflight.clear()
        missing = {k2: v for k2, v in reported.items() if stored.get(k2) != v}
        assert not missing, f"scores reported saved but not in the work copy: {list(missing.items())[:5]}"
    print(f"scoring: {total} scores reported saved over {cases(4, 20)} kills, all found")
    assert total > 50  # the loop really ran
    v = run_cli("verify", work)
    assert v.returncode == 0, v.stdout + v.stderr
