"""The export's JSON writer: byte for byte what ``json.dumps(indent=2)`` writes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.site.export import dumps


def reference(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    "data",
    [
        {},
        [],
        "text",
        None,
        {"empty list": [], "empty dict": {}},
        {"plain": 1, "float": 1.5, "flag": True, "none": None, "text": 'é <"\\\n'},
        [1, [2, []], {"x": None}],
        {"nested": [{"a": 1}, {"b": [1, {"c": 2.0}]}]},
        {"tuple": (1, (2,))},
        [float("nan"), float("inf")],
        {"line separator": "a\u2028b", "tab": "ü\t"},
    ],
)
def test_dumps_matches_json_module(data: object) -> None:
    assert dumps(data) == reference(data)


plain = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)
)
nested = st.recursive(
    plain,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(nested)
def test_dumps_matches_json_module_on_any_nesting(data: object) -> None:
    assert dumps(data) == reference(data)
