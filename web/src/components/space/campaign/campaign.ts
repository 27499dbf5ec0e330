// Shared bits of the campaign pages: tag colours of stages and statuses, what the user's role
// may do, and photos made small enough to send (the API takes data URLs up to 2 MB inside a
// request of at most 1 MiB).
import { computed, ref } from 'vue'
import type { RoomCompliance } from '@/api/space'
import { useAuthStore } from '@/stores/auth'
import { showError } from '@/utils/messages'
import { getSelfCheck, type SelfCheckStatus, type Stage } from './api'

type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary'

const STAGE_TAG: Record<Stage, TagType> = { draft: 'info', self_check: 'primary', supervision: 'warning', rectification: 'danger', closed: 'success' }
export const stageTag = (stage: Stage) => STAGE_TAG[stage]

const STATUS_TAG: Record<SelfCheckStatus, TagType> = { pending: 'info', submitted: 'success', late: 'danger' }
export const statusTag = (status: SelfCheckStatus) => STATUS_TAG[status]

/** The next stage, or null after closed. */
export function nextStage(stage: Stage): Stage | null {
  const order: Stage[] = ['draft', 'self_check', 'supervision', 'rectification', 'closed']
  return order[order.indexOf(stage) + 1] ?? null
}

/** Whether the stage takes self-inspections, findings and rectification work. */
export const selfCheckOpen = (stage: Stage) => stage === 'self_check' || stage === 'supervision'
export const supervising = (stage: Stage) => stage === 'supervision' || stage === 'rectification'

export function useCampaignPerms() {
  const auth = useAuthStore()
  const canInspect = computed(() => auth.can('space.inspect'))
  return {
    canInspect,
    /** May act for the unit: a supervisor for any, a liaison (space.self_check) for its own. */
    canActFor: (unitId: number) => canInspect.value || (auth.can('space.self_check') && auth.user?.unit_id === unitId),
  }
}

/** A picked photo as a JPEG data URL at most 1280 px on its long side (a phone's photo is
 *  several MB; this keeps it well under the request limit). */
export async function photoDataUrl(file: File, maxSide = 1280): Promise<string> {
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  return canvas.toDataURL('image/jpeg', 0.8)
}

/** The office rooms of a unit in a campaign (from its self-inspection), for picking the room a
 *  finding or an item concerns. */
export function useUnitRooms(campaignId: () => number) {
  const rooms = ref<RoomCompliance[]>([])
  async function load(unitId: number | null | undefined): Promise<void> {
    rooms.value = []
    if (!unitId) return
    try {
      rooms.value = (await getSelfCheck(campaignId(), unitId)).rooms
    } catch (err) {
      showError(err)
    }
  }
  return { rooms, load }
}
