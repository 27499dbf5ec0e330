// Office space (办公用房): typed calls of /api/v1/space (docs/api.md "## Office space").
// Areas are integer hundredths of m² (1267 = 12.67 m²); days `YYYY-MM-DD`.
import { api } from './client'
import type { ListQuery } from './endpoints'
import type { Page, RequestDetail } from './types'

const BASE = '/api/v1/space'

export const ROOM_USES = ['office', 'service', 'equipment', 'ancillary'] as const
export type RoomUse = (typeof ROOM_USES)[number]
export const SERVICE_KINDS = ['meeting', 'archive', 'reception', 'mail', 'other'] as const
export type ServiceKind = (typeof SERVICE_KINDS)[number]
export const ROOM_STATUSES = ['in_use', 'vacant', 'reserved', 'lent'] as const
export type RoomStatus = (typeof ROOM_STATUSES)[number]
export const COLOURS = ['green', 'amber', 'red', 'grey'] as const
export type Colour = (typeof COLOURS)[number]
export type Grade = 'vacant' | 'unknown' | 'compliant' | 'within_tolerance' | 'amber' | 'red'
export const LEVELS = ['central', 'province', 'city', 'county', 'township'] as const
export type Level = (typeof LEVELS)[number]

// ---- Registry ----

export interface Floor {
  id: number
  building_id: number
  level: number
  name: string
  rooms: number
  room_area: number
}

export interface BuildingInput {
  code: string
  name: string
  address: string
  year_built: number | null
  floors_above: number
  floors_below: number
  total_area: number | null
  usable_area: number | null
  notes: string
}

export interface Building extends BuildingInput {
  id: number
  public_listed: boolean
  rooms: number
  /** Σ the usable area of its rooms. */
  room_area: number
  floors?: Floor[]
}

/** One occupant as the room's verdict lists them: the person's standard and share of the area. */
export interface OccupantShare {
  person_id: number
  name: string
  grade_label: string
  standard_area: number | null
  share_area: number
}

/** An office room judged live (room_compliance_json). */
export interface RoomCompliance {
  room_id: number
  building: string
  floor: string
  number: string
  unit_id: number | null
  unit_name: string
  status: RoomStatus
  area: number
  entitlement: number
  excess_area: number
  excess_permille: number
  grade: Grade
  colour: Colour
  rule: string
  occupants: OccupantShare[]
}

export interface Room {
  id: number
  building_id: number
  building_name: string
  floor_id: number
  floor_name: string
  number: string
  name: string
  usable_area: number
  use: RoomUse
  service_kind: ServiceKind | null
  unit_id: number | null
  unit_name: string | null
  status: RoomStatus
  lent: boolean
  notes: string
  // The live verdict (office rooms; null for the others).
  grade: Grade | null
  colour: Colour | null
  entitlement: number | null
  excess_area: number | null
  excess_permille: number | null
  occupant_names: string[]
}

export interface RoomInput {
  building_id: number | null
  floor_id: number | null
  number: string
  name: string
  usable_area: number
  use: RoomUse
  service_kind: ServiceKind | null
  unit_id: number | null
  status: RoomStatus
  notes: string
}

export interface Occupancy {
  id: number
  room_id: number
  room_number: string
  building_name: string
  person_id: number
  person_name: string
  person_unit_name: string
  room_unit_name: string | null
  rank: string
  rank_label: string | null
  start_date: string
  end_date: string | null
  second_office: boolean
  multi_post_reason: string
  notes: string
}

export interface RoomDetail extends Room {
  compliance: RoomCompliance | null
  occupants: Occupancy[]
  history: Occupancy[]
  flags: SpaceFlag[]
}

export interface OccupancyInput {
  room_id: number
  person_id: number
  start_date?: string
  second_office?: boolean
  multi_post_reason?: string
  notes?: string
}

/** The answer of an assignment or an ending: the room's verdict after the change. */
export interface OccupancyChange {
  occupancy: Occupancy
  /** null when the room is not an office. */
  room: RoomCompliance | null
}

export interface SpaceFlag {
  kind: 'left_unit' | 'second_office_overdue' | 'lent_room' | 'occupied_non_office'
  room_id: number
  room_number: string
  building_name: string
  unit_id: number | null
  unit_name: string
  person_id: number | null
  person_name: string | null
  occupancy_id: number | null
  since: string
  due: string
  message: string
}

export const listBuildings = (query: ListQuery) => api.get<Page<Building>>(`${BASE}/buildings`, query)
export const getBuilding = (id: number) => api.get<Building>(`${BASE}/buildings/${id}`)
export const createBuilding = (body: BuildingInput) => api.post<Building>(`${BASE}/buildings`, body)
export const updateBuilding = (id: number, body: Partial<BuildingInput>) => api.patch<Building>(`${BASE}/buildings/${id}`, body)
export const listFloors = (buildingId: number) => api.get<Page<Floor>>(`${BASE}/buildings/${buildingId}/floors`, { page_size: 200 })

export const listRooms = (query: ListQuery) => api.get<Page<Room>>(`${BASE}/rooms`, query)
export const getRoom = (id: number) => api.get<RoomDetail>(`${BASE}/rooms/${id}`)
export const createRoom = (body: RoomInput) => api.post<Room>(`${BASE}/rooms`, body)
export const updateRoom = (id: number, body: Partial<RoomInput>) => api.patch<Room>(`${BASE}/rooms/${id}`, body)
export const importRooms = (file: Blob, contentType: string) => api.upload<{ imported: number }>(`${BASE}/rooms/import`, file, contentType)
export const ROOMS_TEMPLATE_URL = `${BASE}/rooms/import/template`

export const listOccupancies = (query: ListQuery) => api.get<Page<Occupancy>>(`${BASE}/occupancies`, query)
export const assignOccupant = (body: OccupancyInput) => api.post<OccupancyChange>(`${BASE}/occupancies`, body)
export const endOccupancy = (id: number, endDate?: string) =>
  api.post<OccupancyChange>(`${BASE}/occupancies/${id}/end`, endDate ? { end_date: endDate } : {})

export const listFlags = (query: ListQuery) => api.get<Page<SpaceFlag>>(`${BASE}/flags`, query)

// ---- Standards, settings, compliance, statistics ----

export interface Standard {
  id: number
  code: string
  regulation: string
  level: Level
  rank: string
  rank_label?: string | null
  grade_label: string
  limit_area: number
  effective_from: string
  effective_to: string | null
  builtin: boolean
}

export type StandardInput = Omit<Standard, 'id' | 'builtin' | 'rank_label'>

export interface SpaceSettings {
  level: Level
  standard_code: string | null
  amber_from_pct: number
  red_from_pct: number
  /** The standard judging offices today (GET only). */
  in_force?: StandardInForce | null
}

/** A unit's office area against its entitlement (unit_compliance_json). */
export interface UnitCompliance {
  unit_id: number
  unit_code: string
  unit_name: string
  people: number
  people_without_standard: number
  office_rooms: number
  office_area: number
  entitlement: number
  excess_area: number
  service_area: number
  service_area_per_person: number
  vacant_rooms: number
  over_standard_rooms: number
  grade: Grade
  colour: Colour
}

export interface DistrictFigures {
  rooms: number
  office_rooms: number
  office_area: number
  entitlement: number
  green: number
  amber: number
  red: number
  grey: number
  over_standard_rooms: number
  units_over_entitlement: number
}

/** The standard judging offices on the day, or null when none is in force. */
export interface StandardInForce {
  code: string
  regulation: string
}

export interface Compliance {
  day: string
  standard: StandardInForce | null
  settings: SpaceSettings
  rooms: RoomCompliance[]
  units: UnitCompliance[]
  district: DistrictFigures
}

export interface SpaceStats {
  buildings: number
  rooms: number
  office_rooms: number
  usable_area: number
  office_area: number
  over_standard_rooms: number
  units_over_entitlement: number
  vacant_rooms: number
}

/** One occupant of a leader's office in the leaders' report. */
export interface LeaderOccupant {
  person_id?: number
  name: string
  post: string
  rank?: string
  rank_label: string | null
}

export interface LeaderOffice {
  room_id: number
  number: string
  building: string
  occupants: LeaderOccupant[]
  area: number
  entitlement: number
  grade: Grade
  colour: Colour
  rule: string
}

export const listStandards = (query: ListQuery) => api.get<Page<Standard>>(`${BASE}/standards`, query)
export const createStandard = (body: StandardInput) => api.post<Standard>(`${BASE}/standards`, body)
export const updateStandard = (id: number, body: Partial<StandardInput>) => api.patch<Standard>(`${BASE}/standards/${id}`, body)
export const getSettings = () => api.get<SpaceSettings>(`${BASE}/settings`)
export const putSettings = (body: SpaceSettings) => api.put<SpaceSettings>(`${BASE}/settings`, body)

export const getCompliance = (query: { unit?: number | null; building_id?: number | null } = {}) =>
  api.get<Compliance>(`${BASE}/compliance`, { ...query })
export const listComplianceRooms = (query: ListQuery) => api.get<Page<RoomCompliance>>(`${BASE}/compliance/rooms`, query)
export const listComplianceUnits = (query: ListQuery) => api.get<Page<UnitCompliance>>(`${BASE}/compliance/units`, query)
export const getSpaceStats = () => api.get<SpaceStats>(`${BASE}/stats`)
export const listLeaderOffices = (query: ListQuery) => api.get<Page<LeaderOffice>>(`${BASE}/reports/leaders`, query)

// ---- Space requests (调配申请, workflow type space_request) ----

export const REQUEST_KINDS = ['more', 'less', 'different'] as const
export type RequestKind = (typeof REQUEST_KINDS)[number]

export interface SpaceChange {
  action: 'assign' | 'end'
  person_id?: number | null
  room_id?: number | null
  occupancy_id?: number | null
  effective_date?: string
}

export interface SpaceRequestInput {
  kind: RequestKind
  unit_id: number | null
  reason: string
  changes: SpaceChange[]
}

/** A space request (its id is its workflow request's id too). */
export interface SpaceRequest {
  id: number
  unit_id: number
  unit_name: string
  kind: RequestKind
  kind_label: string
  reason: string
  state: string
  state_label: string
  title: string
  applicant: string
  change_count: number
  applied_at: string | null
  created_at: string
}

export interface SpaceRequestDetail extends SpaceRequest {
  changes: (SpaceChange & {
    position: number
    person_name: string | null
    room_number: string | null
    building: string | null
    result_occupancy_id: number | null
  })[]
  request: RequestDetail
}

export const listSpaceRequests = (query: ListQuery) => api.get<Page<SpaceRequest>>(`${BASE}/requests`, query)
export const getSpaceRequest = (id: number) => api.get<SpaceRequestDetail>(`${BASE}/requests/${id}`)
export const submitSpaceRequest = (body: SpaceRequestInput) => api.post<SpaceRequest>(`${BASE}/requests`, body)
