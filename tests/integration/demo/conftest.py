"""One demo world for the whole demo package: it takes seconds to build."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from django.db.models import Max
from pytest_django import DjangoDbBlocker

from bundel.demo.services import demo_world_reset
from bundel.shared.models import AuditEvent
from tests.integration.demo.world import run_demo


@pytest.fixture(scope="package")
def demo_world(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """One synthetic import for the whole package, removed afterwards; tests run in
    transactions on top of it. Yields what `bundel demo` printed."""
    with django_db_blocker.unblock():
        last_event = AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0
        groups = list(Group.objects.values_list("pk", flat=True))
        try:
            yield run_demo()
        finally:
            demo_world_reset()
            AuditEvent.objects.filter(pk__gt=last_event).delete()
            Group.objects.exclude(pk__in=groups).delete()
