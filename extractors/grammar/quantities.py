"""Find the quantities a report states: a number, its measure word and its qualifier.

A quantity is a number followed by a measure word (次, 场, 人次, 份, %, ...). What looks
like one but is not a statistic is left out here, by grammar rather than by phrase
lists where possible: dates and years (年/月/日 are no measure words), section numbers,
ordinals (第三), numbers inside quotes (slogans: “四个意识”) or book titles (《...》),
frequencies (每月1次), masked numbers (*), bare 一 (一次性, 一件事) and bare 百/千/万
(千家万户).
"""

from __future__ import annotations

import bisect
import re

from core.records import Qualifier, Quantity
from extractors.grammar import clauses
from extractors.grammar.numerals import CN_NUMERAL_CHARS, parse_number
from extractors.grammar.time_limit import check

# Measure words, longest first so 人次 wins over 人 and 场次 over 场.
UNITS: tuple[str, ...] = (
    "平方公里", "平方千米", "平方米", "人次", "场次", "批次", "件次", "户次", "家次", "车次", "条次", "课时", "学时",
    "公里", "千米", "公顷",
    "次", "场", "期", "堂", "轮", "批", "课", "人", "名", "位", "户", "份", "册", "本", "张", "套",
    "件", "宗", "起", "例", "单", "条", "篇", "则", "幅", "块", "个", "处", "家", "所", "项", "元",
    "%", "％", "笔", "类", "大", "亩", "支", "卷", "辆", "座", "台", "栋", "艘", "吨", "米",
)
# A measure word followed by these characters is part of another word (3个月 is a duration, 5单位 ...).
_NOT_A_UNIT_AFTER: dict[str, str | tuple[str, ...]] = {
    "个": ("月", "工作日", "小时", "星期", "季度", "百分点", "部分"),  # 本报告由6个部分组成: the report's structure
    "人": "民员大才口士均",
    "名": "单称义",
    "期": "间限末初满",
    "次": "日年月",
    "场": "所地景合",
    "件": "事",
    "项": "目",
    "本": "人级部",
    "单": "位",
    "条": "例款",
    "起": "诉草来到",
    "处": "理置罚室",
    "所": "长有以在属",
    "家": "庭属",
    "批": "准复评",
    "课": "题程",
    "张": "贴",
    "元": "旦",
    "大": "精会以报和、，,。的及代胜召",
    "类": "似型",
    "例": "会",
    "位": "一于置",
    "卷": "宗",
    "座": "谈",
    "台": "账阶",
    "米": "粒面",
}
_OVER_BEFORE = ("不少于", "不低于", "至少", "超过", "超出", "多达", "逾", "超", "上")
_UNDER_BEFORE = ("将近", "接近", "不足", "不到", "未满", "近")
_ABOUT_BEFORE = ("大约", "约")
# Words that end in 约 (村规民约, 居民公约): their 约 is no "about" before the number that follows.
_WORDS_ENDING_IN_YUE = re.compile(r"(?:民|公|合|契|规|条|签|履|违|预|特|邀|节|制|简|誓|盟|租|婚|相|践|守|立|解|续)约$")
# 上 counts as "over" only in 上百/上千/上万
_PRE = "|".join(w if w != "上" else "上(?=[百千万])" for w in _OVER_BEFORE + _UNDER_BEFORE + _ABOUT_BEFORE)

# Every repetition is bounded and a number never starts inside a run of its own kind of numeral, so each
# position costs a bounded amount of work and the scan is linear in the text: an unbounded [0-9]+ retried
# at every digit of a long run with no measure word after it was quadratic (40,000 digits: 220 s).
# The bounds lie far above any count a report states (more than _MAX_DIGITS digits is an identifier).
_ARABIC = (r"[0-9０-９]{1,3}(?:[,，][0-9０-９]{3}){1,7}(?:[.．][0-9０-９]{1,12})?"
           r"|[0-9０-９]{1,24}(?:[.．][0-9０-９]{1,12})?")
_CHINESE = f"[{CN_NUMERAL_CHARS}]{{1,24}}"
_ARABIC_START = rf"(?<![0-9０-９])(?:{_ARABIC})"
_CHINESE_START = rf"(?<![{CN_NUMERAL_CHARS}])(?:{_CHINESE})"
# Vague numbers: 数十 / 几十 (some tens), 十几 / 二十几 (ten-odd). Their value is a floor, not a count to add up.
_VAGUE = "[数几][十百千万]|[二三四五六七八九]?十几"
_VAGUE_FLOOR = {"十": 10, "百": 100, "千": 1000, "万": 10_000}
# Multi-character measure words may be split by a PDF line wrap (人\n次).
_UNIT = "|".join(r"[ \n]?".join(re.escape(ch) for ch in u) for u in UNITS)

_DIGITS = "0123456789０１２３４５６７８９"
_FIRST = "".join(sorted({w[0] for w in _PRE.split("|")} | set(CN_NUMERAL_CHARS) | set(_DIGITS) | {"数", "几"}))
QUANTITY = re.compile(
    rf"""
    (?=[{_FIRST}])  # a quick test at each position before the full pattern
    (?:(?P<pre>{_PRE})[ ]?)?
    (?:(?P<pct>百分之)(?P<pctnum>{_ARABIC}|{_CHINESE})
      |(?P<num>{_ARABIC_START}|{_VAGUE}|{_CHINESE_START})
       (?:\s?[-－—~～至到](?P<upper>{_ARABIC}|{_CHINESE}))?
       [ \t\n]?(?P<mult>[万亿])?(?P<mid>余|多)?(?P<mult2>[万亿])?[ \t\n]?(?P<unit>{_UNIT}))
    (?P<post>以上|以下|以内|左右|之多)?
    """,
    re.VERBOSE,
)
# Fixed phrases of political language, written with or without quotes; a number in them counts nothing.
FIXED_PHRASES = re.compile(
    r"[一二两三四五六七八九十]{1,4}个(?:意识|自信|维护|确立|全面|代表|务必|坚持|转型|成为|亲自|方面|清单|规划|下功夫)"
    r"|成百上千|成千上万|三会一课|一岗双责|三重一大|两学一做|五位一体|四下基层|[七八九]五普法|法律[六七八]进|[三四五六]公开|[一二两三四五六七八九十]项制度"
    r"|(?:[\u4e00-\u9fff]{2}一批、)+[\u4e00-\u9fff]{2}一批"  # 教育一批、整改一批、处罚一批
    r"|一规划两纲要|一村一法律顾问|一村\(社区\)一法律顾问|一件事|一次办|最多跑一次|一网通办|一窗受理"
)
_BOOK_TITLE = re.compile(r"《[^《》\n]{0,60}》")
_QUOTED = re.compile(r"[“\"「『‘][^“”\"」』’]{0,16}[”\"」』’]")  # a PDF line may wrap inside
_CLAUSE_BREAK = "，,。；;：:！？!?\n\t"
_CONGRESS = re.compile(r"(?:十[六七八九]|二十[一二]?)$")
_PAGE_METADATA = re.compile(r"浏览|点击|阅读|访问|查看")
_NAVIGATION = re.compile(r"\s*(?:上一篇|下一篇|上一条|下一条|相关阅读|相关链接)")  # links to other articles
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_MAX_DIGITS = 12
_BARE = frozenset("一百千万亿零〇十")
_ZERO_UNITS = frozenset(("件", "起", "宗", "例", "次", "人", "名", "人次"))


def find_quantities(text: str) -> list[Quantity]:
    """Every number with a measure word in `text` that states a count, amount or rate."""
    blocked = _blocked_spans(text)
    years = {int(y) for y in _YEAR.findall(text)}
    out: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        check()  # the document's time limit (extractors/extract.py)
        q = _quantity(text, m, blocked)
        if q is not None and not _year_without_nian(text, m, q, years):
            out.append(q)
    if "\t" in text:
        starts = [q.start for q in out]  # sorted and not overlapping: finditer's order

        def taken(pos: int) -> bool:
            i = bisect.bisect_right(starts, pos) - 1
            return i >= 0 and pos < out[i].end

        out.extend([q for q in table_quantities(text) if not taken(q.start)])
        out.sort(key=lambda q: q.start)
    return out


_CELL_UNIT = re.compile(rf"[（(](?:单位[:：]\s*)?(?P<mult>[万亿])?(?P<unit>{_UNIT})[)）]\s*$")
_UNIT_CELL = re.compile(rf"(?P<mult>[万亿])?(?P<unit>{_UNIT})")
_UNIT_HEADERS = frozenset({"单位", "计量单位", "单 位"})
# (?:\s*%)? rather than \s*%?\s*: two free runs of spaces side by side backtrack quadratically
_BARE_CELL = re.compile(rf"^\s*(?P<num>{_ARABIC}|{_CHINESE})(?:\s*(?P<pct>%|％))?\s*$")


def table_quantities(text: str) -> list[Quantity]:
    """Bare numbers in table cells, with the unit their row label, unit column or column header names.

    Rows are lines of cells joined by tabs; the first row of a run of such lines is the header.
    普法宣传活动（次）\t19 -> 19 次. Cells that carry their own unit are found by the prose grammar.
    """
    out: list[Quantity] = []
    header: _Header | None = None
    pos = 0
    for line in text.split("\n"):
        check()
        if "\t" not in line:
            header = None
        elif header is None:
            header = _Header(line.split("\t"))
        else:
            out.extend(_row_quantities(line.split("\t"), header, pos))
        pos += len(line) + 1
    return out


class _Header:
    """A table's header row, read once for all its rows: the unit column and each column's unit."""

    def __init__(self, cells: list[str]) -> None:
        self.unit_col = next((i for i, h in enumerate(cells) if h.strip() in _UNIT_HEADERS), None)
        self.units = [_CELL_UNIT.search(h) for h in cells]

    def unit(self, col: int) -> re.Match[str] | None:
        return self.units[col] if col < len(self.units) else None


def _row_quantities(cells: list[str], header: _Header, pos: int) -> list[Quantity]:
    unit_col = header.unit_col
    unit_cell = cells[unit_col].strip() if unit_col is not None and unit_col < len(cells) else ""
    label_unit = next((u for u in (_CELL_UNIT.search(c) for c in cells[:2]) if u), None)
    row_unit = label_unit or _UNIT_CELL.fullmatch(unit_cell)
    out: list[Quantity] = []
    offset = pos + len(cells[0]) + 1
    for col, cell in enumerate(cells[1:], start=1):
        m = _BARE_CELL.match(cell)
        unit_m = row_unit or header.unit(col)
        written = m.group("num") if m else ""
        if m and (unit_m or m.group("pct")) and not (written[0] in CN_NUMERAL_CHARS and written in _BARE):
            value = parse_number(written)
            if value is not None:
                unit = "%" if m.group("pct") or unit_m is None else unit_m.group("unit")
                if not m.group("pct") and unit_m is not None and unit_m.group("mult"):
                    value *= 10_000 if unit_m.group("mult") == "万" else 100_000_000
                end = offset + (m.end("pct") if m.group("pct") else m.end("num"))
                out.append(Quantity(value=value, unit="%" if unit == "％" else unit, qualifier="exact",
                                    start=offset + m.start("num"), end=end))
        offset += len(cell) + 1
    return out


def _year_without_nian(text: str, m: re.Match[str], q: Quantity, years: set[int]) -> bool:
    """2023张庄镇邀请...: a year the report names elsewhere, run into a name starting with a measure word."""
    written = m.group("num") or ""
    nxt = text[q.end : q.end + 1]
    return (len(written) == 4 and q.value in years and q.qualifier == "exact"
            and bool(nxt) and "\u4e00" <= nxt <= "\u9fff")


def _blocked_spans(text: str) -> bytearray:
    """Book titles, short quoted phrases and fixed political phrases: numbers inside are names and slogans.

    One flag per character: 1 where a number would stand inside such a span.
    """
    mask = bytearray(len(text))
    for pattern in (_BOOK_TITLE, _QUOTED):
        for m in pattern.finditer(text):
            mask[m.start() + 1 : m.end() - 1] = b"\x01" * max(0, m.end() - m.start() - 2)
    for m in FIXED_PHRASES.finditer(text):
        mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return mask


def _inside(pos: int, blocked: bytearray) -> bool:
    return 0 <= pos < len(blocked) and blocked[pos] == 1


def _quantity(text: str, m: re.Match[str], blocked: bytearray) -> Quantity | None:
    num_group = "pctnum" if m.group("pct") else "num"
    written = m.group(num_group)
    num_start = m.start("pct") if m.group("pct") else m.start("num")
    if _inside(num_start, blocked) or not _number_stands_alone(text, m, num_start):
        return None
    vague = re.fullmatch(_VAGUE, written) is not None
    chinese = written[0] in CN_NUMERAL_CHARS and not vague
    value = _vague_floor(written) if vague else parse_number(written)
    if value is None or (not chinese and sum(ch.isdigit() for ch in written) > _MAX_DIGITS):
        return None  # an identifier or a phone number, not a count
    pre, mid, post = m.group("pre") or "", m.group("mid") or "", m.group("post") or ""
    if m.group("pct"):
        unit = "%"
    else:
        unit = "%" if m.group("unit") == "％" else re.sub(r"\s", "", m.group("unit"))
        if _unit_is_other_word(text, m) or (unit in _LENGTHS and _is_location(text, m)):
            return None
        mult = (m.group("mult") or "") + (m.group("mult2") or "")
        for ch in mult:
            value *= 10_000 if ch == "万" else 100_000_000
        if chinese and not _chinese_count_plausible(text, m, written, bool(pre or mid or post or mult)):
            return None
        if m.group("upper"):
            upper = parse_number(m.group("upper"))
            if upper is None or upper <= value:
                return None
    if pre == "近" and m.start() > 0 and text[m.start() - 1] in "最附临靠接将":
        pre = ""
    if pre == "约" and _WORDS_ENDING_IN_YUE.search(text, max(0, m.start() - 1), m.start() + 1):
        pre, num_start = "", m.start("num")  # 村规民约8项: the 约 ends a word
    start = m.start() if pre else num_start
    end = m.end() if post else m.end("unit") if not m.group("pct") else m.end("pctnum")
    qualifier = _qualifier(pre, mid, post, bool(m.group("upper")))
    if vague:  # 数十次: some tens, 十几次: ten and more
        qualifier = "over" if written.endswith("几") else "about"
    return Quantity(value=value, unit=unit, qualifier=qualifier, start=start, end=end)


def _vague_floor(written: str) -> float:
    """数十 -> 10, 几百 -> 100, 十几 -> 10, 二十几 -> 20: the least the words can mean."""
    if written.endswith("几"):
        return float(parse_number(written[:-1]) or 10)
    return float(_VAGUE_FLOOR[written[1]])


def _number_stands_alone(text: str, m: re.Match[str], num_start: int) -> bool:
    """Not part of a longer token: 第三 (ordinal), A3, 1.2.3, *5 (masked), 每月1次 (frequency)."""
    before = text[num_start - 1] if num_start > 0 else ""
    if before and (before in "第*＊×.．-－/／#０１２３４５６７８９" or (before.isascii() and before.isalnum())):
        return False
    after = text[m.end() : m.end() + 1]
    if after in ("*", "＊"):
        return False
    window = text[max(0, num_start - 10) : num_start]
    cut = max(window.rfind(c) for c in _CLAUSE_BREAK)
    if "每" in window[cut + 1 :]:
        return False
    line_start = clauses.line_start(text, num_start)  # O(log n): rfind from every number made one line quadratic
    if _NAVIGATION.match(text, line_start, line_start + 64):  # bounded: its \s* would rescan a line per number
        return False
    return not (num_start - line_start <= 12 and _PAGE_METADATA.search(text[line_start:num_start]))


def _is_location(text: str, m: re.Match[str]) -> bool:
    """路口向东100米 / 距镇政府约3公里: a length in an address or a direction is a place, not a statistic."""
    window = max(0, m.start() - 30)  # no break in it: the window, not the whole text before (linear)
    start = max(text.rfind(c, window, m.start()) for c in _CLAUSE_BREAK) + 1 or window
    return _LOCATION.search(text, start, m.start()) is not None


def _unit_is_other_word(text: str, m: re.Match[str]) -> bool:
    unit = re.sub(r"\s", "", m.group("unit"))
    after = text[m.end("unit") : m.end("unit") + 3]
    words = _NOT_A_UNIT_AFTER.get(unit, "")
    return bool(after) and (after.startswith(words) if isinstance(words, tuple) else after[0] in words)


def _chinese_count_plausible(text: str, m: re.Match[str], written: str, qualified: bool) -> bool:
    """Chinese numerals double as words: 一次性, 千家万户, 四个方面, 党的二十大.

    Bare 一/百/千/万 need a qualifier (百余条, 近千人, 万余人); a small number with 个/大/项
    before a noun is a description (四个方面) unless it sums up a list (东岭、西岭、南岭三个村).
    """
    unit = re.sub(r"\s", "", m.group("unit"))
    if written == "零":  # 行政诉讼案件零起，: a stated zero; 零件厂 / 零星 are words
        follow = text[m.end() : m.end() + 1]
        return unit in _ZERO_UNITS and (not follow or follow in _CLAUSE_BREAK + "、）)")
    follow = text[m.end() : m.end() + 1]
    ends_clause = not follow or follow in _CLAUSE_BREAK  # 示范村四个， / 文件一件。: a count, not 四个意识
    if written in _BARE and not qualified and not (ends_clause and written in ("一", "十")) \
            and not (written == "一" and _in_count_list(text, m, unit)):
        return False
    if unit == "大" and (_CONGRESS.search(written) or text[max(0, m.start() - 2) : m.start()] == "党的"):
        return False
    if unit in ("个", "大", "项", "条", "套", "支", "类") and not qualified and (parse_number(written) or 0) < 10 \
            and not ends_clause:
        before = text[clauses.start_of_clause(text, m.start()) : m.start()]
        if "、" not in before:
            return False
    return True


_LIST_UNITS = frozenset("名人位个件次场项家所处")  # not 批: 教育一批、整改一批 is a slogan
_LENGTHS = frozenset(("米", "千米", "公里"))
_LOCATION = re.compile(r"地址|位于|距离?|[向往朝沿][东西南北]|路口|附近|以[东西南北]")


def _in_count_list(text: str, m: re.Match[str], unit: str) -> bool:
    """一名公务员、一名参公、三名事业编制: a list of counts in one measure word; its 一 counts too."""
    window = max(0, m.start() - 40)  # no break in it: the window, not the whole text before (linear)
    start = max(text.rfind(c, window, m.start()) for c in _CLAUSE_BREAK) + 1 or window
    ends = [i for i in (text.find(c, m.end(), m.end() + 40) for c in _CLAUSE_BREAK) if i >= 0]
    clause = text[start : min(ends) if ends else m.end() + 40]
    items = [item for item in clause.split("、") if item]
    counted = [item for item in items if re.search(rf"(?:[0-9]+|[{CN_NUMERAL_CHARS}]+){re.escape(unit)}", item)]
    return unit in _LIST_UNITS and len(items) >= 2 and len(counted) == len(items)


def _qualifier(pre: str, mid: str, post: str, is_range: bool) -> Qualifier:
    if pre in _OVER_BEFORE or mid or post in ("以上", "之多") or is_range:
        return "over"
    if pre in _UNDER_BEFORE or post in ("以下", "以内"):
        return "under"
    if pre in _ABOUT_BEFORE or post == "左右":
        return "about"
    return "exact"
