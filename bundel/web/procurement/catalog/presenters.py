"""What the catalogue and demand pages show, shaped for the templates from the catalogue's and
procurement's selectors, and the few reads those selectors do not offer yet: the board's
locations, the boards with intent for a product, unmet demand, the tenders a board may join or
comment on, its own comments and a tender's price changes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.template.defaultfilters import floatformat

from bundel.catalog import domain as catalog_domain
from bundel.catalog import selectors as catalog_selectors
from bundel.catalog.models import Product, ProductGroup, StatusChoices
from bundel.procurement import domain, policies, selectors, services
from bundel.procurement.models import (
    Intent,
    Participation,
    PriceChange,
    RequirementComment,
    Tender,
    UnmetDemand,
)
from bundel.registry.models import Board, Location
from bundel.shared.errors import RuleViolation
from bundel.shared.explain import explain
from bundel.web.procurement.catalog.forms import CommentForm, JoinForm
from bundel.web.registry.charts import Tick, y_scale

ZERO = Decimal("0")


def horizon_years(today: date) -> list[int]:
    """TEN-1: the start years a member may choose: this year and the next, up to the horizon
    [setting]."""
    years = policies.procurement_policy().intent_horizon_years
    return list(range(today.year, today.year + years))


def board_locations(board: Board) -> list[Location]:
    """The board's locations in the register (REG), by code: the only ones its intent names."""
    return list(
        Location.objects.filter(school__board=board).select_related("school").order_by("code")
    )


def intent_refusal(product: Product) -> str | None:
    """Why the board's intent for the product cannot be registered or changed now (not
    available, CAT-4; or locked by a published tender, TEN-1), in words; None if it can."""
    try:
        catalog_domain.check_orderable(catalog_domain.Status(product.group.status))
        catalog_domain.check_orderable(catalog_domain.Status(product.status))
        services.check_intent_open(product)
    except RuleViolation as violation:
        return explain(in_words(violation))
    return None


# --- The catalogue (CAT-1 … CAT-4) ----------------------------------------------------------------


@dataclass(frozen=True)
class ProductRow:
    product: Product
    intent: Intent | None = None

    @property
    def is_orderable(self) -> bool:
        return (
            self.product.status == StatusChoices.AVAILABLE
            and self.product.group.status == StatusChoices.AVAILABLE
        )


@dataclass(frozen=True)
class GroupRow:
    group: ProductGroup
    products: list[ProductRow]


def catalogue_rows(
    *, include_withdrawn: bool = False, intents: Mapping[int, Intent] | None = None
) -> list[GroupRow]:
    """The groups in the spec's order with their products (and the board's intent for each)."""
    intents = intents or {}
    return [
        GroupRow(
            group,
            [ProductRow(product, intents.get(product.pk)) for product in group.products.all()],
        )
        for group in catalog_selectors.catalogue(include_withdrawn=include_withdrawn)
    ]


def intents_by_product(board: Board) -> dict[int, Intent]:
    return {intent.product_id: intent for intent in selectors.intents_of(board_id=board.pk)}


# --- The demand dashboard (TEN-2) -----------------------------------------------------------------

WIDTH = 640
HEIGHT = 260
LEFT = 72
RIGHT = 8
TOP = 16
BOTTOM = 32
MAX_BAR = 64


@dataclass(frozen=True)
class ChartBar:
    x: int
    y: int
    width: int
    height: int
    centre: int
    year: int
    students: int


@dataclass(frozen=True)
class ChartRow:
    """One year in the table alternative: what starts that year and the running totals."""

    year: int
    students: int
    cumulative_students: int
    cumulative_locations: int
    cumulative_units: Decimal


@dataclass(frozen=True)
class DemandChart:
    """TEN-2: students reached by each year (cumulative), as bars drawn server-side."""

    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_bottom: int
    bars: tuple[ChartBar, ...]
    ticks: tuple[Tick, ...]
    rows: tuple[ChartRow, ...]

    @property
    def is_empty(self) -> bool:
        return not self.rows


def demand_chart(demand: selectors.Demand) -> DemandChart:
    """Every year from the first start year to the last, with what has started by then."""
    by_year = {row.year: row for row in demand.years}
    years = list(range(min(by_year), max(by_year) + 1)) if by_year else []
    rows: list[ChartRow] = []
    students = locations = 0
    units = ZERO
    for year in years:
        started = by_year.get(year)
        if started is not None:
            students += started.students
            locations += started.locations
            units += started.units
        rows.append(ChartRow(year, started.students if started else 0, students, locations, units))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    bottom = TOP + plot_height
    step, top_value = y_scale(max((r.cumulative_students for r in rows), default=0))
    ticks = tuple(
        Tick(y=bottom - round(plot_height * value / top_value), value=value)
        for value in range(0, top_value + 1, step)
    )
    group = plot_width / len(rows) if rows else plot_width
    width = min(MAX_BAR, int(group * 0.7))
    bars = []
    for index, row in enumerate(rows):
        centre = LEFT + group * index + group / 2
        height = round(plot_height * row.cumulative_students / top_value)
        bars.append(
            ChartBar(
                x=round(centre - width / 2),
                y=bottom - height,
                width=max(width, 1),
                height=height,
                centre=round(centre),
                year=row.year,
                students=row.cumulative_students,
            )
        )
    return DemandChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=bottom,
        bars=tuple(bars),
        ticks=ticks,
        rows=tuple(rows),
    )


def intent_rows(product: Product) -> QuerySet[Intent]:
    """The boards with intent for the product: start year, locations and units each."""
    return (
        Intent.objects.filter(product=product)
        .select_related("board")
        .annotate(location_count=Count("locations"), unit_total=Sum("locations__units"))
        .order_by("start_year", "board__name", "board__number")
    )


def unmet_demand_rows(product: Product) -> QuerySet[UnmetDemand]:
    """TEN-6: late joins refused for lack of room, kept as demand for a next tender."""
    return (
        UnmetDemand.objects.filter(tender__product=product)
        .select_related("tender", "board")
        .order_by("-requested_at")
    )


def demand_page(product: Product, *, with_boards: bool) -> dict[str, Any]:
    """The dashboard's context; the boards by name only for staff."""
    demand = selectors.demand_for(product=product)
    context: dict[str, Any] = {
        "product": product,
        "demand": demand,
        "chart": demand_chart(demand),
        "tenders": selectors.tender_list().filter(product=product),
    }
    if with_boards:
        context["intents"] = intent_rows(product)
        context["unmet"] = unmet_demand_rows(product)
    return context


# --- The member's intents (TEN-1) -----------------------------------------------------------------


@dataclass(frozen=True)
class MyIntentRow:
    intent: Intent
    locations: int
    units: Decimal
    demand: selectors.Demand
    refusal: str | None  # why it can no longer change, if it cannot


def my_intent_rows(board: Board) -> list[MyIntentRow]:
    rows = []
    for intent in selectors.intents_of(board_id=board.pk):
        places = list(intent.locations.all())
        rows.append(
            MyIntentRow(
                intent,
                len(places),
                sum((p.units for p in places), ZERO),
                selectors.demand_for(product=intent.product),
                intent_refusal(intent.product),
            )
        )
    return rows


# --- Participation, late joins, price changes, requirements (TEN-1, TEN-3, TEN-6, TEN-8) ----------


def purchase_fee(tender: Tender) -> Decimal | None:
    """FEE-2: what taking part costs once; None for a fee-free tender."""
    return None if tender.fee_free or tender.purchase_fee <= 0 else tender.purchase_fee


@dataclass(frozen=True)
class ParticipationRow:
    participation: Participation
    effect: selectors.PriceEffect | None
    changes: list[PriceChange]

    @property
    def is_invited(self) -> bool:
        return self.participation.status == Participation.Status.INVITED

    @property
    def purchase_fee(self) -> Decimal | None:
        return purchase_fee(self.participation.tender)


@dataclass(frozen=True)
class JoinableTender:
    tender: Tender
    room_left: Decimal
    form: JoinForm

    @property
    def purchase_fee(self) -> Decimal | None:
        return purchase_fee(self.tender)


@dataclass(frozen=True)
class CommentableTender:
    tender: Tender
    comments: list[RequirementComment]
    form: CommentForm


def own_participation(board: Board, pk: int) -> Participation | None:
    """Only a participation of the representative's own board (ACC-2)."""
    return selectors.participations_of(board_id=board.pk).filter(pk=pk).first()


def joinable_tenders(board: Board) -> QuerySet[Tender]:
    """TEN-6: awarded or contracted tenders the board does not already take part in, nor is
    asked to confirm."""
    taking_part = Participation.objects.filter(
        board=board,
        status__in=[Participation.Status.INVITED, Participation.Status.CONFIRMED],
    ).values("tender_id")
    return (
        selectors.tender_list()
        .filter(status__in=[s.value for s in domain.JOINABLE])
        .exclude(pk__in=taking_part)
        .order_by("reference")
    )


def tenders_in_joinable_status() -> QuerySet[Tender]:
    return Tender.objects.filter(status__in=[s.value for s in domain.JOINABLE]).select_related(
        "product"
    )


def commentable_tenders() -> QuerySet[Tender]:
    """TEN-3: tenders whose programme of requirements is being drafted with the members."""
    return (
        Tender.objects.filter(status=domain.TenderStatus.REQUIREMENTS.value)
        .select_related("product")
        .order_by("reference")
    )


def _price_changes(tenders: Iterable[int]) -> dict[int, list[PriceChange]]:
    result: dict[int, list[PriceChange]] = {}
    for change in PriceChange.objects.filter(lot__tender_id__in=list(tenders)).select_related(
        "lot"
    ):
        result.setdefault(change.lot.tender_id, []).append(change)
    return result


def participation_page(
    board: Board,
    *,
    today: date,
    join_forms: Mapping[int, JoinForm] | None = None,
    comment_forms: Mapping[int, CommentForm] | None = None,
) -> dict[str, Any]:
    join_forms = join_forms or {}
    comment_forms = comment_forms or {}
    participations = list(
        selectors.participations_of(board_id=board.pk).order_by("-tender__awarded_at", "pk")
    )
    changes = _price_changes(p.tender_id for p in participations)
    rows = []
    for participation in participations:
        effect = None
        if participation.status == Participation.Status.CONFIRMED:
            effect = next(
                (
                    e
                    for e in selectors.price_effects(tender=participation.tender, on=today)
                    if e.participation.board_id == board.pk
                ),
                None,
            )
        tender_changes = changes.get(participation.tender_id, [])
        rows.append(ParticipationRow(participation, effect, tender_changes))
    joinable = [
        JoinableTender(
            tender,
            selectors.room_left(tender=tender),
            join_forms.get(tender.pk) or JoinForm(tender=tender),
        )
        for tender in joinable_tenders(board)
    ]
    drafting = list(commentable_tenders())
    comments: dict[int, list[RequirementComment]] = {}
    for comment in RequirementComment.objects.filter(
        board=board, tender__in=[t.pk for t in drafting]
    ):
        comments.setdefault(comment.tender_id, []).append(comment)
    commentable = [
        CommentableTender(
            tender,
            comments.get(tender.pk, []),
            comment_forms.get(tender.pk) or CommentForm(tender=tender),
        )
        for tender in drafting
    ]
    return {
        "board": board,
        "rows": rows,
        "has_effects": any(r.effect or r.changes for r in rows),
        "joinable": joinable,
        "commentable": commentable,
        "today": today,
    }


def tender_of(queryset: QuerySet[Tender], pk: int) -> Tender | None:
    return queryset.filter(pk=pk).first()


def in_words(violation: RuleViolation) -> RuleViolation:
    """The violation with a catalogue status named in words ("in verkenning", not its code) and
    the room left written the Dutch way (4 or 2,5, not 4.00)."""
    params = dict(violation.params)
    status = params.get("status")
    if violation.code == "catalog.not_available" and status in StatusChoices.values:
        params["status"] = StatusChoices(status).label
    if violation.code == "procurement.room_too_small" and "left" in params:
        params["left"] = floatformat(Decimal(str(params["left"])), "-2g")
    return RuleViolation(violation.code, **params)
