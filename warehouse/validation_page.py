"""The validation report's front page, written from the warehouse as plain HTML a clerk can open offline.

Great Expectations' own index page fills its table with scripts fetched from the internet, so offline it
is empty. This page lists every ingestion run (newest first) with each rule's result, then every file
that could not be read, every quarantined document or row and every warning, each with its file, the
reason and what to do, in Chinese; it loads nothing and runs no script. Rule names and advice come from
the caller (validation.rules), so the warehouse keeps importing only core.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from warehouse.db import connect, sql_text

OFFICE_TZ = ZoneInfo("Asia/Shanghai")  # times are stored in UTC; offices read Beijing time
GX_INDEX = "gx-index.html"  # Great Expectations' own index, kept beside ours


@dataclass(frozen=True)
class RuleText:
    """How a rule reads to a clerk: what it checks, and what to do about a failure."""

    label: str
    advice: str


@dataclass(frozen=True)
class Run:
    load_id: str
    started_at: datetime | None
    finished_at: datetime | None
    source: str | None
    status: str  # completed | failed
    error: str | None
    files: int
    loaded: int
    unchanged: int
    rejected: int
    quarantined: int
    superseded: int
    statistics_loaded: int
    statistics_quarantined: int
    warnings: int


@dataclass(frozen=True)
class RuleTally:
    load_id: str
    rule: str
    severity: str | None
    checked: int | None
    failed: int


@dataclass(frozen=True)
class Problem:
    """A file or row to look at: rejected | quarantined_document | quarantined_row | warning."""

    load_id: str
    kind: str
    rule: str | None
    file_name: str | None
    township: str | None
    year: int | None
    indicator: str | None
    quote: str | None
    reason: str | None
    rows_inside: int = 0  # rows of a quarantined document, quarantined with it


@dataclass(frozen=True)
class ValidationReport:
    runs: tuple[Run, ...]
    tallies: tuple[RuleTally, ...]
    problems: tuple[Problem, ...]


KIND_LABEL = {"rejected": "无法读取", "quarantined_document": "整份报告隔离", "quarantined_row": "单项数据隔离",
              "read_warning": "部分未读（已导入）", "warning": "警告（已导入）"}
UNREADABLE_ADVICE = "请乡镇重新发送可以打开的文件（Word 或 PDF，不要加密、不要只传一部分）；收到后重新运行导入。"
READ_WARNING_ADVICE = "对照原件核对这一部分的数字；表中该乡镇的数字可能不全。必要时请乡镇发送可以完整读取的文件。"


def validation_report(db: Path, *, wait_seconds: float = 30.0) -> ValidationReport:
    """Every run, rule tally and problem row in the warehouse (empty for a missing file)."""
    if not Path(db).exists():
        return ValidationReport((), (), ())
    con = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        runs = tuple(Run(*r) for r in con.execute(sql_text("queries/validation_runs.sql")).fetchall())
        tallies = tuple(RuleTally(*r) for r in con.execute(sql_text("queries/validation_results.sql")).fetchall())
        problems = tuple(Problem(*r) for r in con.execute(sql_text("queries/validation_problems.sql")).fetchall())
    finally:
        con.close()
    return ValidationReport(runs, tallies, problems)


def write_validation_page(db: Path, site: Path, rules: Mapping[str, RuleText], *,
                          now: datetime | None = None) -> Path:
    """Write `site`/index.html (Great Expectations' index, if there, moves to gx-index.html); returns the page."""
    site = Path(site)
    site.mkdir(parents=True, exist_ok=True)
    index = site / "index.html"
    if index.exists() and _MARK not in index.read_text(encoding="utf-8", errors="replace"):
        index.replace(site / GX_INDEX)
    gx_pages = sorted(p.relative_to(site).as_posix() for p in (site / "validations").rglob("*.html")) \
        if (site / "validations").is_dir() else []
    html = validation_html(validation_report(db), rules, db_name=Path(db).name, gx_pages=gx_pages,
                           has_gx_index=(site / GX_INDEX).exists(), now=now)
    index.write_text(html, encoding="utf-8")
    return index


_MARK = '<meta name="generator" content="township-rollup validation front page">'

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:16px 24px;color:#1f2933;background:#fff;font-size:14px}
h1{font-size:22px;margin:0 0 6px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #c7d2dc}
h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:6px 0}
th,td{border:1px solid #c7d2dc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#ddebf7}td.num{text-align:right}
.bad{color:#b00020;font-weight:bold}.ok{color:#1b5e20}.warn{color:#8a5a00;font-weight:bold}
.muted{color:#52606d}td.quote{max-width:40em}td.when{white-space:nowrap}
"""


def validation_html(report: ValidationReport, rules: Mapping[str, RuleText], *, db_name: str = "",
                    gx_pages: Sequence[str] = (), has_gx_index: bool = False, now: datetime | None = None) -> str:
    """The front page as one HTML string: runs, then problems to act on, then links to GX's own pages."""
    written = _local(now or datetime.now(UTC))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="zh-CN"><head><meta charset="utf-8">{_MARK}',
        f"<title>数据校验结果</title><style>{_CSS}</style></head><body>",
        "<h1>数据校验结果</h1>",
        f'<p class="muted">数据库 {escape(db_name)}；本页生成于 {escape(written)}（北京时间）。'
        "每次导入时，每份报告和每项数据都按下列规则核对：未通过“错误”规则的报告或数据被隔离（不进入对比表），"
        "未通过“警告”规则的已导入，但请核对。</p>",
    ]
    open_items = _open_items(report)
    if not report.runs:
        parts.append("<p>数据库中还没有任何导入记录。</p>")
    else:
        latest = report.runs[0]
        parts.append(f"<p>最近一次导入 {escape(_local(latest.started_at))}："
                     f"{escape(_run_line(latest))}。{_open_text(open_items)}</p>")
    if open_items:
        parts.append("<h2>需要处理的文件和数据</h2>")
        parts.append(_problems_table(open_items, rules, {r.load_id: r for r in report.runs}))
    parts.append("<h2>历次导入</h2>")
    parts += [_run_section(run, report, rules) for run in report.runs]
    parts.append(_gx_links(gx_pages, has_gx_index))
    parts.append("</body></html>")
    return "\n".join(parts)


def _open_items(report: ValidationReport) -> list[Problem]:
    """Every problem once: a file seen again by a later run (a file still unreadable) counts at its latest run."""
    order = {r.load_id: n for n, r in enumerate(report.runs)}  # 0 = newest
    latest: dict[tuple, Problem] = {}
    for p in sorted(report.problems, key=lambda p: order.get(p.load_id, len(order))):
        latest.setdefault((p.kind, p.file_name, p.rule, p.indicator, p.quote, p.reason), p)
    return list(latest.values())


def _open_text(items: Sequence[Problem]) -> str:
    if not items:
        return '<span class="ok">没有需要处理的文件或数据。</span>'
    return f'<span class="bad">有 {len(items)} 项需要处理，见下文。</span>'


def _run_line(run: Run) -> str:
    if run.status != "completed":
        return f"导入失败，没有写入任何数据（{run.error or '原因不明'}）"
    return (f"收到文件 {run.files} 个：新导入 {run.loaded}，未变化 {run.unchanged}，无法读取 {run.rejected}，"
            f"隔离 {run.quarantined}，被新版本替代 {run.superseded}；数据导入 {run.statistics_loaded} 项，"
            f"隔离 {run.statistics_quarantined} 项，警告 {run.warnings} 项")


def _run_section(run: Run, report: ValidationReport, rules: Mapping[str, RuleText]) -> str:
    head = (f'<h3 id="run-{escape(run.load_id)}">{escape(_local(run.started_at))} 的导入'
            f'<span class="muted">（编号 {escape(run.load_id)}；来源 {escape(run.source or "")}）</span></h3>'
            f"<p>{escape(_run_line(run))}。</p>")
    order = {code: n for n, code in enumerate(rules)}
    tallies = sorted((t for t in report.tallies if t.load_id == run.load_id), key=lambda t: order.get(t.rule, 99))
    failed = [t for t in tallies if t.failed]
    passed = [t for t in tallies if not t.failed]
    rows = []
    for t in failed:  # the failures in full; the rules that passed in one line below
        text = rules.get(t.rule)
        level, css = ("警告", "warn") if t.severity == "warning" else ("错误", "bad")
        rows.append(f"<tr><td>{escape(text.label if text else t.rule)}<br><small class=\"muted\">{escape(t.rule)}"
                    f'</small></td><td>{level}</td><td class="num">{"" if t.checked is None else t.checked}</td>'
                    f'<td><span class="{css}">{t.failed} 项未通过</span></td></tr>')
    table = ("<table><tr><th>未通过的校验规则</th><th>级别</th><th>核对数</th><th>结果</th></tr>" + "".join(rows)
             + "</table>") if rows else ""
    if passed:
        names = "、".join(rules[t.rule].label if t.rule in rules else t.rule for t in passed)
        lead = f"其余 {len(passed)} 条规则全部通过" if failed else f"全部 {len(passed)} 条规则都通过"
        table += f'<p><span class="ok">{lead}</span>：<span class="muted">{escape(names)}</span></p>'
    if not tallies:
        table = '<p class="muted">这次导入没有需要校验的新报告。</p>'
    problems = [p for p in report.problems if p.load_id == run.load_id]
    return head + table + _problems_table(problems, rules)


def _problems_table(problems: Sequence[Problem], rules: Mapping[str, RuleText],
                    runs: Mapping[str, Run] | None = None) -> str:
    """One row per problem: what, file, where, the sentence, the reason, what to do (and when, if `runs`)."""
    if not problems:
        return ""
    rows = []
    for p in problems:
        text = rules.get(p.rule or "")
        advice = UNREADABLE_ADVICE if p.kind == "rejected" else READ_WARNING_ADVICE if p.kind == "read_warning" \
            else (text.advice if text else "请对照报告原文核对。")
        what = KIND_LABEL.get(p.kind, p.kind)
        if p.rows_inside:
            what += f"（其中 {p.rows_inside} 项数据一并隔离）"
        where = "，".join(x for x in (p.township or "", f"{p.year}年" if p.year else "", p.indicator or "") if x)
        quote = f"「{p.quote}」" if p.quote else ""
        when = f'<td class="when">{escape(_local(runs[p.load_id].started_at))}</td>' \
            if runs and p.load_id in runs else ("<td></td>" if runs else "")
        rows.append(f"<tr>{when}<td>{escape(what)}</td><td>{escape(p.file_name or '')}</td><td>{escape(where)}</td>"
                    f'<td class="quote">{escape(quote)}</td><td>{escape(p.reason or "")}</td>'
                    f"<td>{escape(advice)}</td></tr>")
    head = "<th>导入时间</th>" if runs else ""
    return (f"<table><tr>{head}<th>情况</th><th>文件</th><th>乡镇、年度、指标</th><th>原文</th><th>原因</th>"
            "<th>怎么处理</th></tr>" + "".join(rows) + "</table>")


def _gx_links(pages: Sequence[str], has_index: bool) -> str:
    if not pages and not has_index:
        return ""
    items = [f'<li><a href="{escape(GX_INDEX)}">Great Expectations 自带的索引页</a>'
             '<span class="muted">（离线时可能显示为空白）</span></li>'] if has_index else []
    items += [f'<li><a href="{escape(p)}">{escape(p)}</a></li>' for p in pages]
    return ("<h2>Great Expectations 原始校验结果</h2><p class=\"muted\">供技术人员查看的逐条校验明细。</p>"
            f"<ul>{''.join(items)}</ul>")


def _local(moment: datetime | None) -> str:
    if moment is None:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(OFFICE_TZ).strftime("%Y-%m-%d %H:%M")
