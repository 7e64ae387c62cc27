"""The demo course's evaluation: its bank imported from our GIFT file, both tests, and
Rahmat, for whom the academic evaluation is open."""

from collections import Counter

import pytest
from django.core.management import call_command

from latih.accounts.models import Person
from latih.demo import exams as demo
from latih.exams import services
from latih.exams.models import Question
from latih.exams.models import Test as ExamTest

RAHMAT = "199811082024211007"
SITI = "199507222024212002"


@pytest.fixture
def loaded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)


def test_the_demo_bank_is_our_gift_file_read_whole(loaded):
    assert Question.objects.count() == 64
    assert Question.objects.filter(multiple=True).count() == 6
    assert set(ExamTest.objects.values_list("kind", flat=True)) == {"pre", "post"}


def test_rahmat_can_start_the_evaluation_and_draws_40_by_category(loaded):
    rahmat = Person.objects.get(nip=RAHMAT)
    evaluation = ExamTest.objects.get(kind="post")
    place = services.standing(rahmat, evaluation)
    assert place.unmet == []
    attempt = services.start_attempt(rahmat, evaluation)
    drawn = Counter(attempt.items.values_list("question__category__name", flat=True))
    assert dict(drawn) == demo.EVALUATION_DRAW
    assert attempt.cap == 100 and (attempt.deadline - attempt.started_at).seconds == 90 * 60


def test_siti_is_told_what_she_still_lacks(loaded):
    siti = Person.objects.get(nip=SITI)
    reasons = [r.reason for r in services.standing(siti, ExamTest.objects.get(kind="post")).unmet]
    assert "study_all" in reasons and "trophies" in reasons


def test_loading_again_adds_nothing_and_reset_removes_attempts(loaded):
    rahmat = Person.objects.get(nip=RAHMAT)
    services.start_attempt(rahmat, ExamTest.objects.get(kind="post"))
    call_command("load_demo", verbosity=0)
    assert Question.objects.count() == 64 and ExamTest.objects.count() == 2
    assert rahmat.attempts.count() == 1
    call_command("load_demo", "--reset", verbosity=0)
    assert rahmat.attempts.count() == 0
