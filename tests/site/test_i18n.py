"""The reader's language (CONTRACT §6): tables, fallback, plurals, dates, direction."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from markupsafe import Markup

from sitegen.build.pipeline import build, check
from sitegen.cli import main
from sitegen.errors import ContentErrors
from sitegen.site.i18n import Translations, load_translations, read_table
from sitegen.site.theme import default_folder

SHIPPED = ("en", "de", "fr", "es", "uk")
TABLES = default_folder() / "i18n"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def words(language: str, folders: tuple[Path, ...] = (default_folder(),)) -> Translations:
    return load_translations(folders, language)[0]


def _placeholders(message: object) -> set[str]:
    texts = message.values() if isinstance(message, dict) else [message]
    return {name for text in texts for name in re.findall(r"\{(\w+)\}", str(text))}


@pytest.mark.parametrize("language", SHIPPED[1:])
def test_every_shipped_table_has_every_key_with_the_same_placeholders(language: str) -> None:
    english = read_table(TABLES / "en.yaml")
    table = read_table(TABLES / f"{language}.yaml")
    assert sorted(set(english) - set(table)) == []
    assert sorted(set(table) - set(english)) == []
    differ = [
        key
        for key, message in english.items()
        if key != "format.date" and _placeholders(message) != _placeholders(table[key])
    ]
    assert differ == []
    assert len(table["format.months"]) == 12
    assert load_translations((default_folder(),), language)[1] == ()  # nothing in English


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", {0: "0 articles", 1: "1 article", 2: "2 articles"}),
        ("fr", {0: "0 article", 1: "1 article", 2: "2 articles"}),
        ("de", {1: "1 Artikel", 2: "2 Artikel"}),
        (
            "uk",
            {1: "1 стаття", 2: "2 статті", 5: "5 статей", 11: "11 статей", 21: "21 стаття"}
            | {22: "22 статті", 25: "25 статей", 112: "112 статей"},
        ),
    ],
)
def test_counts_take_the_languages_plural_forms(language: str, counts: dict[int, str]) -> None:
    t = words(language)
    assert {n: t.text("common.articles", n) for n in counts} == counts


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "2025-12-14"),
        ("de", "14. Dezember 2025"),
        ("fr", "14 décembre 2025"),
        ("es", "14 de diciembre de 2025"),
        ("uk", "14 грудня 2025 р."),
    ],
)
def test_dates_are_written_in_the_readers_language(language: str, shown: str) -> None:
    t = words(language)
    assert t.date(date(2025, 12, 14)) == shown
    assert str(t.when(date(2025, 12, 14))) == f'<time datetime="2025-12-14">{shown}</time>'
    moment = datetime(2025, 12, 14, 21, 53, tzinfo=timezone(timedelta(hours=8)))
    assert t.date(moment) == f"{shown} 21:53 UTC+08:00"


def test_percentages_and_thousands_follow_the_language() -> None:
    assert words("en").percent(0.42) == "42%"
    assert words("fr").percent(0.42) == "42\u00a0%"
    assert words("de").number(12345) == "12.345"
    assert words("uk").number(12345) == "12\u00a0345"


def test_messages_are_escaped_and_markup_placeholders_kept() -> None:
    t = Translations("en", {"k": "<b>{who}</b> said {what}"})
    out = t("k", who="<script>", what=Markup("<em>so</em>"))
    assert out == Markup("&lt;b&gt;&lt;script&gt;&lt;/b&gt; said <em>so</em>")
    assert t.text("k", who="<i>", what="x") == "<b><i></b> said x"  # plain, for titles


def test_a_value_no_table_lists_is_shown_as_it_is() -> None:
    assert words("fr").text("kind.cooperative") == "cooperative"


def test_a_regional_tag_reads_the_language_then_the_region(tmp_path: Path) -> None:
    site = tmp_path / "templates" / "i18n"
    site.mkdir(parents=True)
    (site / "pt.yaml").write_text("site:\n  search: Pesquisa\n  outlets: Meios\n", "utf-8")
    (site / "pt-BR.yaml").write_text("site:\n  search: Busca\n", "utf-8")
    t, warnings = load_translations((tmp_path / "templates", default_folder()), "pt-BR")
    assert (t.text("site.search"), t.text("site.outlets")) == ("Busca", "Meios")
    assert t.text("site.stories") == "Stories"  # English where neither table has it
    [warning] = warnings
    assert warning.warning and warning.path == site / "pt-BR.yaml"
    assert "keys not translated into 'pt-BR', said in English" in warning.message


def test_a_site_table_overrides_the_themes_key_by_key(tmp_path: Path) -> None:
    site = tmp_path / "templates" / "i18n"
    site.mkdir(parents=True)
    (site / "fr.yaml").write_text("site:\n  stories: Sujets\n", "utf-8")
    t, warnings = load_translations((tmp_path / "templates", default_folder()), "fr")
    assert (t.text("site.stories"), t.text("site.outlets")) == ("Sujets", "Médias")
    assert warnings == ()


def test_right_to_left_languages_set_the_direction() -> None:
    assert words("he").direction == "rtl" and words("ar-EG").direction == "rtl"
    assert words("fr").direction == "ltr"


def _language(content: Path, language: str) -> None:
    (content / "site.yaml").write_text(f"title: Coverage\nlanguage: {language}\n", "utf-8")


def test_a_site_in_french_says_every_label_in_french(small_site: Path, tmp_path: Path) -> None:
    _language(small_site, "fr")
    out = tmp_path / "out"
    report = build(small_site, out, strict=True)
    assert report.warnings == ()
    story = (out / "stories/harbour-fire/index.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in story
    for french in ("Médias", "Matrice de couverture", "Télécharger les données", "Omissions"):
        assert french in story
    for english in ("Coverage matrix", "Shared claims", "Download the data", "Outlets<"):
        assert english not in story
    assert "14 décembre 2025" in story
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Événements" in home and "Stories" not in home


def test_a_language_without_a_table_is_english_with_a_warning_and_fails_strict(
    small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _language(small_site, "he")
    out = tmp_path / "out"
    report = build(small_site, out)
    [warning] = report.warnings
    assert str(warning).endswith(
        "site.yaml:2: warning: no translation table for language 'he': the site's own words "
        "are in English (hint: add templates/i18n/he.yaml beside the content folder, with "
        "the keys of the theme's i18n/en.yaml)"
    )
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="he" dir="rtl">' in page and "Stories" in page
    assert check(small_site).warnings == report.warnings
    with pytest.raises(ContentErrors):
        build(small_site, tmp_path / "strict", strict=True)
    assert main(["check", "--strict", "--content", str(small_site)]) == 1
    assert "no translation table for language 'he'" in capsys.readouterr().err


def test_no_english_label_is_left_on_a_french_site(small_site: Path, tmp_path: Path) -> None:
    """Every English message of the theme (the fixed words, without placeholders) is
    missing from every page of a French build: nothing the site writes is left over."""
    _language(small_site, "fr")
    out = tmp_path / "out"
    build(small_site, out)
    english, french = read_table(TABLES / "en.yaml"), read_table(TABLES / "fr.yaml")
    fixed = {
        message
        for key, message in english.items()
        if isinstance(message, str)
        and "{" not in message
        and " " in message.strip()
        and message != french[key]
    }
    pages = "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html")))
    assert sorted(m for m in fixed if m in pages) == []
