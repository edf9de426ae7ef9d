"""Where ``shequbao publish`` may write, checked before anything is sent (knows nothing of MkDocs).

rsync with ``--delete`` makes its target hold exactly the site: pointed at the wrong folder it
deletes what is there. So a target is refused, with the reason in Chinese, when it

- looks like an option (``-…``: rsync would read it as one), or holds a control character;
- is remote (``user@host:path``, ``host::module``, ``rsync://``) without an explicit folder
  (``user@host:`` or ``user@host:~`` is the home folder), or names ``/``, a top-level folder
  or a home folder there;
- is local and is the paper's folder (the current folder, or the one holding ``site/``, when
  it holds ``mkdocs.yml`` or ``content/issues/``), lies inside it or contains it; is the site
  folder itself, lies in it or contains it; is ``/``, a top-level folder or a home folder; lies
  inside another MkDocs project; starts with ``~`` (the shell did not expand it); is a file.

Paths are taken as rsync takes them (no ``~`` expansion), made absolute from the current
folder and resolved through links, so ``../paper/./content`` or a link to the paper is caught.
"""

from __future__ import annotations

import os
import posixpath
import pwd
import re
from dataclasses import dataclass
from pathlib import Path

PAPER_SIGNS = ("mkdocs.yml", "content/issues")  # a folder holding one of these is a paper
EXAMPLES = "例如 /var/www/paper/ 或 user@host:/var/www/paper/"


class PublishError(Exception):
    """Publishing could not start or failed; the message says what to do (in Chinese)."""


@dataclass(frozen=True)
class Target:
    text: str  # as the editor typed it, given to rsync
    remote: bool
    folder: Path | None  # a local target, resolved


def is_remote(target: str) -> bool:
    """rsync's own rule: ``rsync://…``, or a ``:`` before the first ``/``."""
    if target.startswith("rsync://"):
        return True
    head = target.split("/", 1)[0]
    return ":" in head


def check_target(target: str, site_dir: Path, cwd: Path | None = None) -> Target:
    """``target`` as a :class:`Target` when publishing there can harm nothing; else :class:`PublishError`."""
    if not target.strip():
        raise PublishError(f"没有写发布到哪里：{EXAMPLES}")
    if target.startswith("-"):
        raise PublishError(f"发布目标“{target}”以“-”开头，会被当成 rsync 的选项：请写文件夹的完整路径，{EXAMPLES}")
    if re.search(r"[\x00-\x1f\x7f]", target):
        raise PublishError(f"发布目标“{target!r}”里有换行或控制字符：请重新输入路径，{EXAMPLES}")
    if is_remote(target):
        _check_remote(target)
        return Target(target, True, None)
    return Target(target, False, _check_local(target, Path(site_dir), Path(cwd or os.getcwd())))


def _check_remote(target: str) -> None:
    if target.startswith("rsync://"):
        host, _, path = target.removeprefix("rsync://").partition("/")
        module = path
    else:
        host, _, path = target.partition(":")
        module = path.removeprefix(":") if path.startswith(":") else None
        path = module if module is not None else path
    if not host.rsplit("@", 1)[-1].strip():
        raise PublishError(f"发布目标“{target}”没有写服务器的地址：{EXAMPLES}")
    if module is not None:  # an rsync daemon's module: the folder is the module's, plus a path in it
        if not module.strip("/"):
            raise PublishError(f"发布目标“{target}”没有写 rsync 模块名：例如 {host}::paper/")
        return
    cleaned = posixpath.normpath(path) if path else ""
    if cleaned in ("", ".") or cleaned.startswith("~") and "/" not in cleaned:
        raise PublishError(f"发布目标“{target}”没有写服务器上的文件夹（这样会发布到、并清理登录账号的主目录）："
                           f"请写明路径，例如 {host}:/var/www/paper/")
    if cleaned.startswith("/") and (cleaned.count("/") < 2 or re.fullmatch(r"/home/[^/]+|/root", cleaned)):
        raise PublishError(f"发布目标“{target}”是服务器上的系统文件夹或主目录（{cleaned}），发布时会删掉里面别的文件："
                           f"请写一个专门放网站的文件夹，例如 {host}:/var/www/paper/")
    if ".." in cleaned.split("/"):
        raise PublishError(f"发布目标“{target}”里有“..”：请写服务器上文件夹的完整路径，例如 {host}:/var/www/paper/")


def _check_local(target: str, site_dir: Path, cwd: Path) -> Path:
    if target.startswith("~"):
        raise PublishError(f"发布目标“{target}”以“~”开头，但没有被展开成主目录：请写完整的路径，例如 /home/me/www/paper/")
    folder = Path(os.path.realpath(os.path.join(cwd, target)))
    say = f"发布目标“{target}”（{folder}）"
    if len(folder.parts) <= 2:
        raise PublishError(f"{say}是系统文件夹，发布时会删掉里面别的文件：请写一个专门放网站的文件夹，{EXAMPLES}")
    if folder in _home_folders():
        raise PublishError(f"{say}是一个主目录，发布时会删掉里面别的文件：请在里面建一个专门的文件夹，例如 {folder}/www/")
    site = Path(os.path.realpath(os.path.abspath(os.path.join(cwd, site_dir))))
    if folder == site or site in folder.parents:
        raise PublishError(f"{say}就是要发布的网站文件夹 {site} 或在它里面：请发布到报纸文件夹以外的地方，{EXAMPLES}")
    for paper in _paper_folders(site, cwd):
        if _overlaps(folder, paper):
            where = (f"就是报纸文件夹 {paper}" if folder == paper else f"在报纸文件夹 {paper} 里面"
                     if paper in folder.parents else f"包含报纸文件夹 {paper}")
            raise PublishError(f"{say}{where}，发布时会覆盖或删掉稿件、照片和设置：请发布到报纸文件夹以外的地方，{EXAMPLES}")
    if folder in site.parents:
        raise PublishError(f"{say}包含要发布的网站文件夹 {site}：请发布到别的地方，{EXAMPLES}")
    for folder_or_parent in (folder, *folder.parents):
        if (folder_or_parent / "mkdocs.yml").exists():
            raise PublishError(f"{say}在另一份报纸（或 MkDocs 项目）{folder_or_parent} 里面，发布时会删掉它的文件：{EXAMPLES}")
    if folder.exists() and not folder.is_dir():
        raise PublishError(f"{say}是一个文件，不是文件夹：{EXAMPLES}")
    return folder


def _overlaps(a: Path, b: Path) -> bool:
    """Whether ``a`` is ``b``, lies inside it or contains it."""
    return a == b or b in a.parents or a in b.parents


def _paper_folders(site: Path, cwd: Path) -> set[Path]:
    found = set()
    for folder in (Path(os.path.realpath(cwd)), site.parent):
        if any(os.path.lexists(folder / sign) for sign in PAPER_SIGNS):
            found.add(folder)
    return found


def _home_folders() -> set[Path]:
    homes = {os.path.expanduser("~"), os.environ.get("HOME", "")}
    try:
        homes.update(entry.pw_dir for entry in pwd.getpwall())
    except OSError:
        pass
    return {Path(os.path.realpath(home)) for home in homes if home and home != "/"}


def check_endpoint(endpoint: str | None) -> tuple[str | None, str | None]:
    """The S3 endpoint as a URL, and a note when ``https://`` was added; :class:`PublishError` if it cannot be one."""
    if not endpoint:
        return None, None
    endpoint = endpoint.strip()
    note = None
    if not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", endpoint):
        endpoint, note = f"https://{endpoint}", f"--endpoint 没有写 https:// 或 http://，按 https://{endpoint} 连接"
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?", endpoint):
        raise PublishError(f"--endpoint “{endpoint}”不是对象存储的地址：写成 https://oss-cn-hangzhou.aliyuncs.com"
                           "（阿里云）或 https://cos.ap-guangzhou.myqcloud.com（腾讯云）这样，只写主机名")
    return endpoint.rstrip("/"), note
