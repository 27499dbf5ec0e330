// Shapes of the server's JSON (see the API contract in the issue "Foundation").

export interface Tenant {
  code: string
  name: string
}

export interface User {
  id: number
  username: string
  display_name: string
  role: string
  unit_id: number | null
  tenant: Tenant
}

export interface Health {
  status: string
  db: 'sqlite' | 'postgresql' | string
  version: string
}

export const UNIT_KINDS = ['bureau', 'section', 'department', 'sector'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export interface Unit {
  id: number
  code: string
  name: string
  kind: UnitKind
  parent_id: number | null
  /** In list answers: the parent's name, so the table needs no second request. */
  parent_name?: string | null
  sort_order: number
  active: boolean
}

export interface UnitNode extends Unit {
  children: UnitNode[]
}

export interface Page<T> {
  items: T[]
  total: number
}
