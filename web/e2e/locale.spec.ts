import { expect, test } from '@playwright/test'
import { login } from './helpers'

test('switches to English and back, and remembers the choice', async ({ page }) => {
  await login(page)
  const menu = page.getByRole('navigation', { name: '主菜单' })
  await expect(menu.getByText('组织机构')).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')

  await page.getByText('English', { exact: true }).click()
  const enMenu = page.getByRole('navigation', { name: 'Main menu' })
  await expect(enMenu.getByText('Home')).toBeVisible()
  await expect(enMenu.getByText('Organisation')).toBeVisible()
  await expect(enMenu.getByText('Units')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')

  await page.reload()
  await expect(enMenu.getByText('Organisation')).toBeVisible()

  await page.getByText('中文', { exact: true }).click()
  await expect(menu.getByText('组织机构')).toBeVisible()
  await expect(menu.getByText('首页')).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
})
