"""./sqb publish against a real S3 API served on a loopback port (moto's server: the same
HTTP requests Aliyun OSS, Tencent COS or MinIO get), and by rsync to a folder.

Asserted as a reader or an editor would notice: the first run uploads the whole sample; after
one article is edited and the site rebuilt, only the files that changed go up; a removed page
is deleted from the bucket; every object has its Content-Type and a Cache-Control that is long
only for fingerprinted names; a dry run says in Chinese what would change and changes nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from conftest import build
from moto.server import ThreadedMotoServer

from shequbao.build.sitefolder import record_built

SHEQUBAO = str(Path(sys.executable).with_name("shequbao"))
YEAR = "public, max-age=31536000, immutable"
KEYS = {"AWS_ACCESS_KEY_ID": "testing-key", "AWS_SECRET_ACCESS_KEY": "testing-secret", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(endpoint, monkeypatch):
    for key, value in KEYS.items():
        monkeypatch.setenv(key, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
                          aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"])
    name = f"paper-{os.urandom(4).hex()}"
    client.create_bucket(Bucket=name)
    return client, name


def run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([SHEQUBAO, "publish", *args], capture_output=True, text=True, env=env, timeout=600)


def objects(client, bucket: str, prefix: str = "") -> dict[str, str]:
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", ()):
            found[item["Key"]] = item["ETag"]
    return found


def site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_publish_to_object_storage_uploads_changes_only_and_deletes_removed_pages(sample, bucket, endpoint):
    client, name = bucket
    site = build(sample)
    target = f"s3://{name}/paper"

    first = run(target, "--endpoint", endpoint, "--site", str(site))
    assert first.returncode == 0, first.stderr
    stored = objects(client, name, "paper/")
    assert set(stored) == {f"paper/{f}" for f in site_files(site)} | {"paper/.shequbao-publish"}
    assert len(stored) > 300

    again = run(target, "--endpoint", endpoint, "--site", str(site))
    assert "上传 0 个文件，删除 0 个" in again.stdout

    # one article edited, one removed; the site rebuilt
    issue = sample / "content/issues/2025-11"
    edited = sorted(p for p in issue.glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\n（编者按：本文第二段的时间有更正。）\n", encoding="utf-8")
    removed = sorted(p for p in issue.glob("*.md"))[-1]
    removed.unlink()
    site = build(sample)
    before = {key: etag for key, etag in objects(client, name, "paper/").items()}

    dry = run(target, "--endpoint", endpoint, "--site", str(site), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "试运行，不会改动任何文件" in dry.stdout and "会删除" in dry.stdout and "会上传（改）" in dry.stdout
    assert objects(client, name, "paper/") == before  # nothing changed

    second = run(target, "--endpoint", endpoint, "--site", str(site))
    assert second.returncode == 0, second.stderr
    after = objects(client, name, "paper/")
    changed = {key for key in after if before.get(key) != after[key]}
    assert f"paper/issues/2025-11/{edited.stem}/index.html" in changed
    assert f"paper/issues/2025-11/{removed.stem}/index.html" not in after  # the removed page is gone
    assert set(after) == {f"paper/{f}" for f in site_files(site)} | {"paper/.shequbao-publish"}
    # only what the edit touched went up: its page, the pages listing it, feeds, search; no photo, no asset
    assert 0 < len(changed) < len(after) / 4, sorted(changed)
    assert not [key for key in changed if key.endswith((".webp", ".jpg", ".css"))]  # photos and styles stay
    uploaded = int(second.stdout.split("上传 ")[1].split(" 个")[0])
    assert uploaded == len(changed | (set(after) - set(before)))


def test_objects_carry_their_content_type_and_cache_control(sample, bucket, endpoint):
    client, name = bucket
    site = build(sample)
    done = run(f"s3://{name}/", "--endpoint", endpoint, "--site", str(site))
    assert done.returncode == 0, done.stderr
    keys = set(objects(client, name))

    def head(key: str) -> dict:
        return client.head_object(Bucket=name, Key=key)

    css = next(k for k in keys if k.startswith("assets/shequbao/shequbao.") and k.endswith(".css"))
    photo = next(k for k in keys if k.endswith(".webp") and "/images/" in k)
    fragment = next(k for k in keys if k.endswith(".pf_fragment"))
    wasm = next(k for k in keys if k.endswith(".pagefind"))
    expected = {
        "index.html": ("text/html; charset=utf-8", "no-cache"),
        "feed.xml": ("application/xml; charset=utf-8", "no-cache"),
        css: ("text/css; charset=utf-8", YEAR),
        photo: ("image/webp", YEAR),
        fragment: ("application/octet-stream", YEAR),
        wasm: ("application/octet-stream", "public, max-age=300"),
        "pagefind/2025/pagefind.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
        "pagefind/2025/pagefind-entry.json": ("application/json; charset=utf-8", "public, max-age=300"),
        "assets/stylesheets/paper.css": ("text/css; charset=utf-8", "public, max-age=300"),
    }
    for key, (content_type, cache) in expected.items():
        meta = head(key)
        assert (meta["ContentType"], meta["CacheControl"]) == (content_type, cache), key
        assert len(meta["Metadata"]["sha256"]) == 64


def test_publish_refuses_without_keys_or_a_built_site(sample, tmp_path, endpoint, monkeypatch):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY", raising=False)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>hi</p>", encoding="utf-8")
    record_built(site)
    no_keys = run("s3://paper-x/", "--endpoint", endpoint, "--site", str(site))
    assert no_keys.returncode == 1 and "AWS_ACCESS_KEY_ID" in no_keys.stderr and "Traceback" not in no_keys.stderr
    nothing = run("s3://paper-x/", "--site", str(tmp_path / "nothing"))
    assert nothing.returncode == 1 and "make site" in nothing.stderr
    missing_bucket = run("s3://no-such-bucket/", "--endpoint", endpoint, "--site", str(site), env_extra=KEYS)
    assert missing_bucket.returncode == 1 and "不存在" in missing_bucket.stderr


def test_publish_by_rsync_copies_changes_and_deletes_removed_files(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    (site / "a/index.html").write_text("<p>甲</p>", encoding="utf-8")
    record_built(site)
    target = tmp_path / "www"
    first = run(f"{target}/", "--site", str(site))
    assert first.returncode == 0, first.stderr
    assert (target / "a/index.html").read_text(encoding="utf-8") == "<p>甲</p>"
    assert oct((target / "a").stat().st_mode & 0o777) == "0o755"
    (site / "a/index.html").unlink()
    (site / "a").rmdir()
    (site / "index.html").write_text("<p>新首页</p>", encoding="utf-8")
    record_built(site)
    dry = run(f"{target}/", "--site", str(site), "--dry-run")
    assert "会删除" in dry.stdout and "会上传（改）  index.html" in dry.stdout
    assert (target / "a/index.html").exists()
    second = run(f"{target}/", "--site", str(site))
    assert second.returncode == 0 and not (target / "a").exists()
    assert (target / "index.html").read_text(encoding="utf-8") == "<p>新首页</p>"


def test_a_first_publish_to_a_prefix_deletes_nothing_there(tmp_path, bucket, endpoint):
    """A bucket that holds other things under the prefix (the office's scanned forms): the first
    publish leaves them and its marker; only a later publish to that prefix cleans up."""
    client, name = bucket
    client.put_object(Bucket=name, Key="paper/扫描件/2024年居民公约.pdf", Body=b"%PDF-1.4 office scan")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>梧桐社区报</h1>", encoding="utf-8")
    record_built(site)
    first = run(f"s3://{name}/paper", "--endpoint", endpoint, "--site", str(site))
    assert first.returncode == 0, first.stderr
    assert "只复制，不删除任何文件" in first.stdout and "删除 0 个" in first.stdout
    stored = objects(client, name, "paper/")
    assert "paper/扫描件/2024年居民公约.pdf" in stored and "paper/.shequbao-publish" in stored
    again = run(f"s3://{name}/paper", "--endpoint", endpoint, "--site", str(site))
    assert "删除 1 个" in again.stdout and "paper/.shequbao-publish" in objects(client, name, "paper/")
    assert "paper/扫描件/2024年居民公约.pdf" not in objects(client, name, "paper/")


def test_an_endpoint_without_a_scheme_is_taken_as_https_and_said(tmp_path, bucket, endpoint):
    client, name = bucket
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>梧桐社区报</h1>", encoding="utf-8")
    record_built(site)
    host = endpoint.removeprefix("http://")
    done = run(f"s3://{name}/", "--endpoint", host, "--site", str(site), env_extra={"AWS_MAX_ATTEMPTS": "1"})
    assert f"按 https://{host} 连接" in done.stdout  # moto speaks http: the https connection fails, in Chinese
    assert done.returncode == 1 and "连不上对象存储" in done.stderr and "Traceback" not in done.stderr
