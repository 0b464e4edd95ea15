"""The command line as CONTRACT.md writes it: commands, exit statuses, stderr lines, JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import credit_code, write_csv

POLICY = "jinan-iiot-2020-2022"


def run(*args, env=None, cwd=None) -> subprocess.CompletedProcess:
    e = dict(os.environ)
    e["REVIEWDESK_LANG"] = "en"
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "reviewdesk.cli", *map(str, args)], capture_output=True, text=True,
                          env=e, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def catalog():
    p = run("policy", "show", POLICY, "--json")
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_policy_list_and_show(catalog):
    p = run("policy", "list")
    assert p.returncode == 0
    line = next(line_ for line_ in p.stdout.splitlines() if line_.startswith(POLICY))
    assert line.split("\t")[2] == "2020-01-01..2022-12-31"
    assert catalog["id"] == POLICY and len(catalog["programs"]) == 15
    prog = catalog["programs"][0]
    for key in ("id", "name", "quota", "level_quotas", "budget_pool", "funding", "eligibility", "pass_score",
                "min_reviews", "trim_from", "criteria", "tie_break"):
        assert key in prog
    assert prog["funding"] == {"kind": "rate_of_base", "rate": "0.20", "base": "actual_investment", "cap": 3000000}
    assert isinstance(prog["pass_score"], str)


def test_unknown_policy_exit_2():
    p = run("policy", "show", "nope", "--json")
    assert p.returncode == 2 and "nope" in p.stderr and "Traceback" not in p.stderr


def test_session_new_refusals(tmp_path):
    s = tmp_path / "s.rdesk"
    assert run("session", "new", s, "--policy", POLICY, "--year", "2021").returncode == 0
    p = run("session", "new", s, "--policy", POLICY, "--year", "2021")
    assert p.returncode == 2 and "already exists" in p.stderr
    p = run("session", "new", tmp_path / "t.rdesk", "--policy", POLICY, "--year", "2019")
    assert p.returncode == 2 and not (tmp_path / "t.rdesk").exists()


def test_full_cli_flow_and_rank_json(tmp_path, catalog):
    s = tmp_path / "s.rdesk"
    assert run("session", "new", s, "--policy", POLICY, "--year", "2021", "--name", "CLI会话").returncode == 0
    apps = write_csv(tmp_path / "apps.csv",
                     ["申报编号", "项目类别", "企业名称", "统一社会信用代码", "项目名称", "实际投入(万元)"],
                     [["A-1", "P01", "甲", credit_code(1), "网改", "500"],
                      ["A-2", "P01", "乙", credit_code(2), "网改", "1,200.5"],
                      ["A-3", "P07", "丙", credit_code(3), "示范", "80"]])
    p = run("import", "applications", s, apps)
    assert p.returncode == 0, p.stderr
    experts = write_csv(tmp_path / "experts.csv", ["expert_id", "name"], [[f"E{i}", f"专家{i}"] for i in range(1, 6)])
    assert run("import", "experts", s, experts).returncode == 0
    crits = {pr["id"]: pr["criteria"] for pr in catalog["programs"]}
    rows = []
    for aid, pid, frac in (("A-1", "P01", 0.9), ("A-2", "P01", 0.7), ("A-3", "P07", 0.5)):
        for e in range(1, 6):
            for c in crits[pid]:
                rows.append([f"E{e}", aid, c["id"], round(c["max_points"] * frac * 2) / 2])
    assert run("import", "scores", s, write_csv(tmp_path / "scores.csv",
                                                 ["expert_id", "application_id", "criterion", "score"], rows)
               ).returncode == 0
    p = run("rank", s, "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["session"] == {"name": "CLI会话", "year": 2021, "policy": POLICY}
    p01 = out["programs"][0]
    assert set(p01) == {"program", "quota", "quota_left", "budget_pool", "budget_left", "entries"}
    assert p01["program"] == "P01" and p01["quota"] == 10 and p01["quota_left"] == 8
    e1 = p01["entries"][0]
    assert set(e1) == {"application_id", "status", "rank", "score", "reviews", "amount", "reason", "tied"}
    assert e1["application_id"] == "A-1" and e1["status"] == "awarded" and e1["rank"] == 1
    assert e1["amount"] == 1000000 and e1["reviews"] == 5 and isinstance(e1["score"], str)
    assert p01["entries"][1]["amount"] == 2401000  # 20% × 12,005,000
    p07 = out["programs"][1]
    assert p07["entries"][0]["reason"] == "below_threshold" and p07["entries"][0]["amount"] is None
    # decide
    p = run("decide", s, "A-3", "--award", "--reason", "示范意义重大")
    assert p.returncode == 0, p.stderr
    out = json.loads(run("rank", s, "--json").stdout)
    e3 = out["programs"][1]["entries"][0]
    assert e3["status"] == "awarded" and e3["reason"] == "chair:示范意义重大" and e3["amount"] == 240000
    p = run("decide", s, "A-3", "--reason", "x")
    assert p.returncode == 2
    p = run("decide", s, "A-9", "--exclude", "--reason", "x")
    assert p.returncode == 2 and "A-9" in p.stderr


def test_bad_import_exit_2_every_problem_one_line_and_nothing_changed(tmp_path):
    s = tmp_path / "s.rdesk"
    run("session", "new", s, "--policy", POLICY, "--year", "2021")
    bad = write_csv(tmp_path / "bad.csv", ["application_id", "program", "enterprise_name", "credit_code",
                                           "project_name", "actual_investment"],
                    [["A-1", "P99", "甲", credit_code(1), "x", "1"], ["A-2", "P01", "乙", "123", "y", "-5"]])
    before = s.read_bytes()
    p = run("import", "applications", s, bad)
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert lines[0].startswith("bad.csv:2: program: ")
    assert any(line.startswith("bad.csv:3: credit_code: ") for line in lines)
    assert any(line.startswith("bad.csv:3: actual_investment: ") for line in lines)
    assert "Traceback" not in p.stderr
    assert s.read_bytes() == before
    json_out = json.loads(run("rank", s, "--json").stdout)
    assert json_out["programs"] == []


def test_usage_errors_exit_2(tmp_path):
    assert run("rank").returncode == 2
    assert run("import", "applications").returncode == 2
    p = run("rank", tmp_path / "none.rdesk", "--json")
    assert p.returncode == 2 and "no such session" in p.stderr


def test_demo_no_gui_writes_a_session(tmp_path):
    out = tmp_path / "demo.rdesk"
    p = run("demo", "--no-gui", "--out", out)
    assert p.returncode == 0, p.stderr
    ranked = json.loads(run("rank", out, "--json").stdout)
    assert len(ranked["programs"]) == 15


def test_importing_the_core_loads_no_qt():
    code = ("import sys, reviewdesk, reviewdesk.cli, reviewdesk.shortlist, reviewdesk.imports, reviewdesk.demo;"
            "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','ui','reportlab','pyhanko')];"
            "print(' '.join(bad)); sys.exit(1 if bad else 0)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def test_no_module_in_the_core_imports_qt_or_ui():
    import re

    root = Path(__file__).resolve().parents[2] / "reviewdesk"
    pattern = re.compile(r"^\s*(from|import)\s+(PySide6|ui)\b", re.M)
    for f in root.rglob("*.py"):
        assert not pattern.search(f.read_text(encoding="utf-8")), f
