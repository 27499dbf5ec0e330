import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test'
import { choose, loginAs, logout } from './helpers'

// The mail room (收发室) against the real server and the demo tenant (a year of mail ending
// yesterday, yesterday left open). The tests run in order: the last one closes yesterday and
// today, after which nothing more can be registered today.

test.slow() // scans, dialogs and a server round trip each: give them the time of a loaded CI box

const HEADERS = { 'X-Requested-With': 'jiguan' }
const UNIT = '区教育和体育局'
let seq = 0
/** A tracking number no other test (or run) uses. */
const trackingNo = (prefix = 'XA') => `${prefix}${Date.now().toString(36).toUpperCase().slice(-6)}${++seq}CN`
/** The China date of now, shifted by `days`. */
const chinaDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)

interface Item {
  id: number
  code: string
  tracking_no: string | null
}

/** The addressee unit's id (from the unit list, as the logged-in user). */
async function unitId(request: APIRequestContext, name: string): Promise<number> {
  const res = await request.get('/api/v1/units', { params: { q: name, page_size: 5 } })
  const body = (await res.json()) as { items: { id: number; name: string }[] }
  return body.items.find((u) => u.name === name)!.id
}

/** Registers an incoming registered letter through the API (as the logged-in user). */
async function registerItem(request: APIRequestContext, body: Record<string, unknown> = {}): Promise<Item> {
  const res = await request.post('/api/v1/mail/items', {
    headers: HEADERS,
    data: { kind: 'registered', direction: 'in', tracking_no: trackingNo(), addressee_unit_id: await unitId(request, UNIT), sender: '临沂市教育局', ...body },
  })
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()) as Item
}

/** Types a code into a scan box and presses Enter, as a barcode scanner does. */
async function scan(box: Locator, code: string): Promise<void> {
  await box.fill(code)
  await box.press('Enter')
}

/** The register form with kind 挂号信, incoming, for the test's unit. */
async function registerForm(page: Page): Promise<Locator> {
  const form = page.getByTestId('register-form')
  await form.getByRole('radio', { name: '挂号信' }).check({ force: true })
  await form.getByRole('radio', { name: '收', exact: true }).check({ force: true })
  await choose(page, form, '收件单位', UNIT)
  return form
}

test('the mail clerk lands on the register page and scans three letters in a row; a duplicate names the first', async ({ page }) => {
  await loginAs(page, 'shoufa')
  await expect(page).toHaveURL(/\/mail\/register$/)
  const form = await registerForm(page)
  await form.getByLabel('寄件人').fill('临沂市教育局')

  const numbers = [trackingNo(), trackingNo(), trackingNo()]
  const box = page.getByTestId('tracking-input')
  await box.click()
  const created: Item[] = []
  page.on('response', async (r) => {
    if (r.url().endsWith('/api/v1/mail/items') && r.request().method() === 'POST' && r.status() === 201) created.push((await r.json()) as Item)
  })
  for (const n of numbers) {
    await box.pressSequentially(n, { delay: 5 })
    await box.press('Enter')
    // The number is emptied at once and the focus stays for the next scan.
    await expect(box).toHaveValue('')
    await expect(box).toBeFocused()
  }
  const today = page.getByTestId('today-table')
  for (const n of numbers) await expect(today.getByRole('row').filter({ hasText: n })).toBeVisible()
  await expect.poll(() => created.length).toBe(3)
  // The unit is remembered: every letter went to it.
  await expect(today.getByRole('row').filter({ hasText: numbers[0] })).toContainText(UNIT)

  // The first number again: refused, naming the item that has it, which opens.
  const first = created.find((c) => c.tracking_no === numbers[0])!
  await scan(box, numbers[0])
  const alert = page.getByTestId('duplicate-alert')
  await expect(alert).toContainText(numbers[0])
  await expect(alert).toContainText(first.code)
  await alert.getByRole('button', { name: '查看已登记的邮件' }).click()
  await expect(page.getByTestId('mail-code')).toHaveText(first.code)
})

test('an item is delivered with a signature drawn on screen and the chain shows 签收', async ({ page }) => {
  await loginAs(page, 'shoufa')
  const item = await registerItem(page.request)
  await page.goto('/mail/items')
  await scan(page.getByTestId('lookup-box'), item.tracking_no!)
  const drawer = page.getByTestId('mail-drawer')
  await expect(drawer.getByTestId('mail-code')).toHaveText(item.code)

  await drawer.getByRole('button', { name: '签收' }).click()
  const dialog = page.getByRole('dialog', { name: '签收' })
  await dialog.getByLabel('签收人姓名').fill('赵丽')
  const pad = dialog.getByTestId('signature-pad')
  const box = (await pad.boundingBox())!
  await page.mouse.move(box.x + 20, box.y + box.height / 2)
  await page.mouse.down()
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? -20 : 20), { steps: 3 })
  await page.mouse.up()
  await expect(dialog.getByText('已签名')).toBeVisible()
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/mail/items/${item.id}/deliver`))
  await dialog.getByRole('button', { name: '确定' }).click()
  expect((await answer).status()).toBe(200)

  await expect(drawer.getByTestId('mail-status')).toHaveText('已签收')
  await expect(drawer.getByTestId('mail-chain')).toContainText('签收')
  await expect(drawer.getByTestId('mail-chain')).toContainText('赵丽')
  await expect(drawer.getByTestId('mail-signature')).toBeVisible()
  await expect.poll(() => drawer.getByTestId('mail-signature').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0)
})

test('the confidential clerk registers a confidential item the mail clerk cannot find', async ({ page }) => {
  await loginAs(page, 'jiyao')
  await page.goto('/mail/register')
  const form = page.getByTestId('register-form')
  await form.getByRole('radio', { name: '机要件' }).check({ force: true })
  await form.getByRole('radio', { name: '收', exact: true }).check({ force: true })
  await choose(page, form, '收件单位', UNIT)
  await choose(page, form, '密级', '机密')
  await form.getByLabel('封号').fill(`JY-${Date.now() % 100000}`)
  await form.getByLabel('发文机关').fill('中共临沂市委办公室')
  const number = trackingNo('JY')
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/mail/items') && r.request().method() === 'POST')
  await scan(page.getByTestId('tracking-input'), number)
  expect((await answer).status()).toBe(201)
  await expect(page.getByTestId('today-table').getByRole('row').filter({ hasText: number })).toContainText('机密')
  await logout(page)

  await loginAs(page, 'shoufa')
  await page.goto('/mail/items')
  await scan(page.getByTestId('lookup-box'), number)
  await expect(page.getByTestId('lookup-error')).toContainText(`没有找到 ${number}`)
  await expect(page.getByTestId('mail-drawer')).toBeHidden()
  await page.getByRole('search').getByLabel('关键字').fill(number)
  await page.getByRole('search').getByRole('button', { name: '查询' }).click()
  await expect(page.getByTestId('mail-table')).toContainText('没有符合条件的邮件')
  // Not even the kind's own list shows it to the mail clerk.
  await choose(page, page.getByRole('search'), '类别', '机要件')
  await page.getByRole('search').getByRole('button', { name: '查询' }).click()
  await expect(page.getByTestId('mail-table').getByText(number)).toHaveCount(0)
})

test('the liaison sees what waits for the unit, at phone width', async ({ page }) => {
  await loginAs(page, 'shoufa')
  const item = await registerItem(page.request, { sender: '山东省教育厅' })
  await logout(page)

  await page.setViewportSize({ width: 390, height: 844 })
  await loginAs(page, 'jiaoyu')
  await page.getByRole('button', { name: '菜单' }).click()
  await page.getByRole('navigation', { name: '主菜单' }).getByText('待领取邮件').click()
  await expect(page).toHaveURL(/\/mail\/waiting$/)
  const card = page.getByTestId('waiting-item').filter({ hasText: item.tracking_no! })
  await expect(card).toBeVisible()
  await expect(card).toContainText('山东省教育厅')
  // Nothing overflows the phone's width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await card.click()
  await expect(page.getByTestId('mail-code')).toHaveText(item.code)
})

test('the statistics page shows the year by kind, month and unit', async ({ page }) => {
  await loginAs(page, 'shoufa')
  await page.goto('/mail/stats')
  await expect(page.getByTestId('stat-registered').getByTestId('figure-value')).not.toHaveText('0')
  await expect(page.getByTestId('stat-ordinary').getByTestId('figure-value')).not.toHaveText('0')
  await expect(page.getByRole('img', { name: /按月收发量/ })).toBeVisible()
  await expect(page.getByTestId('stats-by-unit').getByText(UNIT)).toBeVisible()
})

interface Day {
  closed: boolean
  figures: Record<string, { end: number }>
  expected_on_hand: Item[]
}

/** Fills the counted batch kinds with what the books say (they are all on the shelf). */
async function countBatches(page: Page, day: Day): Promise<void> {
  for (const [label, kind] of [
    ['平信清点数', 'ordinary'],
    ['报刊清点数', 'periodical'],
  ]) {
    const input = page.getByRole('spinbutton', { name: label })
    await input.fill(String(day.figures[kind]?.end ?? 0))
    await input.blur() // el-input-number takes the value on change
  }
}

/** The day as the server has it, read by the page itself (the browser's own connection). */
async function dayRecord(page: Page, day: string): Promise<Day> {
  return page.evaluate(async (d) => {
    const res = await fetch(`/api/v1/mail/days/${d}`, { headers: { 'X-Requested-With': 'jiguan' } })
    if (!res.ok) throw new Error(`GET /mail/days/${d}: ${res.status} ${await res.text()}`)
    return (await res.json()) as Day
  }, day)
}

test('the daily close refuses a missing item and names it, then closes yesterday and today', async ({ page }) => {
  test.setTimeout(240_000) // a shelf of scans
  await loginAs(page, 'jiyao')
  const mine = await registerItem(page.request)
  const yesterday = chinaDay(-1)
  const today = chinaDay()
  const scanBox = page.getByTestId('day-scan')

  // Today cannot close before the open day the demo leaves (yesterday, or the last working day).
  await page.goto(`/mail/day?day=${today}`)
  await countBatches(page, await dayRecord(page, today))
  const refused = page.waitForResponse((r) => r.url().endsWith(`/mail/days/${today}/close`))
  await page.getByTestId('close-day').click()
  const error = ((await (await refused).json()) as { error: { code: string; day: string } }).error
  expect(error.code).toBe('previous_day_open')
  const open = error.day
  expect(open <= yesterday).toBe(true)
  await expect(page.getByText(`${open} 尚未封账`)).toBeVisible()
  await page.getByRole('button', { name: `前往 ${open}` }).click()
  await expect(page).toHaveURL(new RegExp(`day=${open}`))

  // That day: everything scanned but one item, which is then explained.
  const before = await dayRecord(page, open)
  expect(before.closed).toBe(false)
  await expect(page.getByTestId('expected-table')).toBeVisible()
  const [left, ...rest] = before.expected_on_hand
  for (const it of rest) await scan(scanBox, it.code)
  await countBatches(page, before)
  await page.getByTestId('close-day').click()
  if (left) {
    const blocked = page.getByTestId('close-blocked')
    await expect(blocked).toContainText(left.code)
    await blocked.getByTestId('difference').filter({ hasText: left.code }).getByRole('textbox').fill('已当面交收件人，次日补登签收')
    await page.getByTestId('close-day').click()
  }
  await expect(page.getByTestId('day-state')).toHaveText(/已封账/)
  await expect(page.getByTestId('day-record')).toContainText(/[0-9a-f]{64}/)

  // Today: my letter is on the list; closing without scanning it is refused naming it.
  await page.goto(`/mail/day?day=${today}`)
  const now = await dayRecord(page, today)
  expect(now.expected_on_hand.map((i) => i.code)).toContain(mine.code)
  for (const it of now.expected_on_hand.filter((i) => i.id !== mine.id)) await scan(scanBox, it.code)
  await countBatches(page, now)
  await page.getByTestId('close-day').click()
  await expect(page.getByTestId('close-blocked')).toContainText(mine.code)
  await scan(scanBox, mine.tracking_no!)
  await expect(page.getByTestId('expected-table').getByRole('row').filter({ hasText: mine.code }).getByTestId('ticked')).toBeVisible()
  await page.getByTestId('close-day').click()
  await expect(page.getByTestId('day-state')).toHaveText(/已封账/)
  await expect(page.getByTestId('days-table')).toContainText(today)

  // A closed day is locked.
  const res = await page.request.post('/api/v1/mail/items', {
    headers: HEADERS,
    data: { kind: 'registered', direction: 'in', tracking_no: trackingNo(), addressee_unit_id: await unitId(page.request, UNIT) },
  })
  expect(res.status()).toBe(409)
})
