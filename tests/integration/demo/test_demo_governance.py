"""`bundel demo`: governance in the demo world (issue #4): a council filled by member boards with
vacancies, a past election with results and a resolved tie, an interim election open today, a
meeting with motions that passed and failed for each reason GOV-5 allows (re-tallied here from
the stored votes), published decisions and minutes, advice, the boards, and the logins."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest
from django.utils import timezone

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.demo import governance, synthetic
from bundel.demo.services import DEMO_PASSWORD, demo_world_load, demo_world_reset
from bundel.governance import domain, policies, selectors
from bundel.governance.models import (
    Advice,
    AgendaItem,
    Attendance,
    Ballot,
    Candidate,
    Election,
    ElectionVoter,
    Meeting,
    Motion,
    MotionVote,
    OfficeHolder,
    Proxy,
    Seat,
    SeatTerm,
    SupervisorySize,
)
from bundel.registry.domain import Chamber
from bundel.registry.services import ImportFile
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.shared.models import AuditEvent
from tests.integration.demo.world import SMALL, run_demo

# the module fixture of the demo tests: one `bundel demo` for this module, removed afterwards

GOVERNANCE_MODELS = (
    SeatTerm,
    Election,
    Candidate,
    ElectionVoter,
    Ballot,
    Meeting,
    AgendaItem,
    Attendance,
    Proxy,
    Motion,
    MotionVote,
    Advice,
    OfficeHolder,
    SupervisorySize,
)
SEATED_DEMO_REPRESENTATIVES = ("bestuur-po", "bestuur-vo", "bestuur-combinatie")


def governance_counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        **{model._meta.label: model.objects.count() for model in GOVERNANCE_MODELS},
    }


def retally(motion: Motion) -> domain.MotionOutcome:
    """GOV-5 from the stored votes, proxies checked again as on paper."""
    votes = [
        domain.CastVote(
            seat=vote.seat.code,
            chamber=Chamber(vote.chamber),
            vote=domain.Vote(vote.vote),
            cast_by=vote.cast_by.code if vote.cast_by else None,
        )
        for vote in MotionVote.objects.filter(motion=motion).select_related("seat", "cast_by")
    ]
    return domain.decide_motion(votes, policies.governance_policy())


def past_meeting() -> Meeting:
    return selectors.meetings_with_published_minutes().get()


# -- the council ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_council_is_mostly_held_by_member_boards_with_vacancies(demo_world: str) -> None:
    today = clock.today()
    policy = policies.governance_policy()
    council = selectors.council_on(today)
    held = [view.term for view in council.seats if view.term is not None]

    assert len(council.seats) == domain.council_size(policy) == 34
    assert len(held) >= 0.85 * len(council.seats)
    assert sum(1 for n in council.vacancies.values() if n) >= 2
    assert council.vacancy_total == len(council.seats) - len(held)
    for view in council.seats:
        term = view.term
        if term is None:
            continue
        assert term.board.chamber == view.seat.chamber  # GOV-2
        assert selectors.is_member_on(board=term.board, day=term.starts_on)
        assert selectors.is_member_on(board=term.board, day=today)
        assert re.fullmatch(r"[A-Z][\w-]*( [\w-]+)+", term.representative_name), term
        assert term.ends_on < domain.add_years(term.starts_on, policy.max_term_years)  # GOV-3
    assert len({term.board_id for term in held}) == len(held)  # a board holds one seat
    assert SeatTerm.objects.filter(ended_on__isnull=False).exists()  # seats given up early


@pytest.mark.django_db
def test_boards_on_their_second_term_cannot_have_a_third(demo_world: str) -> None:
    policy = policies.governance_policy()
    second = [t for t in selectors.terms_running_on(clock.today()) if t.consecutive == 2]

    assert len(second) >= 6
    assert {t.seat.chamber for t in second} == {c.value for c in Chamber}
    assert max(SeatTerm.objects.values_list("consecutive", flat=True)) == 2
    for term in second:
        first = SeatTerm.objects.get(board=term.board, ends_on=term.starts_on - timedelta(days=1))
        assert first.consecutive == 1
        with pytest.raises(RuleViolation) as refused:  # GOV-3, visible on the seat
            domain.check_term(
                previous=selectors.board_terms(board=term.board),
                new=domain.full_term(term.ends_on + timedelta(days=1), policy),
                policy=policy,
            )
        assert refused.value.code == "governance.third_consecutive_term"


@pytest.mark.django_db
def test_the_history_is_written_as_it_happened(demo_world: str) -> None:
    appointed = AuditEvent.objects.filter(action="governance.seat.appointed")
    assert appointed.count() == SeatTerm.objects.count()
    assert len({timezone.localdate(event.at).year for event in appointed}) >= 5
    for term in SeatTerm.objects.filter(election__isnull=True):
        assert timezone.localdate(term.appointed_at) == term.starts_on
    events = AuditEvent.objects.filter(action__startswith="governance.")
    assert events.exists()
    assert all(event.at <= timezone.now() for event in events)


# -- the elections --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_past_election_has_results_per_chamber(demo_world: str) -> None:
    today = clock.today()
    election = Election.objects.get(status=Election.Status.CLOSED)
    assert election.member_day < today
    assert election.member_day.year in (today.year, today.year - 1)
    assert election.closed_at is not None
    assert election.opens_at < election.closes_at < election.closed_at

    ballots = Counter(Ballot.objects.filter(election=election).values_list("candidate", flat=True))
    voters = ElectionVoter.objects.filter(election=election).select_related("voted_by", "board")
    assert voters.count() == sum(ballots.values()) >= 20
    for voter in voters:
        assert election.opens_at <= voter.voted_at < election.closes_at
        assert voter.voted_by is not None
        assert voter.voted_by.board_id == voter.board_id
        assert voter.chamber == voter.board.chamber
    candidates = list(election.candidates.select_related("board"))
    assert {c.chamber for c in candidates} == {c.value for c in Chamber}
    for candidate in candidates:
        assert candidate.votes == ballots[candidate.pk]
        assert candidate.outcome in {Candidate.Outcome.ELECTED, Candidate.Outcome.NOT_ELECTED}
    assert {c.outcome for c in candidates} == {"elected", "not_elected"}
    for chamber, result in election.results.items():
        elected = [c for c in candidates if c.chamber == chamber and c.outcome == "elected"]
        assert sorted(result["elected"]) == sorted(str(c.pk) for c in elected)
        assert result["tied"] == []
        assert result["open_seats"] == result["vacancies"] - len(elected)
        for candidate in elected:  # seated from the member day
            term = SeatTerm.objects.get(board=candidate.board, election=election)
            assert term.starts_on == election.member_day
            assert term.seat.chamber == chamber
    assert any(r["open_seats"] > 0 for r in election.results.values())  # too few candidates
    assert SeatTerm.objects.filter(election=election, consecutive=2).exists()  # re-elected


@pytest.mark.django_db
def test_a_tie_for_the_last_seat_was_reported_and_resolved_by_the_secretary(
    demo_world: str,
) -> None:
    election = Election.objects.get(status=Election.Status.CLOSED)
    closed = AuditEvent.objects.get(action="governance.election.closed", object_id=str(election.pk))
    tied = {chamber: r["tied"] for chamber, r in closed.after["results"].items() if r["tied"]}
    assert len(tied) == 1
    ((chamber, pks),) = tied.items()
    assert closed.after["results"][chamber]["open_seats"] == 1
    candidates = list(Candidate.objects.filter(pk__in=[int(pk) for pk in pks]))
    assert len(candidates) == 2
    assert len({c.votes for c in candidates}) == 1  # equal votes

    resolved = AuditEvent.objects.get(
        action="governance.election.tie_resolved", object_id=str(election.pk)
    )
    assert resolved.actor is not None
    assert resolved.actor.has_role(Role.COUNCIL_SECRETARY)
    assert resolved.at > closed.at
    winner = next(c for c in candidates if c.pk == resolved.after["candidate"])
    loser = next(c for c in candidates if c.pk != winner.pk)
    assert winner.outcome == Candidate.Outcome.ELECTED
    assert loser.outcome == Candidate.Outcome.NOT_ELECTED
    assert SeatTerm.objects.filter(board=winner.board, election=election).exists()
    assert not SeatTerm.objects.filter(board=loser.board, election=election).exists()


@pytest.mark.django_db
def test_an_interim_election_is_open_and_the_demo_representatives_have_not_voted(
    demo_world: str,
) -> None:
    now = timezone.now()
    election = Election.objects.get(status=Election.Status.OPEN)
    assert election.opens_at <= now < election.closes_at
    assert election.member_day > clock.today()
    standing = set(election.candidates.values_list("chamber", flat=True))
    assert standing == {chamber for chamber, n in election.vacancies.items() if n}
    assert ElectionVoter.objects.filter(election=election).exists()  # some have voted
    for username in ("bestuur-vo", "bestuur-klein"):
        user = User.objects.get(username=username)
        assert user.board is not None
        assert user.board.chamber in standing
        assert election in selectors.elections_open_for(user=user, at=now)
        assert not selectors.has_voted(election=election, board=user.board)


# -- the meetings ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_motions_passed_and_failed_for_each_reason_of_the_double_majority(
    demo_world: str,
) -> None:
    policy = policies.governance_policy()
    motions = list(past_meeting().motions.all())
    outcomes = []
    for motion in motions:
        assert motion.status == Motion.Status.CLOSED
        outcome = retally(motion)
        assert outcome.passed is motion.passed
        assert domain.outcome_as_dict(outcome, policy) == motion.outcome
        outcomes.append(outcome)

    def found(*, majority: bool, chambers: bool) -> list[domain.MotionOutcome]:
        return [
            o
            for o in outcomes
            if o.majority_of_votes is majority
            and (o.chambers_in_favour >= policy.chambers_needed) is chambers
        ]

    assert all(o.passed for o in found(majority=True, chambers=True))
    assert found(majority=True, chambers=True)  # passed
    assert found(majority=True, chambers=False)  # more than half the votes, < 3 chambers
    assert found(majority=False, chambers=True)  # 3 or more chambers, not more than half
    assert found(majority=False, chambers=False)  # both tests fail
    assert [
        o for o in outcomes if not o.passed and o.chambers_in_favour < 3 and o.majority_of_votes
    ]
    abstained = [o for o in outcomes if o.abstentions]
    assert abstained
    for outcome in abstained:  # recorded, not counted as votes cast (GOV-5)
        assert outcome.votes_cast == outcome.votes_for + outcome.votes_against
    assert any(o.passed and not o.chamber_in_favour[Chamber.KLEIN] for o in outcomes)  # no veto


@pytest.mark.django_db
def test_the_past_meeting_has_attendance_proxies_and_votes_by_the_seat_holders(
    demo_world: str,
) -> None:
    meeting = past_meeting()
    motions = list(meeting.motions.all())
    held = {t.seat_id: t for t in selectors.terms_running_on(meeting.held_on)}
    assert meeting.held_on < clock.today()
    assert meeting.agenda.count() >= len(motions) + 2
    assert all(m.agenda_item is not None for m in motions)
    present = set(meeting.attendance.values_list("seat", flat=True))
    assert len(present) >= 0.8 * len(held)
    assert present <= set(held)

    proxies = list(meeting.proxies.all())
    assert proxies
    demo_po = User.objects.get(username="bestuur-po")
    assert any(
        p.holder == selectors.seat_of_user_on(user=demo_po, day=meeting.held_on) for p in proxies
    )
    for proxy in proxies:  # GOV-6: the holder votes for the absent grantor's seat
        assert proxy.grantor_id not in present
        assert proxy.holder_id in present
        assert proxy.grantor.chamber == proxy.holder.chamber
        votes = MotionVote.objects.filter(motion__meeting=meeting, seat=proxy.grantor)
        assert votes.count() == len(motions)
        assert all(vote.cast_by == proxy.holder for vote in votes)

    votes = MotionVote.objects.filter(motion__meeting=meeting).select_related("recorded_by")
    hands = votes.filter(show_of_hands=True)
    assert hands.exists()
    assert {v.recorded_by for v in hands} == {User.objects.get(username="secretaris")}
    portal = votes.filter(show_of_hands=False)
    assert portal.count() >= 20
    for vote in portal.select_related("seat", "cast_by"):
        assert vote.recorded_by is not None
        seat = selectors.seat_of_user_on(user=vote.recorded_by, day=meeting.held_on)
        assert seat == (vote.cast_by or vote.seat)
    for username in SEATED_DEMO_REPRESENTATIVES:
        assert portal.filter(recorded_by__username=username).count() >= len(motions)


@pytest.mark.django_db
def test_decisions_and_minutes_are_published(demo_world: str) -> None:
    meeting = past_meeting()
    motions = list(meeting.motions.all())
    assert meeting.minutes_published_at is not None
    assert meeting.closed_at is not None
    assert set(selectors.decisions_published().filter(meeting=meeting)) == set(motions)
    for motion in motions:
        assert motion.title in meeting.minutes
        assert motion.published_at is not None
        assert motion.closed_at is not None
        assert motion.closed_at < motion.published_at <= meeting.minutes_published_at
    assert meeting.minutes.count("aangenomen:") == sum(1 for m in motions if m.passed)
    assert meeting.minutes.count("verworpen:") == sum(1 for m in motions if not m.passed)


@pytest.mark.django_db
def test_an_upcoming_meeting_has_an_agenda_and_a_motion_in_preparation(demo_world: str) -> None:
    meeting = Meeting.objects.get(held_on__gt=clock.today())
    assert meeting.closed_at is None
    assert meeting.minutes_published_at is None
    assert meeting.agenda.count() >= 3
    motion = meeting.motions.get()
    assert motion.status == Motion.Status.DRAFT
    assert motion.agenda_item is not None
    assert meeting.proxies.exists()


@pytest.mark.django_db
def test_advice_asked_with_a_response_and_unasked_awaiting_one(demo_world: str) -> None:
    asked = Advice.objects.get(asked=True)
    assert asked.requested_on is not None
    assert asked.responded_on is not None
    assert asked.requested_on < asked.given_on < asked.responded_on < clock.today()
    assert asked.question
    assert asked.response
    assert asked.meeting == past_meeting()
    unasked = Advice.objects.get(asked=False)
    assert unasked.requested_on is None
    assert unasked.responded_on is None
    assert not unasked.response
    assert unasked.advice


# -- the boards and the logins --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_boards_are_filled_as_the_rules_and_the_council_say(demo_world: str) -> None:
    today = clock.today()
    policy = policies.governance_policy()
    organs = {view.organ: view for view in selectors.organs_on(today)}

    executive = organs[domain.Organ.EXECUTIVE_BOARD]
    assert len(executive.holders) == executive.size == policy.executive_board_size == 5  # GOV-8
    assert OfficeHolder.objects.filter(
        organ=domain.Organ.EXECUTIVE_BOARD, ends_on__lt=today
    ).exists()  # an earlier member whose term ended

    size = selectors.supervisory_size()
    assert size is not None
    assert size.size == 4
    assert policy.supervisory_board_min <= size.size <= policy.supervisory_board_max  # GOV-9
    assert size.motion is not None
    assert size.motion.passed
    assert size.motion.meeting == past_meeting()
    supervisors = organs[domain.Organ.SUPERVISORY_BOARD].holders
    assert len(supervisors) == size.size
    for supervisor in supervisors:  # independent when appointed, and today
        assert supervisor.employer_name
        for day in (supervisor.starts_on, today):
            members = selectors.member_board_numbers_on(day)
            assert supervisor.employer_board is None or (
                supervisor.employer_board.number not in members
            )
    assert governance.SUPPLIER in {s.employer_name for s in supervisors}  # allowed
    assert len(organs[domain.Organ.EXIT_COMMITTEE].holders) == 3  # GOV-1

    for holder in OfficeHolder.objects.all():
        assert holder.name
        assert holder.role
        assert holder.ends_on < domain.add_years(holder.starts_on, policy.executive_term_years)


@pytest.mark.django_db
def test_the_secretary_and_seat_holders_sign_in(demo_world: str) -> None:
    today = clock.today()
    secretary = User.objects.get(username="secretaris")
    assert secretary.has_role(Role.COUNCIL_SECRETARY)
    assert secretary.check_password(DEMO_PASSWORD)
    for username in SEATED_DEMO_REPRESENTATIVES:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert selectors.seat_of_user_on(user=user, day=today) is not None, username
    klein = User.objects.get(username="bestuur-klein")
    assert selectors.seat_of_user_on(user=klein, day=today) is None

    accounts = governance.demo_accounts()
    assert len(accounts) >= 10
    for user in accounts:
        assert user.is_member_representative
        assert user.check_password(DEMO_PASSWORD)
        assert user.board is not None
        assert user.username == f"bestuur-{user.board.number}"
    seated = {t.board_id for t in selectors.terms_running_on(today)}
    assert any(user.board_id in seated for user in accounts)
    assert "Governance: made through the governance services" in demo_world
    assert f"{len(accounts)} more member representatives sign in as bestuur-" in demo_world


def test_the_demo_hashes_its_voting_accounts_quickly_but_verifiably(settings) -> None:  # noqa: ANN001
    from django.contrib.auth.hashers import check_password, make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    with governance.quick_password_hashing():
        encoded = make_password(DEMO_PASSWORD)
    algorithm, iterations, *_ = encoded.split("$")
    assert (algorithm, int(iterations)) == ("pbkdf2_sha256", 10_000)
    upgraded: list[str] = []
    assert check_password(DEMO_PASSWORD, encoded, setter=upgraded.append)
    assert upgraded == [DEMO_PASSWORD]  # strengthened at the first sign-in


# -- again, reset, and a small register -----------------------------------------------------------


@pytest.mark.django_db
def test_running_demo_again_leaves_governance_as_it_is(demo_world: str) -> None:
    before = governance_counts()
    out = run_demo()
    assert governance_counts() == before
    assert "governance data already; nothing changed" in out


@pytest.mark.django_db
def test_reset_removes_governance_and_the_voting_accounts(demo_world: str) -> None:
    demo_world_reset()
    for model in GOVERNANCE_MODELS:
        assert not model.objects.exists(), model
    assert Seat.objects.count() == 34  # the seats stay: they are the setting's
    assert not governance.demo_accounts()
    assert not User.objects.filter(board__isnull=False).exists()


def snapshot() -> list[object]:
    return [
        sorted(
            (t.seat.code, t.board.number, t.representative_name, t.starts_on, t.last_day)
            for t in SeatTerm.objects.select_related("seat", "board")
        ),
        sorted((c.board.number, c.votes, c.outcome) for c in Candidate.objects.select_related()),
        sorted((m.number, m.title, m.passed) for m in Motion.objects.all()),
        sorted((h.organ, h.name, h.employer_name) for h in OfficeHolder.objects.all()),
    ]


@pytest.mark.django_db
def test_a_small_register_gets_a_council_too_the_same_every_time(demo_world: str) -> None:
    today = date(2027, 1, 4)
    files = [ImportFile(name, data) for name, data in synthetic.world_files(seed=7, shape=SMALL)]

    result = demo_world_load(files=files, reset=True, seed=7, today=today)

    assert result.governance is not None
    assert result.governance.state is governance.GovernanceState.CREATED
    assert SeatTerm.objects.exists()
    assert Meeting.objects.count() == 2
    first = snapshot()
    demo_world_load(files=files, reset=True, seed=7, today=today)
    assert snapshot() == first
