"""The wording of generated reports: templates per indicator, formulaic prose, and distractors.

Written for this project in the register of township reports. Placeholders: {name} 东岗镇,
{short} 东岗, {self} 我镇, {lvl} 镇, {party} 镇党委, {gov} 镇政府, {year}, {next} (year + 1),
{county} 清源县, {units} 村（社区）. In a template, ⟦...⟧ marks the gold quote and {n} the number
with its unit and hedges; a trailing |册 fixes the measure word the wording needs.
"""

from __future__ import annotations

# code -> (measure words, templates). The quote always holds the cue and the number.
STAT_TEMPLATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "publicity_events": (("次", "场", "场次"), (
        "全年⟦共开展普法宣传活动{n}⟧", "⟦组织开展法治宣传活动{n}⟧", "⟦累计开展{n}普法宣传活动⟧",
        "⟦普法宣传活动共{n}⟧", "⟦开展各类法治宣传教育活动{n}⟧")),
    "publicity_campaigns": ((), ("⟦集中宣传{n}⟧", "⟦开展主题宣传{n}⟧", "⟦宣传日活动{n}⟧", "⟦集中普法{n}⟧")),
    "law_into_communities_events": ((), ("⟦法律进农村{n}⟧", "⟦送法下乡{n}⟧", "⟦法律进社区{n}⟧", "⟦法律进村{n}⟧")),
    "law_into_schools_enterprises_events": ((), ("⟦法律进校园{n}⟧", "⟦法律进企业{n}⟧", "⟦送法进企业{n}⟧")),
    "legal_lectures": (("次", "场", "期"), (
        "⟦举办法治讲座{n}⟧", "邀请律师⟦开展法律讲座{n}⟧", "⟦开展“以案释法”宣讲{n}⟧", "⟦举办普法讲座{n}⟧")),
    "publicity_audience": (("人次", "人次", "人"), (
        "⟦受教育群众{n}⟧", "⟦受教育人数达{n}⟧", "⟦覆盖群众{n}⟧", "⟦参与群众达{n}⟧", "⟦受益群众{n}⟧")),
    "publicity_materials": (("份",), (
        "⟦发放法治宣传资料{n}⟧", "⟦发放宣传单{n}⟧", "⟦发放法律宣传资料{n}⟧", "⟦印发普法宣传册{n}⟧|册",
        "⟦发放《民法典》读本{n}⟧|本")),
    "publicity_banners_posters": (("条", "幅", "条"), (
        "⟦悬挂宣传横幅{n}⟧", "⟦张贴法治宣传标语{n}⟧", "⟦悬挂横幅{n}⟧")),
    "online_publicity_posts": (("条", "篇"), (
        "通过微信公众号⟦推送普法信息{n}⟧", "⟦发布网络普法信息{n}⟧", "⟦推送以案释法案例{n}⟧")),
    "legal_consultations": (("人次", "人次", "人"), (
        "⟦现场解答群众法律咨询{n}⟧", "⟦接受群众咨询{n}⟧", "⟦解答法律咨询{n}⟧")),
    "leadership_law_study_sessions": (("次",), (
        "{party}理论学习中心组⟦集体学法{n}⟧", "⟦{party}会前学法{n}⟧", "全年⟦领导班子集体学法{n}⟧",
        "⟦理论学习中心组专题学法{n}⟧")),
    "official_training_sessions": (("次", "期", "场"), (
        "⟦组织全{lvl}干部集中学法{n}⟧", "⟦举办干部法治培训班{n}⟧", "⟦开展干部职工集体学法{n}⟧",
        "⟦开展执法人员业务培训{n}⟧")),
    "official_training_participants": (("人次",), ("⟦累计参训{n}⟧", "⟦培训干部职工{n}⟧", "⟦参训人员达{n}⟧")),
    "law_exam_participants": (("人", "名"), ("⟦参加年度学法考试{n}⟧", "⟦组织干部参加网上学法考试{n}⟧")),
    "major_decisions": (("项", "件"), ("⟦作出重大行政决策{n}⟧", "⟦提交集体研究的重大决策事项{n}⟧")),
    "legality_reviews": (("件", "份", "项"), (
        "⟦完成合法性审查{n}⟧", "⟦审核各类合同协议{n}⟧", "⟦开展合法性审核{n}⟧", "⟦法律顾问审查合同{n}⟧")),
    "normative_documents": (("件",), ("⟦清理规范性文件{n}⟧",)),
    "legal_advisers": (("名", "位"), ("⟦聘请法律顾问{n}⟧", "{gov}⟦聘请常年法律顾问{n}⟧", "⟦配备法律顾问{n}⟧")),
    "government_information_disclosed": (("条",), ("⟦主动公开政府信息{n}⟧", "⟦发布政务公开信息{n}⟧")),
    "disclosure_requests": (("件",), ("⟦办理政府信息依申请公开{n}⟧", "⟦收到政府信息公开申请{n}⟧")),
    "enforcement_cases": (("件", "起"), (
        "⟦办理行政处罚案件{n}⟧", "⟦立案查处各类违法案件{n}⟧", "⟦综合执法办理案件{n}⟧")),
    "enforcement_fines": (("元",), ("⟦罚没款{n}⟧", "⟦处罚金额共计{n}⟧", "⟦收缴罚款{n}⟧")),
    "enforcement_inspections": (("次",), ("⟦开展执法检查{n}⟧", "⟦开展专项检查{n}⟧", "⟦组织安全检查{n}⟧")),
    "administrative_reconsiderations": (("件", "起"), ("⟦行政复议案件{n}⟧", "⟦引发行政复议{n}⟧")),
    "administrative_litigations": (("件", "起"), ("⟦行政诉讼案件{n}⟧", "⟦行政应诉案件{n}⟧")),
    "litigation_losses": (("件",), ("⟦败诉{n}⟧",)),
    "head_court_appearance_rate": (("%",), ("⟦负责人出庭应诉率{n}⟧", "⟦负责人出庭应诉率达{n}⟧")),
    "disputes_mediated": (("件", "起"), (
        "⟦排查调处矛盾纠纷{n}⟧", "⟦化解矛盾纠纷{n}⟧", "⟦人民调解组织调解纠纷{n}⟧", "⟦调处各类矛盾纠纷{n}⟧")),
    "mediation_success_rate": (("%",), ("⟦调解成功率{n}⟧", "⟦调处成功率达{n}⟧", "⟦化解率达{n}⟧")),
    "petitions_handled": (("件", "批次"), ("⟦受理群众来信来访{n}⟧", "⟦办理信访件{n}⟧", "⟦接待处理信访案件{n}⟧")),
    "legal_aid_cases": (("件",), ("⟦办理法律援助案件{n}⟧", "⟦受理法律援助案件{n}⟧")),
    "mediation_committees": (("个",), ("⟦建立人民调解委员会{n}⟧", "⟦设立调解室{n}⟧")),
    "rule_of_law_demonstration_villages": (("个",), ("⟦创建民主法治示范村{n}⟧", "⟦建成法治示范村（社区）{n}⟧")),
    "legally_literate_villagers": (("名", "人"), ("⟦培育“法律明白人”{n}⟧", "⟦培养法治带头人{n}⟧")),
}

# "Did not happen" statements, labelled major_incidents = 0 起.
NO_INCIDENT = ("⟦全年未发生重大安全事故⟧", "⟦未发生重大损失、重大安全事故⟧",
               "⟦全年未发生一起重大安全生产事故⟧", "⟦全年未发生重大事故⟧")

# Statistics that fit no indicator: (measure word, templates, low, high) at size 1.
OTHER_TEMPLATES: tuple[tuple[str, tuple[str, ...], int, int], ...] = (
    ("支", ("⟦组建普法志愿者队伍{n}⟧",), 2, 8),
    ("处", ("⟦排查安全隐患{n}⟧", "⟦整改安全隐患{n}⟧"), 20, 160),
    ("次", ("⟦开展专题研讨{n}⟧", "⟦召开法治建设专题会议{n}⟧"), 2, 6),
    ("个", ("⟦建成法治文化广场{n}⟧", "⟦打造法治文化阵地{n}⟧"), 1, 6),
    ("名", ("⟦配备专职网格员{n}⟧",), 20, 120),
    ("份", ("⟦修订完善村规民约{n}⟧",), 6, 25),
    ("件", ("⟦公开执法过程和结果{n}⟧", "⟦办结民生实事{n}⟧"), 5, 40),
    ("人次", ("⟦出动执法人员{n}⟧",), 300, 1800),
)
OTHER_RATES: tuple[str, ...] = ("⟦执法人员持证率达{n}⟧", "⟦群众满意率达{n}⟧", "⟦参考率达{n}⟧", "⟦按时办结率{n}⟧",
                                "群众法治知晓率⟦同比提高{n}⟧")

OPENINGS = (
    "{year}年以来，{name}在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻"
    "习近平法治思想和党的二十大精神，紧紧围绕全{lvl}中心工作，扎实推进法治政府建设各项任务落地见效。"
    "现将{year}年度法治政府建设工作情况报告如下：",
    "{year}年度，{self}认真贯彻落实《法治政府建设实施纲要（2021-2025年）》，以“八五”普法规划为抓手，"
    "切实履行推进法治建设第一责任人职责，依法行政水平稳步提升。现将有关情况报告如下。",
    "{year}年，在县委依法治县办的精心指导下，{party}坚持把法治政府建设摆在全局工作的重要位置，牢固树立"
    "“四个意识”，坚决做到“两个维护”，推动各项工作在法治轨道上运行。现将本年度工作报告如下：",
    "根据《{county}{year}年度法治政府建设工作要点》要求，{self}对照年度目标任务逐项梳理，"
    "现将{year}年度法治政府建设情况报告如下。",
    "{year}年度，{name}坚持以习近平法治思想为引领，认真落实中共中央、国务院《法治政府建设实施纲要"
    "（2021-2025年）》和省、市、县关于法治政府建设的各项部署，统筹推进依法行政、普法宣传和基层依法治理，"
    "为全{lvl}高质量发展营造了良好法治环境。现将本年度法治政府建设情况报告如下：",
)

PART_ONE = ("一、{year}年度推进法治政府建设的主要举措和成效", "一、主要工作举措及成效", "一、工作开展情况")
PART_TWO = ("二、存在的问题和不足", "二、存在的困难和问题", "二、工作中存在的不足")
PART_THREE = ("三、{next}年工作打算", "三、下一步工作计划", "三、下步工作思路")

# Subsections of part one: key -> (heading variants, opening sentences, indicator codes in order).
SUBSECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "lead": (
        ("加强组织领导，压实法治建设责任", "坚持党的领导，健全法治建设工作机制"),
        ("{party}严格落实党政主要负责人履行推进法治建设第一责任人职责，将法治建设纳入年度工作要点，"
         "与经济社会发展同部署、同推进、同督促、同考核。",
         "{self}成立由主要负责人任组长的法治政府建设工作领导小组，落实“一岗双责”，形成主要领导亲自抓、"
         "分管领导具体抓、各站所协同抓的工作格局。"),
        (),
    ),
    "study": (
        ("强化学法用法，提升依法行政能力", "抓实学法用法，筑牢干部法治思维"),
        ("{self}坚持把学习习近平法治思想作为党委理论学习中心组的重要内容，健全领导干部学法制度，"
         "坚持每月1次集中学法。",
         "认真落实领导干部会前学法制度，将《中华人民共和国宪法》《中华人民共和国民法典》等纳入年度学习计划。"),
        ("leadership_law_study_sessions", "official_training_sessions", "official_training_participants",
         "law_exam_participants"),
    ),
    "decide": (
        ("坚持依法决策，规范权力运行", "健全依法决策机制，提升决策科学化水平"),
        ("严格执行重大行政决策程序，落实公众参与、专家论证、风险评估、合法性审查和集体讨论决定等法定程序。",
         "坚持“三重一大”事项集体决策制度，凡涉及群众切身利益的事项均经过合法性审查。"),
        ("major_decisions", "legality_reviews", "legal_advisers", "normative_documents"),
    ),
    "publicity": (
        ("深化普法宣传，营造浓厚法治氛围", "创新普法形式，增强全民法治观念"),
        ("以“八五”普法为主线，结合“3·15”消费者权益日、4月15日全民国家安全教育日、“12·4”国家宪法日等时间节点，"
         "深入开展法治宣传教育。",
         "{self}坚持“谁执法谁普法”普法责任制，推动法律进农村、进社区、进学校、进企业、进机关。",
         "依托“法律七进”和12348公共法律服务热线，推动普法宣传从“大水漫灌”向“精准滴灌”转变。"),
        ("publicity_events", "legal_lectures", "publicity_audience", "publicity_materials",
         "publicity_banners_posters", "online_publicity_posts", "legal_consultations"),
    ),
    "enforce": (
        ("严格规范执法，推进综合行政执法改革", "规范行政执法行为，提升执法质效"),
        ("全面落实行政执法公示、执法全过程记录、重大执法决定法制审核“三项制度”，规范执法程序。",
         "持续推进基层综合行政执法改革，落实“双随机、一公开”监管，执法人员全部持证上岗。"),
        ("enforcement_inspections", "enforcement_cases", "enforcement_fines", "administrative_reconsiderations",
         "administrative_litigations"),
    ),
    "disputes": (
        ("化解矛盾纠纷，维护社会和谐稳定", "坚持和发展新时代“枫桥经验”，推进矛盾纠纷多元化解"),
        ("坚持和发展新时代“枫桥经验”，健全{lvl}、村、组三级调解网络，做到“小事不出村、大事不出{lvl}”。",
         "依托综治中心和人民调解委员会，常态化开展矛盾纠纷排查，对重点人员落实“一人一档”管控措施。",
         "深化“一村（社区）一法律顾问”制度，推动矛盾纠纷排查化解关口前移、重心下移。"),
        ("disputes_mediated", "mediation_success_rate", "petitions_handled", "legal_aid_cases",
         "mediation_committees", "rule_of_law_demonstration_villages", "legally_literate_villagers"),
    ),
    "open": (
        ("深化政务公开，自觉接受监督", "推进政务公开，强化权力监督制约"),
        ("严格落实政务公开“五公开”要求，依托政府门户网站、公开栏及时公开财政预决算、惠民补贴等信息。",
         "自觉接受人大监督、民主监督和群众监督，按时办理人大代表建议和政协委员提案。"),
        ("government_information_disclosed", "disclosure_requests"),
    ),
    "safety": (
        ("守牢安全底线，保障群众生命财产安全", "统筹发展和安全，筑牢安全生产防线"),
        ("坚持“管行业必须管安全、管业务必须管安全、管生产经营必须管安全”，层层签订安全生产责任书。",
         "扎实开展安全生产大检查和自然灾害防范应对工作，汛期落实24小时值班值守制度。"),
        ("major_incidents",),
    ),
}

# Combinatorial filler sentences (subject x action x effect) to reach a page target.
FILLER_SUBJECTS = ("{self}", "{party}", "{gov}", "各{units}", "司法所", "综治中心", "各站所", "{lvl}综合行政执法队",
                   "村（社区）法律顾问", "驻村工作队")
FILLER_ACTIONS = (
    "持续完善法治建设考核评价机制", "深入推进公共法律服务体系建设", "扎实开展法治乡村建设",
    "认真落实行政规范性文件管理制度", "不断加强执法队伍规范化建设", "积极推进“互联网+政务服务”",
    "主动对接县级职能部门开展联合执法", "定期分析研判辖区法治建设形势", "细化完善权责清单和办事指南",
    "常态化开展“法律明白人”培育工作", "严格落实重大事项请示报告制度", "持续优化法治化营商环境",
    "认真开展行政执法案卷评查", "健全完善网格化服务管理机制", "扎实推进平安建设各项工作",
)
FILLER_EFFECTS = (
    "推动法治政府建设不断走深走实", "群众的获得感、幸福感、安全感进一步增强", "依法行政水平得到有效提升",
    "为全{lvl}经济社会发展提供了有力法治保障", "基层治理法治化水平持续提升", "营造了办事依法、遇事找法的良好氛围",
    "相关工作得到上级部门肯定", "有效防范化解了各类风险隐患",
)

PROBLEMS = (
    "部分干部法治思维和依法办事能力有待进一步提高，运用法治方式解决问题的意识还不够强",
    "普法宣传形式较为单一，针对青少年、外出务工人员等重点群体的精准普法还需加强",
    "基层执法力量相对薄弱，执法人员专业素质参差不齐，执法装备保障不足",
    "法治建设考核评价机制还不够健全，督促检查力度有待加大",
    "村（社区）法律顾问作用发挥不够充分，公共法律服务覆盖面仍需拓展",
    "矛盾纠纷源头预防机制还不够完善，部分纠纷化解周期较长",
)

# Next-year plans: targets with numbers that are NOT statistics of the report period.
PLANS = (
    "{next}年，计划开展普法宣传活动不少于{target}次，进一步扩大法治宣传覆盖面",
    "力争矛盾纠纷调解成功率保持在98%以上，确保“小事不出村、大事不出{lvl}”",
    "每季度至少召开1次法治建设专题会议，研究解决法治建设中的重点难点问题",
    "深入实施“八五”普法规划，抓好《中华人民共和国行政处罚法》《中华人民共和国行政复议法》的学习宣传",
    "严格落实党政主要负责人履行推进法治建设第一责任人职责，将法治建设成效纳入年度考核",
    "持续推进综合行政执法改革，全面落实行政执法“三项制度”",
    "加强法治队伍建设，力争{next}年底前每个村（社区）至少培育3名“法律明白人”",
)
