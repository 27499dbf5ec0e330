#include "core/org/units.hpp"

#include <algorithm>
#include <map>

#include "core/http/api_error.hpp"
#include "core/util/text.hpp"
#include "core/util/time.hpp"

namespace jiguan::org {
namespace json = boost::json;

const std::vector<std::string>& unit_kinds() {
  static const std::vector<std::string> kinds = {"bureau", "section", "department", "sector"};
  return kinds;
}

namespace {

void check_kind(const std::string& kind) {
  const auto& kinds = unit_kinds();
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    throw http::invalid("kind", "单位类型应为 bureau、section、department 或 sector 之一");
  }
}

// The parent must exist and must not be the unit itself or below it (that would make a cycle).
void check_parent(db::Tx& tx, std::int64_t tenant_id, std::optional<std::int64_t> unit_id, std::int64_t parent_id) {
  std::optional<std::int64_t> cursor = parent_id;
  bool first = true;
  while (cursor) {
    if (unit_id && *cursor == *unit_id) throw http::invalid("parent_id", "上级单位不能是本单位或其下级单位");
    auto r = tx.query("SELECT parent_id FROM units WHERE tenant_id = $1 AND id = $2", tenant_id, *cursor);
    if (r.empty()) {
      if (first) throw http::invalid("parent_id", "上级单位不存在");
      break;
    }
    first = false;
    cursor = r.rows[0].opt_int64(0);
  }
}

http::ApiError duplicate_code(const std::string& code) { return http::conflict("单位代码已存在：" + code, "code"); }

}  // namespace

void check_unit_code(const std::string& code) {
  const bool ok = !code.empty() && code.size() <= 32 && std::all_of(code.begin(), code.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
  if (!ok) throw http::invalid("code", "单位代码应为 1 到 32 位字母、数字、下划线或连字符");
}

void check_unit_name(const std::string& name) {
  if (name.empty() || util::utf8_length(name) > 100) throw http::invalid("name", "单位名称应为 1 到 100 个字符");
}

json::object unit_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"code", row.text(1)},
          {"name", row.text(2)},
          {"kind", row.text(3)},
          {"parent_id", row.is_null(4) ? json::value() : json::value(row.int64(4))},
          {"parent_name", row.is_null(5) ? json::value() : json::value(row.text(5))},
          {"sort_order", row.int64(6)},
          {"active", row.int64(7) != 0},
          {"created_at", row.text(8)},
          {"updated_at", row.text(9)}};
}

std::optional<json::object> find_unit(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  auto r = tx.query(kUnitSelect + " WHERE u.tenant_id = $1 AND u.id = $2", tenant_id, id);
  if (r.empty()) return std::nullopt;
  return unit_json(r.rows[0]);
}

std::int64_t create_unit(db::Tx& tx, const audit::Actor& actor, const UnitFields& f) {
  check_unit_code(f.code);
  check_unit_name(f.name);
  check_kind(f.kind);
  if (f.parent_id) check_parent(tx, actor.tenant_id, std::nullopt, *f.parent_id);
  const auto now = util::now_utc();
  std::int64_t id = 0;
  try {
    id = tx.query("INSERT INTO units (tenant_id, code, name, kind, parent_id, sort_order, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                  actor.tenant_id, f.code, f.name, f.kind, f.parent_id, f.sort_order, now)
             .one()
             .int64(0);
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::unique_violation) throw duplicate_code(f.code);
    throw;
  }
  auto created = *find_unit(tx, actor.tenant_id, id);
  audit::record(tx, actor, {"create", "unit", id, created});
  return id;
}

bool update_unit(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const UnitPatch& patch) {
  auto before = find_unit(tx, actor.tenant_id, id);
  if (!before) return false;
  if (patch.code) check_unit_code(*patch.code);
  if (patch.name) check_unit_name(*patch.name);
  if (patch.kind) check_kind(*patch.kind);
  if (patch.parent_id && *patch.parent_id) check_parent(tx, actor.tenant_id, id, **patch.parent_id);

  const auto& b = *before;
  const std::string code = patch.code.value_or(std::string(b.at("code").as_string()));
  const std::string name = patch.name.value_or(std::string(b.at("name").as_string()));
  const std::string kind = patch.kind.value_or(std::string(b.at("kind").as_string()));
  const std::optional<std::int64_t> parent =
      patch.parent_id ? *patch.parent_id
                      : (b.at("parent_id").is_null() ? std::nullopt : std::optional(b.at("parent_id").as_int64()));
  const std::int64_t sort_order = patch.sort_order.value_or(b.at("sort_order").as_int64());
  try {
    tx.query("UPDATE units SET code = $3, name = $4, kind = $5, parent_id = $6, sort_order = $7, updated_at = $8 "
             "WHERE tenant_id = $1 AND id = $2",
             actor.tenant_id, id, code, name, kind, parent, sort_order, util::now_utc());
  } catch (const db::DbError& e) {
    if (e.kind() == db::ErrorKind::unique_violation) throw duplicate_code(code);
    throw;
  }
  auto after = *find_unit(tx, actor.tenant_id, id);
  after.erase("updated_at");
  audit::record(tx, actor, {"update", "unit", id, audit::diff(b, after)});
  return true;
}

bool set_unit_active(db::Tx& tx, const audit::Actor& actor, std::int64_t id, bool active) {
  auto before = find_unit(tx, actor.tenant_id, id);
  if (!before) return false;
  if (!active && !tx.query("SELECT 1 FROM units WHERE tenant_id = $1 AND parent_id = $2 AND active = 1 LIMIT 1",
                           actor.tenant_id, id)
                      .empty()) {
    throw http::ApiError(409, "has_active_children", "该单位仍有启用的下级单位，请先停用下级单位");
  }
  if (active && !before->at("parent_id").is_null()) {
    auto parent = tx.query("SELECT active FROM units WHERE tenant_id = $1 AND id = $2", actor.tenant_id,
                           before->at("parent_id").as_int64());
    if (!parent.empty() && parent.one().int64(0) == 0) {
      throw http::ApiError(409, "parent_inactive", "上级单位已停用，请先启用上级单位");
    }
  }
  tx.query("UPDATE units SET active = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", actor.tenant_id, id, active,
           util::now_utc());
  audit::record(tx, actor, {active ? "activate" : "deactivate", "unit", id, {{"active", {{"from", !active}, {"to", active}}}}});
  return true;
}

json::array unit_tree(db::Tx& tx, std::int64_t tenant_id) {
  auto rows = tx.query(kUnitSelect + " WHERE u.tenant_id = $1 ORDER BY u.sort_order, u.id", tenant_id);
  // Children lists by parent id, then assembled from the roots down.
  std::map<std::int64_t, std::vector<json::object>> children;
  std::vector<json::object> roots;
  for (const auto& row : rows.rows) {
    auto unit = unit_json(row);
    unit.erase("created_at");
    unit.erase("updated_at");
    if (row.is_null(4)) {
      roots.push_back(std::move(unit));
    } else {
      children[row.int64(4)].push_back(std::move(unit));
    }
  }
  std::function<json::value(json::object&)> attach = [&](json::object& unit) -> json::value {
    json::array kids;
    if (auto it = children.find(unit.at("id").as_int64()); it != children.end()) {
      for (auto& child : it->second) kids.push_back(attach(child));
    }
    unit["children"] = std::move(kids);
    return std::move(unit);
  };
  json::array out;
  for (auto& root : roots) out.push_back(attach(root));
  return out;
}

}  // namespace jiguan::org
