"""20 workers issue decisions for the same symbol and year at once: numbers 1..20, no
duplicate, no gap. PostgreSQL only: SQLite serialises every writer (BEGIN IMMEDIATE), so
issuers cannot interleave there and the race this guards against does not exist."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from nominations_support import DECISION_DAY

from tdkt.awards.models import Award, Decision
from tdkt.nominations import domain as nom
from tdkt.nominations.models import DecisionCounter, IssuedDecision, Nomination
from tdkt.org import domain as org

WORKERS = 20

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite serialises writers, so issuing cannot race there")


def test_parallel_issuing_is_gapless(tree, officer, t, round_, engine):
    council = nom.create_council(
        officer, agency=tree.agency, level="province", name="Hội đồng TĐKT tỉnh"
    )
    chair = nom.add_council_member(officer, council, name="Chủ tịch")
    meeting = nom.create_meeting(officer, council, date=dt.date(2026, 1, 8), present=[chair])
    nominations = []
    for i in range(WORKERS):
        person = org.create_person(None, unit=tree.other, full_name=f"Ngô Văn Hải {i:02d}")
        n = nom.propose(officer, round_, award_type=t["BK_TINH"], person=person)
        n = nom.submit(officer, n, on=dt.date(2025, 12, 10))
        nom.record_vote(officer, meeting, n, totals=(1, 0, 0))
        nominations.append(n)
    nom.decide_votes(officer, meeting)
    assert Nomination.objects.filter(status="approved").count() == WORKERS

    barrier = threading.Barrier(WORKERS)
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(n: Nomination) -> None:
        try:
            barrier.wait(timeout=30)
            d = nom.issue_decision(
                officer, round_, date=DECISION_DAY, symbol="QĐ-SNV", nominations=[n]
            )
            with lock:
                numbers.append(d.number)
        except BaseException as e:  # report every failure, not just the first
            with lock:
                errors.append(e)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=worker, args=(n,)) for n in nominations]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert errors == []
    assert sorted(numbers) == [f"{i:02d}/QĐ-SNV" for i in range(1, WORKERS + 1)]
    assert sorted(Decision.objects.values_list("seq", flat=True)) == list(range(1, WORKERS + 1))
    assert DecisionCounter.objects.get().last == WORKERS
    assert IssuedDecision.objects.count() == Award.objects.count() == WORKERS
    assert Nomination.objects.filter(status="decided").count() == WORKERS
