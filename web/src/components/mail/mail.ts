// Shared pieces of the mail room (收发室) pages: the permissions (mail.confidential is granted
// by name only, never by a wildcard — the server's rule), the item's label texts, and
// China-time days (the mail room counts by the China date).
import { computed } from 'vue'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import type { MailItem } from '@/api/types'
import { formatTime } from '@/utils/messages'

export { beijingToday as chinaToday, addDays } from '@/components/meetings/time'

export function useMailPerms() {
  const auth = useAuthStore()
  return {
    can: (permission: string) => auth.can(permission),
    canRegister: computed(() => auth.can('mail.register')),
    canDeliver: computed(() => auth.can('mail.deliver')),
    canClose: computed(() => auth.can('mail.close')),
    canConfidential: computed(() => auth.permissions.includes('mail.confidential')),
  }
}

/** The item as a clerk names it: `M00000123（XA123…，区教育和体育局）`. */
export function itemName(item: MailItem): string {
  const parts = [item.tracking_no, item.direction === 'in' ? item.addressee_unit_name : item.addressee].filter(Boolean)
  return parts.length ? `${item.code}（${parts.join('，')}）` : item.code
}

export function kindText(kind: string | null | undefined): string {
  return kind ? i18n.global.t(`mail.kind.${kind}`) : '—'
}

export function secrecyText(level: string | null | undefined): string {
  return level ? i18n.global.t(`mail.secrecy.${level}`) : '—'
}

/** Is the item still in the mail room (and may be delivered, returned, forwarded)? */
export const onHand = (item: MailItem) => item.status === 'received' || item.status === 'notified'

export { formatTime }
