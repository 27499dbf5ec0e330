// Meetings happen in Beijing time (UTC+8) whatever the browser's zone: a day is `YYYY-MM-DD`,
// a time of day `HH:mm`, and the server gets ISO instants with the +08:00 offset.

const HOUR = 3600_000
const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-12-01` + `09:30` → `2026-12-01T09:30:00+08:00`. */
export function beijingIso(day: string, time: string): string {
  return `${day}T${time}:00+08:00`
}

/** The Beijing day and time of day of an instant. */
export function beijingParts(iso: string): { day: string; time: string } {
  const b = new Date(new Date(iso).getTime() + 8 * HOUR)
  return {
    day: `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())}`,
    time: `${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`,
  }
}

/** Today in Beijing. */
export function beijingToday(): string {
  return beijingParts(new Date().toISOString()).day
}

/** A day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7
}

/** The Monday of the week of `day`. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day))
}

/** Milliseconds since the Beijing midnight starting `day`. */
export function msIntoDay(iso: string, day: string): number {
  return new Date(iso).getTime() - new Date(`${day}T00:00:00+08:00`).getTime()
}

/** `09:00–11:30` of a booking (both ends in Beijing time). */
export function timeRange(start: string, end: string): string {
  return `${beijingParts(start).time}–${beijingParts(end).time}`
}

/** `2026-12-01 09:00–11:30` (the end's day too when it differs). */
export function whenText(start: string, end: string): string {
  const a = beijingParts(start)
  const b = beijingParts(end)
  return a.day === b.day ? `${a.day} ${a.time}–${b.time}` : `${a.day} ${a.time} – ${b.day} ${b.time}`
}
