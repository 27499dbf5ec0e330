import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { choose, login, loginAs } from './helpers'

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze()
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }))
}

test('the login page has no WCAG 2.1 AA violations', async ({ page }) => {
  await page.goto('/login')
  await expect(page.getByLabel('用户名')).toBeVisible()
  expect(await violations(page)).toEqual([])

  // Also with the error shown and the primary button hovered.
  await page.getByLabel('用户名').fill('admin')
  await page.getByLabel('密码', { exact: true }).fill('wrong-password')
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  await page.getByRole('button', { name: '登录' }).hover()
  expect(await violations(page)).toEqual([])
})

test('the home and units pages and the logout message have no WCAG 2.1 AA violations', async ({ page }) => {
  test.slow() // three axe runs over the whole layout (its menu and bell): the time of a loaded CI box
  await login(page)
  await expect(page.getByTestId('unit-tree').getByText('罗庄区机关事务管理局', { exact: true })).toBeVisible()
  expect(await violations(page)).toEqual([])

  await page.getByRole('navigation', { name: '主菜单' }).getByText('单位').click()
  await expect(page.getByTestId('units-table').getByText('罗庄区机关事务管理局', { exact: true }).first()).toBeVisible()
  expect(await violations(page)).toEqual([])

  // The success message shown after logging out.
  await page.getByRole('button', { name: '退出' }).click()
  await expect(page.getByRole('alert').filter({ hasText: '已退出登录' })).toBeVisible()
  expect(await violations(page)).toEqual([])
})

test('the roles, audit and calendar pages have no WCAG 2.1 AA violations', async ({ page }) => {
  test.slow() // several pages and a server round trip each: give it the time of a loaded CI box
  await login(page, '/login?redirect=/system/roles')
  await expect(page.getByTestId('roles-table').getByRole('row').filter({ hasText: '系统管理员' })).toBeVisible()
  expect(await violations(page)).toEqual([])

  // The role dialog with its permission checklist.
  await page.getByTestId('roles-table').getByRole('row').filter({ hasText: '单位联络员' }).getByRole('button', { name: /修改/ }).click()
  await expect(page.getByRole('dialog').getByText('org.read', { exact: true })).toBeVisible()
  expect(await violations(page)).toEqual([])
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click()

  await page.goto('/system/audit')
  await expect(page.getByTestId('audit-table').locator('tbody tr').first()).toBeVisible()
  await page.getByTestId('audit-table').locator('.el-table__expand-icon').first().click()
  await page.getByRole('button', { name: '校验完整性' }).click()
  await expect(page.getByTestId('verify-result')).toBeVisible()
  expect(await violations(page)).toEqual([])

  await page.goto('/system/calendar?month=2024-10')
  await expect(page.getByTestId('day-2024-10-01').first()).toContainText('国庆节')
  expect(await violations(page)).toEqual([])

  // And the people page with its unit tree beside the table.
  await page.goto('/org/people')
  await expect(page.getByTestId('people-table').locator('tbody tr').first()).toBeVisible()
  expect(await violations(page)).toEqual([])
})

test('the public building directory has no WCAG 2.1 AA violations', async ({ page, request }) => {
  // No login: the search page with results, and a room's card (where a door plate's QR leads).
  await page.goto('/directory')
  await expect(page.getByTestId('directory-rooms').first()).toBeVisible()
  expect(await violations(page)).toEqual([])
  const rooms = (await (await request.get('/api/v1/public/space/directory?page_size=1')).json()) as { items: { id: number }[] }
  await page.goto(`/directory/rooms/${rooms.items[0].id}`)
  await expect(page.getByTestId('room-card')).toBeVisible()
  expect(await violations(page)).toEqual([])
  await page.goto('/directory?q=%E6%97%A0%E6%AD%A4xyz')
  await expect(page.getByText('未找到匹配的房间')).toBeVisible()
  expect(await violations(page)).toEqual([])
})

test('the vehicle pages have no WCAG 2.1 AA violations', async ({ page }) => {
  test.setTimeout(120_000) // seven pages and their charts on a loaded box
  await loginAs(page, 'cheguan')
  await page.goto('/vehicles')
  const vehicles = page.getByTestId('vehicles-table')
  await expect(vehicles.locator('tbody tr').first()).toBeVisible()
  expect(await violations(page)).toEqual([])

  // A vehicle's page with its standard check and timeline.
  await vehicles.locator('tbody tr').first().getByRole('link').click()
  await expect(page.getByTestId('vehicle-event').first()).toBeVisible()
  expect(await violations(page)).toEqual([])

  // The seed's campaign: the board, its vehicles, batches and ledger.
  await page.goto('/vehicles/campaigns/1')
  await expect(page.getByTestId('board-table').locator('tbody tr').first()).toBeVisible()
  expect(await violations(page)).toEqual([])
  await page.goto('/vehicles/campaigns/1?tab=remittances')
  await expect(page.getByTestId('remittances-table').locator('tbody tr').first()).toBeVisible()
  expect(await violations(page)).toEqual([])

  await page.goto('/vehicles/stats?campaign=1')
  await expect(page.getByRole('img', { name: /处置结构/ })).toBeVisible()
  await page.getByRole('button', { name: '显示数据表' }).first().click()
  expect(await violations(page)).toEqual([])

  await page.goto('/vehicles/allocations')
  await expect(page.getByTestId('allocations-table').locator('tbody tr').first()).toBeVisible()
  expect(await violations(page)).toEqual([])

  await page.goto('/vehicles/report')
  await expect(page.getByTestId('report-table').locator('tbody tr').first()).toBeVisible()
  expect(await violations(page)).toEqual([])
})

test('the meetings pages have no WCAG 2.1 AA violations', async ({ page }) => {
  test.setTimeout(150_000) // eight pages, a dialog and charts on a loaded box
  await login(page, '/login?redirect=/meetings%3Fdate%3D2026-11-02')
  await expect(page.getByTestId('timeline-booking').first()).toBeVisible()
  expect(await violations(page)).toEqual([])

  // The week, the booking dialog with its repeat section, and a booking's card.
  await page.goto('/meetings?date=2026-11-02&view=week')
  await expect(page.getByTestId('timeline-booking').first()).toBeVisible()
  await page.getByRole('button', { name: '预订会议室' }).click()
  const dialog = page.getByRole('dialog', { name: '预订会议室' })
  await dialog.getByTestId('repeat-toggle').click()
  await expect(dialog.getByTestId('recurrence')).toBeVisible()
  expect(await violations(page)).toEqual([])
  await dialog.getByRole('button', { name: '取消' }).click()
  await page.getByTestId('timeline-booking').first().click()
  await expect(page.getByTestId('booking-facts')).toBeVisible()
  expect(await violations(page)).toEqual([])

  await page.goto('/meetings/bookings')
  await expect(page.getByTestId('bookings-table').locator('tbody tr').first()).toBeVisible()
  expect(await violations(page)).toEqual([])

  await page.goto('/meetings/rooms')
  const rooms = page.getByTestId('rooms-table')
  await expect(rooms.locator('tbody tr').first()).toBeVisible()
  expect(await violations(page)).toEqual([])
  await rooms.getByRole('link', { name: '大礼堂' }).click()
  await expect(page.getByTestId('room-calendar')).toBeVisible()
  expect(await violations(page)).toEqual([])

  await page.goto('/meetings/stats?from=2026-01-01&to=2026-12-31')
  await expect(page.getByRole('img', { name: /会议室使用率/ })).toBeVisible()
  await page.getByRole('button', { name: '显示数据表' }).first().click()
  expect(await violations(page)).toEqual([])

  await page.goto('/meetings/tasks')
  await expect(page.getByTestId('tasks-list')).toBeVisible()
  expect(await violations(page)).toEqual([])

  await page.goto('/meetings/approvals')
  await expect(page.getByTestId('approvals-table')).toBeVisible()
  expect(await violations(page)).toEqual([])
})

test('the mail room pages have no WCAG 2.1 AA violations', async ({ page }) => {
  test.setTimeout(180_000) // eight pages, the item card and a dialog on a loaded box
  await loginAs(page, 'jiyao')
  await page.goto('/mail/register')
  await expect(page.getByTestId('register-form')).toBeVisible()
  await page.getByTestId('register-form').getByRole('radio', { name: '机要件' }).check({ force: true })
  await expect(page.getByTestId('register-form').getByLabel('封号')).toBeVisible()
  expect(await violations(page)).toEqual([])

  await page.goto('/mail/items')
  const table = page.getByTestId('mail-table')
  await expect(table.locator('tbody tr').first()).toBeVisible()
  expect(await violations(page)).toEqual([])
  // An item's card with its chain of custody, and the delivery dialog with the signature pad.
  await choose(page, page.getByRole('search'), '状态', '在收发室')
  await page.getByRole('search').getByRole('button', { name: '查询' }).click()
  await table.locator('tbody tr').first().getByRole('button').first().click()
  await expect(page.getByTestId('mail-event').first()).toBeVisible()
  expect(await violations(page)).toEqual([])
  await page.getByTestId('mail-drawer').getByRole('button', { name: '签收', exact: true }).click()
  await expect(page.getByTestId('mail-action-dialog').getByRole('textbox').first()).toBeVisible()
  expect(await violations(page)).toEqual([])
  await page.getByTestId('mail-action-dialog').getByRole('button', { name: '取消' }).click()

  for (const [path, testid] of [
    ['/mail/day', 'day-figures'],
    ['/mail/outgoing', 'dispatches-table'],
    ['/mail/slots', 'slots-table'],
  ] as const) {
    await page.goto(path)
    await expect(page.getByTestId(testid)).toBeVisible()
    expect(await violations(page)).toEqual([])
  }

  await page.goto('/mail/stats')
  await expect(page.getByRole('img', { name: /按月收发量/ })).toBeVisible()
  await page.getByRole('button', { name: '显示数据表' }).first().click()
  expect(await violations(page)).toEqual([])

  await page.getByRole('button', { name: '退出' }).click()
  await loginAs(page, 'jiaoyu')
  await page.goto('/mail/waiting')
  await expect(page.getByTestId('waiting-total')).toBeVisible()
  expect(await violations(page)).toEqual([])
})
