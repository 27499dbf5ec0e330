// One record's page (a vehicle, a campaign, a batch): load it, again after each change, with
// a loading flag; a 404 or 403 becomes `missing` (the server's message, shown in place of
// the page) instead of an error toast.
import { ref, type Ref } from 'vue'
import { ApiError } from '@/api/client'
import { showError } from '@/utils/messages'

export function useRecord<T>(fetch: () => Promise<T>) {
  const record = ref(null) as Ref<T | null>
  const loading = ref(false)
  const missing = ref('')

  async function load(): Promise<void> {
    loading.value = true
    try {
      record.value = await fetch()
      missing.value = ''
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) missing.value = err.message
      else showError(err)
    } finally {
      loading.value = false
    }
  }

  return { record, loading, missing, load }
}
