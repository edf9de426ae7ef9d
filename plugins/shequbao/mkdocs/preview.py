"""The preview (``make serve``) while the content has errors: a Chinese error page in the browser.

An adapter (it knows MkDocs' live-reload server). When loading the content fails under
``mkdocs serve``, the plugin does not fail the build (a failed rebuild leaves every browser
waiting until the files are fixed); it builds a site with no pages and records the problems
here. Every page the browser then asks for is answered with one page listing the problems
(``文件:行: 字段: 说明``), carrying the live-reload script: when the files are fixed, the next
build clears the problems and the browser reloads the page it asked for.
"""

from __future__ import annotations

import html
import sys
import threading

from ..problems import Problem

_state = threading.Lock()
_problems: list[str] = []  # the current problems, formatted; empty when the content is fine
_installed: set[int] = set()  # servers wrapped already (one per `mkdocs serve`)


def show(problems: list[Problem], root: str) -> None:
    """The build found these problems: print them (outside MkDocs' log, so a strict preview
    still builds) and show them to every browser until :func:`clear`."""
    lines = [problem.format(root) for problem in problems]
    print(f"内容有 {len(lines)} 处问题（浏览器里也会显示，改好保存后自动恢复）：", file=sys.stderr)
    for line in lines:
        print("  " + line, file=sys.stderr)
    with _state:
        _problems[:] = lines


def clear() -> None:
    with _state:
        _problems.clear()


def current() -> list[str]:
    with _state:
        return list(_problems)


def install(server) -> None:
    """Answer page requests with the error page while there are problems (once per server)."""
    if id(server) in _installed:
        return
    _installed.add(id(server))
    app = server.get_app()

    def serve(environ, start_response):
        path = environ.get("PATH_INFO", "")
        problems = current()
        if not problems or path.startswith("/livereload/") or not _is_page(path):
            return app(environ, start_response)
        body = server._inject_js_into_html(error_page(problems).encode("utf-8"), server._visible_epoch)
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                                  ("Cache-Control", "no-store")])
        return [body]

    server.set_app(serve)


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return not last or last.endswith((".html", ".htm")) or "." not in last


def error_page(problems: list[str]) -> str:
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>内容有 {len(problems)} 处问题 · 预览</title>
<style>
body {{ font: 17px/1.7 system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; padding: 1.5rem; color: #222; background: #fff8f6; }}
h1 {{ color: #b3261e; font-size: 1.4rem; margin: 0 0 .5rem; }}
ol {{ padding-left: 1.4rem; }} li {{ margin: .6rem 0; }}
code {{ font-family: inherit; white-space: pre-wrap; word-break: break-all; background: #fff; border-left: 4px solid #b3261e; display: block; padding: .4rem .6rem; }}
</style></head>
<body><main>
<h1>内容有 {len(problems)} 处问题，预览暂时不能显示</h1>
<p>每一行是：哪个文件、第几行、哪一项、怎么改。按提示改好并保存后，这个页面会自动刷新。</p>
<ol>
{items}
</ol>
<p>终端里也列出了同样的问题；正式生成（make site）之前请先改好它们，也可以运行 <code style="display:inline;border:0;padding:0">./sqb check</code> 再检查一遍。</p>
</main></body></html>
"""


def empty_build(files, config):
    """MkDocs' files for a preview build of no pages, while the browser shows the problems."""
    from mkdocs.structure.files import Files

    config.nav = []
    config.theme.static_templates.discard("404.html")
    return Files([file for file in files if not file.is_documentation_page()])
