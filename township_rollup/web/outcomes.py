"""What happened to each file of a run, in the clerk's words, and what to do about it.

The reason itself is the reader's or validation's own sentence (warehouse load_files.reason); this module adds
the headline ("已导入", "替换了旧版本", ...) and the next step, chosen by the outcome and the reader's error kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from warehouse.browse import LoadFile


@dataclass(frozen=True)
class FileVerdict:
    label: str  # 已导入 / 未变化 / 替换了旧版本 / 未能读取 / 已隔离 / ...
    tone: str  # ok | info | warn | bad: the row's colour
    detail: str  # the reason, in Chinese
    todo: str  # what the clerk does next ("" when nothing)


# The reader's error kinds (extractors/readers) and what a clerk can do about each.
_TODO_BY_KIND = {
    "empty": "请联系乡镇重新发送完整的报告文件。",
    "corrupt": "文件已损坏。请联系乡镇重新发送；若本机能用 WPS 打开，可“另存为 .docx”后重新上传。",
    "broken_zip": "文件不完整。请联系乡镇重新发送。",
    "encrypted": "请让乡镇取消文档密码后重新发送，或在 WPS 中打开后“另存为”无密码的文件再上传。",
    "mislabelled": "文件扩展名与内容不符。请向乡镇索取正确的 Word 或 PDF 报告。",
    "unsupported": "请把报告另存为 .docx 或 PDF 后重新上传。",
    "oversized": "文件超过大小上限。请让乡镇压缩图片后重新导出，或请技术人员调高上限（--max-mb）。",
    "too_many_pages": "页数过多，可能不是年度报告。请确认文件是否正确。",
    "scanned": "这是扫描件，本机未启用文字识别（OCR）。请让乡镇提供可复制文字的 Word 或 PDF。",
    "ocr_unavailable": "这是扫描件，本机未安装文字识别（OCR）。请技术人员安装后重新导入，或向乡镇索取 Word 版本。",
    "ocr_failed": "扫描件文字识别失败。请向乡镇索取 Word 版本或更清晰的扫描件。",
    "no_text": "文件里没有可读的文字。请向乡镇索取 Word 版本。",
    "converter_unavailable": "本机未安装 LibreOffice，读不了旧版 .doc/.wps。"
                             "请技术人员安装，或在 WPS 中另存为 .docx 后上传。",
    "conversion_failed": "旧版文档转换失败。请在 WPS 中打开后另存为 .docx 再上传。",
    "conversion_timeout": "旧版文档转换超时。请在 WPS 中打开后另存为 .docx 再上传。",
    "encoding": "文字编码无法识别。请向乡镇索取 Word 或 PDF 版本。",
    "zip_bomb": "文件结构异常，出于安全原因未读取。请向乡镇索取重新导出的文件。",
    "unsafe_xml": "文件结构异常，出于安全原因未读取。请向乡镇索取重新导出的文件。",
    "unreadable_file": "无法打开文件。请确认文件没有被其他程序占用后重新导入。",
    "scratch_unavailable": "不是报告的问题：本机临时文件夹已满或无法写入。请技术人员清理磁盘空间后重新导入。",
}
_TODO_QUARANTINED = ("报告没有通过校验，数据暂未计入对比表。请按原因核对报告（如乡镇名称、年度）；"
                     "需要时把乡镇的其他写法加入 county.yaml，改正后重新上传。")


def rejected_todo(error_kind: str | None) -> str:
    """What to do about a file the reader could not read, by the reader's error kind."""
    return _TODO_BY_KIND.get(error_kind or "", "请联系乡镇重新发送可以打开的 Word 或 PDF 报告。")


def verdict(f: LoadFile) -> FileVerdict:
    """The clerk's reading of one file's outcome."""
    reason = f.reason or ""
    if f.outcome == "loaded":
        if f.replaced:
            detail = f"这份报告取代了此前导入的 {f.replaced}；旧版本保留在历史记录中。"
            detail += f" {reason}" if reason else ""
            return FileVerdict("替换了旧版本", "info", detail, "请在对比表中核对该乡镇的数据。")
        if reason:  # loaded, but some of its numbers were quarantined
            return FileVerdict("已导入（部分数据隔离）", "warn", reason, "请到“数据质量”页查看被隔离的数据及原因。")
        return FileVerdict("已导入", "ok", "报告已读取并计入对比表。", "")
    if f.outcome == "unchanged":
        return FileVerdict("未变化", "ok", reason or "与已导入的报告内容相同，没有重复导入。", "")
    if f.outcome == "duplicate":
        return FileVerdict("重复文件", "info", reason, "")
    if f.outcome == "superseded":
        return FileVerdict("已被更新版本取代", "info", reason, "确认较新的那份才是正式报告即可。")
    if f.outcome == "skipped":
        return FileVerdict("已跳过", "info", reason or "不是报告文件。", "")
    if f.outcome == "rejected":
        return FileVerdict("未能读取", "bad", reason or "无法读取该文件。", rejected_todo(f.error_kind))
    if f.outcome == "quarantined":
        return FileVerdict("已隔离", "bad", reason, _TODO_QUARANTINED)
    return FileVerdict(f.outcome, "info", reason, "")
