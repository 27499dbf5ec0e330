// Requests, approvals and time limits (审批、限时办结、首问负责) through the real server.
// Applicants are liaisons (requests.submit), handlers staff (requests.handle), approvers
// leaders (*.approve), as the built-in roles grant.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/workflow/workflow.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;

constexpr const char* kPassword = "Workflow-pass-1";

// An approval step (审批): submitted → approved | rejected, decided by holders of
// requests.approve. Test-only; registered once per process.
void register_approval_type() {
  static const bool registered = [] {
    using workflow::StateKind;
    workflow::register_request_type(
        {"test.approval",
         "测试审批",
         {{"submitted", "待审批", StateKind::open, workflow::TimeLimit{3, workflow::LimitUnit::workdays}, "requests.approve"},
          {"approved", "已批准", StateKind::closed, std::nullopt, "", true},
          {"rejected", "已驳回", StateKind::closed, std::nullopt, "", true}},
         {{"approve", {"submitted"}, "approved", "requests.approve"},
          {"reject", {"submitted"}, "rejected", "requests.approve"}}});
    return true;
  }();
  (void)registered;
}

class Workflow : public ::testing::Test {
 protected:
  TestServer server;

  std::int64_t add_account(const std::string& username, const std::string& role, std::int64_t unit) {
    return auth::create_account(server.db(), audit::system_actor(server.seed().tenant_id, "test"),
                                {username, username, role, unit, kPassword});
  }
  HttpClient as(const std::string& username) {
    auto c = server.client();
    c.login(username, kPassword, "test");
    return c;
  }
  static std::string path(std::int64_t id, const std::string& suffix = "") {
    return "/api/v1/requests/" + std::to_string(id) + suffix;
  }
  static std::int64_t submit(HttpClient& c, const std::string& title, const std::string& type = "general.service") {
    auto res = c.post("/api/v1/requests", {{"type", type}, {"title", title}, {"body", "请安排会议室"}});
    EXPECT_EQ(res.status, 201) << res.body;
    return res.status == 201 ? res.json().at("id").as_int64() : 0;
  }
  static HttpResponse act(HttpClient& c, std::int64_t id, const std::string& action, const std::string& comment = "",
                          std::optional<std::int64_t> to = std::nullopt) {
    json::object body{{"action", action}, {"comment", comment}};
    if (to) body["to_account_id"] = *to;
    return c.post(path(id, "/actions"), body);
  }
  static HttpResponse put_limit(HttpClient& c, const std::string& type, json::object body) {
    return c.request("PUT", "/api/v1/workflow/types/" + type + "/limits", json::serialize(body),
                     {{"Content-Type", "application/json"}});
  }
  std::vector<std::int64_t> ids(const json::value& list) {
    std::vector<std::int64_t> out;
    for (const auto& item : list.at("items").as_array()) out.push_back(item.at("id").as_int64());
    return out;
  }
  void sql(const std::string& statement, std::vector<db::Value> params) {
    server.db().write([&](db::Tx& tx) { tx.exec(statement, params); });
  }
  std::int64_t count(const std::string& statement, std::vector<db::Value> params) {
    return server.db().read([&](db::Tx& tx) { return tx.exec(statement, params).one().int64(0); });
  }
};

std::vector<std::string> actions_of(const json::value& request) {
  std::vector<std::string> out;
  for (const auto& e : request.at("history").as_array()) out.emplace_back(e.at("action").as_string());
  return out;
}

TEST_F(Workflow, LifecycleKeepsTheFirstContactAnswerableThroughHandOver) {
  const auto& seed = server.seed();
  add_account("liaison_a", "liaison", seed.unit_a);
  const auto first = add_account("handler1", "staff", seed.unit_a);
  const auto second = add_account("handler2", "staff", seed.unit_b);
  auto applicant = as("liaison_a");
  auto h1 = as("handler1");
  auto h2 = as("handler2");

  const auto id = submit(applicant, "申请使用三楼会议室");
  auto submitted = applicant.get(path(id)).json();
  EXPECT_EQ(submitted.at("state"), "submitted");
  EXPECT_TRUE(submitted.at("first_contact").is_null());
  EXPECT_FALSE(submitted.at("due_at").is_null());  // taking it is due within a working day
  EXPECT_EQ(submitted.at("applicant_unit").at("id"), seed.unit_a);

  auto taken = act(h1, id, "take");
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(taken.json().at("state"), "in_progress");
  EXPECT_EQ(taken.json().at("first_contact").at("id"), first);
  EXPECT_EQ(taken.json().at("handler").at("id"), first);
  EXPECT_EQ(taken.json().at("time_limit").at("value"), 5);

  EXPECT_EQ(act(h1, id, "return_to_applicant").json().at("error").at("field"), "comment");
  auto returned = act(h1, id, "return_to_applicant", "请补充参会人数");
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("state"), "waiting_applicant");
  EXPECT_EQ(returned.json().at("flags").at("paused"), true);
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_pauses WHERE request_id = $1 AND ended_at IS NULL", {id}), 1);

  auto resumed = act(applicant, id, "resume", "共 30 人");
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_EQ(resumed.json().at("state"), "in_progress");
  EXPECT_EQ(resumed.json().at("flags").at("paused"), false);
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_pauses WHERE request_id = $1 AND ended_at IS NOT NULL AND work_seconds >= 0", {id}), 1);

  auto handed = act(h1, id, "hand_over", "转后勤科办理", second);
  ASSERT_EQ(handed.status, 200) << handed.body;
  EXPECT_EQ(handed.json().at("handler").at("id"), second);
  EXPECT_EQ(handed.json().at("first_contact").at("id"), first);  // 首问负责人 stays answerable
  const auto history_before = handed.json().at("history").as_array();

  EXPECT_EQ(act(h1, id, "resolve").status, 403);  // no longer the handler
  EXPECT_EQ(h1.get(path(id)).status, 200);        // but still sees it
  ASSERT_EQ(act(h2, id, "resolve", "已安排").status, 200);
  EXPECT_EQ(applicant.post(path(id, "/rating"), {{"score", 5}}).error_code(), "not_rateable");
  auto closed = act(applicant, id, "close");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json().at("state"), "closed");
  EXPECT_FALSE(closed.json().at("closed_at").is_null());
  EXPECT_EQ(closed.json().at("first_contact").at("id"), first);

  EXPECT_EQ(h2.post(path(id, "/rating"), {{"score", 5}}).status, 403);  // the applicant rates
  EXPECT_EQ(applicant.post(path(id, "/rating"), {{"score", 6}}).json().at("error").at("field"), "score");
  auto rated = applicant.post(path(id, "/rating"), {{"score", 5}, {"comment", "安排及时"}});
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(rated.json().at("rating"), 5);
  EXPECT_EQ(rated.json().at("rating_comment"), "安排及时");
  auto again = applicant.post(path(id, "/rating"), {{"score", 1}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error_code(), "already_rated");

  // The history is complete, oldest first, and what was written before is unchanged.
  const auto final_request = applicant.get(path(id)).json();
  EXPECT_EQ(actions_of(final_request), (std::vector<std::string>{"submit", "take", "return_to_applicant", "resume",
                                                                  "hand_over", "resolve", "close", "rate"}));
  const auto& history = final_request.at("history").as_array();
  for (std::size_t i = 0; i < history_before.size(); ++i) EXPECT_EQ(history[i], history_before[i]) << i;
  EXPECT_EQ(history[4].at("to_account").at("id"), second);
  EXPECT_EQ(history[2].at("comment"), "请补充参会人数");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'request' AND entity_id = $1", {id}), 8);
}

TEST_F(Workflow, AnActionTheStateDoesNotAllowIs409NamingTheAllowedOnes) {
  add_account("liaison_a", "liaison", server.seed().unit_a);
  auto applicant = as("liaison_a");
  auto staff = server.staff();
  const auto id = submit(applicant, "维修空调");

  auto wrong = act(staff, id, "resolve");
  EXPECT_EQ(wrong.status, 409);
  EXPECT_EQ(wrong.error_code(), "invalid_transition");
  const std::string message(wrong.json().at("error").at("message").as_string());
  EXPECT_NE(message.find("take"), std::string::npos) << message;
  EXPECT_NE(message.find("withdraw"), std::string::npos) << message;
  EXPECT_EQ(act(staff, id, "approve").error_code(), "invalid_transition");  // general.service has no approval step
  EXPECT_EQ(act(staff, id, "fly").json().at("error").at("field"), "action");
  EXPECT_EQ(staff.post(path(id, "/actions"), json::object{}).json().at("error").at("field"), "action");
  // Nothing was written by the refused actions.
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_events WHERE request_id = $1", {id}), 1);
}

TEST_F(Workflow, WhoMayActIsDecidedByTheTransition) {
  const auto& seed = server.seed();
  add_account("liaison_a", "liaison", seed.unit_a);
  const auto auditor = add_account("auditor1", "auditor", seed.root_unit);
  auto applicant = as("liaison_a");
  auto staff = server.staff();
  auto admin = server.admin();
  const auto id = submit(applicant, "申请公务用车");

  auto auditor_client = as("auditor1");
  EXPECT_EQ(act(auditor_client, id, "take").status, 403);            // no requests.handle
  EXPECT_EQ(act(applicant, id, "take").status, 403);                 // an applicant does not handle
  EXPECT_EQ(auditor_client.post("/api/v1/requests", {{"type", "general.service"}, {"title", "x"}}).status, 403);
  ASSERT_EQ(act(staff, id, "take").status, 200);
  EXPECT_EQ(act(admin, id, "resolve").status, 403);                  // assigned to someone else
  EXPECT_EQ(act(staff, id, "withdraw").status, 403);                 // only the applicant withdraws
  EXPECT_EQ(act(staff, id, "hand_over").json().at("error").at("field"), "to_account_id");
  EXPECT_EQ(act(staff, id, "hand_over", "", auditor).json().at("error").at("field"), "to_account_id");  // may not handle
  EXPECT_EQ(act(staff, id, "hand_over", "", 999999).status, 422);
  EXPECT_EQ(act(staff, id, "comment", "正在联系车队").status, 200);
  EXPECT_EQ(act(applicant, id, "comment", "谢谢").status, 200);

  // No one handles their own request, even an administrator.
  const auto own = submit(admin, "管理员自己的申请");
  EXPECT_EQ(act(admin, own, "take").status, 403);
  const auto detail = applicant.get(path(id)).json();
  EXPECT_EQ(detail.at("allowed_actions"), json::value(json::array{"withdraw", "comment"}));
}

TEST_F(Workflow, TheApplicantWithdrawsWhileWaiting) {
  add_account("liaison_a", "liaison", server.seed().unit_a);
  auto applicant = as("liaison_a");
  auto staff = server.staff();
  const auto id = submit(applicant, "领取办公用品");
  ASSERT_EQ(act(staff, id, "take").status, 200);
  ASSERT_EQ(act(staff, id, "return_to_applicant", "请注明数量").status, 200);
  auto withdrawn = act(applicant, id, "withdraw", "不需要了");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json().at("state"), "withdrawn");
  EXPECT_FALSE(withdrawn.json().at("closed_at").is_null());
  EXPECT_TRUE(withdrawn.json().at("due_at").is_null());
  EXPECT_EQ(withdrawn.json().at("flags").at("paused"), false);
  EXPECT_EQ(count("SELECT COUNT(*) FROM request_pauses WHERE request_id = $1 AND ended_at IS NULL", {id}), 0);
  auto after = act(applicant, id, "comment", "再补一句");
  EXPECT_EQ(after.error_code(), "invalid_transition");
  EXPECT_EQ(applicant.post(path(id, "/rating"), {{"score", 3}}).error_code(), "not_rateable");
}

TEST_F(Workflow, AnApprovalStepIsDecidedByItsApprovers) {
  register_approval_type();
  const auto& seed = server.seed();
  add_account("liaison_a", "liaison", seed.unit_a);
  const auto leader_id = add_account("leader1", "leader", seed.root_unit);
  auto applicant = as("liaison_a");
  auto leader = as("leader1");
  auto staff = server.staff();

  const auto approved = submit(applicant, "申请购置打印机", "test.approval");
  EXPECT_EQ(act(staff, approved, "approve").status, 403);  // staff may handle, not approve
  auto decided = act(leader, approved, "approve", "同意");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json().at("state"), "approved");
  EXPECT_EQ(decided.json().at("first_contact").at("id"), leader_id);
  EXPECT_FALSE(decided.json().at("closed_at").is_null());
  EXPECT_EQ(act(leader, approved, "reject", "改主意").error_code(), "invalid_transition");

  const auto rejected = submit(applicant, "申请购置沙发", "test.approval");
  EXPECT_EQ(act(leader, rejected, "reject").json().at("error").at("field"), "comment");  // a rejection gives its reason
  EXPECT_EQ(act(leader, rejected, "reject", "预算不足").json().at("state"), "rejected");
  EXPECT_EQ(act(leader, rejected, "take").error_code(), "invalid_transition");

  auto types = applicant.get("/api/v1/workflow/types").json().at("items").as_array();
  bool listed = false;
  for (const auto& t : types) listed = listed || t.at("code") == "test.approval";
  EXPECT_TRUE(listed);
}

TEST_F(Workflow, OverdueRequestsAreFlaggedAndFiltered) {
  add_account("liaison_a", "liaison", server.seed().unit_a);
  auto applicant = as("liaison_a");
  auto staff = server.staff();
  const auto late = submit(applicant, "更换门锁");
  const auto fresh = submit(applicant, "更换灯管");
  ASSERT_EQ(act(staff, late, "take").status, 200);
  ASSERT_EQ(act(staff, fresh, "take").status, 200);
  // Taken on 2024-09-30 10:00 +08:00: five working days ran out on 2024-10-12 17:00 +08:00.
  sql("UPDATE requests SET step_started_at = $2, due_at = $3 WHERE id = $1", {late, "2024-09-30T02:00:00Z", "2024-10-12T09:00:00Z"});

  const auto flags = staff.get(path(late)).json().at("flags");
  EXPECT_EQ(flags.at("overdue"), true);
  EXPECT_EQ(flags.at("due_soon"), false);
  EXPECT_EQ(staff.get(path(fresh)).json().at("flags").at("overdue"), false);
  EXPECT_EQ(ids(staff.get("/api/v1/requests?overdue=true").json()), std::vector<std::int64_t>{late});
  EXPECT_EQ(ids(staff.get("/api/v1/requests?overdue=false").json()), std::vector<std::int64_t>{fresh});
  EXPECT_EQ(staff.get("/api/v1/requests?overdue=maybe").json().at("error").at("field"), "overdue");

  // Waiting for the applicant stops the clock: a request paused before its due time is not overdue.
  sql("UPDATE requests SET due_at = $2 WHERE id = $1", {fresh, "2024-10-12T09:00:00Z"});
  ASSERT_EQ(act(staff, fresh, "return_to_applicant", "请补充位置").status, 200);
  sql("UPDATE requests SET paused_since = $2 WHERE id = $1", {fresh, "2024-10-11T02:00:00Z"});
  EXPECT_EQ(staff.get(path(fresh)).json().at("flags").at("overdue"), false);
  EXPECT_EQ(ids(staff.get("/api/v1/requests?overdue=true").json()), std::vector<std::int64_t>{late});
}

TEST_F(Workflow, ChangingALimitRecomputesOpenRequestsKeepingTheirWaiting) {
  add_account("liaison_a", "liaison", server.seed().unit_a);
  auto applicant = as("liaison_a");
  auto staff = server.staff();
  auto admin = server.admin();
  const auto waited = submit(applicant, "维修饮水机");
  const auto untouched = submit(applicant, "维修打印机");  // still submitted: another state
  ASSERT_EQ(act(staff, waited, "take").status, 200);
  const auto untouched_due = staff.get(path(untouched)).json().at("due_at");
  // Taken 2024-09-30 10:00 +08:00 and waited two working days for the applicant since.
  sql("UPDATE requests SET step_started_at = $2, paused_seconds = $3 WHERE id = $1", {waited, "2024-09-30T02:00:00Z", 2 * 7 * 3600});

  EXPECT_EQ(put_limit(staff, "general.service", {{"state", "in_progress"}, {"value", 3}, {"unit", "workdays"}}).status, 403);
  EXPECT_EQ(put_limit(admin, "general.service", {{"state", "in_progress"}, {"value", 3}, {"unit", "days"}}).json().at("error").at("field"), "unit");
  EXPECT_EQ(put_limit(admin, "general.service", {{"state", "closed"}, {"value", 3}, {"unit", "workdays"}}).json().at("error").at("field"), "state");
  EXPECT_EQ(put_limit(admin, "general.service", {{"state", "in_progress"}, {"value", 0}, {"unit", "workdays"}}).json().at("error").at("field"), "value");
  EXPECT_EQ(put_limit(admin, "no.such.type", {{"state", "in_progress"}, {"value", 3}, {"unit", "workdays"}}).status, 404);

  auto changed = put_limit(admin, "general.service", {{"state", "in_progress"}, {"value", 3}, {"unit", "workdays"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json().at("recomputed"), 1);
  // Three working days: 2024-10-10 17:00 +08:00; plus the two waited: the make-up Saturday 10-12.
  auto recomputed = staff.get(path(waited)).json();
  EXPECT_EQ(recomputed.at("due_at"), "2024-10-12T09:00:00Z");
  EXPECT_EQ(recomputed.at("paused_seconds"), 2 * 7 * 3600);
  EXPECT_EQ(recomputed.at("time_limit").at("value"), 3);
  EXPECT_EQ(staff.get(path(untouched)).json().at("due_at"), untouched_due);

  // Hours instead: 20 working hours + 14 waited = 34 h from Monday 09-30 10:00 +08:00:
  // 6 h on 09-30, then 10-08…10-11 (28 h) → Friday 10-11 17:00 +08:00.
  ASSERT_EQ(put_limit(admin, "general.service", {{"state", "in_progress"}, {"value", 20}, {"unit", "workhours"}}).status, 200);
  EXPECT_EQ(staff.get(path(waited)).json().at("due_at"), "2024-10-11T09:00:00Z");

  bool found = false;
  const auto types = staff.get("/api/v1/workflow/types").json();
  for (const auto& type : types.at("items").as_array()) {
    if (type.at("code") != "general.service") continue;
    for (const auto& state : type.at("states").as_array()) {
      if (state.at("code") != "in_progress") continue;
      found = true;
      EXPECT_EQ(state.at("limit"), json::value(json::object{{"value", 20}, {"unit", "workhours"}}));
      EXPECT_EQ(state.at("default_limit"), json::value(json::object{{"value", 5}, {"unit", "workdays"}}));
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'set_limit'", {}), 2);
}

TEST_F(Workflow, ALiaisonOfAnotherUnitCannotSeeTheRequest) {
  const auto& seed = server.seed();
  add_account("liaison_a", "liaison", seed.unit_a);
  add_account("liaison_a2", "liaison", seed.unit_a);
  add_account("liaison_b", "liaison", seed.unit_b);
  add_account("liaison_root", "liaison", seed.root_unit);
  auto applicant = as("liaison_a");
  const auto id = submit(applicant, "甲科的申请");

  auto other = as("liaison_b");
  EXPECT_EQ(other.get(path(id)).status, 404);
  EXPECT_EQ(act(other, id, "comment", "看看").status, 404);
  EXPECT_EQ(other.post(path(id, "/rating"), {{"score", 1}}).status, 404);
  EXPECT_EQ(other.get("/api/v1/requests").json().at("total"), 0);
  EXPECT_EQ(as("liaison_a2").get(path(id)).status, 200);   // same unit
  EXPECT_EQ(as("liaison_root").get(path(id)).status, 200);  // the unit above
  EXPECT_EQ(ids(applicant.get("/api/v1/requests?mine=true").json()), std::vector<std::int64_t>{id});
  EXPECT_EQ(as("liaison_a2").get("/api/v1/requests?mine=true").json().at("total"), 0);
}

TEST_F(Workflow, ListFiltersSearchAndSorts) {
  add_account("liaison_a", "liaison", server.seed().unit_a);
  auto applicant = as("liaison_a");
  auto staff = server.staff();
  const auto a = submit(applicant, "会议室预订");
  const auto b = submit(applicant, "车辆调度");
  ASSERT_EQ(act(staff, b, "take").status, 200);
  EXPECT_EQ(ids(staff.get("/api/v1/requests?state=in_progress").json()), std::vector<std::int64_t>{b});
  EXPECT_EQ(ids(staff.get("/api/v1/requests?q=%E9%A2%84%E8%AE%A2").json()), std::vector<std::int64_t>{a});  // "预订"
  EXPECT_EQ(ids(staff.get("/api/v1/requests?sort=-due_at").json()), (std::vector<std::int64_t>{b, a}));
  EXPECT_EQ(ids(staff.get("/api/v1/requests?sort=id&type=general.service").json()), (std::vector<std::int64_t>{a, b}));
  EXPECT_EQ(staff.get("/api/v1/requests?type=none").json().at("total"), 0);
  EXPECT_EQ(staff.get("/api/v1/requests?sort=title").json().at("error").at("field"), "sort");
  EXPECT_EQ(applicant.post("/api/v1/requests", {{"type", "none"}, {"title", "x"}}).json().at("error").at("field"), "type");
  EXPECT_EQ(applicant.post("/api/v1/requests", {{"type", "general.service"}}).json().at("error").at("field"), "title");
}

TEST_F(Workflow, InboxShowsWhatWaitsForMeDueFirst) {
  const auto& seed = server.seed();
  add_account("liaison_a", "liaison", seed.unit_a);
  add_account("handler2", "staff", seed.unit_b);
  auto applicant = as("liaison_a");
  auto staff = server.staff();
  auto other_handler = as("handler2");
  const auto later = submit(applicant, "请求一");
  const auto sooner = submit(applicant, "请求二");
  const auto unassigned = submit(applicant, "请求三");
  ASSERT_EQ(act(staff, later, "take").status, 200);
  ASSERT_EQ(act(staff, sooner, "take").status, 200);
  sql("UPDATE requests SET due_at = $2 WHERE id = $1", {later, "2099-01-02T09:00:00Z"});
  sql("UPDATE requests SET due_at = $2 WHERE id = $1", {sooner, "2099-01-01T09:00:00Z"});

  // Mine and the unassigned one (due within a working day), soonest first.
  auto inbox = staff.get("/api/v1/inbox").json();
  EXPECT_EQ(ids(inbox), (std::vector<std::int64_t>{unassigned, sooner, later}));
  EXPECT_TRUE(inbox.at("items").as_array()[0].at("flags").is_object());
  EXPECT_EQ(ids(other_handler.get("/api/v1/inbox").json()), std::vector<std::int64_t>{unassigned});
  EXPECT_EQ(applicant.get("/api/v1/inbox").json().at("total"), 0);

  // Returned to the applicant, it waits for them, not for the handler.
  ASSERT_EQ(act(staff, sooner, "return_to_applicant", "请补充").status, 200);
  auto applicants = applicant.get("/api/v1/inbox").json();
  EXPECT_EQ(ids(applicants), std::vector<std::int64_t>{sooner});
  EXPECT_EQ(applicants.at("items").as_array()[0].at("flags").at("paused"), true);
  EXPECT_EQ(ids(staff.get("/api/v1/inbox").json()), (std::vector<std::int64_t>{unassigned, later}));
  EXPECT_EQ(ids(staff.get("/api/v1/inbox?sort=-due_at").json()), (std::vector<std::int64_t>{later, unassigned}));
}

}  // namespace
}  // namespace jiguan::test
