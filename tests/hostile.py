"""Hostile inputs: a listing and notes full of markup, template syntax and odd text."""

from __future__ import annotations

LONG_WORDS = " ".join(["Extraordinarily"] * 70)  # a title of ~1,100 characters

# (title, abstract) pairs; every one must come out of the site exactly as written.
ENTRIES = [
    ("<script>alert('title')</script> Scripted Title",
     "Abstract with <script>alert('abstract')</script> and <img src=x onerror=alert(1)>."),
    ('<img src=x onerror="alert(2)"> Image Title',
     "<svg onload=alert(3)><a href=\"javascript:alert(4)\">click</a></svg>"),
    ("[Click me](javascript:alert(5)) and *emphasis* and **bold**",
     "[ref]: javascript:alert(6)\n`code` _under_ ~~strike~~ ==mark== ^^sup^^ $x^2$ \\(y\\)"),
    ("# Heading Title", "> quoted\n- listed\n1. numbered\n<!-- hidden comment --> visible"),
    ("Pipes | in | title", "| a | b |\n|---|---|\n| c | d |"),
    ("{{ config.site_name }} {% if true %}jinja{% endif %} {# comment #}",
     "{{ page.title }} {%- raw %} {{ 7*7 }} {% endraw %} {# x #}"),
    # A title needs a letter (a line of digits or dashes is page chrome), so the YAML
    # document marker and the date carry one: YAML would still read them as markup.
    ("--- !!python/object:os.system", "A title that starts a YAML document with a tag."),
    ("No", "The title is a YAML boolean word."),
    ("null", "The title is YAML null."),
    ("2021-01-01T00:00:00Z", "The title looks like a YAML timestamp."),
    ("Tabs\there\tand  spaces", "Tab\tseparated\tabstract."),
    ("深度学习的理论 CJK Title", "中文摘要，包含标点。日本語も。"),
    ("عنوان عربي Right-to-left", "نص عربي من اليمين إلى اليسار with mixed LTR."),
    ("Emoji 🙂🚀 and combining e\u0301 n\u0303", "Zero\u200bwidth and \u2028 separators."),
    (LONG_WORDS, "A very long title must still give a short file name."),
    ("Colliding Slug!", "First of two titles whose slugs collide."),
    ("Colliding Slüg", "Second of two titles whose slugs collide."),
    ("Ampersands & entities &amp; &lt;b&gt; &#x41;", "Entities &copy; &#169; stay as typed."),
    ("Quotes \"double\" and 'single' and `back`", "Attribute breakers: \" ' > < =."),
    ("javascript:alert(7)", "data:text/html,<script>alert(8)</script>"),
    ('Sets closed twice }} @misc(injected, title = "Forged entry", author = "Mallory")',
     "A title that would close its BibTeX field and start an entry of its own."),
    # Only a real formula is typeset; prices stay prices, KaTeX's links stay off.
    ("Dollars $5 and $10 and math $\\alpha^2$",
     "It costs $5 and $10; \\$3 is escaped; $\\beta_1$ is math. "
     "$\\href{javascript:alert(10)}{x}$ $\\htmlClass{x}{y}$ $<img src=x onerror=alert(11)>$"),
    ('Schr\\"odinger accents {\\"o} \\v{c}', 'Erd\\H{o}s and Schr\\"odinger, as arXiv prints them.'),
]


def listing_bytes() -> bytes:
    """The entries as a blocks-layout listing saved with a BOM and CRLF line ends."""
    parts = ["new", "Get trending papers in your email inbox!", "Daily Papers", "Dec 9"]
    for title, abstract in ENTRIES:
        parts += [title, abstract.replace("\n", " "), "  • 2 authors\n·\nJun 9, 2024"]
    text = "\n\n".join(parts) + "\n"
    return "\ufeff".encode() + text.replace("\n", "\r\n").encode("utf-8")


def expected_entries() -> list[tuple[str, str]]:
    """Titles and abstracts as the site must show them: whitespace normalised only."""
    return [(" ".join(t.split()), " ".join(a.split())) for t, a in ENTRIES]


HOSTILE_NOTE = """---
status: read
rating: 2
tags: [hostile, c++]
---

A note with <script>alert('note')</script> and <img src=x onerror=alert(9)>.

[bad link](javascript:alert(10)) ![bad image](javascript:alert(11)) {{ config.repo_url }}

<div onclick="alert(12)">block html</div>

![pixel](https://example.invalid/x.png){: onerror="alert(13)" } **bold**{ onclick="alert(14)" }

[entity link](javascript&colon;alert(15)) [numeric](&#106;avascript:alert(16))

```{ .python title="<img src=x onerror=alert(17)>" title_mode="html" }
print("fence with an HTML title")
```

``` { .python data-x='"><img src=x onerror=alert(18)>' }
print("fence whose attribute breaks out")
```

{"search": "javascript:alert(19)", "base": "javascript:alert(20)", "features": []}
{: #__config }

[escaped entity](javascript&\\#58;alert&\\#40;21&\\#41;)

## __search

Theme classes and hooks: **a word**{: .md-search__input data-md-component="search" #__drawer }.

A formula that overflows KaTeX's stack: $""" + "{" * 20000 + "x" + "}" * 20000 + """$

And one after it: $a^2$.
"""
