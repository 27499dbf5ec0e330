import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test'
import { choose, login, loginAs, logout } from './helpers'

// The meetings module against the real server and the demo tenant (a year of bookings in
// 2026). Each test makes its own rooms through the API and books days in 2027, so the demo's
// bookings never get in the way; the booking itself always goes through the dialog.

test.slow() // dialogs and a server round trip each: give them the time of a loaded CI box

const HEADERS = { 'X-Requested-With': 'jiguan' }
let seq = 0
/** A name no other test (or run against the same database) uses. */
const unique = (what: string) => `${what}${Date.now().toString(36).slice(-5)}${++seq}`

interface Room {
  id: number
  name: string
}

/** Makes a room through the API (as the logged-in user) and returns it. */
async function makeRoom(request: APIRequestContext, name: string, body: Record<string, unknown> = {}): Promise<Room> {
  const res = await request.post('/api/v1/meetings/rooms', { headers: HEADERS, data: { name, capacity: 30, building: '测试楼', ...body } })
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()) as Room
}

/** Fills an Element Plus date picker (YYYY-MM-DD) labelled `label`. */
async function fillDate(scope: Locator, label: string, day: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true })
  await input.fill(day)
  await input.press('Enter')
}

/** Opens the booking dialog from the timeline's 预订会议室 button on `day`. */
async function openBookingDialog(page: Page, day: string): Promise<Locator> {
  await page.goto(`/meetings?date=${day}`)
  await page.getByRole('button', { name: '预订会议室' }).click()
  return page.getByRole('dialog', { name: '预订会议室' })
}

/** Fills the booking form: room, title, day and times (the host unit is the user's own). */
async function fillBooking(page: Page, dialog: Locator, b: { room: string; title: string; day: string; start: string; end: string; attendees?: number }) {
  await dialog.getByLabel('会议名称').fill(b.title)
  await choose(page, dialog, '会议室', new RegExp(`^${b.room}（`))
  await fillDate(dialog, '日期', b.day)
  await choose(page, dialog, '开始时间', b.start)
  await choose(page, dialog, '结束时间', b.end)
  if (b.attendees) await dialog.getByLabel('参会人数').fill(String(b.attendees))
}

/** Saves the dialog and waits for the server's answer to a path matching `path`. */
async function save(page: Page, dialog: Locator, path: RegExp, status: number) {
  const answer = page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() !== 'GET')
  await dialog.getByRole('button', { name: '保存' }).click()
  const res = await answer
  expect(res.status(), await res.text()).toBe(status)
  return res
}

test('a room is booked through the dialog and the timeline shows it', async ({ page }) => {
  await login(page)
  const room = await makeRoom(page.request, unique('测试厅'), { setup_minutes: 15, cleanup_minutes: 15 })
  const title = unique('预算执行调度会')

  const dialog = await openBookingDialog(page, '2027-03-03')
  await fillBooking(page, dialog, { room: room.name, title, day: '2027-03-03', start: '09:00', end: '10:30', attendees: 12 })
  await dialog.getByText('茶水', { exact: true }).click()
  await dialog.getByLabel('横幅内容').fill('预算执行调度会')
  const res = await save(page, dialog, /^\/api\/v1\/meetings\/bookings$/, 201)
  const booking = (await res.json()) as { id: number; start: string; end: string; services: Record<string, unknown> }
  expect(booking.start).toBe('2027-03-03T01:00:00Z')
  expect(booking.end).toBe('2027-03-03T02:30:00Z')
  expect(booking.services).toMatchObject({ tea_water: true, banner_text: '预算执行调度会' })
  await expect(dialog).toBeHidden()

  // The bar sits in the room's row; a click opens the booking's card.
  const row = page.getByTestId(`timeline-room-${room.id}`)
  const bar = row.getByRole('button', { name: new RegExp(`09:00–10:30 ${title}`) })
  await expect(bar).toBeVisible()
  await bar.click()
  const drawer = page.getByRole('dialog', { name: title })
  await expect(drawer.getByTestId('booking-facts')).toContainText('2027-03-03 09:00–10:30')
  await expect(drawer.getByTestId('booking-facts')).toContainText('已确认')
  await expect(drawer.getByTestId('booking-facts')).toContainText('茶水')

  // The week view shows it too.
  await page.goto('/meetings?date=2027-03-03&view=week')
  await expect(page.getByTestId(`timeline-room-${room.id}`).getByRole('button', { name: new RegExp(title) })).toBeVisible()
})

test('a second booking of the same slot is refused naming the first, and a suggested room takes it', async ({ page }) => {
  await login(page)
  const room = await makeRoom(page.request, unique('冲突厅'))
  await makeRoom(page.request, unique('备用厅'), { capacity: 40 })
  const first = unique('城建项目调度会')
  let dialog = await openBookingDialog(page, '2027-03-04')
  await fillBooking(page, dialog, { room: room.name, title: first, day: '2027-03-04', start: '14:00', end: '16:00' })
  await save(page, dialog, /^\/api\/v1\/meetings\/bookings$/, 201)
  await expect(dialog).toBeHidden()

  // The same room, overlapping: 409, the message names the first booking, rooms are offered.
  dialog = await openBookingDialog(page, '2027-03-04')
  const second = unique('安全生产例会')
  await fillBooking(page, dialog, { room: room.name, title: second, day: '2027-03-04', start: '15:00', end: '16:30', attendees: 20 })
  const refused = await save(page, dialog, /^\/api\/v1\/meetings\/bookings$/, 409)
  const error = ((await refused.json()) as { error: { code: string; suggestions: Room[] } }).error
  expect(error.code).toBe('conflict')
  const alert = dialog.getByTestId('booking-conflict')
  await expect(alert).toContainText(first)
  await expect(alert).toContainText(room.name)
  expect(error.suggestions.length).toBeGreaterThan(0)

  // One click on a suggestion switches the room; then it books.
  const pick = error.suggestions[0]
  await alert.getByRole('button', { name: new RegExp(`^${pick.name}（`) }).click()
  await expect(alert).toBeHidden()
  const res = await save(page, dialog, /^\/api\/v1\/meetings\/bookings$/, 201)
  expect(((await res.json()) as { room_id: number }).room_id).toBe(pick.id)
})

test('booking a part blocks the combined room', async ({ page }) => {
  await login(page)
  const east = await makeRoom(page.request, unique('东厅'))
  const west = await makeRoom(page.request, unique('西厅'))
  const hall = await makeRoom(page.request, unique('合并厅'), { capacity: 60, part_ids: [east.id, west.id] })

  // The combined room lists its parts on the timeline.
  const title = unique('东厅座谈会')
  let dialog = await openBookingDialog(page, '2027-03-05')
  await expect(page.getByTestId(`timeline-room-${hall.id}`)).toContainText(`由 ${east.name} + ${west.name} 组成`)
  await fillBooking(page, dialog, { room: east.name, title, day: '2027-03-05', start: '09:00', end: '11:00' })
  await save(page, dialog, /^\/api\/v1\/meetings\/bookings$/, 201)
  await expect(dialog).toBeHidden()
  // The combination's row shows the part's booking as blocking it.
  await expect(page.getByTestId(`timeline-room-${hall.id}`).locator('.block.ghost')).toHaveCount(1)

  dialog = await openBookingDialog(page, '2027-03-05')
  await fillBooking(page, dialog, { room: hall.name, title: unique('全体干部大会'), day: '2027-03-05', start: '10:00', end: '12:00', attendees: 50 })
  await save(page, dialog, /^\/api\/v1\/meetings\/bookings$/, 409)
  await expect(dialog.getByTestId('booking-conflict')).toContainText(title)
  await expect(dialog.getByTestId('booking-conflict')).toContainText(east.name)
})

test('a weekly series: the conflicts are checked first, one cancelled date stays cancelled when all are moved', async ({ page }) => {
  test.setTimeout(180_000)
  await login(page)
  const room = await makeRoom(page.request, unique('周例会室'))
  const title = unique('周一局务会')

  // A booking already in the way on the third Monday.
  let dialog = await openBookingDialog(page, '2027-03-15')
  const blocker = unique('临时接待')
  await fillBooking(page, dialog, { room: room.name, title: blocker, day: '2027-03-15', start: '09:30', end: '10:30' })
  await save(page, dialog, /^\/api\/v1\/meetings\/bookings$/, 201)
  await expect(dialog).toBeHidden()

  // Mondays 09:00–10:00 from 1 March, four times; 检查冲突 lists each date, one clashing.
  dialog = await openBookingDialog(page, '2027-03-01')
  await fillBooking(page, dialog, { room: room.name, title, day: '2027-03-01', start: '09:00', end: '10:00' })
  await dialog.getByTestId('repeat-toggle').click()
  const recurrence = dialog.getByTestId('recurrence')
  await recurrence.getByText('每周', { exact: true }).click()
  await recurrence.getByText('周一', { exact: true }).click()
  await recurrence.getByText('次数', { exact: true }).click()
  await recurrence.getByLabel('重复次数').fill('4')
  const previewed = page.waitForResponse((r) => r.url().endsWith('/api/v1/meetings/series/preview'))
  await dialog.getByTestId('series-check').click()
  expect((await previewed).status()).toBe(200)
  const preview = dialog.getByTestId('series-preview')
  await expect(preview).toContainText('共 4 次，冲突 1 次')
  await expect(preview.getByRole('row').filter({ hasText: '2027-03-15' })).toContainText('冲突')
  await expect(preview.getByRole('row').filter({ hasText: '2027-03-08' })).toContainText('空闲')

  // Saving as is is refused (nothing written); skipping the clashing date books three.
  await save(page, dialog, /^\/api\/v1\/meetings\/series$/, 409)
  await dialog.getByText('跳过冲突日期', { exact: true }).click()
  await save(page, dialog, /^\/api\/v1\/meetings\/series$/, 201)
  await expect(dialog).toBeHidden()

  // My bookings: the three Mondays.
  await page.goto('/meetings/mine')
  const search = page.getByRole('search')
  await search.getByLabel('关键字').fill(title)
  await search.getByRole('button', { name: '查询' }).click()
  const table = page.getByTestId('bookings-table')
  const rows = table.locator('tbody tr')
  await expect(rows).toHaveCount(3)
  await expect(table).toContainText('2027-03-01 09:00–10:00')
  await expect(table).toContainText('2027-03-08 09:00–10:00')
  await expect(table).toContainText('2027-03-22 09:00–10:00')

  // Delete (cancel) 8 March only.
  await rows.filter({ hasText: '2027-03-08' }).getByRole('button', { name: title }).click()
  let drawer = page.getByRole('dialog', { name: title })
  await expect(drawer.getByTestId('booking-series')).toContainText('系列 #')
  await drawer.getByRole('button', { name: '取消预订' }).click()
  const cancelDialog = page.getByRole('dialog', { name: '取消预订' })
  await expect(cancelDialog.getByRole('radio', { name: '仅此次' })).toBeChecked()
  await cancelDialog.getByLabel('原因').fill('与全区视频会冲突，本周不开')
  const cancelled = page.waitForResponse((r) => /\/cancel$/.test(r.url()))
  await cancelDialog.getByRole('button', { name: '确定取消' }).click()
  expect((await cancelled).status()).toBe(200)
  await expect(drawer.getByTestId('booking-facts')).toContainText('已取消')
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()

  // Edit all: 14:00–15:00 from now on.
  await rows.filter({ hasText: '2027-03-01' }).getByRole('button', { name: title }).click()
  drawer = page.getByRole('dialog', { name: title })
  await drawer.getByRole('button', { name: '修改' }).click()
  dialog = page.getByRole('dialog', { name: `修改预订：${title}` })
  await dialog.getByText('全部', { exact: true }).click()
  await choose(page, dialog, '开始时间', '14:00')
  await choose(page, dialog, '结束时间', '15:00')
  await save(page, dialog, /^\/api\/v1\/meetings\/bookings\/\d+$/, 200)
  await expect(dialog).toBeHidden()
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()

  // 8 March did not come back: it is there once, still cancelled, at its old time.
  await search.getByRole('button', { name: '查询' }).click()
  await expect(table).toContainText('2027-03-01 14:00–15:00')
  await expect(table).toContainText('2027-03-22 14:00–15:00')
  const march8 = rows.filter({ hasText: '2027-03-08' })
  await expect(march8).toHaveCount(1)
  await expect(march8).toContainText('已取消')

  // The API agrees: no live booking of the series on 8 March.
  const res = await page.request.get('/api/v1/meetings/bookings', {
    headers: HEADERS,
    params: { q: title, from: '2027-03-08T00:00:00+08:00', to: '2027-03-09T00:00:00+08:00' },
  })
  const live = ((await res.json()) as { items: { status: string }[] }).items.filter((b) => b.status !== 'cancelled')
  expect(live).toEqual([])
})

test('a room that needs approval: the booking waits, 同意 confirms it and the booker is notified', async ({ page }) => {
  test.setTimeout(150_000)
  await login(page)
  const room = await makeRoom(page.request, unique('审批厅'), { needs_approval: true })
  await logout(page)

  // A unit liaison books it: pending, hatched on the timeline, with its workflow request.
  await loginAs(page, 'jiaoyu')
  const title = unique('教育系统座谈会')
  const dialog = await openBookingDialog(page, '2027-03-09')
  await fillBooking(page, dialog, { room: room.name, title, day: '2027-03-09', start: '09:00', end: '10:00' })
  const res = await save(page, dialog, /^\/api\/v1\/meetings\/bookings$/, 201)
  const booking = (await res.json()) as { id: number; status: string; request_id: number | null }
  expect(booking.status).toBe('pending')
  expect(booking.request_id).toBeTruthy()
  await expect(page.getByTestId(`timeline-room-${room.id}`).locator('.booking.pending')).toBeVisible()
  await logout(page)

  // 待审批: the meeting officer (会务科) 同意 through the request's actions.
  await loginAs(page, 'huiwu', '/login?redirect=/meetings/approvals')
  const row = page.getByTestId('approvals-table').getByRole('row').filter({ hasText: title })
  await row.getByRole('button', { name: '同意' }).click()
  const acted = page.waitForResponse((r) => r.url().endsWith(`/api/v1/requests/${booking.request_id}/actions`))
  await page.getByRole('dialog', { name: '同意' }).getByRole('button', { name: '同意' }).click()
  expect((await acted).status()).toBe(200)
  await expect(row).toHaveCount(0)
  await logout(page)

  // The liaison's bell has the decision; its link opens the booking, now confirmed.
  await loginAs(page, 'jiaoyu')
  const bell = page.getByTestId('notification-bell')
  await expect(bell).toHaveAccessibleName(/[1-9]\d* 条未读/)
  await bell.click()
  await page.getByTestId('notifications').getByRole('button', { name: new RegExp(title) }).first().click()
  await expect(page).toHaveURL(new RegExp(`/meetings/bookings/${booking.id}$`))
  await expect(page.getByRole('dialog', { name: title }).getByTestId('booking-facts')).toContainText('已确认')
})

test('a booking with services makes service tasks, marked done on a phone', async ({ page }) => {
  await login(page)
  const room = await makeRoom(page.request, unique('服务厅'))
  const title = unique('招商引资推介会')
  const dialog = await openBookingDialog(page, '2027-03-10')
  await fillBooking(page, dialog, { room: room.name, title, day: '2027-03-10', start: '14:00', end: '16:00' })
  await dialog.getByText('桌签', { exact: true }).click()
  await save(page, dialog, /^\/api\/v1\/meetings\/bookings$/, 201)

  // The meeting officer's list, on a phone: set-up, service and clean-up of that meeting.
  await logout(page)
  await page.setViewportSize({ width: 390, height: 844 })
  await loginAs(page, 'huiwu')
  await page.goto('/meetings/tasks')
  const search = page.getByRole('search')
  await search.getByLabel('关键字').fill(title)
  await search.getByRole('button', { name: '查询' }).click()
  const cards = page.getByTestId('task-card')
  await expect(cards).toHaveCount(3)
  await expect(cards.nth(0)).toContainText('布置')
  await expect(cards.nth(0)).toContainText('2027-03-10')
  await expect(cards.nth(2)).toContainText('整理')
  const box = (await cards.first().boundingBox())!
  expect(box.x + box.width).toBeLessThanOrEqual(390)

  const done = page.waitForResponse((r) => /\/api\/v1\/meetings\/tasks\/\d+\/done$/.test(r.url()))
  await cards.first().getByRole('button', { name: '完成' }).click()
  expect((await done).status()).toBe(200)
  await expect(cards).toHaveCount(2) // the list shows the open ones
})

test('the statistics page renders the demo year with its charts', async ({ page }) => {
  await login(page, '/login?redirect=/meetings/stats%3Ffrom%3D2026-01-01%26to%3D2026-12-31')
  await expect(page.getByRole('heading', { name: '会议统计', level: 1 })).toBeVisible()
  const meetings = page.getByTestId('stat-meetings').getByTestId('figure-value')
  await expect(meetings).toHaveText(/^\d{3},?\d*$/)
  expect(Number((await meetings.textContent())!.replace(/,/g, ''))).toBeGreaterThan(500)
  await expect(page.getByRole('img', { name: /会议室使用率（%）：.*大礼堂/ })).toBeVisible()
  await expect(page.getByRole('img', { name: /会议类型：/ })).toBeVisible()
  await expect(page.getByTestId('stats-by-room').locator('tbody tr').first()).toBeVisible()
  await expect(page.getByTestId('export-link')).toHaveAttribute('href', /\/api\/v1\/meetings\/stats\?from=2026-01-01&to=2026-12-31&format=xlsx/)
})
