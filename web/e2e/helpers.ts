import { expect, type Locator, type Page } from '@playwright/test'
import type { User } from '../src/api/types'

export const ADMIN = { username: 'admin', password: 'Jiguan@2016' }

/** Logs in through the form and returns the user the server answered with. */
export async function login(page: Page, path = '/login', username = ADMIN.username, password = ADMIN.password): Promise<User> {
  await page.goto(path)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码', { exact: true }).fill(password)
  const response = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
  await page.getByRole('button', { name: '登录' }).click()
  const res = await response
  expect(res.status()).toBe(200)
  const body = (await res.json()) as { user: User }
  await expect(page).not.toHaveURL(/\/login/)
  return body.user
}

/** Logs in as one of the demo accounts (same password as admin). */
export function loginAs(page: Page, username: string, path = '/login'): Promise<User> {
  return login(page, path, username, ADMIN.password)
}

/** Logs out with the top bar's button. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click()
  await expect(page).toHaveURL(/\/login/)
}

/** Chooses an option of the Element Plus select (or unit tree select) labelled `label` inside `scope`. */
export async function choose(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.locator('.el-select', { has: page.getByRole('combobox', { name: label }) }).click()
  await page.getByRole('option', { name: option }).last().click()
}
