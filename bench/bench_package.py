"""Size and start-up of the frozen ReviewDesk folder against a minimal PySide6 program frozen the same way.

    python bench/bench_package.py [--no-build] [--runs 5]

Builds ``dist/ReviewDesk`` from ``build_installer.spec`` (as ``make package`` does) and the
baseline ``packaging/minimal.spec`` (a QMainWindow, one-dir, UPX off, PyInstaller's defaults)
into ``build/bench-package/``, on this machine, in this run. Then measures:

- folder size: the bytes of every file (symlinks not followed, so nothing counts twice);
- start-up, time to first window: ``reviewdesk open --screenshot PNG`` and ``minimal
  --screenshot PNG`` on the offscreen platform: process start, the window shown and rendered to
  a PNG, process exit. Median of ``--runs`` after one warm-up run (the file cache);
- for reference: ``reviewdesk --version`` (the command line without Qt) and the whole
  ``reviewdesk --self-test``.

Writes ``bench/out/package.json`` and prints a Markdown table for ``docs/packaging.md``.
The target (issue 6): ReviewDesk's folder ≤ 1.25 × the minimal program's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
WORK = ROOT / "build" / "bench-package"
EXE = ".exe" if sys.platform.startswith("win") else ""
PYINSTALLER = Path(sys.executable).parent / f"pyinstaller{EXE}"
SIZE_TARGET = 1.25

sys.path.insert(0, str(ROOT / "packaging"))
import bundle  # noqa: E402 - packaging/bundle.py


def build(spec: Path, dist: Path, work: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([str(PYINSTALLER), "--noconfirm", "--clean", "--log-level", "WARN", "--distpath", str(dist),
                    "--workpath", str(work), str(spec)], check=True, cwd=ROOT)
    return time.perf_counter() - t0


def folder_bytes(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            p = Path(dirpath, name)
            if not p.is_symlink():
                total += p.stat().st_size
    return total


def biggest(folder: Path, n: int = 12) -> list[tuple[str, int]]:
    sizes = [(str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*")
             if p.is_file() and not p.is_symlink()]
    return sorted(sizes, key=lambda x: -x[1])[:n]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}")
    return seconds


def median_of(cmd: list[str], env: dict[str, str], runs: int) -> dict[str, float | int]:
    return interleaved({"cmd": cmd}, env, runs)["cmd"]


def interleaved(cmds: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, dict[str, float | int]]:
    """Each command ``runs`` times, taking turns, so the shared machine's bursts of load hit them
    alike (timing one command's runs and then the other's compared a quiet minute with a busy one)."""
    for cmd in cmds.values():
        timed(cmd, env)  # warm-up: the file cache, fontconfig's cache
    samples: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            samples[name].append(timed(cmd, env))
    return {name: {"median": statistics.median(x), "min": min(x), "max": max(x), "n": runs}
            for name, x in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-build", action="store_true", help="measure the folders built before")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    app_dir = ROOT / "dist" / bundle.APP_NAME
    minimal_dist = WORK / "dist"
    minimal_dir = minimal_dist / "minimal"
    results: dict = {"machine": f"{platform.system()} {platform.release()} {platform.machine()}, "
                                f"{os.cpu_count()} CPUs, Python {platform.python_version()}"}
    if not args.no_build:
        results["build_seconds"] = {
            "reviewdesk": build(ROOT / "build_installer.spec", ROOT / "dist", ROOT / "build" / "build_installer"),
            "minimal": build(ROOT / "packaging" / "minimal.spec", minimal_dist, WORK / "work"),
        }

    app_size, minimal_size = folder_bytes(app_dir), folder_bytes(minimal_dir)
    results["size_bytes"] = {"reviewdesk": app_size, "minimal": minimal_size}
    results["size_ratio"] = app_size / minimal_size
    results["biggest_files"] = {"reviewdesk": biggest(app_dir), "minimal": biggest(minimal_dir)}

    cli = str(app_dir / f"{bundle.cli_name(sys.platform)}{EXE}")
    with tempfile.TemporaryDirectory(prefix="bench-package-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REVIEWDESK_HOME=str(Path(tmp, "home")),
                   XDG_CONFIG_HOME=str(Path(tmp, "config")), REVIEWDESK_LANG="zh")
        shot = str(Path(tmp, "shot.png"))
        results["first_window_seconds"] = interleaved({
            "reviewdesk": [cli, "open", "--screenshot", shot],
            "minimal": [str(minimal_dir / f"minimal{EXE}"), "--screenshot", shot],
        }, env, args.runs)
        results["cli_version_seconds"] = median_of([cli, "--version"], env, args.runs)
        results["self_test_seconds"] = median_of([cli, "--self-test"], env, min(args.runs, 3))

    OUT.mkdir(exist_ok=True)
    (OUT / "package.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    mib = 1024 * 1024
    fw = results["first_window_seconds"]
    print(f"\nMeasured on {results['machine']}\n")
    print("| | ReviewDesk | minimal PySide6 QMainWindow | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| folder size | {app_size / mib:.1f} MiB | {minimal_size / mib:.1f} MiB | "
          f"{results['size_ratio']:.2f} (target ≤ {SIZE_TARGET}) |")
    print(f"| first window (median of {args.runs}) | {fw['reviewdesk']['median']:.2f} s | "
          f"{fw['minimal']['median']:.2f} s | {fw['reviewdesk']['median'] / fw['minimal']['median']:.1f} |")
    if "build_seconds" in results:
        b = results["build_seconds"]
        print(f"| build (PyInstaller, --clean) | {b['reviewdesk']:.0f} s | {b['minimal']:.0f} s | |")
    print(f"| `reviewdesk --version` | {results['cli_version_seconds']['median']:.2f} s | | |")
    print(f"| `reviewdesk --self-test` | {results['self_test_seconds']['median']:.2f} s | | |")
    ok = results["size_ratio"] <= SIZE_TARGET
    print(f"\nsize ratio {results['size_ratio']:.3f}: {'OK' if ok else 'OVER TARGET'}; written to {OUT / 'package.json'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
