// Recurring series through the real HTTP server: create (weekly, count, daily skipping the
// tenant's holidays), preview with a conflict per occurrence, 409 series_conflict writing
// nothing, skip_conflicts, editing one / all / following, cancelling with a scope without
// cancelled dates ever coming back, turning a booking into a series, validation, data scope
// and Excel. Dates lie after "today" (2026-11-28) since edits only regenerate what has not
// started; 2026-12-07 is a Monday.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "core/auth/accounts.hpp"
#include "modules/meetings/fixtures.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

namespace json = boost::json;
using meeting_fixtures::create_room;
using test::expect_invalid;

const std::string kSeries = "/api/v1/meetings/series";
const std::string kBookings = "/api/v1/meetings/bookings";

std::string at(const std::string& date, const std::string& hhmm) { return date + "T" + hhmm + ":00+08:00"; }

json::object series_body(std::int64_t room, std::int64_t unit, const std::string& date, json::object recurrence,
                         const std::string& start = "09:00", const std::string& end = "10:00") {
  return {{"room_id", room},           {"title", "周例会"},        {"host_unit_id", unit},
          {"attendees", 10},           {"first_start", at(date, start)}, {"first_end", at(date, end)},
          {"recurrence", recurrence}};
}

json::object weekly(json::array weekdays, const std::string& until) {
  return {{"freq", "weekly"}, {"weekdays", std::move(weekdays)}, {"until", until}};
}

json::object created(HttpClient& client, const json::object& body) {
  auto res = client.post(kSeries, body);
  EXPECT_EQ(res.status, 201) << res.body;
  return res.status == 201 ? res.json().as_object() : json::object{};
}

// Four Mondays, 2026-12-07 … 12-28, 09:00–10:00 in a new room.
json::object mondays(TestServer& server, HttpClient& client, const std::string& room_name) {
  const auto room = create_room(server, room_name);
  return created(client, series_body(room, server.seed().unit_a, "2026-12-07", weekly({1}, "2026-12-28")));
}

// Books the room once on the date, start to end Beijing time (with `extra` fields); the id.
std::int64_t book_once(HttpClient& client, std::int64_t room, std::int64_t unit, const std::string& date,
                       const std::string& start, const std::string& end, json::object extra = {}) {
  extra.insert({{"room_id", room}, {"title", "单次会议"}, {"host_unit_id", unit}, {"attendees", 5},
                {"start", at(date, start)}, {"end", at(date, end)}});
  auto res = client.post(kBookings, extra);
  EXPECT_EQ(res.status, 201) << res.body;
  return res.status == 201 ? res.json().at("id").as_int64() : 0;
}

json::array occurrences(const json::object& series) { return series.at("occurrences").as_array(); }

std::vector<std::string> dates(const json::object& series) {
  std::vector<std::string> out;
  for (const auto& o : occurrences(series)) out.emplace_back(o.at("occurrence_date").as_string());
  return out;
}

std::int64_t id_of(const json::value& v) { return v.at("id").as_int64(); }
std::string path_of(std::int64_t booking) { return kBookings + "/" + std::to_string(booking); }

json::object series_of(HttpClient& client, std::int64_t id) {
  auto res = client.get(kSeries + "/" + std::to_string(id));
  EXPECT_EQ(res.status, 200) << res.body;
  return res.json().as_object();
}

// The audit trail's actions on series, oldest first: one row per series request.
std::vector<std::string> series_audit(TestServer& server) {
  return server.db().read([](db::Tx& tx) {
    std::vector<std::string> out;
    for (const auto& row : tx.query("SELECT action FROM audit_log WHERE entity = 'meeting_series' ORDER BY id").rows) {
      out.push_back(row.text(0));
    }
    return out;
  });
}

TEST(MeetingSeries, WeeklyUntilADateAndDailyForNTimes) {
  TestServer server;
  auto admin = server.admin();
  const auto room = create_room(server, "第一会议室");
  const auto series = created(admin, series_body(room, server.seed().unit_a, "2026-12-07", weekly({1, 3}, "2026-12-23")));
  EXPECT_EQ(dates(series), (std::vector<std::string>{"2026-12-07", "2026-12-09", "2026-12-14", "2026-12-16", "2026-12-21",
                                                      "2026-12-23"}));
  EXPECT_EQ(series.at("start_time"), "09:00");
  EXPECT_EQ(series.at("first_date"), "2026-12-07");
  EXPECT_EQ(series.at("recurrence").at("weekdays"), (json::array{1, 3}));
  const auto first = occurrences(series)[0];
  EXPECT_EQ(first.at("start"), "2026-12-07T01:00:00Z");
  EXPECT_EQ(first.at("series_id"), series.at("id"));
  EXPECT_EQ(first.at("detached"), false);
  EXPECT_EQ(admin.get(kBookings + "?room_id=" + std::to_string(room)).json().at("total"), 6);

  auto daily = series_body(room, server.seed().unit_a, "2027-01-04", {{"freq", "daily"}, {"count", 3}}, "14:00", "15:30");
  EXPECT_EQ(dates(created(admin, daily)), (std::vector<std::string>{"2027-01-04", "2027-01-05", "2027-01-06"}));
  auto monthly = series_body(room, server.seed().unit_a, "2026-12-31", {{"freq", "monthly"}, {"count", 3}});
  EXPECT_EQ(dates(created(admin, monthly)), (std::vector<std::string>{"2026-12-31", "2027-01-31", "2027-03-31"}));
  EXPECT_EQ(admin.get(kSeries).json().at("total"), 3);
  EXPECT_EQ(admin.get(kSeries + "?q=" + "%E5%91%A8%E4%BE%8B%E4%BC%9A&sort=-first_date").json().at("items").at(0).at("first_date"),
            "2027-01-04");
}

// 2027's holidays are not published yet: the tenant sets 元旦 (Fri 2027-01-01) off and
// Sat 2027-01-09 as a make-up working day; a daily series skipping holidays keeps the latter.
TEST(MeetingSeries, DailySkippingTheTenantsHolidays) {
  TestServer server;
  auto admin = server.admin();
  const json::object days{{"days", json::array{json::object{{"date", "2027-01-01"}, {"off", true}, {"name", "元旦"}},
                                               json::object{{"date", "2027-01-09"}, {"off", false}, {"name", "元旦"}}}}};
  ASSERT_EQ(admin.request("PUT", "/api/v1/calendar/2027", json::serialize(days)).status, 200);
  const auto room = create_room(server, "第二会议室");
  auto body = series_body(room, server.seed().unit_a, "2026-12-30",
                          {{"freq", "daily"}, {"until", "2027-01-10"}, {"skip_holidays", true}});
  auto preview = admin.post(kSeries + "/preview", body);
  ASSERT_EQ(preview.status, 200) << preview.body;
  const auto skipped = preview.json().at("skipped");
  EXPECT_EQ(skipped, (json::array{json::object{{"date", "2027-01-01"}, {"reason", "holiday"}},
                                  json::object{{"date", "2027-01-02"}, {"reason", "weekend"}},
                                  json::object{{"date", "2027-01-03"}, {"reason", "weekend"}},
                                  json::object{{"date", "2027-01-10"}, {"reason", "weekend"}}}));
  EXPECT_EQ(dates(created(admin, body)), (std::vector<std::string>{"2026-12-30", "2026-12-31", "2027-01-04", "2027-01-05",
                                                                    "2027-01-06", "2027-01-07", "2027-01-08", "2027-01-09"}));
}

TEST(MeetingSeries, ConflictsAreReportedPerOccurrenceAndNothingIsWritten) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  const auto room = create_room(server, "第三会议室");
  const auto clash = book_once(admin, room, unit, "2026-12-14", "09:30", "11:00");
  auto body = series_body(room, unit, "2026-12-07", weekly({1}, "2026-12-21"));

  auto preview = admin.post(kSeries + "/preview", body);
  ASSERT_EQ(preview.status, 200) << preview.body;
  const auto list = preview.json().at("occurrences").as_array();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].at("status"), "free");
  EXPECT_EQ(list[1].at("status"), "conflict");
  EXPECT_EQ(list[1].at("date"), "2026-12-14");
  EXPECT_EQ(list[1].at("booking_id").as_int64(), clash);
  EXPECT_EQ(list[2].at("start"), "2026-12-21T01:00:00Z");
  EXPECT_EQ(preview.json().at("conflicts"), 1);

  auto refused = admin.post(kSeries, body);
  ASSERT_EQ(refused.status, 409) << refused.body;
  const auto error = refused.json().at("error");
  EXPECT_EQ(error.at("code"), "series_conflict");
  EXPECT_EQ(error.at("field"), "recurrence");
  EXPECT_EQ(error.at("occurrences"), list);
  EXPECT_NE(error.at("message").as_string().find("1 个日期冲突"), std::string::npos) << refused.body;
  EXPECT_EQ(admin.get(kSeries).json().at("total"), 0);
  EXPECT_EQ(admin.get(kBookings).json().at("total"), 1);

  body["skip_conflicts"] = true;
  EXPECT_EQ(dates(created(admin, body)), (std::vector<std::string>{"2026-12-07", "2026-12-21"}));
  EXPECT_EQ(admin.get(kBookings).json().at("total"), 3);
}

// Edit one (detached), cancel one, then edit all (times, title and rule): the detached
// occurrence keeps its own edits and the cancelled date is never booked again.
TEST(MeetingSeries, EditAllKeepsDetachedAndNeverResurrectsACancelledDate) {
  TestServer server;
  auto admin = server.admin();
  const auto series = mondays(server, admin, "第四会议室");
  const auto series_id = id_of(series);
  const auto occ = occurrences(series);  // 12-07, 12-14, 12-21, 12-28

  auto one = admin.patch(path_of(id_of(occ[1])), {{"title", "改在下午"}, {"start", at("2026-12-14", "14:00")},
                                                   {"end", at("2026-12-14", "15:00")}});
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json().at("start"), "2026-12-14T06:00:00Z");
  EXPECT_EQ(one.json().at("title"), "改在下午");
  ASSERT_EQ(admin.post(path_of(id_of(occ[2])) + "/cancel", {{"reason", "与全委会冲突"}}).status, 200);

  auto all = admin.patch(path_of(id_of(occ[0])),
                         {{"scope", "all"}, {"title", "周例会（新）"}, {"start", at("2026-12-07", "10:00")},
                          {"end", at("2026-12-07", "11:30")}, {"recurrence", weekly({1}, "2027-01-11")}});
  ASSERT_EQ(all.status, 200) << all.body;
  const auto after = all.json().as_object();
  EXPECT_EQ(id_of(after), series_id);
  EXPECT_EQ(after.at("start_time"), "10:00");
  EXPECT_EQ(after.at("recurrence").at("until"), "2027-01-11");
  EXPECT_EQ(dates(after), (std::vector<std::string>{"2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28", "2027-01-04",
                                                     "2027-01-11"}));
  const auto rows = occurrences(after);
  EXPECT_EQ(rows[0].at("start"), "2026-12-07T02:00:00Z");
  EXPECT_EQ(rows[0].at("title"), "周例会（新）");
  EXPECT_EQ(rows[1].at("start"), "2026-12-14T06:00:00Z");  // detached: untouched
  EXPECT_EQ(rows[1].at("title"), "改在下午");
  EXPECT_EQ(rows[1].at("detached"), true);
  EXPECT_EQ(rows[2].at("status"), "cancelled");  // not resurrected
  EXPECT_EQ(rows[2].at("start"), "2026-12-21T01:00:00Z");
  EXPECT_EQ(rows[5].at("end"), "2027-01-11T03:30:00Z");

  // Mondays → Wednesdays: the live Monday rows are cancelled ("系列调整"), the detached one stays.
  auto moved = admin.patch(path_of(id_of(occ[0])), {{"scope", "all"}, {"recurrence", weekly({3}, "2026-12-23")}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  std::map<std::string, std::string> status;
  for (const auto& o : occurrences(moved.json().as_object())) {
    status[std::string(o.at("occurrence_date").as_string())] =
        std::string(o.at("status").as_string()) + (o.at("detached").as_bool() ? " detached" : "");
  }
  EXPECT_EQ(status, (std::map<std::string, std::string>{{"2026-12-07", "cancelled"},
                                                        {"2026-12-09", "confirmed"},
                                                        {"2026-12-14", "confirmed detached"},
                                                        {"2026-12-16", "confirmed"},
                                                        {"2026-12-21", "cancelled"},
                                                        {"2026-12-23", "confirmed"},
                                                        {"2026-12-28", "cancelled"},
                                                        {"2027-01-04", "cancelled"},
                                                        {"2027-01-11", "cancelled"}}));
  EXPECT_EQ(occurrences(moved.json().as_object())[0].at("cancel_reason"), "系列调整");
  // Back to Mondays: the cancelled Mondays stay cancelled.
  auto back = admin.patch(path_of(id_of(occ[1])), {{"scope", "all"}, {"recurrence", weekly({1}, "2026-12-28")}});
  ASSERT_EQ(back.status, 200) << back.body;
  for (const auto& o : occurrences(back.json().as_object())) {
    if (o.at("occurrence_date") != "2026-12-14") {
      EXPECT_EQ(o.at("status"), "cancelled") << o;
    }
  }
}

TEST(MeetingSeries, EditFollowingSplitsTheSeries) {
  TestServer server;
  auto admin = server.admin();
  const auto series = mondays(server, admin, "第五会议室");
  const auto occ = occurrences(series);
  ASSERT_EQ(admin.post(path_of(id_of(occ[2])) + "/cancel", {{"reason", "停会一次"}}).status, 200);

  auto res = admin.patch(path_of(id_of(occ[1])), {{"scope", "following"}, {"title", "下半程"},
                                                   {"start", at("2026-12-14", "15:00")}, {"end", at("2026-12-14", "16:00")}});
  ASSERT_EQ(res.status, 200) << res.body;
  const auto next = res.json().as_object();
  EXPECT_NE(id_of(next), id_of(series));
  EXPECT_EQ(next.at("first_date"), "2026-12-14");
  EXPECT_EQ(next.at("title"), "下半程");
  EXPECT_EQ(dates(next), (std::vector<std::string>{"2026-12-14", "2026-12-21", "2026-12-28"}));
  EXPECT_EQ(occurrences(next)[0].at("start"), "2026-12-14T07:00:00Z");
  EXPECT_EQ(occurrences(next)[1].at("status"), "cancelled");  // moved with its series, still cancelled
  EXPECT_EQ(occurrences(next)[2].at("title"), "下半程");

  const auto old = series_of(admin, id_of(series));
  EXPECT_EQ(old.at("recurrence").at("until"), "2026-12-13");
  EXPECT_EQ(dates(old), (std::vector<std::string>{"2026-12-07"}));
  EXPECT_EQ(occurrences(old)[0].at("start"), "2026-12-07T01:00:00Z");
  EXPECT_EQ(admin.get(kSeries).json().at("total"), 2);
  EXPECT_EQ(series_audit(server), (std::vector<std::string>{"create", "split"}));

  // A rule of N times: the new series takes the occurrences left.
  const auto room = create_room(server, "第五会议室（二）");
  const auto daily = created(admin, series_body(room, server.seed().unit_a, "2026-12-07", {{"freq", "daily"}, {"count", 5}}));
  auto split = admin.patch(path_of(id_of(occurrences(daily)[2])), {{"scope", "following"}, {"chair", "李主任"}});
  ASSERT_EQ(split.status, 200) << split.body;
  EXPECT_EQ(split.json().at("recurrence").at("count"), 3);
  EXPECT_EQ(dates(split.json().as_object()), (std::vector<std::string>{"2026-12-09", "2026-12-10", "2026-12-11"}));
  EXPECT_EQ(occurrences(split.json().as_object())[0].at("chair"), "李主任");
  EXPECT_EQ(series_of(admin, id_of(daily)).at("recurrence").at("until"), "2026-12-08");
}

TEST(MeetingSeries, CancelFollowingAndAll) {
  TestServer server;
  auto admin = server.admin();
  const auto room = create_room(server, "第六会议室");
  const auto series =
      created(admin, series_body(room, server.seed().unit_a, "2026-12-07", {{"freq", "daily"}, {"count", 5}}));
  const auto occ = occurrences(series);
  auto res = admin.post(path_of(id_of(occ[2])) + "/cancel", {{"reason", "后续取消"}, {"scope", "following"}});
  ASSERT_EQ(res.status, 200) << res.body;
  const auto statuses = [&] {
    std::vector<std::string> out;
    for (const auto& o : occurrences(series_of(admin, id_of(series)))) out.emplace_back(o.at("status").as_string());
    return out;
  };
  EXPECT_EQ(statuses(), (std::vector<std::string>{"confirmed", "confirmed", "cancelled", "cancelled", "cancelled"}));
  ASSERT_EQ(admin.post(path_of(id_of(occ[1])) + "/cancel", {{"reason", "全部取消"}, {"scope", "all"}}).status, 200);
  EXPECT_EQ(statuses(), (std::vector<std::string>(5, "cancelled")));
  EXPECT_EQ(series_audit(server), (std::vector<std::string>{"create", "cancel", "cancel"}));
  EXPECT_EQ(admin.post(path_of(id_of(occ[0])) + "/cancel", {{"reason", "again"}, {"scope", "all"}}).status, 409);
  EXPECT_EQ(admin.patch(path_of(id_of(occ[0])), {{"title", "x"}}).status, 409);

  const auto single = path_of(book_once(admin, room, server.seed().unit_a, "2026-12-20", "09:00", "10:00"));
  expect_invalid(admin.post(single + "/cancel", {{"reason", "x"}, {"scope", "all"}}), "scope");
  expect_invalid(admin.post(single + "/cancel", {{"reason", "x"}, {"scope", "some"}}), "scope");
}

TEST(MeetingSeries, RepeatTurnsABookingIntoASeries) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  const auto room = create_room(server, "第七会议室");
  const auto book = [&](const std::string& date) {
    return book_once(admin, room, unit, date, "08:30", "09:30", {{"services", json::object{{"tea_water", true}}}});
  };
  const auto booking = book("2026-12-07");
  const auto repeat = path_of(booking) + "/repeat";
  expect_invalid(admin.post(repeat, {{"recurrence", {{"freq", "weekly"}, {"weekdays", {2}}, {"count", 3}}}}), "recurrence");
  auto res = admin.post(repeat, {{"recurrence", {{"freq", "weekly"}, {"weekdays", {1}}, {"count", 3}}}});
  ASSERT_EQ(res.status, 201) << res.body;
  const auto series = res.json().as_object();
  EXPECT_EQ(dates(series), (std::vector<std::string>{"2026-12-07", "2026-12-14", "2026-12-21"}));
  EXPECT_EQ(id_of(occurrences(series)[0]), booking);
  EXPECT_EQ(series.at("start_time"), "08:30");
  EXPECT_EQ(occurrences(series)[2].at("services"), (json::object{{"tea_water", true}}));
  EXPECT_EQ(admin.post(repeat, {{"recurrence", {{"freq", "daily"}, {"count", 2}}}}).status, 409);

  // A later date that clashes: 409 series_conflict naming it, and the booking stays single.
  const auto taken = book("2027-01-04");
  const auto sunday = book("2027-01-03");
  auto clash = admin.post(path_of(sunday) + "/repeat", {{"recurrence", {{"freq", "daily"}, {"count", 3}}}});
  ASSERT_EQ(clash.status, 409) << clash.body;
  EXPECT_EQ(clash.json().at("error").at("occurrences").at(1).at("booking_id").as_int64(), taken);
  EXPECT_TRUE(admin.get(path_of(sunday)).json().at("series_id").is_null());
}

TEST(MeetingSeries, ValidationNamesTheField) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  const auto room = create_room(server, "第八会议室");
  const auto with = [&](json::object recurrence) { return series_body(room, unit, "2026-12-07", std::move(recurrence)); };
  expect_invalid(admin.post(kSeries, with(weekly({8}, "2026-12-31"))), "recurrence.weekdays");
  expect_invalid(admin.post(kSeries, with({{"freq", "weekly"}, {"until", "2026-12-31"}})), "recurrence.weekdays");
  expect_invalid(admin.post(kSeries, with(weekly({1}, "2026-12-01"))), "recurrence.until");
  expect_invalid(admin.post(kSeries, with({{"freq", "daily"}, {"until", "2027-12-31"}})), "recurrence.until");  // > 366
  expect_invalid(admin.post(kSeries, with({{"freq", "daily"}, {"until", "2026-12-31"}, {"count", 3}})), "recurrence.until");
  expect_invalid(admin.post(kSeries + "/preview", with({{"freq", "daily"}})), "recurrence.until");
  expect_invalid(admin.post(kSeries, with({{"freq", "daily"}, {"count", 0}})), "recurrence.count");
  expect_invalid(admin.post(kSeries, with({{"freq", "hourly"}, {"count", 3}})), "recurrence.freq");
  expect_invalid(admin.post(kSeries, with({{"freq", "daily"}, {"until", "31/12/2026"}})), "recurrence.until");
  auto body = with({{"freq", "daily"}, {"count", 3}});
  body.erase("recurrence");
  expect_invalid(admin.post(kSeries, body), "recurrence");
  body = with({{"freq", "daily"}, {"count", 3}});
  body["first_end"] = at("2026-12-08", "10:00");
  expect_invalid(admin.post(kSeries, body), "first_end");
  body.erase("first_start");
  expect_invalid(admin.post(kSeries, body), "first_start");
  body = with({{"freq", "daily"}, {"count", 3}});
  body["attendees"] = 500;
  expect_invalid(admin.post(kSeries, body), "attendees");
  EXPECT_EQ(admin.get(kSeries).json().at("total"), 0);

  const auto series = created(admin, with({{"freq", "daily"}, {"count", 3}}));
  const auto first = id_of(occurrences(series)[0]);
  expect_invalid(admin.patch(path_of(first), {{"scope", "several"}}), "scope");
  expect_invalid(admin.patch(path_of(first), {{"recurrence", {{"freq", "daily"}, {"count", 2}}}}), "recurrence");
  expect_invalid(admin.patch(path_of(first), {{"scope", "all"}, {"recurrence", {{"freq", "daily"}}}}), "recurrence.until");

  // Editing into a clash: one → 409 conflict; all → 409 series_conflict, nothing changed.
  book_once(admin, room, unit, "2026-12-08", "14:00", "15:00");
  auto one = admin.patch(path_of(first), {{"start", at("2026-12-08", "14:30")}, {"end", at("2026-12-08", "15:30")}});
  ASSERT_EQ(one.status, 409) << one.body;
  EXPECT_EQ(one.json().at("error").at("code"), "conflict");
  auto all = admin.patch(path_of(first), {{"scope", "all"}, {"start", at("2026-12-07", "14:00")}, {"end", at("2026-12-07", "16:00")}});
  ASSERT_EQ(all.status, 409) << all.body;
  EXPECT_EQ(all.json().at("error").at("code"), "series_conflict");
  EXPECT_EQ(all.json().at("error").at("occurrences").at(1).at("status"), "conflict");
  EXPECT_EQ(occurrences(series_of(admin, id_of(series)))[1].at("start"), "2026-12-08T01:00:00Z");

  // A single booking edits only as itself.
  const auto single = path_of(book_once(admin, room, unit, "2026-12-20", "09:00", "10:00"));
  expect_invalid(admin.patch(single, {{"scope", "all"}, {"title", "x"}}), "scope");
  auto renamed = admin.patch(single, {{"title", "单次（改）"}, {"attendees", 6}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json().at("title"), "单次（改）");
  EXPECT_EQ(renamed.json().at("start"), "2026-12-20T01:00:00Z");

  // Another room for every occurrence (scope all); not into one that needs approval.
  const auto other = create_room(server, "第八会议室（东）");
  const auto approval = create_room(server, "贵宾室", {{"needs_approval", true}});
  expect_invalid(admin.patch(path_of(first), {{"scope", "all"}, {"room_id", approval}}), "room_id");
  auto moved = admin.patch(path_of(first), {{"scope", "all"}, {"room_id", other}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json().at("room_id").as_int64(), other);
  for (const auto& o : occurrences(moved.json().as_object())) EXPECT_EQ(o.at("room_id").as_int64(), other);
}

TEST(MeetingSeries, ALiaisonSeesAndEditsOnlyTheirUnitsSeries) {
  TestServer server;
  const auto& seed = server.seed();
  auto liaison = server.sign_in_as("liaison_a", "liaison", seed.unit_a);
  auto admin = server.admin();
  const auto room = create_room(server, "第九会议室");
  const auto of_b = created(admin, series_body(room, seed.unit_b, "2026-12-07", weekly({1}, "2026-12-21")));
  const auto own = created(liaison, series_body(room, seed.unit_a, "2026-12-08", weekly({2}, "2026-12-22")));
  EXPECT_GT(own.at("created_by").as_int64(), 0);
  EXPECT_EQ(liaison.get(kSeries + "/" + std::to_string(id_of(of_b))).status, 404);
  const auto b_first = path_of(id_of(occurrences(of_b)[0]));
  EXPECT_EQ(liaison.patch(b_first, {{"scope", "all"}, {"title", "x"}}).status, 404);
  EXPECT_EQ(liaison.post(b_first + "/cancel", {{"reason", "x"}, {"scope", "all"}}).status, 404);
  EXPECT_EQ(liaison.post(b_first + "/repeat", {{"recurrence", {{"freq", "daily"}, {"count", 2}}}}).status, 404);
  const auto list = liaison.get(kSeries).json();
  EXPECT_EQ(list.at("total"), 1);
  EXPECT_EQ(list.at("items").at(0).at("id"), own.at("id"));
  expect_invalid(liaison.post(kSeries, series_body(room, seed.unit_b, "2027-01-05", weekly({2}, "2027-01-12"))), "host_unit_id");

  for (auto* client : {&admin, &liaison}) {
    auto xlsx = client->get(kSeries + "?format=xlsx");
    EXPECT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  }
}

}  // namespace
}  // namespace jiguan::test
