// The working-day calendar through the real server.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;

HttpResponse put(HttpClient& client, const std::string& target, const json::value& body) {
  return client.request("PUT", target, json::serialize(body));
}

std::string error_field(const HttpResponse& r) { return std::string(r.json().at("error").at("field").as_string()); }

TEST(CalendarApi, YearShowsShippedDays) {
  TestServer server;
  auto staff = server.staff();
  auto r = staff.get("/api/v1/calendar/2024");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json();
  EXPECT_EQ(body.at("year"), 2024);
  EXPECT_EQ(body.at("source"), "shipped");
  // 2024: 262 weekdays, 19 of them holidays, and 8 weekend make-up days (国办发明电〔2023〕7号).
  EXPECT_EQ(body.at("workdays"), 251);
  const auto& days = body.at("days").as_array();
  EXPECT_EQ(days.front(), (json::value{{"date", "2024-01-01"}, {"off", true}, {"name", "元旦"}}));
  EXPECT_EQ(days.back(), (json::value{{"date", "2024-10-12"}, {"off", false}, {"name", "国庆节"}}));
  EXPECT_EQ(staff.get("/api/v1/calendar/2099").json().at("days").as_array().size(), 0u);
}

TEST(CalendarApi, WorkdaysAndCount) {
  TestServer server;
  auto staff = server.staff();
  EXPECT_EQ(staff.get("/api/v1/calendar/workdays?from=2024-09-27&days=3").json(),
            (json::value{{"from", "2024-09-27"}, {"days", 3}, {"date", "2024-10-08"}}));
  EXPECT_EQ(staff.get("/api/v1/calendar/count?from=2024-09-27&to=2024-10-12").json(),
            (json::value{{"from", "2024-09-27"}, {"to", "2024-10-12"}, {"workdays", 7}}));
}

TEST(CalendarApi, BadInputIs422NamingTheField) {
  TestServer server;
  auto staff = server.staff();
  auto field_of = [&](const std::string& target) {
    auto r = staff.get(target);
    EXPECT_EQ(r.status, 422) << target << " " << r.body;
    return error_field(r);
  };
  EXPECT_EQ(field_of("/api/v1/calendar/1899"), "year");
  EXPECT_EQ(field_of("/api/v1/calendar/2101"), "year");
  EXPECT_EQ(field_of("/api/v1/calendar/workdays?from=2024-02-30&days=3"), "from");
  EXPECT_EQ(field_of("/api/v1/calendar/workdays?days=3"), "from");
  EXPECT_EQ(field_of("/api/v1/calendar/workdays?from=2024-09-27&days=3651"), "days");
  EXPECT_EQ(field_of("/api/v1/calendar/workdays?from=2024-09-27&days=-1"), "days");
  EXPECT_EQ(field_of("/api/v1/calendar/workdays?from=2024-09-27&days=x"), "days");
  EXPECT_EQ(field_of("/api/v1/calendar/workdays?from=2024-09-27"), "days");
  EXPECT_EQ(field_of("/api/v1/calendar/count?from=2024-09-27&to=24-10-12"), "to");

  auto admin = server.admin();
  auto put_field = [&](const json::value& body) {
    auto r = put(admin, "/api/v1/calendar/2028", body);
    EXPECT_EQ(r.status, 422) << r.body;
    return error_field(r);
  };
  EXPECT_EQ(put_field({{"days", {{{"date", "2029-01-01"}, {"off", true}, {"name", "元旦"}}}}}), "days[0].date");
  EXPECT_EQ(put_field({{"days", {{{"date", "2028-01-01"}, {"off", true}, {"name", "元旦"}},
                                 {{"date", "2028-01-01"}, {"off", true}, {"name", "元旦"}}}}}),
            "days[1].date");
  EXPECT_EQ(put_field({{"days", {{{"date", "2028-02-30"}, {"off", true}, {"name", "x"}}}}}), "days[0].date");
  EXPECT_EQ(put_field({{"days", {{{"date", "2028-01-01"}, {"off", 1}, {"name", "x"}}}}}), "days[0].off");
  EXPECT_EQ(put_field({{"days", {{{"date", "2028-01-01"}, {"off", true}}}}}), "days[0].name");
  EXPECT_EQ(put_field({{"days", {"2028-01-01"}}}), "days[0]");
  EXPECT_EQ(put_field({{"days", "2028-01-01"}}), "days");
  EXPECT_EQ(put_field(json::object{}), "days");
}

TEST(CalendarApi, AdminReplacesTheTenantsDaysWithAnAuditRow) {
  TestServer server;
  auto admin = server.admin();
  // A correction of a shipped year: the tenant works on 2024-10-07 and rests on 2024-10-14.
  const json::value days = {{{"date", "2024-10-14"}, {"off", true}, {"name", "本单位补休"}},
                            {{"date", "2024-10-07"}, {"off", false}, {"name", "本单位值班"}}};
  auto r = put(admin, "/api/v1/calendar/2024", {{"days", days}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("source"), "mixed");
  EXPECT_EQ(r.json().at("workdays"), 251);  // one day gained, one lost
  EXPECT_EQ(admin.get("/api/v1/calendar/2024").json(), r.json());
  EXPECT_EQ(admin.get("/api/v1/calendar/workdays?from=2024-09-30&days=1").json().at("date"), "2024-10-07");
  EXPECT_EQ(admin.get("/api/v1/calendar/count?from=2024-10-11&to=2024-10-15").json().at("workdays"), 2);  // 10-12, 10-15

  // A year the State Council has not published yet.
  auto later = put(admin, "/api/v1/calendar/2028", {{"days", {{{"date", "2028-01-03"}, {"off", true}, {"name", "元旦"}}}}});
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(later.json().at("source"), "tenant");
  EXPECT_EQ(server.staff().get("/api/v1/calendar/workdays?from=2027-12-31&days=1").json().at("date"), "2028-01-04");

  // Replacing with nothing restores the shipped year.
  EXPECT_EQ(put(admin, "/api/v1/calendar/2024", {{"days", json::array()}}).json().at("source"), "shipped");
  EXPECT_EQ(admin.get("/api/v1/calendar/workdays?from=2024-09-30&days=1").json().at("date"), "2024-10-08");

  auto audit = server.db().read([](db::Tx& tx) {
    return tx.query("SELECT action, entity_id, diff, actor FROM audit_log WHERE entity = 'calendar' ORDER BY id");
  });
  ASSERT_EQ(audit.rows.size(), 3u);
  EXPECT_EQ(audit.rows[0].text(0), "update");
  EXPECT_EQ(audit.rows[0].int64(1), 2024);
  EXPECT_EQ(audit.rows[0].text(3), "admin");
  const auto first = json::parse(audit.rows[0].text(2));
  EXPECT_EQ(first.at("days").at("from"), json::array());
  EXPECT_EQ(first.at("days").at("to").as_array()[0].at("date"), "2024-10-07");  // stored in date order
  EXPECT_EQ(json::parse(audit.rows[2].text(2)).at("days").at("from").as_array().size(), 2u);
}

TEST(CalendarApi, OnlyAdminsChangeItAndEveryoneMustSignIn) {
  TestServer server;
  auto staff = server.staff();
  const json::value body = {{"days", json::array()}};
  EXPECT_EQ(put(staff, "/api/v1/calendar/2024", body).status, 403);
  auto anonymous = server.client();
  EXPECT_EQ(anonymous.get("/api/v1/calendar/2024").status, 401);
  EXPECT_EQ(anonymous.get("/api/v1/calendar/workdays?from=2024-09-27&days=3").status, 401);
  EXPECT_EQ(anonymous.get("/api/v1/calendar/count?from=2024-09-27&to=2024-10-12").status, 401);
  EXPECT_EQ(put(anonymous, "/api/v1/calendar/2024", body).status, 401);
}

}  // namespace
}  // namespace jiguan::test
