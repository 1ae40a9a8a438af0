"""The few parts of a .docx the reader needs, read straight from the zip as plain lxml elements.

python-docx's `Document()` loads and parses every part of the package (headers,
media, settings, ...) into its object model: about 4 ms of a 5 ms read, for a
reader that walks raw XML anyway. Here the main document is found through the
package relationships as Word finds it, then its styles and numbering and the
core properties: each part decompressed once, scanned for a DTD, and parsed by a
parser that expands no entities and fetches nothing.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from extractors.readers.base import Unreadable
from extractors.readers.numbering import w
from extractors.readers.zipguard import check_sizes, refuse_dtd

PACKAGE = "/"  # the package itself, source of the package relationships
CONTENT_TYPES = "/[Content_Types].xml"
APP_PROPERTIES = "docProps/app.xml"  # by its usual name: only a regex reads it, no parser
WORD_MAIN_TYPES = frozenset({
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
})
_OPC = "http://schemas.openxmlformats.org/package/2006"
_RELATIONSHIP = f"{{{_OPC}/relationships}}Relationship"
_OVERRIDE = f"{{{_OPC}/content-types}}Override"
_DEFAULT = f"{{{_OPC}/content-types}}Default"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_PAGES = re.compile(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</(?:\w+:)?Pages>")
_OTHER_OFFICE = (("spreadsheetml", "Excel 表格"), ("ms-excel", "Excel 表格"),
                 ("presentationml", "PowerPoint 演示文稿"), ("ms-powerpoint", "PowerPoint 演示文稿"))
_RESAVE = "请让乡镇用 Word/WPS 重新保存后发送"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class DocxPackage:
    """What the reader uses of a .docx; styles, numbering, title and page count may be absent."""

    body: etree._Element  # w:body of the main document (empty when the document has none)
    styles: etree._Element | None
    numbering: etree._Element | None
    title: str | None  # dc:title of the core properties, stripped
    declared_pages: int | None  # <Pages> of docProps/app.xml: Word's page count when it last laid the file out
    # w:altChunk parts of the body by relationship id: content Word imports into the body when it opens the file
    alt_chunks: Mapping[str, AltChunk] = field(default_factory=dict)


@dataclass(frozen=True)
class AltChunk:
    """A part of another format (HTML, MHTML, RTF, text, a .docx) that a w:altChunk imports into the body."""

    partname: str  # e.g. "/word/afchunk1.html"
    content_type: str | None  # as [Content_Types].xml declares it, lower case
    data: bytes  # b"" when the relationship dangles (the reader then says it could not read it)


@dataclass(frozen=True)
class Relationship:
    type: str
    partname: str  # absolute part name, e.g. "/word/styles.xml"
    id: str = ""


def open_package(path: Path | bytes) -> DocxPackage:
    """Read the parts the reader needs from a file (or a .docx's bytes, e.g. one imported by w:altChunk);
    a bad zip, bomb, DTD or missing part raises Unreadable naming it."""
    try:
        with zipfile.ZipFile(io.BytesIO(path) if isinstance(path, bytes) else path) as zf:
            check_sizes(zf.infolist())
            return _read_package(_Zip(zf, frozenset(zf.namelist())))
    except zipfile.BadZipFile as exc:
        raise Unreadable("corrupt", "Word 文档已损坏（压缩结构不完整，可能只传了一部分）；请让乡镇重新发送") from exc
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError, zlib.error) as exc:
        raise Unreadable("corrupt", f"Word 文档已损坏，无法解压（{type(exc).__name__}）；请让乡镇重新发送") from exc
    except etree.XMLSyntaxError as exc:
        if exc.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            raise Unreadable("unsafe_xml", past_limit(exc.msg)) from exc
        raise Unreadable("corrupt", f"Word 文档已损坏或缺少必要部分（{type(exc).__name__}），无法读取；"
                                    f"{_RESAVE}") from exc
    except KeyError as exc:
        raise Unreadable("corrupt", f"Word 文档已损坏或缺少必要部分（{type(exc).__name__}），无法读取；"
                                    f"{_RESAVE}") from exc


# libxml2's limits without XML_PARSE_HUGE (kept: they bound the memory a hostile file can take). A report comes
# nowhere near them: Word nests tables at most 63 deep, and a report's paragraph is a few thousand characters.
TEXT_NODE_LIMIT_MB = 10  # XML_MAX_TEXT_LENGTH: 10,000,000 bytes in one run of text
DEPTH_LIMIT = 256  # xmlParserMaxDepth: elements inside elements; a table in a table takes 3 (w:tbl/w:tr/w:tc)


def past_limit(message: str) -> str:
    """The reason for a part past one of the parser's limits: which limit, not "damaged"."""
    if "depth" in message.lower():
        return (f"Word 文档的结构嵌套过深（超过 {DEPTH_LIMIT} 层，约 {DEPTH_LIMIT // 3} 层表格套表格），"
                "超出读取上限；正常的报告不会这样，请让乡镇把嵌套的表格改成普通表格后重新发送")
    if "text node" in message.lower() or "huge" in message.lower():
        chars = TEXT_NODE_LIMIT_MB * 1_000_000 // 3  # UTF-8: 3 bytes a Chinese character
        return (f"Word 文档中有一段文字超过 {TEXT_NODE_LIMIT_MB} MB（约 {chars:,} 个汉字），超出读取上限；"
                "正常的报告不会这样，请让乡镇核对文件后重新发送")
    return f"Word 文档超出读取上限（{message}），未读取；请让乡镇核对文件后重新发送"


@dataclass(frozen=True)
class _Zip:
    zf: zipfile.ZipFile
    names: frozenset[str]

    def xml(self, partname: str) -> etree._Element:
        """A part parsed safely; KeyError when the zip lacks it."""
        member = partname[1:]
        data = self.zf.read(member)
        refuse_dtd(member, data)
        return etree.fromstring(data, _PARSER)

    def optional_xml(self, partname: str | None) -> etree._Element | None:
        """An optional part: absent, or named by a dangling relationship, is None (the body reads without it)."""
        return self.xml(partname) if partname is not None and partname[1:] in self.names else None

    def relationships(self, source: str) -> list[Relationship]:
        """Internal relationships of `source` (none when its .rels part is absent, as in python-docx)."""
        folder, name = posixpath.split(source)
        rels = self.optional_xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        if rels is None:
            return []
        return [Relationship(rel.get("Type", ""), posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))),
                             rel.get("Id", ""))
                for rel in rels.iterfind(_RELATIONSHIP) if rel.get("TargetMode") != "External" and rel.get("Target")]

    def data(self, partname: str) -> bytes:
        """A part's raw bytes; b"" when the zip lacks it."""
        return self.zf.read(partname[1:]) if partname[1:] in self.names else b""


def _read_package(z: _Zip) -> DocxPackage:
    package_rels = z.relationships(PACKAGE)
    main = _target(package_rels, "/officeDocument")
    if main is None:
        raise KeyError("no officeDocument relationship in _rels/.rels")
    content_types = z.xml(CONTENT_TYPES)
    _check_word_main(content_types, main)
    document = z.xml(main)
    if document.tag != w("document"):
        raise Unreadable("corrupt", f"Word 文档的主文档 {main[1:]} 不是可识别的 Word 正文（根元素 {document.tag}），"
                                    "无法读取；请让乡镇用 Word/WPS 另存为普通 .docx"
                                    "（不要选“Strict Open XML 文档”）后发送")
    body = document.find(w("body"))
    document_rels = z.relationships(main)
    return DocxPackage(
        body=body if body is not None else etree.Element(w("body")),
        styles=z.optional_xml(_target(document_rels, "/styles")),
        numbering=z.optional_xml(_target(document_rels, "/numbering")),
        title=_title(z.optional_xml(_target(package_rels, "/metadata/core-properties"))),
        declared_pages=_declared_pages(z),
        alt_chunks={r.id: AltChunk(r.partname, (content_type(content_types, r.partname) or "").lower() or None,
                                   z.data(r.partname))
                    for r in document_rels if r.type.endswith("/aFChunk")},
    )


def _target(rels: list[Relationship], type_suffix: str) -> str | None:
    """The first relationship whose type URI ends with `type_suffix` (transitional and strict URIs alike)."""
    return next((r.partname for r in rels if r.type.endswith(type_suffix)), None)


def _check_word_main(content_types: etree._Element, partname: str) -> None:
    """Refuse a main part that is not WordprocessingML (an Excel or PowerPoint package renamed, a damaged file)."""
    declared = content_type(content_types, partname)
    if declared in WORD_MAIN_TYPES:
        return
    if declared is None:
        what = "在 [Content_Types].xml 中没有声明内容类型"
    else:
        kind = next((f"（{name}）" for key, name in _OTHER_OFFICE if key in declared.lower()), "")
        what = f"的内容类型是 {declared}{kind}"
    raise Unreadable("corrupt", f"文件不是可读取的 Word 文档：主文档 {partname[1:]} {what}，不是 Word 正文；{_RESAVE}")


def content_type(content_types: etree._Element, partname: str) -> str | None:
    """The part's content type: its Override, else the Default for its extension (both case-insensitive)."""
    for override in content_types.iterfind(_OVERRIDE):
        if override.get("PartName", "").lower() == partname.lower():
            return override.get("ContentType")
    extension = posixpath.splitext(partname)[1][1:].lower()
    for default in content_types.iterfind(_DEFAULT):
        if default.get("Extension", "").lower() == extension:
            return default.get("ContentType")
    return None


def _title(core: etree._Element | None) -> str | None:
    node = None if core is None else core.find(_DC_TITLE)
    text = None if node is None else node.text
    return (text or "").strip() or None


def _declared_pages(z: _Zip) -> int | None:
    """Word stores its last page count in docProps/app.xml; the text itself has no page breaks to count."""
    if APP_PROPERTIES not in z.names:
        return None
    m = _PAGES.search(z.zf.read(APP_PROPERTIES))
    return int(m.group(1)) if m else None
