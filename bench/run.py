"""ReviewDesk benchmarks: wall-clock timings of whole commands, medians over repeats.

    python bench/run.py [--quick] [--only NAME ...]

Each benchmark prints its median, min and max and the target from the issues; all results go to
``bench/out/results.json``. Whole commands are timed as a user meets them (process start
included). The machine is shared and noisy: read medians, and compare ratios run in the same go.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

BIN = Path(sys.executable).parent / "reviewdesk"
RESULTS: dict[str, dict] = {}


def timed(cmd: list[str], env: dict | None = None) -> float:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed: {p.stderr.decode()[-2000:]}")
    return dt


def record(name: str, samples: list[float], target: float | None, unit: str = "s", note: str = "") -> None:
    med = statistics.median(samples)
    RESULTS[name] = {"median": med, "min": min(samples), "max": max(samples), "n": len(samples), "target": target,
                     "unit": unit, "note": note}
    ok = "" if target is None else ("  OK" if med <= target else "  OVER TARGET")
    tgt = "" if target is None else f"  (target ≤ {target} {unit})"
    print(f"{name:<44} median {med:8.3f} {unit}  min {min(samples):.3f}  max {max(samples):.3f}{tgt}{ok}  {note}",
          flush=True)


def bench_policy_list(repeat: int) -> None:
    timed([str(BIN), "policy", "list"])
    record("policy list (process)", [timed([str(BIN), "policy", "list"]) for _ in range(repeat)], 0.3)
    record("python -c pass (process floor)", [timed([sys.executable, "-c", "pass"]) for _ in range(repeat)], None)


def big_session(n_apps: int) -> Path:
    from generate import generate

    OUT.mkdir(exist_ok=True)
    path = OUT / f"big-{n_apps}.rdesk"
    if not path.exists():
        t0 = time.perf_counter()
        generate(path, n_apps=n_apps)
        print(f"  (generated {path.name} in {time.perf_counter() - t0:.1f} s)", flush=True)
    return path


def bench_rank(repeat: int, n_apps: int) -> None:
    path = big_session(n_apps)
    timed([str(BIN), "rank", str(path), "--json"])
    record(f"rank --json, {n_apps} apps (process)",
           [timed([str(BIN), "rank", str(path), "--json"]) for _ in range(repeat)], 1.0 if n_apps >= 20000 else None)


def bench_import_scores(repeat: int, n_apps: int) -> None:
    from generate import generate

    OUT.mkdir(exist_ok=True)
    samples = []
    for i in range(repeat):
        path = OUT / f"import-{i}.rdesk"
        csv_path = OUT / "scores-500k.csv"
        for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm")):
            p.unlink(missing_ok=True)
        generate(path, n_apps=n_apps, scores_csv=csv_path)
        samples.append(timed([str(BIN), "import", "scores", str(path), str(csv_path)]))
        rows = sum(1 for _ in csv_path.open(encoding="utf-8")) - 1
        path.unlink()
    record(f"import scores, {rows} rows (process)", samples, 15.0 if rows >= 450000 else None)


def _identities(store: Path, names: list[str]) -> dict:
    os.environ["REVIEWDESK_INSECURE_TEST_KDF"] = "10"  # key derivation is not what is measured here
    from reviewdesk.trust import create_identity

    out = {}
    for n in names:
        out[n] = create_identity(n, "expert" if n != "chair" else "chair", "benchmark-pass", store=store / n / "keys",
                                 overwrite=True, kdf_log2_n=10)
    return out


def bench_merge(repeat: int, n_apps: int) -> None:
    """40 signed packages of 2,500 reviews each merged into a fresh session, whole command timed."""
    import json as _json

    from generate import generate

    from reviewdesk.exchange import roster_add
    from reviewdesk.session import Session
    from reviewdesk.trust.envelope import SCORE_PACKAGE, seal

    OUT.mkdir(exist_ok=True)
    work = OUT / "merge"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    template = work / "template.rdesk"
    generate(template, n_apps=n_apps, scores_csv=work / "scores.csv")
    by_expert: dict[str, list] = {}
    import csv

    with (work / "scores.csv").open(encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        for eid, aid, crit, score in r:
            by_expert.setdefault(eid, []).append([aid, crit, int(float(score) * 2), None])
    ids = _identities(work / "keys", sorted(by_expert))
    with Session.open(template) as s:
        for eid, ident in ids.items():
            roster_add(s, eid, ident.cert_pem())
        sid = s.id
    pkgs = []
    for eid, rows in sorted(by_expert.items()):
        payload = {"format": 1, "session_id": sid, "expert_id": eid, "sequence": 1, "created_at": "",
                   "software": "bench", "pack_sha256": None, "reviews": rows, "conflicts": []}
        p = work / f"{eid}.rdscores"
        p.write_bytes(seal(SCORE_PACKAGE, _json.dumps(payload).encode(), ids[eid]))
        pkgs.append(str(p))
    reviews = sum(len({(x[0]) for x in rows}) for rows in by_expert.values()) / len(by_expert)
    samples = []
    for i in range(repeat):
        target = work / f"s{i}.rdesk"
        shutil.copy(template, target)
        samples.append(timed([str(BIN), "scores", "merge", str(target), *pkgs]))
        target.unlink()
    record(f"scores merge, {len(pkgs)} packages × {reviews:.0f} reviews (process)", samples,
           5.0 if len(pkgs) >= 40 and n_apps >= 20000 else None)


def bench_finalize(repeat: int, sizes: list[int]) -> None:
    """finalize of a whole session: rank, Chinese PDF, PAdES signature, XLSX, manifest, lock."""
    from generate import generate

    OUT.mkdir(exist_ok=True)
    work = OUT / "finalize"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    _identities(work / "keys", ["chair"])
    env = dict(os.environ, REVIEWDESK_HOME=str(work / "keys" / "chair"), REVIEWDESK_PASSPHRASE="benchmark-pass")
    for n in sizes:
        template = work / f"t{n}.rdesk"
        generate(template, n_apps=n)
        samples = []
        for i in range(repeat if n < 5000 else max(1, repeat // 2)):
            target = work / f"s{n}-{i}.rdesk"
            shutil.copy(template, target)
            samples.append(timed([str(BIN), "finalize", str(target), "--out", str(work / f"out{n}-{i}")], env=env))
        record(f"finalize, {n} applications (process)", samples, 5.0 if n <= 600 else 60.0)


BENCHES: dict[str, Callable[[argparse.Namespace], None]] = {
    "policy": lambda a: bench_policy_list(a.repeat * 2),
    "rank": lambda a: bench_rank(a.repeat, a.apps),
    "import": lambda a: bench_import_scores(max(1, a.repeat // 2), a.apps),
    "merge": lambda a: bench_merge(max(1, a.repeat // 2), a.apps),
    "finalize": lambda a: bench_finalize(max(1, a.repeat // 2), [600, a.apps]),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, few repeats (a smoke run)")
    ap.add_argument("--only", nargs="*", choices=sorted(BENCHES), help="run only these")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--apps", type=int, default=20000)
    a = ap.parse_args()
    if a.quick:
        a.repeat, a.apps = 2, 2000
    if not BIN.exists() and shutil.which("reviewdesk"):
        globals()["BIN"] = Path(shutil.which("reviewdesk"))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}", flush=True)
    for name in a.only or list(BENCHES):
        BENCHES[name](a)
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(RESULTS, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
