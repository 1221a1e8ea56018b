"""The theme ships inside the package and a site's own templates/ override it file by file."""

from __future__ import annotations

from pathlib import Path

from sitegen.build.pipeline import build
from sitegen.site.render import load_theme
from sitegen.site.theme import default_folder, theme_folders


def test_default_theme_is_package_data_with_every_page_template() -> None:
    folder = default_folder()
    for name in ("base.html", "story.html", "claim.html", "quote.html", "assets/site.css"):
        assert (folder / name).is_file(), name


def test_a_site_without_templates_uses_the_default_theme_only(small_site: Path) -> None:
    assert theme_folders(small_site) == (default_folder(),)


def test_site_templates_override_file_by_file_and_extend_the_default(
    small_site: Path, tmp_path: Path
) -> None:
    custom = small_site.parent / "templates"
    (custom / "assets").mkdir(parents=True)
    # the default base.html extended: one more stylesheet in its head block
    (custom / "base.html").write_text(
        '{% extends "default/base.html" %}\n'
        '{% block head %}<link rel="stylesheet" href="{{ asset_url(\'extra.css\') }}">'
        "{{ super() }}{% endblock %}\n",
        encoding="utf-8",
    )
    (custom / "assets" / "extra.css").write_text("body { outline: 0 }\n", encoding="utf-8")
    theme = load_theme(small_site)
    assert theme.folders == (custom, default_folder())
    assert "extra.css" in theme.manifest and "site.css" in theme.manifest
    assert theme.digest != load_theme(None).digest  # an override re-renders cached pages

    build(small_site, tmp_path / "out")
    story = (tmp_path / "out" / "stories" / "harbour-fire" / "index.html").read_text("utf-8")
    extra = theme.manifest["extra.css"]
    assert f'href="../../{extra}"' in story
    assert (tmp_path / "out" / extra).is_file()
    # templates it does not override still come from the default theme
    assert "<main" in story
