// Meetings operations through the real HTTP server: approval through the platform workflow,
// priority displacement with the displaced booker notified, check-in and the release of
// no-shows, and the service tasks of bookings.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/auth/accounts.hpp"
#include "core/util/time.hpp"
#include "modules/meetings/fixtures.hpp"
#include "modules/meetings/meetings.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

namespace json = boost::json;
using meeting_fixtures::booking;
using meeting_fixtures::create_room;

const std::string kBookings = "/api/v1/meetings/bookings";

std::int64_t id_of(const HttpResponse& res) { return res.json().at("id").as_int64(); }

json::object get_booking(HttpClient& client, std::int64_t id) {
  auto res = client.get(kBookings + "/" + std::to_string(id));
  EXPECT_EQ(res.status, 200) << res.body;
  return res.json().as_object();
}

HttpResponse act(HttpClient& client, std::int64_t request_id, json::object body) {
  return client.post("/api/v1/requests/" + std::to_string(request_id) + "/actions", body);
}

json::array notifications(HttpClient& client) { return client.get("/api/v1/notifications").json().at("items").as_array(); }

bool told_of(HttpClient& client, const char* kind) {
  const auto items = notifications(client);
  return std::any_of(items.begin(), items.end(), [&](const json::value& n) { return n.at("kind") == kind; });
}

std::int64_t audit_rows(TestServer& server, const std::string& action) {
  return server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT COUNT(*) FROM audit_log WHERE entity = 'meeting_booking' AND action = $1", action).one().int64(0);
  });
}

TEST(MeetingApproval, PendingBookingsBlockTheSlotAndAnOfficerDecidesThroughTheWorkflow) {
  TestServer server;
  const auto unit = server.seed().unit_a;
  auto liaison = server.sign_in_as("liaison_a", "liaison", unit);
  auto officer = server.sign_in_as("huiwu", "meeting_officer", server.seed().root_unit);
  const auto hall = create_room(server, "五楼大会议室", {{"needs_approval", true}, {"capacity", 80}});

  auto body = booking(hall, unit, "09:00", "10:00");
  body["services"] = json::object{{"tea_water", true}};
  auto res = liaison.post(kBookings, body);
  ASSERT_EQ(res.status, 201) << res.body;
  const auto first = res.json().as_object();
  EXPECT_EQ(first.at("status"), "pending");
  ASSERT_TRUE(first.at("request_id").is_int64());
  const auto request_id = first.at("request_id").as_int64();

  // The pending booking holds its slot meanwhile.
  auto clash = server.admin().post(kBookings, booking(hall, unit, "09:30", "10:30"));
  ASSERT_EQ(clash.status, 409) << clash.body;
  EXPECT_EQ(clash.json().at("error").at("booking_id").as_int64(), id_of(res));

  // The request waits in the officer's inbox, titled with room, meeting and Beijing time.
  const auto inbox = officer.get("/api/v1/inbox").json();
  ASSERT_EQ(inbox.at("total"), 1) << inbox;
  EXPECT_EQ(inbox.at("items").at(0).at("title"), "会议室预订：五楼大会议室 工作例会 09:00 2026-03-02 09:00");
  EXPECT_EQ(inbox.at("items").at(0).at("type"), "meetings.booking");

  // Nobody approves their own booking; the liaison has no approval permission anyway.
  EXPECT_EQ(act(liaison, request_id, {{"action", "approve"}}).status, 403);
  EXPECT_EQ(server.db().read([&](db::Tx& tx) { return tx.query("SELECT COUNT(*) FROM meeting_tasks").one().int64(0); }),
            0);  // no tasks while pending

  auto approved = act(officer, request_id, {{"action", "approve"}, {"comment", "同意"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(get_booking(liaison, id_of(res)).at("status"), "confirmed");
  EXPECT_EQ(server.db().read(
                [&](db::Tx& tx) { return tx.query("SELECT COUNT(*) FROM meeting_tasks WHERE status = 'open'").one().int64(0); }),
            3);
  EXPECT_EQ(notifications(liaison).size(), 1u);
  EXPECT_TRUE(told_of(liaison, "meetings.approved"));

  // A second request is rejected: its booking is cancelled with the reason, the slot is free.
  auto second = liaison.post(kBookings, booking(hall, unit, "14:00", "15:00"));
  ASSERT_EQ(second.status, 201) << second.body;
  const auto second_request = second.json().at("request_id").as_int64();
  EXPECT_NE(second_request, request_id);
  EXPECT_EQ(act(officer, second_request, {{"action", "reject"}}).status, 422);  // a rejection needs a reason
  ASSERT_EQ(act(officer, second_request, {{"action", "reject"}, {"comment", "当天有全委会"}}).status, 200);
  const auto rejected = get_booking(liaison, id_of(second));
  EXPECT_EQ(rejected.at("status"), "cancelled");
  EXPECT_EQ(rejected.at("cancel_reason"), "审批未通过：当天有全委会");
  EXPECT_TRUE(told_of(liaison, "meetings.rejected"));
  EXPECT_EQ(server.admin().post(kBookings, booking(hall, unit, "14:00", "15:00")).status, 201);

  // The applicant may withdraw: the booking is cancelled too.
  auto third = liaison.post(kBookings, booking(hall, unit, "16:00", "17:00"));
  ASSERT_EQ(third.status, 201) << third.body;
  ASSERT_EQ(act(liaison, third.json().at("request_id").as_int64(), {{"action", "withdraw"}}).status, 200);
  EXPECT_EQ(get_booking(liaison, id_of(third)).at("status"), "cancelled");
  EXPECT_EQ(audit_rows(server, "approve"), 1);
  EXPECT_EQ(audit_rows(server, "reject"), 2);
}

TEST(MeetingApproval, TheOccurrencesOfASeriesShareOneRequest) {
  TestServer server;
  const auto unit = server.seed().unit_a;
  auto liaison = server.sign_in_as("liaison_a", "liaison", unit);
  auto officer = server.sign_in_as("huiwu", "meeting_officer", server.seed().root_unit);
  const auto hall = create_room(server, "五楼大会议室", {{"needs_approval", true}});
  auto res = liaison.post("/api/v1/meetings/series",
                          {{"room_id", hall},
                           {"title", "周例会"},
                           {"host_unit_id", unit},
                           {"attendees", 10},
                           {"first_start", "2026-12-07T09:00:00+08:00"},
                           {"first_end", "2026-12-07T10:00:00+08:00"},
                           {"recurrence", {{"freq", "weekly"}, {"weekdays", json::array{1}}, {"until", "2026-12-28"}}}});
  ASSERT_EQ(res.status, 201) << res.body;
  const auto occurrences = res.json().at("occurrences").as_array();
  ASSERT_EQ(occurrences.size(), 4u);
  const auto request_id = occurrences[0].at("request_id");
  ASSERT_TRUE(request_id.is_int64());
  for (const auto& o : occurrences) {
    EXPECT_EQ(o.at("status"), "pending");
    EXPECT_EQ(o.at("request_id"), request_id);
  }
  EXPECT_EQ(officer.get("/api/v1/inbox").json().at("total"), 1);
  ASSERT_EQ(act(officer, request_id.as_int64(), {{"action", "approve"}}).status, 200);
  EXPECT_EQ(liaison.get(kBookings + "?status=confirmed").json().at("total"), 4);
  EXPECT_EQ(notifications(liaison).size(), 1u);  // one message for the series
}

TEST(MeetingDisplacement, APriorityMeetingDisplacesRegularBookingsWithAReasonAndTellsTheirBookers) {
  TestServer server;
  const auto unit = server.seed().unit_a;
  auto liaison = server.sign_in_as("liaison_a", "liaison", unit);
  auto officer = server.sign_in_as("huiwu", "meeting_officer", server.seed().root_unit);
  const auto hall = create_room(server, "五楼大会议室", {{"capacity", 80}});
  create_room(server, "三楼小会议室", {{"capacity", 20}});

  auto regular = liaison.post(kBookings, booking(hall, unit, "09:00", "10:00"));
  auto later = liaison.post(kBookings, booking(hall, unit, "10:00", "11:00"));
  ASSERT_EQ(regular.status, 201) << regular.body;
  ASSERT_EQ(later.status, 201) << later.body;

  auto congress = booking(hall, unit, "09:30", "10:30", 60);
  congress["title"] = "区人大常委会会议";
  congress["meeting_type"] = "congress";

  // Without a reason, for a regular meeting, or by a liaison: refused, nothing changes.
  for (const auto& bad : {json::value(json::object{}), json::value(json::object{{"reason", "  "}}), json::value("急")}) {
    auto without = congress;
    without["displace"] = bad;
    auto refused = officer.post(kBookings, without);
    ASSERT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.json().at("error").at("field"), "displace");
  }
  auto plain = booking(hall, unit, "09:30", "10:30");
  plain["displace"] = json::object{{"reason", "临时调整"}};
  auto refused = officer.post(kBookings, plain);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json().at("error").at("field"), "displace");
  congress["displace"] = json::object{{"reason", "常委会临时召开"}};
  EXPECT_EQ(liaison.post(kBookings, congress).status, 403);
  EXPECT_EQ(get_booking(liaison, id_of(regular)).at("status"), "confirmed");

  auto displaced = officer.post(kBookings, congress);
  ASSERT_EQ(displaced.status, 201) << displaced.body;
  const auto priority = id_of(displaced);
  for (const auto id : {id_of(regular), id_of(later)}) {
    const auto b = get_booking(liaison, id);
    EXPECT_EQ(b.at("status"), "cancelled");
    EXPECT_EQ(b.at("cancel_reason"), "因优先会议调整：常委会临时召开");
    EXPECT_EQ(b.at("displaced_by").as_int64(), priority);
  }
  EXPECT_EQ(audit_rows(server, "displace"), 1);

  // Each displaced booker is told the new meeting, the reason and the rooms still free.
  auto told = liaison.get("/api/v1/notifications?unread=true").json();
  ASSERT_EQ(told.at("total"), 2) << told;
  EXPECT_EQ(told.at("unread"), 2);
  const auto& first = told.at("items").at(0).as_object();
  EXPECT_EQ(first.at("kind"), "meetings.displaced");
  const std::string text(first.at("body").as_string());
  EXPECT_NE(text.find("区人大常委会会议"), std::string::npos) << text;
  EXPECT_NE(text.find("常委会临时召开"), std::string::npos) << text;
  EXPECT_NE(text.find("三楼小会议室"), std::string::npos) << text;
  EXPECT_TRUE(notifications(officer).empty());

  // A priority meeting is never displaced: 409 as for any clash.
  auto leadership = booking(hall, unit, "10:00", "10:30");
  leadership["meeting_type"] = "leadership";
  leadership["displace"] = json::object{{"reason", "书记办公会"}};
  auto kept = officer.post(kBookings, leadership);
  ASSERT_EQ(kept.status, 409) << kept.body;
  EXPECT_EQ(kept.json().at("error").at("booking_id").as_int64(), priority);
}

TEST(MeetingCheckIn, CheckInWindowAndTheReleaseOfNoShows) {
  TestServer server;
  const auto unit = server.seed().unit_a;
  auto liaison = server.sign_in_as("liaison_a", "liaison", unit);
  auto admin = server.admin();
  using std::chrono::minutes;
  const auto book = [&](const std::string& room_name, minutes from_now, minutes length) {
    auto body = booking(create_room(server, room_name), unit, "09:00", "10:00");
    body["start"] = util::utc_in(from_now);
    body["end"] = util::utc_in(from_now + length);
    auto res = liaison.post(kBookings, body);
    EXPECT_EQ(res.status, 201) << res.body;
    return id_of(res);
  };
  const auto no_show = book("一号", minutes(-20), minutes(60));
  const auto checked_in = book("二号", minutes(-20), minutes(60));
  const auto just_started = book("三号", minutes(-5), minutes(60));
  const auto over = book("四号", minutes(-120), minutes(60));
  const auto upcoming = book("五号", minutes(120), minutes(60));
  const auto check_in = [&](std::int64_t id) {
    return liaison.post(kBookings + "/" + std::to_string(id) + "/check-in", json::object{});
  };

  auto done = check_in(checked_in);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_TRUE(done.json().at("checked_in_at").is_string());
  EXPECT_EQ(check_in(checked_in).error_code(), "already_checked_in");
  EXPECT_EQ(check_in(over).error_code(), "check_in_closed");
  EXPECT_EQ(check_in(upcoming).error_code(), "check_in_closed");

  EXPECT_EQ(liaison.post(kBookings + "/release-no-shows", json::object{}).status, 403);
  auto released = admin.post(kBookings + "/release-no-shows", json::object{});
  ASSERT_EQ(released.status, 200) << released.body;
  EXPECT_EQ(released.json().at("released"), (json::array{no_show}));
  const auto b = get_booking(liaison, no_show);
  EXPECT_EQ(b.at("status"), "cancelled");
  EXPECT_EQ(b.at("released"), true);
  EXPECT_EQ(b.at("cancel_reason"), "未按时签到，自动释放");
  for (const auto id : {checked_in, just_started, over, upcoming}) EXPECT_EQ(get_booking(liaison, id).at("status"), "confirmed");
  EXPECT_TRUE(told_of(liaison, "meetings.released"));
  EXPECT_EQ(audit_rows(server, "release"), 1);
  EXPECT_EQ(check_in(no_show).error_code(), "not_confirmed");

  // Settings: defaults, managed by meetings.manage, 0 turns the release off.
  EXPECT_EQ(admin.get("/api/v1/meetings/settings").json(),
            json::value(json::object{{"release_after_minutes", 15}, {"check_in_opens_minutes", 30}}));
  const auto put = [&](HttpClient& c, json::object body) {
    return c.request("PUT", "/api/v1/meetings/settings", json::serialize(body));
  };
  EXPECT_EQ(put(liaison, {{"release_after_minutes", 0}}).status, 403);
  EXPECT_EQ(put(admin, {{"release_after_minutes", -1}}).status, 422);
  ASSERT_EQ(put(admin, {{"release_after_minutes", 3}}).status, 200);
  EXPECT_EQ(admin.post(kBookings + "/release-no-shows", json::object{}).json().at("released"), (json::array{just_started}));
  ASSERT_EQ(put(admin, {{"release_after_minutes", 0}, {"check_in_opens_minutes", 180}}).status, 200);
  EXPECT_EQ(check_in(upcoming).status, 200);  // opens three hours before now
  auto another = book("六号", minutes(-60), minutes(90));
  EXPECT_EQ(admin.post(kBookings + "/release-no-shows", json::object{}).json().at("released"), json::array{});
  EXPECT_EQ(get_booking(liaison, another).at("status"), "confirmed");
}

std::vector<std::string> due_times(const json::array& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) out.emplace_back(t.at("due_at").as_string());
  return out;
}

TEST(MeetingTasks, ServicesMakeTasksThatFollowTheBookingAndStaffMarkDone) {
  TestServer server;
  const auto unit = server.seed().unit_a;
  const auto tenant = server.seed().tenant_id;
  auto admin = server.admin();
  auto staff = server.staff();
  auto liaison = server.sign_in_as("liaison_a", "liaison", unit);
  const auto room = create_room(server, "五楼会议室", {{"setup_minutes", 30}, {"cleanup_minutes", 15}});
  auto body = booking(room, unit, "09:00", "10:00");
  body["services"] = json::object{{"tea_water", true}, {"banner_text", "热烈欢迎"}};
  auto res = admin.post(kBookings, body);
  ASSERT_EQ(res.status, 201) << res.body;
  const auto id = id_of(res);
  EXPECT_EQ(admin.post(kBookings, booking(room, unit, "13:00", "14:00")).status, 201);  // no services, no tasks

  const auto tasks = [&](HttpClient& c, const std::string& query = "") {
    auto list = c.get("/api/v1/meetings/tasks?sort=due" + query);
    EXPECT_EQ(list.status, 200) << list.body;
    return list.json().at("items").as_array();
  };
  auto open = tasks(staff, "&status=open");
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0].at("kind"), "setup");
  EXPECT_EQ(open[0].at("title"), "布置：茶水、横幅「热烈欢迎」");
  EXPECT_EQ(open[0].at("starts_at"), "2026-03-02T00:30:00Z");
  EXPECT_EQ(due_times(open), (std::vector<std::string>{"2026-03-02T01:00:00Z", "2026-03-02T02:00:00Z", "2026-03-02T02:15:00Z"}));
  EXPECT_EQ(open[2].at("booking_title"), "工作例会 09:00");
  EXPECT_EQ(open[2].at("room_name"), "五楼会议室");

  // Staff mark the set-up done; the liaison may not; done twice is a conflict.
  const auto task_path = [](const json::value& task, const char* what) {
    return "/api/v1/meetings/tasks/" + std::to_string(task.at("id").as_int64()) + "/" + what;
  };
  EXPECT_EQ(liaison.post(task_path(open[0], "done"), json::object{}).status, 403);
  auto done = staff.post(task_path(open[0], "done"), json::object{});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("status"), "done");
  EXPECT_EQ(staff.post(task_path(open[0], "done"), json::object{}).error_code(), "task_not_open");

  // Assigning: to an account that may serve; mine = mine or unassigned.
  const auto account_id = [&](const char* username) {
    return server.db().read(
        [&](db::Tx& tx) { return tx.query("SELECT id FROM accounts WHERE username = $1", username).one().int64(0); });
  };
  const auto staff_id = account_id("staff"), liaison_id = account_id("liaison_a");
  EXPECT_EQ(staff.post(task_path(open[1], "assign"), {{"account_id", staff_id}}).status, 403);
  EXPECT_EQ(admin.post(task_path(open[1], "assign"), {{"account_id", liaison_id}}).status, 422);
  auto assigned = admin.post(task_path(open[2], "assign"), {{"account_id", staff_id}});
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(assigned.json().at("assignee_name"), "科员");
  EXPECT_EQ(tasks(staff, "&mine=true&status=open").size(), 2u);
  EXPECT_EQ(tasks(admin, "&mine=true&status=open").size(), 1u);  // the unassigned one

  // The booking moves an hour later: open tasks follow, the done one stays.
  server.db().write([&](db::Tx& tx) {
    tx.query(
        "UPDATE meeting_bookings SET start_at = '2026-03-02T02:00:00Z', end_at = '2026-03-02T03:00:00Z', "
        "blocked_from = '2026-03-02T01:30:00Z', blocked_to = '2026-03-02T03:15:00Z' WHERE id = $1",
        id);
    meetings::sync_service_tasks(tx, audit::system_actor(tenant, "test"), id);
  });
  const auto moved = tasks(staff);
  ASSERT_EQ(moved.size(), 3u);
  EXPECT_EQ(moved[0].at("status"), "done");
  EXPECT_EQ(due_times(moved), (std::vector<std::string>{"2026-03-02T01:00:00Z", "2026-03-02T03:00:00Z", "2026-03-02T03:15:00Z"}));
  EXPECT_EQ(moved[2].at("assignee_name"), "科员");

  // Cancelled: open tasks are cancelled, the done one stays done.
  ASSERT_EQ(admin.post(kBookings + "/" + std::to_string(id) + "/cancel", {{"reason", "会议取消"}}).status, 200);
  EXPECT_TRUE(tasks(staff, "&status=open").empty());
  EXPECT_EQ(tasks(staff, "&status=cancelled").size(), 2u);
  EXPECT_EQ(tasks(staff, "&status=done").size(), 1u);
  EXPECT_EQ(staff.post(task_path(open[1], "done"), json::object{}).error_code(), "task_not_open");
  EXPECT_EQ(admin.get("/api/v1/meetings/tasks?status=bogus").status, 422);
  auto xlsx = admin.get("/api/v1/meetings/tasks?format=xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

}  // namespace
}  // namespace jiguan::test
