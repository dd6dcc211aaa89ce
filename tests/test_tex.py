"""generator.tex: accents shown as letters, math found by Pandoc's rule, nothing else."""

from __future__ import annotations

import pytest

from generator.tex import Kind, display_markdown, has_markup, plain, segments


def shown(text: str) -> list[tuple[str, str]]:
    return [(s.kind.value, s.text) for s in segments(text)]


@pytest.mark.parametrize("tex, letter", [
    ('Schr\\"odinger', "Schrödinger"), ("Schr\\\"{o}dinger", "Schrödinger"),
    ('Schr{\\"o}dinger', "Schrödinger"), ("Erd\\H{o}s", "Erdős"), ("Erd{\\H o}s", "Erdős"),
    ("\\v{C}ech", "Čech"), ("Gar\\c{c}on", "Garçon"), ("\\'{\\i}ndice", "índice"),
    ("S{\\o}ren", "Søren"), ("Stra\\ss{}e", "Straße"), ("Ma\\~na", "Maña"),
    ("\\AA ngstr\\\"om", "Ångstr\u00f6m"), ("5\\% better", "5% better"),
])
def test_accents_and_escapes_show_as_their_letters(tex, letter):
    assert plain(tex) == letter
    assert "".join(s.source or s.text for s in segments(tex)) == tex


@pytest.mark.parametrize("text", [
    "costs $5 and $10 a day", "$5", "a $ b $ c", "x$ y $z", "price: $3.50, not $4",
    "\\$x\\$ is escaped", "a $x$5 is followed by a digit", "$$", "$ $",
])
def test_text_that_only_looks_like_math_stays_text(text):
    assert not any(s.kind is Kind.MATH for s in segments(text))


def test_math_is_found_and_kept_as_written():
    assert shown("at time $t$ in $O(1)$ flops") == [
        ("text", "at time "), ("math", "$t$"), ("text", " in "), ("math", "$O(1)$"),
        ("text", " flops")]
    assert shown("$$E = mc^2$$ and $M^c_{\\rho}$-optimal")[0] == ("math", "$$E = mc^2$$")
    assert ("math", "$M^c_{\\rho}$") in shown("the $M^c_{\\rho}$-optimal map")


def test_math_keeps_its_backslashes_and_accents_inside_math_are_not_touched():
    assert shown('$\\"o + \\alpha$') == [("math", '$\\"o + \\alpha$')]


def test_without_formulas_plain_keeps_the_words_only():
    assert plain('the $M^c_{\\rho}$-optimal Schr\\"odinger', formulas=False) == \
        "the  -optimal Schrödinger"
    assert plain("costs $5 and $10", formulas=False) == "costs $5 and $10"


def test_unknown_commands_stay_as_written():
    assert plain("\\emph{League} ``games'' \\omega") == "\\emph{League} ``games'' \\omega"


def test_has_markup_is_false_for_plain_titles():
    assert not has_markup("Attention Is All You Need")
    assert not has_markup("costs $5 and $10")
    assert has_markup("Light Schr\\\"odinger Bridge") and has_markup("On $k$-means")


def test_display_markdown_escapes_text_and_marks_math_as_code():
    out = display_markdown("On $k$-means *and* <b>x</b> [y](javascript:z)")
    assert out.startswith("On `$k$`{ .ps-math }&#45;means &#42;and&#42; &#60;b&#62;")
    assert "<" not in out and "[" not in out
    # A formula holding a backtick cannot be a code span: it stays escaped text.
    assert "`" not in display_markdown("$a`b$").replace("&#96;", "")

