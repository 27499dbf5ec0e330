import { expect, test, type Locator, type Page } from '@playwright/test'
import { choose, loginAs, logout } from './helpers'

// A small inspection campaign (专项整治) run to its end against the demo tenant: the space
// officer (fangguan) starts it with one unit in scope; the unit's liaison (jiaoyu, 区教育和体育局)
// saves its self-inspection and signs the pledge on a phone; the officer records a finding and
// a rectification item; the liaison adds evidence; the officer's re-check passes and the
// campaign closes. The board shows each step.

test.setTimeout(240_000) // five logins, a dozen dialogs and round trips on a loaded box

const UNIT = '区教育和体育局'
const chinaDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)

async function fillDate(scope: Locator, label: string, day: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true })
  await input.fill(day)
  await input.press('Enter')
}

/** Clicks `button` in `scope` and waits for the server's answer to a change of `path`. */
async function send(page: Page, scope: Locator, button: string, path: RegExp, status = 200) {
  const answer = page.waitForResponse((r) => path.test(new URL(r.url()).pathname) && r.request().method() !== 'GET')
  await scope.getByRole('button', { name: button }).click()
  const res = await answer
  expect(res.status(), await res.text()).toBe(status)
  return res
}

/** Moves the campaign on with the header's button and its confirmation. */
async function advance(page: Page, stage: string): Promise<void> {
  await page.getByRole('button', { name: `进入“${stage}”阶段` }).click()
  await send(page, page.getByRole('dialog', { name: '推进阶段' }), '确定', /\/stage$/)
  await expect(page.getByTestId('campaign-stage')).toHaveText(stage)
}

test('a campaign runs from self-inspection to the last re-check', async ({ page }) => {
  const name = `办公用房专项整治 ${Date.now().toString(36)}`

  // The officer starts the campaign with one unit in scope.
  await loginAs(page, 'fangguan')
  await page.goto('/space/campaigns')
  await page.getByRole('button', { name: '新建专项整治' }).click()
  let dialog = page.getByRole('dialog', { name: '新建专项整治' })
  await dialog.getByLabel('名称', { exact: true }).fill(name)
  await choose(page, dialog, '范围（单位）', UNIT)
  await dialog.getByLabel('名称', { exact: true }).click() // a multiple select stays open: close it
  await fillDate(dialog, '自查截止', chinaDay(20))
  await fillDate(dialog, '督查截止', chinaDay(40))
  await send(page, dialog, '保存', /^\/api\/v1\/space\/campaigns$/, 201)
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
  const campaignUrl = new URL(page.url()).pathname
  const board = page.getByTestId('board-table')
  await expect(board.getByRole('row').filter({ hasText: UNIT }).getByTestId('self-check-status')).toHaveText('待提交')
  await advance(page, '自查')
  await logout(page)

  // The liaison, on a phone: its offices with their verdicts, a correction, the pledge signed.
  await page.setViewportSize({ width: 390, height: 844 })
  await loginAs(page, 'jiaoyu')
  await page.goto(campaignUrl)
  await page.getByTestId('board-table').getByRole('link', { name: UNIT }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(UNIT)
  await expect(page.getByTestId('figures')).toContainText('办公室')
  await page.getByLabel('总体整改说明').fill('超标办公室本月内调整为合用')
  await send(page, page.locator('.self-check'), '保存自查', /\/self-check$/)
  await expect(page.getByText(/的快照/)).toBeVisible()
  const pdf = await page.request.get(await page.getByTestId('pledge-pdf').getAttribute('href') as string)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  await page.getByLabel('签署人（单位负责人）').fill('王局长')
  const pad = page.getByTestId('signature-pad')
  await pad.scrollIntoViewIfNeeded()
  const box = (await pad.boundingBox())!
  await page.mouse.move(box.x + 20, box.y + box.height / 2)
  await page.mouse.down()
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + 20 + i * 35, box.y + box.height / 2 + (i % 2 ? -15 : 15), { steps: 3 })
  await page.mouse.up()
  await send(page, page.locator('.pledge'), '签署承诺书', /\/pledge$/)
  await expect(page.getByTestId('self-check-status')).toHaveText('已提交')
  await expect(page.getByTestId('pledge-done')).toContainText('王局长')
  await logout(page)

  // The officer: supervision, a finding, a rectification item from it.
  await page.setViewportSize({ width: 1280, height: 800 })
  await loginAs(page, 'fangguan')
  await page.goto(campaignUrl)
  const unitRow = page.getByTestId('board-table').getByRole('row').filter({ hasText: UNIT })
  await expect(unitRow.getByTestId('self-check-status')).toHaveText('已提交')
  await expect(unitRow.getByTestId('pledge-signed')).toContainText('王局长')
  await advance(page, '督查')
  await page.getByRole('tab', { name: '督查发现' }).click()
  await page.getByRole('button', { name: '记录督查发现' }).click()
  dialog = page.getByRole('dialog', { name: '记录督查发现' })
  await choose(page, dialog, '单位', UNIT)
  await dialog.getByLabel('发现的问题').fill('局长办公室一人使用，超过标准')
  await send(page, dialog, '保存', /^\/api\/v1\/space\/findings$/, 201)
  await page.getByTestId('findings-table').getByRole('button', { name: '下达整改' }).click()
  dialog = page.getByRole('dialog', { name: '下达整改事项' })
  await dialog.getByLabel('责任人').fill('王局长')
  await send(page, dialog, '保存', /^\/api\/v1\/space\/rectifications$/, 201)
  const items = page.getByTestId('items-table')
  await expect(items.getByTestId('item-status')).toHaveText('整改中')
  await logout(page)

  // The liaison adds the evidence.
  await loginAs(page, 'jiaoyu')
  await page.goto(campaignUrl)
  await page.getByRole('tab', { name: '整改事项' }).click()
  await page.getByTestId('items-table').getByRole('button', { name: '提交整改材料' }).click()
  dialog = page.getByRole('dialog', { name: '提交整改材料' })
  await dialog.getByLabel('整改情况').fill('已调整为两人合用')
  await send(page, dialog, '保存', /\/evidence$/)
  await expect(page.getByTestId('items-table')).toContainText('已调整为两人合用')
  await logout(page)

  // The officer's re-check passes; the campaign closes; the board shows it all.
  await loginAs(page, 'fangguan')
  await page.goto(campaignUrl)
  await advance(page, '整改')
  await page.getByRole('tab', { name: '整改事项' }).click()
  await page.getByTestId('items-table').getByRole('button', { name: '复查' }).click()
  dialog = page.getByRole('dialog', { name: '复查' })
  await dialog.getByLabel('复查意见').fill('现场核实已整改')
  await send(page, dialog, '保存', /\/recheck$/)
  await expect(page.getByTestId('items-table').getByTestId('item-status')).toHaveText('已关闭')
  await advance(page, '已结束')
  await page.getByRole('tab', { name: '进度看板' }).click()
  const row = page.getByTestId('board-table').getByRole('row').filter({ hasText: UNIT })
  await expect(row.getByTestId('self-check-status')).toHaveText('已提交')
  await expect(row.getByTestId('board-items')).toHaveText('未完成 0 · 已关闭 1')
  await expect(page.getByTestId('board-totals')).toContainText('督查发现 1')
})
