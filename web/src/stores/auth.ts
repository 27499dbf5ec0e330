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
  /** The permissions of the user's role; null when the role cannot be read (no roles.read). */
  const permissions = ref<string[] | null>(null)

  /** The role's permissions decide which menu items show. Without them every item shows and
   *  a page the role may not use answers 403, shown as a 无权限 empty state. */
  async function loadPermissions(): Promise<void> {
    const role = user.value?.role
    permissions.value = null
    if (!role) return
    if (Array.isArray(user.value?.permissions)) {
      permissions.value = user.value.permissions
      return
    }
    // Roles that cannot read roles get a 403 here (recorded as "denied" in the audit trail).
    const key = `jiguan.perms.${user.value?.id}.${role}`
    try {
      const cached = sessionStorage.getItem(key)
      if (cached === 'unknown') return
      if (cached) {
        permissions.value = JSON.parse(cached) as string[]
        return
      }
    } catch {
      // No sessionStorage: ask every time.
    }
    try {
      const res = await endpoints.listRoles({ q: role, page_size: 200 })
      permissions.value = res.items.find((r) => r.code === role)?.permissions ?? null
    } catch {
      permissions.value = null
    }
    try {
      sessionStorage.setItem(key, permissions.value ? JSON.stringify(permissions.value) : 'unknown')
    } catch {
      // Not cached.
    }
  }

  /** Drops the cached permissions (at login and logout: the role may have changed). */
  function forgetPermissions(): void {
    permissions.value = null
    try {
      for (const k of Object.keys(sessionStorage)) if (k.startsWith('jiguan.perms.')) sessionStorage.removeItem(k)
    } catch {
      // Nothing cached.
    }
  }

  /** May the user (probably) use what needs `permission`? Unknown permissions: yes. */
  function can(permission: string | undefined): boolean {
    if (!permission || permissions.value === null) return true
    return grants(permissions.value, permission)
  }

  /** Ask the server who we are, once per page load (the route guard awaits this). */
  function ensureChecked(): Promise<void> {
    if (checked.value) return Promise.resolve()
    pending ??= endpoints
      .getMe()
      .then(async ({ user: me }) => {
        user.value = me
        await loadPermissions()
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
    forgetPermissions()
    await loadPermissions()
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
    forgetPermissions()
    checked.value = true
  }

  return { user, checked, isAuthenticated, permissions, can, ensureChecked, login, logout, clear }
})
