// Shared wording of the vehicles module: the measure of a standard's field, and a
// violation as a sentence (the registry's tooltip and the vehicle page say the same).
import { i18n } from '@/i18n'
import type { StandardViolation } from '@/api/types'
import { formatFen } from '@/utils/money'

/** A displacement or price in its unit: `1,800 ml` / `¥180,000.00`. */
export function measure(field: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  if (field.endsWith('_fen')) return formatFen(value)
  return i18n.global.t('vehicles.ml', { n: value.toLocaleString('en-US') })
}

export function violationText(v: StandardViolation): string {
  const t = i18n.global.t
  return t('vehicles.standard.violation', {
    field: t(`vehicles.field.${v.field}`),
    actual: measure(v.field, v.actual),
    limit: measure(v.field, v.limit),
  })
}
