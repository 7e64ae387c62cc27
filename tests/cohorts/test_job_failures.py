"""A background job that fails, and a worker that lost its lease.

A job whose work raises is marked failed: with the message when the reason is one its
user can act on (``JobError``), as "internal" with the traceback in the log otherwise. A
worker whose lease expired and was taken by another stops without touching the job,
whatever it does next; ``resume_stalled`` hands a stalled job to a new worker."""

import datetime as dt
import logging

import pytest
from django.urls import reverse

from latih.cohorts import jobs
from latih.cohorts.models import Job
from latih.common import clock

T0 = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)
THIS = "tests.cohorts.test_job_failures"

# What the fake work of each test does; set by the test, called with the job.
work: dict[str, object] = {}


def fake_work(job: Job) -> None:
    work["run"](job)


@pytest.fixture
def job_of(cohort, organizer, monkeypatch):
    """Queue a job whose work is ``run(job)`` (it is not started: on-commit never fires)."""

    def job_of(run, kind=Job.Kind.RESULTS, **fields):
        monkeypatch.setitem(jobs.RUNNERS, kind, f"{THIS}:fake_work")
        monkeypatch.setitem(work, "run", run)
        job, created = jobs.queue(cohort, kind, organizer, **fields)
        assert created
        return job

    return job_of


def at(minutes: float):
    return clock.freeze(T0 + dt.timedelta(minutes=minutes))


def untouched_since(job: Job, before: dict) -> bool:
    after = Job.objects.filter(pk=job.pk).values(*before).get()
    return after == before


def snapshot(job: Job) -> dict:
    fields = ("status", "runner", "done", "total", "counts", "error", "finished_at")
    return Job.objects.filter(pk=job.pk).values(*fields).get()


# --- Failure ---------------------------------------------------------------------------------
def test_a_job_error_fails_the_job_with_its_message_shown_to_the_organizer(
    job_of, organizer_client
):
    def refuse(job):
        jobs.advance(job, done=1, total=3)
        raise jobs.JobError("Nilai angkatan ini sudah final.")

    job = job_of(refuse)
    with at(0):
        jobs.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.done) == ("failed", "Nilai angkatan ini sudah final.", 1)
    assert job.finished_at == T0 and not job.active
    page = organizer_client.get(reverse("cohorts:job", args=[job.pk])).content.decode()
    assert 'data-status="failed"' in page
    assert "Nilai angkatan ini sudah final." in page
    assert "Proses terhenti karena terjadi kesalahan di server" not in page


def test_an_unexpected_error_fails_the_job_as_internal_and_logs_the_traceback(
    job_of, organizer_client, caplog
):
    def crash(job):
        raise ZeroDivisionError("rahasia internal di baris 42")

    job = job_of(crash)
    with caplog.at_level(logging.ERROR, logger=jobs.log.name), at(0):
        jobs.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.finished_at) == ("failed", "internal", T0)
    [record] = [r for r in caplog.records if r.name == jobs.log.name]
    assert record.getMessage() == f"job {job.pk} failed"
    assert record.exc_info and record.exc_info[0] is ZeroDivisionError
    page = organizer_client.get(reverse("cohorts:job", args=[job.pk])).content.decode()
    # The organizer reads what happened in Indonesian, never the exception's own text.
    assert "Proses terhenti karena terjadi kesalahan di server" in page
    assert "rahasia internal" not in page and "ZeroDivisionError" not in page


def test_a_failed_job_frees_its_place_so_the_same_job_can_be_queued_again(job_of, cohort):
    def crash(job):
        raise RuntimeError("boom")

    job = job_of(crash)
    with at(0):
        jobs.run(job.pk)
    assert jobs.active(cohort, Job.Kind.RESULTS) is None
    again, created = jobs.queue(cohort, Job.Kind.RESULTS, None)
    assert created and again.pk != job.pk


def test_a_failed_job_is_not_run_again(job_of):
    calls = []

    def crash(job):
        calls.append(job.pk)
        raise jobs.JobError("Berkas hilang.")

    job = job_of(crash)
    with at(0):
        jobs.run(job.pk)
    with at(60):
        jobs.run(job.pk)
        assert jobs.resume_stalled() == 0
    assert calls == [job.pk]
    assert Job.objects.get(pk=job.pk).status == "failed"


# --- Lease lost ------------------------------------------------------------------------------
def take_over(job: Job) -> Job:
    """Another worker finds the job's lease expired and takes it."""
    Job.objects.filter(pk=job.pk).update(heartbeat_at=clock.now() - jobs.LEASE * 2)
    other = jobs.take(job.pk)
    assert other is not None and other.runner != job.runner
    jobs.advance(other, done=2)
    return other


def test_a_worker_whose_lease_was_taken_stops_at_its_next_chunk_without_touching_the_job(
    job_of, caplog
):
    reached = []

    def slow(job):
        jobs.advance(job, done=1, total=5)
        take_over(job)
        jobs.advance(job, done=1, counts={"created": 1})  # LeaseLost: the chunk is not counted
        reached.append("after the lost chunk")

    job = job_of(slow)
    with caplog.at_level(logging.ERROR, logger=jobs.log.name), at(0):
        jobs.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.done, job.counts, job.error, job.finished_at) == (
        "running",
        3,  # the first worker's 1 and the new worker's 2
        {},
        "",
        None,
    )
    assert reached == []
    assert not [r for r in caplog.records if r.name == jobs.log.name]  # expected, not an error


@pytest.mark.parametrize(
    "ending",
    [
        pytest.param(None, id="returns"),
        pytest.param(jobs.JobError("Berkas hilang."), id="job_error"),
        pytest.param(RuntimeError("boom"), id="crash"),
    ],
)
def test_a_worker_that_lost_its_lease_does_not_end_the_job_the_new_worker_runs(job_of, ending):
    def stale(job):
        take_over(job)
        if ending is not None:
            raise ending

    job = job_of(stale)
    with at(0):
        jobs.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.finished_at, job.done) == ("running", "", None, 2)


def test_a_job_that_has_ended_cannot_be_advanced(job_of):
    job = job_of(lambda job: None)
    with at(0):
        taken = jobs.take(job.pk)
        Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error="internal")
        with pytest.raises(jobs.LeaseLost):
            jobs.advance(taken, done=1)
    assert Job.objects.get(pk=job.pk).done == 0


def test_a_job_held_by_a_live_worker_is_not_taken(job_of):
    job = job_of(lambda job: None)
    with at(0):
        assert jobs.take(job.pk) is not None
    with at(4):  # within the lease
        assert jobs.take(job.pk) is None
    with at(6):  # the lease has expired
        assert jobs.take(job.pk) is not None


# --- Resuming --------------------------------------------------------------------------------
def test_resume_stalled_hands_a_stalled_job_to_a_new_worker_where_it_stopped(job_of):
    seen = []

    def resumable(job):
        seen.append((job.runner, job.done))
        if len(seen) == 1:
            jobs.advance(job, done=2, total=4)
            raise SystemExit("worker killed")
        jobs.advance(job, done=2)

    job = job_of(resumable)
    with at(0), pytest.raises(SystemExit):
        jobs.run(job.pk)
    before = snapshot(job)
    with at(4):  # the dead worker's lease still holds
        assert jobs.resume_stalled() == 0
    assert untouched_since(job, before)
    with at(6):
        assert jobs.resume_stalled() == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == ("done", 4, 4)
    assert seen[1][1] == 2 and seen[1][0] != seen[0][0]  # a new lease, from chunk 2 on
    assert job.runner == seen[1][0]


def test_resume_stalled_queues_again_a_job_nobody_took_and_leaves_the_others(
    job_of, cohort, organizer
):
    ran = []

    def record(job):
        ran.append(job.pk)

    with at(0):
        forgotten = job_of(record, sha256="a" * 64)
        live = job_of(record, sha256="b" * 64)
        jobs.take(live.pk)
        ended = job_of(record, sha256="c" * 64)
        Job.objects.filter(pk=ended.pk).update(status=Job.Status.DONE)
    with at(0.5):
        fresh = job_of(record, sha256="d" * 64)
    with at(1.2):  # a minute after the first was queued, within everyone's lease
        assert jobs.resume_stalled() == 1
    assert ran == [forgotten.pk]
    statuses = dict(Job.objects.values_list("pk", "status"))
    assert statuses == {
        forgotten.pk: "done",
        live.pk: "running",
        ended.pk: "done",
        fresh.pk: "queued",
    }
