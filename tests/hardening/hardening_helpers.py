"""Builders and probes for the hardening tests: sessions made here, subprocesses, fingerprints.

Everything that does damage for real runs the code in a child process (``run_cli``, ``spawn``)
so that a ``kill -9`` hits ReviewDesk and not the test runner. ``LONG`` (``REVIEWDESK_LONG_FUZZ=1``)
multiplies the number of cases: the default suite stays within minutes.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from stdnum.cn import uscc

LONG = os.environ.get("REVIEWDESK_LONG_FUZZ", "") not in ("", "0")
PASSPHRASE = "hardening passphrase 1"
POLICY = "jinan-iiot-2020-2022"
PROGRAM = "P07"  # five criteria
REPO = Path(__file__).resolve().parents[2]
_ALNUM = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CLI = [sys.executable, "-c", "import sys; from reviewdesk.cli import main; sys.exit(main(prog_name='reviewdesk'))"]


def cases(default: int, long: int) -> int:
    """How many hypothesis cases (or kill moments): ``long`` with ``REVIEWDESK_LONG_FUZZ=1``."""
    return long if LONG else default


def credit_code(n: int) -> str:
    chars = []
    x = n
    for _ in range(9):
        chars.append(_ALNUM[x % 31])
        x //= 31
    base = "91370100" + "".join(chars)
    return base + uscc.calc_check_digit(base)


def write_csv(path: Path, header: list[str], rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def policy():
    from reviewdesk.policy import find_catalog

    return find_catalog(POLICY)


@functools.cache
def criteria() -> tuple[tuple[str, int], ...]:
    return tuple((c.id, c.max_points) for c in policy().program(PROGRAM).criteria)


def make_session(path: Path, apps: int = 50, experts: int = 5, year: int = 2021):
    """A chair's session with ``apps`` applications of one program and ``experts`` experts (no scores)."""
    from reviewdesk.imports import import_applications, import_experts
    from reviewdesk.session import Session

    s = Session.create(path, policy(), year, "加固测试会话")
    work = path.parent
    import_applications(s, write_csv(work / f"{path.stem}-apps.csv",
                                     ["application_id", "program", "enterprise_name", "credit_code",
                                      "project_name", "actual_investment"],
                                     [[app_id(i), PROGRAM, f"企业{i}", credit_code(i), f"项目{i}", 1_000_000 + i]
                                      for i in range(1, apps + 1)]))
    import_experts(s, write_csv(work / f"{path.stem}-experts.csv", ["expert_id", "name"],
                                [[expert_id(e), f"专家{e}"] for e in range(1, experts + 1)]))
    return s


def app_id(i: int) -> str:
    return f"A-{i:05d}"


def expert_id(e: int) -> str:
    return f"E{e:02d}"


def score_rows(apps: int, experts: int, seed: int = 0) -> list[list]:
    """Every expert scores every application on every criterion: apps × experts × 5 rows."""
    import random

    rng = random.Random(seed)
    rows = []
    crits = criteria()
    for e in range(1, experts + 1):
        for i in range(1, apps + 1):
            for cid, mx in crits:
                rows.append([expert_id(e), app_id(i), cid, rng.randrange(0, 2 * mx + 1) / 2])
    return rows


def write_scores_csv(path: Path, apps: int, experts: int, seed: int = 0) -> Path:
    return write_csv(path, ["expert_id", "application_id", "criterion", "score"], score_rows(apps, experts, seed))


def fingerprint(path: Path) -> str:
    """The logical content of a session: every row of every table, hashed (file layout ignored)."""
    h = hashlib.sha256()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for t in tables:
            h.update(t.encode())
            for row in sorted(repr(r) for r in conn.execute(f"SELECT * FROM [{t}]")):
                h.update(row.encode())
    finally:
        conn.close()
    return h.hexdigest()


def facts(path: Path) -> dict:
    """What a crash test compares: integrity, row counts and the audit actions."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {"integrity": conn.execute("PRAGMA integrity_check").fetchone()[0]}
        for t in ("applications", "experts", "scores", "conflicts", "decisions", "packages", "audit"):
            out[t] = conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0]
        out["actions"] = [r[0] for r in conn.execute("SELECT action FROM audit ORDER BY seq")]
        out["meta"] = dict(conn.execute("SELECT key, value FROM meta"))
        return out
    finally:
        conn.close()


def env(home: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a child ReviewDesk: its own key store, a cheap KDF, the passphrase."""
    e = dict(os.environ)
    e.update({"REVIEWDESK_INSECURE_TEST_KDF": "10", "REVIEWDESK_PASSPHRASE": PASSPHRASE,
              "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"})
    if home is not None:
        e["REVIEWDESK_HOME"] = str(home)
    e.update(extra)
    return e


def run_cli(*args: str | Path, home: Path | None = None, timeout: float = 300, **extra: str) \
        -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, env=env(home, **extra),
                          timeout=timeout, cwd=REPO)


def spawn_cli(*args: str | Path, home: Path | None = None, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env(home, **extra), cwd=REPO)


def spawn_python(code: str, *args: str | Path, home: Path | None = None, **extra: str) -> subprocess.Popen:
    """A child Python running ``code`` (dedented) with ``sys.argv[1:] == args``; stdout line-buffered."""
    return subprocess.Popen([sys.executable, "-u", "-c", textwrap.dedent(code), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(home, **extra),
                            cwd=REPO)


def make_identity(home: Path, name: str, role: str):
    """An identity in the key store ``home/keys`` (as ``REVIEWDESK_HOME=home`` finds it)."""
    from reviewdesk.trust import create_identity

    return create_identity(name, role, PASSPHRASE, store=home / "keys", kdf_log2_n=10)


def no_traceback(p: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in p.stderr and "Traceback" not in p.stdout, p.stderr[-3000:]


# ----------------------------------------------------------------------------- real faults (root only)
def _mount(*args: str) -> bool:
    try:
        return subprocess.run(["mount", *args], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


@contextlib.contextmanager
def small_disk(path: Path, size_kb: int):
    """A real filesystem of ``size_kb`` KiB at ``path`` (tmpfs): writes beyond it fail with ENOSPC.
    Skips the test where mounting is not allowed (not root, or a container without the right)."""
    import pytest

    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(path)):
        pytest.skip("a real full disk needs a tmpfs mount (root with CAP_SYS_ADMIN); the monkeypatched "
                    "variants of this check still ran")
    try:
        yield path
    finally:
        _umount(path)


@contextlib.contextmanager
def read_only(path: Path):
    """``path`` made read-only for real: chmod for a normal user; for root (who ignores permissions)
    a read-only bind mount, or a skip where mounting is not allowed."""
    import pytest

    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    if not (_mount("--bind", str(path), str(path)) and _mount("-o", "remount,ro,bind", str(path))):
        _umount(path)
        pytest.skip("running as root, where permissions do not stop writes, and a read-only bind mount is "
                    "not allowed here; the monkeypatched variants of this check still ran")
    try:
        yield path
    finally:
        _umount(path)
