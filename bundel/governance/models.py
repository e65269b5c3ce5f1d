"""GOV-1 … GOV-10: the council's seats and terms, elections with a secret ballot, meetings with
motions, votes and proxies, advice, and the executive and supervisory boards."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bundel.governance.domain import Organ, Vote
from bundel.registry.domain import CHAMBER_LABELS, Chamber
from bundel.registry.models import Board, ChamberChoices

_USER = settings.AUTH_USER_MODEL


class OrganChoices(models.TextChoices):
    """GOV-1."""

    MEMBERS_COUNCIL = Organ.MEMBERS_COUNCIL.value, _("Members' council")
    EXECUTIVE_BOARD = Organ.EXECUTIVE_BOARD.value, _("Executive board")
    SUPERVISORY_BOARD = Organ.SUPERVISORY_BOARD.value, _("Supervisory board")
    EXIT_COMMITTEE = Organ.EXIT_COMMITTEE.value, _("Advisory committee for exit disputes")


class VoteChoices(models.TextChoices):
    FOR = Vote.FOR.value, _("for")
    AGAINST = Vote.AGAINST.value, _("against")
    ABSTAIN = Vote.ABSTAIN.value, _("abstain")


class Seat(models.Model):
    """GOV-2: one of the council's seats, numbered within its chamber."""

    chamber = models.CharField(_("chamber"), max_length=12, choices=ChamberChoices.choices)
    number = models.PositiveSmallIntegerField(_("number"))

    class Meta:
        ordering = ["chamber", "number"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        permissions = [
            ("manage_council", _("Can manage the council, elections, meetings and the boards")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["chamber", "number"], name="seat_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{CHAMBER_LABELS[Chamber(self.chamber)]} {self.number}"

    @property
    def code(self) -> str:
        """A stable short name, e.g. `PO_GROOT-3`, as used in paper tallies."""
        return f"{self.chamber}-{self.number}"


class Election(models.Model):
    """GOV-4: the election of the council's vacancies before a member day."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in preparation")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    name = models.CharField(_("name"), max_length=200)
    member_day = models.DateField(_("member day"))
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    vacancies = models.JSONField(_("vacancies per chamber"), default=dict, blank=True)
    results = models.JSONField(_("results per chamber"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-member_day", "-id"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="election_window"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Candidate(models.Model):
    """GOV-4: a member board standing for a seat of its chamber, with its named representative."""

    class Outcome(models.TextChoices):
        ELECTED = "elected", _("elected")
        TIED = "tied", _("tied: for the secretary to resolve")
        NOT_ELECTED = "not_elected", _("not elected")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="candidacies")
    chamber = models.CharField(_("chamber"), max_length=12, choices=ChamberChoices.choices)
    representative_name = models.CharField(_("representative"), max_length=200)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["election", "chamber", "board__name"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["election", "board"], name="candidate_once"),
        ]

    def __str__(self) -> str:
        return f"{self.board.name} ({self.representative_name})"


class ElectionVoter(models.Model):
    """GOV-4: who voted (turnout), kept apart from what was voted (`Ballot`). One per board."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="voters")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="+")
    chamber = models.CharField(_("chamber"), max_length=12, choices=ChamberChoices.choices)
    voted_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    voted_at = models.DateTimeField(_("voted at"))

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        constraints = [
            models.UniqueConstraint(fields=["election", "board"], name="election_one_vote"),
        ]

    def __str__(self) -> str:
        return f"{self.election}: {self.board_id}"


class Ballot(models.Model):
    """GOV-4: what was voted, and nothing that links it to a voter: a random key, no time, no
    board, no user (see ADR 0007)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="ballots")

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return str(self.election)  # never the candidate: a ballot is secret


class SeatTerm(models.Model):
    """GOV-2 and GOV-3: a board's term on a seat, with its named representative."""

    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="terms")
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="seat_terms")
    representative_name = models.CharField(_("representative"), max_length=200)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)
    consecutive = models.PositiveSmallIntegerField(_("consecutive term"), default=1)
    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, null=True, blank=True, related_name="terms"
    )
    appointed_at = models.DateTimeField(_("appointed at"))

    class Meta:
        ordering = ["seat", "-starts_on"]
        verbose_name = _("seat term")
        verbose_name_plural = _("seat terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="seat_term_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat}: {self.board.name}"

    @property
    def last_day(self) -> date:
        return min(self.ends_on, self.ended_on) if self.ended_on else self.ends_on

    @property
    def reappointments(self) -> int:
        return self.consecutive - 1


class Meeting(models.Model):
    """GOV-10: a council meeting with agenda, attendance, motions, votes and minutes."""

    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d-%m-%Y})"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Attendance(models.Model):
    """GOV-10: a seat present at a meeting, and the person who attended for it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="+")
    attended_by = models.CharField(_("attended by"), max_length=200)

    class Meta:
        ordering = ["meeting", "seat"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.seat}"


class Proxy(models.Model):
    """GOV-6: a seat gives its vote on a meeting's motions to the representative of another."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proxies")
    grantor = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(_("granted at"))
    granted_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["meeting", "grantor"]
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "grantor"], name="proxy_once_per_meeting"),
            models.CheckConstraint(
                condition=~Q(grantor=models.F("holder")), name="proxy_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grantor} → {self.holder}"


class Motion(models.Model):
    """GOV-5 and GOV-10: a proposal put to the council's vote."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("not yet put to the vote")
        OPEN = "open", _("voting")
        CLOSED = "closed", _("decided")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="motions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="motions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    outcome = models.JSONField(_("tally"), default=dict, blank=True)
    closed_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="motion_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class MotionVote(models.Model):
    """GOV-5: one seat's vote on a motion; council votes are open, not secret."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="+")
    chamber = models.CharField(_("chamber"), max_length=12, choices=ChamberChoices.choices)
    vote = models.CharField(_("vote"), max_length=8, choices=VoteChoices.choices)
    cast_by = models.ForeignKey(
        Seat, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))
    show_of_hands = models.BooleanField(_("recorded from a show of hands"), default=False)

    class Meta:
        ordering = ["motion", "seat"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["motion", "seat"], name="motion_vote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.motion}: {self.seat} {self.vote}"


class Advice(models.Model):
    """GOV-7: the council's advice to the executive board, asked or unasked, and the response."""

    subject = models.CharField(_("subject"), max_length=200)
    asked = models.BooleanField(_("asked by the executive board"))
    requested_on = models.DateField(_("asked on"), null=True, blank=True)
    question = models.TextField(_("question"), blank=True)
    advice = models.TextField(_("advice"))
    given_on = models.DateField(_("given on"))
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="advice"
    )
    response = models.TextField(_("response of the executive board"), blank=True)
    responded_on = models.DateField(_("responded on"), null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("advice")
        verbose_name_plural = _("advice")

    def __str__(self) -> str:
        return self.subject


class OfficeHolder(models.Model):
    """GOV-1, GOV-8, GOV-9: a person on the executive board, the supervisory board or the
    advisory committee for exit disputes, with their employer (for GOV-9's independence)."""

    organ = models.CharField(_("organ"), max_length=20, choices=OrganChoices.choices)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=100, blank=True)
    employer_name = models.CharField(_("employer"), max_length=200)
    employer_board = models.ForeignKey(
        Board,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer in the register"),
    )
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)
    appointed_at = models.DateTimeField(_("appointed at"))

    class Meta:
        ordering = ["organ", "starts_on", "name"]
        verbose_name = _("office holder")
        verbose_name_plural = _("office holders")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="office_term_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def last_day(self) -> date:
        return min(self.ends_on, self.ended_on) if self.ended_on else self.ends_on


class SupervisorySize(models.Model):
    """GOV-9: the number of supervisors the council set (the latest decision counts)."""

    size = models.PositiveSmallIntegerField(_("number of supervisors"))
    decided_on = models.DateField(_("decided on"))
    motion = models.ForeignKey(
        Motion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        get_latest_by = ["decided_on", "id"]
        verbose_name = _("size of the supervisory board")
        verbose_name_plural = _("sizes of the supervisory board")

    def __str__(self) -> str:
        return str(self.size)
