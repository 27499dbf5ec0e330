import { expect, test } from '@playwright/test'
import { ADMIN, login } from './helpers'

test('logs in and shows the layout, server health and the unit tree', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/login$/)
  await expect(page).toHaveTitle('机管 · 机关事务管理平台')
  await expect(page.getByRole('heading', { name: '机管 · 机关事务管理平台' })).toBeVisible()

  const user = await login(page)
  expect(user.username).toBe('admin')
  await expect(page).toHaveURL(/\/$/)

  const menu = page.getByRole('navigation', { name: '主菜单' })
  await expect(menu.getByText('首页')).toBeVisible()
  await expect(menu.getByText('组织机构')).toBeVisible()
  await expect(menu.getByText('单位')).toBeVisible()
  await expect(page.getByTestId('user-name')).toHaveText(user.display_name)
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible()

  await expect(page.getByTestId('health-db')).toHaveText('sqlite')
  await expect(page.getByTestId('health-status')).toHaveText('ok')
  await expect(page.getByTestId('health-version')).not.toBeEmpty()
  const tree = page.getByTestId('unit-tree')
  await expect(tree.getByText('罗庄区机关事务管理局', { exact: true })).toBeVisible()

  // The filter box narrows the tree.
  await page.getByLabel('筛选单位').fill('不存在的单位名')
  await expect(tree.getByText('罗庄区机关事务管理局', { exact: true })).toBeHidden()
  await page.getByLabel('筛选单位').fill('罗庄区机关事务管理局')
  await expect(tree.getByText('罗庄区机关事务管理局', { exact: true })).toBeVisible()
})

test('after login goes on to the page that was asked for', async ({ page }) => {
  await page.goto('/org/units')
  await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)org(%2F|\/)units$/)
  await page.getByLabel('用户名').fill(ADMIN.username)
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password)
  await page.getByLabel('密码', { exact: true }).press('Enter') // Enter submits
  await expect(page).toHaveURL(/\/org\/units$/)
  await expect(page.getByRole('heading', { name: '单位', level: 1 })).toBeVisible()
  await expect(page.getByTestId('units-table').getByText('罗庄区机关事务管理局', { exact: true }).first()).toBeVisible()
})

test('a wrong password shows the server message and stays on the login page', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('用户名').fill(ADMIN.username)
  await page.getByLabel('密码', { exact: true }).fill('not-the-password')
  const response = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
  await page.getByRole('button', { name: '登录' }).click()
  const res = await response
  expect(res.status()).toBe(401)
  expect(await res.json()).toMatchObject({ error: { code: 'invalid_credentials' } })
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误')
  await expect(page).toHaveURL(/\/login$/)
})

test('log out returns to the login page and protected pages then redirect there', async ({ page }) => {
  await login(page)
  await page.getByRole('button', { name: '退出' }).click()
  await expect(page).toHaveURL(/\/login$/)

  const me = await page.request.get('/api/v1/auth/me')
  expect(me.status()).toBe(401)

  await page.goto('/org/units')
  await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)org(%2F|\/)units$/)
  await expect(page.getByLabel('用户名')).toBeVisible()
})
