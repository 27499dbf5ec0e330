#include "modules/mail/demo.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/calendar/calendar.hpp"
#include "modules/mail/days.hpp"
#include "modules/mail/mail.hpp"

// Yearly totals near the seed's ("挂号信2万余封,机要件1400余件,平信约10余万封"); parcels and
// periodical bundles are invented. Senders, names and numbers are invented, deterministically.

namespace jiguan::mail {
namespace {

namespace json = boost::json;
using namespace std::chrono;
using calendar::Date;

constexpr int kRegisteredPerYear = 20'436;
constexpr int kConfidentialPerYear = 1'437;
constexpr int kOrdinaryPerYear = 100'512;
constexpr int kParcelsPerYear = 1'268;
constexpr int kPeriodicalsPerYear = 6'240;
constexpr int kOutgoingPercent = 5;      // of registered letters
constexpr std::size_t kChunkRows = 300;  // rows per multi-row INSERT

const std::vector<std::string> kSenders = {"临沂市人民政府办公室",   "临沂市财政局",
                                           "临沂市发展和改革委员会", "临沂市教育局",
                                           "临沂市公安局",           "临沂市人力资源和社会保障局",
                                           "临沂市自然资源和规划局", "临沂市住房和城乡建设局",
                                           "临沂市生态环境局",       "临沂市卫生健康委员会",
                                           "临沂市市场监督管理局",   "临沂市应急管理局",
                                           "临沂市审计局",           "临沂市中级人民法院",
                                           "临沂市统计局",           "山东省人民政府办公厅",
                                           "山东省财政厅",           "山东省教育厅",
                                           "山东省机关事务管理局",   "山东省档案馆",
                                           "中国人民银行临沂市分行", "国家税务总局临沂市税务局"};
const std::vector<std::string> kSendingOrgans = {"中共临沂市委办公室", "临沂市人民政府办公室", "中共山东省委机要局",
                                                 "临沂市国家保密局", "中共临沂市委组织部"};
const std::vector<std::string> kOutsideAddressees = {"临沂市财政局",       "临沂市审计局", "山东省机关事务管理局", "临沂市档案馆",
                                                     "临沂市中级人民法院", "山东省财政厅", "临沂市统计局"};
const std::vector<std::string> kParcelSenders = {"京东物流", "顺丰速运", "中国邮政 EMS", "山东新华书店集团", "临沂市档案馆"};
const std::vector<std::string> kNames = {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周强", "吴敏",
                                         "徐磊", "孙婷", "胡军", "朱红", "高峰", "林涛", "何欣", "郭亮", "马骏", "罗燕"};

// splitmix64 from a fixed seed: the same demo on every machine and run.
struct Random {
  std::uint64_t state;
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return lo + static_cast<std::int64_t>((z ^ (z >> 31)) % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool per_mille(int p) { return between(1, 1000) <= p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))];
  }
};

// `total` split into `parts` uneven shares that add up to it exactly.
std::vector<std::int64_t> spread(Random& rng, std::int64_t total, std::size_t parts) {
  std::vector<std::int64_t> weights(parts), out(parts);
  std::int64_t sum = 0;
  for (auto& w : weights) sum += (w = rng.between(70, 130));
  std::int64_t cumulative = 0, given = 0;
  for (std::size_t i = 0; i < parts; ++i) {
    cumulative += weights[i];
    const auto upto = total * cumulative / sum;
    out[i] = upto - given;
    given = upto;
  }
  return out;
}

Instant china_time(Date day, std::int64_t minute) { return sys_days(day) - util::kChinaOffset + minutes(minute); }

struct Unit {
  std::int64_t id;
  std::string name;
};

struct Item {
  std::string kind, direction;
  std::optional<std::string> tracking_no;
  std::int64_t count = 1;
  std::string sender;
  std::optional<std::int64_t> sender_unit_id, addressee_unit_id;
  std::string addressee;
  std::optional<std::string> secrecy_level;
  std::string envelope_no, sending_organ;
  std::int64_t slot_id = 0;
  Instant received_at;
  std::string received_on;
  std::int64_t registered_by = 0;
  std::string registered_by_name;
  std::string status = "notified";
  std::optional<Instant> closed_at;
  std::string closed_on;  // "" while on hand
  std::string receiver_name, forwarded_to, close_reason;
  std::optional<std::string> signature_method;
};

struct Clerk {
  std::int64_t id;
  std::string name;
};

class Generator {
 public:
  // Mail of the days up to `last`; what would leave after it is on hand.
  Generator(Random& rng, const calendar::WorkCalendar& cal, Date last, std::vector<Unit> units, std::vector<std::int64_t> slots,
            Clerk clerk, Clerk keeper)
      : rng_(rng),
        cal_(cal),
        last_(last),
        units_(std::move(units)),
        slots_(std::move(slots)),
        clerk_(std::move(clerk)),
        keeper_(std::move(keeper)) {}

  // A day's incoming and outgoing mail; the counts are letters of each kind.
  void day(Date d, std::int64_t registered, std::int64_t confidential, std::int64_t ordinary, std::int64_t parcels,
           std::int64_t periodicals) {
    for (std::int64_t i = 0; i < registered; ++i) {
      if (rng_.between(1, 100) <= kOutgoingPercent) {
        outgoing(d);
      } else {
        individual(d, "registered", number("XA", 9, "CN"), rng_.pick(kSenders));
      }
    }
    for (std::int64_t i = 0; i < confidential; ++i) {
      auto& item = individual(d, "confidential", number("JY", 10, ""), rng_.pick(kSendingOrgans));
      const auto level = rng_.between(1, 100);
      item.secrecy_level = level <= 60 ? "secret" : level <= 95 ? "confidential" : "top_secret";
      item.sending_organ = item.sender;
      char envelope[24];
      std::snprintf(envelope, sizeof envelope, "临机 %05lld", static_cast<long long>(++envelopes_));
      item.envelope_no = envelope;
    }
    for (std::int64_t i = 0; i < parcels; ++i) individual(d, "parcel", number("SF", 12, ""), rng_.pick(kParcelSenders));
    batches(d, "ordinary", ordinary, 12, 24, "");
    batches(d, "periodical", periodicals, 4, 10, "临沂市邮政分公司报刊发行局");
  }

  std::vector<Item>& items() { return items_; }

 private:
  std::string number(const char* prefix, int digits, const char* suffix) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%0*lld%s", prefix, digits, static_cast<long long>(100'000'000 + ++numbers_ * 7), suffix);
    return buf;
  }

  // Busier units first: the lower of two draws favours the start of the list.
  const Unit& addressee_unit() {
    const auto n = static_cast<std::int64_t>(units_.size()) - 1;
    return units_[static_cast<std::size_t>(std::min(rng_.between(0, n), rng_.between(0, n)))];
  }

  Item& received(Date d, const std::string& kind, const std::string& direction, std::int64_t count, std::int64_t unit_id) {
    Item it;
    it.kind = kind;
    it.direction = direction;
    it.count = count;
    const bool morning = rng_.between(1, 100) <= 70;  // the post comes twice a day
    it.received_at = china_time(d, morning ? rng_.between(540, 630) : rng_.between(870, 930));
    it.received_on = calendar::format_date(d);
    const auto& by = kind == "confidential" ? keeper_ : clerk_;
    it.registered_by = by.id;
    it.registered_by_name = by.name;
    it.slot_id = slots_[static_cast<std::size_t>(unit_id) % slots_.size()];
    items_.push_back(std::move(it));
    return items_.back();
  }

  // Leaves the mail room on `d` at `minute` (local), or stays on hand when d is after the
  // demo's last day.
  void leave(Item& it, Date d, std::int64_t minute, const char* status) {
    if (d > last_) return;
    it.status = status;
    it.closed_at = std::max(china_time(d, minute), it.received_at + minutes(5));
    it.closed_on = calendar::format_date(d);
  }

  // Collected by the unit the same day (a few hours later when the day allows) or the next
  // working day; a few returned or forwarded.
  void settle_incoming(Item& it, Date d) {
    const auto received_minute = duration_cast<minutes>(it.received_at + util::kChinaOffset - sys_days(d)).count();
    const auto roll = rng_.between(1, 1000);
    if (it.count == 1 && roll <= 4) {
      it.close_reason = "收件单位查无此人，退回寄件人";
      return leave(it, d, received_minute + 60, "returned");
    }
    if (it.count == 1 && roll <= 9) {
      it.forwarded_to = rng_.pick(units_).name;
      it.close_reason = "收件单位有误，转递至" + it.forwarded_to;
      return leave(it, d, received_minute + 90, "forwarded");
    }
    it.receiver_name = rng_.pick(kNames);
    it.signature_method = rng_.between(1, 100) <= 40 ? "pin" : "drawn";
    const auto later = received_minute + rng_.between(30, 240);
    if (rng_.between(1, 100) <= 70 && later <= 17 * 60 + 30) return leave(it, d, later, "delivered");
    leave(it, next_workday(d), rng_.between(520, 690), "delivered");
  }

  Item& individual(Date d, const char* kind, std::string tracking_no, const std::string& sender) {
    const auto& unit = addressee_unit();
    auto& it = received(d, kind, "in", 1, unit.id);
    it.tracking_no = std::move(tracking_no);
    it.sender = sender;
    it.addressee_unit_id = unit.id;
    if (rng_.between(1, 100) <= 50) it.addressee = rng_.pick(kNames);
    settle_incoming(it, d);
    return it;
  }

  // Handed in by a unit during the day, posted with the 16:30 collection (the next working
  // day's when handed in later).
  void outgoing(Date d) {
    const auto& unit = addressee_unit();
    auto& it = received(d, "registered", "out", 1, unit.id);
    it.status = "received";
    it.tracking_no = number("XB", 9, "CN");
    it.sender = unit.name;
    it.sender_unit_id = unit.id;
    it.addressee = rng_.pick(kOutsideAddressees);
    const bool today = it.received_at < china_time(d, 16 * 60);
    leave(it, today ? d : next_workday(d), 16 * 60 + 30, "dispatched");
  }

  // `letters` split over a few units' counted batches.
  void batches(Date d, const char* kind, std::int64_t letters, int min_units, int max_units, const std::string& sender) {
    if (letters <= 0) return;
    auto pool = units_;
    const auto n = std::min<std::size_t>(pool.size(), static_cast<std::size_t>(rng_.between(min_units, max_units)));
    for (std::size_t i = 0; i < n; ++i)
      std::swap(pool[i], pool[i + static_cast<std::size_t>(rng_.between(0, static_cast<std::int64_t>(pool.size() - i) - 1))]);
    const auto shares = spread(rng_, letters, n);
    for (std::size_t i = 0; i < n; ++i) {
      if (shares[i] <= 0) continue;
      auto& it = received(d, kind, "in", shares[i], pool[i].id);
      it.sender = sender;
      it.addressee_unit_id = pool[i].id;
      settle_incoming(it, d);
    }
  }

  Date next_workday(Date d) const { return cal_.add_workdays(d, 1); }

  Random& rng_;
  const calendar::WorkCalendar& cal_;
  Date last_;
  std::vector<Unit> units_;
  std::vector<std::int64_t> slots_;
  Clerk clerk_, keeper_;
  std::vector<Item> items_;
  std::int64_t numbers_ = 0, envelopes_ = 0;
};

// Inserts `rows` rows, each appended to a chunk's parameters by `row(i, params)`, with
// multi-row statements; returns the new ids in row order when `ids` is set. Identity columns
// number the rows of one statement in order on both databases, so sorted ids match rows.
std::vector<std::int64_t> insert_rows(db::Tx& tx, const std::string& head, std::size_t rows,
                                      const std::function<void(std::size_t, std::vector<db::Value>&)>& row, bool ids) {
  std::vector<std::int64_t> out;
  std::vector<db::Value> params;
  for (std::size_t first = 0; first < rows; first += kChunkRows) {
    const auto last = std::min(rows, first + kChunkRows);
    params.clear();
    std::string sql = head + " VALUES ";
    for (std::size_t r = first; r < last; ++r) {
      const auto before = params.size();
      row(r, params);
      sql += r == first ? "(" : ", (";
      for (auto c = before; c < params.size(); ++c) sql += (c > before ? ", $" : "$") + std::to_string(c + 1);
      sql += ")";
    }
    if (!ids) {
      tx.exec(sql, params);
      continue;
    }
    std::vector<std::int64_t> got;
    for (const auto& r : tx.exec(sql + " RETURNING id", params).rows) got.push_back(r.int64(0));
    std::ranges::sort(got);
    out.insert(out.end(), got.begin(), got.end());
  }
  return out;
}

db::Value optional_text(const std::string& s) { return s.empty() ? db::Value(nullptr) : db::Value(s); }
db::Value optional_time(const std::optional<Instant>& t) { return t ? db::Value(util::to_utc_text(*t)) : db::Value(nullptr); }

struct Event {
  std::size_t item;
  const char* action;
  Instant at;
  std::int64_t actor;
  std::string from_name, to_name, note;
};

// The chain of custody of each item: received, notified (incoming), and how it left.
std::vector<Event> events_of(const std::vector<Item>& items) {
  std::vector<Event> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    out.push_back({i, "received", it.received_at, it.registered_by, it.direction == "in" ? it.sender : it.addressee,
                   it.registered_by_name, ""});
    if (it.direction == "in") {
      out.push_back({i, "notified", it.received_at + minutes(2), it.registered_by, it.registered_by_name, "", "已通知收件单位"});
    }
    if (it.closed_on.empty()) continue;
    const bool delivered = it.status == "delivered";
    out.push_back({i, it.status.c_str(), *it.closed_at, it.registered_by, it.registered_by_name,
                   delivered                   ? it.receiver_name
                   : it.status == "dispatched" ? "中国邮政"
                                               : it.forwarded_to,
                   delivered ? "" : it.close_reason});
  }
  return out;
}

}  // namespace

std::optional<DemoCounts> load_demo_data(db::Database& db, std::int64_t tenant_id) {
  return db.write([&](db::Tx& tx) -> std::optional<DemoCounts> {
    if (!tx.query("SELECT 1 FROM mail_slots WHERE tenant_id = $1 LIMIT 1", tenant_id).empty()) return std::nullopt;
    std::vector<Unit> units;
    for (const auto& r : tx.query("SELECT id, name FROM units WHERE tenant_id = $1 AND kind IN ('department', 'bureau')"
                                  " AND active = 1 ORDER BY code",
                                  tenant_id)
                             .rows) {
      units.push_back({r.int64(0), r.text(1)});
    }
    if (units.empty()) return std::nullopt;
    const auto account = [&](const char* username) {
      const auto r = tx.query(
          "SELECT id, display_name FROM accounts WHERE tenant_id = $1 AND username IN ($2, 'admin')"
          " ORDER BY CASE WHEN username = $2 THEN 0 ELSE 1 END",
          tenant_id, std::string(username));
      return Clerk{r.rows.front().int64(0), r.rows.front().text(1)};
    };
    const auto clerk = account("shoufa"), keeper = account("jiyao");

    const auto today = Date{floor<days>(system_clock::now() + util::kChinaOffset)};
    const Date last{sys_days(today) - days(1)};
    const Date first{sys_days(last) - days(364)};
    const auto now = util::now_utc();
    std::vector<std::int64_t> slots;
    for (const char row : {'A', 'B', 'C'}) {
      for (int n = 1; n <= 4; ++n) {
        const auto code = std::string(1, row) + "-0" + std::to_string(n);
        slots.push_back(tx.query("INSERT INTO mail_slots (tenant_id, code, name, created_at, updated_at)"
                                 " VALUES ($1, $2, $3, $4, $4) RETURNING id",
                                 tenant_id, code, std::string(1, row) + " 排 " + std::to_string(n) + " 号格", now)
                            .one()
                            .int64(0));
      }
    }

    const auto cal = calendar::load_calendar(tx, tenant_id);
    std::vector<Date> workdays;
    for (auto d = sys_days(first); d <= sys_days(last); d += days(1)) {
      if (cal.is_workday(Date{d})) workdays.emplace_back(d);
    }
    Random rng{20160101};
    Generator gen(rng, cal, last, units, slots, clerk, keeper);
    const auto registered = spread(rng, kRegisteredPerYear, workdays.size());
    const auto confidential = spread(rng, kConfidentialPerYear, workdays.size());
    const auto ordinary = spread(rng, kOrdinaryPerYear, workdays.size());
    const auto parcels = spread(rng, kParcelsPerYear, workdays.size());
    const auto periodicals = spread(rng, kPeriodicalsPerYear, workdays.size());
    for (std::size_t i = 0; i < workdays.size(); ++i) {
      gen.day(workdays[i], registered[i], confidential[i], ordinary[i], parcels[i], periodicals[i]);
    }
    auto& items = gen.items();

    // One dispatch to the post per day with outgoing mail.
    std::map<std::string, std::vector<std::size_t>> posted;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].status == "dispatched") posted[items[i].closed_on].push_back(i);
    }
    DemoCounts counts;
    std::map<std::string, std::int64_t> dispatch_ids;
    for (const auto& [day, members] : posted) {
      const auto at = util::to_utc_text(*items[members.front()].closed_at);
      dispatch_ids[day] = tx.query(
                                "INSERT INTO mail_dispatches (tenant_id, carrier, dispatched_at, dispatched_by, item_count,"
                                " created_at) VALUES ($1, '中国邮政', $2, $3, $4, $2) RETURNING id",
                                tenant_id, at, clerk.id, static_cast<std::int64_t>(members.size()))
                              .one()
                              .int64(0);
      ++counts.dispatches;
    }

    for (const auto& it : items) {
      counts.by_kind[it.kind] += it.count;
      (it.direction == "in" ? counts.in : counts.out) += it.count;
      (it.closed_on.empty()       ? counts.on_hand
       : it.status == "delivered" ? counts.delivered
       : it.status == "returned"  ? counts.returned
       : it.status == "forwarded" ? counts.forwarded
                                  : counts.dispatched) += it.count;
    }
    const auto item_row = [&](std::size_t i, std::vector<db::Value>& values) {
      const auto& it = items[i];
      const bool on_hand = it.closed_on.empty();
      const auto received_at = util::to_utc_text(it.received_at);
      values.insert(values.end(),
                    {tenant_id,
                     it.kind,
                     it.direction,
                     db::to_value(it.tracking_no),
                     it.count,
                     it.sender,
                     db::to_value(it.sender_unit_id),
                     db::to_value(it.addressee_unit_id),
                     it.addressee,
                     db::to_value(it.secrecy_level),
                     it.envelope_no,
                     it.sending_organ,
                     it.slot_id,
                     received_at,
                     it.received_on,
                     it.registered_by,
                     it.status,
                     it.direction == "in" ? db::Value(util::to_utc_text(it.received_at + minutes(2))) : db::Value(nullptr),
                     optional_time(it.closed_at),
                     optional_text(it.closed_on),
                     it.receiver_name,
                     db::to_value(it.signature_method),
                     it.forwarded_to,
                     it.close_reason,
                     it.status == "dispatched" ? db::Value(dispatch_ids.at(it.closed_on)) : db::Value(nullptr),
                     on_hand ? db::Value(it.registered_by) : db::Value(nullptr),
                     received_at,
                     received_at});
    };
    const auto ids =
        insert_rows(tx,
                    "INSERT INTO mail_items (tenant_id, kind, direction, tracking_no, item_count, sender, sender_unit_id,"
                    " addressee_unit_id, addressee, secrecy_level, envelope_no, sending_organ, slot_id, received_at,"
                    " received_on, registered_by, status, notified_at, closed_at, closed_on, receiver_name,"
                    " signature_method, forwarded_to, close_reason, dispatch_id, custodian_account_id, created_at, updated_at)",
                    items.size(), item_row, true);
    counts.items = static_cast<std::int64_t>(ids.size());

    const auto events = events_of(items);
    insert_rows(
        tx, "INSERT INTO mail_events (tenant_id, item_id, action, at, actor_account_id, from_name, to_name, note)", events.size(),
        [&](std::size_t i, std::vector<db::Value>& values) {
          const auto& e = events[i];
          values.insert(values.end(), {tenant_id, ids[e.item], std::string(e.action), util::to_utc_text(e.at), e.actor,
                                       e.from_name, e.to_name, e.note});
        },
        false);
    counts.events = static_cast<std::int64_t>(events.size());

    // Every day but the last closed with the close's own figures: an item counts on each day
    // from its receipt to its leaving (or the last closed day).
    const auto day_count = static_cast<std::size_t>((sys_days(last) - sys_days(first)).count());
    std::vector<std::string> day_names(day_count);
    std::vector<Figures> figures(day_count, empty_figures());
    for (std::size_t k = 0; k < day_count; ++k) day_names[k] = calendar::format_date(Date{sys_days(first) + days(k)});
    for (const auto& it : items) {
      const Movement m{it.kind, it.count, it.received_on,
                       it.closed_on.empty() ? std::nullopt : std::optional<std::string>(it.closed_on), it.status};
      const auto from = std::ranges::lower_bound(day_names, it.received_on) - day_names.begin();
      const auto to = it.closed_on.empty() ? day_names.end() : std::ranges::upper_bound(day_names, it.closed_on);
      for (auto k = static_cast<std::size_t>(from); k < static_cast<std::size_t>(to - day_names.begin()); ++k) {
        tally(figures[k], day_names[k], m);
      }
    }
    insert_rows(
        tx, "INSERT INTO mail_days (tenant_id, day, figures, closed_at, closed_by, digest)", day_count,
        [&](std::size_t k, std::vector<db::Value>& values) {
          const auto text = json::serialize(figures_json(figures[k]));
          values.insert(values.end(), {tenant_id, day_names[k], text,
                                       util::to_utc_text(china_time(Date{sys_days(first) + days(k)}, 17 * 60 + 40)), clerk.id,
                                       close_digest(day_names[k], text, "[]")});
        },
        false);
    counts.closed_days = static_cast<std::int64_t>(day_count);
    counts.first_day = calendar::format_date(first);
    counts.last_day = calendar::format_date(last);

    audit::record(tx, audit::system_actor(tenant_id, "demo-data"),
                  {"create",
                   "mail_demo",
                   std::nullopt,
                   {{"items", counts.items},
                    {"events", counts.events},
                    {"closed_days", counts.closed_days},
                    {"from", counts.first_day},
                    {"to", counts.last_day}}});
    return counts;
  });
}

}  // namespace jiguan::mail
