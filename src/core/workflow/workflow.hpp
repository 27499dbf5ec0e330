// Requests (申请) and the rules of their handling. Request types are declared in code by the
// modules that own them (register_request_type); the actions here move a request between
// their states. Domain rules only; no HTTP here.
//
// Rules:
// - An action is allowed when the request's type declares a transition for it from the
//   request's state; otherwise 409 invalid_transition, naming the actions that state allows.
// - A transition says who may perform it: the applicant, or the holders of a permission
//   ("requests.handle"). A holder acts on an unassigned request or on one assigned to
//   them, never on their own request (no one handles or approves what they asked for);
//   anyone else gets 403.
// - 首问负责制: a holder whose action moves an unassigned request on (take, approve,
//   reject) becomes its handler and, if it has none yet, its first contact (首问负责人),
//   who stays answerable until it closes, through any hand-over.
// - 限时办结制: each step's due instant follows time_limits.hpp; tenants may override a
//   state's limit, which recomputes the due instant of the open requests in that state.
// - Every action writes an append-only request_events row and an audit row, in the
//   caller's transaction; an action that changes the state then runs the type's on_state
//   hook there too, so the owning module's records follow the decision atomically.
// - A request is visible to the caller when it is within their data scope (by the
//   applicant's unit and account), or the caller is its applicant or a current or past
//   handler. Anything else answers 404, like a missing request.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/auth/principal.hpp"
#include "core/calendar/calendar.hpp"
#include "core/db/db.hpp"
#include "core/workflow/time_limits.hpp"

namespace jiguan::workflow {

// The actor of a transition or state that is the request's applicant rather than a permission.
inline constexpr std::string_view kApplicant = "applicant";

std::string_view state_kind_name(StateKind kind);  // "open" | "waiting" | "closed"

struct State {
  std::string code;
  std::string label;
  StateKind kind = StateKind::open;
  std::optional<TimeLimit> limit;  // the step's default limit (open states only); none: no limit
  std::string actor;               // whose turn it is here (inboxes): a permission or "applicant"
  bool rateable = false;           // the applicant may rate the request in this state
};

struct Transition {
  std::string action;             // one of actions()
  std::vector<std::string> from;  // the states it is allowed in
  std::string to;                 // the next state; empty: the state stays (comment, hand_over)
  std::string actor;              // a permission or "applicant"
};

struct Caller;

struct RequestType {
  std::string code;
  std::string name;
  std::vector<State> states;  // the first is where submitted requests start
  std::vector<Transition> transitions;
  // The owning module's reaction to a change of state (e.g. an approved booking becomes
  // confirmed), run by perform_action in its transaction after the request has moved and its
  // event is written; an exception it throws undoes the whole action. comment: the action's.
  // Empty: nothing to do.
  std::function<void(db::Tx&, const Caller&, std::int64_t request_id, const std::string& new_state, const std::string& comment)>
      on_state;

  const State* state(std::string_view state_code) const;
  std::vector<std::string> actions_from(std::string_view state_code) const;  // distinct, in declaration order
};

// The plain approval every module's "ask, then a holder of `approve_permission` decides"
// needs: submitted (within `limit`) → approved | rejected, or withdrawn by the applicant;
// comments on either side while it waits. on_state as in RequestType.
RequestType approval_type(std::string code, std::string name, TimeLimit limit, const std::string& approve_permission,
                          decltype(RequestType::on_state) on_state);

// The actions a transition may name: take approve reject return_to_applicant resume
// hand_over comment withdraw resolve close. (submit creates a request; it is no transition.)
const std::vector<std::string>& actions();

// Throws std::logic_error when the code is taken or the type is inconsistent (unknown
// states or actions, limits on states whose clock does not run, a first state not open).
void register_request_type(RequestType type);
const RequestType* find_request_type(std::string_view code);  // nullptr when unknown
std::vector<const RequestType*> request_types();              // by code
// The permissions the registered types' transitions require (for the role catalogue).
std::vector<std::string> request_type_permissions();

// The limits in force in a tenant: each state's default, unless the tenant overrides it.
class LimitsInForce {
 public:
  static LimitsInForce load(db::Tx& tx, std::int64_t tenant_id);
  std::optional<TimeLimit> of(const RequestType& type, const State& state) const;

 private:
  std::map<std::pair<std::string, std::string>, TimeLimit> overrides_;  // (type, state) → limit
};

// Who acts, for the audit trail, and when.
struct Caller {
  const auth::Principal& who;
  audit::Actor actor;
  Instant now;
};

// SELECT list and joins for RequestView::json(); the request is aliased r.
extern const std::string kRequestColumns;
extern const std::string kRequestFrom;

// SQL conditions on r, their parameters appended to params (numbered after those already
// there): what the caller may see; what waits for the caller (handler: unassigned or theirs
// in a state whose actor permission they hold; applicant: their requests in a state whose
// actor is the applicant); overdue at `now` (the same rule as clock_flags()).
std::string visible_to(const auth::Principal& who, std::vector<db::Value>& params);
std::string waiting_for(const auth::Principal& who, std::vector<db::Value>& params);
std::string overdue_at(Instant now, std::vector<db::Value>& params);

// Turns request rows into JSON with their clock flags; loads the calendar and the limits
// once, for all the rows of one answer.
class RequestView {
 public:
  RequestView(db::Tx& tx, std::int64_t tenant_id, Instant now);
  boost::json::object json(const db::Row& row) const;  // a row selected with kRequestColumns

 private:
  calendar::WorkCalendar calendar_;
  LimitsInForce limits_;
  Instant now_;
};

// The request with its history (oldest first) and the actions the caller may take now;
// nullopt when it does not exist or is not visible to the caller.
std::optional<boost::json::object> request_detail(db::Tx& tx, const Caller& caller, std::int64_t id);

// Every registered type with its states, the limits in force in the tenant, and transitions.
boost::json::array type_catalogue(db::Tx& tx, std::int64_t tenant_id);

struct NewRequest {
  std::string type;
  std::string title;
  std::string body;
};
std::int64_t submit_request(db::Tx& tx, const Caller& caller, const NewRequest& request);

// Validated after the request is found visible, so that an invisible request answers 404
// whatever the body holds.
struct ActionInput {
  std::string action;  // empty: 422 missing_field
  std::string comment;
  std::optional<std::int64_t> to_account_id;  // hand_over: the next handler
};
void perform_action(db::Tx& tx, const Caller& caller, std::int64_t id, const ActionInput& input);

// By the applicant, once, in a rateable state; score 1–5 (nullopt: 422 missing_field).
void rate_request(db::Tx& tx, const Caller& caller, std::int64_t id, std::optional<std::int64_t> score,
                  const std::string& comment);

// Overrides the limit of an open state of a type in the caller's tenant and recomputes the
// due instant of that type's open requests in that state (their start and waiting time
// stay). value: 1–365 working days or 1–2555 working hours. Returns how many were recomputed.
int set_type_limit(db::Tx& tx, const Caller& caller, const std::string& type_code, const std::string& state_code,
                   std::int64_t value, LimitUnit unit);

}  // namespace jiguan::workflow
