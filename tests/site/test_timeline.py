"""The timeline (issue 19, point 4): publication times ordered no more strongly than they
were given, who carried a claim first only when the times prove it, and the words for
times and delays in every shipped language."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from datetime import date, datetime, timedelta, timezone
from html import unescape
from pathlib import Path

import pytest

from sitegen.build.pipeline import build
from sitegen.model import Article, Claim, ClaimSource, Outlet, Site, SiteConfig, Story
from sitegen.site import timeline as tl
from sitegen.site import views as pages
from sitegen.site.i18n import Translations, load_translations
from sitegen.site.render import claim_json_ld
from sitegen.site.theme import default_folder, english
from tests.built import item_pages

TESTS = Path(__file__).resolve().parent.parent
STORIES = TESTS / "fixtures" / "stories"
DEMO = TESTS.parent / "content"


def zone(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


UTC = zone(0)
CET = zone(1)
BEIJING = zone(8)
NEW_YORK = zone(-5)


# --------------------------------------------------------------------------- moments


def test_a_time_with_an_offset_is_an_instant_in_utc_that_keeps_its_own_offset() -> None:
    m = tl.moment(datetime(2026, 3, 10, 9, 12, tzinfo=CET))
    assert m.kind == tl.TIMED
    assert m.utc == datetime(2026, 3, 10, 8, 12, tzinfo=UTC)
    assert m.offset == timedelta(hours=1)
    assert m.iso == "2026-03-10T09:12:00+01:00"


def test_a_time_without_an_offset_is_taken_as_stated_and_read_as_utc() -> None:
    m = tl.moment(datetime(2026, 3, 10, 7, 5))
    assert m.kind == tl.NAIVE
    assert m.utc == datetime(2026, 3, 10, 7, 5, tzinfo=UTC)
    assert m.offset is None
    assert m.iso == "2026-03-10T07:05:00"  # as stated: no offset invented


def test_a_date_alone_and_no_date() -> None:
    day = tl.moment(date(2026, 3, 10))
    assert (day.kind, day.utc, day.day) == (tl.DAY, None, date(2026, 3, 10))
    none = tl.moment(None)
    assert (none.kind, none.day, none.days) == (tl.NONE, None, frozenset())


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # mixed zones: compared as instants
        (
            datetime(2026, 3, 10, 9, 12, tzinfo=CET),
            datetime(2026, 3, 10, 8, 0, tzinfo=UTC),
            "after",
        ),
        (
            datetime(2026, 3, 10, 21, 53, tzinfo=BEIJING),
            datetime(2026, 3, 10, 9, 0, tzinfo=NEW_YORK),
            "before",
        ),
        # the same instant written in two zones
        (datetime(2026, 3, 10, 9, 0, tzinfo=CET), datetime(2026, 3, 10, 8, 0, tzinfo=UTC), "same"),
        # a naive time is compared as if UTC
        (datetime(2026, 3, 10, 8, 0), datetime(2026, 3, 10, 8, 30, tzinfo=UTC), "before"),
        # a date alone on the day of a timed article: either could be first
        (date(2026, 3, 10), datetime(2026, 3, 10, 7, 5, tzinfo=UTC), "unknown"),
        (datetime(2026, 3, 10, 23, 0, tzinfo=CET), date(2026, 3, 10), "unknown"),
        # near midnight a timed article has two days (its own and UTC's): both count
        (date(2026, 3, 10), datetime(2026, 3, 11, 0, 30, tzinfo=CET), "unknown"),
        (date(2026, 3, 9), datetime(2026, 3, 11, 0, 30, tzinfo=CET), "before"),
        (date(2026, 3, 12), datetime(2026, 3, 11, 0, 30, tzinfo=CET), "after"),
        # two dates alone
        (date(2026, 3, 10), date(2026, 3, 10), "unknown"),
        (date(2026, 3, 10), date(2026, 3, 11), "before"),
        # no date: never known
        (None, datetime(2026, 3, 10, 7, 5, tzinfo=UTC), "unknown"),
        (date(2026, 3, 10), None, "unknown"),
        (None, None, "unknown"),
    ],
)
def test_compare(a: tl.Stamp, b: tl.Stamp, expected: str) -> None:
    assert tl.compare(tl.moment(a), tl.moment(b)) == expected
    flipped = {"before": "after", "after": "before"}.get(expected, expected)
    assert tl.compare(tl.moment(b), tl.moment(a)) == flipped


# --------------------------------------------------------------------------- articles


def test_articles_in_order_with_mixed_zones_date_only_apart_and_undated_last() -> None:
    line = tl.timeline(
        [
            ("ledger", datetime(2026, 3, 10, 19, 30, tzinfo=CET)),  # 18:30 UTC
            ("gazette", datetime(2026, 3, 10, 9, 12, tzinfo=CET)),  # 08:12 UTC
            ("lost", None),
            ("metro", date(2026, 3, 10)),
            ("herald", datetime(2026, 3, 11, 8, 0, tzinfo=CET)),  # 07:00 UTC, next day
            ("wire", datetime(2026, 3, 10, 7, 5, tzinfo=UTC)),
            ("late-night", datetime(2026, 3, 10, 21, 0, tzinfo=NEW_YORK)),  # 11th 02:00 UTC
        ]
    )
    days = [
        (d.day, [e.article for e in d.timed], [e.article for e in d.untimed]) for d in line.days
    ]
    assert days == [
        (date(2026, 3, 10), ["wire", "gazette", "ledger"], ["metro"]),
        (date(2026, 3, 11), ["late-night", "herald"], []),
    ]
    assert [e.article for e in line.undated] == ["lost"]
    assert [e.article for e in line.entries] == [
        "wire", "gazette", "ledger", "metro", "late-night", "herald", "lost",
    ]  # fmt: skip
    assert line.counts == {tl.TIMED: 5, tl.NAIVE: 0, tl.DAY: 1, tl.NONE: 1}
    assert not line.zone_not_given


def test_naive_times_are_ordered_as_stated_and_ties_keep_story_order() -> None:
    line = tl.timeline(
        [
            ("b", datetime(2026, 3, 10, 8, 0)),
            ("a", datetime(2026, 3, 10, 9, 0, tzinfo=CET)),  # the same instant as b read as UTC
            ("c", datetime(2026, 3, 10, 7, 59)),
        ]
    )
    assert [e.article for e in line.entries] == ["c", "b", "a"]
    assert line.zone_not_given


# --------------------------------------------------------------------------- first carrier


def _delays(order: tl.ClaimOrder) -> list[tuple[str, str, int, int]]:
    return [(c.article, c.delay.kind, c.delay.minutes, c.delay.days) for c in order.carriers]


def test_the_first_carrier_across_zones_and_how_much_later_the_others_were() -> None:
    order = tl.claim_order(
        "c1",
        [
            ("gazette", datetime(2026, 3, 10, 9, 12, tzinfo=CET)),
            ("herald", datetime(2026, 3, 11, 8, 0, tzinfo=CET)),
            ("wire", datetime(2026, 3, 10, 7, 5, tzinfo=UTC)),
            ("weekly", date(2026, 3, 13)),
            ("daily", date(2026, 3, 11)),
        ],
    )
    assert order.first == "wire"
    assert order.candidates == ("wire",)
    assert order.reason == ""
    assert order.reference is not None and order.reference.article == "wire"
    assert _delays(order) == [
        ("wire", tl.FIRST, 0, 0),
        ("gazette", tl.MINUTES, 67, 0),
        ("herald", tl.MINUTES, 23 * 60 + 55, 0),
        ("daily", tl.DAYS, 0, 1),  # next day
        ("weekly", tl.DAYS, 0, 3),
    ]


@pytest.mark.parametrize(
    ("carriers", "reason", "candidates", "delays"),
    [
        pytest.param(
            [
                ("a", datetime(2026, 3, 10, 9, 0, tzinfo=CET)),
                ("b", datetime(2026, 3, 10, 8, 0, tzinfo=UTC)),
                ("c", datetime(2026, 3, 10, 10, 0, tzinfo=UTC)),
            ],
            tl.TIE,
            ("a", "b"),
            [("a", tl.EARLIEST, 0, 0), ("b", tl.SAME_TIME, 0, 0), ("c", tl.MINUTES, 120, 0)],
            id="a tie at the earliest minute",
        ),
        pytest.param(
            # the gazette is known to be after the wire; the metro could be before either.
            # Delays are measured from the earliest time given.
            [
                ("metro", date(2026, 3, 10)),
                ("wire", datetime(2026, 3, 10, 7, 5, tzinfo=UTC)),
                ("gazette", datetime(2026, 3, 10, 9, 12, tzinfo=CET)),
            ],
            tl.SAME_DAY,
            ("metro", "wire"),
            [
                ("wire", tl.EARLIEST, 0, 0),
                ("gazette", tl.MINUTES, 67, 0),
                ("metro", tl.SAME_DAY_DELAY, 0, 0),
            ],
            id="a date alone on the day of the earliest time",
        ),
        pytest.param(
            [("lost", None), ("wire", datetime(2026, 3, 10, 7, 5, tzinfo=UTC))],
            tl.UNDATED,
            ("lost", "wire"),
            [("wire", tl.EARLIEST, 0, 0), ("lost", tl.NO_DATE, 0, 0)],
            id="a carrier with no date could be first",
        ),
        pytest.param(
            [("a", date(2026, 3, 10)), ("b", date(2026, 3, 10))],
            tl.SAME_DAY,
            ("a", "b"),
            [("a", tl.EARLIEST_DAY, 0, 0), ("b", tl.SAME_DAY_DELAY, 0, 0)],
            id="only dates alone, on one day",
        ),
        pytest.param(
            [("a", None), ("b", None)],
            tl.UNDATED,
            ("a", "b"),
            [("a", tl.NO_DATE, 0, 0), ("b", tl.NO_DATE, 0, 0)],
            id="nobody gives a date",
        ),
    ],
)
def test_no_first_is_named_when_the_order_cannot_be_known(
    carriers: list[tuple[str, tl.Stamp]],
    reason: str,
    candidates: tuple[str, ...],
    delays: list[tuple[str, str, int, int]],
) -> None:
    order = tl.claim_order("c", carriers)
    assert (order.first, order.reason, order.candidates) == (None, reason, candidates)
    assert _delays(order) == delays
    reference = order.reference
    assert (reference.article if reference else None) == (
        delays[0][0] if delays[0][1] != tl.NO_DATE else None
    )


STAMPS: tuple[tl.Stamp, ...] = (
    None,
    date(2026, 3, 9),
    date(2026, 3, 10),
    date(2026, 3, 11),
    datetime(2026, 3, 10, 7, 5, tzinfo=UTC),
    datetime(2026, 3, 10, 8, 5, tzinfo=CET),  # the same instant as 07:05 UTC
    datetime(2026, 3, 11, 0, 30, tzinfo=CET),  # 10 March in UTC, 11 March as published
    datetime(2026, 3, 10, 23, 0),  # no zone
)


def test_the_possible_firsts_are_those_nothing_is_known_to_precede() -> None:
    for k in (1, 2, 3):
        for stamps in itertools.product(STAMPS, repeat=k):
            carriers = [(f"a{i}", stamp) for i, stamp in enumerate(stamps)]
            moments = [tl.moment(stamp) for stamp in stamps]
            expected = tuple(
                a
                for (a, _), m in zip(carriers, moments, strict=True)
                if not any(tl.compare(n, m) == tl.BEFORE for n in moments)
            )
            order = tl.claim_order("c", carriers)
            assert order.candidates == expected, stamps
            assert (order.first is not None) == (len(expected) == 1 and order.reference is not None)


def test_a_date_alone_a_day_before_every_time_is_first() -> None:
    order = tl.claim_order(
        "c",
        [("herald", datetime(2026, 3, 11, 8, 0, tzinfo=CET)), ("metro", date(2026, 3, 10))],
    )
    assert order.first == "metro"
    assert _delays(order) == [("metro", tl.FIRST, 0, 0), ("herald", tl.DAYS, 0, 1)]


def test_a_delay_measured_with_a_time_without_a_zone_says_so() -> None:
    order = tl.claim_order(
        "c",
        [("a", datetime(2026, 3, 10, 7, 0, tzinfo=UTC)), ("b", datetime(2026, 3, 10, 9, 25))],
    )
    assert order.first == "a"
    later = order.carriers[1].delay
    assert (later.kind, later.minutes, later.zone_not_given) == (tl.MINUTES, 145, True)
    assert tl.delay_text(later, english()) == "+2 h 25 min (time zone not given, read as UTC)"


# --------------------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("delay", "expected"),
    [
        (tl.Delay(tl.MINUTES, minutes=145), "+2 h 25 min"),
        (tl.Delay(tl.MINUTES, minutes=25), "+25 min"),
        (tl.Delay(tl.MINUTES, minutes=180), "+3 h"),
        (tl.Delay(tl.MINUTES, minutes=26 * 60 + 10), "+1 d 2 h"),
        (tl.Delay(tl.MINUTES, minutes=48 * 60), "+2 d"),
        (tl.Delay(tl.MINUTES, minutes=-5), "5 min earlier"),
        (tl.Delay(tl.DAYS, days=1), "next day"),
        (tl.Delay(tl.DAYS, days=3), "3 days later"),
        (tl.Delay(tl.DAYS, days=-1), "the day before"),
        (tl.Delay(tl.DAYS, days=-2), "2 days earlier"),
        (tl.Delay(tl.SAME_TIME), "same time"),
        (tl.Delay(tl.SAME_DAY_DELAY), "same day, time not given"),
        (tl.Delay(tl.NO_DATE), "date not given"),
        (tl.Delay(tl.FIRST), "first"),
        (tl.Delay(tl.EARLIEST), "earliest time given"),
    ],
)
def test_delay_text(delay: tl.Delay, expected: str) -> None:
    assert tl.delay_text(delay, english()) == expected


# Tags that break a line as the reader sees it: a space in the text a test compares.
BLOCK = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|br|section|header|nav|div)\b[^>]*>")


def _text(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", BLOCK.sub(" ", str(markup))))


@pytest.mark.parametrize(
    ("stated", "html"),
    [
        (
            datetime(2026, 3, 10, 7, 5, tzinfo=UTC),
            '<time datetime="2026-03-10T07:05Z">2026-03-10, 07:05 UTC</time>',
        ),
        (
            datetime(2026, 3, 10, 9, 12, tzinfo=CET),
            '<time datetime="2026-03-10T08:12Z">2026-03-10, 08:12 UTC</time> '
            '(<time datetime="2026-03-10T09:12:00+01:00">09:12 UTC+01:00</time> as published)',
        ),
        (
            # the day as published differs from the UTC day: both days shown
            datetime(2026, 3, 10, 21, 30, tzinfo=zone(-4.5)),
            '<time datetime="2026-03-11T02:00Z">2026-03-11, 02:00 UTC</time> '
            '(<time datetime="2026-03-10T21:30:00-04:30">2026-03-10, 21:30 UTC-04:30</time>'
            " as published)",
        ),
        (
            datetime(2026, 3, 10, 7, 5),
            '<time datetime="2026-03-10T07:05:00">2026-03-10, 07:05, time zone not given</time>',
        ),
        (date(2026, 3, 10), '<time datetime="2026-03-10">2026-03-10, time not given</time>'),
        (None, "date not given"),
    ],
)
def test_when(stated: tl.Stamp, html: str) -> None:
    assert str(tl.when(tl.moment(stated), english())) == html


def _said(t: Translations) -> list[str]:
    """Times, delays and a verdict, as a page says them."""
    said = [
        tl.delay_text(tl.Delay(kind, minutes=m, days=d, zone_not_given=z), t)
        for kind, m, d, z in [
            (tl.MINUTES, 145, 0, False),
            (tl.MINUTES, 3000, 0, True),
            (tl.DAYS, 0, 1, False),
            (tl.DAYS, 0, 5, False),
            (tl.SAME_DAY_DELAY, 0, 0, False),
            (tl.NO_DATE, 0, 0, False),
        ]
    ]
    said.append(_text(tl.when(tl.moment(datetime(2026, 3, 10, 9, 12, tzinfo=CET)), t)))
    order = tl.claim_order("c", [("a", date(2026, 3, 10)), ("b", date(2026, 3, 10))])
    said.append(_text(tl.verdict(order, {"a": "A", "b": "B"}, t)))
    return said


@pytest.mark.parametrize("language", ["de", "fr", "es", "uk"])
def test_every_language_says_times_and_delays_in_its_own_words(
    language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    said = _said(load_translations((default_folder(),), language)[0])
    assert all(s and "timeline." not in s and "{" not in s for s in said), said
    assert "2" in said[0] and "25" in said[0]
    assert "08:12 UTC" in said[6] and "09:12 UTC+01:00" in said[6]
    assert "A, B" in said[-1]
    in_english = _said(english())
    # in the language's words, not English (numbers alone may read the same)
    assert [a for a, b in zip(said, in_english, strict=True) if a != b][2:], said


def test_the_verdict_names_the_first_or_why_not() -> None:
    labels = {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    t = english()
    first = tl.claim_order("c", [("a", date(2026, 3, 9)), ("b", date(2026, 3, 10))])
    assert str(tl.verdict(first, labels, t)) == "First carried by Alpha."
    days = tl.claim_order(
        "c",
        [("a", date(2026, 3, 10)), ("b", date(2026, 3, 10)), ("c", None)],
    )
    assert days.reason == tl.UNDATED
    assert str(tl.verdict(days, labels, t)) == (
        "Which outlet was first cannot be told: one of them gives no date. "
        "Could each be first: Alpha, Beta, Gamma."
    )


def test_outlet_names_in_a_verdict_are_text() -> None:
    order = tl.claim_order("c", [("a", None), ("b", None)])
    said = str(tl.verdict(order, {"a": "<script>x</script>", "b": "A & B"}, english()))
    assert "<script>" not in said
    assert "&lt;script&gt;x&lt;/script&gt;, A &amp; B." in said


def test_claims_by_first_appearance_with_undated_last_and_a_cap() -> None:
    early = tl.claim_order("early", [("a", datetime(2026, 3, 10, 7, 0, tzinfo=UTC)), ("b", None)])
    late = tl.claim_order("late", [("a", datetime(2026, 3, 10, 9, 0, tzinfo=UTC)), ("b", None)])
    never = tl.claim_order("never", [("a", None), ("b", None)])
    shown, left = tl.by_first_appearance([never, late, early])
    assert ([o.claim for o in shown], left) == (["early", "late", "never"], 0)
    shown, left = tl.by_first_appearance([never, late, early], most=4)
    assert ([o.claim for o in shown], left) == (["early", "late"], 1)
    # one claim is always shown, however many carriers it has
    shown, left = tl.by_first_appearance([never, late, early], most=1)
    assert ([o.claim for o in shown], left) == (["early"], 2)


def test_the_story_span_gives_only_the_day_when_an_article_of_that_day_has_no_time() -> None:
    t = english()
    line = tl.timeline(
        [
            ("metro", date(2026, 3, 10)),
            ("wire", datetime(2026, 3, 10, 7, 5, tzinfo=UTC)),
            ("herald", datetime(2026, 3, 11, 8, 0, tzinfo=CET)),
            ("lost", None),
        ]
    )
    assert _text(tl.story_span(line, t)) == (
        "Published from 2026-03-10 to 2026-03-11, 07:00 UTC (08:00 UTC+01:00 as published). "
        "1 article gives only its date. 1 article gives no date."
    )
    one = tl.timeline([("wire", datetime(2026, 3, 10, 7, 5, tzinfo=UTC))])
    assert _text(tl.story_span(one, t)) == "Published 2026-03-10, 07:05 UTC."
    one_day = tl.timeline([("a", date(2026, 3, 10)), ("b", datetime(2026, 3, 10, 7, tzinfo=UTC))])
    assert _text(tl.story_span(one_day, t)) == (
        "Published 2026-03-10. 1 article gives only its date."
    )


# --------------------------------------------------------------------------- JSON-LD


def _column(aid: str, outlet: str, published: tl.Stamp, url: str | None = None) -> pages.Column:
    article = Article(
        aid, "s", Path(f"{aid}.md"), outlet, f"{outlet} headline", "", 1, url, published
    )
    return pages.Column(article, Outlet(slug=aid, name=outlet), outlet)


def _claim(*articles: str) -> Claim:
    return Claim(
        "c", "Five died.", tuple(ClaimSource(a, 0, "Five died.", "verbatim", 100) for a in articles)
    )


SITE = Site(Path("."), SiteConfig(), (), ())
STORY = Story("s", Path("s"), "S", None, None, ())


def test_first_appearance_is_the_first_carrier_as_a_creative_work() -> None:
    cols = (
        _column("a", "Alpha", datetime(2026, 3, 10, 9, 12, tzinfo=CET), "https://alpha.example/x"),
        _column("b", "Beta", datetime(2026, 3, 10, 8, 0, tzinfo=UTC), "https://beta.example/y"),
    )
    data = claim_json_ld(SITE, STORY, _claim("a", "b"), cols)
    assert data["firstAppearance"] == {
        "@type": "CreativeWork",
        "headline": "Beta headline",
        "url": "https://beta.example/y",
        "datePublished": "2026-03-10T08:00:00+00:00",
        "publisher": {"@type": "Organization", "name": "Beta"},
    }
    json.loads(json.dumps(data))  # plain JSON


def test_first_appearance_has_no_url_unless_the_article_has_an_http_one() -> None:
    cols = (
        _column("a", "Alpha", date(2026, 3, 9), "javascript:alert(1)"),
        _column("b", "Beta", date(2026, 3, 10)),
    )
    first = claim_json_ld(SITE, STORY, _claim("a", "b"), cols)["firstAppearance"]
    assert first == {
        "@type": "CreativeWork",
        "headline": "Alpha headline",
        "datePublished": "2026-03-09",
        "publisher": {"@type": "Organization", "name": "Alpha"},
    }


@pytest.mark.parametrize(
    "published",
    [
        (datetime(2026, 3, 10, 8, 0, tzinfo=UTC), datetime(2026, 3, 10, 9, 0, tzinfo=CET)),  # tie
        (datetime(2026, 3, 10, 8, 0, tzinfo=UTC), date(2026, 3, 10)),  # same day, no time
        (datetime(2026, 3, 10, 8, 0, tzinfo=UTC), None),  # no date
    ],
)
def test_no_first_appearance_when_the_first_cannot_be_told(published: tuple[tl.Stamp, ...]) -> None:
    cols = tuple(_column(a, a.title(), p) for a, p in zip("ab", published, strict=True))
    data = claim_json_ld(SITE, STORY, _claim("a", "b"), cols)
    assert "firstAppearance" not in data
    assert len(data["appearance"]) == 2  # type: ignore[arg-type]


# --------------------------------------------------------------------------- built sites


def _built(content: Path, out: Path) -> Path:
    """``content`` built in ``out``, from a copy (a build keeps its cache beside the
    content) and with HOME there too, so the test writes only in its temp folder."""
    copy = shutil.copytree(content, out / "content")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(out / "home"))
        build(copy, out / "site")
    return out / "site"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(STORIES, tmp_path_factory.mktemp("timeline"))


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(DEMO, tmp_path_factory.mktemp("demo"))


def _main_text(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(_text(main).split())


def _json_ld(page: Path) -> dict:
    html = page.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', html, re.S)
    assert found, page
    return json.loads(found.group(1))


def test_the_fixture_timeline_lists_articles_in_utc_with_the_date_only_one_apart(
    fixture_site: Path,
) -> None:
    text = _main_text(fixture_site / "stories" / "harbour-fire" / "timeline.html")
    articles = text[text.index("Articles in order") : text.index("Who carried each claim")]
    assert articles == (
        "Articles in order of publication "
        "Which outlet was first cannot be told: one of them gives only the day, not the time. "
        "Could each be first: Coastal Wire, Metro Daily. "
        "2026-03-10 "
        "2026-03-10, 07:05 UTC · earliest time given "
        "Coastal Wire: Four killed, 15 injured in Port Elsby warehouse fire "
        "2026-03-10, 08:12 UTC (09:12 UTC+01:00 as published) · +1 h 7 min "
        "Harbour Gazette: Three dead as fire sweeps through Port Elsby cold store "
        "2026-03-10, 18:30 UTC (19:30 UTC+01:00 as published) · +11 h 25 min "
        "Evening Ledger: Arson suspected in deadly cold store blaze "
        "The same day, time not given: "
        "Metro Daily: Cold store inferno: three dead as chief calls it the hardest night "
        "2026-03-11 "
        "2026-03-11, 07:00 UTC (08:00 UTC+01:00 as published) · +23 h 55 min "
        "Nordic Herald: Port Elsby mourns four dead after warehouse fire "
    )
    assert "Times are in UTC" in text


def test_the_story_page_says_when_and_links_to_its_timeline(fixture_site: Path) -> None:
    html = (fixture_site / "stories" / "harbour-fire" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="timeline"') :]
    section = section[: section.index("</section>")]
    assert '<a href="timeline.html">' in section
    assert " ".join(_text(section).split()) == (
        "Timeline Published from 2026-03-10 to 2026-03-11, 07:00 UTC "
        "(08:00 UTC+01:00 as published). 1 article gives only its date. "
        "The timeline: each article in order, and which outlet carried each claim first"
    )


# The fixture's publication times, by outlet: a claim's first carrier follows from them.
HARBOUR_FIRE = {
    "Coastal Wire": datetime(2026, 3, 10, 7, 5, tzinfo=UTC),
    "Harbour Gazette": datetime(2026, 3, 10, 9, 12, tzinfo=CET),
    "Evening Ledger": datetime(2026, 3, 10, 19, 30, tzinfo=CET),
    "Metro Daily": date(2026, 3, 10),
    "Nordic Herald": datetime(2026, 3, 11, 8, 0, tzinfo=CET),
}


def test_each_fixture_claim_page_names_its_first_carrier_only_when_the_times_prove_it(
    fixture_site: Path,
) -> None:
    pages_ = item_pages(fixture_site / "stories" / "harbour-fire" / "claims")
    seen = {"first": 0, "unknown": 0}
    for page in pages_:
        data = _json_ld(page)
        assert data["@type"] == "Claim"
        outlets = [a["publisher"]["name"] for a in data["appearance"]]
        timed = sorted(
            (HARBOUR_FIRE[o].astimezone(UTC), o)  # type: ignore[union-attr]
            for o in outlets
            if isinstance(HARBOUR_FIRE[o], datetime)
        )
        text = _main_text(page)
        assert "When each outlet carried it" in text
        if "Metro Daily" in outlets and timed and timed[0][0].date() == date(2026, 3, 10):
            # Metro Daily gives only 10 March, the day of the earliest time given
            assert "firstAppearance" not in data
            assert "Which outlet was first cannot be told" in text
            assert "same day, time not given" in text
            seen["unknown"] += 1
            continue
        first = "Metro Daily" if "Metro Daily" in outlets else timed[0][1]
        assert data["firstAppearance"]["publisher"]["name"] == first
        assert data["firstAppearance"]["@type"] == "CreativeWork"
        assert data["firstAppearance"]["datePublished"] == HARBOUR_FIRE[first].isoformat()
        assert f"First carried by {first}." in text
        seen["first"] += 1
    assert seen["first"] and seen["unknown"]


def test_the_fixture_delays_on_a_claim_page(fixture_site: Path) -> None:
    claims = fixture_site / "stories" / "harbour-fire" / "claims"
    (page,) = [p for p in item_pages(claims) if "4 a.m." in _main_text(p)]
    text = _main_text(page)
    order = text[text.index("When each outlet carried it") :]
    assert order.startswith(
        "When each outlet carried it First carried by Coastal Wire. "
        "Coastal Wire · first 2026-03-10, 07:05 UTC "
        "Harbour Gazette · +1 h 7 min 2026-03-10, 08:12 UTC (09:12 UTC+01:00 as published) "
        "Nordic Herald · +23 h 55 min 2026-03-11, 07:00 UTC (08:00 UTC+01:00 as published)"
    )
    first = _json_ld(page)["firstAppearance"]
    assert first == {
        "@type": "CreativeWork",
        "headline": "Four killed, 15 injured in Port Elsby warehouse fire",
        "datePublished": "2026-03-10T07:05:00+00:00",
        "publisher": {"@type": "Organization", "name": "Coastal Wire"},
    }


def test_a_story_of_dates_alone_names_no_first(fixture_site: Path) -> None:
    story = fixture_site / "stories" / "library-ruling"
    text = _main_text(story / "timeline.html")
    assert "Which outlet was first cannot be told: 3 of them give only the day" in text
    for page in item_pages(story / "claims"):
        data = _json_ld(page)
        days = sorted(a.get("datePublished") for a in data["appearance"])
        # the first is known only when one article alone gives the earliest day
        assert ("firstAppearance" in data) == (days.count(days[0]) == 1), page


def test_the_demo_timeline(demo_site: Path) -> None:
    story = demo_site / "stories" / "zelensky-nato-offer-berlin"
    text = _main_text(story / "timeline.html")
    assert (
        "2025-12-14, 13:53 UTC (21:53 UTC+08:00 as published) · earliest time given CGTN:" in text
    )
    untimed = text[text.index("The same day, time not given:") : text.index("Who carried")]
    for outlet in ("Al Jazeera", "Digital Phablet", "Ogres Ziņas", "Unattributed"):
        assert outlet in untimed
    assert "CGTN" not in untimed
    page = (story / "index.html").read_text(encoding="utf-8")
    assert 'Published <time datetime="2025-12-14">2025-12-14</time>. 4 articles give' in page
    # every other article gives only 14 December: no claim has a provable first
    for page in item_pages(story / "claims"):
        assert "firstAppearance" not in _json_ld(page)
        assert "Which outlet was first cannot be told" in _main_text(page)


def test_the_timeline_is_the_same_on_a_second_build(fixture_site: Path, tmp_path: Path) -> None:
    again = _built(STORIES, tmp_path)
    for story in ("harbour-fire", "library-ruling"):
        path = Path("stories") / story / "timeline.html"
        assert (again / path).read_bytes() == (fixture_site / path).read_bytes()
