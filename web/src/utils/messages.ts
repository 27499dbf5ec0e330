import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { ApiError } from '@/api/client'
import { i18n } from '@/i18n'

/** Shows an error with the server's own message (a 401 has already sent the user to login). */
export function showError(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) return
  if (err instanceof DOMException && err.name === 'AbortError') return
  const t = i18n.global.t
  let message = err instanceof Error ? err.message : String(err)
  if (err instanceof ApiError && err.status === 0) message = t('error.network')
  ElMessage.error({ message, duration: 5000, showClose: true })
}

export function showSuccess(message: string): void {
  ElMessage.success({ message, duration: 2500 })
}

/** Beijing time (UTC+8) as `2026-11-28 08:46` for an ISO UTC instant. */
/** A form dialog's save: marks it saving, runs `action` (which returns the success message),
 *  then closes the dialog and reloads its list; a failure shows the server's message and
 *  leaves the dialog open. */
export async function saveDialog(
  dialog: { open: boolean; saving: boolean },
  action: () => Promise<string>,
  reload: () => Promise<void>,
): Promise<void> {
  dialog.saving = true
  try {
    showSuccess(await action())
    dialog.open = false
    await reload()
  } catch (err) {
    showError(err)
  } finally {
    dialog.saving = false
  }
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const b = new Date(d.getTime() + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`
}

/** A local date as `YYYY-MM-DD`. */
export function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
