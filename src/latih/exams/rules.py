"""The rules of the evaluation as plain functions of plain values (no Django import).

- The score cap of attempt n (attempts 1–3: 100; 4–5: 90.01; 6: 80.01; 7 on: 70.01 by
  default) and the capped score: min(raw score, cap); the academic score is the best one.
- When the academic evaluation opens, with every reason it does not yet.
- An attempt's deadline: start + time limit, or the window's close if sooner.
- When the correct answers may be shown: only once nobody can draw those questions.
- Reading an answer: whole numbers within what the database keeps.
- Grading a question: the credit of the options chosen.
- Drawing questions: per category, unseen questions first, shuffled.
- Question statistics: difficulty, discrimination, option choices.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
DEFAULT_CAPS: tuple[tuple[int, Decimal], ...] = (
    (1, Decimal("100")),
    (4, Decimal("90.01")),
    (6, Decimal("80.01")),
    (7, Decimal("70.01")),
)


# --- Caps ------------------------------------------------------------------------------
class BadCaps(ValueError):
    """The cap table is not usable; ``code`` says why (a message key for the forms)."""

    EMPTY, NOT_A_PAIR, OUT_OF_RANGE, NOT_INCREASING, NOT_FROM_ONE = (
        "empty",
        "not_a_pair",
        "out_of_range",
        "not_increasing",
        "not_from_one",
    )

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


def parse_caps(raw: object) -> list[tuple[int, Decimal]]:
    """``[[1, "100"], [4, "90.01"], …]`` as (first attempt, cap) pairs, checked: it starts
    at attempt 1, attempts increase, every cap is above 0 and at most 100."""
    if not isinstance(raw, list | tuple) or not raw:
        raise BadCaps(BadCaps.EMPTY)
    table: list[tuple[int, Decimal]] = []
    for row in raw:
        try:
            first, cap = row
            first = int(first)
            cap = Decimal(str(cap).replace(",", "."))
        except (TypeError, ValueError, InvalidOperation) as error:
            raise BadCaps(BadCaps.NOT_A_PAIR, repr(row)) from error
        if not cap.is_finite() or not 0 < cap <= HUNDRED:
            raise BadCaps(BadCaps.OUT_OF_RANGE, str(cap))
        if table and first <= table[-1][0]:
            raise BadCaps(BadCaps.NOT_INCREASING)
        table.append((first, cap))
    if table[0][0] != 1:
        raise BadCaps(BadCaps.NOT_FROM_ONE)
    return table


def cap_for(caps: Sequence[tuple[int, Decimal]], attempt: int) -> Decimal:
    """The most attempt number ``attempt`` (1-based) can score."""
    result = caps[0][1]
    for first, cap in caps:
        if attempt >= first:
            result = cap
    return result


def cap_ranges(
    caps: Sequence[tuple[int, Decimal]],
) -> list[tuple[int, int | None, Decimal]]:
    """The cap table as the participant reads it: (first attempt, last attempt or None for
    "and later", cap) — [(1, 3, 100), (4, 5, 90.01), (6, 6, 80.01), (7, None, 70.01)]."""
    return [
        (first, caps[index + 1][0] - 1 if index + 1 < len(caps) else None, cap)
        for index, (first, cap) in enumerate(caps)
    ]


def cap_number(counted_before: int, counts: bool) -> int:
    """The attempt number the cap is read for: a granted extra attempt does not count, so
    it keeps the cap of the attempt before it."""
    return max(1, counted_before + (1 if counts else 0))


def capped(raw: Decimal, cap: Decimal) -> Decimal:
    return min(raw, cap)


def best_score(scores: Iterable[Decimal | None]) -> Decimal | None:
    """The academic score: the best capped score of the graded attempts (None: none yet)."""
    graded = [score for score in scores if score is not None]
    return max(graded) if graded else None


def passed(score: Decimal | None, pass_mark: Decimal) -> bool:
    return score is not None and score >= pass_mark


# --- Reading an answer ------------------------------------------------------------------
# The largest numbers the database keeps: a question's position (small integer), an
# answer's sequence number (integer) and a row id (big integer).
POSITION_MAX = 32_767
SEQ_MAX = 2**31 - 1
ID_MAX = 2**63 - 1
_WHOLE = re.compile(r"-?[0-9]{1,20}")


def whole_number(text: str, low: int, high: int) -> int | None:
    """``text`` as a whole number from ``low`` to ``high``; None when it is anything else
    (empty, too long, a float, an exponent, NaN, infinity, digits of another script, out
    of range). The page only ever writes plain ASCII digits."""
    text = text.strip()
    if not _WHOLE.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


# --- Grading ---------------------------------------------------------------------------
def credit(fractions: Mapping[int, Decimal], selected: Iterable[int], multiple: bool) -> Decimal:
    """The credit (0..1) of the options chosen for one question.

    One correct answer: the credit of the option chosen (choosing several is not possible,
    and counts as nothing). Several correct: the sum of the chosen options' credits, where
    wrong options carry negative credit, within 0..1.
    """
    chosen = [fractions[option] for option in dict.fromkeys(selected) if option in fractions]
    if not chosen:
        return Decimal(0)
    if not multiple and len(chosen) > 1:
        return Decimal(0)
    total = sum(chosen, Decimal(0)) / HUNDRED
    return min(Decimal(1), max(Decimal(0), total))


def raw_score(credits: Sequence[Decimal | None]) -> Decimal:
    """The score out of 100 of an attempt whose questions earned ``credits`` (None: not
    answered), rounded half up to two decimals."""
    if not credits:
        return Decimal(0)
    total = sum((value or Decimal(0) for value in credits), Decimal(0))
    return (HUNDRED * total / len(credits)).quantize(CENT, rounding=ROUND_HALF_UP)


# --- Time --------------------------------------------------------------------------------
def deadline(
    started: dt.datetime,
    limit_minutes: int,
    extra_minutes: int = 0,
    closes: dt.datetime | None = None,
) -> dt.datetime:
    """When an attempt started at ``started`` ends: after its time limit (plus any extra
    time granted), or when the test's window closes if that is sooner."""
    end = started + dt.timedelta(minutes=limit_minutes + extra_minutes)
    if closes is not None and closes < end:
        return closes
    return end


def seconds_left(deadline_at: dt.datetime, now: dt.datetime) -> int:
    return max(0, math.floor((deadline_at - now).total_seconds()))


def day_end(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """The end of ``day`` in ``zone`` (midnight after it): when a cohort's last day is over."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=zone)


# --- Showing the correct answers ------------------------------------------------------------
# The test's setting (Test.Review): never, after each attempt, after the test closes.
NEVER, AFTER_SUBMIT, AFTER_CLOSE = "never", "submit", "close"


def still_drawable(
    now: dt.datetime,
    test_closes: dt.datetime | None,
    cohort_closes: Iterable[dt.datetime | None],
    outside_cohorts: bool,
) -> bool:
    """Whether anyone may still draw a test's questions at ``now``.

    Nobody may once the test's own window has closed. Before that, someone may while any
    cohort of the course has not ended (None: no last day set, or one not reached), or
    while someone studies the course outside any cohort (only the test's close stops
    them). One participant's own cohort being over is not enough.
    """
    if test_closes is not None and now >= test_closes:
        return False
    if outside_cohorts:
        return True
    return any(close is None or now < close for close in cohort_closes)


def answers_shown(review: str, *, own_drawable: bool, other_drawable: bool) -> bool:
    """Whether a finished attempt may show its correct answers.

    A key stays secret while anyone can still draw those questions: never while another
    test of the course that can draw them (a pre-test and the evaluation share the bank
    unless their categories differ) is still drawable; "after the test closes" only once
    nobody can draw this test; "after each attempt" is the organizer's choice for this
    test alone.
    """
    if review == NEVER or other_drawable:
        return False
    if review == AFTER_SUBMIT:
        return True
    return review == AFTER_CLOSE and not own_drawable


# --- Opening -----------------------------------------------------------------------------
STUDY_ALL = "study_all"  # "Pelajari semua agenda sebelum evaluasi akademik"
TROPHIES = "trophies"  # "Trofi Anda 26 dari 28"
OPENS_ON = "opens_on"  # "Evaluasi akademik dibuka tanggal 10 Maret 2023"
NOT_YET = "not_yet"  # the test's window has not opened
CLOSED = "closed"  # the test's window has closed
NO_ATTEMPTS = "no_attempts"  # every allowed attempt used
NO_CONSENT = "no_consent"  # the course rules not agreed to


@dataclass(frozen=True)
class Unmet:
    """A reason the test cannot be started now, with the values its message shows."""

    reason: str
    have: int = 0
    need: int = 0
    on: dt.date | dt.datetime | None = None


@dataclass(frozen=True)
class OpeningFacts:
    evaluation: bool  # the academic evaluation has the study conditions; a pre-test not
    consented: bool
    sections_done: bool
    trophies: int
    trophies_needed: int
    first_sign_in: dt.date | None
    days_after: int
    today: dt.date
    now: dt.datetime
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    attempts_used: int = 0
    attempts_allowed: int | None = None  # None: unlimited


def opening_day(first_sign_in: dt.date, days_after: int) -> dt.date:
    """The evaluation opens on day ``days_after`` counted from the first sign-in (day 1)."""
    return first_sign_in + dt.timedelta(days=max(0, days_after - 1))


def unmet(facts: OpeningFacts) -> list[Unmet]:
    """Every reason the test cannot be started now (empty: it can)."""
    reasons: list[Unmet] = []
    if not facts.consented:
        reasons.append(Unmet(NO_CONSENT))
    if facts.evaluation:
        if not facts.sections_done:
            reasons.append(Unmet(STUDY_ALL))
        if facts.trophies < facts.trophies_needed:
            reasons.append(Unmet(TROPHIES, facts.trophies, facts.trophies_needed))
        first = facts.first_sign_in or facts.today
        opens_on = opening_day(first, facts.days_after)
        if facts.today < opens_on:
            reasons.append(Unmet(OPENS_ON, on=opens_on))
    if facts.opens_at is not None and facts.now < facts.opens_at:
        reasons.append(Unmet(NOT_YET, on=facts.opens_at))
    if facts.closes_at is not None and facts.now >= facts.closes_at:
        reasons.append(Unmet(CLOSED, on=facts.closes_at))
    if facts.attempts_allowed is not None and facts.attempts_used >= facts.attempts_allowed:
        reasons.append(Unmet(NO_ATTEMPTS, facts.attempts_used, facts.attempts_allowed))
    return reasons


# --- Drawing -----------------------------------------------------------------------------
def draw(
    pools: Sequence[tuple[int, Sequence[int]]],
    seen: Iterable[int],
    rng: random.Random,
) -> list[int]:
    """Question ids for one attempt: from each pool (count, question ids) its count,
    questions not seen in earlier attempts first, then the rest; shuffled together.
    A pool smaller than its count gives what it has."""
    seen_ids = set(seen)
    chosen: list[int] = []
    taken: set[int] = set()
    for count, questions in pools:
        candidates = [q for q in dict.fromkeys(questions) if q not in taken]
        fresh = [q for q in candidates if q not in seen_ids]
        stale = [q for q in candidates if q in seen_ids]
        rng.shuffle(fresh)
        rng.shuffle(stale)
        picked = (fresh + stale)[:count]
        chosen.extend(picked)
        taken.update(picked)
    rng.shuffle(chosen)
    return chosen


def shuffled(items: Sequence[object], rng: random.Random) -> list[object]:
    result = list(items)
    rng.shuffle(result)
    return result


# --- Statistics --------------------------------------------------------------------------
@dataclass(frozen=True)
class ItemStats:
    attempts: int
    difficulty: float | None  # facility: mean credit 0..1 (high = easy)
    discrimination: float | None  # correlation of the credit with the rest of the score


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


# Below this a question separates strong and weak participants poorly; below 0 the weak
# ones do better on it, usually a sign of a wrong key.
WEAK_DISCRIMINATION = 0.2
WEAK, CHECK_KEY = "weak", "check"


def discrimination_flag(discrimination: float | None) -> str:
    """ "" (fine or unknown), WEAK, or CHECK_KEY (negative: check the key)."""
    if discrimination is None:
        return ""
    if discrimination < 0:
        return CHECK_KEY
    return WEAK if discrimination < WEAK_DISCRIMINATION else ""


def item_stats(rows: Sequence[tuple[float, float]]) -> ItemStats:
    """Statistics of one question from (its credit 0..1, the attempt's total credit over
    all questions) per graded attempt. Discrimination correlates the credit with the rest
    of the attempt (the total without this question), as Moodle's discrimination index."""
    if not rows:
        return ItemStats(0, None, None)
    credits = [credit_ for credit_, _ in rows]
    rests = [total - credit_ for credit_, total in rows]
    return ItemStats(
        attempts=len(rows),
        difficulty=sum(credits) / len(credits),
        discrimination=_correlation(credits, rests),
    )
