import { defineConfig } from '@playwright/test'
import base from '../playwright.config.ts'

/**
 * Browser benchmarks: the e2e set-up (a real server process, the built web app, Chromium), with
 * their own files and no retries. Not part of CI: run them by hand, results in docs/benchmarks.md.
 */
export default defineConfig({
  ...base,
  testDir: 'browser',
  testMatch: '*.bench.ts',
  timeout: 300_000,
  outputDir: '../test-results/bench',
})
