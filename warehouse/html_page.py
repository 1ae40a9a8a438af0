"""The comparison as one self-contained HTML page: inline CSS, an inline SVG bar chart per indicator.

Every piece of data goes through html.escape (a township named <script> shows as text); the
page loads nothing and needs no JavaScript, so it opens the same on an offline office PC.
"""

from __future__ import annotations

from html import escape

from warehouse.compare import Column, Comparison, Row
from warehouse.display import (
    CHANGE_SUFFIX,
    LEGEND,
    MEDIAN_LABEL,
    RANK_SUFFIX,
    STATUS_LABEL,
    TOTAL_LABEL,
    TOWNSHIP_HEADER,
    cell_text,
    change_text,
    number,
    rank_text,
)

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:24px;color:#1f2933;background:#fff}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #c7d2dc;padding:4px 8px;white-space:nowrap}
th{background:#ddebf7;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td small{color:#52606d}
tr.summary td{font-weight:bold;background:#f5f7fa}
tr.missing td{color:#9aa5b1}
.legend{font-size:13px;color:#52606d;max-width:60em}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0}figcaption{font-size:14px;font-weight:bold;margin-bottom:4px}
svg text{font-family:inherit;font-size:12px;fill:#1f2933}
"""

_BAR_HEIGHT = 20
_LABEL_WIDTH = 130
_BAR_AREA = 300
_VALUE_WIDTH = 90


def html_page(c: Comparison, title: str) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="legend">{escape(LEGEND)}</p>',
        _table(c),
        _missing(c),
    ]
    if c.columns:
        parts.append("<h2>各指标对比图</h2><div class=\"charts\">")
        parts += [_chart(col, [(r, r.cells[i]) for r in c.rows]) for i, col in enumerate(c.columns)]
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _table(c: Comparison) -> str:
    if not c.columns:
        return "<p>本年度没有已入库的指标数据。</p>"
    head = [f"<th>{escape(TOWNSHIP_HEADER)}</th>"]
    head += [f"<th>{escape(col.header)}</th>" for col in c.columns]
    rows = [f"<tr>{''.join(head)}</tr>"]
    for r in c.rows:
        rows.append(_row_html(r, c.columns))
    totals = "".join(f'<td class="num">{escape(cell_text(t, col))}</td>'
                     for t, col in zip(c.totals, c.columns, strict=True))
    medians = "".join(f'<td class="num">{escape(number(m))}</td>' for m in c.medians)
    rows.append(f'<tr class="summary"><td>{escape(TOTAL_LABEL)}</td>{totals}</tr>')
    rows.append(f'<tr class="summary"><td>{escape(MEDIAN_LABEL)}</td>{medians}</tr>')
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def _row_html(r: Row, columns: tuple[Column, ...]) -> str:
    name = escape(r.township)
    if not r.reported:
        name += f" <small>（{escape(STATUS_LABEL[r.status])}）</small>"
    cells = []
    for cell, col in zip(r.cells, columns, strict=True):
        value = escape(cell_text(cell, col))
        notes = [x for x in (f"{CHANGE_SUFFIX} {change_text(cell)}" if cell.change is not None else "",
                             f"{RANK_SUFFIX} {rank_text(cell)}" if cell.rank is not None else "") if x]
        extra = f"<br><small>{escape('，'.join(notes))}</small>" if notes else ""
        hover = f' title="{escape(cell.quote)}"' if cell.quote else ""
        cells.append(f'<td class="num"{hover}>{value}{extra}</td>')
    css = "" if r.reported else ' class="missing"'
    return f"<tr{css}><td>{name}</td>{''.join(cells)}</tr>"


def _missing(c: Comparison) -> str:
    if not c.missing:
        return "<p>所有乡镇（街道）均已报送。</p>"
    items = "".join(
        f"<li>{escape(r.township)}：{escape(STATUS_LABEL[r.status])}</li>" for r in c.rows if not r.reported
    )
    return f"<h2>未报送或未通过校验的乡镇（街道）</h2><ul>{items}</ul>"


def _chart(col: Column, cells: list) -> str:  # type: ignore[type-arg]
    """Horizontal bars, largest first, for the townships that reported the indicator."""
    bars = sorted(((r.township, cell) for r, cell in cells if cell.value is not None),
                  key=lambda item: -(item[1].value or 0))
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
