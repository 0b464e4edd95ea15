"""Generate large sessions for benchmarks (provincial scale: 20,000 applications, 40 experts).

    python bench/generate.py OUT.rdesk --apps 20000 --experts 40 --reviews 5 [--scores-csv S.csv]

Applications and experts are written through the same audited change as an import; scores go
straight in (or, with ``--scores-csv``, to a CSV for the import benchmark and not into the session).
Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewdesk.fields import project_key  # noqa: E402
from reviewdesk.policy import find_catalog  # noqa: E402
from reviewdesk.session import Session  # noqa: E402

ALNUM = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(rng: random.Random) -> str:
    from stdnum.cn import uscc

    base = "91370100" + "".join(rng.choice(ALNUM) for _ in range(9))
    return base + uscc.calc_check_digit(base)


def generate(out: Path, n_apps: int = 20000, n_experts: int = 40, reviews_per_app: int = 5, seed: int = 1,
             scores_csv: Path | None = None, year: int = 2021, policy_id: str = "jinan-iiot-2020-2022") -> Path:
    rng = random.Random(seed)
    policy = find_catalog(policy_id)
    programs = list(policy.programs)
    enterprises = [(f"济南测试企业{i:05d}有限公司", credit_code(rng)) for i in range(max(10, n_apps // 3))]
    apps = []
    for i in range(n_apps):
        prog = programs[i % len(programs)]
        name, code = rng.choice(enterprises)
        project = f"工业互联网项目{rng.randrange(n_apps * 2)}"
        level = rng.choice(["national", "provincial", "municipal"])
        apps.append({
            "application_id": f"A-{i + 1:06d}", "program": prog.id, "enterprise_name": name, "credit_code": code,
            "project_name": project, "project_key": project_key(code, project), "level": level,
            "actual_investment": rng.randrange(1_000_000, 50_000_000),
            "construction_investment": rng.randrange(1_000_000, 10_000_000),
            "sales_received_1y": rng.randrange(500_000, 5_000_000),
            "rented_area_m2": str(rng.randrange(8000, 60000)),
            "requested_amount": rng.randrange(100_000, 3_000_000) if rng.random() < 0.5 else None,
            "fiscal_support": int(rng.random() < 0.2), "international_organiser": int(rng.random() < 0.8),
            "own_ip": int(rng.random() < 0.9), "source_row": i + 2})
    experts = [{"expert_id": f"E{e + 1:03d}", "name": f"专家{e + 1}", "organization": "测试单位"}
               for e in range(n_experts)]
    bias = {x["expert_id"]: rng.uniform(-6, 6) for x in experts}
    rows = []
    for app in apps:
        prog = policy.program(app["program"])
        q = rng.uniform(50, 95)
        for x in rng.sample(experts, reviews_per_app):
            eid = x["expert_id"]
            for c in prog.criteria:
                frac = max(0.0, min(1.0, (q + bias[eid] + rng.gauss(0, 5)) / 100))
                rows.append((app["application_id"], eid, c.id, round(frac * c.max_points * 2)))
    session = Session.create(out, policy, year, f"benchmark {n_apps}")
    try:
        with session.change("bench.generate", {"apps": n_apps, "experts": n_experts, "seed": seed}):
            session.db["applications"].insert_all(apps, batch_size=5000)
            session.db["experts"].insert_all(experts)
            if scores_csv is None:
                session.conn.executemany(
                    "INSERT INTO scores (application_id, expert_id, criterion, points2) VALUES (?,?,?,?)", rows)
        session.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        session.close()
    if scores_csv is not None:
        with Path(scores_csv).open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["expert_id", "application_id", "criterion", "score"])
            for aid, eid, crit, p2 in rows:
                w.writerow([eid, aid, crit, p2 / 2 if p2 % 2 else p2 // 2])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--apps", type=int, default=20000)
    ap.add_argument("--experts", type=int, default=40)
    ap.add_argument("--reviews", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scores-csv", type=Path)
    a = ap.parse_args()
    generate(a.out, a.apps, a.experts, a.reviews, a.seed, a.scores_csv)
    print(a.out)


if __name__ == "__main__":
    main()
