// The vehicles module's dictionaries (vehicle_category, vehicle_funding), fetched once per
// page load and shared by every vehicles page.
import { computed, ref } from 'vue'
import { ApiError } from '@/api/client'
import { getDictionary } from '@/api/endpoints'
import type { DictionaryItem } from '@/api/types'
import { showError } from '@/utils/messages'

const categories = ref<DictionaryItem[]>([])
const fundings = ref<DictionaryItem[]>([])
let loading: Promise<void> | null = null

function load(): Promise<void> {
  loading ??= Promise.all([getDictionary('vehicle_category'), getDictionary('vehicle_funding')])
    .then(([c, f]) => {
      categories.value = c.items ?? []
      fundings.value = f.items ?? []
    })
    .catch((err: unknown) => {
      loading = null
      // Without dictionaries.read the rows still carry their labels.
      if (!(err instanceof ApiError && err.status === 403)) showError(err)
    })
  return loading
}

export function useVehicleDicts() {
  void load()
  const labels = computed(() => Object.fromEntries(categories.value.map((c) => [c.value, c.label])))
  return {
    categories,
    fundings,
    activeCategories: computed(() => categories.value.filter((c) => c.active)),
    activeFundings: computed(() => fundings.value.filter((f) => f.active)),
    categoryLabel: (value: string | null | undefined) => (value ? (labels.value[value] ?? value) : '—'),
  }
}
