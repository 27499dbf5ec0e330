#include "core/access/roles.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "core/http/api_error.hpp"
#include "core/util/time.hpp"

namespace jiguan::access {
namespace json = boost::json;

const std::vector<RoleSpec>& builtin_roles() {
  // Audit records are "audit.view", not "*.read": reading the trail is for the roles that
  // supervise, not for everyone who may read business records. Marking one's own
  // notifications read is a write too: every role has it but the read-only auditor.
  constexpr const char* kNotifications = "notifications.write";
  static const std::vector<RoleSpec> roles = {
      {"admin", "系统管理员", {"*"}, DataScope::all},
      {"leader", "局领导", {"*.read", "*.approve", "audit.view", "requests.submit", kNotifications}, DataScope::all},
      {"staff", "科室工作人员",
       {"*.read", "requests.submit", "requests.handle", "meetings.book", "meetings.serve", kNotifications}, DataScope::all},
      // One role per section that keeps a business ledger: it writes its own module.
      {"vehicle_officer", "公务用车管理", {"*.read", "vehicles.*", "requests.submit", "requests.handle", kNotifications},
       DataScope::all},
      {"meeting_officer", "会议服务", {"*.read", "meetings.*", "requests.submit", kNotifications}, DataScope::all},
      // The mail room (收发室, in the office): its clerk registers, delivers and closes the
      // day but never sees confidential items; the confidential clerk (机要员) does.
      {"mail_clerk", "收发室", {"*.read", "mail.register", "mail.deliver", "mail.close", "requests.submit", kNotifications},
       DataScope::all},
      {"confidential_clerk", "机要员", {"*.read", "mail.*", "mail.confidential", "requests.submit", kNotifications}, DataScope::all},
      // Office space (办公用房管理科): the registry, occupancy, standards, and the campaigns'
      // supervision; a unit's liaison submits its self-inspection and signs its pledge.
      {"space_officer", "办公用房管理", {"*.read", "space.*", "requests.submit", "requests.handle", kNotifications},
       DataScope::all},
      {"liaison", "单位联络员", {"*.read", "requests.submit", "meetings.book", "mail.receive", "space.self_check", kNotifications},
       DataScope::unit_and_below},
      {"worker", "驾驶员/维修工", {"org.read", "requests.submit", kNotifications}, DataScope::self},
      {"auditor", "审计监督（只读）", {"*.read", "audit.view"}, DataScope::all},
  };
  return roles;
}

bool pattern_grants(std::string_view pattern, std::string_view permission) {
  // Seeing confidential mail (机要件) is given by name only: no wildcard, not even the
  // administrator's "*", opens it.
  if (permission == "mail.confidential") return pattern == permission;
  if (pattern == "*" || pattern == permission) return true;
  const auto dot = permission.find('.');
  if (dot == std::string_view::npos) return false;
  if (pattern.ends_with(".*")) return permission.substr(0, dot) == pattern.substr(0, pattern.size() - 2);
  if (pattern.starts_with("*.")) return permission.substr(dot + 1) == pattern.substr(2);
  return false;
}

bool permissions_grant(const std::vector<std::string>& patterns, std::string_view permission) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return pattern_grants(p, permission); });
}

namespace {

std::string permissions_text(const std::vector<std::string>& permissions) {
  json::array a;
  for (const auto& p : permissions) a.emplace_back(p);
  return json::serialize(a);
}

std::vector<std::string> parse_permissions(const std::string& text) {
  const auto parsed = json::parse(text);  // named: a range-for over parse(…).as_array() would dangle
  std::vector<std::string> out;
  for (const auto& v : parsed.as_array()) out.emplace_back(v.as_string());
  return out;
}

void check_permissions(const std::vector<std::string>& permissions, const std::vector<std::string>& catalogue) {
  for (std::size_t i = 0; i < permissions.size(); ++i) {
    const auto& p = permissions[i];
    const bool known = std::any_of(catalogue.begin(), catalogue.end(), [&](const std::string& c) { return pattern_grants(p, c); });
    if (!known) throw http::invalid("permissions[" + std::to_string(i) + "]", "未知权限：" + p);
  }
}

void check_code(const std::string& code) {
  const bool ok = code.size() >= 2 && code.size() <= 32 && std::all_of(code.begin(), code.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '_';
  });
  if (!ok) throw http::invalid("code", "角色代码应为 2 到 32 位小写字母、数字或下划线");
}

}  // namespace

void ensure_builtin_roles(db::Tx& tx, std::int64_t tenant_id) {
  const auto now = util::now_utc();
  for (const auto& role : builtin_roles()) {
    const auto shipped = permissions_text(role.permissions);
    const auto existing =
        tx.query("SELECT permissions, shipped_permissions FROM roles WHERE tenant_id = $1 AND code = $2", tenant_id, role.code);
    if (existing.empty()) {
      tx.query("INSERT INTO roles (tenant_id, code, name, permissions, data_scope, builtin, shipped_permissions, created_at, "
               "updated_at) VALUES ($1, $2, $3, $4, $5, 1, $4, $6, $6)",
               tenant_id, role.code, role.name, shipped, std::string(scope_name(role.scope)), now);
      continue;
    }
    const auto& row = existing.one();
    if (row.opt_text(1) == shipped) continue;
    // An upgrade: add what this version ships that the last one did not.
    const auto before = row.opt_text(1) ? parse_permissions(*row.opt_text(1)) : std::vector<std::string>{};
    auto permissions = parse_permissions(row.text(0));
    for (const auto& p : role.permissions) {
      if (std::find(before.begin(), before.end(), p) == before.end() &&
          std::find(permissions.begin(), permissions.end(), p) == permissions.end()) {
        permissions.push_back(p);
      }
    }
    tx.query("UPDATE roles SET permissions = $3, shipped_permissions = $4, updated_at = $5 WHERE tenant_id = $1 AND code = $2",
             tenant_id, role.code, permissions_text(permissions), shipped, now);
  }
}

std::optional<RoleSpec> find_role(db::Tx& tx, std::int64_t tenant_id, const std::string& code) {
  auto r = tx.query("SELECT code, name, permissions, data_scope FROM roles WHERE tenant_id = $1 AND code = $2", tenant_id, code);
  if (r.empty()) return std::nullopt;
  const auto& row = r.rows[0];
  return RoleSpec{row.text(0), row.text(1), parse_permissions(row.text(2)), parse_scope(row.text(3)).value_or(DataScope::self)};
}

json::object role_json(const db::Row& row) {
  json::array permissions;
  for (const auto& p : parse_permissions(row.text(3))) permissions.emplace_back(p);
  return {{"id", row.int64(0)},         {"code", row.text(1)},       {"name", row.text(2)},
          {"permissions", permissions}, {"data_scope", row.text(4)}, {"builtin", row.int64(5) != 0},
          {"created_at", row.text(6)},  {"updated_at", row.text(7)}};
}

std::int64_t create_role(db::Tx& tx, const audit::Actor& actor, const RoleSpec& role, const std::vector<std::string>& catalogue) {
  check_code(role.code);
  if (role.name.empty()) throw http::invalid("name", "请填写角色名称");
  check_permissions(role.permissions, catalogue);
  const auto now = util::now_utc();
  std::int64_t id = 0;
  try {
    id = tx.query("INSERT INTO roles (tenant_id, code, name, permissions, data_scope, builtin, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $5, 0, $6, $6) RETURNING id",
                  actor.tenant_id, role.code, role.name, permissions_text(role.permissions), std::string(scope_name(role.scope)), now)
             .one()
             .int64(0);
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::unique_violation) throw http::conflict("角色代码已存在：" + role.code, "code");
    throw;
  }
  audit::record(tx, actor,
                {"create", "role", id,
                 {{"code", role.code}, {"permissions", json::parse(permissions_text(role.permissions))},
                  {"data_scope", scope_name(role.scope)}}});
  return id;
}

bool update_role(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const std::optional<std::string>& name,
                 const std::optional<std::vector<std::string>>& permissions, const std::optional<DataScope>& scope,
                 const std::vector<std::string>& catalogue) {
  auto r = tx.query(std::string("SELECT ") + kRoleColumns + " FROM roles WHERE tenant_id = $1 AND id = $2", actor.tenant_id, id);
  if (r.empty()) return false;
  const auto before = role_json(r.rows[0]);
  if (name && name->empty()) throw http::invalid("name", "请填写角色名称");
  if (permissions) check_permissions(*permissions, catalogue);
  tx.query("UPDATE roles SET name = COALESCE($3, name), permissions = COALESCE($4, permissions), "
           "data_scope = COALESCE($5, data_scope), updated_at = $6 WHERE tenant_id = $1 AND id = $2",
           actor.tenant_id, id, name, permissions ? std::optional(permissions_text(*permissions)) : std::nullopt,
           scope ? std::optional(std::string(scope_name(*scope))) : std::nullopt, util::now_utc());
  auto after = role_json(tx.query(std::string("SELECT ") + kRoleColumns + " FROM roles WHERE tenant_id = $1 AND id = $2",
                                  actor.tenant_id, id)
                             .one());
  after.erase("updated_at");
  audit::record(tx, actor, {"update", "role", id, audit::diff(before, after)});
  return true;
}

}  // namespace jiguan::access
