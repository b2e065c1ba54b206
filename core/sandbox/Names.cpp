#include "sandbox/CorpNames.h"

#include <iterator>
#include <string_view>

namespace ic::sandbox::detail {

namespace {

struct Syllable {
    std::string_view hanzi;
    std::string_view pinyin;
};

// The most common surnames, roughly in order of frequency; the first twenty are drawn more often.
constexpr Syllable kSurnames[] = {
    {"王", "Wang"},  {"李", "Li"},    {"张", "Zhang"}, {"刘", "Liu"},      {"陈", "Chen"},   {"杨", "Yang"},
    {"黄", "Huang"}, {"赵", "Zhao"},  {"吴", "Wu"},    {"周", "Zhou"},     {"徐", "Xu"},     {"孙", "Sun"},
    {"马", "Ma"},    {"朱", "Zhu"},   {"胡", "Hu"},    {"郭", "Guo"},      {"何", "He"},     {"高", "Gao"},
    {"林", "Lin"},   {"罗", "Luo"},   {"郑", "Zheng"}, {"梁", "Liang"},    {"谢", "Xie"},    {"宋", "Song"},
    {"唐", "Tang"},  {"许", "Xu"},    {"韩", "Han"},   {"冯", "Feng"},     {"邓", "Deng"},   {"曹", "Cao"},
    {"彭", "Peng"},  {"曾", "Zeng"},  {"肖", "Xiao"},  {"田", "Tian"},     {"董", "Dong"},   {"袁", "Yuan"},
    {"潘", "Pan"},   {"于", "Yu"},    {"蒋", "Jiang"}, {"蔡", "Cai"},      {"余", "Yu"},     {"杜", "Du"},
    {"叶", "Ye"},    {"程", "Cheng"}, {"苏", "Su"},    {"魏", "Wei"},      {"吕", "Lv"},     {"丁", "Ding"},
    {"任", "Ren"},   {"沈", "Shen"},  {"姚", "Yao"},   {"卢", "Lu"},       {"姜", "Jiang"},  {"崔", "Cui"},
    {"钟", "Zhong"}, {"谭", "Tan"},   {"陆", "Lu"},    {"汪", "Wang"},     {"范", "Fan"},    {"金", "Jin"},
    {"石", "Shi"},   {"廖", "Liao"},  {"贾", "Jia"},   {"夏", "Xia"},      {"韦", "Wei"},    {"付", "Fu"},
    {"方", "Fang"},  {"白", "Bai"},   {"邹", "Zou"},   {"孟", "Meng"},     {"熊", "Xiong"},  {"秦", "Qin"},
    {"邱", "Qiu"},   {"江", "Jiang"}, {"尹", "Yin"},   {"薛", "Xue"},      {"闫", "Yan"},    {"段", "Duan"},
    {"雷", "Lei"},   {"侯", "Hou"},   {"龙", "Long"},  {"史", "Shi"},      {"陶", "Tao"},    {"黎", "Li"},
    {"贺", "He"},    {"顾", "Gu"},    {"毛", "Mao"},   {"郝", "Hao"},      {"龚", "Gong"},   {"邵", "Shao"},
    {"万", "Wan"},   {"钱", "Qian"},  {"严", "Yan"},   {"欧阳", "Ouyang"}, {"司马", "Sima"}, {"上官", "Shangguan"},
};

constexpr Syllable kMaleGiven[] = {
    {"伟", "Wei"},  {"强", "Qiang"}, {"磊", "Lei"},  {"军", "Jun"},  {"勇", "Yong"},  {"杰", "Jie"},  {"涛", "Tao"},
    {"明", "Ming"}, {"超", "Chao"},  {"刚", "Gang"}, {"平", "Ping"}, {"辉", "Hui"},   {"鹏", "Peng"}, {"华", "Hua"},
    {"飞", "Fei"},  {"鑫", "Xin"},   {"波", "Bo"},   {"斌", "Bin"},  {"宇", "Yu"},    {"浩", "Hao"},  {"凯", "Kai"},
    {"健", "Jian"}, {"俊", "Jun"},   {"帆", "Fan"},  {"旭", "Xu"},   {"宁", "Ning"},  {"龙", "Long"}, {"博", "Bo"},
    {"志", "Zhi"},  {"建", "Jian"},  {"国", "Guo"},  {"文", "Wen"},  {"海", "Hai"},   {"东", "Dong"}, {"亮", "Liang"},
    {"晨", "Chen"}, {"阳", "Yang"},  {"毅", "Yi"},   {"峰", "Feng"}, {"成", "Cheng"}, {"振", "Zhen"}, {"子", "Zi"},
    {"轩", "Xuan"}, {"睿", "Rui"},   {"泽", "Ze"},   {"天", "Tian"}, {"嘉", "Jia"},   {"家", "Jia"},  {"昊", "Hao"},
    {"然", "Ran"},  {"宏", "Hong"},  {"立", "Li"},   {"永", "Yong"}, {"德", "De"},
};

constexpr Syllable kFemaleGiven[] = {
    {"芳", "Fang"}, {"娜", "Na"},   {"敏", "Min"},  {"静", "Jing"}, {"丽", "Li"},   {"艳", "Yan"},  {"娟", "Juan"},
    {"霞", "Xia"},  {"秀", "Xiu"},  {"玲", "Ling"}, {"婷", "Ting"}, {"雪", "Xue"},  {"慧", "Hui"},  {"莹", "Ying"},
    {"颖", "Ying"}, {"琳", "Lin"},  {"洁", "Jie"},  {"倩", "Qian"}, {"欣", "Xin"},  {"怡", "Yi"},   {"佳", "Jia"},
    {"梅", "Mei"},  {"燕", "Yan"},  {"红", "Hong"}, {"萍", "Ping"}, {"丹", "Dan"},  {"晶", "Jing"}, {"璐", "Lu"},
    {"悦", "Yue"},  {"思", "Si"},   {"雨", "Yu"},   {"涵", "Han"},  {"诗", "Shi"},  {"梦", "Meng"}, {"瑶", "Yao"},
    {"晓", "Xiao"}, {"春", "Chun"}, {"月", "Yue"},  {"兰", "Lan"},  {"菲", "Fei"},  {"薇", "Wei"},  {"琪", "Qi"},
    {"若", "Ruo"},  {"可", "Ke"},   {"心", "Xin"},  {"宁", "Ning"}, {"欢", "Huan"}, {"露", "Lu"},
};

constexpr std::string_view kMaleEnglish[] = {
    "David", "Kevin", "Jason", "Eric",  "Tony", "Leo",    "Frank", "Jack",   "Peter", "Vincent",
    "Allen", "Henry", "Sam",   "Ryan",  "Alex", "Steven", "Simon", "Andy",   "Louis", "Bruce",
    "Tom",   "Mark",  "James", "Brian", "Ray",  "Oscar",  "Ken",   "Dennis", "Ivan",  "Terry",
};

constexpr std::string_view kFemaleEnglish[] = {
    "Amy",    "Lily",  "Grace",   "Emma",  "Cindy",  "Vivian", "Helen",  "Sophia", "Annie", "Linda",
    "Sarah",  "Kelly", "Jessica", "Wendy", "Coco",   "Nancy",  "Elaine", "Iris",   "Judy",  "Tina",
    "Yvonne", "Joy",   "Ivy",     "Fiona", "Rachel", "Sherry", "Cathy",  "Bella",  "Daisy", "Eva",
};

constexpr std::string_view kNicknames[] = {
    "小鱼儿", "阳光",  "追梦人", "晴天",  "知足常乐", "小太阳", "木子", "一叶知秋", "云淡风轻", "随遇而安",
    "Lucky",  "Sunny", "Momo",   "Tiger", "Angel",    "小熊",   "糖糖", "花开富贵", "静待花开", "平安是福",
    "老陈",   "阿杰",  "Kiki",   "大海",  "清风",     "微笑",   "橙子", "风景",     "A-Ming",   "Joe",
};

constexpr std::string_view kStaffPositions[] = {
    "销售经理",   "客户经理",   "大客户经理", "销售代表",   "产品经理", "后台工程师", "前端工程师",
    "测试工程师", "运维工程师", "运营专员",   "市场专员",   "品牌经理", "财务专员",   "会计",
    "人事专员",   "招聘经理",   "行政专员",   "技术支持",   "客服专员", "售前顾问",   "实施顾问",
    "设计师",     "法务专员",   "采购专员",   "数据分析师", "项目经理", "部门经理",   "总监",
};

constexpr std::string_view kCustomerPositions[] = {
    "总经理",   "采购经理", "采购专员", "IT经理",   "技术总监", "运营总监", "财务经理", "行政主管",
    "市场经理", "董事长",   "副总经理", "项目经理", "Manager",  "Engineer", "CTO",      "HRBP",
};

constexpr std::string_view kCities[] = {
    "北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆",
    "苏州", "天津", "长沙", "郑州", "青岛", "厦门", "合肥", "宁波", "济南", "昆明",
};

constexpr Syllable kTradeNames[] = {
    {"星河", "xinghe"},  {"华信", "huaxin"},     {"远航", "yuanhang"}, {"启明", "qiming"},  {"恒通", "hengtong"},
    {"瑞丰", "ruifeng"}, {"金桥", "jinqiao"},    {"云帆", "yunfan"},   {"博远", "boyuan"},  {"天成", "tiancheng"},
    {"中科", "zhongke"}, {"新锐", "xinrui"},     {"东方", "dongfang"}, {"汇丰", "huifeng"}, {"鼎盛", "dingsheng"},
    {"宏图", "hongtu"},  {"联创", "lianchuang"}, {"智远", "zhiyuan"},  {"安和", "anhe"},    {"嘉禾", "jiahe"},
};

constexpr Syllable kIndustries[] = {
    {"科技", "tech"}, {"网络", "net"},    {"信息", "info"},    {"贸易", "trade"},
    {"电子", "elec"}, {"医药", "pharma"}, {"教育", "edu"},     {"物流", "logistics"},
    {"食品", "food"}, {"建设", "build"},  {"文化", "culture"}, {"咨询", "consulting"},
};

constexpr std::string_view kDivisions[][2] = {
    {"研发中心", "R&D Center"},
    {"销售中心", "Sales"},
    {"市场部", "Marketing"},
    {"客户成功部", "Customer Success"},
    {"产品部", "Product"},
    {"运营中心", "Operations"},
    {"华东大区", "East China"},
    {"华南大区", "South China"},
    {"华北大区", "North China"},
    {"西南大区", "Southwest China"},
    {"人力资源部", "Human Resources"},
    {"财务部", "Finance"},
    {"行政部", "Administration"},
    {"法务部", "Legal"},
    {"海外事业部", "International"},
    {"供应链管理部", "Supply Chain"},
};

constexpr std::string_view kUnits[] = {
    "前端开发部", "后端开发部", "测试部", "运维部",   "大客户部", "渠道部",     "电销部",
    "品牌部",     "用户增长部", "招聘部", "培训部",   "质量部",   "数据平台部", "解决方案部",
    "商务部",     "售后服务部", "直营部", "新零售部", "架构部",   "安全部",
};

constexpr std::string_view kTeams[] = {
    "直营组",     "渠道组",   "大客户组", "新媒体组", "招聘组", "培训组", "质量组", "平台组", "数据组", "算法组",
    "基础架构组", "移动端组", "交付组",   "售前组",   "售后组", "增长组", "内容组", "活动组", "客服组", "商务组",
};

constexpr std::string_view kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

struct TagGroupWords {
    std::string_view name;
    std::string_view tags[8];
};

constexpr TagGroupWords kTagGroups[] = {
    {"客户等级", {"A类客户", "B类客户", "C类客户", "重点客户", "普通客户"}},
    {"客户来源", {"官网", "展会", "转介绍", "广告投放", "抖音", "公众号", "线下门店"}},
    {"意向程度", {"高意向", "中意向", "低意向", "已成交", "已流失"}},
    {"行业", {"互联网", "制造业", "教育", "金融", "医疗", "零售", "餐饮", "房地产"}},
    {"地区", {"华东", "华南", "华北", "西南", "西北", "东北", "华中", "海外"}},
    {"跟进阶段", {"初次接触", "需求确认", "方案报价", "商务谈判", "已签约"}},
    {"产品兴趣", {"基础版", "专业版", "企业版", "私有化部署", "增值服务"}},
    {"会员等级", {"普通会员", "银卡会员", "金卡会员", "钻石会员"}},
    {"年龄段", {"20岁以下", "20-30岁", "30-40岁", "40-50岁", "50岁以上"}},
};

constexpr std::string_view kChannelStates[] = {
    "qr_store_sh01", "qr_store_bj02", "qr_store_gz03", "expo_2023", "expo_2024", "wx_ad_spring",
    "wx_ad_618",     "official_site", "douyin_live",   "poster_a",  "poster_b",  "sales_card",
};

constexpr std::string_view kDescriptions[] = {
    "采购对接",   "老客户", "意向强烈", "需要报价", "已签合同", "转介绍客户", "对价格敏感", "决策人",
    "技术负责人", "试用中", "待回访",   "重点跟进", "展会认识", "续费客户",   "暂无需求",   "VIP",
};

constexpr std::string_view kRemarkTitles[] = {"总", "经理", "老师", "姐", "哥", "工", "主任", "老板"};

constexpr std::string_view kStreets[] = {
    "新港中路", "科技园南路", "张江路", "中关村大街", "天府大道", "文三路", "珠江东路", "南京西路",
};

constexpr std::string_view kChatTopics[] = {
    "客户交流群", "VIP服务群", "产品答疑群", "售后服务群", "新品体验群", "会员福利群", "项目对接群", "培训交流群",
};

constexpr std::string_view kChatNotices[] = {
    "欢迎加入，有问题请随时联系群主。",
    "本群仅用于产品交流，请勿发广告。",
    "服务时间：工作日 9:00-18:00。",
    "新品试用名额有限，先到先得。",
};

std::string joined(std::string_view a, std::string_view b)
{
    std::string text;
    text.reserve(a.size() + b.size());
    text.append(a).append(b);
    return text;
}

const Syllable &pickSurname(Rng &rng)
{
    // Half of the draws from the twenty most common surnames, as in the population.
    if (rng.chance(0.5)) {
        return kSurnames[rng.index(20)];
    }
    return kSurnames[rng.index(std::size(kSurnames))];
}

} // namespace

PersonName personName(Rng &rng)
{
    PersonName person;
    const Syllable &surname = pickSurname(rng);
    person.gender = rng.chance(0.5) ? 1 : 2;
    person.surname = std::string(surname.hanzi);
    person.pinyinSurname = std::string(surname.pinyin);
    person.name = person.surname;
    const int length = rng.chance(0.35) ? 1 : 2;
    for (int i = 0; i < length; ++i) {
        const Syllable &given = person.gender == 1 ? rng.pick(kMaleGiven) : rng.pick(kFemaleGiven);
        person.name.append(given.hanzi);
        person.pinyinGiven.append(given.pinyin);
    }
    return person;
}

std::string englishName(Rng &rng, int gender)
{
    return std::string(gender == 2 ? rng.pick(kFemaleEnglish) : rng.pick(kMaleEnglish));
}

std::string nickname(Rng &rng)
{
    return std::string(rng.pick(kNicknames));
}

std::string staffPosition(Rng &rng)
{
    return std::string(rng.pick(kStaffPositions));
}

std::string customerPosition(Rng &rng)
{
    return std::string(rng.pick(kCustomerPositions));
}

Company company(Rng &rng)
{
    const Syllable &trade = rng.pick(kTradeNames);
    const Syllable &industry = rng.pick(kIndustries);
    Company result;
    result.shortName = joined(trade.hanzi, industry.hanzi);
    std::string city(rng.pick(kCities));
    result.fullName = city + (city == "北京" || city == "上海" || city == "天津" || city == "重庆" ? "" : "市") +
                      result.shortName + "有限公司";
    result.pinyin = joined(trade.pinyin, industry.pinyin);
    return result;
}

std::string chineseNumber(int number)
{
    if (number < 10) {
        return std::string(kDigits[number < 0 ? 0 : number]);
    }
    if (number < 100) {
        std::string text = number >= 20 ? std::string(kDigits[number / 10]) : std::string();
        text.append("十");
        if (number % 10 != 0) {
            text.append(kDigits[number % 10]);
        }
        return text;
    }
    std::string text;
    for (const char c : std::to_string(number)) {
        text.append(kDigits[c - '0']);
    }
    return text;
}

DepartmentName divisionName(int index)
{
    const auto count = static_cast<int>(std::size(kDivisions));
    const auto &words = kDivisions[index % count];
    DepartmentName result{std::string(words[0]), std::string(words[1])};
    if (index >= count) {
        const int round = index / count + 1;
        result.name.append(chineseNumber(round));
        result.nameEn.append(" ").append(std::to_string(round));
    }
    return result;
}

std::string unitName(Rng &rng)
{
    if (rng.chance(0.4)) {
        return joined(rng.pick(kCities), "分部");
    }
    return std::string(rng.pick(kUnits));
}

std::string teamName(Rng &rng)
{
    if (rng.chance(0.3)) {
        return chineseNumber(rng.between(1, 9)) + "组";
    }
    return std::string(rng.pick(kTeams));
}

std::string tagGroupName(int groupIndex)
{
    const auto count = static_cast<int>(std::size(kTagGroups));
    std::string name(kTagGroups[groupIndex % count].name);
    if (groupIndex >= count) {
        name.append(chineseNumber(groupIndex / count + 1));
    }
    return name;
}

std::string tagName(int groupIndex, int tagIndex)
{
    const auto &group = kTagGroups[groupIndex % static_cast<int>(std::size(kTagGroups))];
    int words = 0;
    while (words < static_cast<int>(std::size(group.tags)) && !group.tags[words].empty()) {
        ++words;
    }
    std::string name(group.tags[tagIndex % words]);
    if (tagIndex >= words) {
        name.append(chineseNumber(tagIndex / words + 1));
    }
    return name;
}

std::string channelState(Rng &rng)
{
    return std::string(rng.pick(kChannelStates));
}

std::string followDescription(Rng &rng)
{
    return std::string(rng.pick(kDescriptions));
}

std::string remarkTitle(Rng &rng)
{
    return std::string(rng.pick(kRemarkTitles));
}

std::string address(Rng &rng)
{
    std::string text(rng.pick(kCities));
    text.append("市").append(rng.pick(kStreets)).append(std::to_string(rng.between(1, 999))).append("号");
    return text;
}

std::string chatName(Rng &rng)
{
    return joined(rng.pick(kCities), rng.pick(kChatTopics));
}

std::string chatNotice(Rng &rng)
{
    return std::string(rng.pick(kChatNotices));
}

std::string mobile(Rng &rng)
{
    static constexpr std::string_view prefixes[] = {"13", "15", "17", "18", "19"};
    std::string text(rng.pick(prefixes));
    for (int i = 0; i < 9; ++i) {
        text.push_back(static_cast<char>('0' + rng.below(10)));
    }
    return text;
}

std::string telephone(Rng &rng)
{
    static constexpr std::string_view areas[] = {"010", "021", "020", "0755", "0571", "028"};
    std::string text(rng.pick(areas));
    text.push_back('-');
    for (int i = 0; i < 8; ++i) {
        text.push_back(static_cast<char>('0' + rng.below(10)));
    }
    return text;
}

} // namespace ic::sandbox::detail
