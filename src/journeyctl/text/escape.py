"""Making arbitrary text safe inside DOT, Mermaid, Markdown, terminal lines and reports.

Every renderer puts map text (names, conditions, evidence…) into a language with its own
syntax. These functions are the only way map text gets there, so a label in any script
and with any punctuation comes out as written and never changes the document around it.
The same holds for what the command line prints (:func:`terminal`, :func:`terminal_json`),
for GitHub workflow commands (:func:`github_command_data`) and for file names in
machine-readable reports (:func:`unicode_text`).

Characters no output format can carry are replaced: control characters other than
newlines and tabs, unpaired surrogates and non-characters become U+FFFD (``�``), because
XML (and so SVG) forbids them and a terminal or a diff would show them as garbage.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

REPLACEMENT = "\ufffd"


class _Lazy:
    """A regular expression compiled the first time it is used: a run uses few of the
    expressions below, and compiling them all took a few milliseconds of every start."""

    __slots__ = ("_source", "_compiled")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):  # sub, search, fullmatch… of the compiled expression
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return getattr(self._compiled, name)


_UNCARRIABLE = _Lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_LINE_BREAKS = _Lazy(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


# What no line of a terminal, a CI log or a review may carry raw: control characters (C1
# ones such as U+009B start escape sequences too), the Unicode line and paragraph
# separators (line breaks to some viewers), and the bidirectional embeddings, overrides and
# isolates that could make a line display in another order than it reads (CVE-2021-42574).
_CONTROLS = "\x00-\x1f\x7f-\x9f"
_SEPARATORS = "\u2028\u2029"
_BIDI = "\u202a-\u202e\u2066-\u2069"
# Unpaired surrogates: a file name that is not valid UTF-8 holds one per undecodable byte
# (U+DC80-U+DCFF, Python's "surrogateescape").
_SURROGATE_RANGE = "\ud800-\udfff"
_TERMINAL_UNSAFE = _Lazy(f"[{_CONTROLS}{_SEPARATORS}{_BIDI}{_SURROGATE_RANGE}]")
_JSON_LINE_UNSAFE = _Lazy(f"[{_CONTROLS}{_SEPARATORS}{_BIDI}]")
# A workflow command escapes CR and LF itself, and a tab does no harm in an annotation.
_GITHUB_COMMAND_UNSAFE = _Lazy(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
SURROGATES = _Lazy(f"[{_SURROGATE_RANGE}]")
#: What Python's ``surrogateescape`` makes of a byte of a file name that is not UTF-8.
_UNDECODABLE = _Lazy("[\udc80-\udcff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: The bidirectional embeddings, overrides and isolates: GitHub applies them to the rest of
#: a rendered Markdown line, so Markdown shows them as escapes (``\\u202e``), as terminals do.
_BIDI_CONTROLS = _Lazy("[\u202a-\u202e\u2066-\u2069]")


def terminal(text: str) -> str:
    """``text`` for one line of a terminal or a CI log, every character shown as itself or
    as an escape: ``\\n``, ``\\x1b``, ``\\u202e``, and ``\\xff`` for a byte of a file
    name that is not UTF-8.

    A file name in a pull request can hold a line break followed by ``::error::`` or
    ``::add-mask::``, which CI runners obey at the start of any line of output, or an
    escape sequence the terminal would obey.
    """
    return _TERMINAL_UNSAFE.sub(_code_escape, text)


def terminal_json(line: str) -> str:
    """``line`` for a terminal or a review, with what no line may carry raw written as JSON
    escapes (``\\n``, ``\\u001b``), which keep a JSON string inside the line a valid JSON
    string."""
    return _JSON_LINE_UNSAFE.sub(lambda m: _NAMED.get(m.group()) or f"\\u{ord(m.group()):04x}", line)


def github_command_data(text: str) -> str:
    """``text`` as the message of a GitHub Actions workflow command (``::error …::text``).

    ``%``, CR and LF are percent-encoded as the runner expects, so the text cannot end the
    command or start another one; other control characters are shown as ``\\x1b`` and
    bidirectional overrides as ``\\u202e``, so an annotation reads as it displays.
    """
    text = _GITHUB_COMMAND_UNSAFE.sub(_code_escape, text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_command_property(text: str) -> str:
    """``text`` as a property value of a GitHub Actions workflow command (``file=…``):
    :func:`github_command_data`, and ``:`` and ``,`` percent-encoded too."""
    return github_command_data(text).replace(":", "%3A").replace(",", "%2C")


def unicode_text(text: str) -> str:
    """``text`` that can be encoded as UTF-8: each undecodable byte of a file name (an
    unpaired surrogate) is shown as ``\\xff``, any other unpaired surrogate as ``\\udXXX``.

    For JSON, SARIF, JUnit and GitLab reports, whose own syntax escapes everything else.
    """
    return SURROGATES.sub(_code_escape, text)


def _code_escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # the byte Python could not decode
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def clean(text: str) -> str:
    """``text`` with the characters no output can carry replaced by U+FFFD.

    Line breaks of every kind (``\\r\\n``, ``\\r``, U+2028…) become ``\\n``; tabs
    become spaces. An undecodable byte of a file name is shown as ``\\xff``, as in every
    other output (:func:`unicode_text`).
    """
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    text = _UNDECODABLE.sub(_code_escape, text)
    return _UNCARRIABLE.sub(REPLACEMENT, text)


def lines(text: str) -> list[str]:
    """The lines of ``text`` after :func:`clean`."""
    return clean(text).split("\n")


def one_line(text: str) -> str:
    """``text`` on one line: line breaks become single spaces."""
    return " ".join(part.strip() for part in lines(text) if part.strip()) or clean(text).strip()


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters with ``…`` when it is longer: at a space
    when one is in the second half, and never between a character and the combining marks,
    variation selectors or joiners that belong to it."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    # A mark or joiner belongs to the character before it, and a joiner to the one after it.
    while len(cut) > 1 and (unicodedata.category(text[len(cut)]) in ("Mn", "Me", "Cf")
                            or unicodedata.category(cut[-1]) == "Cf"):
        cut = cut[:-1]
    return cut.rstrip() + "…"


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` characters at spaces.

    Words longer than ``width`` stay whole; explicit line breaks are kept. Scripts that do
    not separate words with spaces (Chinese, Japanese) are therefore not broken.
    """
    out: list[str] = []
    for line in lines(text):
        current = ""
        for word in line.split(" "):
            if current and len(current) + 1 + len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return out


# -- Graphviz DOT ------------------------------------------------------------------

# Graphviz rejects a quoted or HTML string longer than 16,384 characters ("syntax error
# ... longer than 16384?"): identifiers and tooltips are kept well below it, and the DOT
# writer shortens map text in labels (:func:`shorten`).
_ID_LIMIT = 1000
_TOOLTIP_LIMIT = 2000

_HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def dot_html(text: str) -> str:
    """``text`` for the inside of a DOT HTML-like label, one line (no line breaks).

    Markup characters become character references. Graphviz expands ``\\N``, ``\\G``…
    even in HTML-like labels (after decoding references), and reads ``\\\\`` as one
    backslash, so every backslash is doubled.
    """
    escaped = "".join(_HTML_ESCAPES.get(ch, ch) for ch in clean(text).replace("\n", " "))
    return escaped.replace("\\", "\\\\")


def dot_html_lines(text_lines: list[str]) -> str:
    """Several lines for an HTML-like label, joined with ``<BR/>``."""
    return "<BR/>".join(dot_html(line) for line in text_lines)


def dot_id(text: str) -> str:
    """``text`` as a double-quoted DOT identifier (quotes included).

    An identifier over 1,000 characters becomes its start and a hash of the whole, so it
    stays unique and within what Graphviz reads.
    """
    if len(text) > _ID_LIMIT:
        text = text[:200] + "…" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot_tooltip(text: str) -> str:
    """``text`` as a double-quoted DOT ``tooltip`` value (quotes included).

    A tooltip goes through two rounds of backslash processing before it reaches the SVG
    (the second expands ``\\N``, ``\\G``…), so each backslash is written as four; line
    breaks become ``\\n``. Text over 2,000 characters is shortened (:func:`shorten`).
    """
    body = shorten(clean(text), _TOOLTIP_LIMIT).replace("\\", "\\\\\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{body}"'


# -- Mermaid -----------------------------------------------------------------------

# ASCII characters that mean nothing in any Mermaid diagram we emit; every other ASCII
# character is written as a Mermaid entity code (``#35;``), which Mermaid replaces before
# it parses the diagram and turns back into the character in the SVG it draws.
_MERMAID_SAFE_ASCII = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-?!/()+*=@$_'"
)
# Unicode categories written as entity codes too: format characters (bidi marks,
# zero-width joiners in emoji sequences), separators other than the space, private use.
_MERMAID_CODED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp", "Zs"})
# Journey diagrams read a line that starts with one of these words as a statement; the
# lexer ignores case.
_JOURNEY_KEYWORDS = _Lazy(r"(?i)(journey|title|section|acctitle|accdescr)")


def _mermaid_char(ch: str, coded: str) -> str:
    if ch in _MERMAID_SAFE_ASCII and ch not in coded:
        return ch
    if ord(ch) < 128 or ch == REPLACEMENT or unicodedata.category(ch) in _MERMAID_CODED_CATEGORIES:
        return f"#{ord(ch)};"
    return ch


# Sequences Mermaid still interprets after it has decoded entity codes: ``$$…$$`` is drawn
# as KaTeX math, ``fa:fa-name`` as an icon, and ``¶ß``/``ﬂ°`` are its own placeholders for
# decoded entities. A word joiner (U+2060, invisible) between the two halves defuses them.
_MERMAID_DEFUSE = _Lazy(r"(?<=\$)(?=\$)|(?<=fa#58;)(?=fa-)|(?<=fa[bklrs]#58;)(?=fa-)|(?<=¶)(?=ß)|(?<=ﬂ)(?=°)")
WORD_JOINER = "\u2060"


def mermaid_text(text: str, *, line_break: str = " ", coded: str = "") -> str:
    """``text`` for a Mermaid label, every meaningful character written as an entity code.

    Line breaks become ``line_break`` (``<br>`` in flowchart labels, a space elsewhere);
    the characters in ``coded`` are coded too. The result contains none of
    ``"#:;|[]{}<>%&`` except inside entity codes, so it is safe in quoted flowchart labels,
    journey titles, sections and tasks, and quoted xychart strings; math (``$$``), icon
    (``fa:fa-``) and placeholder sequences are broken by an invisible word joiner.
    """
    parts = ["".join(_mermaid_char(ch, coded) for ch in line) for line in clean(text).split("\n")]
    return _MERMAID_DEFUSE.sub(WORD_JOINER, line_break.join(parts))


def mermaid_journey_text(text: str, *, actor: bool = False, line_breaks: bool = False) -> str:
    """``text`` for a journey diagram title, section, task or (with ``actor``) actor name.

    Everything is on one line; with ``line_breaks`` (section and task names, which Mermaid
    draws on several lines at ``<br>``) line breaks become ``<br>``, else spaces. A task
    that starts with a journey keyword (``section``, ``title``…) would be read as that
    statement, so its first letter is coded; an actor name also has its commas coded,
    because commas separate actors.
    """
    if line_breaks:
        escaped = mermaid_text(clean(text).strip(), line_break="<br>")
    else:
        escaped = mermaid_text(one_line(text), coded="," if actor else "")
    if _JOURNEY_KEYWORDS.match(escaped):
        escaped = f"#{ord(escaped[0])};{escaped[1:]}"
    if escaped.strip(" ") == "":
        # An empty task or actor is a syntax error (or a nameless actor): keep it visible.
        escaped = "#160;"
    return escaped


def mermaid_accessibility_text(text: str) -> str:
    """``text`` for the value of ``accTitle:`` or ``accDescr:``: one line, every line break
    written as ``#10;``, which Mermaid turns back into a line break in the drawing's
    accessible title or description."""
    return mermaid_text(clean(text).strip(), line_break="#10;")


# -- Markdown (GitHub Flavored) ----------------------------------------------------

# Punctuation GitHub's Markdown gives a meaning to somewhere inside a line.
_MARKDOWN_ACTIVE = _Lazy(r"([\\`*_\[\]<>|~&#$])")
# At the start of a line (or of a list item) these begin a list; ``*``, ``#`` and ``>``
# are escaped wherever they are.
_LINE_START = _Lazy(r"^(\s*)([-+]|\d+[.)])(?=\s|$)")
# What GitHub makes live in plain text, where no backslash helps: ``@name`` mentions (and
# notifies) a user or team, and bare ``www.``, ``scheme://`` and e-mail addresses become
# links; ``#123`` links an issue or pull request, escaped ``#`` or not. A word joiner
# (U+2060, invisible) after the ``@`` or ``#``, inside ``://`` and after ``www`` keeps
# them text.
_GITHUB_LIVE = _Lazy(r"(?<=@)(?=\w)|(?<=#)(?=[0-9])|(?<=\w:)(?=//)|(?<=(?<![\w.])(?i:www))(?=\.)")


def markdown_inline(text: str) -> str:
    """``text`` as literal Markdown on one line: active punctuation backslash-escaped,
    ``$`` math included, mentions and bare links defused with a word joiner, and
    bidirectional controls shown as escapes (``\\u202e``, as ``diff`` and terminals show them).

    Line breaks become ``<br>``, so the result fits a heading, a list item or a table
    cell. A table cell also needs ``|`` escaped, which this does too.
    """
    out = []
    for line in lines(text.strip()):
        line = _BIDI_CONTROLS.sub(_code_escape, line)
        line = _MARKDOWN_ACTIVE.sub(r"\\\1", line)
        line = _LINE_START.sub(_escape_line_start, line)
        out.append(_GITHUB_LIVE.sub(WORD_JOINER, line))
    return "<br>".join(out)


def _escape_line_start(match: re.Match) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker[-1] in ".)":
        return f"{indent}{marker[:-1]}\\{marker[-1]}"
    return f"{indent}\\{marker}"


#: Left-to-right isolate and its end (Unicode 6.3): what they enclose is laid out on its own,
#: left to right, and moves as one piece in right-to-left text.
LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def left_to_right(text: str) -> str:
    """``text`` (a number, an id, ``2.``) as one left-to-right piece inside right-to-left
    Markdown or HTML, so the bidirectional algorithm never reorders it: ``-2`` stays
    ``-2`` instead of showing as ``2-``, and ``2. קביעת תור`` keeps its number first.

    The isolates are added to text already escaped; map text itself never carries them
    (:func:`markdown_inline` shows bidirectional controls as escapes).
    """
    return f"{LEFT_TO_RIGHT_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def markdown_code(text: str, *, table_cell: bool = True) -> str:
    """``text`` (an id or a code) as an inline code span, whatever backticks it holds.

    Bidirectional controls are shown as escapes (``\\u202e``), as in :func:`markdown_inline`.
    ``table_cell=False`` for a span outside a table row (a heading, a list item, a
    paragraph), where a backslash before ``|`` would be shown as it is.
    """
    text = _BIDI_CONTROLS.sub(_code_escape, one_line(text))
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    # GitHub splits table cells at a bare `|` even inside a code span, and there drops the
    # backslash that escapes it; anywhere else a code span shows every character as it is.
    body = text.replace("|", "\\|") if table_cell else text
    return f"{fence}{pad}{body}{pad}{fence}"


# -- HTML and SVG (XML) ------------------------------------------------------------

# XML 1.0 forbids most C0 controls, unpaired surrogates and U+FFFE/U+FFFF outright;
# :func:`clean` replaces them (and the C1 controls and non-characters XML discourages).


_XML_TABLE = str.maketrans(_HTML_ESCAPES)


def xml_text(text: str) -> str:
    """``text`` for the content of an HTML or SVG element, or a quoted attribute value.

    Markup characters and both quotes become character references, characters XML
    1.0 cannot carry become U+FFFD, and line breaks become spaces (the canvas breaks
    lines itself).
    """
    if not (text.isascii() and text.isprintable()):  # printable ASCII needs no cleaning
        text = clean(text).replace("\n", " ")
    return text.translate(_XML_TABLE)
