"""The link checker reads pages as a browser does (an HTML parser, not patterns)."""

from __future__ import annotations

import pytest

from shequbao.outputs.linkcheck import LinkTargets, broken_links, page_links


@pytest.mark.parametrize("html, link", [
    ('<a href="x/">x</a>', "x/"),
    ("<a href='x/'>x</a>", "x/"),
    ("<a href=nowhere.html>x</a>", "nowhere.html"),
    ("<A HREF=Nowhere.html>x</A>", "Nowhere.html"),
    ('<IMG SRC="a.jpg">', "a.jpg"),
    ('<img alt="a>b" src="c.jpg">', "c.jpg"),
    ('<a href="a&amp;b.html">x</a>', "a&b.html"),
    ('<img srcset="a-480.webp 480w, b-960.webp 960w">', "b-960.webp"),
])
def test_every_way_of_writing_a_link_is_found(html, link):
    links, _ = page_links(f"<p>{html}</p>")
    assert link in links


def test_ids_and_named_anchors():
    _, ids = page_links('<h2 id="page-1">1</h2><a name="old">x</a><div ID=Upper></div><span name="n"></span>')
    assert ids == {"page-1", "old", "Upper"}


def test_broken_links_are_named_with_their_page():
    pages = {
        "issues/x/a/index.html": '<a href=../b/>b</a> <a href="../../../nowhere/">n</a> <a href="../b/#missing">m</a>'
                                 ' <a href="mailto:a@example.org">m</a> <a href="https://example.com/">e</a>',
        "issues/x/b/index.html": '<h1 id="top">b</h1><a href="#top">up</a>',
    }
    resolver = LinkTargets("/")
    targets, ids = {}, {}
    for path, html in pages.items():
        links, ids[path] = page_links(html)
        targets[path] = resolver.resolve(path, links)
    broken = broken_links(targets, ids, set(pages))
    assert broken == [("issues/x/a/index.html", "../../../nowhere/"), ("issues/x/a/index.html", "../b/#missing")]
