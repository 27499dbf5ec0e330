// The registry of request types, the built-in general.service, and the limits in force.
#include <algorithm>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <stdexcept>

#include "core/workflow/workflow.hpp"

namespace jiguan::workflow {

std::string_view state_kind_name(StateKind kind) {
  switch (kind) {
    case StateKind::open: return "open";
    case StateKind::waiting: return "waiting";
    case StateKind::closed: return "closed";
  }
  return "open";
}

const std::vector<std::string>& actions() {
  static const std::vector<std::string> names = {"take",    "approve",   "reject",   "return_to_applicant",
                                                 "resume",  "hand_over", "comment",  "withdraw",
                                                 "resolve", "close"};
  return names;
}

const State* RequestType::state(std::string_view state_code) const {
  auto it = std::find_if(states.begin(), states.end(), [&](const State& s) { return s.code == state_code; });
  return it == states.end() ? nullptr : &*it;
}

std::vector<std::string> RequestType::actions_from(std::string_view state_code) const {
  std::vector<std::string> out;
  for (const auto& t : transitions) {
    if (std::find(t.from.begin(), t.from.end(), state_code) != t.from.end() &&
        std::find(out.begin(), out.end(), t.action) == out.end()) {
      out.push_back(t.action);
    }
  }
  return out;
}

namespace {

constexpr const char* kHandle = "requests.handle";

// 一般服务申请: any service asked of the bureau. Taking it must happen within a working day
// (首问负责: whoever is asked answers promptly); handling then has five working days,
// paused while the applicant is asked for more.
RequestType general_service() {
  const std::vector<std::string> not_closed = {"submitted", "in_progress", "waiting_applicant", "resolved"};
  return {"general.service",
          "一般服务申请",
          {{"submitted", "已提交", StateKind::open, TimeLimit{1, LimitUnit::workdays}, kHandle},
           {"in_progress", "办理中", StateKind::open, TimeLimit{5, LimitUnit::workdays}, kHandle},
           {"waiting_applicant", "待申请人补充", StateKind::waiting, std::nullopt, std::string(kApplicant)},
           {"resolved", "已办结待确认", StateKind::open, std::nullopt, std::string(kApplicant)},
           {"closed", "已关闭", StateKind::closed, std::nullopt, "", true},
           {"withdrawn", "已撤回", StateKind::closed, std::nullopt, ""}},
          {{"take", {"submitted"}, "in_progress", kHandle},
           {"return_to_applicant", {"in_progress"}, "waiting_applicant", kHandle},
           {"resume", {"waiting_applicant"}, "in_progress", std::string(kApplicant)},
           {"hand_over", {"in_progress", "waiting_applicant"}, "", kHandle},
           {"resolve", {"in_progress"}, "resolved", kHandle},
           {"close", {"resolved"}, "closed", std::string(kApplicant)},
           {"close", {"resolved"}, "closed", kHandle},
           {"withdraw", not_closed, "withdrawn", std::string(kApplicant)},
           {"comment", not_closed, "", std::string(kApplicant)},
           {"comment", not_closed, "", kHandle}}};
}

void check_type(const RequestType& type) {
  auto fail = [&](const std::string& why) { throw std::logic_error("request type " + type.code + ": " + why); };
  if (type.code.empty() || type.name.empty()) fail("code and name are required");
  if (type.states.empty() || type.states.front().kind != StateKind::open) fail("the first state must be open");
  std::set<std::string> codes;
  for (const auto& s : type.states) {
    if (!codes.insert(s.code).second) fail("duplicate state " + s.code);
    if (s.limit && (s.kind != StateKind::open || s.limit->value <= 0)) fail("state " + s.code + ": bad limit");
  }
  for (const auto& t : type.transitions) {
    if (std::find(actions().begin(), actions().end(), t.action) == actions().end()) fail("unknown action " + t.action);
    if (t.from.empty() || t.actor.empty()) fail(t.action + ": from and actor are required");
    for (const auto& f : t.from) {
      if (!codes.contains(f)) fail(t.action + ": unknown state " + f);
    }
    if (!t.to.empty() && !codes.contains(t.to)) fail(t.action + ": unknown state " + t.to);
    if (t.action == "hand_over" && !t.to.empty()) fail("hand_over keeps the state");
  }
}

struct Registry {
  std::shared_mutex mutex;
  std::map<std::string, RequestType, std::less<>> types;  // nodes never move: pointers stay valid

  void add(RequestType type) {
    check_type(type);
    std::unique_lock lock(mutex);
    const auto code = type.code;
    if (!types.emplace(code, std::move(type)).second) throw std::logic_error("request type " + code + " registered twice");
  }
};

Registry& registry() {
  static Registry r;
  static std::once_flag built_in;
  std::call_once(built_in, [] { r.add(general_service()); });
  return r;
}

}  // namespace

RequestType approval_type(std::string code, std::string name, TimeLimit limit, const std::string& approve_permission,
                          decltype(RequestType::on_state) on_state) {
  const std::string applicant(kApplicant);
  return {std::move(code),
          std::move(name),
          {{"submitted", "待审批", StateKind::open, limit, approve_permission},
           {"approved", "已批准", StateKind::closed, std::nullopt, ""},
           {"rejected", "未批准", StateKind::closed, std::nullopt, ""},
           {"withdrawn", "已撤回", StateKind::closed, std::nullopt, ""}},
          {{"approve", {"submitted"}, "approved", approve_permission},
           {"reject", {"submitted"}, "rejected", approve_permission},
           {"withdraw", {"submitted"}, "withdrawn", applicant},
           {"comment", {"submitted"}, "", applicant},
           {"comment", {"submitted"}, "", approve_permission}},
          std::move(on_state)};
}

void register_request_type(RequestType type) { registry().add(std::move(type)); }

const RequestType* find_request_type(std::string_view code) {
  auto& r = registry();
  std::shared_lock lock(r.mutex);
  auto it = r.types.find(code);
  return it == r.types.end() ? nullptr : &it->second;
}

std::vector<const RequestType*> request_types() {
  auto& r = registry();
  std::shared_lock lock(r.mutex);
  std::vector<const RequestType*> out;
  for (const auto& [code, type] : r.types) out.push_back(&type);
  return out;
}

std::vector<std::string> request_type_permissions() {
  std::set<std::string> permissions;
  for (const auto* type : request_types()) {
    for (const auto& t : type->transitions) {
      if (t.actor != kApplicant) permissions.insert(t.actor);
    }
  }
  return {permissions.begin(), permissions.end()};
}

LimitsInForce LimitsInForce::load(db::Tx& tx, std::int64_t tenant_id) {
  LimitsInForce limits;
  auto rows = tx.query("SELECT type, state, limit_value, limit_unit FROM workflow_type_limits WHERE tenant_id = $1", tenant_id);
  for (const auto& row : rows.rows) {
    if (auto unit = parse_limit_unit(row.text(3))) {
      limits.overrides_[{row.text(0), row.text(1)}] = TimeLimit{static_cast<int>(row.int64(2)), *unit};
    }
  }
  return limits;
}

std::optional<TimeLimit> LimitsInForce::of(const RequestType& type, const State& state) const {
  if (state.kind != StateKind::open) return std::nullopt;
  auto it = overrides_.find({type.code, state.code});
  return it == overrides_.end() ? state.limit : std::optional(it->second);
}

}  // namespace jiguan::workflow
