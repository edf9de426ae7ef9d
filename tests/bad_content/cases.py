"""The bad-content cases: each writes a few files into a copy of tests/fixtures/mini and
says which problems the check and the build must report (file, line, field, words of the
message). Every case writes files of its own, so all of them can also be broken at once.

Texts are made up for these tests (nothing is copied from the corpus).
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Union

from PIL import Image

May = "issues/2023-05"  # the mini paper's issue with pages 1 (要闻) and 2 (社区)
TITLE = "title: 社区开展敬老活动"
BODY = "本报讯 5月8日上午，居委会干部和志愿者走访辖区高龄老人，送去慰问品。"

FileMaker = Callable[[Path, Path], None]  # (path of the file, the site folder)
Content = Union[str, bytes, FileMaker]


@dataclass(frozen=True)
class Expect:
    """One problem the editor must be told about (``path`` relative to content/)."""

    path: str
    line: int | None
    field: str
    words: str  # part of the message
    severity: str = "error"

    @property
    def place(self) -> str:
        """``issues/x/a.md:3: page:`` as printed before the message."""
        where = self.path + (f":{self.line}" if self.line else "")
        return where + (f": {self.field}:" if self.field else ":")


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, Content]
    expect: tuple[Expect, ...]
    stage: str = "load"  # load: `shequbao check` finds it too; photos: only the build (decoding photos)
    combine: bool = True  # can be broken together with every other combinable case

    def write(self, site: Path) -> None:
        for rel, content in self.files.items():
            path = site / "content" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if callable(content):
                content(path, site)
            elif isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")


def md(*front: str, body: str = BODY) -> str:
    return "---\n" + "".join(f"{line}\n" for line in front) + "---\n\n" + body + "\n"


def photo_md(src: str, *, caption: str = "活动现场") -> str:
    """An article whose only photo (line 5) is ``src``."""
    return md(TITLE, "page: 1", "images:", f"  - {{src: '{src}', caption: {caption}, credit: 孙涛}}")


def a(slug: str) -> str:
    return f"{May}/{slug}.md"


def err(slug_or_path: str, line: int | None, field: str, words: str, severity: str = "error") -> Expect:
    top = slug_or_path.endswith((".yml", ".md", ".txt"))  # a file at the top of content/
    path = slug_or_path if "/" in slug_or_path or top else a(slug_or_path)
    return Expect(path, line, field, words, severity)


# -- photo files ----------------------------------------------------------------------


def jpeg_bytes(size=(400, 300), colour=(90, 120, 90)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG of a few bytes whose header claims ``width``×``height`` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def link_outside(name: str) -> FileMaker:
    """A symlink in the issue's images/ to a real photo outside content/ (e.g. someone's home folder)."""
    def make(path: Path, site: Path) -> None:
        secret = site / "outside" / name
        secret.parent.mkdir(parents=True, exist_ok=True)
        secret.write_bytes(jpeg_bytes(colour=(200, 40, 40)))
        path.symlink_to(secret)
    return make


def issue_yml(number: int, date: str, extra: str = "") -> str:
    return f"number: {number}\ndate: {date}\n{extra}pages:\n  - {{page: 1, name: 要闻}}\n"


GBK_ARTICLE = md(TITLE, "page: 1").encode("gbk")
SECRET = "SQB-SECRET-7c1e"  # written into every file outside content/: it must never reach site/


def symlink(target: str | None, *, folder: bool = False, content: str = "") -> FileMaker:
    """A symlink to ``target`` (``/proc/…`` as it is; a name: made outside content/ with SECRET in it;
    None: a link to nothing)."""
    def make(path: Path, site: Path) -> None:
        if target is None:
            path.symlink_to(site / "outside" / "gone.md")
            return
        dest = Path(target) if target.startswith("/") else site / "outside" / target
        if not target.startswith("/"):
            if folder:
                dest.mkdir(parents=True, exist_ok=True)
                (dest / "issue.yml").write_text(issue_yml(30, "2023-09-20") + f"title: {SECRET}\n", encoding="utf-8")
                (dest / "mimi.md").write_text(md(f"title: {SECRET}", "page: 1", body=SECRET), encoding="utf-8")
            else:
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(content or md(f"title: {SECRET}", "page: 1", body=SECRET), encoding="utf-8")
        path.symlink_to(dest, target_is_directory=folder)
    return make


def fifo(path: Path, site: Path) -> None:
    os.mkfifo(path)


def folder(path: Path, site: Path) -> None:
    path.mkdir()
    (path / "note.txt").write_text("文件夹", encoding="utf-8")


def exif_jpeg(path: Path, site: Path) -> None:
    """A photo with a camera's GPS position, a JPEG comment and an XMP packet."""
    image = Image.new("RGB", (64, 48), (90, 120, 90))
    exif = Image.Exif()
    exif[0x010F] = "SQB-Camera"
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 1.0), 3: "E", 4: (121.0, 28.0, 2.0)}
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>{SECRET}</rdf:RDF></x:xmpmeta>'.encode()
    image.save(path, "JPEG", exif=exif, comment=SECRET.encode(), xmp=xmp)


def bomb(depth: int = 9, width: int = 9) -> str:
    """A billion-laughs alias bomb (9 levels of 9: 387 million strings when expanded)."""
    lines = ['a0: &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    for n in range(1, depth):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"

# -- the cases ------------------------------------------------------------------------

CASES: list[Case] = [
    # YAML that does not parse
    Case("tab-indent", {a("tab"): md(TITLE, "\tpage: 1")}, (err("tab", 3, "", "Tab 缩进，请改用空格"),)),
    Case("unclosed-quote", {a("yinhao"): md("title: '社区开展敬老活动", "page: 1")},
         (err("yinhao", 2, "", "引号没有成对"),)),
    Case("front-matter-not-closed", {a("weijieshu"): f"---\n{TITLE}\npage: 1\n\n{BODY}\n"},
         (err("weijieshu", 1, "", "在字段之后、正文之前加一行 ---"),)),
    Case("no-front-matter", {a("meiyou"): f"社区开展敬老活动\n\n{BODY}\n"}, (err("meiyou", 1, "", "第一行应当是 ---"),)),
    Case("empty-file", {a("kong"): ""}, (err("kong", 1, "", "没有 front matter"),)),
    Case("fullwidth-colon", {a("quanjiao"): md("title：社区开展敬老活动", "page: 1")},
         (err("quanjiao", 2, "title", "全角冒号“：”，请改成半角冒号加空格"),)),
    Case("nul-byte", {a("kongzifu"): md("title: 社区开展\x00敬老活动", "page: 1")},
         (err("kongzifu", 2, "", "看不见的控制字符"),)),
    Case("duplicate-yaml-key", {a("chongfu"): md(TITLE, "page: 1", "title: 另一个标题")},
         (err("chongfu", 4, "title", "写了两次（第2行和第4行），请删掉其中一个"),)),
    Case("python-tag", {a("biaoqian"): md("title: !!python/object/apply:os.system [ls]", "page: 1")},
         (err("biaoqian", 2, "", "YAML 格式错误"),)),
    # fields
    Case("unknown-field-did-you-mean", {a("cuozi"): md(TITLE, "page: 1", "reporter: [郑爽]")},
         (err("cuozi", 4, "reporter", "不认识的字段“reporter”，是不是想写 reporters？"),)),
    Case("title-a-list", {a("liebiao"): md("title: [社区, 敬老]", "page: 1")},
         (err("liebiao", 2, "title", "应当是一行文字，这里是列表"),)),
    Case("title-only-spaces", {a("kongge"): md("title: '   '", "page: 1")}, (err("kongge", 2, "title", "不能为空"),)),
    Case("page-a-string", {a("banci"): md(TITLE, "page: 第一版")}, (err("banci", 3, "page", "应当是正整数，例如 page: 1"),)),
    Case("page-a-fraction", {a("xiaoshu"): md(TITLE, "page: 1.5")}, (err("xiaoshu", 3, "page", "这里是“1.5”"),)),
    Case("page-missing", {a("queban"): md(TITLE)}, (err("queban", None, "page", "缺少这个字段"),)),
    Case("unknown-page", {a("diwuban"): md(TITLE, "page: 5")},
         (err("diwuban", 3, "page", "这一期没有第5版（issue.yml 里有：1、2），请改 page"),)),
    Case("unknown-kind", {a("shipin"): md(TITLE, "page: 1", "kind: video")},
         (err("shipin", 4, "kind", "不是可用的类型，请写 news"),)),
    Case("draft-not-bool", {a("caogao"): md(TITLE, "page: 1", "draft: 是")},
         (err("caogao", 4, "draft", "应当是 true 或 false"),)),
    Case("photo-item-without-photo", {a("tupian"): md("kind: photo", "page: 2")},
         (err("tupian", None, "images", "至少要有一张图片"),)),
    # dates
    Case("impossible-date", {a("riqi"): md(TITLE, "page: 1", "date: 2012-02-30")},
         (err("riqi", 4, "date", "“2012-02-30”不是有效日期，请写成 YYYY-MM-DD"),)),
    Case("date-in-words", {a("hanzi-riqi"): md(TITLE, "page: 1", "date: 五月八日")},
         (err("hanzi-riqi", 4, "date", "请写成 YYYY-MM-DD"),)),
    Case("date-without-zeros", {a("duan-riqi"): md(TITLE, "page: 1", "date: 2023-5-8")},
         (err("duan-riqi", 4, "date", "“2023-5-8”不是有效日期"),)),
    Case("date-far-from-issue", {a("jiu"): md(TITLE, "page: 1", "date: 2021-05-08")},
         (err("jiu", 4, "date", "超过 90 天，请确认没有写错", "warning"),)),
    # bylines
    Case("role-word-in-name", {a("jizhe"): md(TITLE, "page: 1", "reporters: [记者郑爽]")},
         (err("jizhe", 4, "reporters[1]", "带了“记者”：身份由网站自动加上，这里只写姓名"),)),
    Case("role-word-of-another-field", {a("tongxunyuan"): md(TITLE, "page: 1", "reporters: [郑爽, 通讯员何建国]")},
         (err("tongxunyuan", 4, "reporters[2]", "写在 correspondents 字段里"),)),
    Case("two-names-in-one", {a("liangren"): md(TITLE, "page: 1", "reporters: [郑爽、何建国]")},
         (err("liangren", 4, "reporters[1]", "多个人请分开写成列表"),)),
    # encodings
    Case("gbk-article", {a("gbk"): GBK_ARTICLE},
         (err("gbk", 2, "", "看起来是 GBK 编码（中文 Windows 的默认编码）。请用编辑器“另存为 UTF-8”，或运行 iconv -f GBK -t UTF-8"),)),
    Case("gbk-issue-yml", {"issues/2023-09/issue.yml": "number: 9\ndate: 2023-09-20\npages:\n  - {page: 1, name: 要闻}\n".encode("gbk")},
         (err("issues/2023-09/issue.yml", 4, "", "GBK 编码"),)),
    # files and folders
    Case("duplicate-slugs", {a("yi-zhen"): md(TITLE, "page: 2")},  # 义诊.md is published as yi-zhen too
         (err("义诊", None, "", "和 issues/2023-05/yi-zhen.md 的网址相同（yi-zhen），请给其中一篇改个文件名"),)),
    Case("article-outside-issue", {"issues/sanluo.md": md(TITLE, "page: 1")},
         (err("issues/sanluo.md", None, "", "要放在某一期的文件夹里"),)),
    Case("article-in-subfolder", {f"{May}/jiu/wenzhang.md": md(TITLE, "page: 1")},
         (err(f"{May}/jiu/wenzhang.md", None, "", "不能放在子文件夹中"),)),
    Case("issue-folder-name", {"issues/2023年10月/issue.yml": issue_yml(10, "2023-10-20")},
         (err("issues/2023年10月", None, "", "只能用小写字母、数字和连字符"),)),
    # issue.yml
    Case("issue-yml-missing", {"issues/2023-07/xinwen.md": md(TITLE, "page: 1")},
         (err("issues/2023-07/issue.yml", None, "", "缺少 issue.yml：写上 number"),)),
    Case("issue-yml-broken", {"issues/2023-08/issue.yml": "number: 10\n  date: 2023-08-20\n"},
         (err("issues/2023-08/issue.yml", 2, "", "YAML 格式错误"),)),
    Case("issue-yml-empty", {"issues/2023-11/issue.yml": ""},
         (err("issues/2023-11/issue.yml", None, "", "应当是“字段: 值”的形式"),)),
    Case("issue-impossible-date", {"issues/2023-12/issue.yml": issue_yml(12, "2023-02-30")},
         (err("issues/2023-12/issue.yml", 2, "date", "不是有效日期"),)),
    Case("issue-page-twice", {"issues/2024-01/issue.yml": issue_yml(13, "2024-01-20", "")
                              + "  - {page: 1, name: 社区}\n"},
         (err("issues/2024-01/issue.yml", 5, "pages[2].page", "第1版写了两次"),)),
    Case("duplicate-issue-number", {"issues/2024-02/issue.yml": issue_yml(8, "2024-02-20")},
         (err("issues/2024-02/issue.yml", 1, "number", "和 issues/2023-06/issue.yml 的期号重复了"),)),
    # photos the loader refuses
    Case("photo-missing", {a("queshi"): photo_md("images/queshi.jpg")},
         (err("queshi", 5, "images[1].src", "找不到图片文件 issues/2023-05/images/queshi.jpg"),)),
    Case("photo-outside-issue", {a("yuejie"): photo_md("../../etc/passwd")},
         (err("yuejie", 5, "images[1].src", "不在这一期的文件夹里，请把它放进 issues/2023-05/images/"),)),
    Case("photo-absolute-path", {a("juedui"): photo_md("/etc/passwd")},
         (err("juedui", 5, "images[1].src", "不在这一期的文件夹里"),)),
    Case("photo-symlink-outside", {f"{May}/images/lianjie.jpg": link_outside("a.jpg"), a("lianjie"): photo_md("images/lianjie.jpg")},
         (err("lianjie", 5, "images[1].src", "不在这一期的文件夹里"), err(f"{May}/images/lianjie.jpg", None, "", "符号链接"))),
    Case("photo-not-a-photo-format", {f"{May}/images/wendang.pdf": b"%PDF-1.4", a("wendang"): photo_md("images/wendang.pdf")},
         (err("wendang", 5, "images[1].src", "不是支持的图片格式"),)),
    # photo names that break addresses (issue 30): refused with the name to use
    Case("photo-name-hash", {f"{May}/images/3#楼.jpg": jpeg_bytes(), a("sanhaolou"): photo_md("images/3#楼.jpg")},
         (err("sanhaolou", 5, "images[1].src", "照片文件名“3#楼.jpg”里有“#”，在网址里有别的意思，网页上的照片会打不开：请把照片改名为 3-楼.jpg，这里写成 images/3-楼.jpg"),)),
    Case("photo-name-question-mark", {f"{May}/images/huodong?.jpg": jpeg_bytes(), a("huodong-wenhao"): photo_md("images/huodong?.jpg")},
         (err("huodong-wenhao", 5, "images[1].src", "请把照片改名为 huodong.jpg"),)),
    Case("photo-name-percent", {f"{May}/images/100%.jpg": jpeg_bytes(), a("baifenbai"): photo_md("images/100%.jpg")},
         (err("baifenbai", 5, "images[1].src", "里有“%”"),)),
    Case("photo-backslash", {f"{May}/images/yexun.jpg": jpeg_bytes(), a("yexun"): photo_md("images\\yexun.jpg")},
         (err("yexun", 5, "images[1].src", "里用了反斜杠 \\：请用 / 分隔，写成 images/yexun.jpg"),)),
    Case("body-photo-name-hash", {f"{May}/images/2#楼.jpg": jpeg_bytes(),
                                  a("zhengwen-jinghao"): md(TITLE, "page: 1", body=f"{BODY}\n\n![现场](images/2#楼.jpg)")},
         (err("zhengwen-jinghao", 8, "正文", "请把照片改名为 2-楼.jpg"),), stage="photos"),
    Case("body-photo-name-escaped-percent", {f"{May}/images/50%.jpg": jpeg_bytes(),
                                             a("zhengwen-baifen"): md(TITLE, "page: 1", body=f"{BODY}\n\n![现场](images/50%25.jpg)")},
         (err("zhengwen-baifen", 8, "正文", "请把照片改名为 50.jpg"),), stage="photos"),
    Case("body-photo-backslash", {f"{May}/images/yexun2.jpg": jpeg_bytes(),
                                  a("zhengwen-fanxiegang"): md(TITLE, "page: 1", body=f"{BODY}\n\n![现场](images\\yexun2.jpg)")},
         (err("zhengwen-fanxiegang", 8, "正文", "请用 / 分隔，写成 images/yexun2.jpg"),), stage="photos"),
    # photos only decoding finds (the build's photo step)
    Case("photo-corrupt", {f"{May}/images/sunhuai.jpg": jpeg_bytes()[:700], a("sunhuai"): photo_md("images/sunhuai.jpg")},
         (err("sunhuai", 5, "images[1].src", "不完整或已损坏"),), stage="photos"),
    Case("photo-decompression-bomb", {f"{May}/images/zhadan.png": bomb_png(), a("zhadan"): photo_md("images/zhadan.png")},
         (err("zhadan", 5, "images[1].src", "太大（100000×100000 像素），超过上限"),), stage="photos"),
    Case("photo-zero-bytes", {f"{May}/images/kongtu.jpg": b"", a("kongtu"): photo_md("images/kongtu.jpg")},
         (err("kongtu", 5, "images[1].src", "是空的（0 字节），请重新拷贝这张照片"),), stage="photos"),
    Case("photo-text-file", {f"{May}/images/wenben.jpg": "这不是照片", a("wenben"): photo_md("images/wenben.jpg")},
         (err("wenben", 5, "images[1].src", "不是图片文件（无法识别）"),), stage="photos"),
    Case("body-photo-outside", {a("zhengwen-yuejie"): md(TITLE, "page: 1", body=f"{BODY}\n\n![现场](../../../etc/passwd.jpg)")},
         (err("zhengwen-yuejie", 8, "正文", "不在这一期的文件夹里"),), stage="photos"),
    Case("body-photo-symlink-outside", {f"{May}/images/lianjie2.jpg": link_outside("b.jpg"),
                                        a("zhengwen-lianjie"): md(TITLE, "page: 1", body=f"{BODY}\n\n![现场](images/lianjie2.jpg)")},
         (err(f"{May}/images/lianjie2.jpg", None, "", "符号链接"),)),  # the loader stops it before any photo is read
    # what leaves content/ (issue 21): links, special files, folders, hidden files, assets/
    Case("symlink-to-environ", {"env.txt": symlink("/proc/self/environ")}, (err("env.txt", None, "", "符号链接"),)),
    Case("symlink-article-outside", {a("wailai"): symlink("wailai.md")}, (err("wailai", None, "", "符号链接"),)),
    Case("symlink-issue-outside", {"issues/2024-09": symlink("qi", folder=True)},
         (err("issues/2024-09", None, "", "符号链接"),)),
    Case("symlink-in-assets", {"assets/zhengshu.pdf": symlink("/etc/hostname")}, (err("assets/zhengshu.pdf", None, "", "符号链接"),)),
    Case("symlink-broken", {a("duanlian"): symlink(None)}, (err("duanlian", None, "", "指向的文件不存在"),)),
    Case("article-a-fifo", {a("guandao"): fifo}, (err("guandao", None, "", "命名管道（FIFO）"),)),
    Case("article-a-folder", {a("wenjianjia"): folder}, (err("wenjianjia", None, "", "这是一个文件夹，不是文章"),)),
    Case("dot-file-article", {a(".yincang"): md(TITLE, "page: 1")}, (err(".yincang", None, "", "以点开头"),)),
    Case("svg-in-assets", {"assets/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'},
         (err("assets/logo.svg", None, "", "不发布 SVG"),)),
    Case("exif-photo-in-assets", {"assets/zhaopian.jpg": exif_jpeg}, (err("assets/zhaopian.jpg", None, "", "拍摄信息（EXIF"),)),
    Case("text-file-too-large", {a("taida"): md(TITLE, "page: 1", body="居民" * 2_200_000)},
         (err("taida", None, "", "文件太大"),)),
    # YAML that would stall or crash the build
    Case("alias-bomb-article", {a("zhadan-yaml"): md(TITLE, "page: 1", *bomb().splitlines())},
         (err("zhadan-yaml", 5, "", "不能用别名（*a0）"),)),
    Case("alias-bomb-issue-yml", {"issues/2023-10/issue.yml": issue_yml(31, "2023-10-20") + bomb()},
         (err("issues/2023-10/issue.yml", 6, "", "不能用别名"),)),
    Case("alias-recursive", {a("digui"): md(TITLE, "page: 1", "images: &x [*x]")}, (err("digui", 4, "", "不能用别名（*x）"),)),
    Case("yaml-too-deep", {a("taishen"): md(TITLE, "page: 1", "images: " + "[" * 40 + "]" * 40)},
         (err("taishen", 4, "", "嵌套太深"),)),
    Case("yaml-too-many-nodes", {"issues/2025-01/issue.yml": issue_yml(33, "2023-12-20") + "total: [" + "0, " * 100_001 + "0]\n"},
         (err("issues/2025-01/issue.yml", 5, "", "YAML 太大"),)),
    Case("null-key", {a("kongjian"): md(TITLE, "page: 1", "null: 1")}, (err("kongjian", 4, "null", "字段名不能是“null”"),)),
    Case("true-key", {a("zhenjian"): md(TITLE, "page: 1", "true: 1")}, (err("zhenjian", 4, "true", "字段名不能是“true”"),)),
    Case("number-key", {a("shuzijian"): md(TITLE, "page: 1", "2: 第二版")}, (err("shuzijian", 4, "2", "YAML 把它读成了数字"),)),
    # control characters and noncharacters: refused in fields, taken out of bodies
    Case("control-character-in-title", {a("kongzhi"): md('title: "社区\\x07开展活动"', "page: 1")},
         (err("kongzhi", 2, "title", "控制字符或非字符（编码 U+0007）"),)),
    Case("noncharacter-in-name", {a("feizifu"): md(TITLE, "page: 1", "reporters: [郑\ufdd0爽]")},
         (err("feizifu", 4, "reporters[1]", "编码 U+FDD0"),)),
    Case("noncharacter-in-issue-title", {"issues/2024-03/issue.yml": issue_yml(34, "2024-03-20", 'title: "特刊\\uFFFE"\n')},
         (err("issues/2024-03/issue.yml", 3, "title", "编码 U+FFFE"),)),
    Case("control-character-in-body", {a("zhengwen-kongzhi"): md(TITLE, "page: 1", body=f"{BODY}\n\n居民\x0b反映\x1b情况。")},
         (err("zhengwen-kongzhi", 8, "正文", "控制字符（编码 U+000B），网站已去掉它", "warning"),)),
    # dates: strictly YYYY-MM-DD between 1949 and 2099, with a suggestion when the intent is clear
    Case("date-with-slashes", {a("xiexian"): md(TITLE, "page: 1", "date: 2023/5/8")},
         (err("xiexian", 4, "date", "是不是 2023-05-08？"),)),
    Case("date-in-chinese", {a("nianyueri"): md(TITLE, "page: 1", "date: 2023年5月8日")},
         (err("nianyueri", 4, "date", "是不是 2023-05-08？"),)),
    Case("date-without-dashes", {a("lianxie"): md(TITLE, "page: 1", "date: 20230508")},
         (err("lianxie", 4, "date", "“20230508”不是有效日期，请写成 YYYY-MM-DD"),)),
    Case("date-iso-week", {a("zhouri"): md(TITLE, "page: 1", "date: 2023-W19-1")}, (err("zhouri", 4, "date", "“2023-W19-1”不是有效日期"),)),
    Case("issue-year-typo-1025", {"issues/2024-04/issue.yml": issue_yml(35, "1025-04-20")},
         (err("issues/2024-04/issue.yml", 2, "date", "年份 1025 不在 1949–2099 年之间"),)),
    Case("issue-year-typo-2205", {"issues/2024-05/issue.yml": issue_yml(36, "2205-05-20")},
         (err("issues/2024-05/issue.yml", 2, "date", "年份 2205 不在 1949–2099 年之间"),)),
    Case("issue-year-past-lunar-calendar", {"issues/2024-06/issue.yml": issue_yml(37, "2105-09-25")},
         (err("issues/2024-06/issue.yml", 2, "date", "年份 2105"),)),
    # reserved names
    Case("issue-folder-page", {"issues/page/issue.yml": issue_yml(38, "2024-07-20")},
         (err("issues/page", None, "", "期的文件夹名不能叫“page”"),)),
    Case("issue-folder-index", {"issues/index/issue.yml": issue_yml(39, "2024-08-20")},
         (err("issues/index", None, "", "期的文件夹名不能叫“index”"),)),
    Case("page-named-like-the-site", {"people.md": "---\ntitle: 作者们\n---\n\n作者。\n"},
         (err("people.md", None, "", "和网站自己的网址 /people/ 重名"),)),
    # bodies Markdown cannot render in bounded time
    Case("lists-nested-500-deep", {a("qiantao"): md(TITLE, "page: 1", body="".join("    " * n + "- 居民\n" for n in range(500)))},
         (err("qiantao", 18, "正文", "嵌套太深"),)),
    Case("tildes-80-kb", {a("boliang"): md(TITLE, "page: 1", body="~~x" * 26_000)}, (err("boliang", 6, "正文", "个“[”或“~~”符号"),)),
    Case("open-links-80-kb", {a("kuohao"): md(TITLE, "page: 1", body="[x](" * 20_000)}, (err("kuohao", 6, "正文", "请把它分成几段"),)),
    # the editors' own pages are checked like articles
    Case("page-alias-bomb", {"about.md": "---\n" + bomb() + "title: 关于\n---\n\n关于本报。\n"},
         (err("about.md", 3, "", "不能用别名"),), combine=False),
    Case("home-broken-front-matter", {"index.md": "---\ntitle: 梧桐里: 首页\n---\n\n首页。\n"},
         (err("index.md", 2, "", "YAML 格式错误"),), combine=False),
    Case("page-unknown-field", {"about.md": "---\ntitel: 关于\n---\n\n关于本报。\n"},
         (err("about.md", 2, "titel", "不认识的字段“titel”，是不是想写 title？"),), combine=False),
    Case("svg-in-body", {f"{May}/images/tubiao.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                         a("shiliang"): md(TITLE, "page: 1", body=f"{BODY}\n\n![图标](images/tubiao.svg)")},
         (err("shiliang", 8, "正文", "不用 SVG 图片"),), stage="photos"),
    # raw HTML: removed (sanitised), each removal a warning with file and line (a strict build fails)
    Case("html-script", {a("jiaoben"): md(TITLE, "page: 1", body=f"{BODY}\n\n<script>alert('x')</script>")},
         (err("jiaoben", 8, "正文", "去掉了 <script> 标签及其内容", "warning"),), stage="html"),
    Case("html-iframe", {a("neiqian"): md(TITLE, "page: 1", body=f"{BODY}\n\n<iframe src=\"https://example.com/\"></iframe>")},
         (err("neiqian", 8, "正文", "<iframe> 标签", "warning"),), stage="html"),
    Case("html-onerror", {a("shijian"): md(TITLE, "page: 1", body=f"{BODY}\n\n<p onclick=\"alert(1)\">点我</p>")},
         (err("shijian", 8, "正文", "onclick 属性事件处理（脚本）", "warning"),), stage="html"),
    Case("html-javascript-link", {a("weilianjie"): md(TITLE, "page: 1", body=f"{BODY}\n\n[点我](javascript:alert(1))")},
         (err("weilianjie", 8, "正文", "javascript:alert(1)", "warning"),), stage="html"),
    Case("html-meta-refresh", {a("tiaozhuan"): md(TITLE, "page: 1", body=f"{BODY}\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://example.com/\">")},
         (err("tiaozhuan", 8, "正文", "<meta> 标签", "warning"),), stage="html"),
    Case("html-tracker-image", {a("genzong"): md(TITLE, "page: 1", body=f"{BODY}\n\n![](https://tracker.example.com/p.gif)")},
         (err("genzong", 8, "正文", "外网图片 https://tracker.example.com/p.gif", "warning"),), stage="html"),
    Case("html-style-background", {a("beijing"): md(TITLE, "page: 1", body=f"{BODY}\n\n<div style=\"background-image:url(images/dianti.jpg)\">背景</div>")},
         (err("beijing", 8, "正文", "style 属性", "warning"),), stage="html"),
    Case("html-attachment-link", {a("fujian"): md(TITLE, "page: 1", body=f"{BODY}\n\n<a rel=attachment href=../2023-05/>附件</a>")},
         (err("fujian", 8, "正文", "rel 属性", "warning"),), stage="html"),
    # people.yml (one file for the paper: these cases cannot be combined)
    Case("people-yml-tab", {"people.yml": "郑爽:\n\ttitle: 本报记者\n"}, (err("people.yml", 2, "", "Tab"),), combine=False),
    Case("people-yml-gbk", {"people.yml": "郑爽:\n  title: 本报记者\n".encode("gbk")}, (err("people.yml", 2, "", "GBK"),),
         combine=False),
    Case("people-yml-unknown-field", {"people.yml": "郑爽:\n  titel: 本报记者\n"},
         (err("people.yml", 2, "郑爽.titel", "不认识的字段“titel”"),), combine=False),
    Case("people-yml-role-word", {"people.yml": "记者郑爽:\n  title: 本报记者\n"},
         (err("people.yml", 1, "记者郑爽", "带了“记者”"),)),
    Case("people-yml-alias-bomb", {"people.yml": bomb()}, (err("people.yml", 2, "", "不能用别名"),), combine=False),
    Case("people-yml-slug-index", {"people.yml": "郑爽:\n  slug: index\n"},
         (err("people.yml", 2, "郑爽.slug", "slug 不能叫“index”"),), combine=False),
    Case("people-yml-null-key", {"people.yml": "null:\n  title: 本报记者\n"}, (err("people.yml", 1, "null", "字段名不能是“null”"),),
         combine=False),
]

# Accepted as they are: a BOM, Windows line endings, both, and a photo named with a space.
GOOD_FILES: dict[str, Content] = {
    a("bom"): "\ufeff" + md("title: 带BOM的稿件", "page: 2", "kind: brief"),
    a("crlf"): md("title: Windows换行的稿件", "page: 2", "kind: brief").replace("\n", "\r\n"),
    a("bom-crlf"): ("\ufeff" + md("title: 两样都有的稿件", "page: 2", "kind: brief")).replace("\n", "\r\n"),
    a("old-mac"): md("title: 旧式换行的稿件", "page: 2", "kind: brief").replace("\n", "\r"),
    f"{May}/images/活动 现场.jpg": jpeg_bytes(colour=(40, 90, 160)),
    a("kongge-tupian"): md("title: 照片文件名有空格", "page: 1", "images:",
                           "  - {src: 'images/活动 现场.jpg', caption: 文件名里有空格和中文, credit: 孙涛}",
                           body=f"{BODY}\n\n![正文里的同一张照片](<images/活动 现场.jpg>)\n\n![百分号写法](images/活动%20现场.jpg)"),
}

# The raw-HTML cases' files, for a build of all of them at once (tests/test_hostile.py).
HTML_CASES_FILES: dict[str, str] = {rel: content for case in CASES if case.stage == "html" for rel, content in case.files.items()}
