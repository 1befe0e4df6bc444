// End-to-end: the real Decap CMS (npm decap-cms, installed in tests/e2e/cms and
// served to the page from there, never from a CDN) on `tonvinh serve`'s /admin/,
// in headless Chromium. Run by cargo test (tests/it/cms_browser.rs) with:
//   TONVINH   the tonvinh binary
//   SITE      a copy of the demo site (changed by this script)
//   PHOTO     a JPEG to upload
//   CHROMIUM  the browser (default /usr/bin/chromium)
//   SHOTS     optional: a folder for screenshots of the list and the form
// 1. A new profile through the form: a Vietnamese name, the unit chosen with the
//    relation widget, an award with its decision, consent, a photo with alt text;
//    saved, it is content/guong-dien-hinh/<folded name>/index.md with the photo.
// 2. An existing profile opened, one sentence added to its summary, saved.
// The Rust side then runs `tonvinh check` and compares the keys.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const TONVINH = process.env.TONVINH;
const SITE = process.env.SITE;
const PHOTO = process.env.PHOTO;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SHOTS = process.env.SHOTS;
const DIST = new URL("./cms/node_modules/decap-cms/dist/", import.meta.url).pathname;
// The default script of site.toml's [cms] (config.rs CMS_SCRIPT): its requests
// are answered from the npm package, so its integrity hash is checked against
// the very file npm installed.
const CDN = "https://unpkg.com/decap-cms@3.16.3/dist/";

const step = (what) => console.log(`e2e: ${what}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, check, seconds = 20) {
  const end = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < end) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e.message;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting until ${what} (last: ${last})`);
}

function startServe() {
  let log = "";
  const child = spawn(TONVINH, ["serve", "--root", SITE, "--port", "0"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (d) => (log += d));
  const url = until("serve prints its address", async () => {
    const m = log.match(/http:\/\/[0-9.:]+\/\S*/);
    return m && m[0];
  }, 300);
  return { child, url, log: () => log };
}

// Every request leaves for nowhere but the local server, except the CMS's own
// script, which comes from the npm package.
async function offline(context) {
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(CDN)) {
      const file = join(DIST, url.slice(CDN.length).split("?")[0]);
      if (!existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({
        status: 200,
        body: readFileSync(file),
        headers: {
          "content-type": file.endsWith(".wasm") ? "application/wasm" : "application/javascript",
          "access-control-allow-origin": "*",
        },
      });
    }
    if (new URL(url).hostname === "127.0.0.1") return route.continue();
    return route.abort();
  });
}

// A react-select (select and relation widgets): type, then pick the option.
async function choose(page, field, typed, option, exact = true) {
  const input = page.locator(`[id^="${field}-field"]`).last();
  await input.click();
  await input.pressSequentially(typed, { delay: 20 });
  await page.getByText(option, { exact }).first().click();
}

async function login(page, base) {
  await page.goto(base + "admin/");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByText("Bộ sưu tập").first().waitFor();
}

async function publish(page) {
  await page.getByRole("button", { name: "Công bố" }).click();
  await page.getByText("Công bố ngay").click();
}

async function newProfile(page, base) {
  await page.goto(base + "admin/#/collections/guong-dien-hinh/new");
  const field = (name) => page.locator(`[id^="${name}-field"]`).first();
  await field("title").fill("Cô Đỗ Thị Thu Hằng: mười năm dạy chữ ở đảo");
  await field("name").fill("Đỗ Thị Thu Hằng");
  await field("position").fill("Giáo viên Tiểu học");
  await choose(page, "unit", "Bạch Long", "Trường THCS Bạch Long Vĩ");
  step("unit chosen by name");
  await page.getByRole("button", { name: "Add danh hiệu, khen thưởng" }).click();
  await choose(page, "award", "Chiến sĩ thi đua cơ", "Chiến sĩ thi đua cơ sở");
  await page.locator('[id^="year-field"]').last().fill("2025");
  await choose(page, "decision", "1234", "1234/QĐ-SGDĐT", false);
  step("award with its decision");
  await page.locator('input[type="date"]').first().fill("2025-11-20");
  await field("frontline").click();
  // The photo: uploaded into the entry's own folder.
  await page.getByRole("button", { name: "Chọn một hình" }).click();
  await page.locator('input[type="file"]').setInputFiles(PHOTO);
  await page.getByRole("button", { name: "Lấy những cái đã chọn" }).click();
  await field("photo_alt").fill("Cô Hằng giảng bài cho học sinh lớp 4");
  step("photo uploaded with its alt text");
  await field("summary").fill("Mười năm bám đảo, cô Hằng mở lớp đọc sách miễn phí mỗi mùa hè.");
  await choose(page, "by", "Bản thân", "Bản thân người được giới thiệu");
  await page.locator('input[type="date"]').last().fill("2025-10-02");
  await choose(page, "scope", "Câu", "Câu chuyện");
  await choose(page, "scope", "Ảnh", "Ảnh");
  step("consent recorded");
  const body = page.locator('[data-slate-editor="true"]').first();
  await body.click();
  await page.keyboard.type("Năm 2015, cô Hằng nhận công tác tại đảo.");
  if (SHOTS) {
    await field("title").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, "admin-profile.png") });
  }
  await publish(page);
  const file = join(SITE, "content/guong-dien-hinh/do-thi-thu-hang/index.md");
  await until("the new profile is on disk", async () => existsSync(file));
  step(`saved ${file.slice(SITE.length + 1)}`);
  await until("the photo is beside it", async () =>
    existsSync(join(SITE, "content/guong-dien-hinh/do-thi-thu-hang/chan-dung-moi.jpg")));
}

async function saveWithOneChange(page, base, slug, name) {
  // A fresh start of the CMS, so that no field of the last entry is still there.
  await page.goto("about:blank");
  await page.goto(base + `admin/#/collections/guong-dien-hinh/entries/${slug}`);
  const field = (name) => page.locator(`[id^="${name}-field"]`).first();
  await until("the entry is loaded", async () => (await field("name").inputValue()) === name);
  // Decap saves only a changed entry (undoing a change counts as none): one
  // sentence is added to the summary, everything else stays as it was.
  await field("summary").click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Cảm ơn cô.");
  await publish(page);
  const file = join(SITE, "content/guong-dien-hinh", `${slug}.md`);
  await until("the edited profile is saved", async () =>
    readFileSync(file, "utf8").includes("Cảm ơn cô."));
}

async function main() {
  const serve = startServe();
  const base = await serve.url;
  step(`serve at ${base}`);
  const profileDir = mkdtempSync(join(tmpdir(), "tonvinh-e2e-cms-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const errors = [];
  try {
    await offline(context);
    const page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(20000);
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" || /TomlError/.test(m.text())) errors.push(m.text());
    });
    await login(page, base);
    step("logged in to the local backend");
    if (SHOTS) {
      await page.waitForTimeout(1500);
      await page.screenshot({ path: join(SHOTS, "admin-list.png") });
    }
    if (!process.env.SKIP_NEW) await newProfile(page, base);
    const entry = "le-thi-hoa/index";
    await saveWithOneChange(page, base, entry, "Lê Thị Hoa");
    step(`saved ${entry} with one sentence added to its summary`);
    // The preview rebuilt: the served page shows the new person.
    await until("the served page shows the new profile", async () => {
      const r = await fetch(base + "guong-dien-hinh/do-thi-thu-hang/");
      return r.ok && (await r.text()).includes("Đỗ Thị Thu Hằng");
    }, 60);
    step("served page shows Đỗ Thị Thu Hằng");
    const toml = errors.filter((e) => /TomlError/.test(e));
    if (toml.length) throw new Error(`the CMS could not read entries: ${toml[0]}`);
  } finally {
    await context.close();
    serve.child.kill("SIGINT");
  }
  step("done");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
