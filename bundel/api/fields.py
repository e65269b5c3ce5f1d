"""Serializer fields and request bodies the API shares."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from rest_framework import serializers


class OptionalChoiceField(serializers.ChoiceField):
    """A choice the model stores blank when there is none (a board without a chamber): null."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value: Any) -> Any:
        return super().to_representation(value) or None


class StrictInput(serializers.Serializer[Any]):
    """A request body with only its own fields. A representative acts for its own board and
    seat, so a body that names another (`board`, `grantor`) is refused, not ignored (ACC-2)."""

    def to_internal_value(self, data: Any) -> Any:
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, Mapping) else []
        if unknown:
            raise serializers.ValidationError(
                {name: [gettext("This field is not accepted here.")] for name in unknown}
            )
        return super().to_internal_value(data)
