// HTTP handlers of the counter operations on an incoming item: notify, deliver (with a drawn
// or PIN signature, or the two-person rule for confidential items), hand over, return,
// forward, correct an entry of the chain of custody, and the drawn signature as PNG. Thin:
// parse the body, call ops.cpp, answer the item.
#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "core/http/openapi.hpp"
#include "modules/mail/ops.hpp"
#include "modules/mail/route_support.hpp"

namespace jiguan::mail {
namespace json = boost::json;

namespace {

// A nested object of the body, or nullopt when absent (422 naming `key` when not an object).
const json::object* nested(const http::JsonBody& b, const char* key) {
  const auto* v = b.object().if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_object()) throw http::invalid(key, std::string(key) + " 应为对象");
  return &v->as_object();
}

// A non-empty string member of a nested object; 422 naming the nested object's field.
std::string member(const json::object& o, const char* key, const std::string& field, std::size_t max_chars) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string() || v->as_string().empty() || v->as_string().size() > max_chars) {
    throw http::invalid(field, field + "." + key + " 缺少或过长");
  }
  return std::string(v->as_string());
}

Credential credential(const json::object& o, const std::string& field) {
  return {member(o, "username", field, 100), member(o, "password", field, 256)};
}

Delivery delivery(const http::JsonBody& b) {
  Delivery d;
  d.receiver_name = b.optional_string("receiver_name", 50).value_or("");
  d.note = b.optional_string("note", 500).value_or("");
  if (const auto* sig = nested(b, "signature")) {
    const auto method = member(*sig, "method", "signature", 10);
    if (method == "drawn") {
      d.drawn = member(*sig, "image", "signature", kMaxSignatureChars);
    } else if (method == "pin") {
      d.pin = credential(*sig, "signature");
    } else {
      throw http::invalid("signature", "signature.method 应为 drawn（手写签名）或 pin（签收人账号密码）");
    }
  }
  d.handing_password = b.optional_string("handing_password", 256);
  if (const auto* receiver = nested(b, "receiver")) d.receiver = credential(*receiver, "receiver");
  return d;
}

// The routes' one shape: the item's id from the path, the operation, the item answered.
template <class Op>
http::Handler item_action(Op op) {
  return [op](http::Context& ctx) {
    const auto id = ctx.path_id("id", "邮件");
    return http::Response::json(op(ctx, id, audit::actor_of(ctx.who(), ctx.request)));
  };
}

}  // namespace

void register_ops_routes(http::Router& router, auth::Sessions& sessions) {
  // Passwords confirmed at the counter follow the login's rules (lock after repeated failures).
  const auto password_check = [&sessions](const http::Context& ctx) -> PasswordCheck {
    return [&sessions, &ctx](const auth::Sessions::AccountKey& account, const std::string& password) {
      return sessions.check_password(ctx.tenant_id(), account, password, ctx.request);
    };
  };
  const auto authenticated = http::Access::authenticated;
  const auto reason_schema = http::object_schema({{"reason", "string"}}, {"reason"});

  router.add({"POST", "/api/v1/mail/items/{id}/notify", authenticated, "mail.deliver",
              item_action([](http::Context& ctx, std::int64_t id, const audit::Actor& actor) {
                return notify_item(ctx.db(), ctx.who(), actor, id);
              }),
              {"通知（或再次催领）收件单位：received → notified；无人可收答 409 no_receiver", "mail", {}, nullptr, item_schema()}});

  router.add({"POST", "/api/v1/mail/items/{id}/deliver", authenticated, "mail.deliver",
              item_action([password_check](http::Context& ctx, std::int64_t id, const audit::Actor& actor) {
                const auto body = ctx.json_body();
                return deliver_item(ctx.db(), password_check(ctx), ctx.who(), actor, id, delivery(body));
              }),
              {"签收：手写签名或签收人账号密码；机要件须保管人再次输入密码、接收人（收件人或收件单位人员）以本人账号密码确认",
               "mail",
               {},
               http::object_schema({{"receiver_name", "string"},
                                    {"signature", "object"},
                                    {"handing_password", "string"},
                                    {"receiver", "object"},
                                    {"note", "string"}}),
               item_schema()}});

  router.add({"POST", "/api/v1/mail/items/{id}/handover", authenticated, "mail.confidential",
              item_action([password_check](http::Context& ctx, std::int64_t id, const audit::Actor& actor) {
                const auto body = ctx.json_body();
                const auto* receiver = nested(body, "receiver");
                if (!receiver) throw http::invalid("receiver", "双人交接须有接收人的账号和密码");
                return hand_over_item(ctx.db(), password_check(ctx), ctx.who(), actor, id,
                                      {body.required_string("handing_password", 256), credential(*receiver, "receiver"),
                                       body.optional_string("note", 500).value_or("")});
              }),
              {"机要件内部双人交接：保管人再次输入密码，接收人（须有机要权限）以本人账号密码确认，接收人成为保管人", "mail", {},
               http::object_schema({{"handing_password", "string"}, {"receiver", "object"}, {"note", "string"}},
                                   {"handing_password", "receiver"}),
               item_schema()}});

  router.add({"POST", "/api/v1/mail/items/{id}/return", authenticated, "mail.deliver",
              item_action([](http::Context& ctx, std::int64_t id, const audit::Actor& actor) {
                const auto body = ctx.json_body();
                return return_item(ctx.db(), ctx.who(), actor, id, body.required_string("reason", 500));
              }),
              {"退回（写明原因）", "mail", {}, reason_schema, item_schema()}});

  router.add({"POST", "/api/v1/mail/items/{id}/forward", authenticated, "mail.deliver",
              item_action([](http::Context& ctx, std::int64_t id, const audit::Actor& actor) {
                const auto body = ctx.json_body();
                return forward_item(ctx.db(), ctx.who(), actor, id, body.required_string("to", 200),
                                    body.required_string("reason", 500));
              }),
              {"转递（转到何处、原因）", "mail", {}, http::object_schema({{"to", "string"}, {"reason", "string"}}, {"to", "reason"}),
               item_schema()}});

  router.add({"POST", "/api/v1/mail/items/{id}/events/{event_id}/correct", authenticated, "mail.deliver",
              item_action([](http::Context& ctx, std::int64_t id, const audit::Actor& actor) {
                const auto body = ctx.json_body();
                return correct_event(ctx.db(), ctx.who(), actor, id, ctx.path_id("event_id", "收发记录"),
                                     body.required_string("note", 500));
              }),
              {"更正收发记录：追加一条引用原记录的 correction 记录（原记录不改不删）", "mail", {},
               http::object_schema({{"note", "string"}}, {"note"}), item_schema()}});

  router.add({"GET", "/api/v1/mail/items/{id}/signature", authenticated, "mail.read",
              [](http::Context& ctx) {
                const auto id = ctx.path_id("id", "邮件");
                http::Response r;
                r.content_type = "image/png";
                r.body = ctx.db().read([&](db::Tx& tx) { return item_signature(tx, ctx.who(), id); });
                return r;
              },
              {"手写签名图片（image/png；没有手写签名时 404）", "mail", {}, nullptr, nullptr}});
}

}  // namespace jiguan::mail
