// The mail room's active slots (格口) for selects, read when the page mounts.
import { onMounted, ref } from 'vue'
import { listMailSlots } from '@/api/endpoints'
import type { MailSlot } from '@/api/types'
import { showError } from '@/utils/messages'

export function useSlots() {
  const slots = ref<MailSlot[]>([])
  onMounted(async () => {
    try {
      slots.value = (await listMailSlots({ page_size: 200, sort: 'code' })).items.filter((s) => s.active)
    } catch (err) {
      showError(err)
    }
  })
  return { slots }
}
