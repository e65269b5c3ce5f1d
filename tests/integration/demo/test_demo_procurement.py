"""`bundel demo`: the catalogue and procurement in the demo world (issue #5): the seeded catalogue
with groups in exploration, members' intent, the first tenders — external connectivity (fee-free,
contracted) and wifi (with a purchase fee) — awarded with participants and room left, late
joiners and a refused join kept as demand, a price change with its effects, a tender in bidding
with a sealed bid, supplier logins, and the demo representatives' intent and participation."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bundel.accounts.models import User
from bundel.accounts.roles import Role
from bundel.billing.models import Charge, ChargeKind
from bundel.catalog.models import Product, ProductGroup, ProductOption
from bundel.catalog.services import SEED_EXPLORATION
from bundel.demo import procurement, synthetic
from bundel.demo.services import DEMO_PASSWORD, demo_world_load, demo_world_reset
from bundel.procurement import domain, selectors
from bundel.procurement.models import (
    Award,
    Bid,
    Intent,
    IntentLocation,
    Participation,
    PriceChange,
    RequirementComment,
    Supplier,
    Tender,
    UnmetDemand,
)
from bundel.registry.services import ImportFile
from bundel.shared import clock
from bundel.shared.errors import RuleViolation
from bundel.shared.models import AuditEvent
from tests.integration.demo.world import SMALL, run_demo

LIFECYCLE = [s.value for s in domain.TenderStatus]
DEMO_REPRESENTATIVES = ("bestuur-po", "bestuur-vo", "bestuur-combinatie", "bestuur-klein")


def tender(code: str) -> Tender:
    return Tender.objects.select_related("product").get(product__code=code)


def procurement_counts() -> dict[str, int]:
    models = (*procurement.PROCUREMENT_MODELS, ProductGroup, Product, ProductOption, Charge)
    return {
        "users": User.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        **{model._meta.label: model.objects.count() for model in models},
    }


def section(output: str) -> str:
    return output[output.index("Procurement:") : output.index("Billing:")]


# -- the catalogue and intent ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_catalogue_is_seeded_with_groups_in_exploration(demo_world: str) -> None:
    exploring = ProductGroup.objects.filter(status="exploration")
    assert {g.code: g.interest_group for g in exploring} == SEED_EXPLORATION
    connectivity = Product.objects.get(code="connectivity")
    assert list(connectivity.requires.values_list("code", flat=True)) == ["security-basic"]
    assert not Intent.objects.filter(product__group__status="exploration").exists()
    assert "3 in exploration: Devices" in demo_world


@pytest.mark.django_db
def test_members_registered_intent_in_the_past_at_their_locations(demo_world: str) -> None:
    for code in ("connectivity", "wifi", "security-basic"):
        assert Intent.objects.filter(product__code=code).count() >= 20, code
    now = timezone.now()
    for intent in Intent.objects.select_related("board", "product"):
        assert intent.updated_at < now
        registered = timezone.localdate(intent.updated_at)
        assert registered.year <= intent.start_year <= registered.year + 2  # TEN-1's horizon
    rows = IntentLocation.objects.select_related("intent", "location__school")
    for row in rows:
        assert row.location.school.board_id == row.intent.board_id
        if row.intent.product.code == "connectivity":
            assert row.options["bandwidth"] in ("100", "500", "1000")
        if row.intent.product.code == "wifi":
            assert Decimal(row.options["access_points"]) == row.units
    # CAT-3: who wants external connectivity wants the mandatory security services too
    connectivity = set(Intent.objects.filter(product__code="connectivity").values_list("board_id"))
    security = set(Intent.objects.filter(product__code="security-basic").values_list("board_id"))
    assert connectivity <= security
    demand = selectors.demand_for(product=Product.objects.get(code="connectivity"))
    assert demand.boards == len(connectivity)
    assert demand.students > 0
    assert len(demand.years) >= 2  # spread over start years


# -- the first tenders ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_connectivity_and_wifi_are_awarded_with_participants_and_room_left(
    demo_world: str,
) -> None:
    connectivity, wifi = tender("connectivity"), tender("wifi")
    assert connectivity.status == domain.TenderStatus.CONTRACTED
    assert wifi.status == domain.TenderStatus.AWARDED
    assert connectivity.fee_free  # as the first tenders were
    assert connectivity.purchase_fee == 0
    assert not wifi.fee_free
    assert wifi.purchase_fee > 0
    assert (connectivity.room_unit, wifi.room_unit) == ("locations", "units")
    year_ago = timezone.now() - timedelta(days=365)
    for row in (connectivity, wifi):
        assert row.awarded_at is not None
        assert year_ago < row.awarded_at < timezone.now()
        confirmed = row.participations.filter(status=Participation.Status.CONFIRMED)
        assert confirmed.filter(late=False).count() >= 10
        assert confirmed.filter(late=True).exists()  # late joiners (TEN-6)
        assert selectors.room_left(tender=row) > 0
        assert not row.lots.filter(award__isnull=True).exists()
        bids = Bid.objects.filter(lot__tender=row)
        assert 2 <= bids.values("supplier").distinct().count() <= 3
        expected = LIFECYCLE[: LIFECYCLE.index(row.status) + 1]
        transitions = list(row.transitions.order_by("at"))
        assert [t.from_status for t in transitions] == expected[:-1]
        assert [t.to_status for t in transitions] == expected[1:]
        assert RequirementComment.objects.filter(tender=row).count() >= 2
        assert f"{row.reference} {row.title}: {row.status}" in demo_world
    declined = Participation.objects.filter(status=Participation.Status.DECLINED)
    assert declined.count() == 1
    # the lots of connectivity went to two suppliers, each to the highest total
    winners = {a.bid.supplier.name for a in Award.objects.filter(lot__tender=connectivity)}
    assert len(winners) == 2
    for award in Award.objects.select_related("lot"):
        sheet = selectors.scoring_sheet(lot=award.lot)
        assert award.scores == sheet.as_json()  # reproducible from the stored data
        assert award.scores["proposal"] == str(award.bid_id)


@pytest.mark.django_db
def test_a_refused_join_is_kept_as_unmet_demand(demo_world: str) -> None:
    demand = UnmetDemand.objects.get()
    assert demand.locations > selectors.room_left(tender=demand.tender) > 0
    assert not Participation.objects.filter(tender=demand.tender, board=demand.board).exists()
    refused = AuditEvent.objects.get(action="procurement.join.refused")
    assert refused.after is not None
    assert refused.after["reason"] == "procurement.room_too_small"
    assert selectors.demand_for(product=demand.tender.product).unmet_units == demand.units
    assert "unmet demand: 1 refused join(s)" in demo_world


@pytest.mark.django_db
def test_a_price_change_has_effects_on_the_yearly_cost(demo_world: str) -> None:
    change = PriceChange.objects.select_related("lot__tender").get()
    assert change.percent == 30
    assert change.lot.number == 1
    assert change.effective_on <= clock.today()
    assert timezone.localdate(change.recorded_at) < change.effective_on
    effects = selectors.price_effects(tender=change.lot.tender, on=clock.today())
    assert effects
    for effect in effects:
        assert effect.after == domain.yearly_cost(
            units=effect.participation.units,
            price_per_unit=domain.changed_price(
                price=selectors.awarded_price(tender=change.lot.tender) or Decimal(0),
                percent=Decimal(30),
            ),
        )
        assert effect.difference > 0
    before = selectors.price_effects(
        tender=change.lot.tender, on=change.effective_on - timedelta(days=1)
    )
    assert all(e.difference == 0 for e in before)


@pytest.mark.django_db
def test_purchase_fees_wait_uninvoiced_for_a_run_to_come(demo_world: str) -> None:
    wifi = tender("wifi")
    fees = Charge.objects.filter(kind=ChargeKind.PURCHASE_FEE)
    confirmed = wifi.participations.filter(status=Participation.Status.CONFIRMED)
    assert fees.count() == confirmed.count()
    assert set(fees.values_list("board_id", flat=True)) == set(
        confirmed.values_list("board_id", flat=True)
    )
    assert not fees.filter(invoice_line__isnull=False).exists()
    assert {c.unit_price for c in fees} == {wifi.purchase_fee}
    first, _ = procurement.fee_window(clock.today())
    assert set(fees.values_list("billing_period", flat=True)) == {f"{first:%Y-%m}"}
    assert wifi.participations.filter(status=Participation.Status.INVITED).exists()


@pytest.mark.django_db
def test_a_tender_in_bidding_has_a_sealed_bid(demo_world: str) -> None:
    bidding = Tender.objects.get(status=domain.TenderStatus.PUBLISHED)
    assert bidding.product.code == "security-basic"
    assert bidding.bid_deadline is not None
    assert bidding.bid_deadline > timezone.now()
    assert selectors.bid_count(tender=bidding) == 1
    with pytest.raises(RuleViolation) as refused:
        selectors.bids_for_evaluation(tender=bidding, at=clock.now())
    assert refused.value.code == "procurement.bids_sealed"
    assert bidding.participations.count() == 0
    assert "1 sealed bid(s)" in demo_world


@pytest.mark.django_db
def test_the_supplier_logins_sign_in_for_their_supplier(demo_world: str) -> None:
    for login in procurement.SUPPLIER_LOGINS:
        user = User.objects.get(username=login)
        assert user.check_password(DEMO_PASSWORD)
        assert user.groups.filter(name=Role.SUPPLIER.value).exists()
        assert user.board is None
        supplier = selectors.supplier_of(user=user)
        assert supplier is not None
        assert Bid.objects.filter(supplier=supplier, submitted_by=user).exists()
        assert f"{login} " in demo_world[demo_world.index("Demo accounts") :]
        assert supplier.name in demo_world
    assert Supplier.objects.count() >= 4


@pytest.mark.django_db
def test_the_demo_representatives_have_intent_and_a_participation(demo_world: str) -> None:
    for username in DEMO_REPRESENTATIVES:
        user = User.objects.get(username=username)
        assert user.board_id is not None
        assert selectors.intents_of(board_id=user.board_id).exists(), username
        taking = selectors.participations_of(board_id=user.board_id)
        assert taking.filter(status=Participation.Status.CONFIRMED).exists(), username
    vo = User.objects.get(username="bestuur-vo")
    assert Participation.objects.filter(board=vo.board, status="invited").exists()
    klein = User.objects.get(username="bestuur-klein")
    assert Participation.objects.filter(board=klein.board, late=True).exists()


@pytest.mark.django_db
def test_the_history_is_written_as_it_happened(demo_world: str) -> None:
    now = timezone.now()
    events = AuditEvent.objects.filter(action__regex=r"^(procurement|catalog)\.")
    assert events.exists()
    assert all(event.at < now for event in events)
    for row in Tender.objects.all():
        moments = list(row.transitions.order_by("id").values_list("at", flat=True))
        assert moments == sorted(moments)
        assert row.created_at < moments[0]
        for bid in Bid.objects.filter(lot__tender=row):
            assert row.published_at is not None
            assert row.bid_deadline is not None
            assert row.published_at < bid.submitted_at < row.bid_deadline
        for comment in RequirementComment.objects.filter(tender=row):
            assert moments[0] < comment.at < (row.published_at or now)
        for participation in row.participations.exclude(status="invited"):
            assert participation.decided_at is not None
            assert row.awarded_at is not None
            assert row.awarded_at < participation.decided_at
    for award in Award.objects.select_related("lot__tender"):
        assert award.lot.tender.bid_deadline is not None
        assert award.lot.tender.bid_deadline < award.awarded_at


# -- again, reset, and a small register -----------------------------------------------------------


@pytest.mark.django_db
def test_running_demo_again_changes_nothing(demo_world: str) -> None:
    before = procurement_counts()
    out = run_demo()
    assert procurement_counts() == before
    assert "procurement data already; nothing changed" in out
    assert section(out).splitlines()[1:] == section(demo_world).splitlines()[1:]


@pytest.mark.django_db
def test_reset_removes_procurement_the_catalogue_and_the_supplier_logins(demo_world: str) -> None:
    demo_world_reset()
    for model in (*procurement.PROCUREMENT_MODELS, ProductGroup, Product):
        assert not model.objects.exists(), model
    assert not User.objects.filter(username__in=procurement.SUPPLIER_LOGINS).exists()
    assert not Charge.objects.exists()


def snapshot() -> list[object]:
    return [
        sorted(
            (i.board.number, i.product.code, i.start_year, i.locations.count())
            for i in Intent.objects.select_related("board", "product")
        ),
        sorted(
            (t.reference, t.status, t.room, t.awarded_at, t.bid_deadline)
            for t in Tender.objects.all()
        ),
        sorted(
            (p.tender.reference, p.board.number, p.status, p.late, p.units, p.decided_at)
            for p in Participation.objects.select_related("tender", "board")
        ),
        sorted(
            (c.board.number, c.billing_period) for c in Charge.objects.filter(kind="purchase_fee")
        ),
    ]


@pytest.mark.parametrize("today", [date(2027, 3, 15), date(2027, 1, 4)])
@pytest.mark.django_db
def test_a_small_register_gets_tenders_too_the_same_every_time(
    demo_world: str, today: date
) -> None:
    files = [ImportFile(name, data) for name, data in synthetic.world_files(seed=7, shape=SMALL)]

    result = demo_world_load(files=files, reset=True, seed=7, today=today)

    assert result.procurement is not None
    assert result.procurement.state is procurement.ProcurementState.CREATED
    assert Tender.objects.filter(status="contracted").exists()
    assert Tender.objects.filter(status="awarded").exists()
    bidding = Tender.objects.get(status="published")
    assert bidding.bid_deadline is not None
    assert timezone.localdate(bidding.bid_deadline) > today
    events = AuditEvent.objects.filter(action__startswith="procurement.")
    assert all(timezone.localdate(event.at) < today for event in events)
    first = snapshot()
    demo_world_load(files=files, reset=True, seed=7, today=today)
    assert snapshot() == first
    again = demo_world_load(files=files, seed=7, today=today + timedelta(days=30))
    assert again.procurement is not None
    assert again.procurement.state is procurement.ProcurementState.PRESENT
    assert snapshot() == first


@pytest.mark.parametrize(
    ("today", "window"),
    [
        (date(2026, 11, 24), (date(2026, 11, 2), date(2026, 11, 23))),  # this month
        (date(2026, 11, 2), (date(2026, 10, 1), date(2026, 10, 30))),  # October's run is today
        (date(2026, 11, 3), (date(2026, 11, 2), date(2026, 11, 2))),  # it was made yesterday
        (date(2027, 1, 4), (date(2026, 12, 1), date(2026, 12, 31))),  # December's run is today
    ],
)
def test_purchase_fees_fall_in_the_month_whose_run_is_to_come(
    today: date, window: tuple[date, date]
) -> None:
    assert procurement.fee_window(today) == window
