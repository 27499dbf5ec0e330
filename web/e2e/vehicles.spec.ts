import { expect, test, type Locator, type Page } from '@playwright/test'
import { formatFen, yuanToFen } from '../src/utils/money'
import { choose, loginAs } from './helpers'

// The official vehicles module against the real server and the demo tenant, which replays
// the seed's reform (67 units, 507 vehicles, 293 cancelled, 231 auctioned in 6 batches …).

const SEED_CAMPAIGN = '罗庄区党政机关公务用车制度改革'

test.slow() // many pages and server round trips each: give them the time of a loaded CI box

/** Logs in as the vehicles officer (vehicle_officer), then opens `path`. */
async function openAsOfficer(page: Page, path: string): Promise<void> {
  await loginAs(page, 'cheguan')
  await page.goto(path)
}

/** Fills an Element Plus date picker (YYYY-MM-DD) labelled `label`. */
async function fillDate(scope: Locator, label: string, day: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true })
  await input.fill(day)
  await input.press('Enter')
}

/** Saves the dialog and waits for the server's answer to `path`. */
async function save(page: Page, dialog: Locator, path: RegExp, status = 200) {
  const answer = page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() !== 'GET')
  await dialog.getByRole('button', { name: '保存' }).click()
  const res = await answer
  expect(res.status(), await res.text()).toBe(status)
  return res
}

test('money: yuan typed becomes fen exactly, fen reads as yuan', () => {
  expect(yuanToFen('0.29')).toBe(29) // 0.29 * 100 = 28.999999999999996 in floating point
  expect(yuanToFen('1,234.5')).toBe(123450)
  expect(yuanToFen(' ¥168,000.50 ')).toBe(16800050)
  expect(yuanToFen('5111780')).toBe(511178000)
  for (const bad of ['', 'abc', '1.234', '-5', '1e3']) expect(yuanToFen(bad)).toBeNull()
  expect(formatFen(511178000)).toBe('¥5,111,780.00')
  expect(formatFen(2622400)).toBe('¥26,224.00')
  expect(formatFen(5)).toBe('¥0.05')
  expect(formatFen(-150)).toBe('-¥1.50')
  expect(formatFen(null)).toBe('—')
})

test('the statistics page tells the seed reform to the fen', async ({ page }) => {
  await openAsOfficer(page, '/vehicles/campaigns')
  const row = page.getByTestId('campaigns-table').getByRole('row').filter({ hasText: SEED_CAMPAIGN })
  await expect(row).toContainText('已结束')
  await row.getByRole('link', { name: /车改统计/ }).click()
  await expect(page.getByRole('heading', { name: '车改统计', level: 1 })).toBeVisible()

  const figures: [string, string][] = [
    ['participating_units', '67'],
    ['vehicles', '507'],
    ['cancelled', '293'],
    ['retained', '214'],
    ['scrapped', '62'],
    ['auctioned', '231'],
    ['auction_batches', '6'],
    ['auction_income_fen', '¥5,111,780.00'],
    ['scrap_income_fen', '¥26,224.00'],
    ['remitted_fen', '¥5,138,004.00'],
  ]
  for (const [key, value] of figures) await expect(page.getByTestId(`stat-${key}`).getByTestId('figure-value')).toHaveText(value)

  // The charts say what they show: as text alternatives, and as tables on demand.
  await expect(page.getByRole('img', { name: /处置结构：报废 62；拍卖 231；保留 214/ })).toBeVisible()
  await expect(page.getByRole('img', { name: /各批次拍卖成交金额：第 1 批 ¥/ })).toBeVisible()
  await expect(page.getByRole('img', { name: /各口保留车辆：.*街镇口 10/ })).toBeVisible()
  await page.getByRole('button', { name: '显示数据表' }).first().click()
  await expect(page.getByRole('table').filter({ hasText: '拍卖' }).first()).toContainText('231')
})

test('the registry filters by category and status and opens a vehicle with its timeline', async ({ page }) => {
  await openAsOfficer(page, '/vehicles')
  const table = page.getByTestId('vehicles-table')
  await expect(table.locator('tbody tr').first()).toBeVisible()
  await expect(page.locator('.el-pagination__total')).toContainText(/\d+/)

  const search = page.getByRole('search')
  await choose(page, search, '车辆类别', '机要通信用车')
  await choose(page, search, '状态', '在用')
  await search.getByRole('button', { name: '查询' }).click()
  await expect(page.getByTestId('export-link')).toHaveAttribute('href', /category=confidential.*status=in_service.*format=xlsx/)
  const rows = table.locator('tbody tr')
  await expect(rows.first()).toContainText('机要通信用车')
  for (const text of await rows.allTextContents()) {
    expect(text).toContain('机要通信用车')
    expect(text).toContain('在用')
  }
  // Each row shows its standard check as a tag.
  await expect(rows.first().getByTestId('standard-tag')).toBeVisible()

  // Import: the template downloads; a sheet with a bad row imports nothing and names the row.
  await page.getByRole('button', { name: '导入' }).click()
  const dialog = page.getByRole('dialog', { name: '导入车辆' })
  const template = await page.request.get((await dialog.getByTestId('template-link').getAttribute('href'))!)
  expect(template.status()).toBe(200)
  expect(template.headers()['content-type']).toContain('spreadsheetml')
  const csv =
    '车牌号,品牌型号,车辆类别,排量(毫升),座位数,车架号,发动机号,购置日期,购置价格(元),资金来源,所属单位编码,能源类型,里程(公里),备注\r\n' +
    '鲁Q0E2E1,朗逸 1.6L,一般公务用车,1598,5,,,2015-03-01,99800.00,财政拨款,JGJ-03,燃油,1000,\r\n' +
    '鲁Q0E2E2,朗逸 1.6L,一般公务用车,1598,5,,,2015-03-01,99800.00,财政拨款,NO-SUCH-UNIT,燃油,1000,\r\n'
  await dialog.getByLabel('选择文件').setInputFiles({ name: 'fleet.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  const imported = page.waitForResponse((r) => r.url().endsWith('/api/v1/vehicles/import'))
  await dialog.getByRole('button', { name: '开始导入' }).click()
  expect((await imported).status()).toBe(422)
  await expect(dialog.getByTestId('import-errors').getByRole('row').filter({ hasText: 'NO-SUCH-UNIT' })).toContainText('3')
  await dialog.getByRole('button', { name: '取消' }).click()

  // A retained confidential vehicle: its page tells its whole life.
  const plate = (await rows.first().getByRole('link').textContent())!.trim()
  await rows.first().getByRole('link', { name: plate }).click()
  await expect(page.getByRole('heading', { name: new RegExp(plate), level: 1 })).toBeVisible()
  await expect(page.getByTestId('vehicle-facts')).toContainText('机要通信用车')
  await expect(page.getByTestId('vehicle-standard')).toBeVisible()
  const events = page.getByTestId('vehicle-event')
  await expect(events.first()).toContainText('登记')
  await expect(page.getByTestId('vehicle-timeline')).toContainText('纳入车改')
  await expect(page.getByTestId('vehicle-timeline')).toContainText('车改决定')
  await expect(page.getByTestId('vehicle-timeline')).toContainText('归口配置')
  await expect(page.getByTestId('vehicle-allocations').locator('tbody tr').first()).toContainText('至今')
})

test('the sector allocation table shows 15 sectors with their lead units, 57 vehicles in all', async ({ page }) => {
  await openAsOfficer(page, '/vehicles/allocations')
  const table = page.getByTestId('allocations-table')
  await expect(table.locator('tbody tr')).toHaveCount(15)
  await expect(table.getByRole('row').filter({ hasText: '街镇口' })).toContainText('罗庄街道办事处')
  await expect(table.locator('.el-table__footer')).toContainText('合计（15 个口）')
  await expect(table.locator('.el-table__footer')).toContainText('57')
})

test('a reform chain through the UI: register, decide, seal, hand over, appraise, auction, remit, close', async ({ page }) => {
  test.setTimeout(240_000) // a dozen dialogs and pages, a server round trip each (an ASan build on a loaded box)
  const suffix = Date.now().toString(36).slice(-5).toUpperCase().replace(/[IOQ]/g, 'X')
  const plate = `鲁Q${suffix}`
  const campaignName = `E2E 车改 ${suffix}`
  const unit = '区大数据局'

  // A vehicle in the registry.
  await openAsOfficer(page, '/vehicles')
  await page.getByRole('button', { name: '新增' }).click()
  let dialog = page.getByRole('dialog', { name: '新增车辆' })
  await dialog.getByLabel('车牌号').fill(plate)
  await dialog.getByLabel('品牌型号').fill('帕萨特 1.8T')
  await choose(page, dialog, '车辆类别', '一般公务用车')
  await fillDate(dialog, '购置日期', '2015-06-01')
  await dialog.getByLabel('购置价格', { exact: true }).fill('168,000.5')
  await choose(page, dialog, '所属单位', unit)
  await save(page, dialog, /^\/api\/v1\/vehicles$/, 201)
  const row = page.getByTestId('vehicles-table').getByRole('row').filter({ hasText: plate })
  await page.getByLabel('关键字').fill(plate)
  await page.getByLabel('关键字').press('Enter')
  await expect(row).toContainText('¥168,000.50')
  await expect(row).toContainText('符合标准')

  // A campaign with the vehicle's unit.
  await page.getByRole('navigation', { name: '主菜单' }).getByText('车改', { exact: true }).click()
  await page.getByRole('button', { name: '新建车改' }).click()
  dialog = page.getByRole('dialog', { name: '新建车改' })
  await dialog.getByLabel('名称').fill(campaignName)
  await fillDate(dialog, '开始日期', '2025-01-01')
  await fillDate(dialog, '封存移交截止日', '2025-03-31')
  await choose(page, dialog, '参加单位', unit)
  await dialog.getByLabel('名称').click() // a multiple select stays open: close it
  await save(page, dialog, /^\/api\/v1\/vehicles\/campaigns$/, 201)
  await expect(page.getByRole('heading', { name: campaignName, level: 1 })).toBeVisible()

  // The board: the unit with its vehicle; the unit's vehicles on click.
  const board = page.getByTestId('board-table')
  await expect(board.getByRole('row').filter({ hasText: unit })).toContainText('0%')
  await board.getByRole('button', { name: `查看${unit}的车辆` }).click()
  const vehicles = page.getByTestId('campaign-vehicles-table')
  const vrow = vehicles.getByRole('row').filter({ hasText: plate })
  await expect(vrow.getByTestId('stage-tag')).toHaveText('待决定')

  // Decide (cancel), seal, hand over, appraise.
  await vrow.getByRole('button', { name: `决定 ${plate}` }).click()
  dialog = page.getByRole('dialog', { name: `决定：${plate}` })
  await expect(dialog.getByRole('radio', { name: '取消' })).toBeChecked()
  await save(page, dialog, /\/decision$/)
  await expect(vrow.getByTestId('stage-tag')).toHaveText('待封存')

  await vrow.getByRole('button', { name: `封存 ${plate}` }).click()
  dialog = page.getByRole('dialog', { name: `封存：${plate}` })
  await dialog.getByLabel('封存地点').fill('区机关事务管理局停车场')
  await dialog.getByLabel('收到证件资料').fill('行驶证、登记证书')
  await save(page, dialog, /\/seal$/)
  await expect(vrow.getByTestId('stage-tag')).toHaveText('待移交')

  await vrow.getByRole('button', { name: `移交 ${plate}` }).click()
  dialog = page.getByRole('dialog', { name: `移交：${plate}` })
  await dialog.getByLabel('移交人（交方签字）').fill('王磊')
  await dialog.getByLabel('接收人（收方签字）').fill('李明')
  await dialog.getByLabel('保管单位').fill('区机关事务管理局车辆处置专班')
  await save(page, dialog, /\/hand-over$/)
  await expect(vrow.getByTestId('stage-tag')).toHaveText('待鉴定')

  await vrow.getByRole('button', { name: `鉴定评估 ${plate}` }).click()
  dialog = page.getByRole('dialog', { name: `鉴定评估：${plate}` })
  await choose(page, dialog, '评估机构', '临沂正信旧机动车鉴定评估有限公司')
  await dialog.getByLabel('评估报告编号').fill(`E2E-${suffix}`)
  await dialog.getByLabel('评估价值', { exact: true }).fill('50000')
  await save(page, dialog, /\/appraisal$/)
  await expect(vrow.getByTestId('stage-tag')).toHaveText('待拍卖')
  await expect(vrow).toContainText('¥50,000.00')

  // A batch with the vehicle as its lot.
  await page.getByRole('tab', { name: '拍卖批次' }).click()
  await page.getByRole('button', { name: '新建拍卖批次' }).click()
  dialog = page.getByRole('dialog', { name: '新建拍卖批次' })
  await choose(page, dialog, '拍卖机构', '临沂市公信拍卖有限公司')
  await dialog.getByLabel('拍卖平台').fill('公拍网')
  await save(page, dialog, /\/batches$/, 201)
  await expect(page.getByRole('heading', { name: '第 1 批', level: 1 })).toBeVisible()

  await page.getByRole('button', { name: '添加拍品' }).click()
  dialog = page.getByRole('dialog', { name: '添加拍品' })
  await choose(page, dialog, '车辆', new RegExp(plate))
  await expect(dialog.getByLabel('保留价', { exact: true })).toHaveValue('50000.00')
  await save(page, dialog, /\/lots$/, 201)
  const lot = page.getByTestId('lots-table').getByRole('row').filter({ hasText: plate })
  await expect(lot.getByTestId('lot-result')).toHaveText('待定')

  await page.getByRole('button', { name: '开拍' }).click()
  await page.getByRole('dialog', { name: '开拍' }).getByRole('button', { name: '确定' }).click()
  await expect(page.getByTestId('batch-status')).toHaveText('拍卖中')

  // A hammer price below the reserve is refused with the server's reason; then sold.
  await lot.getByRole('button', { name: `录入结果 ${plate}` }).click()
  dialog = page.getByRole('dialog', { name: `录入结果：${plate}` })
  await dialog.getByLabel('成交价', { exact: true }).fill('49999.99')
  await dialog.getByLabel('买受人').fill('张伟')
  await save(page, dialog, /\/result$/, 422)
  await expect(page.getByRole('alert').filter({ hasText: '低于保留价' })).toBeVisible()
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('成交价', { exact: true }).fill('52000')
  await save(page, dialog, /\/result$/)
  await expect(lot.getByTestId('lot-result')).toHaveText('成交')
  await expect(lot).toContainText('¥52,000.00')

  await lot.getByRole('button', { name: `收款 ${plate}` }).click()
  dialog = page.getByRole('dialog', { name: `收款：${plate}` })
  await expect(dialog.getByLabel('本次收款', { exact: true })).toHaveValue('52000.00')
  await save(page, dialog, /\/payment$/)
  await lot.getByRole('button', { name: `过户 ${plate}` }).click()
  await save(page, page.getByRole('dialog', { name: `过户：${plate}` }), /\/transfer$/)
  await expect(lot.getByRole('button', { name: `过户 ${plate}` })).toHaveCount(0)

  // The ledger: closing with unremitted income is refused; remit the difference, then close.
  await page.getByRole('button', { name: '返回车改' }).click()
  await page.getByRole('tab', { name: '上缴财政' }).click()
  await expect(page.getByTestId('received').getByTestId('figure-value')).toHaveText('¥52,000.00')
  await expect(page.getByTestId('difference').getByTestId('figure-value')).toHaveText('¥52,000.00')
  await page.getByRole('button', { name: '结束车改' }).click()
  await page.getByRole('dialog', { name: '结束车改' }).getByRole('button', { name: '确定' }).click()
  await expect(page.getByTestId('close-refusal')).toContainText('还差 52000.00 元')

  await page.getByRole('button', { name: '登记上缴' }).click()
  dialog = page.getByRole('dialog', { name: '登记上缴' })
  await expect(dialog.getByLabel('金额', { exact: true })).toHaveValue('52000.00')
  await dialog.getByLabel('缴款凭证号').fill(`JK-${suffix}`)
  await save(page, dialog, /\/remittances$/, 201)
  await expect(page.getByTestId('difference').getByTestId('figure-value')).toHaveText('¥0.00')
  await expect(page.getByTestId('remittances-table')).toContainText(`JK-${suffix}`)

  await page.getByRole('button', { name: '结束车改' }).click()
  const closed = page.waitForResponse((r) => r.url().endsWith('/close'))
  await page.getByRole('dialog', { name: '结束车改' }).getByRole('button', { name: '确定' }).click()
  expect((await closed).status()).toBe(200)
  await expect(page.getByTestId('campaign-status')).toHaveText('已结束')

  // The vehicle's timeline has the whole chain.
  await page.goto('/vehicles')
  await page.getByLabel('关键字').fill(plate)
  await page.getByLabel('关键字').press('Enter')
  await page.getByTestId('vehicles-table').getByRole('link', { name: plate }).click()
  const timeline = page.getByTestId('vehicle-timeline')
  for (const step of ['登记', '纳入车改', '车改决定', '封存', '移交', '鉴定评估', '上拍', '拍卖成交', '收款', '过户']) {
    await expect(timeline.getByTestId('vehicle-event').filter({ hasText: step }).first()).toBeVisible()
  }
  await expect(page.getByTestId('vehicle-status')).toHaveText('已拍卖')
})
