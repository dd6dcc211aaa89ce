"""Links in notes: found as Markdown reads them, checked against the site, marked."""

from __future__ import annotations

from generator.note_links import find_links, mark_broken, problem, resolve
from generator.notes import parse_note

KNOWN = {"papers/the-monge-gap-a-regularizer.md", "papers/p.md", "topics/optimal-transport.md",
         "about.md", "assets/figure.png"}


def targets(body: str) -> list[str]:
    return [link.target for link in find_links(body)]


def test_links_images_and_definitions_are_found_outside_code():
    body = ("[a](a.md) ![b](b.png) [c [d]](c.md \"title\") <https://x.y>\n"
            "`[in span](s.md)` and ``[in `double` span](t.md)``\n\n"
            "```\n[in fence](f.md)\n```\n\n"
            "    [indented code](i.md)\n\n"
            "- item\n\n    [list continuation](l.md)\n\n"
            "[ref]: r.md \"Title\"\n")
    assert targets(body) == ["a.md", "b.png", "c.md", "l.md", "r.md"]


def test_each_link_knows_its_line():
    assert [link.line for link in find_links("x\n\n[a](a.md)\ny [b](b.md)")] == [3, 4]


def test_only_links_into_the_site_are_resolved():
    assert resolve("../topics/optimal-transport.md#x") == "topics/optimal-transport.md"
    assert resolve("p.md?q=1") == "papers/p.md"
    assert resolve("some%20page.md") == "papers/some page.md"
    for outside in ("https://arxiv.org/abs/1", "mailto:a@b.c", "#notes", "//host/x"):
        assert resolve(outside) is None


def test_problems_say_what_is_wrong_and_what_was_probably_meant():
    def why(target, image=False):
        link = next(find_links(f"{'!' if image else ''}[x]({target})"))
        return problem(link, KNOWN)

    assert why("p.md") is None and why("../about.md") is None
    assert why("../assets/figure.png", image=True) is None
    assert why("the-monge-gap.md") == ("link to 'the-monge-gap.md': no such page or file in "
                                       "the site; did you mean "
                                       "'the-monge-gap-a-regularizer.md'?")
    assert why("../topics/optimal-transport/") == (
        "link to '../topics/optimal-transport/': link to the Markdown file instead, "
        "'../topics/optimal-transport.md'")
    assert why("../topics/optimal-transprot.md") == (
        "link to '../topics/optimal-transprot.md': no such page or file in the site; did "
        "you mean '../topics/optimal-transport.md'?")
    assert why("missing.png", image=True) == ("link to 'missing.png': no such image in the "
                                              "site")


def test_broken_links_become_their_text_with_a_marker():
    body = "See [*the* gap](gap.md) and ![a figure](f.png).\n\n[ref]: gone.md\n[ok](p.md)"
    broken = [link for link in find_links(body) if problem(link, KNOWN)]
    assert mark_broken(body, broken) == (
        "See *the* gap *(broken link)*{ .ps-broken-link } and a figure *(broken link)*"
        "{ .ps-broken-link }.\n\n\n[ok](p.md)")


def test_body_lines_count_from_the_file():
    note, _ = parse_note("---\nstatus: read\n---\n\n\nFirst line of the body.\n", "s",
                         "notes/s.md")
    assert note.body_line == 6 and note.body.startswith("First line")
    assert parse_note("No front matter.\n", "s", "notes/s.md")[0].body_line == 1
