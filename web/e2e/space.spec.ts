import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from '@playwright/test'
import { ADMIN, choose, loginAs } from './helpers'

// Office space (办公用房) against the real server and the demo tenant: the government
// building 区行政办公大楼 with its 230 rooms, the bureau's leaders' offices as the seed
// publishes them (12.67, 25.50, 29.60 m², all within the 2014 county table).

test.slow() // drawers, pickers and a server round trip each

const BUILDING = '区行政办公大楼'
const HEADERS = { 'X-Requested-With': 'jiguan' }

interface Room {
  id: number
  number: string
  usable_area: number
  grade: string | null
}
interface Page_<T> {
  items: T[]
  total: number
}

async function getJson<T>(request: APIRequestContext, path: string, params: Record<string, string | number> = {}): Promise<T> {
  const res = await request.get(path, { params })
  expect(res.status(), await res.text()).toBe(200)
  return (await res.json()) as T
}

async function buildingId(request: APIRequestContext): Promise<number> {
  const buildings = await getJson<Page_<{ id: number; name: string }>>(request, '/api/v1/space/buildings', { q: BUILDING })
  return buildings.items.find((b) => b.name === BUILDING)!.id
}

/** A vacant office of at least 14 m² in the government building. */
async function vacantOffice(request: APIRequestContext, building: number): Promise<Room> {
  const rooms = await getJson<Page_<Room>>(request, '/api/v1/space/rooms', { building_id: building, use: 'office', colour: 'grey', page_size: 100 })
  const room = rooms.items.find((r) => r.grade === 'vacant' && r.usable_area >= 1400)
  expect(room, 'a vacant office of ≥ 14 m² in the demo building').toBeTruthy()
  return room!
}

/** A new 科员 (staff_member) of the bureau's 办公用房管理科, created by admin: every demo
 *  person already holds an office. */
async function newStaffMember(playwright: PlaywrightWorkerArgs['playwright'], baseURL: string): Promise<{ id: number; name: string }> {
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: HEADERS })
  expect((await admin.post('/api/v1/auth/login', { data: { username: ADMIN.username, password: ADMIN.password } })).status()).toBe(200)
  const units = await getJson<Page_<{ id: number; name: string }>>(admin, '/api/v1/units', { q: '办公用房管理科' })
  const name = `新科员${Date.now().toString().slice(-5)}`
  const res = await admin.post('/api/v1/people', { data: { name, unit_id: units.items[0].id, rank: 'staff_member', post: '科员' } })
  expect(res.status(), await res.text()).toBe(201)
  const person = (await res.json()) as { id: number; name: string }
  await admin.dispose()
  return person
}

/** Opens the room's drawer from the building's rooms page, found by its number. */
async function openRoom(page: Page, building: number, number: string) {
  await page.goto(`/space/rooms?building_id=${building}`)
  await page.getByRole('search').getByLabel('关键字').fill(number)
  await page.getByRole('search').getByRole('button', { name: '查询' }).click()
  const row = page.getByTestId('rooms-table').getByRole('row').filter({ has: page.getByRole('button', { name: number, exact: true }) })
  await row.getByRole('button', { name: number, exact: true }).click()
  const drawer = page.getByTestId('room-drawer')
  await expect(drawer.getByTestId('room-facts')).toContainText(number)
  return { row, drawer }
}

test('assigning a 科员 to a vacant office turns it red with the excess; ending the occupancy turns it grey again', async ({ page, playwright, baseURL }) => {
  const person = await newStaffMember(playwright, baseURL!)
  await loginAs(page, 'fangguan')
  const building = await buildingId(page.request)
  const room = await vacantOffice(page.request, building)
  const { row, drawer } = await openRoom(page, building, room.number)
  await expect(row.getByTestId('verdict')).toHaveAttribute('data-colour', 'grey')

  // Assign: the picker searches people by name.
  const picker = drawer.getByTestId('assign-form').getByRole('combobox', { name: '人员' })
  await picker.click()
  await picker.pressSequentially(person.name, { delay: 20 })
  await page.getByRole('option', { name: new RegExp(`^${person.name} · `) }).first().click()
  const assigned = page.waitForResponse((r) => r.url().endsWith('/api/v1/space/occupancies') && r.request().method() === 'POST')
  await drawer.getByTestId('assign-submit').click()
  expect((await assigned).status()).toBe(201)

  // 9 m² for a 科员 against ≥ 14 m²: over by ≥ 55 %, red — in the drawer and in the row, no reload.
  const verdict = drawer.getByTestId('room-verdict')
  await expect(verdict).toHaveAttribute('data-colour', 'red')
  const excess = (room.usable_area - 900) / 100
  await expect(verdict.getByTestId('excess')).toContainText(`+${excess.toFixed(2)} m²`)
  await expect(verdict.getByTestId('room-rule')).toContainText('2674')
  await expect(drawer.getByTestId('room-occupants')).toContainText(person.name)
  await expect(row.getByTestId('verdict')).toHaveAttribute('data-colour', 'red')
  await expect(row.getByTestId('excess')).toContainText(`+${excess.toFixed(2)} m²`)
  await expect(row).toContainText(person.name)

  // End it today: grey again, and the history keeps the occupancy.
  await drawer.getByTestId('room-occupants').getByRole('row').filter({ hasText: person.name }).getByRole('button', { name: '结束使用' }).click()
  const ended = page.waitForResponse((r) => /\/api\/v1\/space\/occupancies\/\d+\/end$/.test(r.url()))
  await page.getByRole('dialog', { name: '结束使用' }).getByRole('button', { name: '结束使用' }).click()
  expect((await ended).status()).toBe(200)
  await expect(verdict).toHaveAttribute('data-colour', 'grey')
  await expect(row.getByTestId('verdict')).toHaveAttribute('data-colour', 'grey')
  await expect(drawer.getByTestId('room-history')).toContainText(person.name)
})

test("the leaders' report and the compliance page show the seed's three bureau offices green", async ({ page }) => {
  await loginAs(page, 'fangguan')
  await page.goto('/space/leaders')
  const table = page.getByTestId('leaders-table')
  for (const area of ['12.67', '25.50', '29.60']) {
    const row = table.getByRole('row').filter({ has: page.getByTestId('leader-area').filter({ hasText: new RegExp(`^${area}$`) }) })
    await expect(row).toHaveCount(1)
    await expect(row.getByTestId('verdict')).toHaveAttribute('data-colour', 'green')
  }
  await expect(table).toContainText('王建国')

  // The same three offices on the compliance page, by room number.
  const leaders = await getJson<Page_<{ number: string; area: number }>>(page.request, '/api/v1/space/reports/leaders')
  await page.goto('/space/compliance')
  await expect(page.getByTestId('figure-office_rooms').getByTestId('figure-value')).not.toHaveText('0')
  await page.getByRole('tab', { name: '按房间' }).click()
  const search = page.getByRole('tabpanel', { name: '按房间' }).getByRole('search')
  await choose(page, search, '楼宇', BUILDING)
  for (const office of leaders.items.filter((l) => [1267, 2550, 2960].includes(l.area))) {
    await search.getByLabel('关键字').fill(office.number)
    await search.getByRole('button', { name: '查询' }).click()
    const row = page.getByTestId('compliance-rooms').getByRole('row').filter({ has: page.getByRole('button', { name: office.number, exact: true }) })
    await expect(row.getByTestId('verdict')).toHaveAttribute('data-colour', 'green')
    await expect(row).toContainText((office.area / 100).toFixed(2))
  }
})

test('every office-space page loads and its export links answer 200', async ({ page }) => {
  await loginAs(page, 'fangguan')
  for (const path of ['/space/rooms', '/space/buildings', '/space/compliance', '/space/leaders', '/space/flags', '/space/requests', '/space/standards']) {
    await page.goto(path)
    await expect(page.locator('.jg-page-title')).toBeVisible()
    const links = page.getByTestId('export-link')
    await expect(links.first()).toBeAttached()
    for (const href of await links.evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''))) {
      const res = await page.request.get(href)
      expect(res.status(), `${path}: ${href}`).toBe(200)
      expect(res.headers()['content-type']).toContain('spreadsheetml')
    }
  }
})
