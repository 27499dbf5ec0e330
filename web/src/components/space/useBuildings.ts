// The tenant's buildings (a handful) and a building's floors, for filters and forms; fetched
// once per page load, again after a building is saved.
import { ref } from 'vue'
import { ApiError } from '@/api/client'
import { listBuildings, listFloors, type Building, type Floor } from '@/api/space'
import { showError } from '@/utils/messages'

const buildings = ref<Building[]>([])
let loading: Promise<void> | null = null

function load(force = false): Promise<void> {
  if (force) loading = null
  loading ??= listBuildings({ page_size: 100, sort: 'code' })
    .then((page) => {
      buildings.value = page.items
    })
    .catch((err: unknown) => {
      loading = null
      if (!(err instanceof ApiError && err.status === 403)) showError(err)
    })
  return loading
}

const floorsByBuilding = new Map<number, Promise<Floor[]>>()

export function useBuildings() {
  void load()
  return {
    buildings,
    reloadBuildings: () => {
      floorsByBuilding.clear()
      return load(true)
    },
    /** The building's floors, top down as the server lists them. */
    floorsOf(buildingId: number): Promise<Floor[]> {
      let floors = floorsByBuilding.get(buildingId)
      if (!floors) {
        floors = listFloors(buildingId).then((r) => r.items)
        floors.catch(() => floorsByBuilding.delete(buildingId))
        floorsByBuilding.set(buildingId, floors)
      }
      return floors
    },
  }
}
