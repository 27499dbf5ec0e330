// Inspection campaigns (专项整治: 自查 → 督查 → 整改): typed calls of /api/v1/space/campaigns,
// /findings and /rectifications (docs/api.md "### Campaigns").
import { api } from '@/api/client'
import type { ListQuery } from '@/api/endpoints'
import type { Page } from '@/api/types'
import type { RoomCompliance } from '@/api/space'

const BASE = '/api/v1/space'

export const STAGES = ['draft', 'self_check', 'supervision', 'rectification', 'closed'] as const
export type Stage = (typeof STAGES)[number]
export const SEVERITIES = ['minor', 'major', 'serious'] as const
export type Severity = (typeof SEVERITIES)[number]
export type SelfCheckStatus = 'pending' | 'submitted' | 'late'

export interface Campaign {
  id: number
  name: string
  stage: Stage
  stage_label: string
  self_check_deadline: string
  supervision_deadline: string
  notes: string
  closed_at: string | null
  created_at: string
  units: number
  submitted: number
  findings: number
  rectifications_open: number
  unit_ids?: number[]
  scope?: { unit_id: number; unit_code: string; unit_name: string }[]
}

export interface CampaignInput {
  name: string
  self_check_deadline: string
  supervision_deadline: string
  notes: string
  unit_ids: number[]
}

export interface Figures {
  rooms: number
  area: number
  entitlement: number
  over_standard_rooms: number
}

export interface BoardRow {
  unit_id: number
  unit_code: string
  unit_name: string
  self_check_status: SelfCheckStatus
  saved_at: string | null
  submitted_at: string | null
  submitted_late: boolean
  pledge_signed: boolean
  signer_name: string | null
  figures: Figures | null
  findings: number
  rectifications_open: number
  rectifications_closed: number
  rectifications_overdue: number
}

export interface Board {
  campaign: Campaign
  today: string
  units: BoardRow[]
  totals: Record<'units' | 'submitted' | 'pending' | 'late' | 'findings' | 'open' | 'closed' | 'overdue' | 'over_standard_rooms', number>
}

export interface SelfCheck {
  campaign_id: number
  campaign_name: string
  stage: Stage
  self_check_deadline: string
  unit_id: number
  unit_name: string
  status: SelfCheckStatus
  saved_at: string | null
  live: boolean
  taken_on: string
  rooms: RoomCompliance[]
  figures: Figures
  corrections: string
  room_corrections: Record<string, string>
  pledge: { signed: boolean; signer_name: string | null; signed_at: string | null; sha256: string | null }
}

export interface Finding {
  id: number
  campaign_id: number
  unit_id: number
  unit_name: string
  room_id: number | null
  room_number: string | null
  building: string | null
  description: string
  severity: Severity
  severity_label: string
  has_photo: boolean
  created_at: string
}

export interface FindingInput {
  campaign_id: number
  unit_id: number
  room_id?: number | null
  description: string
  severity: Severity
  photo?: string
}

export interface Rectification {
  id: number
  campaign_id: number
  finding_id: number | null
  unit_id: number
  unit_name: string
  room_id: number | null
  room_number: string | null
  building: string | null
  description: string
  owner_name: string
  due_days: number
  due_date: string
  status: 'open' | 'closed'
  overdue: boolean
  evidence_text: string
  has_evidence_photo: boolean
  evidence_at: string | null
  recheck_note: string
  rechecks: number
  rechecked_at: string | null
  closed_at: string | null
}

export interface RectificationInput {
  campaign_id: number
  finding_id?: number | null
  unit_id?: number | null
  room_id?: number | null
  description: string
  owner_name: string
  due_in_days: number
}

const campaignPath = (id: number) => `${BASE}/campaigns/${id}`
const unitPath = (id: number, unitId: number) => `${campaignPath(id)}/units/${unitId}`

export const CAMPAIGNS_PATH = `${BASE}/campaigns`
export const FINDINGS_PATH = `${BASE}/findings`
export const RECTIFICATIONS_PATH = `${BASE}/rectifications`

export const listCampaigns = (query: ListQuery) => api.get<Page<Campaign>>(CAMPAIGNS_PATH, query)
export const createCampaign = (body: CampaignInput) => api.post<Campaign>(CAMPAIGNS_PATH, body)
export const getCampaign = (id: number) => api.get<Campaign>(campaignPath(id))
export const changeStage = (id: number, stage: Stage) => api.post<Campaign>(`${campaignPath(id)}/stage`, { stage })
export const getBoard = (id: number) => api.get<Board>(`${campaignPath(id)}/board`)

export const getSelfCheck = (id: number, unitId: number) => api.get<SelfCheck>(`${unitPath(id, unitId)}/self-check`)
export const saveSelfCheck = (id: number, unitId: number, body: { corrections: string; room_corrections: { room_id: number; text: string }[] }) =>
  api.put<SelfCheck>(`${unitPath(id, unitId)}/self-check`, body)
export const pledgeUrl = (id: number, unitId: number) => `${unitPath(id, unitId)}/pledge.pdf`
export const signPledge = (id: number, unitId: number, body: { signer_name: string; signature: string }) =>
  api.post<SelfCheck>(`${unitPath(id, unitId)}/pledge`, body)

export const listFindings = (query: ListQuery) => api.get<Page<Finding>>(FINDINGS_PATH, query)
export const addFinding = (body: FindingInput) => api.post<Finding>(FINDINGS_PATH, body)
export const findingPhotoUrl = (id: number) => `${FINDINGS_PATH}/${id}/photo`

export const listRectifications = (query: ListQuery) => api.get<Page<Rectification>>(RECTIFICATIONS_PATH, query)
export const openRectification = (body: RectificationInput) => api.post<Rectification>(RECTIFICATIONS_PATH, body)
export const addEvidence = (id: number, body: { text: string; photo?: string }) =>
  api.post<Rectification>(`${RECTIFICATIONS_PATH}/${id}/evidence`, body)
export const recheck = (id: number, body: { passed: boolean; note: string; due_in_days?: number | null }) =>
  api.post<Rectification>(`${RECTIFICATIONS_PATH}/${id}/recheck`, body)
export const evidencePhotoUrl = (id: number) => `${RECTIFICATIONS_PATH}/${id}/photo`
