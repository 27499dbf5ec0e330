// Shapes of the server's JSON (see the API contract in the issue "Foundation").

export interface Tenant {
  code: string
  name: string
}

export interface User {
  id: number
  username: string
  display_name: string
  role: string
  unit_id: number | null
  tenant: Tenant
  /** The role's permissions and patterns ("*", "org.*", "*.read"). */
  permissions: string[]
}

export interface Health {
  status: string
  db: 'sqlite' | 'postgresql' | string
  version: string
}

export const UNIT_KINDS = ['bureau', 'section', 'department', 'sector'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export interface Unit {
  id: number
  code: string
  name: string
  kind: UnitKind
  parent_id: number | null
  /** In list answers: the parent's name, so the table needs no second request. */
  parent_name?: string | null
  sort_order: number
  active: boolean
}

export interface UnitNode extends Unit {
  children: UnitNode[]
}

export interface Page<T> {
  items: T[]
  total: number
}

// ---- Accounts, roles, permissions ----

export interface Account {
  id: number
  username: string
  display_name: string
  role: string
  unit_id: number | null
  active: boolean
  locked_until: string | null
  created_at?: string
  updated_at?: string
}

export const DATA_SCOPES = ['all', 'unit_and_below', 'unit', 'self'] as const
export type DataScope = (typeof DATA_SCOPES)[number]

export interface Role {
  id: number
  code: string
  name: string
  /** Permissions (`org.read`) or patterns (`*`, `org.*`, `*.read`). */
  permissions: string[]
  data_scope: DataScope
  builtin: boolean
  created_at?: string
  updated_at?: string
}

export interface Permission {
  code: string
  module: string
  action: string
}

// ---- Audit ----

export interface AuditEntry {
  id: number
  at: string
  actor_account_id: number | null
  actor: string
  action: string
  entity: string
  entity_id: number | null
  /** `{"field":{"from":…,"to":…}}` for changes, or the created record. */
  diff: Record<string, unknown>
  request_id: string
  client_addr: string
  hash: string
}

export interface AuditVerify {
  ok: boolean
  checked: number
  first_bad_id?: number
}

// ---- Calendar ----

export interface CalendarDay {
  date: string
  /** true: a day off (holiday); false: a make-up working day. */
  off: boolean
  name: string
}

export interface CalendarYear {
  year: number
  days: CalendarDay[]
  workdays: number
  source: 'shipped' | 'tenant' | 'mixed' | string
}

// ---- People, sectors, dictionaries ----

export interface PersonPost {
  id: number
  unit_id: number
  unit_code: string
  unit_name: string
  post: string
  rank: string
  rank_label: string | null
  is_primary: boolean
  active_post: boolean
  start_date: string | null
  end_date: string | null
}

export interface Person {
  id: number
  name: string
  gender: string | null
  unit_id: number
  unit_code: string
  unit_name: string
  rank: string
  rank_label: string | null
  post: string
  phone: string
  active: boolean
  created_at: string
  updated_at: string
  posts?: PersonPost[]
}

export interface Sector {
  id: number
  code: string
  name: string
  sort_order: number
  active: boolean
  lead_unit_id: number | null
  lead_unit_code: string | null
  lead_unit_name: string | null
  department_count: number
}

export interface DictionaryItem {
  id: number
  value: string
  label: string
  sort_order: number
  active: boolean
}

export interface Dictionary {
  id: number
  code: string
  name: string
  builtin: boolean
  item_count: number
  items?: DictionaryItem[]
}

export interface ImportRowError {
  row: number
  column: string
  message: string
}

// ---- Requests (workflow) ----

export interface TimeLimit {
  value: number
  unit: 'workdays' | 'workhours' | string
}

export interface WorkflowType {
  code: string
  name: string
  states: { code: string; label: string; kind: string; actor: string | null; rateable: boolean; limit: TimeLimit | null }[]
  transitions: { action: string; from: string[]; to: string | null; actor: string }[]
}

export interface NamedRef {
  id: number
  name: string
}

export interface RequestSummary {
  id: number
  type: string
  type_name: string
  title: string
  body: string
  state: string
  state_label: string
  state_kind: 'open' | 'waiting' | 'closed' | string | null
  applicant: NamedRef
  applicant_unit: NamedRef | null
  first_contact: NamedRef | null
  handler: NamedRef | null
  step_started_at: string
  time_limit: TimeLimit | null
  due_at: string | null
  paused_seconds: number
  closed_at: string | null
  rating: number | null
  rating_comment: string | null
  flags: { overdue: boolean; due_soon: boolean; paused: boolean }
  created_at: string
  updated_at: string
}

export interface RequestEvent {
  id: number
  at: string
  actor: NamedRef | null
  action: string
  from_state: string | null
  to_state: string
  comment: string
  to_account: NamedRef | null
}

export interface RequestDetail extends RequestSummary {
  history: RequestEvent[]
  allowed_actions: string[]
}
