#pragma once

#include "sandbox/CorpRandom.h"

#include <string>

// Private to the sandbox: the word lists that make the simulated corp read like a real Chinese company.
namespace ic::sandbox::detail {

struct PersonName {
    std::string name;          ///< 张伟, 欧阳晓明
    std::string surname;       ///< 张, 欧阳
    std::string pinyinSurname; ///< Zhang, Ouyang
    std::string pinyinGiven;   ///< Wei, XiaoMing
    int gender = 1;            ///< 1 male, 2 female
};

struct Company {
    std::string shortName; ///< 星河科技
    std::string fullName;  ///< 深圳市星河科技有限公司
    std::string pinyin;    ///< xinghe (for mail domains)
};

struct DepartmentName {
    std::string name;
    std::string nameEn;
};

PersonName personName(Rng &rng);
std::string englishName(Rng &rng, int gender);
/// A WeChat nickname (Chinese or Latin), for type-1 customers who do not use their real name.
std::string nickname(Rng &rng);
std::string staffPosition(Rng &rng);
std::string customerPosition(Rng &rng);
Company company(Rng &rng);
std::string chineseNumber(int number);
/// First-level departments: a fixed list of divisions, numbered beyond its end.
DepartmentName divisionName(int index);
/// Second-level departments: city offices and functional units.
std::string unitName(Rng &rng);
/// Third level and below: teams.
std::string teamName(Rng &rng);
std::string tagGroupName(int groupIndex);
std::string tagName(int groupIndex, int tagIndex);
/// A 「联系我」 channel state code.
std::string channelState(Rng &rng);
/// A follow-relation description, at most five CJK characters (fits std::string's small buffer).
std::string followDescription(Rng &rng);
/// How a salesperson addresses a customer: 总, 经理, 老师 ...
std::string remarkTitle(Rng &rng);
std::string address(Rng &rng);
std::string chatName(Rng &rng);
std::string chatNotice(Rng &rng);
std::string mobile(Rng &rng);
std::string telephone(Rng &rng);

} // namespace ic::sandbox::detail
