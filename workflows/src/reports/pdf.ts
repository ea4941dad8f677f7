import { type Browser, chromium } from 'playwright-core';

/**
 * Prints HTML to PDF with Chromium (Debian's /usr/bin/chromium by default, CHROMIUM_PATH), driven by
 * playwright-core: the print view keeps the charts as the browser draws them. Starting Chromium costs about as much
 * as printing with it, so the worker keeps one headless browser while sends come, each print in a fresh context
 * (no cookies, cache or storage shared between prints), and closes it after a minute without any. The flags keep it
 * off the network (no background requests, no component updates); Playwright gives it a temporary profile.
 */

const IDLE_MS = 60_000;
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let shared: { path: string; browser: Promise<Browser> } | undefined;
let idle: NodeJS.Timeout | undefined;
let printing = 0;

function browserAt(path: string): Promise<Browser> {
  if (shared?.path !== path) {
    const previous = shared;
    const browser = chromium.launch({ executablePath: path, headless: true, args: ARGS });
    shared = { path, browser };
    // A browser that crashed or failed to start is started again by the next print.
    const forget = () => {
      if (shared?.browser === browser) shared = undefined;
    };
    browser.then((b) => b.on('disconnected', forget), forget);
    void previous?.browser.then((b) => b.close()).catch(() => {});
  }
  return (shared as { browser: Promise<Browser> }).browser;
}

export async function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  clearTimeout(idle);
  printing += 1;
  try {
    const context = await (await browserAt(chromiumPath)).newContext();
    try {
      const page = await context.newPage();
      // Everything is inline (styles, SVG charts): nothing to fetch, so the page is whole once its DOM is.
      await page.setContent(html, { waitUntil: 'domcontentloaded' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await context.close();
    }
  } finally {
    printing -= 1;
    if (printing === 0) {
      idle = setTimeout(() => void closePdfBrowser(), IDLE_MS);
      idle.unref();
    }
  }
}

/** Closes the kept browser now (the worker on shutdown, tests and benchmarks when done). */
export async function closePdfBrowser(): Promise<void> {
  clearTimeout(idle);
  const current = shared;
  shared = undefined;
  await current?.browser.then((b) => b.close()).catch(() => {});
}
