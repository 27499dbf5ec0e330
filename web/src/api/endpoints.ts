import { api, withQuery, type Query } from './client'
import type {
  Account,
  AuditEntry,
  AuditVerify,
  CalendarDay,
  CalendarYear,
  DataScope,
  Dictionary,
  Health,
  Page,
  Permission,
  Person,
  RequestDetail,
  RequestSummary,
  Role,
  Sector,
  Unit,
  UnitKind,
  UnitNode,
  User,
  WorkflowType,
} from './types'

export const getHealth = () => api.get<Health>('/healthz', undefined, { redirectOn401: false })

export const login = (username: string, password: string) =>
  api.post<{ user: User }>('/api/v1/auth/login', { username, password }, { redirectOn401: false })

export const logout = () => api.post<void>('/api/v1/auth/logout', undefined, { redirectOn401: false })

export const getMe = () => api.get<{ user: User }>('/api/v1/auth/me', undefined, { redirectOn401: false })

export const getUnitTree = () => api.get<{ items: UnitNode[] }>('/api/v1/units/tree')

export interface UnitQuery {
  q?: string
  kind?: UnitKind | ''
  page: number
  page_size: number
  sort?: string
}

export const listUnits = (query: UnitQuery) => api.get<Page<Unit>>('/api/v1/units', { ...query })

// ---- Lists: the common query and the export link ----

export interface ListQuery {
  q?: string
  page?: number
  page_size?: number
  sort?: string
  [key: string]: string | number | boolean | null | undefined
}

/** The list's own URL with its filters and `format=xlsx` (no paging): for an <a download>. */
export function exportUrl(path: string, query: Query = {}): string {
  const { page: _page, page_size: _size, ...filters } = query
  return withQuery(path, { ...filters, format: 'xlsx' })
}

// ---- Accounts, roles, permissions ----

export const listAccounts = (query: ListQuery) => api.get<Page<Account>>('/api/v1/accounts', query)
export interface NewAccount {
  username: string
  display_name: string
  role: string
  unit_id: number | null
  password: string
}
export const createAccount = (body: NewAccount) => api.post<Account>('/api/v1/accounts', body)

export const listRoles = (query: ListQuery) => api.get<Page<Role>>('/api/v1/roles', query)
export interface RoleInput {
  code?: string
  name?: string
  permissions?: string[]
  data_scope?: DataScope
}
export const createRole = (body: RoleInput) => api.post<Role>('/api/v1/roles', body)
export const updateRole = (id: number, body: RoleInput) => api.patch<Role>(`/api/v1/roles/${id}`, body)
export const listPermissions = () => api.get<Page<Permission>>('/api/v1/permissions')

// ---- Audit ----

export const listAudit = (query: ListQuery) => api.get<Page<AuditEntry>>('/api/v1/audit', query)
export const verifyAudit = () => api.get<AuditVerify>('/api/v1/audit/verify')

// ---- Calendar ----

export const getCalendarYear = (year: number) => api.get<CalendarYear>(`/api/v1/calendar/${year}`)
export const putCalendarYear = (year: number, days: CalendarDay[]) =>
  api.put<CalendarYear>(`/api/v1/calendar/${year}`, { days })
export const addWorkdays = (from: string, days: number) =>
  api.get<{ from: string; days: number; date: string }>('/api/v1/calendar/workdays', { from, days })

// ---- People, sectors, dictionaries ----

export const listPeople = (query: ListQuery) => api.get<Page<Person>>('/api/v1/people', query)
export interface PersonInput {
  name?: string
  gender?: string | null
  unit_id?: number
  rank?: string
  post?: string
  phone?: string
}
export const createPerson = (body: PersonInput) => api.post<Person>('/api/v1/people', body)
export const updatePerson = (id: number, body: PersonInput) => api.patch<Person>(`/api/v1/people/${id}`, body)
export const deactivatePerson = (id: number) => api.post<Person>(`/api/v1/people/${id}/deactivate`)
export const importPeople = (file: Blob, contentType: string) =>
  api.upload<{ imported: number }>('/api/v1/people/import', file, contentType)
export const PEOPLE_TEMPLATE_URL = '/api/v1/people/import/template'

export const listSectors = (query: ListQuery) => api.get<Page<Sector>>('/api/v1/sectors', query)
export const setSectorLead = (id: number, leadUnitId: number | null) =>
  api.put<Sector>(`/api/v1/sectors/${id}/lead`, { lead_unit_id: leadUnitId })

export const listDictionaries = (query: ListQuery) => api.get<Page<Dictionary>>('/api/v1/dictionaries', query)
export const getDictionary = (code: string) => api.get<Dictionary>(`/api/v1/dictionaries/${encodeURIComponent(code)}`)
export const addDictionaryItem = (code: string, body: { value: string; label: string; sort_order?: number }) =>
  api.post<Dictionary>(`/api/v1/dictionaries/${encodeURIComponent(code)}/items`, body)
export const updateDictionaryItem = (code: string, id: number, body: { label?: string; sort_order?: number; active?: boolean }) =>
  api.patch<Dictionary>(`/api/v1/dictionaries/${encodeURIComponent(code)}/items/${id}`, body)

// ---- Requests (workflow) ----

export const listWorkflowTypes = () => api.get<{ items: WorkflowType[] }>('/api/v1/workflow/types')
export const listInbox = (query: ListQuery) => api.get<Page<RequestSummary>>('/api/v1/inbox', query)
export const listRequests = (query: ListQuery) => api.get<Page<RequestSummary>>('/api/v1/requests', query)
export const getRequest = (id: number) => api.get<RequestDetail>(`/api/v1/requests/${id}`)
export const submitRequest = (body: { type: string; title: string; body?: string }) =>
  api.post<RequestDetail>('/api/v1/requests', body)
export const requestAction = (id: number, body: { action: string; comment?: string; to_account_id?: number }) =>
  api.post<RequestDetail>(`/api/v1/requests/${id}/actions`, body)
