"""Plain-text and saved-web-page reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.readers.base import Unreadable
from tests.support.readers_files import read

REPORT = "2023年东关镇法治政府建设工作报告\r\n一、总体情况\r\n全镇组织普法宣传活动共 19 次，发放资料5000余份。\r\n\r\n"
LINES = ["2023年东关镇法治政府建设工作报告", "一、总体情况", "全镇组织普法宣传活动共19次，发放资料5000余份。"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_encodings_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(REPORT.encode(encoding))
    doc = read(path)
    assert doc.text.split("\n") == LINES
    assert doc.format == "txt"
    assert doc.pages is None and doc.page_at(5) is None
    assert [h.text for h in doc.headings] == ["一、总体情况"]


def test_big5_is_not_read_as_gbk_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("東關鎮法治政府建設工作報告：全鎮組織普法宣傳活動共19次。".encode("big5"))
    assert read(path).text == "東關鎮法治政府建設工作報告：全鎮組織普法宣傳活動共19次。"


def test_tab_indent_is_not_a_table_cell(tmp_path: Path) -> None:
    path = tmp_path / "indented.txt"
    path.write_text("一、总体情况\n\t全镇组织普法宣传活动共19次。\n\u3000\u3000发放资料5000余份。\n项目\t次数\n",
                    encoding="utf-8")
    assert read(path).text.split("\n") == ["一、总体情况", "全镇组织普法宣传活动共19次。", "发放资料5000余份。",
                                            "项目\t次数"]


def test_gbk_is_not_mistaken_for_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("法治".encode("gbk"))  # 4 bytes that are not valid UTF-8
    assert read(path).text == "法治"


def test_binary_txt_is_mislabelled(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(Unreadable) as err:
        read(path)
    assert err.value.kind == "mislabelled"
    assert "PNG 图片" in err.value.reason


def test_undecodable_txt(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Ça coûte très cher à Besançon, déjà payé".encode("cp1252") * 3)
    with pytest.raises(Unreadable) as err:
        read(path)
    assert err.value.kind == "encoding"
    assert "UTF-8" in err.value.reason


GOV_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>2023年东关镇法治政府建设工作报告_东关镇人民政府</title>
<script>var nav = "首页 政务公开 12345次";</script><style>.zoom {{font-size: 16px}}</style></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hd">互动交流</a></li></ul></div>
<div class="main">
 <div class="crumb"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
 <h1>2023年东关镇法治政府建设工作报告</h1>
 <div class="info">发布时间：2024-01-05 浏览次数：1234</div>
 <div id="zoom" class="TRS_Editor">
  <p>2023 年以来，东关镇政府紧紧围绕县委、县政府中心工作，认真开展法治政府建设的各项工作。</p>
  <p><strong>一、总体情况</strong></p>
  <p>全镇组织普法宣传活动共19次，受教育人数达2000余人次，<span>发放法律宣传资料5000余份</span>。</p>
  <table><tr><th>项目</th><th>次数</th></tr><tr><td>普法宣传</td><td>19次</td></tr></table>
 </div>
 <div class="share"><a href="#">分享到微信</a></div>
</div>
<div class="footer">主办：东关镇人民政府 版权所有 备案号：12345678号<br>联系电话：0000-1234567</div>
</body></html>"""


@pytest.mark.parametrize(("charset", "codec"), [("utf-8", "utf-8"), ("gb2312", "gb18030")])
def test_government_page_article_only(tmp_path: Path, charset: str, codec: str) -> None:
    path = tmp_path / "report.html"
    path.write_bytes(GOV_PAGE.format(charset=charset).encode(codec))
    doc = read(path)
    assert doc.text.split("\n") == [
        "2023年东关镇法治政府建设工作报告",
        "2023年以来，东关镇政府紧紧围绕县委、县政府中心工作，认真开展法治政府建设的各项工作。",
        "一、总体情况",
        "全镇组织普法宣传活动共19次，受教育人数达2000余人次，发放法律宣传资料5000余份。",
        "项目\t次数",
        "普法宣传\t19次",
    ]
    assert doc.title_hint == "2023年东关镇法治政府建设工作报告"
    assert doc.format == "html" and doc.pages is None
    assert [h.text for h in doc.headings] == ["一、总体情况"]


def test_page_without_marked_container_uses_text_density(tmp_path: Path) -> None:
    links = "".join(f'<li><a href="/{i}">栏目链接第{i}项内容</a></li>' for i in range(30))
    body = "".join(f"<p>第{i}段：全镇组织普法宣传活动共{i}次，受教育群众数百人次，效果良好。</p>" for i in range(1, 6))
    path = tmp_path / "plain.html"
    path.write_text(f"<html><head><title>东关镇 - 工作报告</title></head><body><ul>{links}</ul>"
                    f"<div>{body}</div><div>版权所有</div></body></html>", encoding="utf-8")
    doc = read(path)
    assert doc.text.split("\n")[1:] == [f"第{i}段：全镇组织普法宣传活动共{i}次，受教育群众数百人次，效果良好。"
                                        for i in range(1, 6)]
    assert "栏目链接" not in doc.text and "版权所有" not in doc.text
    assert doc.title_hint == "东关镇"  or doc.title_hint == "工作报告"


def test_page_declaring_gb2312_but_saved_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "mixed.html"
    path.write_bytes(GOV_PAGE.format(charset="gb2312").encode("utf-8"))
    assert "全镇组织普法宣传活动共19次" in read(path).text


def test_traditional_text_saved_as_gbk_is_decoded_by_charset_normalizer(tmp_path: Path) -> None:
    """Outside GB2312, so our own check is unsure; charset-normalizer chooses among the codecs that decode."""
    text = "翠屏鎮2024年法治政府建設年度報告\n全年開展法治宣傳活動18次，發放宣傳資料3000餘份。"
    path = tmp_path / "gbk-traditional.txt"
    path.write_bytes(text.encode("gbk"))
    assert read(path).text == text


def test_gb18030_four_byte_characters(tmp_path: Path) -> None:
    text = "兴隆镇2024年法治政府建设年度报告\n填报人：𬌗宁\n全年开展法治宣传活动18次。"
    path = tmp_path / "gb18030.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read(path).text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("verb", ["开展", "组织"], ids=["one-nul", "no-nul"])
def test_utf16_without_bom_or_ascii(tmp_path: Path, codec: str, verb: str) -> None:
    """Only CJK characters and Chinese punctuation: at most one NUL byte (开 is U+5F00) gives UTF-16 away."""
    text = f"青山镇法治政府建设年度报告：全年{verb}法治宣传活动十八次，发放宣传资料三千余份。"
    path = tmp_path / "utf16.txt"
    path.write_bytes(text.encode(codec))
    assert read(path).text == text
