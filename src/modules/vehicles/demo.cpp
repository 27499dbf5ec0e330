#include "modules/vehicles/demo.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit/audit.hpp"

// The seed (Luozhuang's 2016 summary, 车改工作): "全区67个参改部门单位参改车辆共计507辆，取消车辆
// 总数293辆 … 于6月30日按时完成了参改单位取消车辆到封存移交"; "区级保留的57辆机要通信应急用车以口为
// 单位分配到区级15个口内"; "除了 … 62辆车直接进入报废程序外，其余的231辆车通过网上拍卖方式分6批全部处置
// 完毕，拍卖总价达511.178万元"; "处置费用513.8004万元已于11月17日全部转入财政专用账户"; the bureau's own
// "2003年10月采购1辆桑塔纳鲁QC0052，购车价格16.6万元；2009年7月购买1辆帕萨特鲁QCV501，购买价格为16.78万元".
// Everything else (models, prices, dates, names) is invented, plausibly and deterministically.

namespace jiguan::vehicles {
namespace {

namespace json = boost::json;
using Day = std::chrono::sys_days;
using std::chrono::days;

constexpr Day on(int y, int m, int d) { return Day{std::chrono::year{y} / m / d}; }

std::string iso(Day d) {
  const std::chrono::year_month_day ymd{d};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return out;
}

// The demo pretends every record was entered on the day it happened, 10:00 in Beijing.
std::string stamp(Day d) { return iso(d) + "T02:00:00Z"; }

// ---- The seed's figures ------------------------------------------------------------------

constexpr const char* kCampaignName = "罗庄区党政机关公务用车制度改革";
constexpr Day kStart = on(2016, 3, 1);
constexpr Day kDeadline = on(2016, 6, 30);      // "6月30日按时完成 … 封存移交"
constexpr Day kAllocatedFrom = on(2016, 7, 1);  // the day rented cars took over (7月1日)
constexpr Day kClosed = on(2016, 11, 17);       // "11月17日全部转入财政专用账户"
constexpr std::int64_t kAuctionIncomeFen = 511'178'000;
constexpr std::int64_t kRemittedFen = 513'800'400;
constexpr std::int64_t kScrapIncomeFen = kRemittedFen - kAuctionIncomeFen;  // 26,224.00 yuan
constexpr std::size_t kScrapped = 62;
constexpr const char* kCustodian = "区机关事务管理局车辆处置专班";

// Each participating unit's fleet by its fate in the reform: cancelled general cars, and the
// retained ones by retained category.
struct UnitFleet {
  std::string_view unit;
  int cancel, law_enforcement, special, confidential, emergency;
  constexpr int total() const { return cancel + law_enforcement + special + confidential + emergency; }
};

constexpr std::array<UnitFleet, 67> kFleets = {{
    {"区委办公室", 10, 0, 0, 2, 1},
    {"区委组织部", 5, 0, 0, 1, 0},
    {"区委宣传部", 3, 0, 0, 0, 1},
    {"区委统战部", 2, 0, 0, 0, 0},
    {"区直机关工委", 2, 0, 0, 0, 0},
    {"区总工会", 2, 0, 0, 0, 0},
    {"团区委", 1, 0, 0, 0, 0},
    {"区妇联", 1, 0, 0, 0, 0},
    {"区纪委监委", 7, 4, 0, 2, 0},
    {"区委巡察办", 2, 0, 0, 0, 1},
    {"区委政法委", 3, 0, 0, 1, 0},
    {"区人民法院", 8, 11, 1, 0, 1},
    {"区人民检察院", 6, 9, 1, 0, 1},
    {"区公安分局", 12, 25, 3, 0, 1},
    {"区司法局", 4, 3, 0, 1, 0},
    {"区人大常委会办公室", 7, 0, 0, 1, 1},
    {"区政协办公室", 6, 0, 0, 1, 1},
    {"区政府办公室", 11, 0, 0, 1, 1},
    {"罗庄区机关事务管理局", 2, 0, 0, 0, 0},
    {"区信访局", 2, 0, 0, 0, 1},
    {"区大数据局", 1, 0, 0, 0, 0},
    {"区行政审批服务局", 2, 0, 0, 0, 1},
    {"区发展和改革局", 5, 0, 0, 0, 1},
    {"区工业和信息化局", 4, 0, 0, 0, 1},
    {"区商务局", 3, 1, 0, 0, 0},
    {"区统计局", 2, 1, 0, 0, 0},
    {"区市场监督管理局", 8, 10, 2, 0, 0},
    {"区审计局", 3, 0, 0, 1, 0},
    {"区财政局", 6, 0, 0, 1, 0},
    {"区税务局", 9, 6, 0, 0, 1},
    {"区金融服务中心", 2, 0, 0, 0, 1},
    {"区住房和城乡建设局", 6, 3, 0, 0, 1},
    {"区自然资源局", 5, 4, 1, 0, 0},
    {"区城市管理局", 5, 11, 2, 0, 1},
    {"区交通运输局", 5, 8, 0, 0, 1},
    {"区生态环境分局", 3, 4, 2, 0, 0},
    {"区水利局", 4, 2, 0, 0, 1},
    {"区农业农村局", 6, 3, 0, 0, 1},
    {"区林业局", 3, 2, 0, 0, 1},
    {"区乡村振兴局", 2, 0, 0, 0, 1},
    {"区供销社", 2, 0, 0, 0, 0},
    {"区教育和体育局", 7, 0, 0, 0, 1},
    {"区科学技术局", 2, 0, 0, 0, 0},
    {"区文化和旅游局", 4, 2, 0, 0, 1},
    {"区融媒体中心", 2, 0, 3, 0, 1},
    {"区卫生健康局", 6, 3, 0, 0, 1},
    {"区医疗保障局", 2, 1, 0, 0, 1},
    {"区疾病预防控制中心", 3, 0, 4, 0, 1},
    {"区民政局", 5, 0, 0, 0, 1},
    {"区人力资源和社会保障局", 5, 2, 0, 0, 1},
    {"区退役军人事务局", 2, 0, 0, 0, 1},
    {"区残联", 1, 0, 0, 0, 0},
    {"区红十字会", 1, 0, 1, 0, 0},
    {"区应急管理局", 5, 3, 0, 0, 2},
    {"区消防救援大队", 2, 0, 6, 0, 1},
    {"区人防办", 2, 0, 1, 0, 1},
    {"罗庄街道办事处", 7, 2, 0, 0, 1},
    {"盛庄街道办事处", 6, 2, 0, 0, 1},
    {"傅庄街道办事处", 6, 1, 0, 0, 1},
    {"罗西街道办事处", 6, 1, 0, 0, 1},
    {"高都街道办事处", 6, 1, 0, 0, 1},
    {"册山街道办事处", 6, 1, 0, 0, 1},
    {"黄山镇人民政府", 6, 1, 0, 0, 1},
    {"褚墩镇人民政府", 6, 1, 0, 0, 1},
    {"沂堂镇人民政府", 6, 1, 0, 0, 1},
    {"双月湖管委会", 2, 0, 0, 0, 0},
    {"经济开发区管委会", 5, 1, 0, 0, 1},
}};

constexpr int fleet_sum(int UnitFleet::*field) {
  int sum = 0;
  for (const auto& f : kFleets) sum += f.*field;
  return sum;
}
static_assert(fleet_sum(&UnitFleet::cancel) == 293);
static_assert(fleet_sum(&UnitFleet::confidential) + fleet_sum(&UnitFleet::emergency) == 57);
static_assert(fleet_sum(&UnitFleet::law_enforcement) + fleet_sum(&UnitFleet::special) == 157);

struct Batch {
  int sold;
  Day starts, ends;
};

// Six online auctions, the last ending on the day disposal was done ("截止10月29日 … 全部完成").
constexpr std::array<Batch, 6> kBatches = {{{46, on(2016, 7, 20), on(2016, 7, 22)},
                                            {42, on(2016, 8, 10), on(2016, 8, 12)},
                                            {40, on(2016, 8, 30), on(2016, 9, 1)},
                                            {38, on(2016, 9, 20), on(2016, 9, 22)},
                                            {35, on(2016, 10, 12), on(2016, 10, 14)},
                                            {30, on(2016, 10, 27), on(2016, 10, 29)}}};
static_assert([] {
  int sold = 0;
  for (const auto& b : kBatches) sold += b.sold;
  return sold == 293 - static_cast<int>(kScrapped);
}());
// The batch (1-based) in which each relisted vehicle sold after going unsold in the one before.
constexpr std::array<int, 5> kRelistedIn = {2, 2, 3, 4, 6};
constexpr std::array<Day, 4> kRemittanceDays = {on(2016, 8, 19), on(2016, 9, 23), on(2016, 10, 25), kClosed};

struct Agency {
  const char* kind;
  const char* name;
  const char* short_name;  // an appraiser's report numbers start with it
  const char* contract_no;
  const char* contact;
  const char* phone;
};

// "通过政府集中采购、公开招标的方式，确定了2家车辆鉴定评估机构和2家拍卖机构".
const std::array<Agency, 5> kAgencies = {{
    {"appraiser", "临沂正信旧机动车鉴定评估有限公司", "正信", "LZCG2016-017", "孔德伟", "0539-8236617"},
    {"appraiser", "山东鲁诚旧机动车鉴定评估有限公司", "鲁诚", "LZCG2016-018", "颜世峰", "0539-8159023"},
    {"auction_house", "临沂市公信拍卖有限公司", "公信", "LZCG2016-019", "孟庆军", "0539-8310256"},
    {"auction_house", "山东鑫源拍卖有限公司", "鑫源", "LZCG2016-020", "邵立新", "0539-8722418"},
    {"recycler", "临沂市鲁南报废汽车回收拆解有限公司", "鲁南", "LZCG2016-021", "贾传东", "0539-8267705"},
}};
constexpr std::size_t kRecycler = 4;
constexpr const char* kPlatform = "淮海产权交易网络竞价平台";

// ---- Models -------------------------------------------------------------------------------

struct Model {
  const char* name;
  const char* wmi;     // the VIN's manufacturer code
  const char* engine;  // engine number prefix
  int displacement_ml, seats, price_min_yuan, price_max_yuan, first_year, last_year;
  int scrap_yuan;  // typical residual value for the recycler
  // 2011 办法 第七条(一): 一般公务用车 ≤ 1.8 L and ≤ 180,000 yuan.
  constexpr bool within_2011_standard() const { return displacement_ml <= 1800 && price_max_yuan <= 180000; }
};

enum ModelId : std::size_t {
  santana3000,
  santana_vista,
  santana_new,
  passat,
  jetta,
  bora,
  lavida,
  excelle,
  corolla,
  elantra,
  accord,
  audi_a6l,
  gl8,
  coaster,
  iveco,
  pickup,
  wuling,
  haval_h6,
  transit,
  kModelCount
};

constexpr std::array<Model, kModelCount> kModels = {{
    {"桑塔纳3000 1.8L", "LSV", "AYJ", 1781, 5, 115000, 166000, 2003, 2007, 400},
    {"桑塔纳志俊 1.8L", "LSV", "BKT", 1781, 5, 98000, 120000, 2008, 2012, 400},
    {"新桑塔纳 1.6L", "LSV", "CSR", 1598, 5, 90000, 115000, 2013, 2015, 400},
    {"帕萨特 1.8T", "LSV", "BGC", 1781, 5, 160000, 179800, 2003, 2015, 450},
    {"捷达 1.6L", "LFV", "ATK", 1595, 5, 78000, 98000, 2003, 2015, 380},
    {"宝来 1.6L", "LFV", "CLS", 1598, 5, 110000, 138000, 2006, 2014, 400},
    {"朗逸 1.6L", "LSV", "CPJ", 1598, 5, 112000, 139000, 2008, 2015, 400},
    {"别克凯越 1.6L", "LSG", "LXT", 1598, 5, 99000, 125000, 2005, 2013, 400},
    {"丰田卡罗拉 1.6L", "LFM", "1ZR", 1598, 5, 119000, 149000, 2007, 2014, 400},
    {"现代伊兰特 1.6L", "LBE", "G4ED", 1599, 5, 95000, 118000, 2005, 2011, 380},
    {"本田雅阁 2.4L", "LHG", "K24A", 2354, 5, 205000, 258000, 2003, 2012, 450},
    {"奥迪A6L 2.4L", "LFV", "BDW", 2393, 5, 418000, 486000, 2005, 2008, 500},
    {"别克GL8 2.4L", "LSG", "LE5", 2384, 7, 238000, 289000, 2003, 2011, 600},
    {"丰田考斯特 4.2L", "LVG", "1HZ", 4164, 23, 498000, 568000, 2004, 2010, 2200},
    {"依维柯 2.8L", "LNX", "8140", 2798, 14, 198000, 262000, 2003, 2012, 800},
    {"长城风骏皮卡 2.8T", "LGW", "GW28TC", 2771, 5, 82000, 108000, 2007, 2014, 700},
    {"五菱荣光 1.2L", "LZW", "B12", 1206, 7, 45000, 58000, 2009, 2015, 350},
    {"哈弗H6 1.5T", "LGW", "GW4G15", 1497, 5, 98000, 128000, 2011, 2015, 500},
    {"江铃全顺 2.4T", "LJX", "JX4D24", 2402, 9, 178000, 235000, 2008, 2015, 800},
}};

struct Weighted {
  ModelId model;
  int weight;
};

// What a unit bought for each kind of use, and when.
struct Kind {
  const char* registered;  // the category at purchase
  const char* retained;    // the category kept after the reform; nullptr: cancelled
  std::vector<Weighted> models;
  int first_year;
  std::vector<int> year_weights;  // from first_year on
  bool follows_2011_standard;     // bought from 2011 within the general car standard
};

const std::array<Kind, 5>& kinds() {
  static const std::array<Kind, 5> k = {{
      {"general",
       nullptr,
       {{santana3000, 6},
        {santana_vista, 6},
        {santana_new, 5},
        {passat, 5},
        {jetta, 6},
        {bora, 3},
        {lavida, 3},
        {excelle, 3},
        {corolla, 2},
        {elantra, 2},
        {accord, 2},
        {audi_a6l, 1},
        {gl8, 2},
        {coaster, 1},
        {iveco, 1},
        {pickup, 2},
        {wuling, 2}},
       2003,
       {4, 5, 6, 7, 8, 8, 8, 8, 6, 5, 3, 2},
       true},
      {"law_enforcement",
       "law_enforcement",
       {{jetta, 4}, {santana_vista, 3}, {santana_new, 3}, {lavida, 3}, {pickup, 2}, {wuling, 2}, {haval_h6, 2}, {iveco, 1}},
       2007,
       {1, 2, 3, 4, 5, 6, 6, 5, 4},
       true},
      {"special", "special", {{iveco, 2}, {transit, 3}, {pickup, 1}}, 2007, {1, 2, 3, 4, 5, 6, 6, 5, 4}, false},
      {"general", "confidential", {{santana_new, 3}, {lavida, 3}, {jetta, 2}, {passat, 2}}, 2009, {2, 3, 4, 5, 6, 6, 5}, true},
      {"general",
       "emergency",
       {{haval_h6, 3}, {lavida, 2}, {santana_new, 2}, {jetta, 2}, {wuling, 1}},
       2009,
       {2, 3, 4, 5, 6, 6, 5},
       true},
  }};
  return k;
}

// Vehicles the seed names (the bureau's two cars), and two cancelled cars bought over the
// 2011 standard, as a real fleet had.
struct FixedVehicle {
  std::string_view unit;
  const char* plate;
  ModelId model;
  Day purchased;
  int price_yuan;
};
const std::array<FixedVehicle, 4> kFixed = {{
    {"罗庄区机关事务管理局", "鲁QC0052", santana3000, on(2003, 10, 15), 166000},
    {"罗庄区机关事务管理局", "鲁QCV501", passat, on(2009, 7, 10), 167800},
    {"区住房和城乡建设局", "鲁QA3186", gl8, on(2011, 5, 16), 256800},
    {"经济开发区管委会", "鲁QK7720", accord, on(2012, 3, 9), 219800},
}};

// ---- Deterministic randomness ---------------------------------------------------------------

// splitmix64 with a fixed seed: the same demo on every machine and run.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool percent(int p) { return between(1, 100) <= p; }
  char from(std::string_view chars) {
    return chars[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(chars.size()) - 1))];
  }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(items.size()) - 1))];
  }
  // An index drawn with the given weights.
  std::size_t weighted(const std::vector<int>& weights) {
    auto left = between(1, std::accumulate(weights.begin(), weights.end(), 0));
    std::size_t i = 0;
    while ((left -= weights[i]) > 0) ++i;
    return i;
  }

 private:
  std::uint64_t state_;
};

constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kPlateLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ";  // no I, O on plates
constexpr std::string_view kVinChars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

// 鲁Q (Linyi) and five characters: a letter and four digits, or two letters and three.
std::string plate(Random& rng) {
  std::string p = "鲁Q";
  p += rng.from(kPlateLetters);
  const bool two_letters = rng.percent(30);
  if (two_letters) p += rng.from(kPlateLetters);
  for (int i = two_letters ? 3 : 4; i > 0; --i) p += rng.from(kDigits);
  return p;
}

// GB 16735 (= ISO 3779 with the check digit in position 9): WMI, 5 descriptor characters,
// the check digit, the model-year code, the plant and a 6-digit serial number.
std::string vin(Random& rng, const Model& model, int year) {
  std::string v = model.wmi;
  for (int i = 0; i < 5; ++i) v += rng.from(kVinChars);
  v += '0';
  v += year <= 2009 ? static_cast<char>('0' + year - 2000) : "ABCDEF"[year - 2010];
  v += rng.from(kVinChars);
  for (int i = 0; i < 6; ++i) v += rng.from(kDigits);
  constexpr std::string_view letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
  constexpr int letter_values[] = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
  constexpr int weights[] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  int sum = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    sum += weights[i] * (c >= '0' && c <= '9' ? c - '0' : letter_values[letters.find(c)]);
  }
  v[8] = sum % 11 == 10 ? 'X' : static_cast<char>('0' + sum % 11);
  return v;
}

std::string buyer(Random& rng) {
  static const std::vector<std::string> companies = {"临沂众诚二手车经纪有限公司", "罗庄区顺通汽车服务有限公司",
                                                     "临沂鑫汇汽车贸易有限公司", "兰陵县宏达运输有限公司",
                                                     "临沂市兰山区车友二手车交易市场有限公司"};
  static const std::vector<std::string> surnames = {"孔", "孟", "颜", "邵", "庞", "齐", "房", "武", "薛", "贾",
                                                    "葛", "姜", "宁", "鲁", "石", "闫", "褚", "尹", "仲", "厉"};
  static const std::vector<std::string> given = {"传东", "玉龙", "庆丰", "成刚", "秀芳", "兆勇", "宗义", "德才", "希文", "立军",
                                                 "洪涛", "凯",   "士杰", "纪元", "宪军", "增福", "金华", "守彬", "广玲", "继伟"};
  if (rng.percent(22)) return rng.pick(companies);
  return rng.pick(surnames) + rng.pick(given);
}

// Splits `total` into amounts proportional to `weights`, in whole `step`s (at least one
// each); the largest takes the remainder below one step, so the seed's totals hold to the fen.
std::vector<std::int64_t> apportion(const std::vector<double>& weights, std::int64_t total, std::int64_t step) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<std::int64_t> out;
  for (const double w : weights) out.push_back(std::max<std::int64_t>(1, std::llround(w / sum * total / step)) * step);
  auto rest = total - std::accumulate(out.begin(), out.end(), std::int64_t{0});
  for (std::size_t i = 0; rest >= step || rest <= -step; i = (i + 1) % out.size()) {
    if (rest > 0) {
      out[i] += step;
      rest -= step;
    } else if (out[i] > step) {
      out[i] -= step;
      rest += step;
    }
  }
  *std::max_element(out.begin(), out.end()) += rest;
  return out;
}

std::int64_t floor_to(std::int64_t v, std::int64_t step) { return v / step * step; }
std::int64_t ceil_to(std::int64_t v, std::int64_t step) { return (v + step - 1) / step * step; }

// ---- The plan ---------------------------------------------------------------------------------

struct Unit {
  std::int64_t id, sector_id;
  std::optional<std::int64_t> lead_unit_id;
  std::string name, sector_name, lead_unit_name;
  std::string signer;  // who signs the hand-over for the unit (a deputy head)
  const UnitFleet* fleet = nullptr;
};

struct Lot {
  std::size_t batch;  // 0-based
  int lot_no = 0;
  std::int64_t reserve_fen;
  bool sold;
  std::int64_t id = 0;
};

struct Vehicle {
  std::size_t unit;
  const Kind* kind;
  const Model* model;
  std::string plate, vin, engine_no, funding;
  Day purchased;
  std::int64_t price_fen = 0;
  int odometer_km = 0;
  // A cancelled vehicle's path (kind->retained == nullptr).
  Day decided, sealed, handed_over, appraised, scrapped, paid, transferred;
  int keys = 0;
  std::string seal_place, documents, received_by, report_no, condition, certificate_no, buyer;
  std::size_t appraiser = 0;
  std::int64_t appraised_fen = 0, residual_fen = 0, hammer_fen = 0;
  bool scrap = false;
  std::vector<Lot> lots;  // oldest first; the last one sold
  std::int64_t id = 0, allocation_id = 0;

  bool cancelled() const { return kind->retained == nullptr; }
  const char* category() const { return cancelled() ? kind->registered : kind->retained; }
  const char* status() const { return !cancelled() ? "in_service" : scrap ? "scrapped" : "auctioned"; }
  bool allocated() const {
    return !cancelled() &&
           (std::string_view(kind->retained) == "confidential" || std::string_view(kind->retained) == "emergency");
  }
};

struct Remittance {
  Day on;
  std::int64_t amount_fen;
};

struct Plan {
  std::vector<Unit> units;
  std::vector<Vehicle> vehicles;
  std::vector<Remittance> remittances;
  // Ids, once written.
  std::int64_t campaign_id = 0;
  std::array<std::int64_t, kAgencies.size()> agency_ids{};
  std::array<std::int64_t, kBatches.size()> batch_ids{};
};

std::vector<Unit> load_units(db::Tx& tx, std::int64_t tenant_id) {
  const auto rows = tx.query(
      "SELECT u.id, u.name, s.id, s.name, s.lead_unit_id, l.name, "
      "(SELECT p.name FROM people p WHERE p.tenant_id = u.tenant_id AND p.unit_id = u.id AND p.active = 1 "
      "ORDER BY CASE WHEN p.post LIKE '副%' THEN 0 ELSE 1 END, p.id LIMIT 1) "
      "FROM units u JOIN units s ON s.tenant_id = u.tenant_id AND s.id = u.parent_id AND s.kind = 'sector' "
      "LEFT JOIN units l ON l.tenant_id = s.tenant_id AND l.id = s.lead_unit_id "
      "WHERE u.tenant_id = $1 AND u.kind IN ('department', 'bureau')",
      tenant_id);
  std::map<std::string, Unit, std::less<>> by_name;
  for (const auto& r : rows.rows) {
    by_name[r.text(1)] = {
        r.int64(0), r.int64(2), r.opt_int64(4), r.text(1), r.text(3), r.opt_text(5).value_or(""), r.opt_text(6).value_or("")};
  }
  std::vector<Unit> units;
  for (const auto& fleet : kFleets) {
    const auto it = by_name.find(fleet.unit);
    if (it == by_name.end() || it->second.signer.empty()) {
      throw std::runtime_error("vehicles demo: the core demo's unit " + std::string(fleet.unit) + " or its people are missing");
    }
    units.push_back(it->second);
    units.back().fleet = &fleet;
  }
  return units;
}

// Every vehicle of every unit as bought: model, price, plate, VIN, engine number.
void buy_fleet(Plan& plan, Random& rng) {
  std::set<std::string> plates, vins;
  for (const auto& f : kFixed) plates.insert(f.plate);
  auto unique = [&](std::set<std::string>& seen, auto make) {
    for (;;) {
      auto value = make();
      if (seen.insert(value).second) return value;
    }
  };
  for (std::size_t u = 0; u < plan.units.size(); ++u) {
    const auto& fleet = *plan.units[u].fleet;
    const std::array<int, 5> counts = {fleet.cancel, fleet.law_enforcement, fleet.special, fleet.confidential, fleet.emergency};
    std::vector<const FixedVehicle*> fixed;
    for (const auto& f : kFixed) {
      if (f.unit == fleet.unit) fixed.push_back(&f);
    }
    for (std::size_t k = 0; k < counts.size(); ++k) {
      const Kind& kind = kinds()[k];
      for (int n = 0; n < counts[k]; ++n) {
        Vehicle v{.unit = u, .kind = &kind};
        if (k == 0 && static_cast<std::size_t>(n) < fixed.size()) {
          v.model = &kModels[fixed[n]->model];
          v.plate = fixed[n]->plate;
          v.purchased = fixed[n]->purchased;
          v.price_fen = fixed[n]->price_yuan * std::int64_t{100};
        } else {
          const int year = kind.first_year + static_cast<int>(rng.weighted(kind.year_weights));
          std::vector<int> weights;
          for (const auto& w : kind.models) {
            const Model& m = kModels[w.model];
            const bool ok = year >= m.first_year && year <= m.last_year &&
                            (year < 2011 || !kind.follows_2011_standard || m.within_2011_standard());
            weights.push_back(ok ? w.weight : 0);
          }
          v.model = &kModels[kind.models[rng.weighted(weights)].model];
          v.plate = unique(plates, [&] { return plate(rng); });
          v.purchased = on(year, static_cast<int>(rng.between(1, 12)), static_cast<int>(rng.between(1, 28)));
          v.price_fen = rng.between(v.model->price_min_yuan / 100, v.model->price_max_yuan / 100) * 10000;
        }
        const int year = static_cast<int>(std::chrono::year_month_day{v.purchased}.year());
        v.vin = unique(vins, [&] { return vin(rng, *v.model, year); });
        v.engine_no = v.model->engine + std::to_string(rng.between(100000, 999999));
        v.funding = rng.percent(88) ? "budget" : "own";
        v.odometer_km = static_cast<int>((kStart - v.purchased).count() * rng.between(35, 75));
        plan.vehicles.push_back(std::move(v));
      }
    }
  }
}

// Decisions in March–April, sealing and hand-over by the deadline, appraisal in early July.
void seal_and_hand_over(Plan& plan, Random& rng, const std::vector<std::string>& custodian_staff) {
  static const std::vector<std::string> places = {"区行政办公大楼东侧停车场（集中封存点）",
                                                  "罗庄区公务用车集中封存停车场（沂河路）"};
  std::array<int, 2> reports{};  // each appraiser numbers its reports
  for (auto& v : plan.vehicles) {
    const auto u = static_cast<int>(v.unit);
    v.decided = on(2016, 3, 14) + days{(u * 37) % 45};
    if (!v.cancelled()) continue;
    v.sealed = on(2016, 5, 9) + days{(u * 23) % 48 + rng.between(0, 2)};
    v.handed_over = std::min(kDeadline, v.sealed + days{rng.between(0, 2)});
    v.seal_place = places[static_cast<std::size_t>(u) % places.size()];
    v.keys = rng.percent(80) ? 2 : 1;
    v.documents = std::string("行驶证、机动车登记证书") + (rng.percent(50) ? "、车辆购置税完税证明" : "");
    v.received_by = rng.pick(custodian_staff);
    v.appraised = v.handed_over + days{rng.between(3, 14)};
    v.appraiser = v.unit % 2;
    char no[64];
    std::snprintf(no, sizeof no, "%s评报字〔2016〕第%04d号", kAgencies[v.appraiser].short_name, ++reports[v.appraiser]);
    v.report_no = no;
  }
}

// The 62 oldest (give or take) are scrapped; their residual income and the hammer prices of
// the others are apportioned so that the totals are the seed's to the fen.
void dispose(Plan& plan, Random& rng) {
  std::vector<std::size_t> cancelled;
  std::vector<std::int64_t> age_score(plan.vehicles.size());
  for (std::size_t i = 0; i < plan.vehicles.size(); ++i) {
    if (!plan.vehicles[i].cancelled()) continue;
    cancelled.push_back(i);
    age_score[i] = plan.vehicles[i].purchased.time_since_epoch().count() - rng.between(0, 700);
  }
  std::stable_sort(cancelled.begin(), cancelled.end(), [&](auto a, auto b) { return age_score[a] < age_score[b]; });
  static const std::vector<std::string> worn = {"车龄长，发动机及底盘严重老化，已无使用价值", "达到报废标准，车况差",
                                                "事故受损，修复价值低"};
  static const std::vector<std::string> fair = {"车况良好", "车况一般，漆面有划痕", "车况一般，内饰磨损",
                                                "发动机工况正常，底盘轻微锈蚀"};
  std::vector<std::size_t> scrap(cancelled.begin(), cancelled.begin() + kScrapped);
  std::vector<std::size_t> auction(cancelled.begin() + kScrapped, cancelled.end());

  std::vector<double> weights;
  for (const auto i : scrap) weights.push_back(plan.vehicles[i].model->scrap_yuan * static_cast<double>(rng.between(80, 120)));
  const auto residual = apportion(weights, kScrapIncomeFen, 1000);
  for (std::size_t n = 0; n < scrap.size(); ++n) {
    auto& v = plan.vehicles[scrap[n]];
    v.scrap = true;
    v.residual_fen = residual[n];
    v.appraised_fen = floor_to(residual[n] * 9 / 10, 1000);
    v.condition = rng.pick(worn);
    v.scrapped = std::min(on(2016, 10, 28), v.appraised + days{rng.between(10, 100)});
    char no[32];
    std::snprintf(no, sizeof no, "3713002016%05zu", n + 1);
    v.certificate_no = no;
  }

  // Market value: the price less about a fifth a year of hard official use, and the car's state.
  weights.clear();
  for (const auto i : auction) {
    const auto& v = plan.vehicles[i];
    const double age_years = static_cast<double>((kAllocatedFrom - v.purchased).count()) / 365.25;
    weights.push_back(static_cast<double>(v.price_fen) * std::pow(0.78, age_years) * static_cast<double>(rng.between(80, 115)));
  }
  const auto hammer = apportion(weights, kAuctionIncomeFen, 10000);
  for (std::size_t n = 0; n < auction.size(); ++n) {
    auto& v = plan.vehicles[auction[n]];
    v.hammer_fen = hammer[n];
    // Bidding lifted the price 5–45 % over the appraisal; the reserve is the appraisal or a bit more.
    v.appraised_fen = floor_to(v.hammer_fen * 100 / (100 + rng.between(5, 45)), 10000);
    v.condition = rng.pick(fair);
    v.buyer = buyer(rng);
  }

  // Batches take the vehicles in hand-over order; a few sell only at the second try, after a
  // lot whose reserve was too high.
  std::stable_sort(auction.begin(), auction.end(),
                   [&](auto a, auto b) { return plan.vehicles[a].handed_over < plan.vehicles[b].handed_over; });
  std::array<std::vector<std::size_t>, kBatches.size()> sold_in;
  auto next = auction.begin();
  for (std::size_t b = 0; b < kBatches.size(); ++b) {
    sold_in[b].assign(next, next + kBatches[b].sold);
    next += kBatches[b].sold;
  }
  // The dearest cars not yet chosen are the ones whose first reserve found no bidder.
  std::array<std::vector<std::size_t>, kBatches.size()> lots_in;
  std::set<std::size_t> relisted;
  for (const int batch : kRelistedIn) {
    const auto& candidates = sold_in[static_cast<std::size_t>(batch - 1)];
    const auto best = *std::max_element(candidates.begin(), candidates.end(), [&](auto a, auto b) {
      return std::pair(!relisted.contains(a), plan.vehicles[a].hammer_fen) <
             std::pair(!relisted.contains(b), plan.vehicles[b].hammer_fen);
    });
    relisted.insert(best);
    lots_in[static_cast<std::size_t>(batch - 2)].push_back(best);
  }
  for (std::size_t b = 0; b < kBatches.size(); ++b) {
    auto& lots = lots_in[b];
    lots.insert(lots.end(), sold_in[b].begin(), sold_in[b].end());
    std::sort(lots.begin(), lots.end());
    for (std::size_t n = 0; n < lots.size(); ++n) {
      auto& v = plan.vehicles[lots[n]];
      const bool sold = std::find(sold_in[b].begin(), sold_in[b].end(), lots[n]) != sold_in[b].end();
      const auto reserve = sold ? std::min(v.hammer_fen, ceil_to(v.appraised_fen * (100 + rng.between(0, 8)) / 100, 10000))
                                : ceil_to(v.hammer_fen * 112 / 100, 10000);
      v.lots.push_back({b, static_cast<int>(n + 1), reserve, sold});
      if (!sold) continue;
      v.paid = kBatches[b].ends + days{rng.between(1, 7)};
      v.transferred = v.paid + days{rng.between(3, 12)};
    }
  }
}

// Income went to the treasury's special account as it came in; the last transfer on 11-17.
void remit(Plan& plan) {
  std::int64_t remitted = 0;
  for (const auto day : kRemittanceDays) {
    std::int64_t received = 0;
    for (const auto& v : plan.vehicles) {
      if (v.scrap && v.scrapped <= day) received += v.residual_fen;
      if (v.hammer_fen > 0 && v.paid <= day) received += v.hammer_fen;
    }
    if (received <= remitted) throw std::logic_error("vehicles demo: nothing to remit on " + iso(day));
    plan.remittances.push_back({day, received - remitted});
    remitted = received;
  }
  if (remitted != kRemittedFen) throw std::logic_error("vehicles demo: income received differs from the seed's remittance");
}

// ---- Writing --------------------------------------------------------------------------------

using Rows = std::vector<std::vector<db::Value>>;

template <class... A>
std::vector<db::Value> row(A&&... args) {
  return {db::to_value(std::forward<A>(args))...};
}

// Multi-row INSERTs of at most 900 parameters each (below SQLite's historical limit of 999),
// so thousands of rows take a few dozen round trips.
void insert_rows(db::Tx& tx, std::string_view table, std::initializer_list<std::string_view> columns, const Rows& rows) {
  const std::size_t per_statement = std::max<std::size_t>(1, 900 / columns.size());
  std::string head = "INSERT INTO " + std::string(table) + " (";
  for (const auto c : columns) head += std::string(c) + ", ";
  head.replace(head.size() - 2, 2, ") VALUES ");
  for (std::size_t first = 0; first < rows.size(); first += per_statement) {
    const auto last = std::min(rows.size(), first + per_statement);
    std::string sql = head;
    std::vector<db::Value> params;
    for (auto r = first; r < last; ++r) {
      sql += r == first ? "(" : ", (";
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        params.push_back(rows[r][c]);
        sql += (c == 0 ? "$" : ", $") + std::to_string(params.size());
      }
      sql += ")";
    }
    tx.exec(sql, params);
  }
}

std::map<std::string, std::int64_t> ids_by(db::Tx& tx, const std::string& sql, std::int64_t tenant_id) {
  std::map<std::string, std::int64_t> ids;
  for (const auto& r : tx.query(sql, tenant_id).rows) ids[r.text(1)] = r.int64(0);
  return ids;
}

const char* category_label(std::string_view category) {
  if (category == "law_enforcement") return "执法执勤用车";
  if (category == "special") return "特种专业技术用车";
  if (category == "confidential") return "机要通信用车";
  return "应急保障用车";
}

struct EventRow {
  std::size_t vehicle;
  Day day;
  std::string action;
  std::optional<std::string> from, to;
  std::string reason;
  json::object details;
};

// Each vehicle's life in order, with the steps and details the module's API records:
// registration, the reform's steps, then disposal or allocation.
std::vector<EventRow> timelines(const Plan& plan) {
  std::vector<EventRow> events;
  const auto campaign = json::object{{"campaign_id", plan.campaign_id}};
  auto with = [](json::object base, const json::object& more) {
    for (const auto& field : more) base[field.key()] = field.value();
    return base;
  };
  for (std::size_t i = 0; i < plan.vehicles.size(); ++i) {
    const auto& v = plan.vehicles[i];
    const auto& unit = plan.units[v.unit];
    std::optional<std::string> status;
    auto add = [&](Day day, const char* action, const char* to, std::string reason, json::object details) {
      auto from = to ? status : std::nullopt;
      if (to) status = to;
      events.push_back({i, day, action, std::move(from), to ? status : std::nullopt, std::move(reason), std::move(details)});
    };
    add(v.purchased, "register", nullptr, "购置登记", {});
    status = "in_service";
    add(kStart, "enroll", nullptr, std::string("参加") + kCampaignName, campaign);
    auto decision = with(campaign, {{"decision", v.cancelled() ? "cancel" : "retain"}, {"previous_decision", "pending"}});
    if (!v.cancelled()) {
      decision["retained_category"] = v.kind->retained;
      if (std::string_view(v.kind->registered) != v.kind->retained) {
        decision["category"] = {{"from", v.kind->registered}, {"to", v.kind->retained}};
      }
      add(v.decided, "decide", nullptr, std::string("车改保留为") + category_label(v.kind->retained), std::move(decision));
      if (v.allocated()) {
        add(kAllocatedFrom, "allocate", nullptr, "分配至" + unit.sector_name + "，牵头单位" + unit.lead_unit_name,
            {{"allocation_id", v.allocation_id},
             {"sector_id", unit.sector_id},
             {"sector", unit.sector_name},
             {"lead_unit_id", unit.lead_unit_id ? json::value(*unit.lead_unit_id) : json::value()},
             {"previous_allocation_id", nullptr}});
      }
      continue;
    }
    add(v.decided, "decide", "cancelled", "车改取消一般公务用车", std::move(decision));
    add(v.sealed, "seal", "sealed", "封存于" + v.seal_place,
        with(campaign, {{"seal_place", v.seal_place}, {"keys_received", v.keys}, {"documents_received", v.documents}}));
    add(v.handed_over, "hand_over", "awaiting_disposal", std::string("移交") + kCustodian,
        with(campaign, {{"handed_over_by", unit.signer}, {"received_by", v.received_by}, {"custodian", kCustodian}}));
    add(v.appraised, "appraise", nullptr, v.scrap ? "鉴定评估结论：报废" : "鉴定评估结论：拍卖",
        with(campaign, {{"agency_id", plan.agency_ids[v.appraiser]},
                        {"agency", kAgencies[v.appraiser].name},
                        {"report_no", v.report_no},
                        {"appraised_value_fen", v.appraised_fen},
                        {"condition", v.condition},
                        {"verdict", v.scrap ? "scrap" : "auction"}}));
    if (v.scrap) {
      add(v.scrapped, "scrap", "scrapped", "报废回收，证明编号" + v.certificate_no,
          with(campaign, {{"recycler_id", plan.agency_ids[kRecycler]},
                          {"recycler", kAgencies[kRecycler].name},
                          {"certificate_no", v.certificate_no},
                          {"residual_income_fen", v.residual_fen}}));
    }
    for (const auto& lot : v.lots) {
      const auto& batch = kBatches[lot.batch];
      const auto name = "第" + std::to_string(lot.batch + 1) + "批拍卖";
      const auto of_lot = with(
          campaign,
          {{"batch_id", plan.batch_ids[lot.batch]}, {"batch_no", lot.batch + 1}, {"lot_id", lot.id}, {"lot_no", lot.lot_no}});
      add(batch.starts, "lot", nullptr, name + "第" + std::to_string(lot.lot_no) + "号标的",
          with(of_lot,
               {{"reserve_price_fen", lot.reserve_fen}, {"reserve_approval", ""}, {"appraised_value_fen", v.appraised_fen}}));
      if (!lot.sold) {
        add(batch.ends, "unsold", nullptr, name + "流拍，降低保留价后再拍",
            with(of_lot, {{"reserve_price_fen", lot.reserve_fen}}));
        continue;
      }
      add(batch.ends, "sell", "auctioned", name + "成交",
          with(of_lot, {{"hammer_price_fen", v.hammer_fen}, {"reserve_price_fen", lot.reserve_fen}, {"buyer", v.buyer}}));
      add(v.paid, "payment", nullptr, "成交价款全额到账",
          with(of_lot,
               {{"amount_fen", v.hammer_fen}, {"payment_received_fen", v.hammer_fen}, {"hammer_price_fen", v.hammer_fen}}));
      add(v.transferred, "transfer", nullptr, "办理过户", with(of_lot, {{"buyer", v.buyer}}));
    }
  }
  // Chronological ids overall; stable, so each vehicle's same-day steps keep their order.
  std::stable_sort(events.begin(), events.end(), [](const EventRow& a, const EventRow& b) { return a.day < b.day; });
  return events;
}

void write_plan(db::Tx& tx, std::int64_t tenant_id, Plan& plan) {
  Rows rows;
  auto flush = [&](std::string_view table, std::initializer_list<std::string_view> columns) {
    insert_rows(tx, table, columns, rows);
    rows.clear();
  };
  const auto tender = stamp(on(2016, 3, 20));
  for (const auto& a : kAgencies)
    rows.push_back(row(tenant_id, a.kind, a.name, a.contract_no, a.contact, a.phone, tender, tender));
  flush("disposal_agencies", {"tenant_id", "kind", "name", "contract_no", "contact", "phone", "created_at", "updated_at"});
  const auto agency_ids = ids_by(tx, "SELECT id, name FROM disposal_agencies WHERE tenant_id = $1", tenant_id);
  for (std::size_t a = 0; a < kAgencies.size(); ++a) plan.agency_ids[a] = agency_ids.at(kAgencies[a].name);

  plan.campaign_id = tx.query(
                           "INSERT INTO vehicle_campaigns (tenant_id, name, start_date, handover_deadline, status, closed_at, "
                           "notes, created_at, "
                           "updated_at) VALUES ($1, $2, $3, $4, 'closed', $5, $6, $7, $5) RETURNING id",
                           tenant_id, kCampaignName, iso(kStart), iso(kDeadline), stamp(kClosed),
                           "全区67个参改部门（单位）参改车辆507辆，取消293辆，6月30日前完成封存移交；10月29日处置完毕，"
                           "11月17日处置收入全部转入财政专户。",
                           stamp(kStart))
                         .one()
                         .int64(0);
  const auto campaign_id = plan.campaign_id;
  for (const auto& u : plan.units) rows.push_back(row(tenant_id, campaign_id, u.id, stamp(kStart)));
  flush("campaign_units", {"tenant_id", "campaign_id", "unit_id", "created_at"});

  for (const auto& v : plan.vehicles) {
    const auto& unit = plan.units[v.unit];
    const Day last = !v.cancelled() ? (v.allocated() ? kAllocatedFrom : v.decided) : v.scrap ? v.scrapped : v.transferred;
    rows.push_back(row(tenant_id, v.plate, v.model->name, v.category(), v.model->displacement_ml, v.model->seats, v.vin,
                       v.engine_no, iso(v.purchased), v.price_fen, v.funding, unit.id,
                       v.allocated() ? std::optional(unit.sector_id) : std::nullopt, v.status(), v.odometer_km,
                       stamp(v.purchased), stamp(last)));
  }
  flush("vehicles", {"tenant_id", "plate", "brand_model", "category", "displacement_ml", "seats", "vin", "engine_no",
                     "purchase_date", "purchase_price_fen", "funding_source", "owner_unit_id", "sector_id", "status",
                     "odometer_km", "created_at", "updated_at"});
  const auto vehicle_ids = ids_by(tx, "SELECT id, plate FROM vehicles WHERE tenant_id = $1", tenant_id);
  for (auto& v : plan.vehicles) v.id = vehicle_ids.at(v.plate);

  for (const auto& v : plan.vehicles) {
    const auto& unit = plan.units[v.unit];
    if (!v.cancelled()) {
      rows.push_back(row(tenant_id, campaign_id, v.id, unit.id, "retain", v.kind->retained, stamp(v.decided), nullptr, nullptr,
                         nullptr, nullptr, nullptr, nullptr, nullptr, nullptr));
      continue;
    }
    rows.push_back(row(tenant_id, campaign_id, v.id, unit.id, "cancel", nullptr, stamp(v.decided), iso(v.sealed), v.seal_place,
                       v.keys, v.documents, iso(v.handed_over), unit.signer, v.received_by, kCustodian));
  }
  flush("campaign_vehicles",
        {"tenant_id", "campaign_id", "vehicle_id", "unit_id", "decision", "retained_category", "decided_at", "sealed_on",
         "seal_place", "keys_received", "documents_received", "handed_over_on", "handed_over_by", "received_by", "custodian"});

  for (const auto& v : plan.vehicles) {
    if (!v.cancelled()) continue;
    rows.push_back(row(tenant_id, campaign_id, v.id, plan.agency_ids[v.appraiser], v.report_no, iso(v.appraised), v.appraised_fen,
                       v.condition, v.scrap ? "scrap" : "auction", stamp(v.appraised)));
  }
  flush("vehicle_appraisals", {"tenant_id", "campaign_id", "vehicle_id", "agency_id", "report_no", "appraised_on",
                               "appraised_value_fen", "vehicle_condition", "verdict", "created_at"});

  for (const auto& v : plan.vehicles) {
    if (!v.scrap) continue;
    rows.push_back(row(tenant_id, campaign_id, v.id, plan.agency_ids[kRecycler], v.certificate_no, iso(v.scrapped),
                       v.residual_fen, stamp(v.scrapped)));
  }
  flush("vehicle_scrappings", {"tenant_id", "campaign_id", "vehicle_id", "recycler_id", "certificate_no", "scrapped_on",
                               "residual_income_fen", "created_at"});

  // The two auction houses take turns.
  for (std::size_t b = 0; b < kBatches.size(); ++b) {
    rows.push_back(row(tenant_id, campaign_id, b + 1, plan.agency_ids[2 + b % 2], kPlatform, iso(kBatches[b].starts),
                       iso(kBatches[b].ends), "settled", stamp(kBatches[b].starts - days{10}), stamp(kBatches[b].ends)));
  }
  flush("auction_batches", {"tenant_id", "campaign_id", "batch_no", "auction_house_id", "platform", "starts_on", "ends_on",
                            "status", "created_at", "updated_at"});
  const auto batch_ids = ids_by(tx, "SELECT id, CAST(batch_no AS TEXT) FROM auction_batches WHERE tenant_id = $1", tenant_id);
  for (std::size_t b = 0; b < kBatches.size(); ++b) plan.batch_ids[b] = batch_ids.at(std::to_string(b + 1));

  for (const auto& v : plan.vehicles) {
    for (const auto& lot : v.lots) {
      const auto& batch = kBatches[lot.batch];
      auto if_sold = [&](auto value) { return lot.sold ? std::optional(value) : std::nullopt; };
      rows.push_back(row(tenant_id, plan.batch_ids[lot.batch], v.id, lot.lot_no, lot.reserve_fen, lot.sold ? "sold" : "unsold",
                         if_sold(v.hammer_fen), if_sold(v.buyer), lot.sold ? v.hammer_fen : 0, if_sold(iso(v.paid)),
                         if_sold(iso(v.transferred)), stamp(batch.starts - days{10}),
                         stamp(lot.sold ? v.transferred : batch.ends)));
    }
  }
  flush("auction_lots", {"tenant_id", "batch_id", "vehicle_id", "lot_no", "reserve_price_fen", "result", "hammer_price_fen",
                         "buyer", "payment_received_fen", "paid_on", "ownership_transferred_on", "created_at", "updated_at"});
  const auto lot_ids = ids_by(tx, "SELECT id, batch_id || '/' || vehicle_id FROM auction_lots WHERE tenant_id = $1", tenant_id);
  for (auto& v : plan.vehicles) {
    for (auto& lot : v.lots) lot.id = lot_ids.at(std::to_string(plan.batch_ids[lot.batch]) + "/" + std::to_string(v.id));
  }

  for (std::size_t r = 0; r < plan.remittances.size(); ++r) {
    const auto& m = plan.remittances[r];
    char voucher[40];
    std::snprintf(voucher, sizeof voucher, "FS3713112016%04zu", r + 1);
    rows.push_back(row(tenant_id, campaign_id, iso(m.on), m.amount_fen, voucher,
                       r + 1 == plan.remittances.size() ? "处置收入余款，全部转入财政专户" : "公车处置收入（拍卖价款及报废残值）",
                       stamp(m.on)));
  }
  flush("vehicle_remittances", {"tenant_id", "campaign_id", "remitted_on", "amount_fen", "voucher_no", "notes", "created_at"});

  std::map<std::int64_t, int> retained_by_unit;
  for (const auto& v : plan.vehicles) {
    const auto& unit = plan.units[v.unit];
    if (!v.cancelled()) ++retained_by_unit[unit.id];
    if (!v.allocated()) continue;
    rows.push_back(row(tenant_id, v.id, unit.sector_id, unit.lead_unit_id, iso(kAllocatedFrom),
                       "机要通信和应急车辆分配方案：以口为单位分配", stamp(kAllocatedFrom)));
  }
  flush("vehicle_sector_allocations",
        {"tenant_id", "vehicle_id", "sector_id", "lead_unit_id", "effective_from", "reason", "created_at"});
  const auto allocation_ids =
      ids_by(tx, "SELECT id, CAST(vehicle_id AS TEXT) FROM vehicle_sector_allocations WHERE tenant_id = $1", tenant_id);
  for (auto& v : plan.vehicles) {
    if (v.allocated()) v.allocation_id = allocation_ids.at(std::to_string(v.id));
  }

  // The quota (编制) the city approved is what each unit kept.
  for (const auto& u : plan.units) rows.push_back(row(tenant_id, u.id, retained_by_unit[u.id], stamp(kAllocatedFrom)));
  flush("vehicle_quotas", {"tenant_id", "unit_id", "quota", "updated_at"});

  for (const auto& e : timelines(plan)) {
    rows.push_back(row(tenant_id, plan.vehicles[e.vehicle].id, stamp(e.day), iso(e.day), e.action, e.from, e.to, e.reason,
                       json::serialize(e.details)));
  }
  flush("vehicle_events",
        {"tenant_id", "vehicle_id", "at", "happened_on", "action", "from_status", "to_status", "reason", "details"});

  audit::record(tx, audit::system_actor(tenant_id, "demo-data"),
                {"create",
                 "vehicle_campaign",
                 campaign_id,
                 {{"name", kCampaignName},
                  {"vehicles", plan.vehicles.size()},
                  {"auction_income_fen", kAuctionIncomeFen},
                  {"remitted_fen", kRemittedFen}}});
}

}  // namespace

void load_demo_data(db::Database& db, std::int64_t tenant_id) {
  db.write([&](db::Tx& tx) {
    if (!tx.query("SELECT 1 FROM vehicles WHERE tenant_id = $1 LIMIT 1", tenant_id).empty()) return;
    std::vector<std::string> custodian_staff;
    for (const auto& r : tx.query("SELECT p.name FROM people p JOIN units u ON u.tenant_id = p.tenant_id AND u.id = p.unit_id "
                                  "WHERE p.tenant_id = $1 AND u.code = 'JGJ-03' AND p.rank = 'staff_member' ORDER BY p.id",
                                  tenant_id)
                             .rows) {
      custodian_staff.push_back(r.text(0));
    }
    if (custodian_staff.empty()) throw std::runtime_error("vehicles demo: the bureau's vehicle section (JGJ-03) has no staff");
    Plan plan;
    plan.units = load_units(tx, tenant_id);
    Random rng(20160301);
    buy_fleet(plan, rng);
    seal_and_hand_over(plan, rng, custodian_staff);
    dispose(plan, rng);
    remit(plan);
    write_plan(tx, tenant_id, plan);
  });
}

}  // namespace jiguan::vehicles
