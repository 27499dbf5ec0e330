#include "core/workflow/workflow.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/access/roles.hpp"
#include "core/access/scope.hpp"
#include "core/http/api_error.hpp"

namespace jiguan::workflow {
namespace json = boost::json;

const std::string kRequestColumns =
    "r.id, r.type, r.title, r.body, r.state, r.applicant_account_id, ap.display_name, r.applicant_unit_id, au.name, "
    "r.first_contact_account_id, fc.display_name, r.current_handler_account_id, h.display_name, "
    "r.step_started_at, r.paused_seconds, r.paused_since, r.due_at, r.closed_at, r.rating, r.rating_comment, "
    "r.created_at, r.updated_at";
const std::string kRequestFrom =
    " FROM requests r JOIN accounts ap ON ap.tenant_id = r.tenant_id AND ap.id = r.applicant_account_id"
    " LEFT JOIN units au ON au.tenant_id = r.tenant_id AND au.id = r.applicant_unit_id"
    " LEFT JOIN accounts fc ON fc.tenant_id = r.tenant_id AND fc.id = r.first_contact_account_id"
    " LEFT JOIN accounts h ON h.tenant_id = r.tenant_id AND h.id = r.current_handler_account_id";

namespace {

// Positions in kRequestColumns.
enum Column : std::size_t {
  kId, kType, kTitle, kBody, kState, kApplicantId, kApplicantName, kUnitId, kUnitName, kFirstContactId,
  kFirstContactName, kHandlerId, kHandlerName, kStepStarted, kPausedSeconds, kPausedSince, kDue, kClosedAt,
  kRating, kRatingComment, kCreatedAt, kUpdatedAt,
};

http::ApiError missing_field(const std::string& field) {
  return http::ApiError(422, "missing_field", "缺少必填字段 " + field, field);
}

// Actions whose reason the applicant or the record needs.
bool needs_comment(std::string_view action) {
  return action == "comment" || action == "return_to_applicant" || action == "reject";
}

std::string param(std::vector<db::Value>& params, db::Value value) {
  params.push_back(std::move(value));
  return "$" + std::to_string(params.size());
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

Instant instant(const std::string& iso) {
  auto t = parse_instant(iso);
  if (!t) throw std::runtime_error("malformed stored time: " + iso);
  return *t;
}

std::optional<Instant> opt_instant(const db::Row& row, std::size_t i) {
  return row.is_null(i) ? std::nullopt : std::optional(instant(row.text(i)));
}

std::optional<std::string> opt_text(const std::optional<Instant>& t) {
  return t ? std::optional(format_instant(*t)) : std::nullopt;
}

// The clock from four consecutive columns: step_started_at, paused_seconds, paused_since, due_at.
StepClock clock_of(const db::Row& row, std::size_t first) {
  return {instant(row.text(first)), row.int64(first + 1), opt_instant(row, first + 2), opt_instant(row, first + 3)};
}

json::value instant_json(const std::optional<Instant>& t) {
  return t ? json::value(format_instant(*t)) : json::value();
}

json::value person(const db::Row& row, std::size_t id, std::size_t name) {
  if (row.is_null(id)) return nullptr;
  return json::object{{"id", row.int64(id)}, {"name", row.is_null(name) ? "" : row.text(name)}};
}

json::value limit_json(const std::optional<TimeLimit>& limit) {
  if (!limit) return nullptr;
  return json::object{{"value", limit->value}, {"unit", limit_unit_name(limit->unit)}};
}

// What the rules need to know of a request to act on it.
struct Current {
  std::int64_t id = 0;
  const RequestType* type = nullptr;
  const State* state = nullptr;
  std::int64_t applicant = 0;
  std::optional<std::int64_t> first_contact;
  std::optional<std::int64_t> handler;
  StepClock clock;
  bool rated = false;
};

std::optional<db::Row> load_visible(db::Tx& tx, const auth::Principal& who, std::int64_t id) {
  std::vector<db::Value> params{who.tenant_id, id};
  const auto where = " WHERE r.tenant_id = $1 AND r.id = $2 AND " + visible_to(who, params);
  auto r = tx.exec("SELECT " + kRequestColumns + kRequestFrom + where, params);
  if (r.empty()) return std::nullopt;
  return r.rows[0];
}

Current current_of(const db::Row& row) {
  Current c;
  c.id = row.int64(kId);
  c.type = find_request_type(row.text(kType));
  // A type or state that code no longer declares cannot be acted on.
  if (!c.type || !(c.state = c.type->state(row.text(kState)))) {
    throw http::conflict("申请类型 " + row.text(kType) + " 或状态 " + row.text(kState) + " 已不再受支持");
  }
  c.applicant = row.int64(kApplicantId);
  c.first_contact = row.opt_int64(kFirstContactId);
  c.handler = row.opt_int64(kHandlerId);
  c.clock = clock_of(row, kStepStarted);
  c.rated = !row.is_null(kRating);
  return c;
}

Current load_current(db::Tx& tx, const auth::Principal& who, std::int64_t id) {
  auto row = load_visible(tx, who, id);
  if (!row) throw http::not_found("申请");
  return current_of(*row);
}

// The applicant acts as applicant; a permission holder on an unassigned request or their
// own assignment, never on a request they asked for themselves.
bool may_act(const auth::Principal& who, const Current& request, const std::string& actor) {
  if (actor == kApplicant) return who.account_id == request.applicant;
  return who.account_id != request.applicant && who.can(actor) && (!request.handler || *request.handler == who.account_id);
}

const Transition& choose_transition(const auth::Principal& who, const Current& request, const std::string& action) {
  const auto& type = *request.type;
  bool declared = false;
  for (const auto& t : type.transitions) {
    if (t.action != action || std::find(t.from.begin(), t.from.end(), request.state->code) == t.from.end()) continue;
    declared = true;
    if (may_act(who, request, t.actor)) return t;
  }
  if (!declared) {
    const auto allowed = type.actions_from(request.state->code);
    throw http::ApiError(409, "invalid_transition",
                         "申请当前状态为「" + request.state->label + "」，不能执行 " + action + "；可执行：" +
                             (allowed.empty() ? std::string("无") : join(allowed, "、")));
  }
  throw http::forbidden("你不能对该申请执行 " + action);
}

std::vector<std::string> allowed_actions(const auth::Principal& who, const Current& request) {
  std::vector<std::string> out;
  for (const auto& t : request.type->transitions) {
    if (std::find(t.from.begin(), t.from.end(), request.state->code) != t.from.end() && may_act(who, request, t.actor) &&
        std::find(out.begin(), out.end(), t.action) == out.end()) {
      out.push_back(t.action);
    }
  }
  return out;
}

// The next handler of a hand-over: an active account of the tenant, other than the current
// handler and the applicant, whose role grants the transition's permission.
std::int64_t check_next_handler(db::Tx& tx, std::int64_t tenant_id, const Current& request, const Transition& transition,
                                const std::optional<std::int64_t>& to_account_id) {
  if (!to_account_id) throw missing_field("to_account_id");
  auto account = tx.query("SELECT role FROM accounts WHERE tenant_id = $1 AND id = $2 AND active = 1", tenant_id, *to_account_id);
  if (account.empty()) throw http::invalid("to_account_id", "移交对象不存在或已停用");
  if (*to_account_id == request.handler || *to_account_id == request.applicant) {
    throw http::invalid("to_account_id", "不能移交给当前经办人或申请人");
  }
  const auto role = access::find_role(tx, tenant_id, account.one().text(0));
  if (!role || !access::permissions_grant(role->permissions, transition.actor)) {
    throw http::invalid("to_account_id", "移交对象没有 " + transition.actor + " 权限");
  }
  return *to_account_id;
}

void add_event(db::Tx& tx, const Caller& caller, std::int64_t request_id, const std::string& action,
               const std::optional<std::string>& from_state, const std::string& to_state, const std::string& comment,
               const std::optional<std::int64_t>& to_account_id) {
  tx.query("INSERT INTO request_events (tenant_id, request_id, at, actor_account_id, action, from_state, to_state, comment, "
           "to_account_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
           caller.who.tenant_id, request_id, format_instant(caller.now), caller.who.account_id, action, from_state, to_state,
           comment, to_account_id);
}

// Keeps request_pauses in step with the clock: a pause begins or ends with the move.
void record_pause(db::Tx& tx, const Caller& caller, std::int64_t request_id, const StepClock& before, const StepClock& after,
                  std::int64_t ended_pause_work_seconds) {
  const auto now = format_instant(caller.now);
  if (!before.paused_since && after.paused_since) {
    tx.query("INSERT INTO request_pauses (tenant_id, request_id, started_at) VALUES ($1, $2, $3)", caller.who.tenant_id,
             request_id, now);
  } else if (before.paused_since && !after.paused_since) {
    tx.query("UPDATE request_pauses SET ended_at = $3, work_seconds = $4 WHERE tenant_id = $1 AND request_id = $2 AND ended_at IS NULL",
             caller.who.tenant_id, request_id, now, ended_pause_work_seconds);
  }
}

json::object from_to(json::value from, json::value to) { return {{"from", std::move(from)}, {"to", std::move(to)}}; }

json::object type_json(const RequestType& type, const LimitsInForce& limits) {
  json::array states;
  for (const auto& s : type.states) {
    states.push_back(json::object{{"code", s.code},
                                  {"label", s.label},
                                  {"kind", state_kind_name(s.kind)},
                                  {"actor", s.actor.empty() ? json::value() : json::value(s.actor)},
                                  {"rateable", s.rateable},
                                  {"limit", limit_json(limits.of(type, s))},
                                  {"default_limit", limit_json(s.limit)}});
  }
  json::array transitions;
  for (const auto& t : type.transitions) {
    json::array from;
    for (const auto& f : t.from) from.emplace_back(f);
    transitions.push_back(json::object{{"action", t.action},
                                       {"from", std::move(from)},
                                       {"to", t.to.empty() ? json::value() : json::value(t.to)},
                                       {"actor", t.actor}});
  }
  return {{"code", type.code}, {"name", type.name}, {"states", std::move(states)}, {"transitions", std::move(transitions)}};
}

json::array history(db::Tx& tx, std::int64_t tenant_id, std::int64_t request_id) {
  auto rows = tx.query(
      "SELECT e.id, e.at, e.actor_account_id, a.display_name, e.action, e.from_state, e.to_state, e.comment, "
      "e.to_account_id, t.display_name FROM request_events e"
      " JOIN accounts a ON a.tenant_id = e.tenant_id AND a.id = e.actor_account_id"
      " LEFT JOIN accounts t ON t.tenant_id = e.tenant_id AND t.id = e.to_account_id"
      " WHERE e.tenant_id = $1 AND e.request_id = $2 ORDER BY e.id",
      tenant_id, request_id);
  json::array out;
  for (const auto& row : rows.rows) {
    out.push_back(json::object{{"id", row.int64(0)},
                               {"at", row.text(1)},
                               {"actor", person(row, 2, 3)},
                               {"action", row.text(4)},
                               {"from_state", row.is_null(5) ? json::value() : json::value(row.text(5))},
                               {"to_state", row.text(6)},
                               {"comment", row.text(7)},
                               {"to_account", person(row, 8, 9)}});
  }
  return out;
}

}  // namespace

std::string visible_to(const auth::Principal& who, std::vector<db::Value>& params) {
  const auto scoped = access::scope_predicate(who.scope, "r.applicant_unit_id", "r.applicant_account_id", params);
  const auto me = param(params, who.account_id);
  // Past handlers: every account that became the handler is the to_account of an event.
  return "(" + scoped + " OR r.applicant_account_id = " + me + " OR r.current_handler_account_id = " + me +
         " OR r.first_contact_account_id = " + me +
         " OR EXISTS (SELECT 1 FROM request_events e WHERE e.tenant_id = r.tenant_id AND e.request_id = r.id"
         " AND e.to_account_id = " + me + "))";
}

std::string waiting_for(const auth::Principal& who, std::vector<db::Value>& params) {
  // (r.type = $a AND r.state IN ($b, …)) for each type with states of the wanted actor.
  auto states_where = [&](auto wanted) {
    std::vector<std::string> terms;
    for (const auto* type : request_types()) {
      std::vector<std::string> states;
      for (const auto& s : type->states) {
        if (s.kind != StateKind::closed && wanted(s.actor)) states.push_back(param(params, s.code));
      }
      if (!states.empty()) terms.push_back("(r.type = " + param(params, type->code) + " AND r.state IN (" + join(states, ", ") + "))");
    }
    return terms.empty() ? std::string("(1 = 0)") : "(" + join(terms, " OR ") + ")";
  };
  const auto held = states_where([&](const std::string& actor) { return actor != kApplicant && !actor.empty() && who.can(actor); });
  const auto applicants = states_where([](const std::string& actor) { return actor == kApplicant; });
  const auto me = param(params, who.account_id);
  return "(r.closed_at IS NULL AND ((" + held + " AND r.applicant_account_id <> " + me +
         " AND (r.current_handler_account_id IS NULL OR r.current_handler_account_id = " + me + ")) OR (" + applicants +
         " AND r.applicant_account_id = " + me + ")))";
}

std::string overdue_at(Instant now, std::vector<db::Value>& params) {
  // clock_flags(): overdue when the clock (stopped at paused_since while waiting) is past due.
  return "(r.closed_at IS NULL AND r.due_at IS NOT NULL AND r.due_at < COALESCE(r.paused_since, " +
         param(params, format_instant(now)) + "))";
}

RequestView::RequestView(db::Tx& tx, std::int64_t tenant_id, Instant now)
    : calendar_(calendar::load_calendar(tx, tenant_id)), limits_(LimitsInForce::load(tx, tenant_id)), now_(now) {}

json::object RequestView::json(const db::Row& row) const {
  const auto* type = find_request_type(row.text(kType));
  const auto* state = type ? type->state(row.text(kState)) : nullptr;
  const auto limit = state ? limits_.of(*type, *state) : std::nullopt;
  const auto clock = clock_of(row, kStepStarted);
  const auto flags = row.is_null(kClosedAt) ? clock_flags(calendar_, clock, limit, now_) : ClockFlags{};
  return {{"id", row.int64(kId)},
          {"type", row.text(kType)},
          {"type_name", type ? type->name : row.text(kType)},
          {"title", row.text(kTitle)},
          {"body", row.text(kBody)},
          {"state", row.text(kState)},
          {"state_label", state ? state->label : row.text(kState)},
          {"state_kind", state ? json::value(state_kind_name(state->kind)) : json::value()},
          {"applicant", person(row, kApplicantId, kApplicantName)},
          {"applicant_unit", person(row, kUnitId, kUnitName)},
          {"first_contact", person(row, kFirstContactId, kFirstContactName)},
          {"handler", person(row, kHandlerId, kHandlerName)},
          {"step_started_at", row.text(kStepStarted)},
          {"time_limit", limit_json(limit)},
          {"due_at", row.is_null(kDue) ? json::value() : json::value(row.text(kDue))},
          {"paused_seconds", row.int64(kPausedSeconds)},
          {"closed_at", row.is_null(kClosedAt) ? json::value() : json::value(row.text(kClosedAt))},
          {"rating", row.is_null(kRating) ? json::value() : json::value(row.int64(kRating))},
          {"rating_comment", row.is_null(kRatingComment) ? json::value() : json::value(row.text(kRatingComment))},
          {"flags", {{"overdue", flags.overdue}, {"due_soon", flags.due_soon}, {"paused", flags.paused}}},
          {"created_at", row.text(kCreatedAt)},
          {"updated_at", row.text(kUpdatedAt)}};
}

std::optional<json::object> request_detail(db::Tx& tx, const Caller& caller, std::int64_t id) {
  auto row = load_visible(tx, caller.who, id);
  if (!row) return std::nullopt;
  auto out = RequestView(tx, caller.who.tenant_id, caller.now).json(*row);
  out["history"] = history(tx, caller.who.tenant_id, id);
  json::array actions;
  if (auto* type = find_request_type(row->text(kType)); type && type->state(row->text(kState))) {
    for (auto& a : allowed_actions(caller.who, current_of(*row))) actions.emplace_back(a);
  }
  out["allowed_actions"] = std::move(actions);
  return out;
}

json::array type_catalogue(db::Tx& tx, std::int64_t tenant_id) {
  const auto limits = LimitsInForce::load(tx, tenant_id);
  json::array out;
  for (const auto* type : request_types()) out.push_back(type_json(*type, limits));
  return out;
}

std::int64_t submit_request(db::Tx& tx, const Caller& caller, const NewRequest& request) {
  const auto* type = find_request_type(request.type);
  if (!type) {
    std::vector<std::string> codes;
    for (const auto* t : request_types()) codes.push_back(t->code);
    throw http::invalid("type", "未知申请类型 " + request.type + "，可选：" + join(codes, "、"));
  }
  const auto& first = type->states.front();
  const auto calendar = calendar::load_calendar(tx, caller.who.tenant_id);
  const auto clock = start_step(calendar, caller.now, LimitsInForce::load(tx, caller.who.tenant_id).of(*type, first));
  const auto now = format_instant(caller.now);
  const auto id = tx.query("INSERT INTO requests (tenant_id, type, title, body, state, applicant_account_id, applicant_unit_id, "
                           "step_started_at, due_at, created_at, updated_at) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $8) RETURNING id",
                           caller.who.tenant_id, type->code, request.title, request.body, first.code, caller.who.account_id,
                           caller.who.unit_id, now, opt_text(clock.due))
                      .one()
                      .int64(0);
  add_event(tx, caller, id, "submit", std::nullopt, first.code, "", std::nullopt);
  audit::record(tx, caller.actor,
                {"create", "request", id,
                 {{"type", type->code}, {"title", request.title}, {"state", first.code},
                  {"due_at", instant_json(clock.due)}}});
  return id;
}

void perform_action(db::Tx& tx, const Caller& caller, std::int64_t id, const ActionInput& input) {
  const auto& who = caller.who;
  const auto request = load_current(tx, who, id);
  if (input.action.empty()) throw missing_field("action");
  if (std::find(actions().begin(), actions().end(), input.action) == actions().end()) {
    throw http::invalid("action", "未知操作 " + input.action + "，可选：" + join(actions(), "、"));
  }
  const auto& transition = choose_transition(who, request, input.action);
  if (needs_comment(input.action) && input.comment.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw missing_field("comment");
  }
  const State& from = *request.state;
  const State& to = transition.to.empty() ? from : *request.type->state(transition.to);

  // 首问负责: the holder who first moves an unassigned request on answers for it from then on.
  auto handler = request.handler;
  auto first_contact = request.first_contact;
  std::optional<std::int64_t> assigned;
  if (input.action == "hand_over") {
    assigned = check_next_handler(tx, who.tenant_id, request, transition, input.to_account_id);
  } else if (transition.actor != kApplicant && !request.handler && to.code != from.code) {
    assigned = who.account_id;
    if (!first_contact) first_contact = who.account_id;
  }
  if (assigned) handler = assigned;

  StepClock clock = request.clock;
  std::int64_t ended_pause_work_seconds = 0;
  if (to.code != from.code) {
    const auto calendar = calendar::load_calendar(tx, who.tenant_id);
    const auto to_limit = LimitsInForce::load(tx, who.tenant_id).of(*request.type, to);
    clock = enter_state(calendar, request.clock, from.kind, to.kind, to_limit, caller.now, ended_pause_work_seconds);
  }
  const auto now = format_instant(caller.now);
  // Guarded by the state and handler read above: on PostgreSQL a concurrent action on the
  // same request waits for this row and then finds it changed, instead of acting twice.
  const auto updated = tx.query(
      "UPDATE requests SET state = $3, current_handler_account_id = $4, first_contact_account_id = $5, step_started_at = $6, "
      "paused_seconds = $7, paused_since = $8, due_at = $9, closed_at = $10, updated_at = $11 "
      "WHERE tenant_id = $1 AND id = $2 AND state = $12 AND COALESCE(current_handler_account_id, 0) = $13",
      who.tenant_id, id, to.code, handler, first_contact, format_instant(clock.step_started), clock.paused_work_seconds,
      opt_text(clock.paused_since), opt_text(clock.due), to.kind == StateKind::closed ? std::optional(now) : std::nullopt, now,
      from.code, request.handler.value_or(0));
  if (updated.affected == 0) throw http::conflict("该申请刚被他人处理，请刷新后重试");
  record_pause(tx, caller, id, request.clock, clock, ended_pause_work_seconds);
  add_event(tx, caller, id, input.action, from.code, to.code, input.comment, assigned);
  if (to.code != from.code && request.type->on_state) request.type->on_state(tx, caller, id, to.code, input.comment);

  json::object diff;
  if (to.code != from.code) diff["state"] = from_to(json::value(from.code), json::value(to.code));
  if (handler != request.handler) {
    diff["handler"] = from_to(request.handler ? json::value(*request.handler) : json::value(), json::value(*handler));
  }
  if (clock.due != request.clock.due) diff["due_at"] = from_to(instant_json(request.clock.due), instant_json(clock.due));
  if (!input.comment.empty()) diff["comment"] = input.comment;
  audit::record(tx, caller.actor, {input.action, "request", id, std::move(diff)});
}

void rate_request(db::Tx& tx, const Caller& caller, std::int64_t id, std::optional<std::int64_t> score,
                  const std::string& comment) {
  const auto request = load_current(tx, caller.who, id);
  if (!score) throw missing_field("score");
  if (*score < 1 || *score > 5) throw http::invalid("score", "评分应为 1 到 5 的整数");
  if (caller.who.account_id != request.applicant) throw http::forbidden("只有申请人可以评价");
  if (!request.state->rateable) throw http::ApiError(409, "not_rateable", "申请关闭后才能评价");
  if (request.rated) throw http::ApiError(409, "already_rated", "该申请已评价，不能重复评价");
  const auto updated = tx.query(
      "UPDATE requests SET rating = $3, rating_comment = $4, updated_at = $5 WHERE tenant_id = $1 AND id = $2 AND rating IS NULL",
      caller.who.tenant_id, id, *score, comment, format_instant(caller.now));
  if (updated.affected == 0) throw http::ApiError(409, "already_rated", "该申请已评价，不能重复评价");
  add_event(tx, caller, id, "rate", request.state->code, request.state->code, comment, std::nullopt);
  audit::record(tx, caller.actor, {"rate", "request", id, {{"rating", *score}, {"rating_comment", comment}}});
}

int set_type_limit(db::Tx& tx, const Caller& caller, const std::string& type_code, const std::string& state_code,
                   std::int64_t value, LimitUnit unit) {
  const auto tenant_id = caller.who.tenant_id;
  const auto* type = find_request_type(type_code);
  if (!type) throw http::not_found("申请类型");
  const auto* state = type->state(state_code);
  if (!state) throw http::invalid("state", "申请类型 " + type_code + " 没有状态 " + state_code);
  if (state->kind != StateKind::open) throw http::invalid("state", "状态 " + state_code + " 不计时，不能设置时限");
  const int max = unit == LimitUnit::workdays ? 365 : 365 * 7;
  if (value < 1 || value > max) throw http::invalid("value", "时限应为 1 到 " + std::to_string(max) + " 之间的整数");
  const TimeLimit limit{static_cast<int>(value), unit};

  const auto before = LimitsInForce::load(tx, tenant_id).of(*type, *state);
  const auto now = format_instant(caller.now);
  tx.query("INSERT INTO workflow_type_limits (tenant_id, type, state, limit_value, limit_unit, updated_at) "
           "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, type, state) "
           "DO UPDATE SET limit_value = excluded.limit_value, limit_unit = excluded.limit_unit, updated_at = excluded.updated_at",
           tenant_id, type_code, state_code, limit.value, limit_unit_name(limit.unit), now);

  const auto calendar = calendar::load_calendar(tx, tenant_id);
  auto open = tx.query("SELECT id, step_started_at, paused_seconds, paused_since, due_at FROM requests "
                       "WHERE tenant_id = $1 AND type = $2 AND state = $3 AND closed_at IS NULL",
                       tenant_id, type_code, state_code);
  for (const auto& row : open.rows) {
    const auto clock = with_limit(calendar, clock_of(row, 1), limit);
    tx.query("UPDATE requests SET due_at = $3, updated_at = $4 WHERE tenant_id = $1 AND id = $2", tenant_id, row.int64(0),
             opt_text(clock.due), now);
  }
  const auto recomputed = static_cast<int>(open.rows.size());
  audit::record(tx, caller.actor,
                {"set_limit", "workflow_type", std::nullopt,
                 {{"type", type_code}, {"state", state_code}, {"limit", from_to(limit_json(before), limit_json(limit))},
                  {"recomputed", recomputed}}});
  return recomputed;
}

}  // namespace jiguan::workflow
