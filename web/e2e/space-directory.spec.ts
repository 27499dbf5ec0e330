import { expect, test } from '@playwright/test'

// The public building directory, without logging in: search a unit and find its floor and
// room; open a room's card by its URL (where a door plate's QR code leads); an unknown room.
// Data-agnostic: it takes a room of the demo building from the public API itself.

interface Room {
  id: number
  number: string
  unit_name: string | null
  building: string
  floor: string
}

test('a visitor finds a unit and opens a room card', async ({ page, request }) => {
  const res = await request.get('/api/v1/public/space/directory?q=%E5%B1%80&page_size=200')
  expect(res.status()).toBe(200)
  const rooms = ((await res.json()) as { items: Room[] }).items.filter((r) => r.unit_name)
  expect(rooms.length).toBeGreaterThan(0)
  const room = rooms[0]
  const unit = room.unit_name as string

  await page.goto('/directory')
  await expect(page).toHaveTitle(/楼宇目录/)
  await expect(page.getByRole('heading', { level: 1, name: '楼宇目录' })).toBeVisible()
  await page.getByLabel('查询单位或房间').fill(unit)
  await page.getByRole('button', { name: '查询' }).click()
  await expect(page).toHaveURL(/q=/)
  const floor = page.getByTestId(`directory-floor-${room.floor}`).first()
  await expect(floor.getByRole('heading', { level: 3, name: room.floor })).toBeVisible()
  const row = floor.getByRole('row').filter({ hasText: unit }).filter({ hasText: room.number }).first()
  await expect(row).toBeVisible()
  await expect(page.getByTestId('directory-count')).not.toContainText('共 0 间房')

  // Keyboard: the room's number is a link; following it opens the card.
  await row.getByRole('link', { name: room.number, exact: true }).focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/directory/rooms/${room.id}`))
  await expect(page.getByTestId('room-card')).toContainText(unit)

  // By URL, as from a QR code, at phone width.
  await page.setViewportSize({ width: 375, height: 740 })
  await page.goto(`/directory/rooms/${room.id}`)
  const card = page.getByTestId('room-card')
  await expect(page.getByRole('heading', { level: 1 })).toContainText(room.number)
  await expect(card).toContainText(room.building)
  await expect(card).toContainText(room.floor)
  await expect(card).toContainText(unit)
  await page.getByRole('link', { name: '返回楼宇目录' }).click()
  await expect(page).toHaveURL(/\/directory\?/)
  await expect(page.getByTestId('directory-rooms').first()).toBeVisible()

  // An unknown room: the API's message, no crash.
  await page.goto('/directory/rooms/99999999')
  await expect(page.getByRole('alert')).toContainText('房间不存在')
})

test('a search without a match says so', async ({ page }) => {
  await page.goto('/directory?q=%E6%97%A0%E6%AD%A4%E5%8D%95%E4%BD%8Dxyz')
  await expect(page.getByText('未找到匹配的房间')).toBeVisible()
  await expect(page.getByLabel('查询单位或房间')).toHaveValue('无此单位xyz')
})
