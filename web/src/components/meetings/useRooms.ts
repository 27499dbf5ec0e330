// The tenant's meeting rooms for selects, read when the page mounts (or, `lazy`, on the
// first `ensure()`: a dialog asks when it opens).
import { onMounted, ref } from 'vue'
import { listRooms } from '@/api/endpoints'
import type { MeetingRoom } from '@/api/types'
import { showError } from '@/utils/messages'

export function useRooms(activeOnly = true, lazy = false) {
  const rooms = ref<MeetingRoom[]>([])
  async function load(): Promise<void> {
    try {
      rooms.value = (await listRooms({ page_size: 200, sort: 'building', ...(activeOnly ? { active: true } : {}) })).items
    } catch (err) {
      showError(err)
    }
  }
  if (!lazy) onMounted(load)
  const ensure = () => (rooms.value.length ? Promise.resolve() : load())
  const nameOf = (id: number) => rooms.value.find((r) => r.id === id)?.name ?? `#${id}`
  return { rooms, load, ensure, nameOf }
}
