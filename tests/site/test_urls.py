"""Relative links between site paths, checked against the standard library's answer."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.site.urls import absolute, file_for, relative


def reference(target: str, page: str) -> str:
    target, hash_, fragment = target.partition("#")
    rel = posixpath.relpath(target or ".", posixpath.dirname(file_for(page)) or ".")
    if target == "" or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + hash_ + fragment


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("", "", "./"),
        ("stories/a/", "", "stories/a/"),
        ("", "stories/a/", "../../"),
        ("stories/a/articles/b/#s3", "stories/a/claims/c.html", "../articles/b/#s3"),
        ("assets/site.css", "stories/a/", "../../assets/site.css"),
        ("stories/a/", "stories/a/", "./"),
        ("stories/ab/", "stories/a/", "../ab/"),
        ("feed.xml", "404.html", "feed.xml"),
    ],
)
def test_relative(target: str, page: str, expected: str) -> None:
    assert relative(target, page) == expected


segment = st.sampled_from(["a", "b", "ab", "stories", "x-1"])
folder = st.lists(segment, max_size=4).map(lambda p: "".join(s + "/" for s in p))
site_path = st.one_of(
    folder, st.tuples(folder, st.sampled_from(["f.css", "feed.xml"])).map("".join)
)


@given(target=site_path, page=folder, fragment=st.sampled_from(["", "#s1"]))
def test_relative_agrees_with_posixpath(target: str, page: str, fragment: str) -> None:
    assert relative(target + fragment, page) == reference(target + fragment, page)


def test_absolute() -> None:
    assert absolute("https://example.org/cov/", "stories/a/") == (
        "https://example.org/cov/stories/a/"
    )
    assert absolute("", "stories/a/") == "/stories/a/"
