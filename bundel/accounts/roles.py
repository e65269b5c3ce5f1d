"""ACC-1: the roles of the platform. Each role is a Django group with its permissions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    FINANCE = "finance", _("Finance")
    PROCUREMENT = "procurement", _("Procurement")
    SERVICE_DESK = "service_desk", _("Service desk")
    COUNCIL_SECRETARY = "council_secretary", _("Council secretary")
    MEMBER_REPRESENTATIVE = "member_representative", _("Member representative")
    SUPPLIER = "supplier", _("Supplier")


STAFF_ROLES = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.FINANCE,
        Role.PROCUREMENT,
        Role.SERVICE_DESK,
        Role.COUNCIL_SECRETARY,
    }
)

# app_label.codename per role. Every staff role reads the register and the member list; the
# administrator imports the register and decides applications.
ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.ADMINISTRATOR: [
        "registry.view_board",
        "registry.import_register",
        "registry.view_importrun",
        "shared.view_auditevent",
        "membership.decide_application",
        "membership.manage_membership",
        "membership.acknowledge_chamber_change",
        "governance.manage_council",
        "billing.manage_billing",
        "catalog.manage_catalog",
        "procurement.manage_tenders",
    ],
    # Settlements and notice are about money and contracts: finance handles them too.
    Role.FINANCE: [
        "registry.view_board",
        "membership.manage_membership",
        "billing.manage_billing",
    ],
    # CAT, TEN: procurement maintains the catalogue and runs the tenders.
    Role.PROCUREMENT: [
        "registry.view_board",
        "catalog.manage_catalog",
        "procurement.manage_tenders",
    ],
    Role.SERVICE_DESK: ["registry.view_board"],
    # REG-6: the council secretary is told of members' chamber changes.
    # GOV-2 … GOV-10: the council secretary runs the council, its elections and meetings.
    Role.COUNCIL_SECRETARY: [
        "registry.view_board",
        "membership.acknowledge_chamber_change",
        "governance.manage_council",
    ],
    Role.MEMBER_REPRESENTATIVE: [],
    Role.SUPPLIER: [],
}
