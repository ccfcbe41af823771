"""Values that fit a GraphQL input type, built from the schema alone: the first enum value, one list item, every field
of an input object, and a fixed value per scalar."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import GraphQLInputType, get_named_type, is_enum_type, is_input_object_type, is_list_type, is_non_null_type

GOOD: Mapping[str, Any] = {
    "String": "x",
    "Int": 1,
    "Float": 1.5,
    "Boolean": True,
    "ID": "x",
    "Date": "2026-03-10",
    "DateTime": "2026-03-10T09:30:00+01:00",
}


def good_value(type_: GraphQLInputType, scalars: Mapping[str, Any] = GOOD) -> Any:
    inner = type_.of_type if is_non_null_type(type_) else type_  # type: ignore[attr-defined]
    if is_list_type(inner):
        return [good_value(inner.of_type, scalars)]  # type: ignore[attr-defined]
    named = get_named_type(type_)
    if is_input_object_type(named):
        fields = named.fields.items()  # type: ignore[attr-defined]
        return {name: good_value(field.type, scalars) for name, field in fields}
    return next(iter(named.values)) if is_enum_type(named) else scalars[named.name]  # type: ignore[attr-defined]
