// What the office-space forms pick by typing: an active person (with unit and rank, which
// decide the standard), an office room, an open occupancy. For RemoteSelect.
import { listPeople } from '@/api/endpoints'
import type { Person } from '@/api/types'
import { listOccupancies, listRooms, type Occupancy, type Room } from '@/api/space'

const FIRST = 20

export const personPicker = {
  search: async (q: string) => (await listPeople({ q, active: true, page_size: FIRST })).items,
  text: (p: Person) => [p.name, p.unit_name, p.rank_label ?? p.rank, p.post].filter(Boolean).join(' · '),
}

export const officePicker = {
  search: async (q: string) => (await listRooms({ q, use: 'office', page_size: FIRST })).items,
  text: (r: Room) => [r.building_name, r.number, r.unit_name].filter(Boolean).join(' · '),
}

export const occupancyPicker = {
  search: async (q: string) => (await listOccupancies({ q, current: true, page_size: FIRST })).items,
  text: (o: Occupancy) => [o.person_name, o.building_name, o.room_number, o.start_date].filter(Boolean).join(' · '),
}
