"""Serializer fields the API shares."""

from typing import Any

from rest_framework import serializers


class OptionalChoiceField(serializers.ChoiceField):
    """A choice the model stores blank when there is none (a board without a chamber): null."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value: Any) -> Any:
        return super().to_representation(value) or None
