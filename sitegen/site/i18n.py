"""The reader's language (CONTRACT §6): every word the site writes comes from a table.

The theme ships one table per language, ``i18n/<lang>.yaml`` (as Hugo's ``i18n/`` does):
English, German, French, Spanish and Ukrainian. A site's own ``templates/i18n/`` is read
first, key by key, so a site can reword one label or add a language without copying the
rest. ``site.yaml``'s ``language`` (a BCP 47 tag) picks the table: ``pt-BR`` reads
``pt.yaml`` and then ``pt-BR.yaml`` over it. A key the table lacks is said in English,
with a warning (an error under ``--strict``), as is every key of a language with no table.

A table is nested YAML flattened to dotted keys (``story.outlets``). A message is text
with ``{name}`` placeholders; one that depends on a count is a mapping of CLDR plural
categories (``one``, ``few``, ``many``, ``other``) picked by the language's rule, with
``{n}`` for the count. ``format`` holds the rest of what a language decides: how a date
and a percentage are written, the month names and the writing direction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml
from markupsafe import Markup, escape

from ..errors import ContentError, ContentErrors

FOLDER = "i18n"
DEFAULT = "en"
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
# Written right to left: the page gets dir="rtl" whether or not a table says so.
RTL = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "ug", "ur", "yi"})


def _plural_one(n: int) -> str:  # English, German, Spanish, and the default
    return "one" if n == 1 else "other"


def _plural_french(n: int) -> str:  # French: 0 and 1 are singular
    return "one" if n in (0, 1) else "other"


def _plural_east_slavic(n: int) -> str:  # Ukrainian, Russian, Belarusian (integers)
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


PLURAL_RULES: Mapping[str, Callable[[int], str]] = {
    "fr": _plural_french,
    "uk": _plural_east_slavic,
    "ru": _plural_east_slavic,
    "be": _plural_east_slavic,
}

Message = str | Mapping[str, str] | Sequence[str]


def primary(tag: str) -> str:
    """The language of a BCP 47 tag: ``pt`` for ``pt-BR``."""
    return tag.replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class Translations:
    """The words of one language, English where its table has none."""

    language: str  # the BCP 47 tag, as site.yaml gives it
    messages: Mapping[str, Message]

    @property
    def direction(self) -> str:
        stated = self.messages.get("format.direction")
        if stated in ("ltr", "rtl"):
            return str(stated)
        return "rtl" if primary(self.language) in RTL else "ltr"

    def has(self, key: str) -> bool:
        return key in self.messages

    def text(self, key: str, n: int | None = None, **params: object) -> str:
        """The message ``key`` as plain text (for titles and descriptions, which the
        templates escape), its placeholders filled."""
        return self._pick(key, n).format(**self._params(n, params))

    def __call__(self, key: str, n: int | None = None, **params: object) -> Markup:
        """The message ``key`` as HTML: the message escaped, each placeholder filled with
        its value escaped, unless the value is markup itself (a link made by a template)."""
        values = {k: v if isinstance(v, Markup) else escape(v) for k, v in params.items()}
        return Markup(escape(self._pick(key, n))).format(**self._params(n, values))

    def _params(self, n: int | None, params: Mapping[str, object]) -> dict[str, object]:
        return {"n": self.number(n), **params} if n is not None else dict(params)

    def _pick(self, key: str, n: int | None) -> str:
        message = self.messages.get(key)
        if message is None:
            # No table has it: a value the tables do not list (an outlet kind or match
            # strength from newer data) is shown as it is, after its namespace.
            return key.split(".", 1)[-1]
        if isinstance(message, Mapping):
            rule = PLURAL_RULES.get(primary(self.language), _plural_one)
            form = rule(n if n is not None else 0)
            return str(message.get(form, message.get("other", key)))
        return str(message)

    def number(self, n: int) -> str:
        """A whole number with the language's thousands separator."""
        separator = str(self.messages.get("format.thousands", ","))
        return f"{n:,}".replace(",", separator)

    def percent(self, value: float) -> str:
        pattern = str(self.messages.get("format.percent", "{n}%"))
        return pattern.format(n=f"{value * 100:.0f}")

    def date(self, value: date | datetime) -> str:
        """A date in the reader's language; a date-time with its time and UTC offset."""
        day = value.date() if isinstance(value, datetime) else value
        months = self.messages.get("format.months")
        pattern = str(self.messages.get("format.date", "{iso}"))
        month = months[day.month - 1] if isinstance(months, list) else str(day.month)
        shown = pattern.format(iso=day.isoformat(), day=day.day, month=month, year=day.year)
        if isinstance(value, datetime):
            shown += " " + value.strftime("%H:%M")
            offset = value.strftime("%z")
            if offset:
                shown += f" UTC{offset[:3]}:{offset[3:]}"
        return shown

    def when(self, value: date | datetime) -> Markup:
        """A ``<time>`` element: the machine-readable date and the reader's."""
        return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), self.date(value))


def _flatten(data: Mapping[str, object], prefix: str = "") -> dict[str, Message]:
    flat: dict[str, Message] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and set(map(str, value)) <= PLURAL_CATEGORIES:
            flat[name] = {str(k): str(v) for k, v in value.items()}
        elif isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
        elif isinstance(value, list):
            flat[name] = [str(v) for v in value]
        elif value is not None:
            flat[name] = str(value)
    return flat


def read_table(path: Path) -> dict[str, Message]:
    """One table file, flattened; a file that is not a YAML mapping is a content error."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ContentErrors(
            [ContentError(path, line, f"YAML syntax error: {exc.problem}", "check the quoting")]
        ) from exc
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ContentErrors([ContentError(path, 1, "a translation table must be a mapping")])
    return _flatten(data)


def _tables(folders: Sequence[Path], tag: str) -> tuple[dict[str, Message], list[Path]]:
    """The table for ``tag`` from every theme folder, the site's keys over the default's.
    ``folders`` come first match first (the site's, then the default theme)."""
    merged: dict[str, Message] = {}
    found = []
    for folder in reversed(folders):
        for path in sorted((folder / FOLDER).glob("*.yaml")):
            if path.stem.lower() == tag.lower():
                merged.update(read_table(path))
                found.append(path)
    return merged, found


def load_translations(
    folders: Sequence[Path], language: str, config: Path | None = None
) -> tuple[Translations, tuple[ContentError, ...]]:
    """The site's words in ``language``, and a warning for each thing said in English
    instead: no table for the language, or keys its table lacks. ``config`` is the
    site.yaml that names the language, where a missing table is reported."""
    english, _ = _tables(folders, DEFAULT)
    tags = list(dict.fromkeys([primary(language), language]))
    messages, found = dict(english), []
    own: dict[str, Message] = {}
    for tag in tags:
        table, paths = _tables(folders, tag)
        own.update(table)
        found += paths
    messages.update(own)
    warnings = []
    if primary(language) != DEFAULT:
        if not found:
            warnings.append(
                ContentError(
                    config or Path("site.yaml"),
                    _line_of(config, "language"),
                    f"no translation table for language {language!r}: the site's own words "
                    "are in English",
                    f"add templates/{FOLDER}/{primary(language)}.yaml beside the content "
                    f"folder, with the keys of the theme's {FOLDER}/{DEFAULT}.yaml",
                    warning=True,
                )
            )
        else:
            missing = sorted(set(english) - set(own))
            if missing:
                shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
                warnings.append(
                    ContentError(
                        found[-1],
                        1,
                        f"{len(missing)} key{'s' if len(missing) != 1 else ''} not translated "
                        f"into {language!r}, said in English: {shown}",
                        f"add them to {found[-1].name}",
                        warning=True,
                    )
                )
    return Translations(language, messages), tuple(warnings)


def _line_of(path: Path | None, key: str) -> int:
    """The line of ``key:`` in a small YAML file, 1 if it is not found."""
    if path is None or not path.is_file():
        return 1
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(f"{key}:"):
            return number
    return 1
