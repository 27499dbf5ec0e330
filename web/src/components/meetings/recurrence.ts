// The 重复 part of the booking forms: the form's fields and the rule the server takes.
import { ApiError } from '@/api/client'
import type { Recurrence, SeriesPreview } from '@/api/types'

export interface RecurrenceForm {
  freq: Recurrence['freq']
  weekdays: number[]
  end_by: 'until' | 'count'
  until: string
  count: number | undefined
  skip_holidays: boolean
}

export const blankRecurrence = (): RecurrenceForm => ({
  freq: 'weekly',
  weekdays: [],
  end_by: 'until',
  until: '',
  count: 10,
  skip_holidays: false,
})

export function toRecurrence(f: RecurrenceForm): Recurrence {
  const r: Recurrence = { freq: f.freq, skip_holidays: f.skip_holidays }
  if (f.freq === 'weekly') r.weekdays = [...f.weekdays].sort()
  if (f.end_by === 'until') r.until = f.until
  else r.count = f.count
  return r
}

/** The per-date list of a refused series (409 series_conflict), shown like 检查冲突's. */
export function previewOfError(err: unknown): SeriesPreview | null {
  if (!(err instanceof ApiError) || !Array.isArray(err.details.occurrences)) return null
  const occurrences = err.details.occurrences as SeriesPreview['occurrences']
  return { occurrences, skipped: [], conflicts: occurrences.filter((o) => o.status === 'conflict').length }
}
