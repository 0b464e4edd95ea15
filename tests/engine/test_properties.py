"""Invariants of the shortlist (hypothesis), on generated in-memory sessions."""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal

from helpers import credit_code, make_policy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.fields import project_key
from reviewdesk.scoring import PanelData, Review, round2
from reviewdesk.shortlist import Application, Inputs, PriorAward, compute

POLICY = make_policy()
PROGRAMS = [p.id for p in POLICY.programs]
LEVELS = [None, "national", "provincial", "municipal"]


@st.composite
def sessions(draw):
    n_apps = draw(st.integers(1, 25))
    apps = []
    crit: dict[tuple[str, str], dict[str, int]] = {}
    reviews: dict[str, list[Review]] = {}
    for i in range(n_apps):
        pid = draw(st.sampled_from(PROGRAMS))
        ent = draw(st.integers(1, 5))
        proj = draw(st.sampled_from(["网络改造", "网络 改造。", "上云", "展会"]))
        code = credit_code(ent)
        money = st.one_of(st.none(), st.integers(0, 20_000_000))
        app = Application(
            application_id=f"A{i:03d}", program=pid, enterprise_name=f"企业{ent}", credit_code=code,
            project_name=proj, project_key=project_key(code, proj), level=draw(st.sampled_from(LEVELS)),
            actual_investment=draw(money), construction_investment=None, sales_received_1y=None,
            rented_area_m2=draw(st.one_of(st.none(), st.sampled_from(["9000", "10000", "25000.5", "60000"]))),
            requested_amount=draw(money), fiscal_support=draw(st.sampled_from([None, 0, 1])),
            international_organiser=draw(st.sampled_from([None, 0, 1])), own_ip=None)
        apps.append(app)
        program = POLICY.program(pid)
        revs = []
        for e in range(draw(st.integers(0, 6))):
            eid = f"E{e}"
            points = {c.id: draw(st.integers(0, 2 * c.max_points)) for c in program.criteria}
            crit[(app.application_id, eid)] = points
            revs.append(Review(sum(points.values()), eid))
        reviews[app.application_id] = revs
    prior = []
    for _ in range(draw(st.integers(0, 4))):
        ent = draw(st.integers(1, 6))
        proj = draw(st.sampled_from(["网络改造", "旧项目"]))
        prior.append(PriorAward(project_key(credit_code(ent), proj), draw(st.sampled_from(PROGRAMS + ["OLD"])),
                                draw(st.sampled_from([2020, 2021])), draw(st.integers(0, 800_000)),
                                draw(st.sampled_from(LEVELS))))
    return apps, reviews, crit, prior


def make_inputs(apps, reviews, crit, prior, decisions=None) -> Inputs:
    def loader(aggs, crits):
        for agg in aggs:
            k = 2 * len(agg.kept)
            agg.criteria_cents.update({
                c: int(round2(Decimal(sum(crit[(agg.application_id, r.expert_id)][c] for r in agg.kept)) / k) * 100)
                for c in crits})  # computed independently of the points strings

    return Inputs(POLICY, 2021, "t", list(apps), PanelData({a: list(r) for a, r in reviews.items()}, {}),
                  list(prior), decisions or {}, criteria_loader=loader)


def statuses(sl):
    return {e.application_id: (e.status, e.reason, e.rank, e.amount, e.tied, e.score)
            for p in sl.programs for e in p.entries}


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(sessions())
def test_awards_respect_quotas_pools_threshold_and_no_double_funding(data):
    apps, reviews, crit, prior = data
    sl = compute(make_inputs(apps, reviews, crit, prior))
    funded = Counter(p.project_key for p in prior)
    for pr in sl.programs:
        prog = pr.program
        awarded = [e for e in pr.entries if e.status == "awarded"]
        prior_same = [p for p in prior if p.year == 2021 and p.program == prog.id]
        if prog.quota is not None:
            assert len(awarded) + len(prior_same) <= max(prog.quota, len(prior_same))
        for lv, q in (prog.level_quotas or {}).items():
            n_prior = sum(1 for p in prior_same if p.level == lv)
            assert sum(1 for e in awarded if e.application.level == lv) + n_prior <= max(q, n_prior)
        if prog.budget_pool is not None:
            spent = sum(p.amount for p in prior_same)
            assert sum(e.amount for e in awarded) <= max(0, prog.budget_pool - spent)
        for e in awarded:
            assert e.score is not None and e.score >= prog.pass_score
            assert e.amount is not None and e.amount >= 0
            funded[e.application.project_key] += 1
        for e in pr.entries:
            assert (e.rank is None) == (e.status == "excluded")
            if e.status == "excluded":
                assert e.to_json()["amount"] is None
    assert all(n == 1 for k, n in funded.items() if k not in {p.project_key for p in prior})
    for p in prior:
        assert funded[p.project_key] == Counter(x.project_key for x in prior)[p.project_key]


@SETTINGS
@given(sessions(), st.integers(0, 2**32))
def test_result_does_not_depend_on_row_order(data, seed):
    apps, reviews, crit, prior = data
    base = statuses(compute(make_inputs(apps, reviews, crit, prior)))
    rng = random.Random(seed)
    apps2 = apps[:]
    rng.shuffle(apps2)
    reviews2 = {a: rng.sample(r, len(r)) for a, r in reversed(list(reviews.items()))}
    prior2 = rng.sample(prior, len(prior))
    assert statuses(compute(make_inputs(apps2, reviews2, crit, prior2))) == base


@SETTINGS
@given(sessions(), st.data())
def test_raising_a_candidates_scores_never_takes_its_award_away(data, draw):
    apps, reviews, crit, prior = data
    base = compute(make_inputs(apps, reviews, crit, prior))
    awarded = [e.application_id for p in base.programs for e in p.entries if e.status == "awarded"]
    if not awarded:
        return
    target = draw.draw(st.sampled_from(awarded))
    program = POLICY.program(next(a.program for a in apps if a.application_id == target))
    crit2 = dict(crit)
    new_reviews = []
    for r in reviews[target]:
        pts = dict(crit[(target, r.expert_id)])
        for c in program.criteria:
            pts[c.id] = min(2 * c.max_points, pts[c.id] + draw.draw(st.integers(0, 6)))
        crit2[(target, r.expert_id)] = pts
        new_reviews.append(Review(sum(pts.values()), r.expert_id))
    reviews2 = dict(reviews)
    reviews2[target] = new_reviews
    after = compute(make_inputs(apps, reviews2, crit2, prior)).entries()[target]
    assert after.status == "awarded"


@SETTINGS
@given(sessions())
def test_ranks_are_dense_and_sorted_by_score(data):
    apps, reviews, crit, prior = data
    for pr in compute(make_inputs(apps, reviews, crit, prior)).programs:
        ranked = [e for e in pr.entries if e.rank is not None]
        assert [e.rank for e in ranked] == list(range(1, len(ranked) + 1))
        scores = [e.score for e in ranked]
        assert scores == sorted(scores, reverse=True)
        excluded = [e.application_id for e in pr.entries if e.rank is None]
        assert excluded == sorted(excluded)
        assert pr.entries == ranked + [e for e in pr.entries if e.rank is None]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_stability_is_its_exhaustive_definition(data):
    from reviewdesk.shortlist import stability, stability_exhaustive

    apps, reviews, crit, prior = data
    assert stability(make_inputs(apps, reviews, crit, prior)) == stability_exhaustive(
        make_inputs(apps, reviews, crit, prior))
