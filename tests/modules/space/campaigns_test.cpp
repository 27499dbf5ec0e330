// Inspection campaigns of office space (自查 → 督查 → 整改): the pure rules, then a campaign run
// to its end through the real HTTP server — a liaison's self-inspection and signed pledge (a PDF
// whose text and hash are checked), a supervisor's finding and rectification item due in
// working days, the unit's evidence, the re-checks, the board and the lists.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/export/import.hpp"
#include "core/http/api_error.hpp"
#include "core/util/sha256.hpp"
#include "core/util/time.hpp"
#include "modules/mail/fixtures.hpp"
#include "modules/space/campaigns.hpp"
#include "support/expect.hpp"
#include "support/pdf_text.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {

namespace json = boost::json;
using mail_fixtures::kSignaturePng;

constexpr const char* kCampaigns = "/api/v1/space/campaigns";
constexpr const char* kFindings = "/api/v1/space/findings";
constexpr const char* kItems = "/api/v1/space/rectifications";

// ---- Pure rules ---------------------------------------------------------------------------

TEST(SpaceCampaignRules, StagesMoveOneStepAtATime) {
  EXPECT_EQ(space::next_stage("draft"), "self_check");
  EXPECT_EQ(space::next_stage("self_check"), "supervision");
  EXPECT_EQ(space::next_stage("supervision"), "rectification");
  EXPECT_EQ(space::next_stage("rectification"), "closed");
  EXPECT_EQ(space::next_stage("closed"), "");
  EXPECT_FALSE(space::is_stage("done"));
  EXPECT_STREQ(space::stage_label("supervision"), "督查");
}

TEST(SpaceCampaignRules, SupervisionComesAfterSelfInspection) {
  EXPECT_NO_THROW(space::check_deadlines("2026-05-31", "2026-06-30"));
  for (const auto& [self_check, supervision, field] : {std::tuple{"2026-05-31", "2026-05-31", "supervision_deadline"},
                                                       std::tuple{"2026-05-31", "2026-05-01", "supervision_deadline"},
                                                       std::tuple{"2026-02-30", "2026-06-30", "self_check_deadline"},
                                                       std::tuple{"2026-05-31", "soon", "supervision_deadline"}}) {
    try {
      space::check_deadlines(self_check, supervision);
      ADD_FAILURE() << self_check << " " << supervision;
    } catch (const http::ApiError& e) {
      EXPECT_EQ(e.field(), field);
    }
  }
}

// A self-inspection counts only with the pledge signed (the seed: every unit signed its 承诺书).
TEST(SpaceCampaignRules, SelfCheckStatusAndOverdue) {
  EXPECT_EQ(space::self_check_status(true, "2026-05-31", "2026-06-10"), "submitted");
  EXPECT_EQ(space::self_check_status(false, "2026-05-31", "2026-05-31"), "pending");  // the deadline day still counts
  EXPECT_EQ(space::self_check_status(false, "2026-05-31", "2026-06-01"), "late");
  EXPECT_FALSE(space::is_overdue("open", "2026-06-01", "2026-06-01"));
  EXPECT_TRUE(space::is_overdue("open", "2026-06-01", "2026-06-02"));
  EXPECT_FALSE(space::is_overdue("closed", "2026-06-01", "2026-06-02"));
}

TEST(SpaceCampaignRules, ImagesAreCheckedDataUrls) {
  const auto png = space::decode_image("signature", kSignaturePng, space::kMaxSignatureBytes, true);
  EXPECT_EQ(png.mime, "image/png");
  EXPECT_TRUE(png.bytes.starts_with("\x89PNG"));
  for (const char* bad : {"", "data:image/gif;base64,R0lGOD", "data:image/png;base64,@@@@", "data:image/jpeg;base64,iVBORw0KGgo="}) {
    EXPECT_THROW(space::decode_image("photo", bad, space::kMaxPhotoBytes, false), http::ApiError) << bad;
  }
  EXPECT_THROW(space::decode_image("signature", "data:image/jpeg;base64,/9j/4AAQ", space::kMaxSignatureBytes, true), http::ApiError);
  EXPECT_THROW(space::decode_image("photo", kSignaturePng, 10, false), http::ApiError);  // over the limit
}

// ---- Through the server ---------------------------------------------------------------------

struct Fixture {
  TestServer server;
  HttpClient officer = server.sign_in_as("fangguan", "space_officer", server.seed().root_unit);
  std::int64_t room = 0;  // an office of unit A: 30 m² for one 科员 (standard 9 m²), red
  std::int64_t vacant = 0;

  Fixture() {
    const auto& seed = server.seed();
    auto res = server.admin().post("/api/v1/people", json::object{{"name", "张三"}, {"unit_id", seed.unit_a}, {"rank", "staff_member"},
                                                                   {"post", "科员"}});
    EXPECT_EQ(res.status, 201) << res.body;
    const auto person = res.json().at("id").as_int64();
    server.db().write([&](db::Tx& tx) {
      const auto now = util::now_utc();
      const auto building = tx.query("INSERT INTO space_buildings (tenant_id, code, name, created_at, updated_at)"
                                     " VALUES ($1, 'B1', '办公楼', $2, $2) RETURNING id",
                                     seed.tenant_id, now)
                                .one()
                                .int64(0);
      const auto floor = tx.query("INSERT INTO space_floors (tenant_id, building_id, level, name, created_at)"
                                  " VALUES ($1, $2, 3, '3F', $3) RETURNING id",
                                  seed.tenant_id, building, now)
                             .one()
                             .int64(0);
      const auto add_room = [&](const char* number, std::int64_t area) {
        return tx.query("INSERT INTO space_rooms (tenant_id, building_id, floor_id, number, usable_area, room_use, unit_id,"
                        " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'office', $6, $7, $7) RETURNING id",
                        seed.tenant_id, building, floor, number, area, seed.unit_a, now)
            .one()
            .int64(0);
      };
      room = add_room("305", 3000);
      vacant = add_room("306", 1800);
      tx.query("INSERT INTO space_occupancies (tenant_id, room_id, person_id, start_date, created_at, updated_at)"
               " VALUES ($1, $2, $3, '2020-01-01', $4, $4)",
               seed.tenant_id, room, person, now);
    });
  }

  json::object campaign(json::object fields = {}) {
    json::object body{{"name", "2026年办公用房专项整治"},
                      {"self_check_deadline", "2099-05-31"},
                      {"supervision_deadline", "2099-06-30"},
                      {"unit_ids", json::array{server.seed().unit_a, server.seed().unit_b}}};
    for (const auto& [k, v] : fields) body[k] = v;
    auto res = officer.post(kCampaigns, body);
    EXPECT_EQ(res.status, 201) << res.body;
    return res.json().as_object();
  }

  std::string path(const json::object& c, const std::string& rest = "") { return std::string(kCampaigns) + "/" + id(c) + rest; }
  static std::string id(const json::object& o) { return std::to_string(o.at("id").as_int64()); }
  std::string unit_path(const json::object& c, std::int64_t unit, const std::string& rest) {
    return path(c, "/units/" + std::to_string(unit) + rest);
  }

  HttpResponse stage(const json::object& c, const char* to) { return officer.post(path(c, "/stage"), json::object{{"stage", to}}); }

  std::int64_t audit_rows(const std::string& entity) {
    return server.db().read([&](db::Tx& tx) {
      return tx.query("SELECT COUNT(*) FROM audit_log WHERE entity = $1", entity).one().int64(0);
    });
  }
};

json::object board_row(HttpClient& client, const std::string& board_path, std::int64_t unit) {
  const auto board = client.get(board_path).json();
  for (const auto& row : board.at("units").as_array()) {
    if (row.at("unit_id").as_int64() == unit) return row.as_object();
  }
  ADD_FAILURE() << "unit " << unit << " not on the board";
  return {};
}

TEST(SpaceCampaigns, CreateChecksNameDeadlinesAndScope) {
  Fixture f;
  const auto c = f.campaign({{"notes", "自查自纠"}});
  EXPECT_EQ(c.at("stage"), "draft");
  EXPECT_EQ(c.at("units"), 2);
  EXPECT_EQ(c.at("scope").as_array().size(), 2u);
  EXPECT_EQ(f.audit_rows("space_campaign"), 1);

  json::object body{{"name", "另一次"}, {"self_check_deadline", "2099-05-31"}, {"supervision_deadline", "2099-05-01"},
                    {"unit_ids", json::array{f.server.seed().unit_a}}};
  expect_invalid(f.officer.post(kCampaigns, body), "supervision_deadline");
  body["supervision_deadline"] = "2099-06-30";
  body["unit_ids"] = json::array{};
  expect_invalid(f.officer.post(kCampaigns, body), "unit_ids");
  body["unit_ids"] = json::array{999999};
  expect_invalid(f.officer.post(kCampaigns, body), "unit_ids");
  body["unit_ids"] = json::array{f.server.seed().unit_a};
  body["name"] = c.at("name");
  auto dup = f.officer.post(kCampaigns, body);
  EXPECT_EQ(dup.status, 409) << dup.body;
  EXPECT_EQ(f.server.staff().post(kCampaigns, body).status, 403);  // read-only
  EXPECT_EQ(f.audit_rows("space_campaign"), 1);                    // nothing half-written

  // The scope changes only in draft; stages move one step at a time.
  auto patched = f.officer.patch(f.path(c), json::object{{"unit_ids", json::array{f.server.seed().unit_a}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("units"), 1);
  auto skip = f.stage(c, "supervision");
  EXPECT_EQ(skip.status, 409);
  EXPECT_EQ(skip.error_code(), "invalid_state");
  ASSERT_EQ(f.stage(c, "self_check").status, 200);
  auto late_scope = f.officer.patch(f.path(c), json::object{{"unit_ids", json::array{f.server.seed().unit_b}}});
  EXPECT_EQ(late_scope.status, 409);
  EXPECT_EQ(late_scope.error_code(), "invalid_state");
  expect_invalid(f.stage(c, "finished"), "stage");
}

TEST(SpaceCampaigns, ACampaignRunsToItsEnd) {
  Fixture f;
  const auto& seed = f.server.seed();
  auto liaison = f.server.sign_in_as("jiaoyu", "liaison", seed.unit_a);
  auto other = f.server.sign_in_as("other", "liaison", seed.unit_b);
  const auto c = f.campaign();
  const auto self_check = f.unit_path(c, seed.unit_a, "/self-check");
  const auto pledge = f.unit_path(c, seed.unit_a, "/pledge");

  // Not yet in the self-inspection stage.
  EXPECT_EQ(liaison.request("PUT", self_check, "{}").error_code(), "invalid_state");
  ASSERT_EQ(f.stage(c, "self_check").status, 200);

  // The liaison sees its unit's offices live, with verdicts; another unit's liaison may not.
  auto live = liaison.get(self_check);
  ASSERT_EQ(live.status, 200) << live.body;
  EXPECT_EQ(live.json().at("live"), true);
  EXPECT_EQ(live.json().at("status"), "pending");
  ASSERT_EQ(live.json().at("rooms").as_array().size(), 2u);
  EXPECT_EQ(live.json().at("rooms").at(0).at("colour"), "red");
  EXPECT_EQ(other.get(self_check).status, 404);
  EXPECT_EQ(other.request("PUT", self_check, "{}").status, 404);

  // Signing needs the self-inspection saved first.
  const json::object signing{{"signer_name", "李局长"}, {"signature", kSignaturePng}};
  EXPECT_EQ(liaison.post(pledge, signing).error_code(), "self_check_not_saved");

  json::object corrections{{"corrections", "超标办公室年底前调整"},
                           {"room_corrections", json::array{json::object{{"room_id", f.room}, {"text", "改为两人合用"}}}}};
  auto saved = liaison.request("PUT", self_check, json::serialize(corrections));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json().at("live"), false);
  EXPECT_EQ(saved.json().at("figures").at("rooms"), 2);
  EXPECT_EQ(saved.json().at("figures").at("area"), 4800);
  EXPECT_EQ(saved.json().at("figures").at("over_standard_rooms"), 1);
  EXPECT_EQ(saved.json().at("room_corrections").at(std::to_string(f.room)), "改为两人合用");
  corrections["room_corrections"] = json::array{json::object{{"room_id", 999999}, {"text", "x"}}};
  expect_invalid(liaison.request("PUT", self_check, json::serialize(corrections)), "room_corrections");

  // The preview carries the unit's figures; signing keeps the signed document and its hash.
  auto preview = liaison.get(f.unit_path(c, seed.unit_a, "/pledge.pdf"));
  ASSERT_EQ(preview.status, 200);
  EXPECT_EQ(preview.header("content-type"), "application/pdf");
  const auto preview_text = pdf_text(preview.body);
  EXPECT_NE(preview_text.find("承诺书"), std::string::npos) << preview_text;
  EXPECT_NE(preview_text.find("甲科承诺"), std::string::npos) << preview_text;
  EXPECT_NE(preview_text.find("48.00"), std::string::npos) << preview_text;
  auto bad = signing;
  bad["signature"] = "data:image/png;base64,AAAA";
  expect_invalid(liaison.post(pledge, bad), "signature");
  auto signed_res = liaison.post(pledge, json::object{{"signer_name", "李局长"}, {"signature", kSignaturePng},
                                                      {"signed_at", "2026-05-20T10:00:00+08:00"}});
  ASSERT_EQ(signed_res.status, 200) << signed_res.body;
  const auto signed_check = signed_res.json();
  EXPECT_EQ(signed_check.at("status"), "submitted");
  EXPECT_EQ(signed_check.at("pledge").at("signer_name"), "李局长");
  EXPECT_EQ(signed_check.at("pledge").at("signed_at"), "2026-05-20T02:00:00Z");
  auto signed_pdf = liaison.get(f.unit_path(c, seed.unit_a, "/pledge.pdf"));
  EXPECT_EQ(util::sha256_hex(signed_pdf.body), signed_check.at("pledge").at("sha256").as_string());
  const auto signed_text = pdf_text(signed_pdf.body);
  EXPECT_NE(signed_text.find("李局长"), std::string::npos) << signed_text;
  EXPECT_NE(signed_text.find("2026年5月20日"), std::string::npos) << signed_text;
  EXPECT_EQ(liaison.post(pledge, signing).error_code(), "already_signed");
  EXPECT_EQ(liaison.request("PUT", self_check, "{}").error_code(), "already_signed");

  const auto board = f.path(c, "/board");
  auto row = board_row(f.officer, board, seed.unit_a);
  EXPECT_EQ(row.at("self_check_status"), "submitted");
  EXPECT_EQ(row.at("pledge_signed"), true);
  EXPECT_EQ(board_row(f.officer, board, seed.unit_b).at("self_check_status"), "pending");
  EXPECT_EQ(other.get(board).json().at("units").as_array().size(), 1u);  // a liaison sees its own unit

  // Supervision: a finding with a photo, a rectification item from it, due in 5 working days.
  EXPECT_EQ(f.officer.post(kFindings, json::object{{"campaign_id", c.at("id")}, {"unit_id", seed.unit_a}, {"description", "x"},
                                                   {"severity", "major"}})
                .error_code(),
            "invalid_state");
  ASSERT_EQ(f.stage(c, "supervision").status, 200);
  json::object finding_body{{"campaign_id", c.at("id")}, {"unit_id", seed.unit_a},   {"room_id", f.room},
                            {"description", "一人使用 30 m²，超标"}, {"severity", "serious"}, {"photo", kSignaturePng}};
  EXPECT_EQ(liaison.post(kFindings, finding_body).status, 403);
  auto finding = f.officer.post(kFindings, finding_body);
  ASSERT_EQ(finding.status, 201) << finding.body;
  EXPECT_EQ(finding.json().at("room_number"), "305");
  EXPECT_EQ(finding.json().at("has_photo"), true);
  auto photo = f.officer.get(std::string(kFindings) + "/" + std::to_string(finding.json().at("id").as_int64()) + "/photo");
  EXPECT_EQ(photo.header("content-type"), "image/png");
  auto wrong_room = finding_body;
  wrong_room["unit_id"] = seed.unit_b;
  expect_invalid(f.officer.post(kFindings, wrong_room), "room_id");

  const auto today = util::china_today();
  const auto due = f.officer.get("/api/v1/calendar/workdays?from=" + today + "&days=5").json().at("date");
  json::object item_body{{"campaign_id", c.at("id")}, {"finding_id", finding.json().at("id")}, {"description", "调整为两人合用"},
                         {"owner_name", "李局长"}, {"due_in_days", 5}};
  item_body["due_in_days"] = 0;
  expect_invalid(f.officer.post(kItems, item_body), "due_in_days");
  item_body["due_in_days"] = 5;
  auto item = f.officer.post(kItems, item_body);
  ASSERT_EQ(item.status, 201) << item.body;
  EXPECT_EQ(item.json().at("unit_id"), seed.unit_a);  // from the finding
  EXPECT_EQ(item.json().at("room_id"), f.room);
  EXPECT_EQ(item.json().at("due_date"), due);
  EXPECT_EQ(item.json().at("status"), "open");
  const auto item_path = std::string(kItems) + "/" + std::to_string(item.json().at("id").as_int64());

  // Closing waits for the items; the unit adds evidence; a failed re-check keeps it open.
  ASSERT_EQ(f.stage(c, "rectification").status, 200);
  auto early = f.stage(c, "closed");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.error_code(), "open_rectifications");
  EXPECT_EQ(other.post(item_path + "/evidence", json::object{{"text", "x"}}).status, 404);
  auto evidence = liaison.post(item_path + "/evidence", json::object{{"text", "已安排两人合用"}, {"photo", kSignaturePng}});
  ASSERT_EQ(evidence.status, 200) << evidence.body;
  EXPECT_EQ(evidence.json().at("has_evidence_photo"), true);
  EXPECT_EQ(liaison.post(item_path + "/recheck", json::object{{"passed", true}}).status, 403);
  expect_invalid(f.officer.post(item_path + "/recheck", json::object{{"passed", false}}), "note");
  auto failed = f.officer.post(item_path + "/recheck", json::object{{"passed", false}, {"note", "仍为一人使用"}, {"due_in_days", 3}});
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_EQ(failed.json().at("status"), "open");
  EXPECT_EQ(failed.json().at("rechecks"), 1);
  EXPECT_EQ(failed.json().at("due_date"), f.officer.get("/api/v1/calendar/workdays?from=" + today + "&days=3").json().at("date"));
  auto passed = f.officer.post(item_path + "/recheck", json::object{{"passed", true}, {"note", "已整改"}});
  ASSERT_EQ(passed.status, 200) << passed.body;
  EXPECT_EQ(passed.json().at("status"), "closed");
  EXPECT_EQ(liaison.post(item_path + "/evidence", json::object{{"text", "x"}}).error_code(), "invalid_state");

  row = board_row(f.officer, board, seed.unit_a);
  EXPECT_EQ(row.at("findings"), 1);
  EXPECT_EQ(row.at("rectifications_closed"), 1);
  EXPECT_EQ(row.at("rectifications_open"), 0);
  ASSERT_EQ(f.stage(c, "closed").status, 200);
  EXPECT_EQ(f.officer.get(f.path(c)).json().at("stage"), "closed");
  EXPECT_EQ(f.officer.post(kFindings, finding_body).error_code(), "invalid_state");

  // One audit row per change.
  EXPECT_EQ(f.audit_rows("space_campaign"), 5);  // create + 4 stage changes
  EXPECT_EQ(f.audit_rows("space_self_check"), 2);
  EXPECT_EQ(f.audit_rows("space_finding"), 1);
  EXPECT_EQ(f.audit_rows("space_rectification"), 4);  // create, evidence, two re-checks
}

TEST(SpaceCampaigns, OverdueItemsAndListsWithExcel) {
  Fixture f;
  const auto& seed = f.server.seed();
  const auto c = f.campaign();
  ASSERT_EQ(f.stage(c, "self_check").status, 200);
  ASSERT_EQ(f.stage(c, "supervision").status, 200);
  for (const auto unit : {seed.unit_a, seed.unit_b}) {
    auto res = f.officer.post(kItems, json::object{{"campaign_id", c.at("id")}, {"unit_id", unit}, {"description", "清理出借房间"},
                                                   {"owner_name", "王五"}, {"due_in_days", 10}});
    ASSERT_EQ(res.status, 201) << res.body;
  }
  // The first item's due date has passed.
  f.server.db().write([&](db::Tx& tx) {
    tx.query("UPDATE space_rectifications SET due_date = '2020-01-02' WHERE tenant_id = $1 AND unit_id = $2", seed.tenant_id, seed.unit_a);
  });
  const auto campaign = std::string("?campaign_id=") + Fixture::id(c);
  auto overdue = f.officer.get(kItems + campaign + "&overdue=true").json();
  ASSERT_EQ(overdue.at("total"), 1);
  EXPECT_EQ(overdue.at("items").at(0).at("unit_id"), seed.unit_a);
  EXPECT_EQ(overdue.at("items").at(0).at("overdue"), true);
  EXPECT_EQ(f.officer.get(kItems + campaign + "&overdue=false").json().at("total"), 1);
  EXPECT_EQ(f.officer.get(kItems + campaign + "&status=closed").json().at("total"), 0);
  EXPECT_EQ(f.officer.get(kItems + campaign + "&unit_id=" + std::to_string(seed.unit_b)).json().at("total"), 1);
  expect_invalid(f.officer.get(kItems + campaign + "&status=done"), "status");
  EXPECT_EQ(f.officer.get(std::string(kItems) + "?q=%E6%B8%85%E7%90%86").json().at("total"), 2);

  const auto board = f.officer.get(f.path(c, "/board")).json();
  EXPECT_EQ(board.at("totals").at("overdue"), 1);
  EXPECT_EQ(board.at("totals").at("open"), 2);
  EXPECT_EQ(board.at("totals").at("pending"), 2);

  // A unit's liaison sees its own unit's items only.
  auto liaison = f.server.sign_in_as("jiaoyu", "liaison", seed.unit_b);
  EXPECT_EQ(liaison.get(kItems).json().at("total"), 1);

  auto xlsx = f.officer.get(kItems + campaign + "&format=xlsx&sort=unit");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  const auto table = import::read_table(xlsx.body);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[0][0], "专项整治");
  EXPECT_EQ(table[1][7], "整改中");
  for (const char* list : {kCampaigns, kFindings}) {
    auto res = f.officer.get(std::string(list) + "?format=xlsx");
    EXPECT_EQ(res.status, 200) << list;
    EXPECT_EQ(res.body.substr(0, 2), "PK") << list;
  }
  EXPECT_EQ(f.officer.get(std::string(kCampaigns) + "?stage=supervision").json().at("total"), 1);
  expect_invalid(f.officer.get(std::string(kCampaigns) + "?stage=done"), "stage");
}

// A late unit: the deadline has passed and its pledge is not signed.
TEST(SpaceCampaigns, LateSelfInspectionShowsOnTheBoard) {
  Fixture f;
  const auto c = f.campaign({{"name", "上年度整治"}, {"self_check_deadline", "2020-05-31"}, {"supervision_deadline", "2020-06-30"}});
  ASSERT_EQ(f.stage(c, "self_check").status, 200);
  const auto board = f.officer.get(f.path(c, "/board")).json();
  EXPECT_EQ(board.at("totals").at("late"), 2);
  EXPECT_EQ(board.at("units").at(0).at("self_check_status"), "late");
}

}  // namespace
}  // namespace jiguan::test
