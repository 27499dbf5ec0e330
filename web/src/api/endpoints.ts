import { api, withQuery, type Query } from './client'
import type {
  Account,
  MailDay,
  MailDispatch,
  MailEvent,
  MailExplanation,
  MailItem,
  MailKind,
  MailSlot,
  MailStats,
  SecrecyLevel,
  AppNotification,
  Booking,
  MeetingFeeds,
  MeetingRoom,
  MeetingSeries,
  MeetingServices,
  MeetingStats,
  MeetingTask,
  MeetingType,
  Recurrence,
  RoomCalendar,
  RoomLayout,
  SeriesPreview,
  Timeline,
  Agency,
  AgencyKind,
  AuctionBatch,
  AuctionBatchDetail,
  AuctionLot,
  AuditEntry,
  AuditVerify,
  CalendarDay,
  CalendarYear,
  Campaign,
  CampaignStats,
  CampaignUnit,
  CampaignVehicle,
  DataScope,
  Dictionary,
  EnergyType,
  FleetReport,
  Health,
  Page,
  Permission,
  Person,
  Remittance,
  RemittanceLedger,
  RequestDetail,
  RequestSummary,
  Role,
  Sector,
  SectorVehicles,
  Unit,
  UnitKind,
  UnitNode,
  User,
  Vehicle,
  VehicleAllocation,
  VehicleEvent,
  VehicleQuota,
  VehicleStandard,
  VehicleStatus,
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

// ---- Official vehicles (公务用车) ----

const V = '/api/v1/vehicles'

export interface VehicleInput {
  plate?: string
  brand_model?: string
  category?: string
  energy_type?: EnergyType
  displacement_ml?: number
  seats?: number
  vin?: string
  engine_no?: string
  purchase_date?: string
  purchase_price_fen?: number
  funding_source?: string
  owner_unit_id?: number
  odometer_km?: number
  notes?: string
}

export const listVehicles = (query: ListQuery) => api.get<Page<Vehicle>>(V, query)
export const getVehicle = (id: number) => api.get<Vehicle>(`${V}/${id}`)
export const createVehicle = (body: VehicleInput) => api.post<Vehicle>(V, body)
export const updateVehicle = (id: number, body: VehicleInput) => api.patch<Vehicle>(`${V}/${id}`, body)
export const listVehicleEvents = (id: number) => api.get<Page<VehicleEvent>>(`${V}/${id}/events`)
export const changeVehicleStatus = (id: number, body: { to_status: VehicleStatus; reason: string; happened_on?: string }) =>
  api.post<Vehicle>(`${V}/${id}/status`, body)
export const importVehicles = (file: Blob, contentType: string) => api.upload<{ imported: number }>(`${V}/import`, file, contentType)
export const VEHICLES_TEMPLATE_URL = `${V}/import/template`

export interface StandardInput {
  category?: string
  energy_type?: EnergyType | null
  max_displacement_ml?: number | null
  max_price_fen?: number | null
  effective_from?: string
  effective_to?: string | null
  regulation?: string
}
export const listStandards = (query: ListQuery) => api.get<Page<VehicleStandard>>('/api/v1/vehicle-standards', query)
export const createStandard = (body: StandardInput) => api.post<VehicleStandard>('/api/v1/vehicle-standards', body)
export const updateStandard = (id: number, body: StandardInput) => api.patch<VehicleStandard>(`/api/v1/vehicle-standards/${id}`, body)

export const listQuotas = (query: ListQuery) => api.get<Page<VehicleQuota>>('/api/v1/vehicle-quotas', query)
export const setQuota = (unitId: number, quota: number) => api.put<VehicleQuota>(`/api/v1/vehicle-quotas/${unitId}`, { quota })

export const getFleetReport = (query: ListQuery) => api.get<FleetReport>(`${V}/report`, query)

// Reform campaigns (车改)
export interface CampaignInput {
  name?: string
  start_date?: string
  handover_deadline?: string
  notes?: string
  unit_ids?: number[]
}
export const listCampaigns = (query: ListQuery) => api.get<Page<Campaign>>(`${V}/campaigns`, query)
export const getCampaign = (id: number) => api.get<Campaign>(campaignPath(id))
export const createCampaign = (body: CampaignInput) => api.post<Campaign>(`${V}/campaigns`, body)
export const updateCampaign = (id: number, body: CampaignInput) => api.patch<Campaign>(campaignPath(id), body)
export const addCampaignUnits = (id: number, unitIds: number[]) => api.post<Campaign>(campaignPath(id, 'units'), { unit_ids: unitIds })
export const closeCampaign = (id: number) => api.post<Campaign>(`${campaignPath(id)}/close`)
/** A campaign's URL, or one of its lists' (`units`, `vehicles`, `batches`, `remittances`). */
export const campaignPath = (id: number, list?: 'units' | 'vehicles' | 'batches' | 'remittances') =>
  `${V}/campaigns/${id}${list ? `/${list}` : ''}`
export const listCampaignUnits = (id: number, query: ListQuery) => api.get<Page<CampaignUnit>>(campaignPath(id, 'units'), query)
export const listCampaignVehicles = (id: number, query: ListQuery) => api.get<Page<CampaignVehicle>>(campaignPath(id, 'vehicles'), query)

/** The per-vehicle reform steps, each `POST …/campaigns/{id}/vehicles/{vehicle_id}/{step}`. */
export type CampaignStep = 'decision' | 'seal' | 'hand-over' | 'appraisal' | 'scrap'
export const campaignStep = (id: number, vehicleId: number, step: CampaignStep, body: object) =>
  api.post<CampaignVehicle>(`${campaignPath(id, 'vehicles')}/${vehicleId}/${step}`, body)

export interface AgencyInput {
  kind?: AgencyKind
  name?: string
  contract_no?: string
  contact?: string
  phone?: string
  active?: boolean
}
export const listAgencies = (query: ListQuery) => api.get<Page<Agency>>(`${V}/agencies`, query)
export const createAgency = (body: AgencyInput) => api.post<Agency>(`${V}/agencies`, body)
export const updateAgency = (id: number, body: AgencyInput) => api.patch<Agency>(`${V}/agencies/${id}`, body)

// Auctions, remittances, statistics
export interface BatchInput {
  batch_no?: number
  auction_house_id: number
  platform: string
  starts_on: string
  ends_on: string
}
export const listBatches = (campaignId: number, query: ListQuery = {}) =>
  api.get<Page<AuctionBatch>>(campaignPath(campaignId, 'batches'), query)
export const createBatch = (campaignId: number, body: BatchInput) => api.post<AuctionBatch>(campaignPath(campaignId, 'batches'), body)
export const getBatch = (id: number) => api.get<AuctionBatchDetail>(`${V}/batches/${id}`)
export const addLot = (batchId: number, body: { vehicle_id: number; reserve_price_fen: number; reserve_approval?: string }) =>
  api.post<AuctionLot>(`${V}/batches/${batchId}/lots`, body)
export const batchAction = (id: number, action: 'open' | 'settle') => api.post<AuctionBatchDetail>(`${V}/batches/${id}/${action}`)
export interface LotBodies {
  result: { result: 'sold' | 'unsold'; hammer_price_fen?: number; buyer?: string }
  payment: { payment_received_fen: number; paid_on: string }
  transfer: { ownership_transferred_on: string }
}
export const lotAction = <K extends keyof LotBodies>(lotId: number, action: K, body: LotBodies[K]) =>
  api.post<AuctionLot>(`${V}/lots/${lotId}/${action}`, body)

export const listRemittances = (campaignId: number, query: ListQuery = {}) =>
  api.get<RemittanceLedger>(campaignPath(campaignId, 'remittances'), query)
export const addRemittance = (campaignId: number, body: { remitted_on: string; amount_fen: number; voucher_no: string; notes?: string }) =>
  api.post<Remittance>(campaignPath(campaignId, 'remittances'), body)

export const getVehicleStats = (campaignId: number) => api.get<CampaignStats>(`${V}/stats`, { campaign: campaignId })

// Sector allocation (口)
export const listAllocations = (query: ListQuery) => api.get<Page<VehicleAllocation>>(`${V}/allocations`, query)
export const listAllocationsBySector = () => api.get<Page<SectorVehicles>>(`${V}/allocations/by-sector`)
export const allocateVehicle = (id: number, body: { sector_id: number; effective_from: string; reason?: string }) =>
  api.post<VehicleAllocation>(`${V}/${id}/allocation`, body)
export const endAllocation = (id: number, body: { effective_to: string; reason?: string }) =>
  api.post<VehicleAllocation>(`${V}/${id}/allocation/end`, body)

// ---- Meetings (会议保障) ----

const M = '/api/v1/meetings'

export interface RoomInput {
  building?: string
  floor?: string
  room_no?: string
  name?: string
  capacity?: number
  layout?: RoomLayout
  equipment?: string[]
  bookable?: boolean
  booking_roles?: string[]
  needs_approval?: boolean
  setup_minutes?: number
  cleanup_minutes?: number
  active?: boolean
  notes?: string
  part_ids?: number[]
}
export const listRooms = (query: ListQuery) => api.get<Page<MeetingRoom>>(`${M}/rooms`, query)
export const getRoom = (id: number) => api.get<MeetingRoom>(`${M}/rooms/${id}`)
export const createRoom = (body: RoomInput) => api.post<MeetingRoom>(`${M}/rooms`, body)
export const updateRoom = (id: number, body: RoomInput) => api.patch<MeetingRoom>(`${M}/rooms/${id}`, body)
export const availableRooms = (query: { from: string; to: string; attendees?: number }) =>
  api.get<{ items: MeetingRoom[] }>(`${M}/rooms/available`, query)
export const getRoomCalendar = (id: number, month: string) => api.get<RoomCalendar>(`${M}/rooms/${id}/calendar`, { month })
export const getTimeline = (date: string, days: number) => api.get<Timeline>(`${M}/timeline`, { date, days })
export const getFeeds = () => api.get<MeetingFeeds>(`${M}/feeds`)
export const resetFeeds = () => api.post<MeetingFeeds>(`${M}/feeds/reset`)

/** A booking's fields (POST /bookings; PATCH takes any of them with `scope`). */
export interface BookingInput {
  room_id?: number
  title?: string
  host_unit_id?: number
  chair?: string
  attendees?: number
  start?: string
  end?: string
  meeting_type?: MeetingType
  services?: MeetingServices
  notes?: string
}
export type EditScope = 'one' | 'following' | 'all'
export const listBookings = (query: ListQuery) => api.get<Page<Booking>>(`${M}/bookings`, query)
export const getBooking = (id: number) => api.get<Booking>(`${M}/bookings/${id}`)
export const createBooking = (body: BookingInput) => api.post<Booking>(`${M}/bookings`, body)
export const updateBooking = (id: number, body: BookingInput & { scope: EditScope; recurrence?: Recurrence }) =>
  api.patch<Booking | MeetingSeries>(`${M}/bookings/${id}`, body)
export const cancelBooking = (id: number, body: { reason: string; scope?: EditScope }) =>
  api.post<Booking>(`${M}/bookings/${id}/cancel`, body)
export const checkInBooking = (id: number) => api.post<Booking>(`${M}/bookings/${id}/check-in`)
export const repeatBooking = (id: number, body: { recurrence: Recurrence; skip_conflicts?: boolean }) =>
  api.post<MeetingSeries>(`${M}/bookings/${id}/repeat`, body)

/** A series: the booking template with the first occurrence's times and the rule. */
export type SeriesInput = Omit<BookingInput, 'start' | 'end'> & {
  first_start: string
  first_end: string
  recurrence: Recurrence
  skip_conflicts?: boolean
}
export const previewSeries = (body: SeriesInput) => api.post<SeriesPreview>(`${M}/series/preview`, body)
export const createSeries = (body: SeriesInput) => api.post<MeetingSeries>(`${M}/series`, body)
export const getSeries = (id: number) => api.get<MeetingSeries>(`${M}/series/${id}`)

export const listMeetingTasks = (query: ListQuery) => api.get<Page<MeetingTask>>(`${M}/tasks`, query)
export const finishMeetingTask = (id: number) => api.post<MeetingTask>(`${M}/tasks/${id}/done`)
export const getMeetingStats = (query: { from: string; to: string }) => api.get<MeetingStats>(`${M}/stats`, query)

// ---- Notifications ----

export const listNotifications = (query: ListQuery) =>
  api.get<Page<AppNotification> & { unread: number }>('/api/v1/notifications', query)
export const readNotification = (id: number) => api.post<AppNotification>(`/api/v1/notifications/${id}/read`)
export const readAllNotifications = () => api.post<{ marked: number }>('/api/v1/notifications/read-all')

// ---- Mail room (收发室) ----

const ML = '/api/v1/mail'

export interface MailItemInput {
  kind: MailKind
  direction: 'in' | 'out'
  tracking_no?: string
  count?: number
  sender?: string
  sender_unit_id?: number | null
  addressee_unit_id?: number | null
  addressee?: string
  secrecy_level?: SecrecyLevel
  envelope_no?: string
  sending_organ?: string
  slot_id?: number | null
  notes?: string
}
export const listMailItems = (query: ListQuery) => api.get<Page<MailItem>>(`${ML}/items`, query)
export const getMailItem = (id: number) => api.get<MailItem>(`${ML}/items/${id}`)
export const createMailItem = (body: MailItemInput) => api.post<MailItem>(`${ML}/items`, body)
export const lookupMail = (code: string) => api.get<MailItem>(`${ML}/lookup`, { code })
export const listMailEvents = (id: number) => api.get<{ items: MailEvent[] }>(`${ML}/items/${id}/events`)
export const listMailWaiting = (query: ListQuery) => api.get<Page<MailItem>>(`${ML}/waiting`, query)
export const mailSignatureUrl = (id: number) => `${ML}/items/${id}/signature`
export const mailLabelsUrl = (query: { items?: string; slots?: string; received_on?: string }) => withQuery(`${ML}/labels.pdf`, query)

/** Two people confirm a confidential transfer, each with their own credential. */
export interface TwoPersonInput {
  handing_password: string
  receiver: { username: string; password: string }
}
export type MailSignature = { method: 'drawn'; image: string } | { method: 'pin'; username: string; password: string }
export type DeliverInput = { receiver_name?: string; signature?: MailSignature; note?: string } | (TwoPersonInput & { receiver_name?: string; note?: string })
export const notifyMail = (id: number) => api.post<MailItem>(`${ML}/items/${id}/notify`)
export const deliverMail = (id: number, body: DeliverInput) => api.post<MailItem>(`${ML}/items/${id}/deliver`, body)
export const handoverMail = (id: number, body: TwoPersonInput & { note?: string }) => api.post<MailItem>(`${ML}/items/${id}/handover`, body)
export const returnMail = (id: number, reason: string) => api.post<MailItem>(`${ML}/items/${id}/return`, { reason })
export const forwardMail = (id: number, to: string, reason: string) => api.post<MailItem>(`${ML}/items/${id}/forward`, { to, reason })
export const correctMailEvent = (id: number, eventId: number, note: string) =>
  api.post<MailEvent>(`${ML}/items/${id}/events/${eventId}/correct`, { note })

export const listMailSlots = (query: ListQuery) => api.get<Page<MailSlot>>(`${ML}/slots`, query)
export const createMailSlot = (body: { code: string; name: string }) => api.post<MailSlot>(`${ML}/slots`, body)
export const updateMailSlot = (id: number, body: { code?: string; name?: string; active?: boolean }) =>
  api.patch<MailSlot>(`${ML}/slots/${id}`, body)

export interface MailCloseInput {
  present: string[]
  counted: Record<string, number>
  explanations: MailExplanation[]
}
export const getMailDay = (day: string) => api.get<MailDay>(`${ML}/days/${day}`)
export const closeMailDay = (day: string, body: MailCloseInput) => api.post<MailDay>(`${ML}/days/${day}/close`, body)
export const listMailDays = (query: ListQuery) => api.get<Page<MailDay>>(`${ML}/days`, query)

export const listMailDispatches = (query: ListQuery) => api.get<Page<MailDispatch>>(`${ML}/dispatches`, query)
export const createMailDispatch = (body: { carrier: string; item_ids: number[]; tracking_numbers?: Record<string, string>; notes?: string }) =>
  api.post<MailDispatch>(`${ML}/dispatches`, body)
export const getMailStats = (query: { from: string; to: string }) => api.get<MailStats>(`${ML}/stats`, query)
