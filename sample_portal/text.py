"""Made-up but plausible Chinese government prose, drawn from a seeded ``random.Random``.

Pages need real-looking text of real length (titles, document numbers, paragraphs, addresses) so a
crawler meets what it meets on a real portal. All of it is fiction assembled from the phrase banks
below; the same seed always gives the same text.
"""

from __future__ import annotations

import random

AREA = "两江新区"
SITE_NAME = "重庆两江新区管理委员会"
OFFICE = "重庆两江新区管理委员会办公室"

DEPARTMENTS = (
    "办公室", "经济运行局", "财政局", "规划自然资源局", "建设管理局", "社会发展局", "社会保障局",
    "市场监管局", "生态环境分局", "城市管理局", "教育局", "产业促进局", "现代服务业局", "应急管理局",
    "司法局", "宣传部",
)
STREETS = (
    "人和街道", "天宫殿街道", "翠云街道", "大竹林街道", "礼嘉街道", "金山街道", "康美街道", "鸳鸯街道",
    "龙兴镇", "复盛镇", "鱼复街道", "水土街道",
)
ROADS = (
    "金开大道", "星光大道", "黄山大道", "金渝大道", "汇流路", "青枫北路", "星湖路", "云杉南路", "礼嘉大道",
    "恒山东路", "金山大道", "幸福大道", "春华大道", "兴盛大道",
)
TOPICS = (
    "优化营商环境", "稳就业保民生", "数字经济发展", "智能网联新能源汽车产业", "生态环境保护", "城市更新",
    "科技创新", "对外开放", "乡村振兴", "公共服务提升", "安全生产", "消费提质扩容", "中小企业纾困",
    "人才引进", "社区治理", "交通基础设施建设", "教育优质均衡发展", "医疗卫生服务体系建设",
)
_OPENINGS = (
    "为深入贯彻落实党中央、国务院决策部署和市委、市政府工作要求，",
    "根据《中华人民共和国政府信息公开条例》有关规定，",
    "按照管委会工作安排，",
    "为进一步做好{topic}工作，",
    "经管委会同意，",
    "为加快推动{area}高质量发展，",
)
_SENTENCES = (
    "{area}坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届历次全会精神，扎实推进{topic}各项工作。",
    "{dept}牵头，会同各街道、各相关部门，建立工作专班，细化任务清单，明确责任分工和完成时限。",
    "截至{month}月底，全区累计完成{topic}相关项目{n}个，完成投资{money}亿元，同比增长{pct}%。",
    "各单位要切实提高思想认识，加强组织领导，确保各项措施落地见效。",
    "坚持问题导向和目标导向，聚焦群众急难愁盼问题，推出一批务实管用的举措。",
    "强化督促检查，对工作推进不力、进度滞后的单位予以通报，并纳入年度目标考核。",
    "进一步优化办事流程，压减办理时限，推动更多事项“网上办、掌上办、就近办、一次办”。",
    "{street}结合辖区实际，组织开展专题宣讲{n}场次，覆盖群众{people}余人次。",
    "统筹发展和安全，守住不发生系统性风险的底线，营造安全稳定的社会环境。",
    "鼓励社会资本参与，形成政府引导、市场主导、社会参与的多元投入格局。",
    "加强政策宣传解读，及时回应社会关切，营造全社会共同关心、支持和参与的良好氛围。",
    "全年新增市场主体{people}户，规模以上工业增加值增长{pct}%，固定资产投资增长{pct2}%。",
    "严格落实属地管理责任、部门监管责任和企业主体责任，做到守土有责、守土负责、守土尽责。",
    "本文件自印发之日起施行，有效期{years}年，由{dept}负责解释。",
    "各街道、各部门在执行过程中遇到的问题，请及时向{dept}反馈。",
    "推动{road}沿线综合整治，完成道路改造{km}公里，新增停车泊位{n}个。",
    "持续深化“放管服”改革，全面实行政务服务事项清单管理，实现“一网通办”。",
    "建立健全常态化监测预警机制，加强数据共享和部门协同，提升精准治理水平。",
)
_REGULATION_NAMES = (
    "优化营商环境条例", "重大行政决策程序暂行条例", "保障农民工工资支付条例", "企业信息公示暂行条例",
    "政府督查工作条例", "行政执法机关移送涉嫌犯罪案件的规定", "城镇排水与污水处理条例", "政府投资条例",
    "市场主体登记管理条例", "医疗保障基金使用监督管理条例", "突发公共卫生事件应急条例", "地下水管理条例",
    "排污许可管理条例", "防范和处置非法集资条例", "社会救助暂行办法", "安全生产许可证条例",
)
_CHAPTERS = (
    "发展环境", "指导思想和主要目标", "坚持创新驱动发展", "构建现代产业体系", "全面促进消费扩大内需",
    "全面深化改革", "推进高水平对外开放", "推进城市更新提升城市品质", "建设山清水秀美丽之地", "增进民生福祉",
    "统筹发展和安全", "加强规划实施保障",
)
_NUMERALS = "一二三四五六七八九十"


class Heading(str):
    """A chapter or section title among a document's paragraphs (pages show it as a heading)."""


class Writer:
    """Text for one column (or page), from its own seeded generator."""

    def __init__(self, rng: random.Random, topic: str | None = None) -> None:
        self.rng = rng
        self.topic = topic or rng.choice(TOPICS)

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return self.rng.choice(options)

    def _fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            area=AREA, topic=self.topic, dept=self.pick(DEPARTMENTS), street=self.pick(STREETS),
            road=self.pick(ROADS), month=rng.randint(1, 11), n=rng.randint(3, 96),
            money=round(rng.uniform(1.2, 88.8), 1), pct=round(rng.uniform(2.1, 19.8), 1),
            pct2=round(rng.uniform(1.5, 12.4), 1), people=rng.randint(1200, 98000),
            years=rng.choice((2, 3, 5)), km=round(rng.uniform(1.2, 18.5), 1),
        )

    def sentence(self) -> str:
        return self._fill(self.pick(_SENTENCES))

    def paragraph(self, sentences: int | None = None) -> str:
        count = sentences or self.rng.randint(2, 5)
        opening = self._fill(self.pick(_OPENINGS)) if self.rng.random() < 0.3 else ""
        return opening + "".join(self.sentence() for _ in range(count))

    def paragraphs(self, count: int) -> list[str]:
        return [self.paragraph() for _ in range(count)]

    def long_document(self) -> list[str]:
        """A full plan or report: a dozen chapters of sections, some 550 paragraphs (a page of
        several hundred KB, as a published 规划纲要 is)."""
        out: list[str] = []
        for number, chapter in enumerate(_CHAPTERS):
            out.append(Heading(f"第{_NUMERALS[number] if number < 10 else '十' + _NUMERALS[number - 10]}章　{chapter}"))
            for section in range(6):
                out.append(Heading(f"第{_NUMERALS[section]}节　{self.pick(TOPICS)}"))
                out.extend(self.paragraphs(self.rng.randint(6, 9)))
        return out

    def document_number(self, year: int) -> str:
        prefix = self.pick(("渝两江管发", "渝两江管办发", "渝两江管规", "两江财发", "两江社发"))
        return f"{prefix}〔{year}〕{self.rng.randint(1, 188)}号"

    def index_number(self, year: int, serial: int) -> str:
        """索引号 as disclosure catalogues write it: unit code / year - serial."""
        return f"11500000MB1{self.rng.randint(10000, 99999)}X/{year}-{serial:05d}"

    def regulation(self) -> str:
        return self.pick(_REGULATION_NAMES)

    def phone(self) -> str:
        return f"023-{self.rng.choice((6, 8))}{self.rng.randint(1000000, 9999999)}"

    def address(self) -> str:
        return f"重庆市{AREA}{self.pick(STREETS)}{self.pick(ROADS)}{self.rng.randint(1, 388)}号"
