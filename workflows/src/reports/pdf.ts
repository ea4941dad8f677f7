import { chromium } from 'playwright-core';

/**
 * Prints HTML to PDF with Chromium (Debian's /usr/bin/chromium by default, CHROMIUM_PATH), driven by
 * playwright-core: the print view keeps the charts as the browser draws them. Each call runs a fresh headless
 * browser (Playwright gives it a new temporary profile) and stops it, so no state outlives a send; the flags keep
 * it off the network (no background requests, no component updates).
 */
export async function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    // Everything is inline (styles, SVG charts): nothing to fetch, so the page is whole once its DOM is.
    await page.setContent(html, { waitUntil: 'domcontentloaded' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
