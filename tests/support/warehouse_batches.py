"""Builders of validated batches for the warehouse tests: records made in code, no extractor involved."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.catalog import Catalog, Indicator
from core.records import DocumentFacts, Evidence, Extraction, Finding, SourceFile, Statistic, ValidatedBatch
from core.registry import Registry, Township
from warehouse.load import RunInfo

CATALOG = Catalog((
    Indicator("publicity_events", "普法宣传活动", "次"),
    Indicator("publicity_campaigns", "集中宣传", "次", parent="publicity_events"),
    Indicator("publicity_audience", "普法受众人次", "人次"),
    Indicator("enforcement_fines", "罚没款", "元"),
    Indicator("legal_advisers", "法律顾问", "名"),
))

REGISTRY = Registry(county="和平县", townships=(
    Township("东关镇", ("东关",)),
    Township("西城街道"),
    Township("南山乡"),
    Township("北湖镇"),
))


# What the extractor says of a number a catalog cue right before it named (issue 12's evidence and confidence):
# the statistics built here are sure of their indicator unless a test says otherwise.
SURE = Evidence("cue", "before", 0, False, "closest_cue")


def stat(indicator: str, value: float, unit: str, quote: str, *, qualifier: str = "exact", start: int = 0,
         page: int | None = 1, evidence: Evidence = SURE, confidence: float = 0.95) -> Statistic:
    return Statistic(indicator=indicator, value=value, unit=unit, qualifier=qualifier, quote=quote,  # type: ignore[arg-type]
                     start=start, end=start + len(quote), page=page, heading_path=("一、普法宣传",),
                     evidence=evidence, confidence=confidence)


def report(name: str, township: str | None, year: int | None, stats: Sequence[Statistic], *,
           content: str | None = None, mtime: float = 1_700_000_000.0, folder: str = "/reports") -> Extraction:
    """An ok extraction; its sha256 comes from `content` (default: the name), so renames keep it."""
    sha = hashlib.sha256((content or name).encode()).hexdigest()
    source = SourceFile(path=Path(folder) / name, sha256=sha, size=1000, kind="docx", mtime=mtime)
    facts = DocumentFacts(title=f"{year}年{township}法治政府建设工作报告", county="和平县", township=township,
                          year=year, township_as_written=township)
    return Extraction(source=source, status="ok", facts=facts, format="docx", pages=3, statistics=tuple(stats),
                      text_chars=5000)


def rejected(name: str, reason: str = "文件已损坏，无法打开") -> Extraction:
    sha = hashlib.sha256(name.encode()).hexdigest()
    source = SourceFile(path=Path("/reports") / name, sha256=sha, size=10, kind="pdf")
    return Extraction.rejected(source, "corrupt", reason)


def batch(*extractions: Extraction, findings: Sequence[Finding] = ()) -> ValidatedBatch:
    return ValidatedBatch(extractions=tuple(extractions), findings=tuple(findings), seconds=0.5)


_runs = itertools.count()


def run(load_id: str, source: str = "/reports") -> RunInfo:
    """A run starting a minute after the previous one."""
    started = datetime(2024, 3, 1, 8, 0, tzinfo=UTC) + timedelta(minutes=next(_runs))
    return RunInfo(load_id=load_id, started_at=started, source=source, county="和平县")


def dongguan_2023() -> Extraction:
    return report("东关镇2023.docx", "东关镇", 2023, [
        stat("publicity_events", 20, "次", "共开展普法宣传活动20次", start=100),
        stat("publicity_campaigns", 5, "次", "其中集中宣传5次", start=130),
        stat("publicity_events", 30, "次", "其中法律进村居宣传活动30次", start=160),
        stat("publicity_audience", 2000, "人次", "受教育人数达2000余人次", qualifier="over", start=200),
        stat("enforcement_fines", 50000, "元", "罚没款5万元", start=300),
        stat("other", 99, "个", "99个村", start=400),
    ])


def xicheng_2023() -> Extraction:
    return report("西城街道2023.pdf", "西城街道", 2023, [
        stat("publicity_events", 12, "次", "开展普法宣传活动12次", start=50),
        stat("publicity_audience", 1500, "人次", "受众近1500人次", qualifier="under", start=80),
        stat("legal_advisers", 3, "名", "聘请法律顾问3名", start=120),
    ])


def dongguan_2022() -> Extraction:
    return report("东关镇2022.docx", "东关镇", 2022, [
        stat("publicity_events", 16, "次", "全年开展普法宣传活动16次", start=90),
        stat("publicity_audience", 1000, "人次", "受教育群众约1000人次", qualifier="about", start=150),
    ])


def big_batch(seed: int, documents: int = 300, per_document: int = 50) -> ValidatedBatch:
    """Many townships and years with many statistics each: a load that takes a noticeable while."""
    indicators = [i.code for i in CATALOG.indicators]
    out = []
    for d in range(documents):
        stats = [stat(indicators[k % len(indicators)], float(seed * 1000 + d + k), "次", f"共开展第{k}项活动{d + k}次",
                      start=k * 40) for k in range(per_document)]
        out.append(report(f"镇{d % 60}-{2000 + d // 60}-{seed}.docx", f"镇{d % 60}", 2000 + d // 60 + seed * 10,
                          stats, content=f"big-{seed}-{d}"))
    return batch(*out)
