"""A photo file name that does not exist: “是不是 huayuan.jpg？” and the photos that folder has,
from the loader (``images[N].src``) and from the check of photos in article texts."""

from __future__ import annotations

from shequbao.cli.main import main
from shequbao.content.hints import missing_photo_message


def test_the_closest_name_and_the_folder_listing(tmp_path):
    images = tmp_path / "2025-11/images"
    images.mkdir(parents=True)
    for name in ("jiaozi-yan.jpg", "laoshu.jpg", "notes.txt"):
        (images / name).write_bytes(b"x")
    message = missing_photo_message("issues/2025-11/images/jiaozi-yang.jpg", images / "jiaozi-yang.jpg")
    assert message == ("找不到图片文件 issues/2025-11/images/jiaozi-yang.jpg，请检查文件名（区分大小写）。"
                       "是不是 jiaozi-yan.jpg？2025-11/images/ 里有：jiaozi-yan.jpg、laoshu.jpg")
    assert "是不是 jiaozi-yan.jpg？" in missing_photo_message("x", images / "Jiaozi-Yan.JPG")  # case differs
    nothing_close = missing_photo_message("x", images / "dianti.jpg")
    assert "是不是" not in nothing_close and "里有：jiaozi-yan.jpg、laoshu.jpg" in nothing_close
    assert "还没有 images/ 文件夹" in missing_photo_message("x", tmp_path / "2025-12/images/a.jpg")


def test_check_suggests_the_photo_meant_in_front_matter(mini, capsys, monkeypatch):
    article = mini / "content/issues/2023-05/huayuan.md"
    article.write_text(article.read_text(encoding="utf-8").replace("src: images/huayuan.jpg", "src: images/huayaun.jpg"),
                       encoding="utf-8")
    monkeypatch.chdir(mini)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "huayuan.md:6: images[1].src: 找不到图片文件 issues/2023-05/images/huayaun.jpg" in err
    assert "是不是 huayuan.jpg？2023-05/images/ 里有：dianti.jpg、huayuan.jpg" in err


def test_the_body_image_check_suggests_the_photo_meant(mini):
    from shequbao.content.load import load_archive
    from shequbao.model import Paper
    from shequbao.photos import collect_refs

    article = mini / "content/issues/2023-05/jiazhuang-dianti.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n![楼道](images/diantii.jpg)\n", encoding="utf-8")
    archive, _ = load_archive(mini / "content", Paper(name="梧桐里"))
    _, problems = collect_refs(archive, mini / "content")
    [problem] = problems
    assert (problem.path, problem.field) == ("issues/2023-05/jiazhuang-dianti.md", "正文") and problem.line
    assert "是不是 dianti.jpg？2023-05/images/ 里有：dianti.jpg、huayuan.jpg" in problem.message
