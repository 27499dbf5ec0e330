#include "modules/mail/fixtures.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace jiguan::test::mail_fixtures {

boost::json::object incoming(std::int64_t unit_id, const std::string& tracking_no, boost::json::object fields) {
  boost::json::object body{{"kind", "registered"},
                           {"tracking_no", tracking_no},
                           {"sender", "临沂市财政局"},
                           {"addressee_unit_id", unit_id},
                           {"received_at", "2026-03-02T09:00:00+08:00"}};
  for (const auto& [key, value] : fields) body[key] = value;
  return body;
}

boost::json::object confidential(std::int64_t unit_id, const std::string& tracking_no) {
  return incoming(unit_id, tracking_no,
                  {{"kind", "confidential"}, {"secrecy_level", "confidential"}, {"envelope_no", "临机 0117"},
                   {"sending_organ", "中共临沂市委办公室"}});
}

boost::json::object register_item(HttpClient& client, const boost::json::object& body) {
  auto res = client.post(kItems, body);
  EXPECT_EQ(res.status, 201) << res.body;
  return res.status == 201 ? res.json().as_object() : boost::json::object{};
}

std::int64_t account_id(TestServer& server, const std::string& username) {
  return server.db().read([&](db::Tx& tx) {
    return tx.query("SELECT id FROM accounts WHERE tenant_id = $1 AND username = $2", server.seed().tenant_id, username).one().int64(0);
  });
}

boost::json::object outgoing(std::int64_t sender_unit_id, boost::json::object fields) {
  boost::json::object body{{"kind", "registered"}, {"direction", "out"}, {"sender_unit_id", sender_unit_id},
                           {"addressee", "临沂市人民政府办公室"}};
  for (const auto& [key, value] : fields) body[key] = value;
  return body;
}

}  // namespace jiguan::test::mail_fixtures
