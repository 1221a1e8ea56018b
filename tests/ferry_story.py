"""An invented three-outlet story for the corrections tests: a quotation two outlets
render differently, a scare-quoted title, a misattributed phrase and a disputed figure."""

from __future__ import annotations

from pathlib import Path

from sitegen.model import Article, Story

BODIES = {
    "courier": (
        "The harbour authority closed the old ferry terminal on Tuesday after forty years"
        ' of service. "The terminal has served its purpose," said port director Ada'
        ' Lindqvist. Critics called the closure "a reckless gamble" with the island'
        " economy. The authority expects 300 jobs to move to the new pier."
    ),
    "star": (
        "The old ferry terminal closed on Tuesday after forty years, the harbour authority"
        ' said. "It has fulfilled its role," Lindqvist told reporters. Opposition'
        ' councillors described the move as "a reckless and cynical gamble". Some 250'
        " jobs will move to the new pier, according to the authority."
    ),
    "post": (
        "Tuesday saw the closure of the old ferry terminal. The band Hearts of Oak played"
        ' a farewell set, billed as "Hearts of Oak". "The terminal has served its'
        ' purpose," Lindqvist said. About 300 jobs will move to the new pier.'
    ),
}
EXTRA = (
    "gazette",
    "Ferry terminal shuts after four decades on Tuesday. Port director Ada Lindqvist said"
    ' "the terminal has served its purpose" as 300 jobs move to the new pier.',
)

# Every kind of quote correction, a note with markup in it (shown as text), and a claim
# correction.
CORRECTIONS = """\
quotes:
  - same:
      - {article: courier, text: "the terminal has served its purpose"}
      - {article: star, text: "fulfilled its role"}
    note: Two renderings of one statement <b>by</b> the director
  - speaker: Opposition councillors
    of: [{article: star, text: "cynical gamble"}]
  - not_a_quote: [{article: post, text: "Hearts of Oak"}]
    note: the band's name
claims:
  - not_a_claim: [{article: post, text: "The band Hearts of Oak"}]
"""

ARTICLE = "---\noutlet: {outlet}\ntitle: {title}\npublished: 2025-03-04\n---\n{body}\n"


def story(bodies: dict[str, str] = BODIES) -> Story:
    """The story in memory, as the loader would make it (no corrections)."""
    articles = tuple(
        Article(a, "ferry", Path(f"ferry/{a}.md"), a.title(), f"The {a} on the ferry", b, 6)
        for a, b in sorted(bodies.items())
    )
    return Story("ferry", Path("ferry"), "Ferry terminal closes", None, None, articles)


def write_site(content: Path, bodies: dict[str, str] = BODIES) -> Path:
    """The story as a content folder; returns the story folder."""
    folder = content / "ferry"
    folder.mkdir(parents=True, exist_ok=True)
    for article, body in bodies.items():
        text = ARTICLE.format(
            outlet=article.title(), title=f"The {article} on the ferry", body=body
        )
        (folder / f"{article}.md").write_text(text, encoding="utf-8")
    return folder
