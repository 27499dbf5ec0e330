// A drawer showing one record (a room, a space request): open it on an id, fetch the record
// (again after each change); a failure shows the server's message and closes it.
import { ref, type Ref } from 'vue'
import { showError } from '@/utils/messages'

export function useDrawerRecord<T extends { id: number }>(fetch: (id: number) => Promise<T>, onShow: () => void = () => {}) {
  const open = ref(false)
  const loading = ref(false)
  const record = ref(null) as Ref<T | null>

  async function load(id: number): Promise<void> {
    loading.value = true
    try {
      record.value = await fetch(id)
    } catch (err) {
      showError(err)
      open.value = false
    } finally {
      loading.value = false
    }
  }

  function show(id: number): void {
    record.value = null
    onShow()
    open.value = true
    void load(id)
  }

  /** The record fetched again (after a change). */
  const reload = async () => {
    if (record.value) await load(record.value.id)
  }

  return { open, loading, record, show, reload }
}
