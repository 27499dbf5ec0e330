#include "modules/vehicles/standards.hpp"

#include <boost/json.hpp>
#include <tuple>

#include "core/util/time.hpp"
#include "modules/vehicles/builtins.hpp"
#include "modules/vehicles/fields.hpp"

namespace jiguan::vehicles {
namespace json = boost::json;

namespace {

bool in_force(const Standard& s, const VehicleFacts& v) {
  return s.category == v.category && (!s.energy_type || *s.energy_type == v.energy_type) && s.effective_from <= v.purchase_date &&
         (!s.effective_to || v.purchase_date <= *s.effective_to);
}

// The precedence applicable_standard() documents, as a key where larger wins; the SQL
// twin is the ORDER BY in over_standard_sql().
auto precedence(const Standard& s) { return std::tuple(s.energy_type.has_value(), s.effective_from, s.id); }

void validate(db::Tx& tx, std::int64_t tenant_id, const StandardFields& f) {
  if (tx.query("SELECT 1 FROM dictionary_items WHERE tenant_id = $1 AND dictionary_code = $2 AND value = $3", tenant_id,
               kCategoryDictionary, f.category)
          .empty()) {
    throw http::invalid("category", "车辆类别不存在：" + f.category);
  }
  if (f.energy_type && !is_energy_type(*f.energy_type)) throw http::invalid("energy_type", "能源类型应为 fuel 或 new_energy");
  if (!f.max_displacement_ml && !f.max_price_fen) throw http::invalid("max_displacement_ml", "排量上限和价格上限至少设置一项");
  if (f.max_displacement_ml) check_range("max_displacement_ml", *f.max_displacement_ml, 1, 20000, "排量上限（毫升）");
  if (f.max_price_fen && *f.max_price_fen <= 0) throw http::invalid("max_price_fen", "价格上限应大于 0");
  check_day("effective_from", f.effective_from);
  if (f.effective_to) {
    check_day("effective_to", *f.effective_to);
    if (*f.effective_to < f.effective_from) throw http::invalid("effective_to", "失效日期不能早于生效日期");
  }
  check_chars("regulation", f.regulation, 1, 500, "依据");
}

// The tenant's standards, or only the one with id `only`.
std::vector<Standard> select_standards(db::Tx& tx, std::int64_t tenant_id, std::optional<std::int64_t> only) {
  std::vector<Standard> out;
  for (const auto& row :
       tx.query("SELECT id, category, energy_type, max_displacement_ml, max_price_fen, effective_from, effective_to, "
                "regulation FROM vehicle_standards WHERE tenant_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id = $2)",
                tenant_id, only)
           .rows) {
    out.push_back({row.int64(0), row.text(1), row.opt_text(2), row.opt_int64(3), row.opt_int64(4), row.text(5), row.opt_text(6),
                   row.text(7)});
  }
  return out;
}

}  // namespace

// ---- The check -------------------------------------------------------------------------

const Standard* applicable_standard(const VehicleFacts& vehicle, const std::vector<Standard>& standards) {
  const Standard* best = nullptr;
  for (const auto& s : standards) {
    if (in_force(s, vehicle) && (!best || precedence(s) > precedence(*best))) best = &s;
  }
  return best;
}

StandardCheck check_standard(const VehicleFacts& vehicle, const std::vector<Standard>& standards) {
  const auto* s = applicable_standard(vehicle, standards);
  if (!s) return {"none", "", {}};
  StandardCheck check{"ok", s->regulation, {}};
  if (s->max_displacement_ml && vehicle.displacement_ml > *s->max_displacement_ml) {
    check.violations.push_back({"displacement_ml", *s->max_displacement_ml, vehicle.displacement_ml});
  }
  if (s->max_price_fen && vehicle.purchase_price_fen > *s->max_price_fen) {
    check.violations.push_back({"purchase_price_fen", *s->max_price_fen, vehicle.purchase_price_fen});
  }
  if (!check.violations.empty()) check.result = "over";
  return check;
}

json::object check_json(const StandardCheck& check) {
  json::array violations;
  for (const auto& v : check.violations) {
    violations.push_back(json::object{{"field", v.field}, {"limit", v.limit}, {"actual", v.actual}});
  }
  return {{"result", check.result}, {"regulation", check.regulation}, {"violations", std::move(violations)}};
}

std::string over_standard_sql(std::string_view vehicle) {
  const std::string v(vehicle);
  // The inner SELECT picks the standard applicable_standard() picks (same filter, same
  // precedence); a NULL cap compares as unknown, i.e. is never exceeded.
  return "EXISTS (SELECT 1 FROM vehicle_standards std_over WHERE std_over.tenant_id = " + v +
         ".tenant_id AND std_over.id = (SELECT std_pick.id FROM vehicle_standards std_pick WHERE std_pick.tenant_id = " + v +
         ".tenant_id AND std_pick.category = " + v +
         ".category AND (std_pick.energy_type IS NULL OR std_pick.energy_type = " + v +
         ".energy_type) AND std_pick.effective_from <= " + v + ".purchase_date AND (std_pick.effective_to IS NULL OR " +
         "std_pick.effective_to >= " + v +
         ".purchase_date) ORDER BY CASE WHEN std_pick.energy_type IS NULL THEN 0 ELSE 1 END DESC, " +
         "std_pick.effective_from DESC, std_pick.id DESC LIMIT 1) AND (" + v +
         ".displacement_ml > std_over.max_displacement_ml OR " + v + ".purchase_price_fen > std_over.max_price_fen))";
}

std::vector<Standard> load_standards(db::Tx& tx, std::int64_t tenant_id) { return select_standards(tx, tenant_id, std::nullopt); }

// ---- Editing ---------------------------------------------------------------------------

json::object standard_json(const db::Row& row) {
  return {{"id", row.int64(0)},
          {"category", row.text(1)},
          {"category_label", nullable_text(row, 2)},
          {"energy_type", nullable_text(row, 3)},
          {"max_displacement_ml", nullable_int(row, 4)},
          {"max_price_fen", nullable_int(row, 5)},
          {"effective_from", row.text(6)},
          {"effective_to", nullable_text(row, 7)},
          {"regulation", row.text(8)},
          {"builtin", row.int64(9) != 0}};
}

std::optional<json::object> find_standard(db::Tx& tx, std::int64_t tenant_id, std::int64_t id) {
  auto r = tx.query("SELECT " + kStandardColumns + kStandardFrom + " WHERE st.tenant_id = $1 AND st.id = $2", tenant_id, id);
  if (r.empty()) return std::nullopt;
  return standard_json(r.rows[0]);
}

std::int64_t create_standard(db::Tx& tx, const audit::Actor& actor, const StandardFields& f) {
  validate(tx, actor.tenant_id, f);
  const auto id = tx.query(
                        "INSERT INTO vehicle_standards (tenant_id, category, energy_type, max_displacement_ml, max_price_fen, "
                        "effective_from, effective_to, regulation, created_at, updated_at) "
                        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                        actor.tenant_id, f.category, f.energy_type, f.max_displacement_ml, f.max_price_fen, f.effective_from,
                        f.effective_to, f.regulation, util::now_utc())
                      .one()
                      .int64(0);
  audit::record(tx, actor, {"create", "vehicle_standard", id, *find_standard(tx, actor.tenant_id, id)});
  return id;
}

bool update_standard(db::Tx& tx, const audit::Actor& actor, std::int64_t id, const StandardPatch& patch) {
  auto before = find_standard(tx, actor.tenant_id, id);
  if (!before) return false;
  const auto s = select_standards(tx, actor.tenant_id, id).at(0);
  // The rules tie fields together (dates, caps): the merged record is checked whole.
  const StandardFields f{patched(patch.category, s.category),
                         patched(patch.energy_type, s.energy_type),
                         patched(patch.max_displacement_ml, s.max_displacement_ml),
                         patched(patch.max_price_fen, s.max_price_fen),
                         patched(patch.effective_from, s.effective_from),
                         patched(patch.effective_to, s.effective_to),
                         patched(patch.regulation, s.regulation)};
  validate(tx, actor.tenant_id, f);
  tx.query(
      "UPDATE vehicle_standards SET category = $3, energy_type = $4, max_displacement_ml = $5, max_price_fen = $6, "
      "effective_from = $7, effective_to = $8, regulation = $9, updated_at = $10 WHERE tenant_id = $1 AND id = $2",
      actor.tenant_id, id, f.category, f.energy_type, f.max_displacement_ml, f.max_price_fen, f.effective_from, f.effective_to,
      f.regulation, util::now_utc());
  auto changes = audit::diff(*before, *find_standard(tx, actor.tenant_id, id));
  if (!changes.empty()) audit::record(tx, actor, {"update", "vehicle_standard", id, changes});
  return true;
}

}  // namespace jiguan::vehicles
