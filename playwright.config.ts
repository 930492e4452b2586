import { defineConfig } from '@playwright/test';

// NETLAB_E2E_PORT lets two checkouts run their browser tests side by side
const port = Number(process.env['NETLAB_E2E_PORT'] ?? 4173);

// Debian's chromium, never a downloaded browser. The production build is served on 4173.
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // one browser at a time on CI: the responsiveness checks measure the page, not a neighbour
  workers: process.env['CI'] ? 1 : 2,
  // on CI a test that fails once is run again and reported as flaky; locally failures show at once
  retries: process.env['CI'] ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1600, height: 1000 },
    // the specs read the English UI; the i18n walk sets its own locale
    locale: 'en-US',
    trace: 'off',
    screenshot: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx vite build --outDir dist-e2e-${port} && npx vite preview --outDir dist-e2e-${port} --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
