// What the campaign pages share: the rules of the campaign form, the board's progress,
// the agency pickers.
import type { FormRules } from 'element-plus'
import { listAgencies } from '@/api/endpoints'
import type { Agency, AgencyKind, CampaignUnit } from '@/api/types'

type T = (key: string) => string

export function campaignRules(t: T): FormRules {
  return {
    name: [{ required: true, whitespace: true, message: t('vehicles.campaigns.nameRequired'), trigger: 'blur' }],
    start_date: [{ required: true, message: t('vehicles.rules.date'), trigger: 'change' }],
    handover_deadline: [{ required: true, message: t('vehicles.rules.date'), trigger: 'change' }],
  }
}

/** A unit is done with a vehicle once it is retained, or cancelled and handed over. */
export function unitProgress(u: CampaignUnit): number {
  return u.vehicles ? Math.floor(((u.retained + u.handed_over) * 100) / u.vehicles) : 100
}

/** The active agencies of one kind, for the pickers of the disposal steps. */
export async function activeAgencies(kind: AgencyKind): Promise<Agency[]> {
  return (await listAgencies({ kind, page_size: 100 })).items.filter((a) => a.active)
}
