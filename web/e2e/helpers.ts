import { expect, type Page } from '@playwright/test'
import type { User } from '../src/api/types'

export const ADMIN = { username: 'admin', password: 'Jiguan@2016' }

/** Logs in through the form and returns the user the server answered with. */
export async function login(page: Page, path = '/login'): Promise<User> {
  await page.goto(path)
  await page.getByLabel('用户名').fill(ADMIN.username)
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password)
  const response = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'))
  await page.getByRole('button', { name: '登录' }).click()
  const res = await response
  expect(res.status()).toBe(200)
  const body = (await res.json()) as { user: User }
  await expect(page).not.toHaveURL(/\/login/)
  return body.user
}
