// Drives the search page of a built site in headless Chromium and prints what it
// shows, as JSON, for tests/it/search_e2e.rs (which asserts) and bench/search.sh
// (which times). It serves the site itself, on 127.0.0.1 only.
//
//   node tests/e2e/search.cjs SITE_DIR BASE_PATH STEPS_JSON
//
// STEPS_JSON: [{ "q": "nguyen thi hoa", "kind": "", "year": "", "delay": 30,
//                "fresh": false, "url": "" }]
// Each step clears the box (or, with "fresh", opens the page anew; with "url",
// opens that query string), types q one key at a time, and waits for the results
// of the whole query. Output: one object per step with the results shown and
// timings: first_ms (second key, when a query becomes searchable, to the first
// results shown), last_ms (last key to the final results), script_ms (the page's
// own time for the final query).
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");

const dir = process.env.TONVINH_E2E_DIR ||
  path.join(process.env.XDG_CACHE_HOME || path.join(process.env.HOME || "/root", ".cache"), "tonvinh-e2e");
const { chromium } = require(path.join(dir, "node_modules", "playwright-core"));

const [site, base, stepsJson] = process.argv.slice(2);
const steps = JSON.parse(stepsJson);

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml",
  ".xml": "application/xml", ".csv": "text/csv; charset=utf-8", ".txt": "text/plain; charset=utf-8",
};

function serve() {
  const root = path.resolve(site);
  const server = http.createServer((req, res) => {
    let url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!url.startsWith(base + "/")) { res.writeHead(404); res.end(); return; }
    url = url.slice(base.length);
    let file = path.join(root, url);
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    if (url.endsWith("/")) file = path.join(file, "index.html");
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function main() {
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const userData = fs.mkdtempSync(path.join(require("os").tmpdir(), "tonvinh-chromium-"));
  const browser = await chromium.launchPersistentContext(userData, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = browser.pages()[0] || await browser.newPage();
  const external = [];
  page.on("request", (r) => { if (!r.url().startsWith(origin)) external.push(r.url()); });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const out = [];
  let opened = false;
  try {
    for (const step of steps) {
      if (!opened || step.fresh || step.url !== undefined) {
        await page.goto(`${origin}${base}/tim-kiem/${step.url || ""}`, { waitUntil: "load" });
        opened = true;
      }
      if (step.url !== undefined) {
        // Set once every result of the query is shown (none found included).
        await page.waitForSelector("#search-results[data-query]", { state: "attached", timeout: 10000 });
      } else {
        await page.fill("#search-q", "");
        await page.selectOption("#search-kind", step.kind || "");
        await page.selectOption("#search-year", step.year || "");
        // Let the cleared box settle, then watch for the first results.
        await page.evaluate((q) => {
          window.__firstShown = null;
          window.__done = null;
          const list = document.getElementById("search-results");
          const observer = new MutationObserver(() => {
            const now = performance.now();
            if (window.__firstShown === null && list.children.length) window.__firstShown = now;
            if (window.__done === null && list.getAttribute("data-query") === q) {
              window.__done = now;
              observer.disconnect();
            }
          });
          observer.observe(list, { childList: true, attributes: true });
          window.__keys = [];
          document.getElementById("search-q").onkeydown = () => {
            window.__keys.push(performance.now());
            window.__lastKey = performance.now();
          };
        }, step.q);
        await page.focus("#search-q");
        await page.keyboard.type(step.q, { delay: step.delay === undefined ? 30 : step.delay });
        await page.waitForSelector(`#search-results[data-query=${JSON.stringify(step.q)}]`,
          { state: "attached", timeout: 10000 }).catch(() => null);
      }
      const shown = await page.evaluate(() => {
        const list = document.getElementById("search-results");
        const r = {
          status: document.getElementById("search-status").textContent,
          query: list.getAttribute("data-query"),
          script_ms: Number(list.getAttribute("data-ms")),
          // A query needs two letters: count from the second key.
          first_ms: window.__firstShown && window.__keys && window.__keys.length > 1
            ? window.__firstShown - window.__keys[1] : null,
          last_ms: window.__done && window.__lastKey ? window.__done - window.__lastKey : null,
          url: location.search,
          results: Array.from(list.querySelectorAll(".search-result")).map((li) => ({
            kind: (li.className.match(/search-result--(\w+)/) || [])[1],
            kind_label: (li.querySelector(".search-result-kind") || {}).textContent || "",
            unit: (li.querySelector(".search-result-unit") || {}).textContent || "",
            year: (li.querySelector(".search-result-year") || {}).textContent || "",
            title: li.querySelector(".search-result-title").textContent,
            title_html: li.querySelector(".search-result-title a").innerHTML,
            href: li.querySelector(".search-result-title a").getAttribute("href"),
            snippet_html: (li.querySelector(".search-result-snippet") || {}).innerHTML || "",
          })),
        };
        window.__done = null;
        return r;
      });
      out.push(Object.assign({ step }, shown));
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify({ steps: out, external, errors }) + "\n");
}

main().catch((e) => { console.error(e); process.exit(1); });
