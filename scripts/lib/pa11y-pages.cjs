// Run pa11y (HTML_CodeSniffer, WCAG 2 AA) on each address given on the command line, in Debian's Chromium,
// and print one JSON object: {address: [issue, ...]}. Used by scripts/audit and tests/test_audit.py.
//
//   node scripts/lib/pa11y-pages.cjs http://127.0.0.1:8000/ http://127.0.0.1:8000/reviews/
//
// Errors only (pa11y's default level). The browser is the one at CHROME_PATH, else /usr/bin/chromium: pa11y's
// own puppeteer is installed with PUPPETEER_SKIP_DOWNLOAD=1 and has no browser of its own.
"use strict";
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

async function main() {
  const addresses = process.argv.slice(2);
  const executablePath = process.env.CHROME_PATH || "/usr/bin/chromium";
  const chromeLaunchConfig = { executablePath, args: ["--no-sandbox", "--headless=new", "--disable-gpu"] };
  const browser = await puppeteer.launch(chromeLaunchConfig);  // one browser for every page
  const out = {};
  for (const address of addresses) {
    const result = await pa11y(address, {
      standard: "WCAG2AA", runners: ["htmlcs"], timeout: 60000, browser, chromeLaunchConfig,
    });
    out[address] = result.issues.map((i) => ({ code: i.code, message: i.message, selector: i.selector,
      context: (i.context || "").slice(0, 200) }));
  }
  await browser.close();
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}

main().catch((err) => { console.error(err && err.stack || String(err)); process.exit(2); });
