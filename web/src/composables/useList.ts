// The state every list page shares: the query (filters + paging + sort), the rows, loading,
// "no permission" (a 403 shows a friendly empty state instead of an error), and errors shown
// with the server's own message.
import { reactive, ref, type Ref } from 'vue'
import { ApiError } from '@/api/client'
import type { ListQuery } from '@/api/endpoints'
import type { Page } from '@/api/types'
import { showError } from '@/utils/messages'

export const PAGE_SIZES = [10, 20, 50, 100]

export function useList<T, F extends Record<string, string | number | boolean | null | undefined>>(
  fetcher: (query: ListQuery) => Promise<Page<T>>,
  filters: F,
  pageSize = 20,
) {
  const form = reactive({ ...filters }) as F
  const applied = reactive({ ...filters }) as F
  const paging = reactive({ page: 1, page_size: pageSize, sort: '' })
  const rows = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const forbidden = ref(false)
  const loaded = ref(false)

  /** The query sent (and used by the export link). */
  function query(): ListQuery {
    const q: ListQuery = { page: paging.page, page_size: paging.page_size }
    if (paging.sort) q.sort = paging.sort
    for (const [k, v] of Object.entries(applied)) {
      if (v !== '' && v !== null && v !== undefined) q[k] = typeof v === 'string' ? v.trim() : v
    }
    return q
  }

  let seq = 0
  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const res = await fetcher(query())
      if (mine !== seq) return
      rows.value = res.items
      total.value = res.total
      forbidden.value = false
    } catch (err) {
      if (mine !== seq) return
      rows.value = []
      total.value = 0
      if (err instanceof ApiError && err.status === 403) forbidden.value = true
      else showError(err)
    } finally {
      if (mine === seq) {
        loading.value = false
        loaded.value = true
      }
    }
  }

  function search(): void {
    Object.assign(applied, form)
    paging.page = 1
    void load()
  }

  function reset(): void {
    Object.assign(form, filters)
    paging.sort = ''
    search()
  }

  function onPage(page: number): void {
    paging.page = page
    void load()
  }

  function onPageSize(size: number): void {
    paging.page_size = size
    paging.page = 1
    void load()
  }

  function onSort({ prop, order }: { prop: string | null; order: string | null }): void {
    paging.sort = prop && order ? (order === 'descending' ? '-' : '') + prop : ''
    paging.page = 1
    void load()
  }

  return { form, applied, paging, rows, total, loading, forbidden, loaded, query, load, search, reset, onPage, onPageSize, onSort }
}
