"""Cue words: the catalog's, plus the grammar's own words for study and for counts the catalog does not hold.

All cues of a catalog go into one regex built once per catalog (`cue_index`), matched
with overlaps so 法治宣传单 holds both 法治宣传 and 宣传单.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.catalog import Catalog
from extractors.grammar.softbreaks import SOFT

STUDY = "@study"  # a generic study word; the study rules decide whose study it was
BLOCK = "@other"  # a word naming a kind of count the catalog does not hold

# Generic words for study; which indicator they mean depends on who studied.
STUDY_WORDS: tuple[str, ...] = (
    "学法", "学习", "培训", "专题辅导", "集中学习", "集体学习", "专题学习", "领学", "学法活动", "学习研究", "研究学习",
)
# Counts of things the catalog does not hold: when such a word is closest, the number stays "other".
OTHER_WORDS: tuple[str, ...] = (
    "研讨", "读书班", "读书会", "第一议题", "自学", "联组学习", "学习会", "党课", "会议", "党委会", "党工委会",
    "办公会", "例会", "联席会", "专题会", "研判会", "督导", "督查", "调研", "走访", "意见", "建议", "诉求",
    "全覆盖", "覆盖率", "参考率", "合格率", "通过率", "满意率", "持证率", "参训率", "参加率", "推广率", "参与率",
    "占比", "权重", "事项", "清单", "执法人员", "执法队员", "工作人员", "公职人员", "在编", "队员",
    "企业", "经营户", "观察点", "服务站", "工作站", "评查", "考核", "领域", "问题", "村委会",
    "嘎查村", "村(社区)", "村（社区）", "社区", "课时", "业务", "好差评", "满意", "简易程序", "一般程序",
    "出具", "回函", "派驻", "配备", "持有", "通报", "整改", "研究", "审议",
    # categories of the national administrative-enforcement statistics the catalog does not hold
    "行政许可", "行政强制", "行政征收", "行政征用", "行政给付", "行政确认", "行政奖励", "行政裁决", "普通程序",
    # hazards found and other courts' cases are not the township's enforcement cases
    "隐患", "民事诉讼", "刑事",
    # the disclosure-report table's categories and outcomes: parts of a total, not the total
    "工作动态", "通知公告", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "结转",
    "当面申请", "邮寄申请", "网络申请", "信函申请", "传真申请",
    # counts of staff, posts and places
    "执法证", "编制", "科室", "楼宇", "资格考试", "执法资格",
)
# Cues that a verb and its object make with other words between them (审核各类合同协议, 公开政府信息的申请):
# matched like cues, ending where the object ends.
FRAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:审核|审查|把关)[\u4e00-\u9fff]{0,6}?(?:合同|协议)"), "legality_reviews"),
    (re.compile(r"(?:公开|信息)[\u4e00-\u9fff]{0,8}?的申请"), "disclosure_requests"),
    (re.compile(r"公开[\u4e00-\u9fff]{1,8}?(?:信息|公文)"), "government_information_disclosed"),
    (re.compile(r"发布[\u4e00-\u9fff、]{1,24}?(?:领域|政务|政府|政策)信息"), "government_information_disclosed"),
)
# Verbs that make a count of visits or places an inspection count (检查工地出入口30余次, 检查住宅小区8个).
INSPECTION_VERBS = frozenset({"检查", "巡查", "抽查", "查看", "查验", "巡检", "执法检查", "行政检查", "日常巡查"})
# Generic head nouns: after a cue they end a compound (重大决策事项), the cue names what is counted.
HEAD_NOUNS = frozenset({"事项", "清单", "业务", "意见", "建议"})
PEOPLE_WORDS = frozenset({"执法人员", "执法队员", "工作人员", "公职人员", "在编", "队员"})
# Cues that name a family rather than one indicator: a number they decide is worth a second look.
GENERIC_CUES = frozenset({
    "宣传活动", "普法宣传", "法治宣传", "宣传资料", "资料", "咨询", "讲座", "宣讲", "授课", "受益", "惠及", "受教育",
    "信息公开", "公开信息", "政务信息", "政府信息", "发布信息", "考试", "调解", "调处", "查处", "综合执法", "巡查",
    "检查", "推送", "新媒体", "进社区", "进乡村", "进村居", "进校园", "进企业", "进机关", "成功率", "集体研究",
})

# Measure words grouped by what they count (次 and 场 both count sessions). Every pairing accepted here is
# also one the validation's unit check (core/units.py on main) accepts; this one is stricter
# (课时 are hours, not sessions), so a classified statistic never fails that check.
UNIT_GROUP: dict[str, str] = {
    "次": "次", "场": "次", "场次": "次", "期": "次", "堂": "次", "轮": "次", "批次": "次", "批": "次", "课": "次",
    "人次": "人次", "人": "人", "名": "人", "位": "人",
    "份": "份", "册": "份", "本": "份", "套": "份",
    "张": "张",  # posters are 张 as often as leaflets are: counted as 份 or as 条
    "件": "件", "宗": "件", "起": "件", "例": "件", "笔": "件", "卷": "件", "家次": "次", "户次": "次", "车次": "次",
    "条": "条", "篇": "条", "则": "条", "幅": "条", "块": "条",
    "个": "个", "处": "个", "家": "个", "所": "个", "项": "项", "元": "元", "%": "%",
}
_ACCEPTS: dict[str, frozenset[str]] = {
    "次": frozenset({"次"}),
    "人次": frozenset({"人次", "人"}),
    "人": frozenset({"人"}),  # people (advisers, exam takers) are not counted in attendances
    "份": frozenset({"份", "张"}),
    "条": frozenset({"条", "张"}),
    "件": frozenset({"件", "项", "次", "份", "张"}),
    "个": frozenset({"个"}),
    "项": frozenset({"项", "件"}),
    "元": frozenset({"元"}),
    "%": frozenset({"%"}),
}


@dataclass(frozen=True)
class CueIndex:
    """All cues of a catalog in one regex, built once per catalog."""

    pattern: re.Pattern[str]
    overlapping: re.Pattern[str]  # the longest cue starting at each position
    code_of: dict[str, str]
    unit_of: dict[str, str]
    parent_of: dict[str, str]
    also_in: dict[str, frozenset[str]]  # the catalog's also_in, by the grammar's unit groups


@lru_cache(maxsize=16)
def cue_index(catalog: Catalog) -> CueIndex:
    """The catalog's cues with the grammar's words; a user's catalog cue wins over a grammar word."""
    code_of: dict[str, str] = {}
    for word in OTHER_WORDS:
        code_of[word] = BLOCK
    for word in STUDY_WORDS:
        code_of[word] = STUDY
    for ind in catalog.indicators:
        for cue in ind.cues:
            code_of[cue] = ind.code
    words = sorted(code_of, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    unit_of = {ind.code: ind.unit for ind in catalog.indicators}
    overlapping = re.compile("(?=(" + pattern.pattern + "))")
    parent_of = {ind.code: ind.parent for ind in catalog.indicators if ind.parent}
    also_in = {ind.code: frozenset(unit_group(u) for u in ind.also_in) for ind in catalog.indicators if ind.also_in}
    return CueIndex(pattern, overlapping, code_of, unit_of, parent_of, also_in)


def cues_in(index: CueIndex, span: str) -> list[tuple[int, int, str]]:
    """Every cue in `span`, overlapping ones included (法治宣传单 holds 法治宣传 and 宣传单).

    Soft breaks (see `soft_view`) are read through: 专题培\n训 still holds 培训.
    """
    if SOFT not in span:
        return [(m.start(), m.start() + len(m.group(1)), m.group(1)) for m in index.overlapping.finditer(span)]
    where = [i for i, ch in enumerate(span) if ch != SOFT]
    squeezed = span.replace(SOFT, "")
    return [(where[m.start()], where[m.start() + len(m.group(1)) - 1] + 1, m.group(1))
            for m in index.overlapping.finditer(squeezed)]


# Counts of places (检查住宅小区8个) are an inspection's only when an inspection verb says so (indicator.py).
_PLACES = frozenset({"个", "户"})


def accepts(index: CueIndex, code: str, unit: str) -> bool:
    """Whether an indicator can hold a quantity in this measure word (次 and 场 both count sessions), or in one of
    the catalog's `also_in` words for it (行政检查 counted in 件)."""
    canonical = index.unit_of.get(code, "")
    group = unit_group(unit)
    return group in _ACCEPTS.get(unit_group(canonical), frozenset({canonical})) or \
        (group in index.also_in.get(code, frozenset()) and group not in _PLACES)


def unit_group(unit: str) -> str:
    return UNIT_GROUP.get(unit, unit)
