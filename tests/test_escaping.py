"""Escaping per output kind: Markdown text, theme HTML, YAML front matter."""

from __future__ import annotations

import html
import re

import markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.escaping import document, excerpt, front_matter, html_text, markdown_text

# The extensions mkdocs.yml enables, plus the common ones a curator may add later.
EXTENSIONS = ["toc", "attr_list", "def_list", "tables", "md_in_html", "admonition",
              "footnotes", "abbr", "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark",
              "pymdownx.keys", "pymdownx.emoji", "pymdownx.arithmatex", "pymdownx.superfences",
              "pymdownx.inlinehilite", "pymdownx.details"]
HOSTILE = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[x](javascript:alert(1))",
    "*em* _u_ **b** `code`", "# heading", "1. list", "- item", "> quote", "---",
    "[ref]: http://example.org", "<!-- comment -->", "a | b | c", "{{ x }} {% y %} {# z #}",
    "$x^2$ ~~del~~ ==mark== ++ctrl++ :smile:", "!!! note", "&amp; &lt; \\*", "{: .cls }",
    "φ^3 深度 עברית 🙂 é", "Schr\\\"odinger {\\em x}", "10) item", "===", "+ plus",
]


def rendered_text(source: str) -> tuple[str, str]:
    out = markdown.markdown(source, extensions=EXTENSIONS)
    return out, html.unescape(re.sub(r"<[^>]+>", "", out))


def test_hostile_text_renders_as_itself_in_one_paragraph():
    for text in HOSTILE:
        out, shown = rendered_text(markdown_text(text))
        assert shown == text, text
        assert re.fullmatch(r"<p>[^<]*</p>", out), out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1))
def test_any_text_renders_as_itself(text):
    expected = " ".join(text.split())
    out, shown = rendered_text(markdown_text(text))
    if expected:
        assert shown == expected
        assert re.fullmatch(r"<p>[^<]*</p>", out)


def test_html_text_escapes_for_elements_and_attributes():
    assert html_text('<b a="1">\'&') == "&lt;b a=&quot;1&quot;&gt;&#x27;&amp;"


def test_front_matter_round_trips_yaml_special_words():
    data = {"title": "No", "a": "null", "b": "2021-01-01", "c": "---", "d": "key: value",
            "e": "{{ x }}", "f": "'quoted' \"double\"", "g": "line\u2028sep", "h": "yes", "i": "x\n---\n...\ny"}
    text = front_matter(data)
    assert text.startswith("---\n") and text.endswith("---\n")
    assert yaml.safe_load(text.strip("-\n")) == data
    # MkDocs ends front matter at the first line that is exactly --- or ...
    assert not re.search(r"^(---|\.\.\.)[ \t]*$", text[4:-4], re.M)


def test_document_layout():
    assert document({"a": 1}, "Body\n\n") == '---\n{\n"a": 1\n}\n---\n\nBody\n'


def test_excerpt():
    assert excerpt(None) == ""
    assert excerpt("Short.") == "Short."
    long = "This first sentence is long enough to be an excerpt. " + "More words " * 40
    assert excerpt(long) == "This first sentence is long enough to be an excerpt."
    cut = excerpt("word " * 100)
    assert cut.endswith("…") and len(cut) <= 161 and " word…" not in cut[:-6]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=10), st.one_of(
    st.text(), st.none(), st.integers(), st.lists(st.text(max_size=20), max_size=3)),
    max_size=5))
def test_front_matter_reads_back_exactly_as_mkdocs_reads_it(data):
    from mkdocs.utils.meta import get_data

    body, meta = get_data(front_matter(data) + "Body text\n")
    assert meta == data and body == "Body text\n"
