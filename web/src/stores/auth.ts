import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '@/api/client'
import * as endpoints from '@/api/endpoints'
import type { User } from '@/api/types'

/** Whether a role's permission list (with `*`, `org.*`, `*.read` patterns) grants `permission`. */
export function grants(patterns: readonly string[], permission: string): boolean {
  const [module, action] = permission.split('.')
  return patterns.some(
    (p) => p === '*' || p === permission || p === `${module}.*` || p === `*.${action}`,
  )
}

export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  /** Whether /auth/me has been asked once since the page loaded. */
  const checked = ref(false)
  let pending: Promise<void> | null = null

  const isAuthenticated = computed(() => user.value !== null)
  /** The permissions (and patterns) of the user's role, as /auth/me and login return them. */
  const permissions = computed<readonly string[]>(() => user.value?.permissions ?? [])

  /** May the user use what needs `permission`? The server decides in the end (403). */
  function can(permission: string | undefined): boolean {
    return !permission || grants(permissions.value, permission)
  }

  /** Ask the server who we are, once per page load (the route guard awaits this). */
  function ensureChecked(): Promise<void> {
    if (checked.value) return Promise.resolve()
    pending ??= endpoints
      .getMe()
      .then(({ user: me }) => {
        user.value = me
      })
      .catch((err: unknown) => {
        if (!(err instanceof ApiError && err.status === 401)) console.error('auth/me failed', err)
        user.value = null
      })
      .finally(() => {
        checked.value = true
        pending = null
      })
    return pending
  }

  async function login(username: string, password: string): Promise<void> {
    const { user: me } = await endpoints.login(username, password)
    user.value = me
    checked.value = true
  }

  async function logout(): Promise<void> {
    try {
      await endpoints.logout()
    } finally {
      clear()
    }
  }

  /** Forget the user locally (the session ended on the server). */
  function clear(): void {
    user.value = null
    checked.value = true
  }

  return { user, checked, isAuthenticated, permissions, can, ensureChecked, login, logout, clear }
})
