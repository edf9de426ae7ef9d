"""examples/nginx.conf, served by Debian's real nginx on a loopback port with a non-root worker,
at the domain root and under /paper/ (published there with ./sqb publish to a folder, as the
example says): pages, assets, photos, the PDF and every kind of Pagefind file return 200, with
one Cache-Control each (a year only for fingerprinted names) and the right Content-Type.

The site is built with umask 077, as an editor's account may have it: the build still makes
every file world-readable, or the worker (nobody) would get 403 (search showed “搜索暂时不能用”).
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROOT

NGINX = Path("/usr/sbin/nginx")
EXAMPLE = ROOT / "examples" / "nginx.conf"
YEAR = "public, max-age=31536000, immutable"
SHEQUBAO = str(Path(sys.executable).with_name("shequbao"))


@pytest.fixture(scope="module")
def world():
    """A folder every user may enter (pytest's own tmp folders are 0700: nginx's worker could not)."""
    base = Path(tempfile.mkdtemp(prefix="sqb-nginx-"))
    os.chmod(base, 0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def built(world) -> Path:
    project = world / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for folder in ("content", "theme_overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    done = subprocess.run(["bash", "-c", f"umask 077 && exec {SHEQUBAO} build"], cwd=project, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return project / "site"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(world: Path, name: str, root: Path, error_page: str):
    """Start nginx with the example's server block (its root, port and 404 page set as the
    example's comments say); return (port, process)."""
    assert NGINX.exists(), "nginx is missing: bash scripts/install-system-deps.sh --test installs it"
    port = free_port()
    prefix = world / f"nginx-{name}"
    prefix.mkdir()
    server = EXAMPLE.read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /var/www/paper;", f"root {root};")
    server = server.replace("error_page 404 /404.html;", f"error_page 404 {error_page};")
    user = "user nobody nogroup;\n" if os.getuid() == 0 else ""  # the master is root: workers must not be
    temp = "".join(f"{kind}_temp_path {prefix}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = prefix / "nginx.conf"
    conf.write_text(f"{user}daemon off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\nevents {{}}\n"
                    f"http {{\ninclude /etc/nginx/mime.types;\ndefault_type application/octet-stream;\naccess_log off;\n"
                    f"{temp}{server}\n}}\n", encoding="utf-8")
    check = subprocess.run([str(NGINX), "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([str(NGINX), "-p", str(prefix), "-c", str(conf)], stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return port, process


def get(port: int, path: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheaders(), body


def headers(pairs, name: str) -> list[str]:
    return [value for key, value in pairs if key.lower() == name.lower()]


def one(pairs, name: str) -> str:
    found = headers(pairs, name)
    assert len(found) == 1, (name, found)
    return found[0]


def files_to_ask(site: Path) -> dict[str, str]:
    """One file of each kind the site has: what it is → path inside the site."""
    css = next((site / "assets/shequbao").glob("shequbao.*.css")).relative_to(site).as_posix()
    photo = next(site.glob("issues/*/images/*-480.*.webp")).relative_to(site).as_posix()
    pdf = next(site.glob("issues/*/*.pdf")).relative_to(site).as_posix()
    fragment = next(site.glob("pagefind/*/fragment/*.pf_fragment")).relative_to(site).as_posix()
    index = next(site.glob("pagefind/*/index/*.pf_index")).relative_to(site).as_posix()
    meta = next(site.glob("pagefind/*/*.pf_meta")).relative_to(site).as_posix()
    wasm = next(site.glob("pagefind/*/*.pagefind")).relative_to(site).as_posix()
    article = next(p for p in site.glob("issues/*/*/index.html") if p.parent.name not in ("gallery",))
    return {"home": "", "article": article.parent.relative_to(site).as_posix() + "/", "css": css, "photo": photo,
            "pdf": pdf, "pagefind.js": "pagefind/2025/pagefind.js", "entry": "pagefind/2025/pagefind-entry.json",
            "fragment": fragment, "index": index, "meta": meta, "wasm": wasm, "feed": "feed.xml"}


def check_served(port: int, base: str, site: Path) -> None:
    asks = files_to_ask(site)
    for what, path in asks.items():
        status, pairs, body = get(port, base + path)
        assert status == 200, (what, base + path, status)
        one(pairs, "Content-Type")
        cache = one(pairs, "Cache-Control")  # never two
        fingerprinted = what in ("css", "photo", "fragment", "index", "meta")
        assert (cache == YEAR) is fingerprinted, (what, cache)
        if what in ("home", "article", "feed"):
            assert cache == "no-cache", (what, cache)
    by_kind = {what: get(port, base + path)[1] for what, path in asks.items()}
    assert one(by_kind["home"], "Content-Type") == "text/html; charset=utf-8"
    assert one(by_kind["photo"], "Content-Type") == "image/webp"
    assert one(by_kind["pdf"], "Content-Type") == "application/pdf"
    assert not headers(by_kind["pdf"], "Content-Disposition")  # opens in the browser
    assert one(by_kind["fragment"], "Content-Type") == "application/octet-stream"
    assert one(by_kind["css"], "Content-Type").startswith("text/css")
    # the home page's links lead to files that are there (relative links work under a sub-path)
    status, _, page = get(port, base)
    for link in re.findall(r'(?:href|src)="([^"#?]+)"', page.decode("utf-8")):
        if link.startswith(("http:", "https:", "mailto:", "//")):
            continue
        target = link if link.startswith("/") else base + link.removeprefix("./")
        assert get(port, target)[0] == 200, (base, link)
    status, _, body = get(port, base + "no-such-page/")
    assert status == 404 and "页面不存在" in body.decode("utf-8")


def workers_are_not_root(process) -> None:
    if os.getuid() != 0:
        return
    deadline = time.monotonic() + 10  # (on a busy machine the master forks its workers a moment after it listens)
    while True:
        users = subprocess.run(["ps", "-o", "user=", "--ppid", str(process.pid)], capture_output=True, text=True).stdout.split()
        if users or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert users and "root" not in users, users


def stop(process) -> None:
    process.terminate()
    process.wait(timeout=10)


def test_the_example_serves_the_site_at_the_root(world, built):
    assert {oct(p.stat().st_mode & 0o777) for p in built.rglob("*") if p.is_dir()} == {"0o755"}
    assert {oct(p.stat().st_mode & 0o777) for p in built.rglob("*") if p.is_file()} == {"0o644"}
    port, process = serve(world, "root", built, "/404.html")
    try:
        workers_are_not_root(process)
        check_served(port, "/", built)
    finally:
        stop(process)


def test_the_example_serves_the_site_under_a_sub_path(world, built):
    www = world / "www"
    www.mkdir()
    done = subprocess.run([SHEQUBAO, "publish", f"{www}/paper/", "--site", str(built)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "已发布" in done.stdout
    port, process = serve(world, "sub", www, "/paper/404.html")
    try:
        workers_are_not_root(process)
        check_served(port, "/paper/", www / "paper")
    finally:
        stop(process)
