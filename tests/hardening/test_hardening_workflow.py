"""The whole round trip with the network taken away, and every file it leaves scanned for secrets.

demo → identities → roster → pack → unpack → score → export → merge → rank → finalize → verify, each
step a real ``reviewdesk`` process. A ``sitecustomize`` on ``PYTHONPATH`` (so every child process
loads it) installs an audit hook that logs, and refuses, every socket created, connected, bound or
resolved, and replaces ``socket.socket`` and ``socket.create_connection`` with functions that raise.
The workflow must succeed, and the log must be empty: ReviewDesk opens no socket.

Then every file the workflow produced (sessions, work copies, packs, packages, PDF, XLSX and its
members, manifest, certificates) is scanned for the private keys' raw bytes (binary, hex, base64),
for "PRIVATE KEY" and for the passphrase; key files are 0600 in a 0700 folder and encrypted; and a
wrong passphrase against a key made with the default cost takes at least 0.1 s.
"""

from __future__ import annotations

import base64
import os
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hardening_helpers import PASSPHRASE, REPO, env, no_traceback, write_csv

SITECUSTOMIZE = r'''
import os, socket, sys

_LOG = os.environ["REVIEWDESK_NET_LOG"]
_NETWORK = {socket.AF_INET, socket.AF_INET6}

def _record(what, log=_LOG):
    with open(log, "a", encoding="utf-8") as f:
        f.write(f"{os.getpid()} {what} {' '.join(sys.argv[:3])}\n"[:400])

def _hook(event, args):
    if event == "socket.__new__":
        family = args[1]
        if family in _NETWORK or family == -1:
            _record(f"{event} {args!r}")
            raise OSError("network access is disabled in this test")
        # A local AF_UNIX pair (asyncio's self-pipe, which pyHanko's signing starts): not network.
        _record(f"local {event} {args!r}", _LOG + ".local")
    elif event in ("socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname",
                   "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg"):
        _record(f"{event} {args!r}")
        raise OSError("network access is disabled in this test")

sys.addaudithook(_hook)
_record("guard loaded", _LOG + ".loaded")

_real_socket = socket.socket

class _NoNetworkSocket(_real_socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and (family in _NETWORK or family == -1):
            _record(f"socket.socket({family}, {type})")
            raise OSError("network access is disabled in this test")
        super().__init__(family, type, proto, fileno)

def _no_connection(*a, **k):
    _record(f"create_connection{a!r}")
    raise OSError("network access is disabled in this test")

socket.socket = _NoNetworkSocket
socket.create_connection = _no_connection
'''


def cli(args: list, home: Path, guard: Path, log: Path, **extra) -> subprocess.CompletedProcess:
    e = env(home, REVIEWDESK_NET_LOG=str(log), PYTHONPATH=os.pathsep.join([str(guard), str(REPO)]), **extra)
    p = subprocess.run([sys.executable, "-c", "import sys; from reviewdesk.cli import main; "
                        "sys.exit(main(prog_name='reviewdesk'))", *map(str, args)],
                       capture_output=True, text=True, env=e, timeout=600, cwd=REPO)
    no_traceback(p)
    assert p.returncode == 0, (args, p.stdout[-2000:], p.stderr[-3000:])
    return p


@pytest.fixture(scope="module")
def workflow(tmp_path_factory):
    root = tmp_path_factory.mktemp("workflow")
    guard = root / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = root / "network.log"
    log.write_text("")
    chair, expert = root / "chair-home", root / "expert-home"
    work = root / "files"
    work.mkdir()

    runs = []

    def run(args, home, **extra):
        runs.append(args[0])
        return cli(args, home, guard, log, **extra)

    s = work / "s.rdesk"
    run(["demo", "--no-gui", "--out", s], chair)
    run(["key", "new", "--name", "组长", "--role", "chair"], chair)
    run(["key", "new", "--name", "专家一", "--role", "expert"], expert)
    run(["key", "export-cert", "--out", work / "e1.pem"], expert)
    run(["roster", "add", s, "--expert-id", "E01", "--cert", work / "e1.pem"], chair)
    run(["session", "pack", s, "--out", work / "s.rdpack"], chair)
    run(["session", "unpack", work / "s.rdpack", "--out", work / "e1.rdwork"], expert)
    import sqlite3

    conn = sqlite3.connect(f"file:{work / 'e1.rdwork'}?mode=ro", uri=True)
    apps = conn.execute("SELECT a.application_id, a.program FROM applications a WHERE a.credit_code NOT IN "
                        "(SELECT credit_code FROM conflicts) ORDER BY 1 LIMIT 6").fetchall()
    conn.close()
    from reviewdesk.policy import find_catalog

    pol = find_catalog("jinan-iiot-2020-2022")
    rows = [["E01", aid, c.id, c.max_points // 2] for aid, prog in apps for c in pol.program(prog).criteria]
    run(["import", "scores", work / "e1.rdwork", write_csv(work / "e1-scores.csv",
                                                           ["expert_id", "application_id", "criterion", "score"],
                                                           rows)], expert)
    run(["scores", "export", work / "e1.rdwork", "--out", work / "e1.rdscores"], expert)
    run(["scores", "merge", s, work / "e1.rdscores"], chair)
    run(["rank", s, "--json"], chair)
    run(["finalize", s, "--out", work / "final"], chair)
    for target in (work / "final" / "manifest.json", work / "final" / "shortlist.pdf", s, work / "e1.rdscores"):
        run(["verify", target, "--session", s] if target != s else ["verify", s], chair)
    return {"root": root, "work": work, "log": log, "chair": chair, "expert": expert, "runs": len(runs)}


def test_the_workflow_opens_no_socket(workflow):
    assert (workflow["work"] / "final" / "shortlist.pdf").is_file()
    assert workflow["log"].read_text() == "", workflow["log"].read_text()[:3000]
    loaded = Path(str(workflow["log"]) + ".loaded").read_text().splitlines()
    assert len(loaded) >= workflow["runs"]  # the guard was in every one of the processes
    local = Path(str(workflow["log"]) + ".local")
    local_n = len(local.read_text().splitlines()) if local.exists() else 0
    print(f"network: 0 network sockets; {local_n} local AF_UNIX socket(s) (asyncio self-pipe)")


def test_the_guard_does_catch_a_socket(tmp_path):
    """The guard is live: the same sitecustomize refuses and logs a connection attempt."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "log"
    log.write_text("")
    p = subprocess.run([sys.executable, "-c", "import socket\ntry:\n socket.create_connection(('127.0.0.1', 9))\n"
                        "except OSError as e: print(e)\ntry:\n socket.getaddrinfo('example.com', 80)\n"
                        "except OSError as e: print(e)"], capture_output=True, text=True,
                       env=env(REVIEWDESK_NET_LOG=str(log), PYTHONPATH=str(guard)), timeout=60)
    assert p.stdout.count("network access is disabled") == 2
    assert "create_connection" in log.read_text() and "getaddrinfo" in log.read_text()


# ----------------------------------------------------------------------------- secrets
def _produced(workflow) -> list[Path]:
    return sorted(p for p in workflow["work"].rglob("*") if p.is_file())


def _contents(path: Path) -> list[bytes]:
    """The file's bytes, and for a zip (XLSX) each member's bytes too."""
    data = path.read_bytes()
    out = [data]
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(path) as z:
            out += [z.read(n) for n in z.namelist()]
    return out


def _key_material(home: Path) -> list[bytes]:
    from reviewdesk.trust import load_identity

    key = load_identity(PASSPHRASE, store=home / "keys").signing_key()
    raw = key.private_numbers().private_value.to_bytes(32, "big")
    return [raw, raw.hex().encode(), raw.hex().upper().encode(), base64.b64encode(raw)]


def test_no_key_material_or_passphrase_in_any_produced_file(workflow):
    needles = {"PRIVATE KEY": [b"PRIVATE KEY"], "passphrase": [PASSPHRASE.encode("utf-8")]}
    for who in ("chair", "expert"):
        needles[f"{who}'s key"] = _key_material(workflow[who])
    files = _produced(workflow)
    assert {f.suffix for f in files} >= {".rdesk", ".rdwork", ".rdpack", ".rdscores", ".pdf", ".xlsx", ".json", ".sig",
                                         ".pem"}
    for f in files:
        for blob in _contents(f):
            for what, variants in needles.items():
                assert not any(v in blob for v in variants), f"{what} found in {f.relative_to(workflow['work'])}"
    print(f"secrets: {len(files)} files scanned for {sum(map(len, needles.values()))} needles")


def test_key_files_are_private_and_encrypted(workflow):
    for who in ("chair", "expert"):
        folder = workflow[who] / "keys"
        key_file = folder / "identity.pem"
        if os.name == "posix":
            assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        text = key_file.read_bytes()
        assert b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in text
        assert b"BEGIN PRIVATE KEY" not in text and b"BEGIN EC PRIVATE KEY" not in text
        for needle in _key_material(workflow[who]) + [PASSPHRASE.encode()]:
            assert needle not in text
        assert sorted(p.name for p in folder.iterdir()) == ["identity.pem"]  # no temporary file left


def test_a_wrong_passphrase_costs_at_least_a_tenth_of_a_second(tmp_path, monkeypatch):
    from reviewdesk.errors import TrustError
    from reviewdesk.trust import create_identity, identity, load_identity

    monkeypatch.delenv(identity.TEST_KDF_ENV, raising=False)
    create_identity("默认强度", "expert", PASSPHRASE, store=tmp_path / "keys")  # the default cost
    times = []
    for guess in ("wrong passphrase 1", "wrong passphrase 2", "wrong passphrase 3"):
        t0 = time.perf_counter()
        with pytest.raises(TrustError):
            load_identity(guess, store=tmp_path / "keys")
        times.append(time.perf_counter() - t0)
    assert min(times) >= 0.1, times
    print(f"wrong passphrase: {min(times):.2f}–{max(times):.2f} s per guess")


# ----------------------------------------------------------------------------- names are never paths
def test_names_inside_files_are_never_used_as_paths(tmp_path, monkeypatch):
    """A pack whose documents, experts and applications carry path-like names ("../../x", absolute
    paths): unpacking, reading, scoring, exporting, merging and finalizing write only the files asked
    for, in the folders chosen."""
    from hardening_helpers import make_identity, make_session

    from reviewdesk.documents import all_documents, import_documents, read_document, verify_documents
    from reviewdesk.exchange import export_scores, merge_packages, pack, roster_add, unpack
    from reviewdesk.finalize import finalize
    from reviewdesk.reviews import set_score
    from reviewdesk.session import Session

    monkeypatch.setenv("REVIEWDESK_HOME", str(tmp_path / "home"))
    root = tmp_path / "root"
    (root / "chair").mkdir(parents=True)
    (root / "expert").mkdir()
    (root / "docs" / "A-00001").mkdir(parents=True)
    (root / "docs" / "A-00001" / "申报书.pdf").write_bytes(_tiny_pdf())
    chair = make_identity(tmp_path / "k-chair", "组长", "chair")
    expert = make_identity(tmp_path / "k-e1", "../../专家", "expert")
    s = make_session(root / "chair" / "s.rdesk", apps=3, experts=1)
    import_documents(s, root / "docs")
    evil = ["../../../evil-doc.pdf", "/tmp/evil-abs.pdf", "..\\..\\evil-win.pdf", "C:\\evil-drive.pdf"]
    with s.change("test.hostile-names"):
        for name in evil:
            s.conn.execute("INSERT INTO documents (application_id, name, sha256, size, media_type, added_at) "
                           "SELECT application_id, ?, sha256, size, media_type, added_at FROM documents LIMIT 1",
                           (name,))
        s.conn.execute("UPDATE applications SET project_name = '../../evil-project' WHERE application_id = 'A-00002'")
    roster_add(s, "E01", expert.cert_pem())
    before = _tree(tmp_path)
    p = pack(s, root / "chair" / "s.rdpack", chair)
    u = unpack(p, root / "expert" / "w.rdwork", expert.certificate)
    with Session.open(u.path) as w:
        assert {d.name for d in all_documents(w)} >= set(evil)
        verify_documents(w)
        for d in all_documents(w):
            assert read_document(w, d.sha256)[:5] == b"%PDF-"
        for aid in ("A-00001", "A-00002"):
            for c in w.policy.program("P07").criteria:
                set_score(w, aid, c.id, c.max_points)
        pkg = export_scores(w, root / "expert" / "e1.rdscores", expert)["path"]
    assert [o.status for o in merge_packages(s, [pkg])] == ["merged"]
    finalize(s, root / "final", chair)
    s.close()
    created = _tree(tmp_path) - before
    allowed = {root / "chair", root / "expert", root / "final", tmp_path / "home"}
    strays = [c for c in created if not any(c == a or a in c.parents for a in allowed)]
    assert strays == [], strays
    assert not list(Path("/tmp").glob("evil*")) and not list(tmp_path.rglob("evil*"))


def _tree(base: Path) -> set[Path]:
    return {p for p in base.rglob("*")}


def _tiny_pdf() -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "application form")
    c.showPage()
    c.save()
    return buf.getvalue()
