// The public building directory's API (no login): rooms of the listed buildings, never a
// person's name. The tenant comes from the page's own ?tenant= (printed QR codes carry it
// when the installation has more than one tenant).
import { request, type Query } from '@/api/client'

export interface PublicFloor {
  id: number
  level: number
  name: string
  /** Rooms the public sees on the floor. */
  rooms: number
}

export interface PublicBuilding {
  id: number
  name: string
  address: string
  floors: PublicFloor[]
}

export interface PublicRoom {
  id: number
  number: string
  name: string
  use: string
  use_label: string
  unit_name: string | null
  building_id: number
  building: string
  floor_id: number
  floor: string
  floor_level: number
  /** Only on a room's card. */
  address?: string
}

/** A floor of the page's rooms: each unit (or a room's name) with its door numbers. */
export interface IndexFloor {
  id: number
  name: string
  level: number
  lines: { label: string; numbers: string[] }[]
}

export interface DirectoryPage {
  items: PublicRoom[]
  total: number
  buildings: { id: number; name: string; address: string; floors: IndexFloor[] }[]
}

export function listPublicBuildings(tenant?: string): Promise<{ items: PublicBuilding[]; total: number }> {
  return request('/api/v1/public/space/buildings', { query: { tenant, page_size: 200 } })
}

export function searchDirectory(query: Query): Promise<DirectoryPage> {
  return request('/api/v1/public/space/directory', { query })
}

export function getPublicRoom(id: number, tenant?: string): Promise<PublicRoom> {
  return request(`/api/v1/public/space/rooms/${id}`, { query: { tenant } })
}
