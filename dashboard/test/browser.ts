import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@loyaltystudio/engines/testing';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser builds cannot be downloaded here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Screenshots land here (git-ignored), for people and CI artifacts. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));

// Without the background-networking flags Chromium keeps calling home, and the closed network refuses each call.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Saves a full-page PNG as `<SCREENSHOT_DIR>/<name>.png` and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Closes Chromium and removes its profile. */
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile in its own temp directory. */
export async function launchBrowser({ viewport = { width: 1280, height: 800 } } = {}): Promise<BrowserSession> {
  const profile = tempDir('chromium');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile.path, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
    });
  } catch (err) {
    profile.remove();
    throw new Error(`could not start Chromium at ${CHROMIUM_PATH} (install it with: apt-get install chromium)`, {
      cause: err,
    });
  }
  return {
    context,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      try {
        await context.close();
      } finally {
        profile.remove();
      }
    },
  };
}
