// The fleet registry through the real server: vehicles and their validation, the standards
// check and its filter, status actions and the timeline, import, quotas, the fleet report,
// Excel answers and data scopes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/access/roles.hpp"
#include "core/auth/accounts.hpp"
#include "core/export/import.hpp"
#include "core/export/xlsx.hpp"
#include "support/test_server.hpp"

namespace jiguan::test {
namespace {
namespace json = boost::json;

constexpr std::int64_t kYuan = 100;

std::string vehicle_path(std::int64_t id, const std::string& suffix = "") {
  return "/api/v1/vehicles/" + std::to_string(id) + suffix;
}

std::string error_field(const HttpResponse& res) { return std::string(res.json().at("error").at("field").as_string()); }

// A 2012 一般公务用车 of 2.0 L for 150,000 yuan (over the 2011 rule's 1.8 L), in unit `unit`.
json::object vehicle_body(const std::string& plate, std::int64_t unit) {
  return {{"plate", plate},
          {"brand_model", "大众帕萨特 2.0T"},
          {"category", "general"},
          {"displacement_ml", 1984},
          {"seats", 5},
          {"vin", ""},
          {"purchase_date", "2012-03-01"},
          {"purchase_price_fen", 150'000 * kYuan},
          {"funding_source", "budget"},
          {"owner_unit_id", unit}};
}

json::object with(json::object body, std::initializer_list<std::pair<const char*, json::value>> changes) {
  for (const auto& [key, value] : changes) body[key] = value;
  return body;
}

std::int64_t create_vehicle(HttpClient& client, const json::object& body) {
  auto res = client.post("/api/v1/vehicles", body);
  EXPECT_EQ(res.status, 201) << res.body;
  return res.status == 201 ? res.json().at("id").as_int64() : 0;
}

std::int64_t count(TestServer& server, const std::string& sql) {
  return server.db().read([&](db::Tx& tx) { return tx.query(sql).one().int64(0); });
}

HttpResponse set_status(HttpClient& client, std::int64_t id, const std::string& to, const std::string& reason = "工作需要") {
  return client.post(vehicle_path(id, "/status"), {{"to_status", to}, {"reason", reason}, {"happened_on", "2016-06-01"}});
}

std::vector<std::string> actions_of(HttpClient& client, std::int64_t id) {
  std::vector<std::string> actions;
  const auto events = client.get(vehicle_path(id, "/events")).json();
  for (const auto& e : events.at("items").as_array()) actions.emplace_back(e.at("action").as_string());
  return actions;
}

TEST(VehicleRegistry, CreateReadUpdateWithTimelineAndOneAuditRowEach) {
  TestServer server;
  auto admin = server.admin();
  auto created =
      admin.post("/api/v1/vehicles", with(vehicle_body("鲁q12345", server.seed().unit_a), {{"vin", "lsvag2180c2000001"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto v = created.json();
  const auto id = v.at("id").as_int64();
  EXPECT_EQ(v.at("plate"), "鲁Q12345");  // kept in capitals, like the VIN
  EXPECT_EQ(v.at("vin"), "LSVAG2180C2000001");
  EXPECT_EQ(v.at("status"), "in_service");
  EXPECT_EQ(v.at("status_label"), "在用");
  EXPECT_EQ(v.at("category_label"), "一般公务用车");
  EXPECT_EQ(v.at("funding_source_label"), "财政拨款");
  EXPECT_EQ(v.at("energy_type"), "fuel");
  EXPECT_EQ(v.at("owner_unit_name"), "甲科");
  EXPECT_TRUE(v.at("sector_id").is_null());
  EXPECT_EQ(v.at("purchase_price_fen"), 150'000 * kYuan);
  EXPECT_EQ(admin.get(vehicle_path(id)).json(), v);

  auto updated =
      admin.patch(vehicle_path(id), {{"odometer_km", 86'000}, {"notes", "局机关用车"}, {"owner_unit_id", server.seed().unit_b}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.json().at("brand_model"), "大众帕萨特 2.0T");  // untouched fields stay
  EXPECT_EQ(updated.json().at("owner_unit_name"), "乙科");
  EXPECT_EQ(admin.patch(vehicle_path(id), {{"odometer_km", 86'000}}).status, 200);  // no change: nothing recorded
  EXPECT_EQ(error_field(admin.patch(vehicle_path(id), {{"status", "scrapped"}})), "status");

  const auto events = admin.get(vehicle_path(id, "/events")).json();
  ASSERT_EQ(events.at("total"), 2);
  const auto& registered = events.at("items").as_array()[0];
  EXPECT_EQ(registered.at("action"), "register");
  EXPECT_EQ(registered.at("happened_on"), "2012-03-01");
  EXPECT_EQ(registered.at("actor").at("name"), "管理员");
  const auto& update = events.at("items").as_array()[1];
  EXPECT_EQ(update.at("action"), "update");
  EXPECT_EQ(update.at("details").at("odometer_km").at("from"), 0);
  EXPECT_EQ(update.at("details").at("odometer_km").at("to"), 86'000);
  EXPECT_EQ(update.at("details").at("owner_unit_name").at("to"), "乙科");
  EXPECT_FALSE(update.at("details").as_object().contains("brand_model"));

  const auto audit = server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT action, diff FROM audit_log WHERE entity = 'vehicle' AND entity_id = $1 ORDER BY id", id);
  });
  ASSERT_EQ(audit.rows.size(), 2u);
  EXPECT_EQ(audit.rows[0].text(0), "create");
  EXPECT_EQ(audit.rows[1].text(0), "update");
  EXPECT_EQ(json::parse(audit.rows[1].text(1)).at("notes").at("to"), "局机关用车");
}

TEST(VehicleRegistry, EveryRuleNamesItsField) {
  TestServer server;
  auto admin = server.admin();
  const auto valid = vehicle_body("鲁Q00001", server.seed().unit_a);
  auto field_of = [&](const json::object& body) {
    auto res = admin.post("/api/v1/vehicles", body);
    EXPECT_EQ(res.status, 422) << res.body;
    return res.status == 422 ? error_field(res) : "";
  };
  EXPECT_EQ(field_of(with(valid, {{"plate", "鲁Q1"}})), "plate");
  EXPECT_EQ(field_of(with(valid, {{"plate", "鲁Q1234567890"}})), "plate");
  EXPECT_EQ(field_of(with(valid, {{"brand_model", ""}})), "brand_model");
  EXPECT_EQ(field_of(with(valid, {{"category", "tank"}})), "category");
  EXPECT_EQ(field_of(with(valid, {{"category", "一般公务用车"}})), "category");  // values in the API, labels in imports
  EXPECT_EQ(field_of(with(valid, {{"energy_type", "diesel"}})), "energy_type");
  EXPECT_EQ(field_of(with(valid, {{"displacement_ml", 0}})), "displacement_ml");  // 0 only for new energy
  EXPECT_EQ(field_of(with(valid, {{"displacement_ml", 20'001}})), "displacement_ml");
  EXPECT_EQ(field_of(with(valid, {{"seats", 0}})), "seats");
  EXPECT_EQ(field_of(with(valid, {{"seats", 81}})), "seats");
  EXPECT_EQ(field_of(with(valid, {{"seats", "五"}})), "seats");
  EXPECT_EQ(field_of(with(valid, {{"vin", "LSVAG2180C200000"}})), "vin");   // 16 characters
  EXPECT_EQ(field_of(with(valid, {{"vin", "LSVAG2180C200000I"}})), "vin");  // no I, O, Q
  EXPECT_EQ(field_of(with(valid, {{"purchase_date", "2999-01-01"}})), "purchase_date");
  EXPECT_EQ(field_of(with(valid, {{"purchase_date", "2016-02-30"}})), "purchase_date");
  EXPECT_EQ(field_of(with(valid, {{"purchase_price_fen", -1}})), "purchase_price_fen");
  EXPECT_EQ(field_of(with(valid, {{"funding_source", "gift"}})), "funding_source");
  EXPECT_EQ(field_of(with(valid, {{"owner_unit_id", 999'999}})), "owner_unit_id");
  EXPECT_EQ(field_of(with(valid, {{"odometer_km", -1}})), "odometer_km");
  auto missing = valid;
  missing.erase("seats");
  EXPECT_EQ(field_of(missing), "seats");
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM vehicles"), 0);

  // A retired category item is refused for new vehicles and stays on old ones.
  const auto id = create_vehicle(admin, valid);
  const auto items = admin.get("/api/v1/dictionaries/vehicle_category").json().at("items").as_array();
  const auto general = std::find_if(items.begin(), items.end(), [](const json::value& i) { return i.at("value") == "general"; });
  ASSERT_EQ(admin
                .patch("/api/v1/dictionaries/vehicle_category/items/" + std::to_string(general->at("id").as_int64()),
                       {{"active", false}})
                .status,
            200);
  EXPECT_EQ(field_of(with(vehicle_body("鲁Q00002", server.seed().unit_a), {})), "category");
  EXPECT_EQ(admin.patch(vehicle_path(id), {{"odometer_km", 10}}).status, 200);

  // New energy may have no displacement.
  create_vehicle(
      admin,
      with(valid, {{"plate", "鲁QD0001"}, {"category", "confidential"}, {"energy_type", "new_energy"}, {"displacement_ml", 0}}));
}

TEST(VehicleRegistry, DuplicatePlateOrVinIs409) {
  TestServer server;
  auto admin = server.admin();
  create_vehicle(admin, with(vehicle_body("鲁Q00001", server.seed().unit_a), {{"vin", "LSVAG2180C2000001"}}));
  auto plate = admin.post("/api/v1/vehicles", vehicle_body(" 鲁q00001", server.seed().unit_b));
  EXPECT_EQ(plate.status, 409);
  EXPECT_EQ(error_field(plate), "plate");
  auto vin = admin.post("/api/v1/vehicles", with(vehicle_body("鲁Q00002", server.seed().unit_b), {{"vin", "LSVAG2180C2000001"}}));
  EXPECT_EQ(vin.status, 409);
  EXPECT_EQ(error_field(vin), "vin");
  const auto other = create_vehicle(admin, vehicle_body("鲁Q00003", server.seed().unit_b));
  EXPECT_EQ(admin.patch(vehicle_path(other), {{"plate", "鲁Q00001"}}).status, 409);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM vehicles"), 2);
}

TEST(VehicleRegistry, StandardCheckGreenRedNoneAndTheFilter) {
  TestServer server;
  auto admin = server.admin();
  const auto unit = server.seed().unit_a;
  const auto red = create_vehicle(admin, vehicle_body("鲁Q20120", unit));
  const auto green = create_vehicle(admin, with(vehicle_body("鲁Q20180", unit), {{"category", "confidential"},
                                                                                 {"displacement_ml", 1498},
                                                                                 {"purchase_date", "2018-05-01"},
                                                                                 {"purchase_price_fen", 110'000 * kYuan}}));
  const auto none = create_vehicle(admin, with(vehicle_body("鲁Q20050", unit), {{"purchase_date", "2005-06-01"}}));

  const auto r = admin.get(vehicle_path(red)).json().at("standard");
  EXPECT_EQ(r.at("result"), "over");
  EXPECT_NE(std::string(r.at("regulation").as_string()).find("第七条"), std::string::npos);
  ASSERT_EQ(r.at("violations").as_array().size(), 1u);
  EXPECT_EQ(r.at("violations").at(0).at("field"), "displacement_ml");
  EXPECT_EQ(r.at("violations").at(0).at("limit"), 1800);
  EXPECT_EQ(r.at("violations").at(0).at("actual"), 1984);
  const auto g = admin.get(vehicle_path(green)).json().at("standard");
  EXPECT_EQ(g.at("result"), "ok");
  EXPECT_NE(std::string(g.at("regulation").as_string()).find("2017"), std::string::npos);
  EXPECT_EQ(admin.get(vehicle_path(none)).json().at("standard").at("result"), "none");

  auto ids = [&](const std::string& query) {
    std::vector<std::int64_t> out;
    const auto list = admin.get("/api/v1/vehicles?sort=plate" + query).json();
    for (const auto& v : list.at("items").as_array()) out.push_back(v.at("id").as_int64());
    return out;
  };
  EXPECT_EQ(ids("&over_standard=true"), std::vector<std::int64_t>{red});
  EXPECT_EQ(ids("&over_standard=false"), (std::vector<std::int64_t>{none, green}));
  const auto page = admin.get("/api/v1/vehicles?sort=plate").json().at("items").as_array();
  EXPECT_EQ(page[1].at("standard").at("result"), "over");  // list rows carry the check too

  // Standards are data: an admin's rule for older purchases turns the 2005 car red.
  auto added = admin.post("/api/v1/vehicle-standards", {{"category", "general"},
                                                        {"max_price_fen", 100'000 * kYuan},
                                                        {"effective_from", "1999-01-01"},
                                                        {"effective_to", "2010-12-31"},
                                                        {"regulation", "本地配备标准（1999）"}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json().at("builtin"), false);
  EXPECT_EQ(added.json().at("category_label"), "一般公务用车");
  EXPECT_EQ(ids("&over_standard=true"), (std::vector<std::int64_t>{none, red}));
  EXPECT_EQ(admin.get(vehicle_path(none)).json().at("standard").at("regulation"), "本地配备标准（1999）");

  const auto standards = admin.get("/api/v1/vehicle-standards?category=general").json();
  EXPECT_EQ(standards.at("total"), 2);
  EXPECT_EQ(admin.get("/api/v1/vehicle-standards?in_force_on=2018-01-01").json().at("total"), 2);  // both 机要通信 rows
  EXPECT_EQ(admin.get("/api/v1/vehicle-standards?in_force_on=2018-13-01").status, 422);
  const auto standard_path = "/api/v1/vehicle-standards/" + std::to_string(added.json().at("id").as_int64());
  auto field_of = [&](HttpResponse res) {
    EXPECT_EQ(res.status, 422) << res.body;
    return error_field(res);
  };
  json::object rule{
      {"category", "emergency"}, {"max_displacement_ml", 1800}, {"effective_from", "2020-01-01"}, {"regulation", "x"}};
  EXPECT_EQ(field_of(admin.post("/api/v1/vehicle-standards", with(rule, {{"category", "tank"}}))), "category");
  EXPECT_EQ(field_of(admin.post("/api/v1/vehicle-standards", with(rule, {{"effective_to", "2019-12-31"}}))), "effective_to");
  EXPECT_EQ(field_of(admin.post("/api/v1/vehicle-standards", with(rule, {{"max_displacement_ml", nullptr}}))),
            "max_displacement_ml");
  EXPECT_EQ(field_of(admin.post("/api/v1/vehicle-standards", with(rule, {{"max_price_fen", 0}}))), "max_price_fen");
  EXPECT_EQ(field_of(admin.post("/api/v1/vehicle-standards", with(rule, {{"energy_type", "coal"}}))), "energy_type");
  EXPECT_EQ(field_of(admin.patch(standard_path, {{"max_price_fen", nullptr}})), "max_displacement_ml");  // no cap left

  auto patched = admin.patch(standard_path, {{"max_price_fen", 200'000 * kYuan}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(ids("&over_standard=true"), std::vector<std::int64_t>{red});
  EXPECT_EQ(admin.patch("/api/v1/vehicle-standards/999999", {{"regulation", "x"}}).status, 404);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'vehicle_standard'"), 2);  // create, update
}

TEST(VehicleRegistry, StatusActionsFollowTheMachineAndTheTimelineShowsThem) {
  TestServer server;
  auto admin = server.admin();
  const auto id = create_vehicle(admin, vehicle_body("鲁Q30001", server.seed().unit_a));
  EXPECT_EQ(error_field(admin.post(vehicle_path(id, "/status"), {{"to_status", "sealed"}})), "reason");
  EXPECT_EQ(error_field(set_status(admin, id, "auctioned")), "to_status");  // the reform's, not the registry's
  EXPECT_EQ(error_field(admin.post(vehicle_path(id, "/status"),
                                   {{"to_status", "sealed"}, {"reason", "x"}, {"happened_on", "2999-01-01"}})),
            "happened_on");

  auto sealed = set_status(admin, id, "sealed", "长期停驶");
  ASSERT_EQ(sealed.status, 200) << sealed.body;
  EXPECT_EQ(sealed.json().at("status"), "sealed");
  EXPECT_EQ(sealed.json().at("status_label"), "已封存");
  EXPECT_EQ(set_status(admin, id, "sealed").error_code(), "invalid_transition");
  EXPECT_EQ(set_status(admin, id, "transferred").status, 409);  // sealed → unseal first
  EXPECT_EQ(set_status(admin, id, "in_service", "恢复使用").status, 200);
  EXPECT_EQ(set_status(admin, id, "transferred", "调拨至乙科").status, 200);
  EXPECT_EQ(set_status(admin, id, "in_service").error_code(), "invalid_transition");  // final

  const auto events = admin.get(vehicle_path(id, "/events")).json().at("items").as_array();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[1].at("action"), "status");
  EXPECT_EQ(events[1].at("from_status"), "in_service");
  EXPECT_EQ(events[1].at("to_status"), "sealed");
  EXPECT_EQ(events[1].at("reason"), "长期停驶");
  EXPECT_EQ(events[1].at("happened_on"), "2016-06-01");
  EXPECT_EQ(events[3].at("to_status"), "transferred");
  EXPECT_EQ(admin.get(vehicle_path(id, "/events?sort=-at&page_size=1")).json().at("items").at(0).at("reason"), "调拨至乙科");
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'vehicle' AND action = 'status'"), 3);

  // A vehicle awaiting its reform decision moves only through the reform.
  const auto in_reform = create_vehicle(admin, vehicle_body("鲁Q30002", server.seed().unit_a));
  server.db().write([&](db::Tx& tx) {
    const auto tenant = server.seed().tenant_id;
    const auto campaign =
        tx.query(
              "INSERT INTO vehicle_campaigns (tenant_id, name, start_date, handover_deadline, created_at, updated_at) "
              "VALUES ($1, '车改', '2016-01-01', '2016-03-31', 'now', 'now') RETURNING id",
              tenant)
            .one()
            .int64(0);
    tx.query("INSERT INTO campaign_units (tenant_id, campaign_id, unit_id, created_at) VALUES ($1, $2, $3, 'now')", tenant,
             campaign, server.seed().unit_a);
    tx.query("INSERT INTO campaign_vehicles (tenant_id, campaign_id, vehicle_id, unit_id) VALUES ($1, $2, $3, $4)", tenant,
             campaign, in_reform, server.seed().unit_a);
  });
  EXPECT_EQ(set_status(admin, in_reform, "transferred").error_code(), "in_reform");
  EXPECT_EQ(actions_of(admin, in_reform), std::vector<std::string>{"register"});
}

// A fleet sheet: header, then rows; `rows` are the cells after the header, as written.
std::string fleet_csv(const std::vector<std::string>& rows) {
  std::string csv =
      "车牌号,品牌型号,车辆类别,排量(毫升),座位数,车架号,发动机号,购置日期,购置价格(元),资金来源,所属单位编码,能源类型,里程(公里)"
      ",备注\r\n";
  for (const auto& row : rows) csv += row + "\r\n";
  return csv;
}

TEST(VehicleRegistry, ImportIsAllOrNothingWithRowErrors) {
  TestServer server;
  auto admin = server.admin();
  const auto template_res = admin.get("/api/v1/vehicles/import/template");
  ASSERT_EQ(template_res.status, 200);
  EXPECT_EQ(import::read_table(template_res.body)[0].size(), 14u);

  auto upload = [&](const std::string& body) {
    return admin.request("POST", "/api/v1/vehicles/import", body, {{"content-type", "text/csv"}});
  };
  auto bad = upload(fleet_csv({"鲁Q40001,丰田凯美瑞,一般公务用车,1998,5,,,2012-05-01,179999.99,财政拨款,A,,12000,",
                               "鲁Q40002,比亚迪秦,机要通信用车,,5,,,2019-01-01,123.456,budget,A,新能源,,",
                               "鲁Q40003,别克GL8,应急保障用车,2400,7,,,2016-01-01,280000,财政拨款,NOPE,燃油,,",
                               "鲁q40001,丰田凯美瑞,坦克,1998,5,,,2012-05-01,170000,财政拨款,B,,,",
                               "鲁Q40005,丰田凯美瑞,general,1998,90,,,2012-05-01,170000,财政拨款,B,,,"}));
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.error_code(), "import_failed");
  const auto rows = bad.json().at("error").at("rows").as_array();
  std::vector<std::pair<std::int64_t, std::string>> where;
  for (const auto& r : rows) where.emplace_back(r.at("row").as_int64(), std::string(r.at("column").as_string()));
  EXPECT_EQ(where, (std::vector<std::pair<std::int64_t, std::string>>{
                       {3, "购置价格(元)"}, {4, "所属单位编码"}, {5, "车辆类别"}, {6, "座位数"}}));
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM vehicles"), 0);

  auto duplicate = upload(fleet_csv({"鲁Q40001,丰田凯美瑞,一般公务用车,1998,5,,,2012-05-01,170000,财政拨款,A,,,",
                                     "鲁q40001,丰田凯美瑞,一般公务用车,1998,5,,,2012-05-01,170000,财政拨款,A,,,"}));
  ASSERT_EQ(duplicate.status, 422);
  EXPECT_EQ(duplicate.json().at("error").at("rows").at(0).at("row"), 3);
  EXPECT_EQ(duplicate.json().at("error").at("rows").at(0).at("column"), "车牌号");

  auto good =
      upload(fleet_csv({"鲁Q40001,丰田凯美瑞,一般公务用车,1998,5,LSVAG2180C2000001,E123,2012-05-01,179999.99,财政拨款,A,,12000,",
                        "鲁Q40002,比亚迪秦,confidential,,5,,,43466,123456.7,budget,B,新能源,,司机 张三"}));
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.json().at("imported"), 2);
  const auto list = admin.get("/api/v1/vehicles?sort=plate").json().at("items").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("purchase_price_fen"), 17'999'999);  // to the fen
  EXPECT_EQ(list[0].at("standard").at("result"), "over");   // 1998 ml > 1800
  EXPECT_EQ(list[0].at("odometer_km"), 12'000);
  EXPECT_EQ(list[1].at("purchase_price_fen"), 12'345'670);
  EXPECT_EQ(list[1].at("purchase_date"), "2019-01-01");  // Excel's serial 43466
  EXPECT_EQ(list[1].at("energy_type"), "new_energy");
  EXPECT_EQ(list[1].at("standard").at("result"), "ok");
  EXPECT_EQ(list[1].at("owner_unit_name"), "乙科");
  EXPECT_EQ(actions_of(admin, list[1].at("id").as_int64()), std::vector<std::string>{"register"});
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'vehicle' AND action = 'create'"), 2);

  // The same as .xlsx; a plate already registered is a row error.
  auto sheet = xlsx::xlsx_response(
      "车辆",
      {{"车牌号"},
       {"品牌型号"},
       {"车辆类别"},
       {"座位数"},
       {"购置日期"},
       {"购置价格(元)"},
       {"资金来源"},
       {"所属单位编码"},
       {"排量(毫升)"}},
      [](const auto& add_row) {
        add_row({std::string("鲁Q40003"), std::string("别克GL8"), std::string("应急保障用车"), std::int64_t{7},
                 std::string("2016-01-01"), std::int64_t{280000}, std::string("财政拨款"), std::string("A"), std::int64_t{2400}});
        add_row({std::string("鲁Q40002"), std::string("别克GL8"), std::string("应急保障用车"), std::int64_t{7},
                 std::string("2016-01-01"), std::int64_t{280000}, std::string("财政拨款"), std::string("A"), std::int64_t{2400}});
      });
  auto xlsx_bad = admin.request("POST", "/api/v1/vehicles/import", sheet.body);
  ASSERT_EQ(xlsx_bad.status, 422) << xlsx_bad.body;
  EXPECT_EQ(xlsx_bad.json().at("error").at("rows").at(0).at("row"), 3);
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM vehicles"), 2);
}

TEST(VehicleRegistry, QuotasFlagUnitsHoldingMoreThanTheirQuota) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  const auto a1 = create_vehicle(admin, vehicle_body("鲁Q50001", seed.unit_a));
  const auto a2 = create_vehicle(admin, vehicle_body("鲁Q50002", seed.unit_a));
  create_vehicle(admin, vehicle_body("鲁Q50003", seed.unit_b));
  const auto quota_path = "/api/v1/vehicle-quotas/" + std::to_string(seed.unit_a);
  auto set = admin.request("PUT", quota_path, R"({"quota":1})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json().at("held"), 2);
  EXPECT_EQ(set.json().at("over"), true);
  EXPECT_EQ(error_field(admin.request("PUT", quota_path, R"({"quota":-1})")), "quota");
  EXPECT_EQ(error_field(admin.request("PUT", quota_path, "{}")), "quota");
  EXPECT_EQ(admin.request("PUT", "/api/v1/vehicle-quotas/999999", R"({"quota":1})").status, 404);

  const auto all = admin.get("/api/v1/vehicle-quotas").json();
  EXPECT_EQ(all.at("total"), 2);  // A (quota) and B (holds a vehicle)
  EXPECT_TRUE(all.at("items").at(1).at("quota").is_null());
  EXPECT_EQ(all.at("items").at(1).at("over"), false);  // no quota set: nothing to exceed
  const auto over = admin.get("/api/v1/vehicle-quotas?over=true").json();
  ASSERT_EQ(over.at("total"), 1);
  EXPECT_EQ(over.at("items").at(0).at("unit_code"), "A");

  ASSERT_EQ(set_status(admin, a1, "sealed").status, 200);  // sealed still counts as held
  EXPECT_EQ(admin.get("/api/v1/vehicle-quotas?over=true").json().at("total"), 1);
  ASSERT_EQ(set_status(admin, a2, "transferred").status, 200);
  EXPECT_EQ(admin.get("/api/v1/vehicle-quotas?over=true").json().at("total"), 0);
  EXPECT_EQ(admin.get("/api/v1/vehicle-quotas?sort=-held").json().at("items").at(0).at("unit_code"), "A");  // 1 each: by id
  EXPECT_EQ(admin.request("PUT", quota_path, R"({"quota":1})").status, 200);  // unchanged: no audit row
  EXPECT_EQ(count(server, "SELECT COUNT(*) FROM audit_log WHERE entity = 'vehicle_quota'"), 1);
}

TEST(VehicleRegistry, FleetReportByUnitCategoryAndStatusWithTotals) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  create_vehicle(admin, vehicle_body("鲁Q60001", seed.unit_a));
  create_vehicle(admin, vehicle_body("鲁Q60002", seed.unit_a));
  const auto sealed = create_vehicle(admin, with(vehicle_body("鲁Q60003", seed.unit_a), {{"category", "confidential"}}));
  const auto moved = create_vehicle(admin, with(vehicle_body("鲁Q60004", seed.unit_b), {{"category", "emergency"}}));
  set_status(admin, sealed, "sealed");
  set_status(admin, moved, "transferred");
  admin.request("PUT", "/api/v1/vehicle-quotas/" + std::to_string(seed.unit_a), R"({"quota":2})");

  const auto report = admin.get("/api/v1/vehicles/report").json();
  ASSERT_EQ(report.at("total"), 2);
  const auto& a = report.at("items").at(0);
  EXPECT_EQ(a.at("unit_code"), "A");
  EXPECT_EQ(a.at("total"), 3);
  EXPECT_EQ(a.at("by_category").at("general"), 2);
  EXPECT_EQ(a.at("by_category").at("confidential"), 1);
  EXPECT_EQ(a.at("by_category").at("special"), 0);
  EXPECT_EQ(a.at("by_status").at("sealed"), 1);
  EXPECT_EQ(a.at("quota"), 2);
  EXPECT_EQ(a.at("over_quota"), true);  // 2 in service + 1 sealed
  EXPECT_EQ(report.at("items").at(1).at("over_quota"), false);
  const auto& totals = report.at("totals");
  EXPECT_EQ(totals.at("total"), 4);
  EXPECT_EQ(totals.at("by_category").at("emergency"), 1);
  EXPECT_EQ(totals.at("by_status").at("in_service"), 2);
  EXPECT_EQ(totals.at("by_status").at("transferred"), 1);
  EXPECT_EQ(admin.get("/api/v1/vehicles/report?q=%E4%B9%99").json().at("items").at(0).at("unit_code"), "B");  // "乙"
  EXPECT_EQ(admin.get("/api/v1/vehicles/report?sort=-total&page_size=1").json().at("items").at(0).at("unit_code"), "A");

  const auto table = import::read_table(admin.get("/api/v1/vehicles/report?format=xlsx").body);
  ASSERT_EQ(table.size(), 4u);  // header, A, B, 合计
  const auto& header = table[0];
  EXPECT_EQ(header[0], "单位编码");
  EXPECT_EQ(header[3], "一般公务用车");
  EXPECT_NE(std::find(header.begin(), header.end(), "已封存"), header.end());
  EXPECT_EQ(header.back(), "超编");
  EXPECT_EQ(table[1][2], "3");
  EXPECT_EQ(table[1].back(), "是");
  EXPECT_EQ(table[3][0], "合计");
  EXPECT_EQ(table[3][2], "4");
}

TEST(VehicleRegistry, ExcelAnswersWithChineseHeadersAndYuan) {
  TestServer server;
  auto admin = server.admin();
  const auto id =
      create_vehicle(admin, with(vehicle_body("鲁Q70001", server.seed().unit_a), {{"purchase_price_fen", 12'345'678}}));
  create_vehicle(admin, vehicle_body("鲁Q70002", server.seed().unit_b));
  auto res = admin.get("/api/v1/vehicles?format=xlsx&unit_id=" + std::to_string(server.seed().unit_a));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_NE(res.header("content-type").find("spreadsheetml"), std::string::npos);
  const auto table = import::read_table(res.body);
  ASSERT_EQ(table.size(), 2u);  // the filter applies
  EXPECT_EQ(table[0][0], "车牌号");
  EXPECT_EQ(table[0][9], "购置价格(元)");
  EXPECT_EQ(table[1][0], "鲁Q70001");
  EXPECT_EQ(table[1][2], "一般公务用车");
  EXPECT_EQ(table[1][3], "燃油");
  EXPECT_EQ(table[1][9], "123456.78");
  EXPECT_EQ(table[1][13], "在用");
  EXPECT_EQ(table[1][15], "超标");

  const auto events = import::read_table(admin.get(vehicle_path(id, "/events?format=xlsx")).body);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1][3], "登记");
  const auto standards = import::read_table(admin.get("/api/v1/vehicle-standards?format=xlsx&sort=effective_from").body);
  ASSERT_EQ(standards.size(), 4u);
  EXPECT_EQ(standards[1][3], "180000");  // 18万元
  EXPECT_EQ(standards[3][1], "新能源");
  EXPECT_EQ(admin.get("/api/v1/vehicle-quotas?format=xlsx").status, 200);
}

TEST(VehicleRegistry, DataScopeHidesAnotherUnitsVehicles) {
  TestServer server;
  auto admin = server.admin();
  const auto& seed = server.seed();
  const auto in_a = create_vehicle(admin, vehicle_body("鲁Q80001", seed.unit_a));
  const auto in_b = create_vehicle(admin, vehicle_body("鲁Q80002", seed.unit_b));
  const auto actor = audit::system_actor(seed.tenant_id, "test");
  server.db().write([&](db::Tx& tx) {
    access::create_role(tx, actor, {"unit_vehicles", "本单位车管", {"*.read", "vehicles.*"}, access::DataScope::unit_and_below},
                        {"vehicles.read", "vehicles.write", "vehicles.manage", "org.read"});
  });
  auth::create_account(server.db(), actor, {"liaison_a", "甲联络员", "liaison", seed.unit_a, "Liaison-pass-1"});
  auth::create_account(server.db(), actor, {"officer_a", "甲车管", "unit_vehicles", seed.unit_a, "Officer-pass-1"});

  auto liaison = server.client();
  liaison.login("liaison_a", "Liaison-pass-1", "test");
  EXPECT_EQ(liaison.get(vehicle_path(in_a)).status, 200);
  EXPECT_EQ(liaison.get(vehicle_path(in_b)).status, 404);
  EXPECT_EQ(liaison.get(vehicle_path(in_b, "/events")).status, 404);
  EXPECT_EQ(liaison.get("/api/v1/vehicles").json().at("total"), 1);
  EXPECT_EQ(liaison.get("/api/v1/vehicles/report").json().at("total"), 1);
  EXPECT_EQ(liaison.post("/api/v1/vehicles", vehicle_body("鲁Q80003", seed.unit_a)).status, 403);

  auto officer = server.client();
  officer.login("officer_a", "Officer-pass-1", "test");
  EXPECT_EQ(officer.patch(vehicle_path(in_b), {{"notes", "x"}}).status, 404);
  EXPECT_EQ(set_status(officer, in_b, "sealed").status, 404);
  EXPECT_EQ(error_field(officer.post("/api/v1/vehicles", vehicle_body("鲁Q80003", seed.unit_b))), "owner_unit_id");
  EXPECT_EQ(error_field(officer.patch(vehicle_path(in_a), {{"owner_unit_id", seed.unit_b}})), "owner_unit_id");
  EXPECT_EQ(officer.request("PUT", "/api/v1/vehicle-quotas/" + std::to_string(seed.unit_b), R"({"quota":3})").status, 404);
  auto import_b = officer.request("POST", "/api/v1/vehicles/import",
                                  fleet_csv({"鲁Q80003,丰田凯美瑞,一般公务用车,1998,5,,,2012-05-01,170000,财政拨款,B,,,"}),
                                  {{"content-type", "text/csv"}});
  EXPECT_EQ(import_b.json().at("error").at("rows").at(0).at("column"), "所属单位编码");
  EXPECT_EQ(officer.post("/api/v1/vehicles", vehicle_body("鲁Q80003", seed.unit_a)).status, 201);

  auto staff = server.staff();  // reads everything, writes nothing
  EXPECT_EQ(staff.get(vehicle_path(in_b)).status, 200);
  EXPECT_EQ(staff.patch(vehicle_path(in_b), {{"notes", "x"}}).status, 403);
  EXPECT_EQ(staff.post("/api/v1/vehicle-standards", {{"category", "general"}}).status, 403);
}

}  // namespace
}  // namespace jiguan::test
