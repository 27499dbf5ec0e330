// One action on a row or a record at a time (同意, 完成, 签到): which one runs (its id, for the
// button's spinner), the success message, then a reload; a failure shows the server's message.
import { ref } from 'vue'
import { showError, showSuccess } from '@/utils/messages'

export function useRowAction(reload: () => Promise<void>) {
  const acting = ref<number | string>(0)
  /** Runs `action` for `id`; it returns the message to show. */
  async function run(id: number | string, action: () => Promise<string>): Promise<void> {
    acting.value = id
    try {
      showSuccess(await action())
      await reload()
    } catch (err) {
      showError(err)
    } finally {
      acting.value = 0
    }
  }
  return { acting, run }
}
