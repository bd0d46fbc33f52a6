"""What each column publishes: its titles, how many items, how often, and which media and attachments.

A profile is looked up by the column's last two names, then its last name, so that the two
``重要政策`` (疫情防控 and “六稳”“六保”) can differ. Media are written as ``+``-joined tokens, one
entry per article in turn:

- photo (JPEG ``<img>``), chart (PNG ``<img>``), gif, webp (``<picture>`` with a WebP source),
  lazy (JPEG with ``data-src``), icon (small PNG)
- video (``<video src>``), source (``<video><source>`` with a poster), player (a JS player config)
- audio (``<audio src>``)

Attachments are tokens pdf, doc, docx, xls in the same way (``""`` for none).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    titles: tuple[str, ...]
    count: int = 18
    media: tuple[str, ...] = ("",)
    attachments: tuple[str, ...] = ("",)
    #: paragraphs of body text per article (min, max)
    paragraphs: tuple[int, int] = (4, 9)
    #: days between consecutive items (min, max)
    gap_days: tuple[int, int] = (4, 30)
    #: how many of the newest articles get a very long body (a full plan or report)
    long_articles: int = 0
    #: what the unit-like items are (for 名称 and the title's {unit})
    units: tuple[str, ...] = ()
    #: how many days before the as-of date the newest item is (min, max); None: soon, within the window
    newest_days_ago: tuple[int, int] | None = None


_SCHOOLS_AND_UNITS = (
    "两江新区第一实验小学", "两江新区人民医院", "两江新区星光学校", "两江新区金山中学", "两江新区水务有限公司",
    "两江新区公交运营中心", "两江新区社会福利院", "两江新区图书馆", "两江新区文化馆", "两江新区供电服务中心",
    "两江新区燃气服务中心", "两江新区妇幼保健院", "两江新区中医院", "两江新区职业教育中心",
    "两江新区特殊教育学校", "两江新区环境监测站", "两江新区体育中心", "两江新区养老服务中心",
)
_TEST_POINTS = (
    "两江新区人民医院", "人和街道社区卫生服务中心", "礼嘉街道社区卫生服务中心", "金山街道社区卫生服务中心",
    "康美街道社区卫生服务中心", "鸳鸯街道社区卫生服务中心", "龙兴镇卫生院", "复盛镇卫生院", "两江新区中医院",
)

PROFILES: dict[tuple[str, ...], Profile] = {
    ("国民经济和社会发展规划",): Profile(
        (
            "重庆两江新区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
            "关于两江新区{prev}年国民经济和社会发展计划执行情况与{year}年计划草案的报告",
            "两江新区{year}年国民经济和社会发展计划",
            "两江新区国民经济和社会发展第十三个五年规划纲要实施情况的中期评估报告",
        ),
        count=12, media=("chart", "", "chart+photo"), attachments=("pdf+docx", "pdf", "doc"),
        paragraphs=(8, 14), gap_days=(40, 120), long_articles=2,
    ),
    ("专项规划",): Profile(
        ("两江新区“十四五”{topic}专项规划", "重庆两江新区{topic}发展规划（2021—2025年）",
         "关于印发《两江新区{topic}“十四五”规划》的通知", "两江新区{topic}三年行动计划（{year}—{next}年）"),
        count=45, media=("", "chart", ""), attachments=("pdf", "docx", "pdf+xls"), gap_days=(6, 25),
    ),
    ("国土空间规划",): Profile(("两江新区国土空间总体规划（2021—2035年）", "{street}控制性详细规划局部调整"), count=10),
    ("预算",): Profile(
        ("重庆两江新区{dept}{year}年部门预算公开", "重庆两江新区{year}年财政预算报告",
         "两江新区{dept}{year}年部门预算情况说明"),
        count=16, attachments=("xls+pdf", "xls", "pdf"), gap_days=(5, 40),
    ),
    ("决算",): Profile(
        ("重庆两江新区{dept}{prev}年部门决算公开", "重庆两江新区{prev}年财政决算报告",
         "两江新区{dept}{prev}年度部门决算情况说明"),
        count=16, attachments=("xls+pdf", "xls", "pdf"), gap_days=(5, 40),
    ),
    ("联系我们",): Profile(("联系我们",), count=1),
    ("行政法规",): Profile(
        ("{reg}", "国务院关于修改《{reg}》的决定", "中华人民共和国国务院令（第{n}号）——{reg}"),
        count=24, attachments=("pdf", "doc", "pdf+docx"), gap_days=(10, 45),
    ),
    ("市政府规章",): Profile(("重庆市{topic}管理办法", "重庆市人民政府关于修改《重庆市{topic}办法》的决定"), count=16),
    ("现行有效",): Profile(("重庆两江新区管理委员会关于{topic}的实施意见",), count=12),
    ("失效/废止",): Profile(("重庆两江新区管理委员会关于废止{topic}相关文件的通知",), count=8),
    ("收费项目",): Profile(
        ("重庆市{year}年行政事业性收费目录清单", "政府信息公开信息处理费收费标准及有关事项的公告",
         "两江新区涉企收费目录清单（{year}年版）", "关于调整{topic}相关收费标准的通知"),
        count=14, attachments=("xls", "pdf", "xls+doc"), gap_days=(20, 60),
    ),
    ("政府信息公开年报",): Profile(
        ("重庆两江新区管理委员会{prev}年政府信息公开工作年度报告", "两江新区{dept}{prev}年政府信息公开工作年度报告"),
        count=10, attachments=("pdf", "doc"), gap_days=(3, 12), newest_days_ago=(300, 315),
    ),
    ("市场准入负面清单",): Profile(
        ("市场准入负面清单（{year}年版）", "关于印发《市场准入负面清单（{year}年版）》的通知",
         "两江新区贯彻落实市场准入负面清单制度工作情况"),
        count=6, attachments=("pdf", "pdf+docx"), gap_days=(60, 200),
    ),
    ("地方政府债务",): Profile(("两江新区{year}年地方政府债务限额及余额情况",), count=8, attachments=("xls",)),
    ("“六稳”“六保”", "重要政策"): Profile(
        ("两江新区关于{topic}的若干政策措施", "关于做好“六稳”工作落实“六保”任务的实施意见",
         "两江新区支持{topic}十条措施", "两江新区进一步稳就业保市场主体的通知"),
        count=20, media=("", "photo", ""), attachments=("docx", "pdf", ""), gap_days=(5, 20),
    ),
    ("“六稳”“六保”", "政策解读"): Profile(
        ("视频｜三分钟看懂《两江新区关于{topic}的若干政策措施》", "图解：两江新区支持{topic}十条措施",
         "《关于做好“六稳”工作落实“六保”任务的实施意见》解读", "音频｜读懂{topic}惠企政策"),
        count=16, media=("video+chart", "gif+webp", "photo", "audio+photo", "player"), gap_days=(5, 20),
    ),
    ("视频",): Profile(("视频解读：两江新区{topic}政策",), count=8, media=("video",)),
    ("图片",): Profile(
        ("一图读懂《两江新区{topic}实施方案》", "图解：两江新区{year}年{topic}工作要点", "图说｜{topic}政策红利"),
        count=14, media=("chart+photo", "webp+gif", "lazy+chart", "photo+webp"), gap_days=(4, 18),
    ),
    ("文字",): Profile(
        ("《两江新区关于{topic}的实施意见》政策解读", "关于《两江新区{topic}管理办法》的起草说明",
         "权威解读：{topic}新政来了"),
        count=14, gap_days=(4, 18),
    ),
    ("公共企事业单位信息公开",): Profile(("{unit}基本信息",), count=18, media=("photo", ""), units=_SCHOOLS_AND_UNITS,
                                   gap_days=(8, 30)),
    ("法治政府建设年度报告",): Profile(("重庆两江新区{dept}{prev}年度法治政府建设情况报告",), count=8,
                                 attachments=("pdf",)),
    ("疫情防控", "重要政策"): Profile(
        ("两江新区新冠肺炎疫情防控工作指挥部通告（第{n}号）", "关于进一步做好冬春季新冠肺炎疫情防控工作的通知",
         "两江新区关于加强{street}疫情防控管理的通告"),
        count=22, media=("", "player", ""), attachments=("pdf", "", "docx"), gap_days=(3, 15),
    ),
    ("疫情防控", "政策解读"): Profile(
        ("一图读懂：新冠疫苗接种问答", "图解：两江新区冬春季疫情防控措施", "视频｜{street}疫情防控工作解读",
         "权威解读：入渝返渝人员健康管理措施"),
        count=15, media=("photo+chart", "source", "webp", "audio+gif"), gap_days=(3, 15),
    ),
    ("核酸检测点",): Profile(
        ("两江新区核酸检测采样点信息（{month}月{day}日更新）",), count=20, media=("icon",), units=_TEST_POINTS,
        gap_days=(1, 4),
    ),
    ("发热门诊",): Profile(
        ("两江新区发热门诊信息（{month}月{day}日更新）",), count=20, units=_TEST_POINTS, gap_days=(1, 4),
    ),
    ("疫苗接种点",): Profile(("两江新区新冠疫苗接种点信息（{month}月{day}日更新）",), count=20, units=_TEST_POINTS),
    ("爱国卫生运动",): Profile(
        ("两江新区开展{season}爱国卫生运动集中行动", "{street}开展爱国卫生“清洁家园”志愿服务活动",
         "两江新区爱国卫生运动委员会关于开展第{n}个爱国卫生月活动的通知"),
        count=16, media=("photo", "photo+gif", ""), gap_days=(6, 25),
    ),
    ("健康中国重庆行动",): Profile(
        ("健康中国重庆行动·{sub}专项行动推进情况", "两江新区推进健康中国重庆行动{year}年工作要点"),
        count=12, media=("chart", ""), gap_days=(8, 30),
    ),
    ("健康科普",): Profile(
        ("{disease}的预防与日常保健", "科普｜{disease}高发季节，这些知识要知道", "健康小课堂：{disease}"),
        count=18, media=("photo+gif", "webp", "chart", "audio"), gap_days=(4, 20),
    ),
    ("网民留言",): Profile(
        ("关于{road}{issue}的问题", "{street}{issue}何时解决？", "咨询{topic}政策申报事宜"),
        count=36, paragraphs=(1, 2), gap_days=(1, 6),
    ),
    # the site's own columns
    ("两江要闻",): Profile(
        ("两江新区召开{topic}工作推进会", "两江新区{n}个重大项目集中签约", "{street}：{topic}跑出“加速度”",
         "两江新区党工委召开会议研究{topic}工作"),
        count=30, media=("photo", "", "photo"), gap_days=(1, 3),
    ),
    ("通知公告",): Profile(("关于{street}部分路段临时交通管制的通告", "两江新区{year}年公开招聘事业单位工作人员公告",
                            "关于开展{topic}专项检查的通知"), count=20, attachments=("", "docx"), gap_days=(2, 8)),
    ("部门动态",): Profile(("{dept}开展{topic}专题培训", "{dept}召开{topic}工作会"), count=20, media=("photo", ""),
                         gap_days=(1, 5)),
    ("政府信息公开制度",): Profile(("两江新区政府信息公开{kind}制度",), count=6, gap_days=(60, 200)),
    ("统计信息",): Profile(("{year}年{month}月两江新区主要经济指标", "两江新区{prev}年国民经济和社会发展统计公报"),
                        count=15, media=("chart",), gap_days=(20, 35)),
    ("政府采购",): Profile(("{dept}{topic}项目采购意向公开", "{dept}{topic}服务项目中标（成交）结果公告"), count=15,
                        attachments=("pdf",), gap_days=(3, 12)),
    ("重大建设项目",): Profile(("两江新区{year}年重大建设项目名单", "{road}改造工程项目批准信息"), count=12,
                          gap_days=(10, 40)),
    ("人事信息",): Profile(("两江新区管委会关于{dept}干部任免的通知", "两江新区{year}年公开遴选公务员公告"), count=12,
                        gap_days=(10, 40)),
    ("政策文件",): Profile(("重庆两江新区管理委员会关于{topic}的实施意见",
                            "两江新区管委会办公室关于印发{topic}工作方案的通知"),
                        count=24, attachments=("pdf", "doc", ""), gap_days=(5, 20)),
    ("政府公报",): Profile(("重庆两江新区管理委员会公报（{year}年第{n}期）",), count=12, attachments=("pdf",),
                        gap_days=(25, 35)),
    ("重点领域信息公开",): Profile(("两江新区{topic}领域信息公开（{year}年第{n}期）",), count=12, gap_days=(10, 30)),
    ("主任信箱",): Profile(("关于{road}{issue}的建议",), count=12, paragraphs=(1, 2), gap_days=(3, 10)),
    ("在线访谈",): Profile(("在线访谈：{dept}负责人谈{topic}",), count=8, media=("photo",), gap_days=(20, 40)),
    ("征集调查",): Profile(("关于《两江新区{topic}实施方案（征求意见稿）》公开征求意见的公告",), count=8,
                        gap_days=(15, 40)),
}
DEFAULT_PROFILE = Profile(("两江新区关于{topic}工作的通知", "两江新区{topic}工作情况"), count=12)

ISSUES = ("噪音扰民", "路灯不亮", "垃圾清运不及时", "占道经营", "停车难", "学位紧张", "公交线路调整", "施工扬尘",
          "小区漏水", "井盖破损")
DISEASES = ("流行性感冒", "手足口病", "诺如病毒感染", "高血压", "糖尿病", "登革热", "肺结核", "近视", "龋齿", "中暑")
SEASONS = ("春季", "夏季", "秋季", "冬季")
SUB_ACTIONS = ("健康知识普及", "合理膳食", "全民健身", "控烟", "心理健康促进", "妇幼健康促进", "慢病防治")


def profile_for(names: tuple[str, ...]) -> Profile:
    return PROFILES.get(names[-2:]) or PROFILES.get(names[-1:]) or DEFAULT_PROFILE
