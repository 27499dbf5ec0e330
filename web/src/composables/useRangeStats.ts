// A statistics page over a range of days kept in the URL (?from=&to=, default the current
// year): the form's range, 查询 (apply), the figures fetched again when the range changes,
// loading, and "no permission" (a 403) instead of an error. The meetings and mail statistics
// pages use it.
import { computed, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ApiError } from '@/api/client'
import { showError } from '@/utils/messages'

export function useRangeStats<T>(fetch: (range: { from: string; to: string }) => Promise<T>, year: string) {
  const route = useRoute()
  const router = useRouter()
  const from = computed(() => (typeof route.query.from === 'string' ? route.query.from : `${year}-01-01`))
  const to = computed(() => (typeof route.query.to === 'string' ? route.query.to : `${year}-12-31`))
  const range = ref({ from: from.value, to: to.value })
  const apply = () => router.replace({ query: { from: range.value.from, to: range.value.to } })
  const stats = ref(null) as Ref<T | null>
  const loading = ref(false)
  const forbidden = ref(false)
  watch(
    [from, to],
    async ([f, tt]) => {
      range.value = { from: f, to: tt }
      loading.value = true
      try {
        stats.value = await fetch({ from: f, to: tt })
        forbidden.value = false
      } catch (err) {
        stats.value = null
        if (err instanceof ApiError && err.status === 403) forbidden.value = true
        else showError(err)
      } finally {
        loading.value = false
      }
    },
    { immediate: true },
  )
  return { from, to, range, apply, stats, loading, forbidden }
}
