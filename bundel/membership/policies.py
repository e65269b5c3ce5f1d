"""Load the membership [setting]s (settings.BUNDEL_POLICIES["membership"])."""

from datetime import date
from decimal import Decimal

from django.conf import settings

from bundel.membership.domain import (
    DEFAULT_FEE_BANDS,
    EligibilityPolicy,
    FeeBand,
    MembershipPolicy,
    NoticeBy,
)
from bundel.membership.models import FeeSchedule


def membership_policy() -> MembershipPolicy:
    values = settings.BUNDEL_POLICIES.get("membership", {})
    defaults = MembershipPolicy()
    founding = values.get("founding_date")
    notice = values.get("notice_months") or {}
    return MembershipPolicy(
        founding_date=date.fromisoformat(str(founding)) if founding else defaults.founding_date,
        notice_months={
            NoticeBy.MEMBER: int(notice.get("member", defaults.notice_months[NoticeBy.MEMBER])),  # type: ignore[attr-defined]
            NoticeBy.COOPERATIVE: int(
                notice.get("cooperative", defaults.notice_months[NoticeBy.COOPERATIVE])  # type: ignore[attr-defined]
            ),
        },
        eligibility=EligibilityPolicy(str(values.get("eligibility", defaults.eligibility))),
        reject_swv=bool(values.get("reject_swv", defaults.reject_swv)),
        pro_rata=bool(values.get("pro_rata", defaults.pro_rata)),
    )


def bands_from_json(rows: list[dict[str, object]]) -> tuple[FeeBand, ...]:
    return tuple(
        FeeBand(
            int(row["max_students"]) if row["max_students"] is not None else None,  # type: ignore[call-overload]
            Decimal(str(row["amount"])),
        )
        for row in rows
    )


def bands_to_json(bands: tuple[FeeBand, ...]) -> list[dict[str, object]]:
    return [{"max_students": b.max_students, "amount": str(b.amount)} for b in bands]


def fee_bands(year: int) -> tuple[FeeBand, ...]:
    """FEE-1 [setting]: the year's bands as staff set them (FeeSchedule), else the latest
    earlier year's, else the default table of the settings."""
    schedule = FeeSchedule.objects.filter(year__lte=year).order_by("-year").first()
    if schedule is not None:
        return bands_from_json(schedule.bands)
    configured = settings.BUNDEL_POLICIES.get("membership", {}).get("fee_bands")
    return bands_from_json(configured) if configured else DEFAULT_FEE_BANDS  # type: ignore[arg-type]
