// Shared bits of the office-space pages: areas (hundredths of m²) as text, the verdict's
// colour as a tag type, and what the user's role may do.
import { computed } from 'vue'
import './space.css'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { Colour, Grade, Room, RoomCompliance } from '@/api/space'

/** "12.67" for 1267; "—" for nothing. */
export function areaText(hundredths: number | null | undefined): string {
  return hundredths === null || hundredths === undefined ? '—' : (hundredths / 100).toFixed(2)
}

/** m² typed in a form (up to 2 decimals) as hundredths. */
export function toHundredths(m2: number | null | undefined): number | null {
  return m2 === null || m2 === undefined ? null : Math.round(m2 * 100)
}

/** "+3.00 m²（+16.7%）" for an excess; empty when there is none. */
export function excessText(excessArea: number | null | undefined, permille: number | null | undefined): string {
  if (!excessArea) return ''
  return `+${areaText(excessArea)} m²（+${((permille ?? 0) / 10).toFixed(1)}%）`
}

/** The excess as ‰ of the entitlement (a unit's figures carry only the m²). */
export const permilleOf = (excess: number, entitlement: number) => (entitlement > 0 ? Math.round((excess * 1000) / entitlement) : 0)

const TAG: Record<Colour, 'success' | 'warning' | 'danger' | 'info'> = { green: 'success', amber: 'warning', red: 'danger', grey: 'info' }
export const colourTag = (colour: Colour | null | undefined) => TAG[colour ?? 'grey']

export function gradeText(grade: Grade | null | undefined): string {
  return grade ? i18n.global.t(`space.grade.${grade}`) : '—'
}

/** A room row's class by its verdict (office rooms only), for the coloured tables. */
export function rowColourClass({ row }: { row: { colour?: Colour | null } }): string {
  return row.colour ? `space-row-${row.colour}` : ''
}

/** The room's verdict fields from an answer (room_compliance_json) copied onto a list row. */
export function applyVerdict(row: Room, verdict: RoomCompliance): void {
  Object.assign(row, {
    grade: verdict.grade,
    colour: verdict.colour,
    entitlement: verdict.entitlement,
    excess_area: verdict.excess_area,
    excess_permille: verdict.excess_permille,
    occupant_names: verdict.occupants.map((o) => o.name),
  })
}

/** A form rule: the field (its label's i18n key) must be filled. */
export function requiredRule(labelKey: string) {
  const t = i18n.global.t
  return [{ required: true, message: t('space.form.required', { field: t(labelKey) }), trigger: 'blur' }]
}

export function useSpacePerms() {
  const auth = useAuthStore()
  return {
    canManage: computed(() => auth.can('space.manage')),
    canStandards: computed(() => auth.can('space.standards')),
  }
}
