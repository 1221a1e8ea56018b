"""The editor's word on the pages: edited and checked marks, the story's correction log,
and the "Correct this" boxes with ready-to-paste corrections.yaml lines.

Written as escaped HTML here rather than in the templates because a story page carries
one box per matrix row; the notes and quoted words are third-party text, escaped like
any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..analysis.corrections import Mark, marks
from ..content import CORRECTIONS_FILE
from ..model import Applied, StoryAnalysis
from .i18n import Translations
from .theme import english

LOG_ANCHOR = "corrections"


@dataclass(frozen=True)
class EditorView:
    """What a story's header and log say of its corrections."""

    marks: Mapping[str, Mark]
    checked: int  # quotes and claims an editor corrected or confirmed
    edited: int  # of them, those a correction changed
    total: int  # quotes and claims of the story
    log: tuple[Applied, ...]


def editor_view(analysis: StoryAnalysis) -> EditorView:
    found = marks(analysis)
    items = {q.id for q in analysis.quotes} | {c.id for c in analysis.claims}
    mine = [found[i] for i in sorted(items & set(found))]
    return EditorView(
        found,
        len(mine),
        sum(1 for m in mine if m.edited),
        len(items),
        analysis.corrections,
    )


def mark_html(mark: Mark | None, log_href: str, t: Translations | None = None) -> Markup:
    """An item's mark: "edited" with the editor's notes, or "checked by an editor"."""
    if mark is None:
        return Markup("")
    t = t or english()
    notes = "; ".join(
        f'<a href="{escape(log_href)}#{LOG_ANCHOR}-{line}">{escape(note)}</a>'
        for line, note in mark.notes
    )
    if mark.edited:
        return Markup(
            f'<span class="editor-mark edited"><span class="tag">{t("editor.edited")}</span>'
            f'<span class="vh">{t("editor.by_editor")}</span>: {notes}</span>'
        )
    return Markup(
        f'<span class="editor-mark checked"><span class="tag">{t("editor.checked")}</span>'
        f": {notes}</span>"
    )


def correct_html(
    story: str, yaml_text: str, label: str = "", t: Translations | None = None
) -> Markup:
    """A "Correct this" disclosure: plain HTML, no script, the lines ready to paste."""
    t = t or english()
    where = Markup("<code>{}</code>").format(f"content/{story}/{CORRECTIONS_FILE}")
    hidden = f'<span class="vh"> {escape(label)}</span>' if label else ""
    return Markup(
        f'<details class="correct" data-pagefind-ignore><summary>{t("editor.correct")}{hidden}'
        "</summary>\n"
        f"<p>{t('editor.paste', file=where)}</p>\n"
        f"<pre><code>{escape(yaml_text)}</code></pre>\n</details>\n"
    )
