import { api } from './client'
import type { Health, Page, Unit, UnitKind, UnitNode, User } from './types'

export const getHealth = () => api.get<Health>('/healthz', undefined, { redirectOn401: false })

export const login = (username: string, password: string) =>
  api.post<{ user: User }>('/api/v1/auth/login', { username, password }, { redirectOn401: false })

export const logout = () => api.post<void>('/api/v1/auth/logout', undefined, { redirectOn401: false })

export const getMe = () => api.get<{ user: User }>('/api/v1/auth/me', undefined, { redirectOn401: false })

export const getUnitTree = () => api.get<{ items: UnitNode[] }>('/api/v1/units/tree')

export interface UnitQuery {
  q?: string
  kind?: UnitKind | ''
  page: number
  page_size: number
  sort?: string
}

export const listUnits = (query: UnitQuery) => api.get<Page<Unit>>('/api/v1/units', { ...query })
