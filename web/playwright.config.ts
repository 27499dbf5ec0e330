import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'

// Against a running server when JIGUAN_E2E_URL is set; otherwise start the real one on a
// fresh SQLite file with the demo tenant, serving the built app from dist/.
const externalUrl = process.env.JIGUAN_E2E_URL
const baseURL = externalUrl ?? 'http://127.0.0.1:18080'
const bin = process.env.JIGUAN_BIN ?? '../build/asan/jiguan'

function serverCommand(): string {
  // The config is also loaded by each worker: the runner makes the database once (workers
  // inherit the variable) and removes it when it exits.
  if (!process.env.JIGUAN_E2E_DB) {
    const dir = mkdtempSync(join(tmpdir(), 'jiguan-e2e-'))
    process.env.JIGUAN_E2E_DB = join(dir, 'jiguan.sqlite')
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  }
  return `${bin} serve --listen 127.0.0.1:18080 --db sqlite:${process.env.JIGUAN_E2E_DB} --static-dir dist --demo-data`
}

// The server reads dist/ when it starts: build first (npm run build).
if (!externalUrl && !existsSync(new URL('./dist/index.html', import.meta.url))) {
  throw new Error('web/dist is missing: run `npm run build` before `npm run test:e2e`')
}

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: externalUrl
    ? undefined
    : {
        command: serverCommand(),
        url: `${baseURL}/healthz`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
})
