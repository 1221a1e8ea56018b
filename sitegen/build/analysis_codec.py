"""A story's analysis as JSON, and back: the on-disk form of the analysis cache.

The cache used to hold pickles, and unpickling runs whatever code the file names: anyone
who could put a file in ``.sitegen-cache/`` (a shared project archive unpacked with it)
ran code on the next build. JSON can only ever give back lists, strings and numbers, and
the decoder below builds from them only the frozen dataclasses of
:class:`~sitegen.model.StoryAnalysis`, field by field, checking each value's type
against the field's annotation. A file that does not fit is damaged, never obeyed.

Each dataclass is written as the list of its field values in field order (no field
names: a third of the size and of the decoding time); tuples are lists. The decoders
are compiled once per class from the annotations, so a field added to the model is
cached with no change here, and a field of a type JSON cannot carry fails loudly.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from operator import attrgetter
from typing import Any

from ..model import StoryAnalysis


class DamagedEntry(ValueError):
    """Bytes that are not the JSON of a StoryAnalysis."""


Decoder = Callable[[Any], Any]

_PRIMITIVES: dict[object, tuple[type, ...]] = {
    str: (str,),
    int: (int,),
    float: (float, int),  # json gives 100 for a float written as 100.0 by another encoder
    bool: (bool,),
    type(None): (type(None),),
}


@cache
def _getter(cls: type) -> Callable[[Any], Any]:
    names = tuple(f.name for f in dataclasses.fields(cls))
    get = attrgetter(*names)
    return get if len(names) > 1 else (lambda value: (get(value),))


def _as_list(value: object) -> object:
    """``default`` of the JSON encoder: a dataclass as its field values, in order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _getter(type(value))(value)
    raise TypeError(f"cannot cache a {type(value).__name__}")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_as_list)


def encode(analysis: StoryAnalysis) -> bytes:
    return _ENCODER.encode(analysis).encode("utf-8")


def decode(data: bytes | str) -> StoryAnalysis:
    """The analysis in ``data``; :class:`DamagedEntry` if it is anything else."""
    try:
        value = json.loads(data)
        return _decoder(StoryAnalysis)(value)  # type: ignore[no-any-return]
    except (ValueError, TypeError, IndexError, RecursionError) as exc:
        raise DamagedEntry(str(exc) or type(exc).__name__) from exc


def _check(kinds: tuple[type, ...]) -> Decoder:
    def checked(value: Any) -> Any:
        if type(value) not in kinds:
            raise TypeError(f"expected {kinds[0].__name__}, got {type(value).__name__}")
        return value

    return checked


def _field_decoder(hint: object) -> Decoder:
    """The decoder for one annotation, from those the analysis model uses."""
    if hint in _PRIMITIVES:
        return _check(_PRIMITIVES[hint])
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _decoder(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) == 1 and len(args) == 2:
            inner = _field_decoder(options[0])
            return lambda value: None if value is None else inner(value)
        if all(a in _PRIMITIVES for a in args):
            return _check(tuple(k for a in args for k in _PRIMITIVES[a]))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _field_decoder(args[0])

        def items(value: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise TypeError(f"expected a list, got {type(value).__name__}")
            return tuple(map(item, value))

        return items
    if origin is tuple and Ellipsis not in args:
        items = [_field_decoder(a) for a in args]

        def fixed(value: Any) -> tuple[Any, ...]:
            if type(value) is not list or len(value) != len(items):
                raise TypeError(f"expected {len(items)} items")
            return tuple(d(v) for d, v in zip(items, value, strict=True))

        return fixed
    raise TypeError(f"the analysis cache cannot hold a field of type {hint!r}")


@cache
def _decoder(cls: type) -> Decoder:
    """Build ``cls`` from the list of its field values, each checked and decoded. Fields
    of plain types are only checked (no call per value: most fields are plain)."""
    hints = typing.get_type_hints(cls)
    plain: list[tuple[int, tuple[type, ...]]] = []
    nested: list[tuple[int, Decoder]] = []
    for index, field in enumerate(dataclasses.fields(cls)):
        hint = hints[field.name]
        if hint in _PRIMITIVES:
            plain.append((index, _PRIMITIVES[hint]))
        else:
            nested.append((index, _field_decoder(hint)))
    count = len(plain) + len(nested)

    def build(value: Any) -> Any:
        if type(value) is not list or len(value) != count:
            raise TypeError(f"expected the {count} fields of {cls.__name__}")
        for index, kinds in plain:
            if type(value[index]) not in kinds:
                raise TypeError(f"{cls.__name__}: a field of the wrong type")
        for index, decode in nested:
            value[index] = decode(value[index])
        return cls(*value)

    return build
