"""Every change of state in the evaluation, one function per verb: starting an attempt,
saving an answer, submitting (by the participant or at the deadline), granting extra time
or an extra attempt, regrading a question, and keeping the question bank.

Each runs in a transaction and is safe to call twice: two tabs starting at once get one
attempt, a double submit grades once, a retried answer never overwrites a newer one.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from latih.accounts import permissions
from latih.accounts.models import Person
from latih.accounts.permissions import Action
from latih.common import clock, events
from latih.common.errors import AppError, Conflict
from latih.learning import queries as learning
from latih.learning.models import Course, Enrollment
from latih.learning.services import sanitize

from . import formats, rules
from .events import AttemptSubmitted
from .formats import HTML, BankOption, BankQuestion, Problem
from .models import Attempt, Category, Draw, Grant, Item, Option, Question, Regrade, ScoreChange
from .models import Test as ExamTest

REGRADE_CHUNK = 1000
_system_random = random.SystemRandom()


def require_author(actor: Person) -> None:
    permissions.require(actor, Action.AUTHOR)


# --- Opening -----------------------------------------------------------------------------------
class NotOpen(AppError):  # noqa: N818 - an expected outcome, named as the users say it
    """The test is not open to this person; ``reasons`` says every reason why."""

    code = "not_open"
    status = 403
    default_message = gettext_lazy("This test is not open to you now.")

    def __init__(self, reasons: Sequence[rules.Unmet]) -> None:
        super().__init__()
        self.reasons = list(reasons)


class EmptyBank(AppError):  # noqa: N818
    """The test has no questions to draw."""

    code = "empty_bank"
    status = 409
    default_message = gettext_lazy("This test has no questions yet. Contact the organizer.")


def window_close(test: ExamTest, enrollment: Enrollment | None) -> dt.datetime | None:
    """When the test's window closes: its own close, the end of the cohort's last day (in
    the platform's time zone), or the moment the cohort's grades were made final,
    whichever is soonest. Final grades close it: no new attempt starts, while one already
    started runs to its own deadline; reopening the grades opens it again."""
    closes = [test.closes_at] if test.closes_at else []
    cohort = enrollment.cohort if enrollment is not None else None
    if cohort is not None and cohort.ends_on is not None:
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        next_day = cohort.ends_on + dt.timedelta(days=1)
        closes.append(dt.datetime.combine(next_day, dt.time.min, tzinfo=zone))
    if cohort is not None and cohort.finalized_at is not None:
        closes.append(cohort.finalized_at)
    return min(closes) if closes else None


def attempts_allowed(test: ExamTest, extra: int) -> int | None:
    return None if test.max_attempts is None else test.max_attempts + extra


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()


@dataclass
class Standing:
    """A participant's place before a test: what stops them starting, their attempts, the
    cap of the next one and their best score."""

    test: ExamTest
    enrollment: Enrollment | None
    unmet: list[rules.Unmet]
    attempts: list[Attempt]
    next_cap: Decimal
    closes_at: dt.datetime | None
    open_attempt: Attempt | None = None
    pending: list[Grant] = field(default_factory=list)

    @property
    def can_start(self) -> bool:
        return not self.unmet and self.open_attempt is None

    @property
    def best(self) -> Decimal | None:
        return rules.best_score(attempt.score for attempt in self.attempts)

    @property
    def passed(self) -> bool:
        return rules.passed(self.best, self.test.pass_mark)

    @property
    def graded(self) -> list[Attempt]:
        return [attempt for attempt in self.attempts if attempt.submitted_at is not None]


def standing(person: Person, test: ExamTest) -> Standing:
    """Where ``person`` stands before ``test`` (an expired open attempt is submitted first)."""
    submit_expired(person=person, test=test)
    course = test.course
    progress = learning.course_progress(person, course)
    enrollment = progress.enrollment if progress.enrollment and progress.enrollment.pk else None
    attempts = list(Attempt.objects.filter(test=test, person=person).order_by("number"))
    grants = list(Grant.objects.filter(test=test, person=person, attempt__isnull=True))
    extra_attempts = [grant for grant in grants if grant.kind == Grant.Kind.EXTRA_ATTEMPT]
    now = clock.now()
    first = person.first_signed_in_at
    closes = window_close(test, enrollment)
    facts = rules.OpeningFacts(
        evaluation=test.is_evaluation,
        consented=progress.consented,
        sections_done=all(view.done for view in progress.sections),
        trophies=progress.trophies.earned,
        trophies_needed=course.trophies_for_evaluation,
        first_sign_in=_local_date(first) if first else None,
        days_after=course.evaluation_after_days,
        today=_local_date(now),
        now=now,
        opens_at=test.opens_at,
        closes_at=closes,
        attempts_used=len(attempts),
        attempts_allowed=attempts_allowed(test, len(extra_attempts)),
    )
    counted = sum(1 for attempt in attempts if attempt.counts_for_cap)
    next_cap = rules.cap_for(test.cap_table(), rules.cap_number(counted, not extra_attempts))
    open_attempt = next((attempt for attempt in attempts if attempt.is_open), None)
    return Standing(
        test=test,
        enrollment=enrollment,
        unmet=rules.unmet(facts) if enrollment else [rules.Unmet(rules.NO_CONSENT)],
        attempts=attempts,
        next_cap=next_cap,
        closes_at=closes,
        open_attempt=open_attempt,
        pending=grants,
    )


# --- Attempts ----------------------------------------------------------------------------------
def _pools(test: ExamTest) -> list[tuple[int, list[int]]]:
    live = Question.objects.filter(is_archived=False, category__course_id=test.course_id)
    draws = list(test.draws.all())
    if not draws:
        return [(test.question_count, list(live.values_list("pk", flat=True)))]
    by_category: dict[int, list[int]] = {draw.category_id: [] for draw in draws}
    rows = live.filter(category_id__in=by_category).values_list("category_id", "pk")
    for category_id, pk in rows:
        by_category[category_id].append(pk)
    return [(draw.count, by_category[draw.category_id]) for draw in draws]


def _items(attempt: Attempt, question_ids: Sequence[int], rng: random.Random) -> list[Item]:
    questions = Question.objects.in_bulk(question_ids)
    options: dict[int, list[Option]] = {pk: [] for pk in question_ids}
    for option in Option.objects.filter(question_id__in=question_ids).order_by("position", "id"):
        options[option.question_id].append(option)
    items = []
    for position, pk in enumerate(question_ids, start=1):
        question = questions[pk]
        shown = rules.shuffled(options[pk], rng)
        items.append(
            Item(
                attempt=attempt,
                position=position,
                question=question,
                text=question.text,
                format=question.format,
                multiple=question.multiple,
                options=[
                    {
                        "id": o.pk,
                        "text": o.text,
                        "fraction": str(o.fraction),
                        "feedback": o.feedback,
                    }
                    for o in shown
                ],
            )
        )
    return items


def start_attempt(person: Person, test: ExamTest, rng: random.Random | None = None) -> Attempt:
    """Start an attempt, or return the one already open (a reload, a second tab, a double
    click, another device). Its deadline and score cap are fixed now."""
    rng = rng or _system_random
    place = standing(person, test)
    if place.open_attempt is not None:
        return place.open_attempt
    if place.unmet:
        raise NotOpen(place.unmet)
    try:
        with transaction.atomic():
            return _create_attempt(person, test, place, rng)
    except IntegrityError:
        # Started at the same moment by another request: that one wins, and is returned.
        attempt = Attempt.objects.filter(test=test, person=person, submitted_at__isnull=True)
        found = attempt.first()
        if found is None:
            raise
        return found


def _create_attempt(person: Person, test: ExamTest, place: Standing, rng: random.Random) -> Attempt:
    now = clock.now()
    counted = Attempt.objects.filter(test=test, person=person, counts_for_cap=True).count()
    last = Attempt.objects.filter(test=test, person=person).aggregate(n=Max("number"))["n"] or 0
    extra_attempt = next(
        (grant for grant in place.pending if grant.kind == Grant.Kind.EXTRA_ATTEMPT), None
    )
    extra_time = [grant for grant in place.pending if grant.kind == Grant.Kind.EXTRA_TIME]
    minutes = sum(grant.minutes or 0 for grant in extra_time)
    counts = extra_attempt is None
    attempt = Attempt.objects.create(
        test=test,
        person=person,
        number=last + 1,
        counts_for_cap=counts,
        started_at=now,
        deadline=rules.deadline(now, test.time_limit, minutes, place.closes_at),
        cap=rules.cap_for(test.cap_table(), rules.cap_number(counted, counts)),
    )
    seen = Item.objects.filter(attempt__test=test, attempt__person=person).exclude(attempt=attempt)
    chosen = rules.draw(_pools(test), seen.values_list("question_id", flat=True), rng)
    if not chosen:
        raise EmptyBank
    Item.objects.bulk_create(_items(attempt, chosen, rng))
    used = [grant.pk for grant in extra_time] + ([extra_attempt.pk] if extra_attempt else [])
    if used:
        Grant.objects.filter(pk__in=used, attempt__isnull=True).update(attempt=attempt)
    transaction.on_commit(lambda: _schedule_deadline(attempt))
    return attempt


def _schedule_deadline(attempt: Attempt) -> None:
    """With a broker, a job submits the attempt at its deadline; the periodic sweep
    (and every page that reads the attempt) catches any the job misses."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return
    from .tasks import submit_at_deadline

    submit_at_deadline.apply_async((attempt.pk,), eta=attempt.deadline)


class Late(Conflict):  # noqa: N818 - an expected outcome
    """The attempt has ended: the answer arrived after the deadline or the submission."""

    code = "late"
    default_message = gettext_lazy("The attempt has ended: this answer was not saved.")


class BadAnswer(AppError):  # noqa: N818
    """The answer names options the question does not have."""

    code = "bad_answer"
    default_message = gettext_lazy("This answer does not fit the question. Reload the page.")


@dataclass(frozen=True)
class Saved:
    position: int
    seq: int  # the sequence number now stored (newer than the one sent: a later change won)
    selected: list[int]
    seconds_left: int


def save_answer(
    person: Person, attempt_id: int, position: int, selected: Sequence[int], seq: int
) -> Saved:
    """Store the answer to question ``position`` of the person's open attempt, unless a
    newer change (higher ``seq``) is already stored. Refused after the deadline."""
    now = clock.now()
    with transaction.atomic():
        # Only the attempt's row is locked, as submit_attempt locks it first too: a save and
        # a submission of the same attempt then run one after the other (the answer is
        # either graded or refused as late), and never deadlock over the item's row.
        try:
            item = (
                Item.objects.select_for_update(no_key=True, of=("attempt",))
                .select_related("attempt")
                .only(
                    "pk",
                    "options",
                    "multiple",
                    "selected",
                    "seq",
                    "attempt__deadline",
                    "attempt__submitted_at",
                )
                .get(attempt_id=attempt_id, attempt__person=person, position=position)
            )
        except Item.DoesNotExist:
            raise PermissionDenied from None
        attempt = item.attempt
        if attempt.submitted_at is not None or now >= attempt.deadline:
            raise Late
        known = {option["id"] for option in item.options}
        chosen = list(dict.fromkeys(int(pk) for pk in selected))
        if any(pk not in known for pk in chosen) or (not item.multiple and len(chosen) > 1):
            raise BadAnswer
        # The item was read when the lock was asked for; a save that held the lock before
        # may have stored a newer change since, so the database compares the numbers.
        stored = Item.objects.filter(pk=item.pk, seq__lt=seq).update(
            selected=chosen, seq=seq, answered_at=now
        )
        if stored:
            item.selected, item.seq = chosen, seq
        elif seq > item.seq:
            item.refresh_from_db(fields=["selected", "seq"])
        return Saved(
            position, item.seq, list(item.selected), rules.seconds_left(attempt.deadline, now)
        )


def submit_attempt(attempt: Attempt, *, at_deadline: bool = False) -> Attempt:
    """Grade and close the attempt with the answers saved; a second call changes nothing.

    Submitted at or after its deadline (by the job, or by a participant whose time ran
    out), the attempt's finish time is its deadline."""
    now = clock.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.submitted_at is not None:
            return locked
        if at_deadline and now < locked.deadline:
            return locked  # the job ran early (clock skew); the sweep comes back
        late = now >= locked.deadline
        items = list(Item.objects.filter(attempt=locked).order_by("position"))
        for item in items:
            item.credit = _credit(item)
        Item.objects.bulk_update(items, ["credit"], batch_size=500)
        locked.raw_score = rules.raw_score([item.credit for item in items])
        locked.score = rules.capped(locked.raw_score, locked.cap)
        locked.passed = rules.passed(locked.score, locked.test.pass_mark)
        locked.submitted_at = locked.deadline if late else now
        locked.auto_submitted = late
        locked.save(
            update_fields=["raw_score", "score", "passed", "submitted_at", "auto_submitted"]
        )
        events.announce(AttemptSubmitted(locked))
    return locked


def _credit(item: Item) -> Decimal:
    fractions = {option["id"]: Decimal(option["fraction"]) for option in item.options}
    return rules.credit(fractions, item.selected, item.multiple)


def submit_expired(
    person: Person | None = None, test: ExamTest | None = None, limit: int = 1000
) -> int:
    """Submit the open attempts whose deadline has passed (the deadline job, and every
    page that reads attempts); each exactly once. How many this call submitted."""
    expired = Attempt.objects.filter(submitted_at__isnull=True, deadline__lte=clock.now())
    if person is not None:
        expired = expired.filter(person=person)
    if test is not None:
        expired = expired.filter(test=test)
    done = 0
    for attempt in expired.select_related("test").order_by("deadline")[:limit]:
        if submit_attempt(attempt, at_deadline=True).auto_submitted:
            done += 1
    return done


def open_attempt(person: Person, attempt_id: int) -> Attempt:
    """The person's attempt, submitted first if its time is up."""
    try:
        attempt = Attempt.objects.select_related("test__course").get(pk=attempt_id, person=person)
    except Attempt.DoesNotExist:
        raise PermissionDenied from None
    if attempt.is_open and clock.now() >= attempt.deadline:
        attempt = submit_attempt(attempt, at_deadline=True)
        attempt.test = attempt.test  # keep the loaded course
    return attempt


# --- Grants ----------------------------------------------------------------------------------
def grant(
    actor: Person,
    test: ExamTest,
    person: Person,
    kind: str,
    reason: str,
    minutes: int | None = None,
) -> Grant:
    """Give ``person`` extra time (to the open attempt, or else the next one) or an extra
    attempt (one more than allowed, keeping the cap of the attempt before it)."""
    require_author(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")})
    if kind == Grant.Kind.EXTRA_TIME and not (minutes and 0 < minutes <= 24 * 60):
        raise ValidationError({"minutes": _("Give the extra minutes (1 to 1,440).")})
    with transaction.atomic():
        row = Grant(
            test=test,
            person=person,
            kind=kind,
            minutes=minutes if kind == Grant.Kind.EXTRA_TIME else None,
            reason=reason,
            granted_by=actor,
        )
        if kind == Grant.Kind.EXTRA_TIME:
            current = (
                Attempt.objects.select_for_update()
                .filter(test=test, person=person, submitted_at__isnull=True)
                .first()
            )
            if current is not None and clock.now() < current.deadline:
                current.deadline += dt.timedelta(minutes=minutes or 0)
                current.save(update_fields=["deadline"])
                row.attempt = current
                transaction.on_commit(lambda: _schedule_deadline(current))
        row.save()
    return row


# --- Regrading -------------------------------------------------------------------------------
def regrade(
    actor: Person,
    test: ExamTest,
    question: Question,
    fractions: Mapping[int, Decimal],
    reason: str,
) -> Regrade:
    """Change the credit of ``question``'s options, in the bank and in every attempt of
    ``test`` that drew it; rescore those attempts and log every score that changed."""
    require_author(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    options = list(question.options.all())
    if set(fractions) != {option.pk for option in options}:
        raise ValidationError(_("Give a credit for every option."))
    proposed = BankQuestion(
        text=question.text,
        options=[BankOption(option.text, Decimal(fractions[option.pk])) for option in options],
        multiple=question.multiple,
    )
    problems = formats.check(proposed)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        before = {str(option.pk): str(option.fraction) for option in options}
        for option in options:
            option.fraction = Decimal(fractions[option.pk])
        Option.objects.bulk_update(options, ["fraction"])
        log = Regrade.objects.create(
            test=test,
            question=question,
            actor=actor,
            reason=reason.strip(),
            before=before,
            after={str(pk): str(value) for pk, value in fractions.items()},
        )
        changed = _rescore(test, question, {pk: Decimal(v) for pk, v in fractions.items()}, log)
        log.attempts_changed = changed
        log.save(update_fields=["attempts_changed"])
    return log


def _rescore(
    test: ExamTest, question: Question, fractions: Mapping[int, Decimal], log: Regrade
) -> int:
    """Rescore, a thousand attempts at a time (a few queries per thousand), every attempt
    of ``test`` that drew ``question``; open attempts only get the new credits."""
    items = (
        Item.objects.filter(question=question, attempt__test=test)
        .select_related("attempt")
        .order_by("pk")
    )
    changed = 0
    last = 0
    while True:
        chunk = list(items.filter(pk__gt=last)[:REGRADE_CHUNK])
        if not chunk:
            return changed
        last = chunk[-1].pk
        for item in chunk:
            for option in item.options:
                option["fraction"] = str(fractions.get(option["id"], Decimal(option["fraction"])))
            if item.attempt.submitted_at is not None:
                item.credit = _credit(item)
        Item.objects.bulk_update(chunk, ["options", "credit"])
        graded = {item.attempt_id: item.attempt for item in chunk if item.attempt.submitted_at}
        credits: dict[int, list[Decimal | None]] = {pk: [] for pk in graded}
        rows = Item.objects.filter(attempt_id__in=graded).values_list("attempt_id", "credit")
        for attempt_id, credit in rows:
            credits[attempt_id].append(credit)
        updates, changes = [], []
        for pk, attempt in graded.items():
            raw = rules.raw_score(credits[pk])
            score = rules.capped(raw, attempt.cap)
            if score == attempt.score and raw == attempt.raw_score:
                continue
            changes.append(
                ScoreChange(regrade=log, attempt=attempt, before=attempt.score, after=score)
            )
            attempt.raw_score, attempt.score = raw, score
            attempt.passed = rules.passed(score, test.pass_mark)
            updates.append(attempt)
        Attempt.objects.bulk_update(updates, ["raw_score", "score", "passed"])
        ScoreChange.objects.bulk_create(changes)
        changed += len(updates)


# --- The question bank -------------------------------------------------------------------------
def category_named(course: Course, name: str) -> Category:
    name = (name or "").strip()[:255] or _("General")
    category, _created = Category.objects.get_or_create(course=course, name=name)
    return category


def save_category(actor: Person, category: Category) -> Category:
    """Create or rename a category of a course's bank; names are unique in the course."""
    require_author(actor)
    category.name = (category.name or "").strip()[:255]
    if not category.name:
        raise ValidationError({"name": _("Give the category a name.")})
    taken = Category.objects.filter(course_id=category.course_id, name=category.name)
    if taken.exclude(pk=category.pk).exists():
        message = _("The bank already has a category named “%(name)s”.")
        raise ValidationError({"name": message % {"name": category.name}})
    category.save()
    return category


def _store_options(question: Question, options: Sequence[BankOption]) -> None:
    Option.objects.bulk_create(
        Option(
            question=question,
            text=option.text,
            fraction=option.fraction,
            feedback=option.feedback,
            position=index,
        )
        for index, option in enumerate(options)
    )


def _store(course: Course, parsed: BankQuestion, categories: dict[str, Category]) -> Question:
    name = (parsed.category or "").strip() or _("General")
    if name not in categories:
        categories[name] = category_named(course, name)
    text = sanitize(parsed.text) if parsed.format == HTML else parsed.text
    question = Question.objects.create(
        category=categories[name],
        name=parsed.name[:255],
        text=text,
        format=parsed.format,
        multiple=parsed.multiple,
        feedback=parsed.feedback,
    )
    _store_options(question, parsed.options)
    return question


@dataclass
class ImportReport:
    imported: int
    problems: list[Problem]
    file_refused: bool = False


def import_bank(
    actor: Person, course: Course, data: bytes, filename: str, *, clean_only: bool = False
) -> ImportReport:
    """Import a GIFT, Moodle XML, XLSX or CSV file into the course's bank. With any bad
    question nothing is imported, unless ``clean_only``: then the clean ones are."""
    require_author(actor)
    result = formats.read_bank(data, filename)
    file_level = [
        problem for problem in result.problems if problem.line is None and problem.position is None
    ]
    problems = result.problems
    if result.unlisted:
        # The reader kept the first problems only: say how many more there are.
        problems = [*problems, Problem(_unlisted_problems(result.unlisted))]
    if file_level or (result.problems and not clean_only) or not result.questions:
        return ImportReport(0, problems, file_refused=bool(file_level))
    with transaction.atomic():
        categories: dict[str, Category] = {}
        for parsed in result.questions:
            _store(course, parsed, categories)
    return ImportReport(len(result.questions), problems)


def _unlisted_problems(count: int) -> str:
    return ngettext(
        "…and %(count)s more problem, not shown: fix these and import the file again.",
        "…and %(count)s more problems, not shown: fix these and import the file again.",
        count,
    ) % {"count": count}


def bank_questions(course: Course) -> list[BankQuestion]:
    """The course's live questions in the neutral shape, for export (two queries)."""
    questions = (
        Question.objects.filter(category__course=course, is_archived=False)
        .select_related("category")
        .prefetch_related("options")
        .order_by("category__name", "id")
    )
    return [
        BankQuestion(
            text=question.text,
            options=[
                BankOption(option.text, option.fraction.normalize(), option.feedback)
                for option in question.options.all()
            ],
            multiple=question.multiple,
            category=question.category.name,
            name=question.name,
            format=question.format,
            feedback=question.feedback,
        )
        for question in questions
    ]


def save_question(actor: Person, question: Question, options: Sequence[BankOption]) -> Question:
    """Create or change a question and its options (checked as an import is)."""
    require_author(actor)
    problems = formats.check(
        BankQuestion(text=question.text, options=list(options), multiple=question.multiple)
    )
    if problems:
        raise ValidationError(problems)
    if question.format == HTML:
        question.text = sanitize(question.text)
    with transaction.atomic():
        question.updated_at = clock.now()
        used = question.pk is not None and question.items.exists()
        if used:
            # Attempts that drew it keep their copy; the bank keeps the old one archived.
            Question.objects.filter(pk=question.pk).update(is_archived=True)
            question.pk = None
            question._state.adding = True
        question.save()
        question.options.all().delete()
        _store_options(question, options)
    return question


def remove_question(actor: Person, question: Question) -> None:
    """Delete a question no attempt has drawn; archive one that has."""
    require_author(actor)
    if question.items.exists():
        Question.objects.filter(pk=question.pk).update(is_archived=True)
    else:
        question.delete()


def save_test(actor: Person, test: ExamTest, draws: Mapping[int, int] | None = None) -> ExamTest:
    """Create or change a test's settings and, if given, how many questions each category
    gives ({category id: count}; 0 removes the category from the draw)."""
    require_author(actor)
    rules.parse_caps(test.caps)
    with transaction.atomic():
        test.save()
        if draws is not None:
            Draw.objects.filter(test=test).delete()
            Draw.objects.bulk_create(
                Draw(test=test, category_id=pk, count=count)
                for pk, count in draws.items()
                if count > 0
            )
    return test
