import { expect, test } from '@playwright/test'
import { login } from './helpers'

test('an unknown route shows the 404 page with a link home', async ({ page }) => {
  await page.goto('/no/such/page')
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible()
  await page.getByRole('link', { name: '返回首页' }).click()
  await expect(page).toHaveURL(/\/login$/) // not logged in: home asks for a login first
})

test('the units page searches, filters by kind and pages', async ({ page }) => {
  await login(page, '/login?redirect=/org/units')
  const table = page.getByTestId('units-table')
  await expect(table.getByText('罗庄区机关事务管理局', { exact: true }).first()).toBeVisible()
  await expect(page.locator('.el-pagination__total')).toContainText(/\d+/)

  // Only the bureau is of kind 局.
  await page.locator('.el-select', { has: page.getByRole('combobox', { name: '类型' }) }).click()
  await page.getByRole('option', { name: '局', exact: true }).click()
  await page.getByRole('button', { name: '查询' }).click()
  await expect(page).toHaveURL(/kind=bureau/)
  await expect(table.locator('tbody tr')).toHaveCount(1)
  await expect(table.getByText('罗庄区机关事务管理局', { exact: true })).toBeVisible()

  await page.getByRole('button', { name: '重置' }).click()
  await page.getByLabel('关键字').fill('没有这样的单位')
  await page.getByLabel('关键字').press('Enter')
  await expect(table.getByText('暂无符合条件的单位')).toBeVisible()
})
