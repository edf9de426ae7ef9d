"""The sitemap (outputs/sitemap.py) written from the registry: every page, dated by its content,
the same bytes on every build, addresses escaped as the sitemap protocol wants."""

from __future__ import annotations

import datetime as dt
import gzip
import struct

import pytest
from test_pagecache import archive

from shequbao.outputs.sitemap import write_sitemap
from shequbao.site.kinds import Kind
from shequbao.site.registry import PlanOptions, plan_pages


@pytest.fixture
def site():
    paper = archive()
    return plan_pages(paper, paper.static_pages, PlanOptions())


@pytest.mark.parametrize("site_url", ["https://wutongli.example.org/paper/", "https://wutongli.example.org/paper"])
def test_the_sitemap_lists_every_page_of_the_registry_dated_by_its_content(tmp_path, site, site_url):
    write_sitemap(site, site_url, tmp_path)
    xml = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    locs = [line.strip()[5:-6] for line in xml.splitlines() if "<loc>" in line]
    listed = [page for page in site if page.kind is not Kind.WECHAT]  # 复制到公众号: a tool for editors, noindex
    assert locs == sorted(locs) and len(locs) == len(listed) < len(site)
    assert "gongzhonghao" not in xml
    assert "<loc>https://wutongli.example.org/paper/issues/2025-09/fanghuo/</loc>" in xml
    assert "<loc>https://wutongli.example.org/paper/</loc>" in xml  # the home page
    block = xml.split("<loc>https://wutongli.example.org/paper/issues/2025-08/</loc>\n")[1].split("</url>")[0]
    assert block.strip() == "<lastmod>2025-08-25</lastmod>"
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode("utf-8") == xml


def test_the_sitemap_is_the_same_bytes_on_every_build(tmp_path, site):
    write_sitemap(site, "https://wutongli.example.org/", tmp_path / "a")
    write_sitemap(plan_pages(archive(), archive().static_pages, PlanOptions()), "https://wutongli.example.org/", tmp_path / "b")
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    mtime = struct.unpack("<I", (tmp_path / "a/sitemap.xml.gz").read_bytes()[4:8])[0]
    assert dt.datetime.fromtimestamp(mtime, dt.UTC) == dt.datetime(2025, 9, 25, tzinfo=dt.UTC)


def test_an_address_with_an_ampersand_is_escaped_in_the_sitemap(tmp_path, site):
    write_sitemap(site, "https://example.org/?a=1&b=", tmp_path)
    xml = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "&amp;b=/" in xml and "&b=" not in xml


def test_an_editors_page_with_a_chinese_name_has_an_escaped_address_in_the_sitemap(tmp_path):
    from urllib.parse import quote

    paper = archive()
    site = plan_pages(paper, (("index.md", "首页"), ("关于 本报.md", "关于本报")), PlanOptions())
    write_sitemap(site, "https://wutongli.example.org/", tmp_path)
    xml = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://wutongli.example.org/{quote('关于 本报/')}</loc>" in xml
