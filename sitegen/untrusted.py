"""Checks and neutralisers for third-party text: URLs, language tags, outlet names, and
characters that must never reach XML, a terminal or the text beside them.

Pure functions on strings, shared by loading (which reports a problem with its file and
line), rendering (which isolates what loading lets through) and import (which prints
what a web page said about itself).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# --------------------------------------------------------------------------- characters

# C0 and C1 controls and DEL, except tab and newline: XML 1.0 forbids most of C0, and a
# terminal obeys all of them (ESC starts clear-screen, window-title and clipboard writes).
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters no XML 1.0 document may hold, whatever their escaping: C0 but tab, newline
# and carriage return, lone surrogates, U+FFFE and U+FFFF. C1 controls are allowed by
# XML but never meant as text, so they go too.
XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Explicit bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI)
# and the two marks. An unclosed one reverses the text after it, sitegen's own included.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c"}
_ISOLATES = ("\u2066", "\u2067", "\u2068")
_PDF, _PDI, _FSI = "\u202c", "\u2069", "\u2068"
# Invisible characters that make two names that read alike differ: zero-width space,
# joiners, word joiner, soft hyphen, BOM, and the invisible math operators.
ZERO_WIDTH = re.compile(r"[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]")


def control_problem(text: str) -> str | None:
    """Why ``text`` cannot be front-matter text (a control or lone surrogate), or None."""
    found = CONTROLS.search(text) or re.search(r"[\ud800-\udfff]", text)
    if found is None:
        return None
    return f"contains the control character U+{ord(found.group(0)):04X}"


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry replaced by U+FFFD."""
    return XML_INVALID.sub("\ufffd", text)


def terminal_text(text: str) -> str:
    """``text`` safe to print to a terminal: controls (ESC above all) and bidi
    controls shown as ``\\xNN`` / ``\\uNNNN`` instead of being obeyed."""

    def shown(match: re.Match[str]) -> str:
        code = ord(match.group(0))
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return re.sub(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown, text)


def isolate_bidi(text: str, wrap: bool = True) -> str:
    """Keep ``text``'s bidi controls inside it: unmatched closers are dropped, what it
    leaves open is closed, and (``wrap``) the whole is wrapped in FSI ... PDI so its
    direction does not reorder the text around it. Text without bidi controls is
    returned unchanged."""
    if not BIDI_CONTROLS.search(text):
        return text
    out: list[str] = []
    stack: list[str] = []  # the closer each open embedding or isolate expects
    for char in text:
        if char in _OPENERS:
            stack.append(_PDF)
        elif char in _ISOLATES:
            stack.append(_PDI)
        elif char == _PDF:
            if not stack or stack[-1] != _PDF:
                continue  # closes nothing of this text's: it would close the page's
            stack.pop()
        elif char == _PDI:
            if _PDI not in stack:
                continue
            # a PDI closes every embedding opened since its isolate (UAX #9, X6a)
            while stack.pop() != _PDI:
                pass
        out.append(char)
    out.extend(reversed(stack))
    return _FSI + "".join(out) + _PDI if wrap else "".join(out)


# --------------------------------------------------------------------------- URLs

MAX_URL = 2048  # longer is not an address a person pasted


def url_problem(url: str, base: bool = False) -> str | None:
    """Why ``url`` is not an absolute http(s) address a page may link to (a short
    phrase), or None.

    A prefix test is not enough: a space, newline or control splits the address where it
    is written (robots.txt, a sitemap, an HTTP header); userinfo (``user:pass@``) makes a
    link read as one host and go to another; a bidi control makes it read backwards.
    ``base`` (a site's base URL) also refuses a query or fragment, which every page URL
    built on it would repeat."""
    if len(url) > MAX_URL:
        return f"longer than {MAX_URL} characters"
    for char in url:
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            return f"holds the space or invisible character U+{ord(char):04X}"
    if "\\" in url:
        return "holds a backslash"
    try:
        parts = urlsplit(url)
        port = parts.port  # a port that is not a number raises here
    except ValueError as exc:
        return f"not a valid address: {exc}"
    if parts.scheme.lower() not in ("http", "https"):
        return "does not start with http:// or https://"
    if not url.lower().startswith(("http://", "https://")):
        return "does not start with http:// or https://"
    if "@" in parts.netloc:
        return "holds a user name or password (user@host)"
    if not parts.hostname:
        return "no host name"
    if port == 0:
        return "port 0"
    if base and (parts.query or parts.fragment):
        return "a query (?) or fragment (#), which every page address would repeat"
    return None


def is_safe_url(url: str | None) -> bool:
    """An absolute http(s) URL that :func:`url_problem` finds nothing wrong with."""
    return bool(url) and url_problem(url) is None  # type: ignore[arg-type]


# --------------------------------------------------------------------------- languages

# RFC 5646 (BCP 47) well-formed language tags: langtag / privateuse / grandfathered.
_ALNUM = "[A-Za-z0-9]"
_LANGTAG = (
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4}|[A-Za-z]{5,8})"  # language, extlang
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-[xX](?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_PRIVATE = rf"[xX](?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    "en-GB-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|"
    "i-pwn|i-tao|i-tay|i-tsu|sgn-BE-FR|sgn-BE-NL|sgn-CH-DE|art-lojban|cel-gaulish|no-bok|"
    "no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang"
)
BCP47 = re.compile(rf"(?:{_LANGTAG}|{_PRIVATE}|(?i:{_GRANDFATHERED}))\Z")
# RFC 5646 section 4.4.1: 35 characters hold every tag in practical use; tools downstream
# (the search indexer) break on longer ones.
MAX_LANGUAGE = 35


def language_problem(tag: str) -> str | None:
    """Why ``tag`` is not a well-formed BCP 47 language tag, or None."""
    if len(tag) > MAX_LANGUAGE:
        return f"is longer than {MAX_LANGUAGE} characters"
    if not BCP47.match(tag):
        return "is not a BCP 47 language tag"
    return None


# --------------------------------------------------------------------------- names

# Letters of other scripts that read as Latin ones (Unicode confusables, the Cyrillic and
# Greek letters a spoofed Latin name is made of).
_LOOKALIKE = str.maketrans(
    "аеорсухіјѕԁԛԝһӏАВЕКМНОРСТХІЈЅԌԚԜΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιν",
    "aeopcyxijsdqwhlABEKMHOPCTXIJSGQWABEZHIKMNOPTYXoiv",
)


# Scripts whose letters pass for one another. Other mixes in one word are ordinary
# ("TBSテレビ" is Latin and Katakana; Japanese mixes Han, Hiragana and Katakana).
_ALIKE_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"}


def script_of(char: str) -> str | None:
    """The script of a letter as Unicode names it (LATIN, CYRILLIC, ...), None otherwise."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def name_problem(name: str) -> str | None:
    """Why an outlet name could read like another: invisible characters, compatibility
    forms (fullwidth letters, ligatures) or letters of two scripts mixed in one word."""
    found = ZERO_WIDTH.search(name) or BIDI_CONTROLS.search(name)
    if found:
        return f"contains the invisible character U+{ord(found.group(0)):04X}"
    if unicodedata.normalize("NFKC", name) != name:
        return (
            "contains compatibility characters (fullwidth letters, ligatures): "
            f"write it as {unicodedata.normalize('NFKC', name)!r}"
        )
    for word in re.findall(r"\w+", name):
        found = [(script_of(c), c) for c in word]
        scripts = {script for script, _ in found if script in _ALIKE_SCRIPTS}
        if len(scripts) > 1:
            # name the letters of the script the word has fewest of: the odd ones out
            odd = min(sorted(scripts), key=lambda x: sum(s == x for s, _ in found))
            letters = ", ".join(
                dict.fromkeys(f"U+{ord(c):04X} {unicodedata.name(c)}" for s, c in found if s == odd)
            )
            both = " and ".join(x.title() for x in sorted(scripts))
            return f"mixes {both} letters in {word!r} ({letters})"
    return None


def skeleton(name: str) -> str:
    """What ``name`` reads as: NFKC, invisible characters gone, look-alike letters of
    other scripts as Latin, case and punctuation folded. Two names with one skeleton are
    one outlet to a reader."""
    text = ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", name))
    text = BIDI_CONTROLS.sub("", text).translate(_LOOKALIKE).casefold()
    return " ".join(re.findall(r"\w+", text))
