"""The rules of the learning path as plain functions of plain values (no Django import).

- Which sections and materials are open, and if not, why and what opens them.
- Trophies: earned, still needed, per section and in all.
- Real viewing of a video or listening to an audio: the player reports the intervals it
  played; they are merged into unique seconds, and a report that claims more new seconds
  than playback at the allowed speed could have produced since the last one is ignored
  (a token bucket that fills with wall-clock time; opening the page never refills it).
  Completion needs the course's coverage threshold.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Interval = tuple[float, float]

# Lock reasons, as codes with the title that the message names; views turn them into text.
AFTER_SECTION = "after_section"  # "Selesaikan Agenda 1 terlebih dahulu"
AFTER_MATERIAL = "after_material"  # "Selesaikan «Video: ...» terlebih dahulu"
NO_CONSENT = "no_consent"


@dataclass(frozen=True)
class Lock:
    """Why something is closed, and the title of what opens it."""

    reason: str
    opener: str = ""


# --- Gating ------------------------------------------------------------------------------
@dataclass(frozen=True)
class MaterialFacts:
    id: int
    title: str
    done: bool


@dataclass(frozen=True)
class SectionFacts:
    id: int
    title: str
    materials: tuple[MaterialFacts, ...]
    journal_required: bool = False
    journal_submitted: bool = False

    @property
    def done(self) -> bool:
        """Every material completed, and the journal submitted where one is required."""
        materials_done = all(material.done for material in self.materials)
        return materials_done and (self.journal_submitted or not self.journal_required)

    @property
    def started(self) -> bool:
        return any(material.done for material in self.materials) or self.journal_submitted


@dataclass(frozen=True)
class Gates:
    """The lock of each section and material (None: open)."""

    sections: dict[int, Lock | None] = field(default_factory=dict)
    materials: dict[int, Lock | None] = field(default_factory=dict)


def gates(sections: Sequence[SectionFacts], sequential: bool, consented: bool) -> Gates:
    """Which sections and materials a participant may open.

    In a sequential course a section opens when the one before is done, and inside a
    section a material opens when the one before is completed. Something once reached
    stays open: a section the participant has already started, or a completed material,
    is never locked again, even when the organizer later adds material before it.
    Without consent to the course rules nothing is open.
    """
    result = Gates()
    previous: SectionFacts | None = None
    for section in sections:
        if not consented:
            section_lock: Lock | None = Lock(NO_CONSENT)
        elif sequential and previous is not None and not previous.done and not section.started:
            section_lock = Lock(AFTER_SECTION, previous.title)
        else:
            section_lock = None
        result.sections[section.id] = section_lock
        before: MaterialFacts | None = None
        for material in section.materials:
            if section_lock is not None and not material.done:
                lock: Lock | None = section_lock
            elif sequential and before is not None and not before.done and not material.done:
                lock = Lock(AFTER_MATERIAL, before.title)
            else:
                lock = None
            result.materials[material.id] = lock
            before = material
        previous = section
    return result


def next_material(sections: Sequence[SectionFacts], gated: Gates) -> int | None:
    """The first open material not yet completed: where the participant goes next."""
    for section in sections:
        for material in section.materials:
            if not material.done and gated.materials.get(material.id) is None:
                return material.id
    return None


# --- Trophies ----------------------------------------------------------------------------
@dataclass(frozen=True)
class TrophyTally:
    earned: int
    available: int
    required: int

    @property
    def still_needed(self) -> int:
        return max(0, self.required - self.earned)

    @property
    def enough(self) -> bool:
        return self.earned >= self.required


def tally(earned: Iterable[int], total: int, required: int) -> TrophyTally:
    """Trophies earned against the course's total and its minimum for completion."""
    return TrophyTally(earned=sum(earned), available=total, required=required)


def percent(done: int, total: int) -> int:
    """Progress in whole percent, never 100 before everything is done."""
    if total <= 0:
        return 0
    value = math.floor(100 * done / total)
    return 100 if done >= total else min(value, 99)


def course_complete(sections: Sequence[SectionFacts], trophies: TrophyTally) -> bool:
    """Every section done and the required trophies earned."""
    return all(section.done for section in sections) and trophies.enough


# --- Real viewing --------------------------------------------------------------------------
@dataclass(frozen=True)
class ViewingPolicy:
    """How watching is checked: the fastest playback allowed, the coverage that counts as
    watched to the end, and how much unreported watching the server will take at once."""

    max_rate: float = 2.0
    coverage: float = 0.95
    # The bucket holds at most this many seconds of wall-clock time: a player that was
    # offline for longer catches up over several reports.
    max_backlog_seconds: float = 300.0
    # Rounding, network jitter and the player's own timer granularity.
    slack_seconds: float = 3.0


@dataclass(frozen=True)
class ViewingState:
    """What the server keeps per person and video."""

    intervals: tuple[Interval, ...] = ()
    tokens: float = 0.0  # media seconds the player may still add
    tokens_at: float | None = None  # wall-clock seconds when tokens were counted


@dataclass(frozen=True)
class ReportOutcome:
    state: ViewingState
    accepted: bool
    added: float  # new unique seconds credited by this report
    reason: str = ""  # why a report was ignored: "malformed", "too_fast"


def merge(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sorted, non-overlapping intervals covering the same seconds; touching ones join."""
    ordered = sorted((start, end) for start, end in intervals if end > start)
    merged: list[list[float]] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def covered(intervals: Iterable[Interval]) -> float:
    """Unique seconds covered by ``intervals``."""
    return sum(end - start for start, end in merge(intervals))


def clean_report(raw: object, duration: float, limit: int = 200) -> list[Interval] | None:
    """Intervals from a player's report, clipped to the media; None when malformed."""
    if not isinstance(raw, list) or len(raw) > limit:
        return None
    intervals: list[Interval] = []
    for item in raw:
        if not isinstance(item, list | tuple) or len(item) != 2:
            return None
        if any(isinstance(bound, bool) for bound in item):
            return None  # JSON true/false: not a time
        try:
            start, end = float(item[0]), float(item[1])
        except (TypeError, ValueError, OverflowError):  # an integer beyond any float
            return None
        if not (math.isfinite(start) and math.isfinite(end)) or end < start:
            return None
        start, end = max(0.0, start), min(duration, end)
        if end > start:
            intervals.append((round(start, 2), round(end, 2)))
    return intervals


def refilled(state: ViewingState, now: float, policy: ViewingPolicy) -> float:
    """The tokens in hand at ``now``: the balance (negative when in debt) plus
    ``max_rate`` per wall-clock second since it was counted, up to the backlog limit.
    Never opened (no clock yet): nothing."""
    if state.tokens_at is None:
        return min(state.tokens, 0.0)
    elapsed = max(0.0, now - state.tokens_at)
    return min(
        state.tokens + elapsed * policy.max_rate, policy.max_backlog_seconds * policy.max_rate
    )


def open_viewing(state: ViewingState, now: float, policy: ViewingPolicy) -> ViewingState:
    """The page is opened (first time or again): the viewing clock is moved to ``now``.

    Opening never gives tokens and never forgives debt: the wall-clock time since the
    last count may pay back what the slack lent, but a positive balance is dropped, so
    time spent away from the page (yesterday, in another tab) cannot be claimed as
    watching. Hence over any interleaving of openings and reports, the seconds credited
    never exceed ``max_rate`` x (now - first opening) + the slack.
    """
    return ViewingState(state.intervals, min(refilled(state, now, policy), 0.0), now)


def apply_report(
    state: ViewingState,
    raw: object,
    now: float,
    duration: float,
    policy: ViewingPolicy = ViewingPolicy(),
) -> ReportOutcome:
    """Merge one player report into ``state``, or ignore it.

    ``now`` is the server's wall clock in seconds. Tokens (media seconds the player may
    add) accrue at ``max_rate`` per wall-clock second since the last report, up to the
    backlog limit; a report whose new unique seconds exceed them advanced faster than
    playback could, and changes nothing. Replays and rewatching add no new seconds and
    are always accepted. Opening the page starts the clock (``open_viewing``): a player
    cannot claim time spent before the server heard of it.
    """
    intervals = clean_report(raw, duration)
    if intervals is None:
        return ReportOutcome(state, accepted=False, added=0.0, reason="malformed")
    tokens = refilled(state, now, policy)
    merged = merge((*state.intervals, *intervals))
    added = covered(merged) - covered(state.intervals)
    # The slack may be borrowed (a report that arrives a little early, a server that
    # answered the previous one late) but never saved up: tokens go into debt, so over
    # any stretch of time no more than max_rate x elapsed + slack is ever credited.
    if added > tokens + policy.slack_seconds * policy.max_rate + 1e-6:
        kept = ViewingState(state.intervals, tokens, now)
        return ReportOutcome(kept, accepted=False, added=0.0, reason="too_fast")
    return ReportOutcome(ViewingState(merged, tokens - added, now), accepted=True, added=added)


def watched_to_end(intervals: Iterable[Interval], duration: float, coverage: float) -> bool:
    """Whether the unique seconds watched reach the required share of the video."""
    if duration <= 0:
        return False
    return covered(intervals) >= coverage * duration - 1e-6
