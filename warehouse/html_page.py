"""The comparison as one self-contained HTML file: inline CSS, one small inline script, nothing fetched.

Townships are rows (their column stays in view while the table scrolls sideways), indicators are
columns grouped by section; a click on a header sorts by it. Each township has its own page in the
same file (#t-N, shown with CSS :target, no script needed): its values over the years and the
sentences they came from. Every piece of data goes through html.escape (a township named <script>
shows as text); the page loads nothing, so it opens the same on an offline office PC.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from warehouse.compare import Column, Comparison, HistoryPoint, Row
from warehouse.display import (
    COMPLETENESS_LEGEND,
    COMPLETENESS_TITLE,
    COVERAGE_LABEL,
    FEWER_IS_BETTER,
    HIGH_LABEL,
    LEGEND,
    LOW_LABEL,
    MEDIAN_LABEL,
    POOLED_LABEL,
    RANK_SUFFIX,
    STATUS_HEADER,
    TOTAL_LABEL,
    TOWNSHIP_HEADER,
    UNIT_MARK,
    cell_text,
    change_text,
    made_on,
    marked,
    missing_text,
    note_text,
    number,
    part_text,
    rank_text,
    reason_text,
    review_text,
    status_summary,
    status_text,
    title,
    total_text,
)

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:16px 24px;color:#1f2933;background:#fff}
h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin-top:24px}
.meta,.summary{font-size:14px;color:#3e4c59;margin:4px 0}
nav{font-size:13px;margin:8px 0;line-height:1.9}nav a{margin-right:10px}
.scroll{overflow:auto;max-height:78vh;border:1px solid #c7d2dc}
table{border-collapse:separate;border-spacing:0;font-size:13px}
th,td{border-right:1px solid #c7d2dc;border-bottom:1px solid #c7d2dc;padding:4px 8px;white-space:nowrap;
background:#fff}
thead th{background:#ddebf7;position:sticky;top:0;z-index:2;vertical-align:bottom}
thead tr.indicators th{top:29px}
th.township{position:sticky;left:0;z-index:1;text-align:left;background:#f7fafc;min-width:6em}
thead th.township{z-index:3;background:#ddebf7}
th.sortable{cursor:pointer}th.sortable:hover{background:#c5dcf0}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
th small,td small{color:#52606d;font-weight:normal}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.other-unit{background:#fce4d6}
table.completeness td{white-space:normal;min-width:8em}td.part-no{background:#fce4d6;font-weight:bold}
td.part-unknown{color:#7b8794}
td.doubtful{background:#fff2cc}
tr.not-reported th,tr.not-reported td{color:#7b8794}
tfoot td,tfoot th{font-weight:bold;background:#f5f7fa}
.legend,.notes{font-size:13px;color:#3e4c59;max-width:70em}
.township-page{display:none}.township-page:target{display:block}
body:has(.township-page:target) main{display:none}
.history td.quote{white-space:normal;max-width:48em;color:#3e4c59}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0}figcaption{font-size:14px;font-weight:bold;margin-bottom:4px}
svg text{font-family:inherit;font-size:12px;fill:#1f2933}
@media print{.scroll{overflow:visible;max-height:none;border:0}nav,.charts{display:none}}
"""

# Sorting: numbers by value (data-sort), text by pinyin order; empty cells always last.
_SCRIPT = """
document.querySelectorAll('th.sortable').forEach(function (th) {
  function sort() {
    var table = th.closest('table'), body = table.tBodies[0], col = +th.dataset.col;
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th[aria-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
      if (x === undefined || x === '') return (y === undefined || y === '') ? 0 : 1;
      if (y === undefined || y === '') return -1;
      var nx = parseFloat(x), ny = parseFloat(y), r;
      r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, 'zh-CN');
      return asc ? r : -r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  th.addEventListener('click', sort);
  th.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
  });
});
"""

_BAR_HEIGHT = 20
_LABEL_WIDTH = 130
_BAR_AREA = 300
_VALUE_WIDTH = 90


def html_page(c: Comparison, history: Mapping[str, Sequence[HistoryPoint]], *, today: date | None = None) -> str:
    name = title(c)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="generator" content="township-rollup comparison">',  # ingestion passes over this page
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(name)}</title><style>{_CSS}</style></head><body>",
        '<main id="table">',
        f"<h1>{escape(name)}</h1>",
        f'<p class="meta">填报单位：{escape(c.county or "")}　报告年度：{c.year}年　'
        f"制表日期：{escape(made_on(today))}</p>",
        f'<p class="summary">{escape(status_summary(c))}</p>',
        _nav(c),
        _table(c),
        _notes(c),
        f'<p class="legend">说明：{escape(LEGEND)}</p>',
        _completeness(c),
        _charts(c),
        "</main>",
    ]
    parts += [_township_page(c, n, r, history.get(r.township, ())) for n, r in enumerate(c.rows, start=1)]
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "\n".join(parts)


def _nav(c: Comparison) -> str:
    sections = "".join(f'<a href="#s-{escape(code)}">{escape(name)}</a>' for code, name, _ in c.sections)
    townships = "".join(f'<a href="#t-{n}">{escape(r.township)}</a>' for n, r in enumerate(c.rows, start=1))
    extra = '<a href="#completeness">报告完整性</a>' if c.completeness else ""
    return f"<nav>类别：{sections}{extra}<br>各乡镇（街道）历年数据：{townships}</nav>"


def _table(c: Comparison) -> str:
    if not c.columns:
        return "<p>本年度没有已入库的指标数据。</p>"
    top = [f'<th rowspan="2" class="township sortable" tabindex="0" data-col="0">{escape(TOWNSHIP_HEADER)}</th>',
           f'<th rowspan="2" class="sortable" tabindex="0" data-col="1">{escape(STATUS_HEADER)}</th>']
    top += [f'<th colspan="{len(idx)}" id="s-{escape(code)}">{escape(name)}</th>' for code, name, idx in c.sections]
    order = [i for _, _, idx in c.sections for i in idx]  # the columns as the header groups them
    second = []
    for pos, i in enumerate(order):
        col = c.columns[i]
        fewer = f"<br><small>（{escape(FEWER_IS_BETTER)}）</small>" if col.fewer_is_better else ""
        second.append(f'<th class="sortable" tabindex="0" data-col="{2 + pos}" data-code="{escape(col.code)}">'
                      f"{escape(col.name)}<br><small>（{escape(col.unit)}）</small>{fewer}</th>")
    body = [_row_html(n, r, c, order) for n, r in enumerate(c.rows, start=1)]
    foot = _county_rows(c, order)
    return ('<div class="scroll"><table id="comparison">'
            f"<thead><tr>{''.join(top)}</tr><tr class=\"indicators\">{''.join(second)}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody><tfoot>{foot}</tfoot></table></div>")


def _row_html(n: int, r: Row, c: Comparison, order: Sequence[int]) -> str:
    reason = reason_text(r.status)
    status = escape(status_text(r.status)) + (f"<br><small>{escape(reason)}</small>" if reason else "")
    cells = [f'<th class="township" scope="row" data-sort="{escape(r.township)}">'
             f'<a href="#t-{n}">{escape(r.township)}</a></th>',
             f'<td data-sort="{escape(r.status.code)}">{status}</td>']
    for i in order:  # the header's order (grouped by section): cell k of the row is data-col k
        cell, col = r.cells[i], c.columns[i]
        text = escape(cell_text(cell, col))
        notes = [x for x in (f"较上年 {change_text(cell, col)}" if cell.change is not None else "",
                             f"{RANK_SUFFIX} {rank_text(cell)}" if cell.rank is not None else "") if x]
        extra = f"<br><small>{escape('，'.join(notes))}</small>" if notes else ""
        hover = f' title="{escape(cell.quote)}"' if cell.quote else ""
        css = "num" if cell.fits else "num other-unit"
        if cell.mark == "doubtful":
            css += " doubtful"
        if cell.mark:
            hover = f' title="{escape(review_text(cell) + ("：" + cell.quote if cell.quote else ""))}"'
        sort = number(cell.value) if cell.value is not None and cell.fits else ""
        cells.append(f'<td class="{css}" data-sort="{sort}"{hover}>{text}{extra}</td>')
    css = "" if r.reported else ' class="not-reported"'
    return f"<tr{css}>{''.join(cells)}</tr>"


def _county_rows(c: Comparison, order: Sequence[int]) -> str:
    lines = c.county_lines
    rows = [
        (TOTAL_LABEL, [total_text(lines[i], c.columns[i]) for i in order]),
        (MEDIAN_LABEL, [number(lines[i].median) for i in order]),
        (LOW_LABEL, [number(lines[i].low) for i in order]),
        (HIGH_LABEL, [number(lines[i].high) for i in order]),
        (COVERAGE_LABEL, [lines[i].coverage for i in order]),
    ]
    if any(x.pooled is not None for x in lines):
        rows.append((POOLED_LABEL, [number(lines[i].pooled) for i in order]))
    return "".join(f'<tr><th class="township" scope="row">{escape(label)}</th><td></td>'
                   + "".join(f'<td class="num">{escape(v)}</td>' for v in values) + "</tr>"
                   for label, values in rows)


def _completeness(c: Comparison) -> str:
    """Townships as rows, the required parts as columns, each with the heading where it was found."""
    if not c.completeness:
        return ""
    parts = c.completeness[0].parts
    head = "".join(f"<th>{escape(p.name)}</th>" for p in parts)
    rows = []
    for e in c.completeness:
        cells = "".join(f'<td class="part-{"yes" if p.present else "no" if p.present is False else "unknown"}">'
                        f"{escape(part_text(p))}</td>" for p in e.parts)
        rows.append(f'<tr><th class="township" scope="row">{escape(e.township)}</th>{cells}'
                    f"<td>{escape(missing_text(e))}</td></tr>")
    return (f'<h2 id="completeness">{escape(COMPLETENESS_TITLE)}</h2>'
            f'<div class="scroll"><table class="completeness"><thead><tr><th class="township">'
            f"{escape(TOWNSHIP_HEADER)}</th>{head}<th>未见的部分</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            f'</table></div><p class="legend">{escape(COMPLETENESS_LEGEND)}</p>')


def _notes(c: Comparison) -> str:
    if not c.notes:
        return ""
    items = "".join(f"<li>{escape(note_text(n, c))}</li>" for n in c.notes)
    return f'<h2>注</h2><ol class="notes">{items}</ol>'


def _township_page(c: Comparison, n: int, r: Row, points: Sequence[HistoryPoint]) -> str:
    """A township's values over the years, each with the sentence it came from (shown when #t-N is targeted)."""
    head = (f'<section class="township-page" id="t-{n}"><p><a href="#table">← 返回全县对比表</a></p>'
            f"<h1>{escape(r.township)} 历年数据</h1>"
            f'<p class="summary">{escape(str(c.year))}年：{escape(status_text(r.status))}'
            + (f"（{escape(reason_text(r.status))}）" if reason_text(r.status) else "") + "</p>")
    if not points:
        return head + "<p>数据库中没有这个乡镇（街道）的已入库数据。</p></section>"
    years = sorted({p.year for p in points})
    names = {col.code: col for col in c.columns}
    by_indicator: dict[str, dict[int, HistoryPoint]] = {}
    for p in points:
        by_indicator.setdefault(p.indicator, {})[p.year] = p
    codes = [col.code for col in c.columns if col.code in by_indicator]
    codes += sorted(code for code in by_indicator if code not in names)
    rows = []
    for code in codes:
        col = names.get(code)
        label = col.header if col else code
        values = []
        for y in years:
            p = by_indicator[code].get(y)
            text = marked(p.value, p.qualifier) if p else ""
            if p and col and not col.fits(p.unit):
                text += f"{p.unit or ''}{UNIT_MARK}"
            values.append(f'<td class="num">{escape(text)}</td>')
        quotes = "".join(
            f"<div>{y}年：「{escape(by_indicator[code][y].quote or '')}」"
            f"<small>（{escape(_where(by_indicator[code][y]))}）</small></div>"
            for y in years if y in by_indicator[code])
        rows.append(f'<tr><th class="township" scope="row">{escape(label)}</th>{"".join(values)}'
                    f'<td class="quote">{quotes}</td></tr>')
    year_heads = "".join(f"<th>{y}年</th>" for y in years)
    return (head + f'<div class="scroll"><table class="history"><thead><tr><th class="township">指标（计量单位）</th>'
            f"{year_heads}<th>原文（页码，文件）</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
            "</section>")


def _where(p: HistoryPoint) -> str:
    return "，".join(x for x in (f"第{p.page}页" if p.page else "", p.file_name or "") if x)


def _charts(c: Comparison) -> str:
    if not c.columns:
        return ""
    charts = [_chart(col, [(r, r.cells[i]) for r in c.rows]) for i, col in enumerate(c.columns)]
    return f'<details><summary>各指标对比图</summary><div class="charts">{"".join(charts)}</div></details>'


def _chart(col: Column, cells: list) -> str:  # type: ignore[type-arg]
    """Horizontal bars, best first, for the townships whose value counts (unit fits)."""
    bars = sorted(((r.township, cell) for r, cell in cells if cell.value is not None and cell.fits),
                  key=lambda item: (item[1].value or 0) * (1 if col.fewer_is_better else -1))
    top = max((cell.value or 0 for _, cell in bars), default=0) or 1
    height = max(1, len(bars)) * (_BAR_HEIGHT + 6) + 10
    total_width = _LABEL_WIDTH + _BAR_AREA + _VALUE_WIDTH
    items = []
    for i, (township, cell) in enumerate(bars):
        y = 5 + i * (_BAR_HEIGHT + 6)
        length = max(1.0, (max(cell.value or 0, 0) / top) * _BAR_AREA)
        items.append(
            f'<text x="{_LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">{escape(township)}</text>'
            f'<rect x="{_LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{_BAR_HEIGHT}" fill="#3e7cb1"/>'
            f'<text x="{_LABEL_WIDTH + length + 4:.1f}" y="{y + 14}">{escape(cell_text(cell, col))}</text>'
        )
    if not bars:
        items.append('<text x="4" y="16">无数据</text>')
    label = escape(col.header)
    return (f"<figure><figcaption>{label}</figcaption>"
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_width}" height="{height}" role="img" '
            f'aria-label="{label}">{"".join(items)}</svg></figure>')
