import { expect, test } from '@playwright/test'
import { choose, login, loginAs, logout } from './helpers'

// The platform-services admin pages against the real server (demo data).

test('roles, accounts and the audit trail: create a role and an account, see and verify the audit', async ({ page }) => {
  test.slow() // several pages and a server round trip each: give it the time of a loaded CI box
  const suffix = Date.now().toString(36)
  const code = `e2e_clerk_${suffix}`
  const name = `E2E 文书${suffix}`
  const username = `e2e_${suffix}`

  await login(page, '/login?redirect=/system/roles')
  await expect(page.getByRole('heading', { name: '角色', level: 1 })).toBeVisible()
  const roles = page.getByTestId('roles-table')
  for (const builtin of ['系统管理员', '局领导', '科室工作人员', '单位联络员', '驾驶员/维修工', '审计监督（只读）']) {
    await expect(roles.getByRole('row').filter({ hasText: builtin }).filter({ hasText: '内置' })).toHaveCount(1)
  }

  // A new role with two permissions and the scope 本单位.
  await page.getByRole('button', { name: '新增' }).click()
  const dialog = page.getByRole('dialog', { name: '新增角色' })
  await dialog.getByLabel('代码').fill(code)
  await dialog.getByLabel('名称').fill(name)
  await dialog.getByText('org.read', { exact: true }).click()
  await dialog.getByText('people.read', { exact: true }).click()
  await expect(dialog.getByRole('checkbox', { name: /org\.read/ })).toBeChecked()
  await expect(dialog.getByRole('checkbox', { name: /people\.read/ })).toBeChecked()
  await dialog.getByText('本单位', { exact: true }).click()
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/roles') && r.request().method() === 'POST')
  await dialog.getByRole('button', { name: '保存' }).click()
  expect((await created).status()).toBe(201)
  const row = roles.getByRole('row').filter({ hasText: code })
  await expect(row).toContainText('org.read')
  await expect(row).toContainText('people.read')
  await expect(row).toContainText('本单位')
  await expect(row).not.toContainText('内置')

  // The built-in admin role shows its pattern as a chip in the edit dialog.
  await roles.getByRole('row').filter({ hasText: '系统管理员' }).getByRole('button', { name: /修改/ }).click()
  const edit = page.getByRole('dialog', { name: /修改角色/ })
  await expect(edit.getByTestId('role-patterns')).toContainText('全部权限')
  await edit.getByRole('button', { name: '取消' }).click()

  // An account with that role.
  await page.getByRole('navigation', { name: '主菜单' }).getByText('账户').click()
  await expect(page.getByRole('heading', { name: '账户', level: 1 })).toBeVisible()
  await expect(page.getByTestId('accounts-table').getByText('admin', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: '新增' }).click()
  const acc = page.getByRole('dialog', { name: '新增账户' })
  await acc.getByLabel('用户名').fill(username)
  await acc.getByLabel('姓名').fill('测试文书')
  await choose(page, acc, '角色', new RegExp(code))
  await acc.getByLabel('初始密码').fill('Test1234pass')
  const accCreated = page.waitForResponse((r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST')
  await acc.getByRole('button', { name: '保存' }).click()
  expect((await accCreated).status()).toBe(201)
  const accRow = page.getByTestId('accounts-table').getByRole('row').filter({ hasText: username })
  await expect(accRow).toContainText(name)

  // The audit trail shows both, newest first, with the diff; the chain verifies.
  await page.getByRole('navigation', { name: '主菜单' }).getByText('审计日志').click()
  const audit = page.getByTestId('audit-table')
  const accountRow = audit.locator('tbody tr.el-table__row').filter({ hasText: '账户' }).filter({ hasText: '新增' }).first()
  const roleRow = audit.locator('tbody tr.el-table__row').filter({ hasText: '角色' }).filter({ hasText: '新增' }).first()
  await expect(accountRow).toBeVisible()
  await expect(roleRow).toBeVisible()
  await roleRow.locator('.el-table__expand-icon').click()
  await expect(audit.locator('.diff-table').filter({ hasText: code })).toBeVisible()
  await expect(audit.locator('.diff-table').filter({ hasText: code })).toContainText('people.read')

  // Filtering by entity keeps only role rows.
  await choose(page, page.getByRole('search'), '对象', '角色')
  await page.getByRole('button', { name: '查询' }).click()
  await expect(audit.locator('tbody tr.el-table__row').filter({ hasText: '账户' })).toHaveCount(0)
  await expect(audit.locator('tbody tr.el-table__row').filter({ hasText: '角色' }).first()).toBeVisible()

  await page.getByRole('button', { name: '校验完整性' }).click()
  await expect(page.getByTestId('verify-result')).toContainText(/审计日志完整：已校验 \d+ 条记录/)
})

test('the calendar shows the 2024 National Day holidays and the make-up working day', async ({ page }) => {
  await login(page, '/login?redirect=/system/calendar%3Fmonth%3D2024-10')
  await expect(page.getByRole('heading', { name: '工作日历', level: 1 })).toBeVisible()
  for (const day of ['01', '02', '03', '04', '07']) {
    const cell = page.getByTestId(`day-2024-10-${day}`).first()
    await expect(cell).toContainText('休')
    await expect(cell).toContainText('国庆节')
  }
  await expect(page.getByTestId('day-2024-10-12').first()).toContainText('班')
  await expect(page.getByTestId('day-2024-10-08').first()).not.toContainText('休')
  await expect(page.getByTestId('calendar-workdays')).toContainText('2024')

  // The calculator: 3 working days after Friday 2024-09-27 is Tuesday 2024-10-08
  // (Sunday the 29th is a make-up working day, 1–7 October are off).
  await page.getByLabel('起始日期（不计当日）').fill('2024-09-27')
  await page.getByLabel('起始日期（不计当日）').press('Enter')
  await page.getByLabel('工作日数').fill('3')
  await page.getByRole('button', { name: '计算' }).click()
  await expect(page.getByTestId('calc-result')).toContainText('2024-10-08')
})

test('people: the unit tree filters the table; an import with a bad row shows the row error', async ({ page }) => {
  await login(page, '/login?redirect=/org/people')
  const table = page.getByTestId('people-table')
  await expect(table.locator('tbody tr').first()).toBeVisible()

  await page.getByLabel('筛选单位').fill('公务用车')
  await page.getByTestId('people-unit-tree').getByText('公务用车管理科', { exact: true }).click()
  await expect(page.getByTestId('people-unit-filter')).toContainText('公务用车管理科')
  await expect(table.getByText('孙强', { exact: true })).toBeVisible()
  await expect(table.getByText('李明', { exact: true })).toBeVisible()
  const rows = table.locator('tbody tr')
  await expect(rows).toHaveCount(4)
  for (const unit of await table.locator('tbody tr td:nth-child(3)').allTextContents()) expect(unit).toContain('公务用车管理科')
  await expect(table.getByText('工勤人员').first()).toBeVisible() // rank as a dictionary tag

  // The export link carries the same filter.
  await expect(page.getByTestId('export-link')).toHaveAttribute('href', /\/api\/v1\/people\?.*unit_id=\d+.*format=xlsx/)

  // Import: the template downloads; a sheet with one good and one bad row imports nothing.
  await page.getByRole('button', { name: '导入' }).click()
  const dialog = page.getByRole('dialog', { name: '导入人员' })
  const href = await dialog.getByTestId('template-link').getAttribute('href')
  const template = await page.request.get(href!)
  expect(template.status()).toBe(200)
  expect(template.headers()['content-type']).toContain('spreadsheetml')
  const csv = '姓名,单位编码,职级,职务,电话\r\n张三,JGJ-03,科员,科员,0539-1234567\r\n李四,NO-SUCH-UNIT,科员,科员,\r\n'
  await dialog.getByLabel('选择文件').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  const res = page.waitForResponse((r) => r.url().endsWith('/api/v1/people/import'))
  await dialog.getByRole('button', { name: '开始导入' }).click()
  expect((await res).status()).toBe(422)
  await expect(dialog.getByTestId('import-error')).toContainText('导入失败')
  const errors = dialog.getByTestId('import-errors')
  await expect(errors.getByRole('row').filter({ hasText: 'NO-SUCH-UNIT' })).toContainText('3')
  await expect(errors.getByRole('row').filter({ hasText: 'NO-SUCH-UNIT' })).toContainText('单位编码')
})

test('inbox: a liaison submits a request, the admin takes it, the history shows both', async ({ page }) => {
  test.slow() // several pages and a server round trip each: give it the time of a loaded CI box
  const title = `会议室投影仪故障 ${Date.now().toString(36)}`
  await loginAs(page, 'jiaoyu', '/login?redirect=/my/inbox')
  await expect(page.getByRole('heading', { name: '我的待办', level: 1 })).toBeVisible()
  await page.getByRole('button', { name: '新建申请' }).first().click()
  const dialog = page.getByRole('dialog', { name: '新建申请' })
  await choose(page, dialog, '类型', '一般服务申请')
  await dialog.getByLabel('标题').fill(title)
  await dialog.getByLabel('内容').fill('三楼会议室投影仪无法开机，请派人维修。')
  await dialog.getByRole('button', { name: '提交' }).click()
  const drawer = page.getByRole('dialog', { name: new RegExp(title) })
  await expect(drawer.getByTestId('history-event')).toHaveCount(1)
  await expect(drawer.getByTestId('first-contact')).toHaveText('尚未受理')
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await logout(page)

  const admin = await login(page, '/login?redirect=/my/inbox')
  const table = page.getByTestId('inbox-table')
  await table.getByRole('button', { name: title }).click()
  const detail = page.getByRole('dialog', { name: new RegExp(title) })
  await expect(detail.getByTestId('history-event')).toHaveCount(1)
  await detail.getByTestId('request-actions').getByRole('button', { name: '受理' }).click()
  const events = detail.getByTestId('history-event')
  await expect(events).toHaveCount(2)
  await expect(events.nth(0)).toContainText('提交')
  await expect(events.nth(0)).toContainText('赵丽')
  await expect(events.nth(1)).toContainText('受理')
  await expect(events.nth(1)).toContainText(admin.display_name)
  await expect(detail.getByTestId('first-contact')).toHaveText(admin.display_name)
  await expect(detail.getByTestId('handler')).toHaveText(admin.display_name)
  await expect(detail.getByTestId('due-at')).not.toHaveText('—')
})

test('a role without the permission sees 无权限, not an error', async ({ page }) => {
  await loginAs(page, 'siji', '/login?redirect=/system/audit')
  await expect(page.getByTestId('forbidden')).toBeVisible()
  await expect(page.getByTestId('forbidden')).toContainText('无权限')
})
