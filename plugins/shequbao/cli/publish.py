"""``shequbao publish``: copy the built ``site/`` to where readers get it.

Two kinds of target:

- ``s3://BUCKET/PREFIX``: any S3-compatible object storage (Aliyun OSS, Tencent COS, MinIO,
  AWS) through boto3, with ``--endpoint`` for the provider's S3 endpoint. Only files whose
  content changed are uploaded: an object stores the SHA-256 of its content in its metadata
  (``x-amz-meta-sha256``), and a listing's ETag (the MD5 of a plain upload) spares asking for it.
  Files no longer in the site are deleted. Each object gets its Content-Type and its
  Cache-Control: a year for fingerprinted names (:func:`pages.is_fingerprinted`), short for
  HTML and everything else. Credentials come only from the environment.
- anything else (``user@host:/path`` or a local folder): rsync, by checksum, with ``--delete``.

Nothing can destroy the paper: a target is checked first (:mod:`.targets`: never the paper's
folder, ``content/``, ``site/``, a home folder, a remote home, an option); the site is published
only when it is the complete result of a successful build (``site.built``) and no build is
running (``site.lock`` is held meanwhile). Files are deleted only in a folder (or under a
prefix) the last publish made: it leaves a marker, ``.shequbao-publish``, and a first
publish to a folder without one copies and deletes nothing.

``--dry-run`` prints what would change, in Chinese, and changes nothing.
Knows nothing of MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..build import sitefolder
from ..site.registry import is_fingerprinted, served_file
from .targets import PublishError, Target, check_endpoint, check_target

__all__ = ["PublishError", "publish"]

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8", ".map": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".gz": "application/gzip",
    ".webp": "image/webp", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
    ".svg": "image/svg+xml", ".ico": "image/x-icon", ".pdf": "application/pdf",
    ".woff2": "font/woff2", ".woff": "font/woff", ".wasm": "application/wasm",
    # Pagefind's index: binary chunks (the .pagefind file is its gzipped WebAssembly)
    ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}
LONG_CACHE = "public, max-age=31536000, immutable"  # named by content: a new content is a new name
PAGE_CACHE = "no-cache"  # pages and feeds: the browser asks every time whether they changed
SHORT_CACHE = "public, max-age=300"  # anything else (the search's entry file, paper.css, favicon)
HASH_META = "sha256"
UPLOAD_ORDER = (".html", ".xml")  # pages last: they name the new files, which must be there first


MARKER = ".shequbao-publish"  # left in the target by a publish: files there may be deleted next time
MARKER_TEXT = ("这个文件夹由 shequbao publish 发布。请不要删除这个文件：有它，发布时才会删掉网站已经不再有的旧文件。\n"
               "This folder is published by shequbao; files not in the site are deleted here.\n")
FIRST_TIME = ("{target} 里没有 " + MARKER + "（第一次发布到这里，或不是上次发布的文件夹）：这次只复制，不删除任何文件；"
              "以后发布到这里时，会删掉网站已经不再有的文件")


def content_type(path: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(path)[1].lower(), "application/octet-stream")


def cache_control(path: str) -> str:
    if is_fingerprinted(path):
        return LONG_CACHE
    return PAGE_CACHE if path.endswith((".html", ".htm", ".xml")) else SHORT_CACHE


@dataclass(frozen=True)
class LocalFile:
    path: str  # relative to the site folder, with /
    file: Path
    md5: str
    sha256: str


@dataclass(frozen=True)
class Plan:
    new: tuple[LocalFile, ...]
    changed: tuple[LocalFile, ...]
    removed: tuple[str, ...]  # object keys
    unchanged: int

    @property
    def uploads(self) -> tuple[LocalFile, ...]:
        """New and changed files, pages last."""
        files = self.new + self.changed
        return tuple(sorted(files, key=lambda f: (f.path.endswith(UPLOAD_ORDER), f.path)))

    def summary(self) -> str:
        return (f"新文件 {len(self.new)} 个，有变化 {len(self.changed)} 个，删除 {len(self.removed)} 个，"
                f"没变 {self.unchanged} 个")


def publish(target: str, site_dir: Path, *, endpoint: str | None = None, dry_run: bool = False,
            delete: bool = True, say: Callable[[str], None] = print) -> Plan | None:
    """Publish ``site_dir`` to ``target``; return what was (or, dry, would be) done (None for rsync)."""
    site_dir = Path(site_dir)
    checked = None
    if not target.startswith("s3://"):
        if endpoint:
            raise PublishError("--endpoint 只用于对象存储（s3://存储桶/路径）")
        checked = check_target(target, site_dir)
    if not (site_dir / served_file("")).is_file():
        raise PublishError(f"{site_dir}/ 里没有生成好的网站（没有 index.html）：先运行 make site")
    try:
        with sitefolder.held_for_publishing(site_dir):
            problem = sitefolder.check_built(site_dir)
            if problem:
                raise PublishError(problem)
            if checked is None:
                return publish_s3(target, site_dir, endpoint=endpoint, dry_run=dry_run, delete=delete, say=say)
            publish_rsync(checked, site_dir, dry_run=dry_run, delete=delete, say=say)
    except sitefolder.SiteDirError as error:
        raise PublishError(str(error)) from None
    return None


# -- object storage --------------------------------------------------------


def parse_s3(target: str) -> tuple[str, str]:
    """``s3://bucket/a/b`` → ``("bucket", "a/b/")``; the prefix is "" or ends with "/"."""
    bucket, _, prefix = target.removeprefix("s3://").partition("/")
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", bucket):
        raise PublishError(f"“{target}”里的存储桶名不对：写成 s3://存储桶名/路径，存储桶名只有小写字母、数字、点和连字符")
    prefix = prefix.strip("/")
    return bucket, prefix + "/" if prefix else ""


def local_files(site_dir: Path) -> dict[str, LocalFile]:
    found = {}
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        data = file.read_bytes()
        rel = file.relative_to(site_dir).as_posix()
        found[rel] = LocalFile(rel, file, hashlib.md5(data).hexdigest(), hashlib.sha256(data).hexdigest())
    return found


def plan_changes(local: dict[str, LocalFile], remote: dict[str, str], prefix: str,
                 stored_hash: Callable[[str], str | None], delete: bool = True) -> Plan:
    """Compare the site with a listing (object key → ETag). ``stored_hash(key)`` reads an
    object's SHA-256 from its metadata, asked only when the ETag is not a plain MD5."""
    new, changed, unchanged = [], [], 0
    for rel, file in local.items():
        key = prefix + rel
        etag = remote.get(key)
        if etag is None:
            new.append(file)
        elif etag.strip('"').lower() == file.md5 or (not _plain_md5(etag) and stored_hash(key) == file.sha256):
            unchanged += 1
        else:
            changed.append(file)
    wanted = {prefix + rel for rel in local}
    removed = tuple(sorted(k for k in remote if k not in wanted)) if delete else ()
    return Plan(tuple(new), tuple(changed), removed, unchanged)


def _plain_md5(etag: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-fA-F]{32}", etag.strip('"')))


def s3_client(endpoint: str | None):
    """A boto3 client with the keys from the environment (never from a file of the paper)."""
    try:
        import boto3
        from botocore.config import Config
    except ImportError:
        raise PublishError("没有安装 boto3：运行 make install（或 pip install boto3）") from None
    key, secret = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY")
    if not key or not secret:
        raise PublishError("没有对象存储的密钥：请先在环境变量里设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY"
                           "（阿里云是 AccessKey ID/Secret，腾讯云是 SecretId/SecretKey）。密钥不要写进报纸的文件里")
    host = re.sub(r"^https?://", "", endpoint or "")
    virtual = host.endswith(("aliyuncs.com", "myqcloud.com", "amazonaws.com"))  # these need bucket.host addressing
    config = Config(s3={"addressing_style": "virtual" if virtual else "path"}, signature_version="s3v4",
                    request_checksum_calculation="when_required", response_checksum_validation="when_required",
                    retries={"max_attempts": 5, "mode": "standard"})
    try:
        return boto3.client("s3", endpoint_url=endpoint or None, region_name=_region(host), aws_access_key_id=key,
                            aws_secret_access_key=secret, aws_session_token=os.environ.get("AWS_SESSION_TOKEN") or None,
                            config=config)
    except ValueError as error:  # an endpoint botocore cannot use
        raise PublishError(f"--endpoint “{endpoint}”不能用（{error}）：写成 https://oss-cn-hangzhou.aliyuncs.com 这样") from None


def _region(host: str) -> str:
    """AWS_REGION / AWS_DEFAULT_REGION, else the region in an OSS or COS endpoint, else us-east-1."""
    configured = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    if configured:
        return configured
    found = re.match(r"(?:[^.]+\.)?(oss-[a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com", host) or \
        re.match(r"(?:[^.]+\.)?cos\.([a-z0-9-]+)\.myqcloud\.com", host)
    return found.group(1) if found else "us-east-1"


def publish_s3(target: str, site_dir: Path, *, endpoint: str | None, dry_run: bool, delete: bool,
               say: Callable[[str], None]) -> Plan:
    from botocore.exceptions import BotoCoreError, ClientError

    bucket, prefix = parse_s3(target)
    endpoint, note = check_endpoint(endpoint)
    if note:
        say(note)
    client = s3_client(endpoint)
    try:
        remote = _listing(client, bucket, prefix)
        marked = remote.pop(prefix + MARKER, None) is not None
        if delete and not marked:
            say(FIRST_TIME.format(target=target))
        plan = plan_changes(local_files(site_dir), remote, prefix, lambda key: _stored_hash(client, bucket, key),
                            delete and marked)
        _report(plan, target, dry_run, say)
        if dry_run:
            return plan
        if not marked:
            client.put_object(Bucket=bucket, Key=prefix + MARKER, Body=MARKER_TEXT.encode(),
                              ContentType="text/plain; charset=utf-8", CacheControl=PAGE_CACHE)
        for file in plan.uploads:
            with open(file.file, "rb") as body:
                client.put_object(Bucket=bucket, Key=prefix + file.path, Body=body, ContentType=content_type(file.path),
                                  CacheControl=cache_control(file.path), Metadata={HASH_META: file.sha256})
        for start in range(0, len(plan.removed), 1000):  # DeleteObjects takes 1,000 keys a call
            batch = [{"Key": key} for key in plan.removed[start:start + 1000]]
            client.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
    except ClientError as error:
        raise PublishError(_client_message(error, bucket, endpoint)) from None
    except BotoCoreError as error:
        raise PublishError(f"连不上对象存储（{error}）：请检查 --endpoint 的地址和网络") from None
    say(f"已发布到 {target}：上传 {len(plan.uploads)} 个文件，删除 {len(plan.removed)} 个")
    return plan


def _listing(client, bucket: str, prefix: str) -> dict[str, str]:
    remote = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", ()):
            remote[item["Key"]] = item.get("ETag", "")
    return remote


def _stored_hash(client, bucket: str, key: str) -> str | None:
    return client.head_object(Bucket=bucket, Key=key).get("Metadata", {}).get(HASH_META)


def _client_message(error, bucket: str, endpoint: str | None) -> str:
    code = error.response.get("Error", {}).get("Code", "")
    if code in ("NoSuchBucket", "404"):
        return f"存储桶“{bucket}”不存在：请先在控制台建好，或检查存储桶名和 --endpoint（地域）"
    if code in ("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "403"):
        return (f"对象存储拒绝了访问（{code}）：请检查 AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY，"
                f"这把密钥要有这个存储桶的读写权限")
    return f"对象存储出错（{code or error}）。存储桶 {bucket}，地址 {endpoint or '默认'}"


def _report(plan: Plan, target: str, dry_run: bool, say: Callable[[str], None]) -> None:
    say(("试运行，不会改动任何文件。" if dry_run else "") + f"发布到 {target}：{plan.summary()}")
    if dry_run:
        for file in plan.new:
            say(f"  会上传（新）  {file.path}")
        for file in plan.changed:
            say(f"  会上传（改）  {file.path}")
        for key in plan.removed:
            say(f"  会删除        {key}")


# -- rsync -----------------------------------------------------------------


def publish_rsync(target: Target, site_dir: Path, *, dry_run: bool, delete: bool, say: Callable[[str], None]) -> None:
    """rsync by checksum, files world-readable on the server; files the site no longer has are
    deleted only where the last publish left its marker (which goes up with every publish)."""
    rsync = shutil.which("rsync")
    if rsync is None:
        raise PublishError("没有 rsync：用管理员身份运行 apt-get install rsync")
    marked = _marked(rsync, target)
    if delete and not marked:
        say(FIRST_TIME.format(target=target.text))
    command = [rsync, "--recursive", "--links", "--times", "--checksum", "--chmod=D755,F644", "--itemize-changes"]
    command += ["--delete"] if delete and marked else []
    command += ["--dry-run"] if dry_run else []
    with tempfile.TemporaryDirectory(prefix="sqb-publish-") as extra:
        Path(extra, MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        done = subprocess.run([*command, "--", f"{site_dir}/", f"{extra}/", target.text], check=False, capture_output=True,
                              text=True)
    if done.returncode != 0:
        raise PublishError(f"rsync 没有成功（{done.returncode}）：{done.stderr.strip()}。请检查目标地址、"
                           f"服务器上的文件夹和 ssh 登录")
    counts = {"新": 0, "改": 0, "删": 0}
    for line in done.stdout.splitlines():
        what, path = _itemized(line)
        if what and path != MARKER:
            counts[what] += 1
            if dry_run:
                say(f"  会{'删除' if what == '删' else '上传（' + what + '）'}  {path}")
    head = "试运行，不会改动任何文件。" if dry_run else "已发布"
    say(f"{head}到 {target.text}：新文件 {counts['新']} 个，有变化 {counts['改']} 个，删除 {counts['删']} 个")


def _marked(rsync: str, target: Target) -> bool:
    """Whether the last publish left its marker in ``target`` (asked over ssh for a remote one)."""
    if target.folder is not None:
        return (target.folder / MARKER).is_file()
    marker = target.text.rstrip("/") + "/" + MARKER
    done = subprocess.run([rsync, "--list-only", "--", marker], check=False, capture_output=True, text=True, timeout=120)
    if done.returncode in (0, 23):  # 23: no such file (a first publish)
        return done.returncode == 0
    raise PublishError(f"连不上 {target.text}（rsync {done.returncode}）：{done.stderr.strip()}。"
                       "请检查服务器地址、ssh 登录和服务器上的文件夹")


def _itemized(line: str) -> tuple[str, str]:
    """One line of ``rsync --itemize-changes``: ("新"|"改"|"删"|"", path)."""
    if line.startswith("*deleting"):
        return "删", line.split(None, 1)[1]
    flags, _, path = line.partition(" ")
    if len(flags) == 11 and flags[0] in "<>c" and flags[1] == "f":
        return ("新" if "+++++++" in flags else "改"), path
    return "", ""
