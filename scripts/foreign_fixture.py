"""Our own fixture issue for the foreign test set (see foreign_pdfs.py): an invented issue of
桂园社区报 with the placements the corpus has few of (本报讯（记者…）, 文/图, a long story
that other engines continue on another 版, several names in one byline)."""

from __future__ import annotations

from foreign_pdfs import Issue, Story

LONG = [
    "桂园路街道今年把加装电梯列为为民办实事项目的第一项。街道成立了由城建、自治、法律服务等部门组成的工作专班，"
    "每个居民区配一名联络员，从征询意见、设计方案到施工验收全程跟进，帮助居民把“想装”变成“能装”。",
    "香樟居民区12号楼是今年第一批开工的楼栋。楼组长周阿姨说，楼里六十岁以上的老人占了一半，过去买菜、看病都要爬六层楼，"
    "有的老人一年只下楼几次。征询开始后，居委会干部和志愿者挨家挨户上门，把方案、费用分摊和后期维护讲清楚，"
    "一楼住户担心采光和噪音，街道请设计单位调整了井道位置，最终全楼签字同意。",
    "为了缩短审批时间，街道与区房管局、规划资源局建立了联合会审机制，材料齐全的项目十个工作日内完成审批。"
    "施工期间，街道安排专人每周巡查两次，督促施工单位做好围挡、降尘和夜间停工，减少对居民生活的影响。",
    "截至目前，全街道已有23台电梯完成加装并投入使用，另有17台正在施工，预计年底前全部完工。"
    "街道还推出了“电梯管家”服务，由物业公司统一负责维保，居民通过手机就能报修，电梯运行情况在居委会公示栏按月公布。",
    "居民王老伯住在金桂苑5号楼六楼，电梯开通那天，他特意下楼在小区里走了两圈。“以前下一趟楼要歇三次，现在按一下按钮就到了，"
    "我打算每天都下来晒晒太阳，和老邻居们聊聊天。”",
]


def _keyed(story: Story) -> Story:
    body = "".join((story.captions if story.kind == "photo" else []) + story.paragraphs)
    story.first, story.last = body[:15], body[-15:]
    return story


def fixture_issue() -> Issue:
    stories = [
        Story("news", "加装电梯让老人重新“走下楼”", "桂园路街道为民办实事", True, [("林晓燕", "reporter"), ("陈志明", "correspondent")],
              LONG, lead="本报讯（记者 林晓燕 通讯员 陈志明）"),
        Story("news", "丹桂居民区开设“长者食堂”", None, False, [("徐立新", "correspondent")], [
            "11月3日，丹桂居民区“长者食堂”正式开门迎客。食堂设在居委会一楼，可同时容纳四十人就餐，每天供应午餐和晚餐。",
            "食堂的菜单由社区卫生服务中心的营养师把关，少油少盐，荤素搭配，每份套餐十五元，八十岁以上老人还可享受补贴。"
            "行动不便的老人可以电话预约，由志愿者送餐上门。"]),
        Story("brief", None, people=[("高晓峰", "correspondent")], paragraphs=[
            "11月5日，香樟居民区组织消防演练，社区民警现场讲解了灭火器的使用方法，八十余名居民参加。"]),
        Story("brief", None, people=[("欧阳文君", "correspondent")], paragraphs=[
            "11月8日，街道社区学校开设智能手机课堂，志愿者手把手教老人用手机挂号、缴费和视频通话。"]),
        Story("brief", None, people=[("朱丽华", "correspondent")], paragraphs=[
            "近日，金桂苑小区新建的非机动车充电棚投入使用，共设充电口六十个，有效减少了飞线充电的安全隐患。"]),
        Story("photo", None, people=[("宋建华", "writer-photographer")], paragraphs=[], captions=[
            "11月12日，桂园新村的志愿者在小区花坛补种月季，为居民营造整洁美丽的生活环境。"]),
        Story("news", "邻里议事会议出停车新办法", "银杏坊小区错时停车试点见效", False,
              [("郑海燕", "correspondent"), ("马春梅", "correspondent"), ("谢玉兰", "intern")], [
            "银杏坊小区车位紧张，每到晚上，车辆常常停到消防通道上。今年九月，居委会召集居民代表、物业和周边单位开了三次议事会。",
            "会上，附近的银杏路小学同意在晚上七点到第二天早上七点向居民开放操场停车，物业负责引导和安全巡查。"
            "试点两个月来，小区夜间违停下降了七成，居民们说：“有事大家商量着办，问题就好解决了。”"]),
    ]
    return Issue("fixture-guiyuan.txt", "桂园社区报", "桂园路街道", 128, "2025年11月20日", [_keyed(s) for s in stories])
