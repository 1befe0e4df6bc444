// End-to-end: `tonvinh serve` in headless Chromium. Run by `cargo test`
// (tests/it/browser.rs), which copies a fixture site and passes:
//   TONVINH   the tonvinh binary
//   SITE      the site's folder (changed by this script)
//   CHROMIUM  the browser (default /usr/bin/chromium)
// Steps: open a profile page; change its Markdown on disk and see the new text
// without reloading; break its front matter and see the error overlay with the file
// and line; fix it and see the overlay go and the page current; change a stylesheet
// and see it applied without a reload; stop serve with Ctrl-C.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const TONVINH = process.env.TONVINH;
const SITE = process.env.SITE;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const PROFILE = join(SITE, "content/guong-dien-hinh/nguyen-thi-hoa.md");
const PROFILE_REL = "content/guong-dien-hinh/nguyen-thi-hoa.md";

let log = "";
let serveChild = null;
const step = (what) => console.log(`e2e: ${what}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `check` (an async function returning a truthy value when done) for up to
// `seconds`, surviving the page's own reloads.
async function until(what, check, seconds = 15) {
  const end = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < end) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e.message; // the page was reloading
    }
    await sleep(50);
  }
  throw new Error(`timed out waiting until ${what} (last: ${last})`);
}

function startServe() {
  const child = spawn(TONVINH, ["serve", "--root", SITE, "--port", "0"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  serveChild = child;
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => (log += d));
  const url = until("serve prints its address", async () => {
    const m = log.match(/http:\/\/[0-9.:]+\/\S*/);
    return m && m[0];
  }, 30);
  return { child, url };
}

const bodyText = (page) => page.evaluate(() => document.body.innerText);
const overlayText = (page) =>
  page.evaluate(() => {
    const host = document.getElementById("tonvinh-error-overlay");
    return host ? host.shadowRoot.textContent : null;
  });

async function main() {
  const serve = startServe();
  const base = await serve.url;
  step(`serve at ${base}`);
  const profile = mkdtempSync(join(tmpdir(), "tonvinh-e2e-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  });
  try {
    const page = browser.pages()[0] || (await browser.newPage());
    await page.goto(`${base}guong-dien-hinh/nguyen-thi-hoa/`);
    if (!(await bodyText(page)).includes("Cô Hoa dạy trẻ bằng cả trái tim.")) {
      throw new Error("the profile page does not show its text");
    }
    step("profile page open");

    // 1. New text on disk shows without the test reloading the page.
    const original = readFileSync(PROFILE, "utf8");
    const edited = original.replace(
      "Cô Hoa dạy trẻ bằng cả trái tim.",
      "Cô Hoa dạy trẻ bằng cả trái tim và sự kiên nhẫn."
    );
    writeFileSync(PROFILE, edited);
    await until("the page shows the new text", async () =>
      (await bodyText(page)).includes("trái tim và sự kiên nhẫn")
    );
    step("the edit showed up by itself");

    // 2. Broken front matter: the overlay names the file and line; the last good
    // page stays.
    writeFileSync(PROFILE, edited.replace('name = "Nguyễn Thị Hoa"', 'name = "Nguyễn Thị Hoa'));
    const overlay = await until("the error overlay shows", () => overlayText(page));
    if (!overlay.includes(`${PROFILE_REL}:3`)) {
      throw new Error(`the overlay does not name ${PROFILE_REL}:3:\n${overlay}`);
    }
    if (!(await bodyText(page)).includes("trái tim và sự kiên nhẫn")) {
      throw new Error("the last good page is no longer shown");
    }
    step(`overlay: ${overlay.slice(0, 120).replace(/\s+/g, " ")}…`);

    // 3. Fixed: the overlay goes, the page is current.
    writeFileSync(PROFILE, edited.replace("và sự kiên nhẫn", "và sự kiên nhẫn, mỗi ngày"));
    await until("the overlay is gone and the page is current", async () =>
      (await overlayText(page)) === null &&
      (await bodyText(page)).includes("và sự kiên nhẫn, mỗi ngày")
    );
    step("fixed: overlay gone, page current");

    // 4. A stylesheet-only change applies without reloading the page.
    await page.evaluate(() => (window.tonvinhE2eMarker = "still here"));
    const css = await (await page.request.get(`${base}theme.css`)).text();
    mkdirSync(join(SITE, "static"), { recursive: true });
    writeFileSync(join(SITE, "static/theme.css"), css + "\nbody { outline: 3px solid rgb(1, 2, 3); }\n");
    await until("the new stylesheet applies", async () =>
      page.evaluate(() => getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)")
    );
    const marker = await page.evaluate(() => window.tonvinhE2eMarker);
    if (marker !== "still here") throw new Error("the page reloaded for a stylesheet change");
    step("stylesheet swapped without a reload");
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }

  // 5. Ctrl-C stops serve cleanly.
  const exited = new Promise((resolve) => serve.child.on("exit", (code) => resolve(code)));
  serve.child.kill("SIGINT");
  const code = await Promise.race([exited, sleep(10000).then(() => "timeout")]);
  if (code !== 0) throw new Error(`serve did not stop cleanly on Ctrl-C: ${code}`);
  step("stopped");
}

const fail = (message) => {
  if (serveChild && serveChild.exitCode === null) serveChild.kill("SIGKILL");
  console.error(`e2e: FAILED: ${message}\n--- serve ---\n${log}`);
  process.exit(1);
};
const timer = setTimeout(() => fail("timed out"), 120000);
main().then(
  () => {
    clearTimeout(timer);
    process.exit(0);
  },
  (e) => fail(e.message)
);
