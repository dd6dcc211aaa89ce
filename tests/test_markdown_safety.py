"""The Markdown every page is written in renders to HTML that can run no script."""

from __future__ import annotations

import re

import markdown
import pytest

from generator.markdown_safety import followable, sanitize

# The extensions mkdocs.yml enables, configured as there.
EXTENSIONS = ["generator.markdown_safety", "toc", "attr_list", "def_list", "tables",
              "footnotes", "admonition", "pymdownx.arithmatex", "pymdownx.highlight",
              "pymdownx.inlinehilite", "pymdownx.superfences", "pymdownx.tasklist"]
CONFIGS = {"toc": {"permalink": True}, "pymdownx.arithmatex": {"generic": True}}


def render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


def tags_with_handlers(html: str) -> list[str]:
    return re.findall(r"<[^>]*\son\w+\s*=", html)


@pytest.mark.parametrize("note", [
    '```{ .python title="<img src=x onerror=alert(1)>" title_mode="html" }\nx\n```',
    "``` { .python data-x='\"><img src=x onerror=alert(1)>' }\nx\n```",
    "**x**{: onclick=alert(1) }",
    "<img src=x onerror=alert(1)>",
    "<div onmouseover=alert(1)>x</div>",
])
def test_no_event_handler_survives(note):
    assert tags_with_handlers(render(note)) == []


@pytest.mark.parametrize("link", [
    "javascript:alert(1)", "javascript&colon;alert(1)", "&#106;avascript:alert(1)",
    "javascript&\\#58;alert&\\#40;1&\\#41;", " JaVaScRiPt:alert(1)", "vbscript:x",
    "data:text/html,<script>alert(1)</script>",
])
def test_script_links_and_images_become_their_text(link):
    html = render(f"[a link]({link}) ![an image]({link})")
    assert html == "<p><span>a link</span> <span>an image</span></p>"


def test_the_themes_ids_classes_and_hooks_stay_the_themes():
    html = render('{"search": "x"}\n{: #__config }\n\n'
                  '**w**{: .md-search__input .mine data-md-component="search" #__drawer }')
    assert html == ('<p id="ps__config">{"search": "x"}</p>\n'
                    '<p><strong class="mine" id="ps__drawer">w</strong></p>')
    assert render("## __search") == ('<h2 id="ps__search">__search<a class="headerlink" '
                                     'href="#ps__search" title="Permanent link">¶</a></h2>')


def test_what_markdown_and_the_extensions_produce_is_kept():
    html = render("# T\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n\n$x^2$ and x[^1]\n\n"
                  "!!! note\n    n\n\n```python\nprint(1)\n```\n\n[^1]: f\n")
    for kept in ('<h1 id="t">T<a class="headerlink" href="#t"', 'style="text-align:right"',
                 '<input type="checkbox" disabled="" checked="">', '<span class="arithmatex">',
                 '<a class="footnote-ref" href="#fn:1">', '<div class="admonition note">',
                 '<span class="nb">print</span>'):
        assert kept in html


def test_raw_html_is_shown_as_text():
    assert render("a <b>b</b> <!-- c -->") == "<p>a &lt;b&gt;b&lt;/b&gt; &lt;!-- c --&gt;</p>"


def test_followable_addresses():
    assert followable("https://arxiv.org/abs/1") and followable("../x.md#y")
    assert followable("mailto:a@b.c") and followable("#anchor")
    assert not followable("javascript&#x3A;x") and not followable("ftp://x")


def test_sanitize_removes_script_with_its_content():
    assert sanitize("<p>a<script>alert(1)</script><style>p{}</style></p>") == "<p>a</p>"


def test_an_image_without_alt_text_is_marked_decorative():
    assert sanitize('<p><img src="x"><img alt="a" src="y"></p>') == \
        '<p><img src="x" alt=""><img alt="a" src="y"></p>'


@pytest.mark.parametrize("text", ["Hello <b>x</b> & *y* `z` $a$ &amp; &#65; <script>",
                                  "1. starts like a list", "# heading?", "*" * 1000,
                                  'Schr\\"odinger at time $t$ costs $5 and $10'])
def test_a_text_block_is_one_paragraph_of_exactly_the_text(text):
    """What search reads (everything but data-search-exclude) is the text as written."""
    import html

    from generator.escaping import text_block

    rendered = render(text_block(text, "ps-abstract"))
    inner = re.fullmatch(r'<p class="ps-abstract">(.*)</p>', rendered, re.S)
    searched = re.sub(r'<span data-search-exclude="1">[^<]*</span>|<[^>]+>', "", inner.group(1))
    assert inner and html.unescape(searched) == text


def test_a_text_block_written_by_hand_is_still_only_text():
    assert render("::: papershelf-text x\n<script>alert(1)</script> *a*") == \
        '<p class="x">&lt;script&gt;alert(1)&lt;/script&gt; *a*</p>'
