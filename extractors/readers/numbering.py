"""Word auto-numbering: the label ("一、", "（二）", "3.") Word draws but paragraph text lacks."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wval(el: etree._Element | None, tag: str) -> str | None:
    if el is None:
        return None
    child = el.find(w(tag))
    return None if child is None else child.get(w("val"))


@dataclass(frozen=True)
class Level:
    fmt: str
    text: str
    start: int


@dataclass(frozen=True)
class Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


_CN_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"


def chinese_number(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return str(n)


def roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                       (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += sym
            n -= value
    return out


def letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "chineseLegalSimplified", "koreanCounting"):
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    return str(n)


@dataclass
class Numbering:
    """Counts numbered paragraphs in body order, as Word does when it lays the document out."""

    levels: dict[str, dict[int, Level]]  # numId -> ilvl -> level
    counter_key: dict[str, str]  # numId -> key of the counter it shares
    styles: dict[str, Style]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, numbering: etree._Element | None, styles: etree._Element | None) -> Numbering:
        abstract: dict[str, dict[int, Level]] = {}
        levels: dict[str, dict[int, Level]] = {}
        keys: dict[str, str] = {}
        if numbering is not None:
            for an in numbering.iterfind(w("abstractNum")):
                abstract[an.get(w("abstractNumId"), "")] = {
                    int(lvl.get(w("ilvl"), "0")): _level(lvl) for lvl in an.iterfind(w("lvl"))}
            for num in numbering.iterfind(w("num")):
                num_id, abs_id = num.get(w("numId"), ""), wval(num, "abstractNumId") or ""
                lv = dict(abstract.get(abs_id, {}))
                overridden = False
                for ov in num.iterfind(w("lvlOverride")):
                    ilvl = int(ov.get(w("ilvl"), "0"))
                    if ov.find(w("lvl")) is not None:
                        lv[ilvl] = _level(ov.find(w("lvl")))
                    start = wval(ov, "startOverride")
                    if start is not None and ilvl in lv:
                        lv[ilvl] = Level(lv[ilvl].fmt, lv[ilvl].text, _int(start, 1))
                        overridden = True
                levels[num_id] = lv
                keys[num_id] = f"num{num_id}" if overridden else f"abs{abs_id}"
        return cls(levels=levels, counter_key=keys, styles=_styles(styles))

    def style_chain(self, style_id: str | None) -> list[Style]:
        chain: list[Style] = []
        while style_id and style_id in self.styles and len(chain) < 20:
            chain.append(self.styles[style_id])
            style_id = chain[-1].based_on
        return chain

    def label(self, p_pr: etree._Element | None) -> str:
        """The rendered number of a paragraph ("" when it is not numbered); advances the counters."""
        num_pr = None if p_pr is None else p_pr.find(w("numPr"))
        num_id = wval(num_pr, "numId")
        ilvl = _int(wval(num_pr, "ilvl"), None)
        for st in self.style_chain(wval(p_pr, "pStyle")):
            if num_id is None and st.num_id is not None:
                num_id = st.num_id
            if ilvl is None and st.ilvl is not None:
                ilvl = st.ilvl
        ilvl = ilvl or 0
        if not num_id or num_id == "0" or num_id not in self.levels or ilvl not in self.levels[num_id]:
            return ""
        lv = self.levels[num_id]
        counts = self.counters.setdefault(self.counter_key[num_id], {})
        counts[ilvl] = counts.get(ilvl, lv[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if lv[ilvl].fmt in ("bullet", "none"):
            return ""
        text = lv[ilvl].text
        for i in range(9, -1, -1):
            token = f"%{i + 1}"
            if token in text:
                n = counts.get(i, lv[i].start if i in lv else 1)
                text = text.replace(token, format_number(n, lv[i].fmt if i in lv else "decimal"))
        return text

    def outline_level(self, p_pr: etree._Element | None) -> int | None:
        """1-based heading level from the paragraph's outline level or its Heading style."""
        own = _int(wval(p_pr, "outlineLvl"), None)
        if own is not None:
            return own + 1 if own < 9 else None
        for st in self.style_chain(wval(p_pr, "pStyle")):
            name = st.name.lower()
            if name.startswith(("heading ", "标题 ")) and name.split()[-1].isdigit():
                return int(name.split()[-1])
            if st.outline is not None:
                return st.outline + 1 if st.outline < 9 else None
        return None


def _level(lvl: etree._Element) -> Level:
    return Level(fmt=wval(lvl, "numFmt") or "decimal", text=wval(lvl, "lvlText") or "",
                 start=_int(wval(lvl, "start"), 1))


def _styles(styles: etree._Element | None) -> dict[str, Style]:
    out: dict[str, Style] = {}
    if styles is None:
        return out
    for st in styles.iterfind(w("style")):
        p_pr = st.find(w("pPr"))
        num_pr = None if p_pr is None else p_pr.find(w("numPr"))
        out[st.get(w("styleId"), "")] = Style(
            name=wval(st, "name") or "", based_on=wval(st, "basedOn"), num_id=wval(num_pr, "numId"),
            ilvl=_int(wval(num_pr, "ilvl"), None), outline=_int(wval(p_pr, "outlineLvl"), None))
    return out


def _int(value: str | None, default: int | None) -> int | None:  # type: ignore[return]
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
