// Drives a built site's gallery viewer and video placeholders in headless Chromium
// and prints what happened, as JSON, for tests/it/media_e2e.rs (which asserts). It
// serves the site itself, on 127.0.0.1 only; every request to another host is
// aborted and listed, with the step it happened in.
//
//   node tests/e2e/media.cjs SITE_DIR BASE_PATH GALLERY_PAGE VIDEO_PAGE [SHOTS_DIR]
//
// GALLERY_PAGE and VIDEO_PAGE are paths below the base (`tin-tuc/x/`). With
// SHOTS_DIR, screenshots of the gallery (closed, open) and of the videos are
// written there, at desktop (1280x800) and phone (390x844) sizes.
"use strict";

const fs = require("fs");
const http = require("http");
const path = require("path");

const dir = process.env.TONVINH_E2E_DIR || path.join(__dirname);
const { chromium } = require(path.join(dir, "node_modules", "playwright-core"));

const [site, base, galleryPage, videoPage, shots] = process.argv.slice(2);

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml",
  ".jpg": "image/jpeg", ".webp": "image/webp", ".png": "image/png", ".woff2": "font/woff2",
  ".mp4": "video/mp4", ".webm": "video/webm",
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
    viewport: { width: 1280, height: 800 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--autoplay-policy=no-user-gesture-required"],
  });
  let stage = "load";
  const outside = [];
  await browser.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/")) return route.continue();
    outside.push({ stage, url });
    return route.abort();
  });
  const page = browser.pages()[0] || await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const out = { gallery: {}, video: {} };
  // Once every image in view has loaded (lazy ones load as they scroll in).
  const shot = async (name) => {
    if (!shots) return;
    await page.waitForFunction(() => Array.from(document.images).every((i) => {
      const r = i.getBoundingClientRect();
      return r.bottom < 0 || r.top > innerHeight || (i.complete && i.naturalWidth > 0);
    }), null, { timeout: 10000 }).catch(() => null);
    await page.screenshot({ path: path.join(shots, name) });
  };
  const viewer = () => page.evaluate(() => {
    const d = document.querySelector("dialog.viewer");
    const img = d && d.querySelector(".viewer-frame img");
    const links = Array.from(document.querySelectorAll(".gallery-link"));
    return {
      open: !!(d && d.open),
      caption: d ? d.querySelector(".viewer-caption").textContent : null,
      count: d ? d.querySelector(".viewer-count").textContent : null,
      image: img ? img.currentSrc : null,
      image_loaded: img ? img.complete && img.naturalWidth > 0 : false,
      focus: links.indexOf(document.activeElement),
      focus_in_dialog: !!(d && d.contains(document.activeElement)),
    };
  });
  // A wait for the viewer's `close` event to have run its listeners.
  // Installed before the key or click, then awaited.
  const closeEvent = async () => {
    await page.evaluate(() => {
      window.viewerClosed = false;
      document.querySelector("dialog.viewer").addEventListener("close", () => setTimeout(() => { window.viewerClosed = true; }, 0), { once: true });
    });
    return () => page.waitForFunction(() => window.viewerClosed === true);
  };
  try {
    // The gallery.
    await page.goto(`${origin}${base}/${galleryPage}`, { waitUntil: "load" });
    const g = out.gallery;
    g.thumbnails = await page.evaluate(() => Array.from(document.querySelectorAll(".gallery-link")).map((a) => ({
      href: a.getAttribute("href"),
      image: a.querySelector("img").currentSrc,
      caption: (a.parentNode.querySelector(".gallery-caption") || {}).textContent || "",
    })));
    g.before = await viewer();
    await page.locator(".gallery").scrollIntoViewIfNeeded();
    await shot("gallery-desktop.png");
    await page.locator(".gallery-link").nth(1).click();
    await page.waitForFunction(() => { const i = document.querySelector(".viewer-frame img"); return i && i.complete; });
    g.opened = await viewer();
    await shot("gallery-open-desktop.png");
    await page.keyboard.press("ArrowRight");
    g.right = await viewer();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    g.left_twice = await viewer();
    // The dialog's `close` event, where the page puts the focus back, comes as a task
    // after the dialog has closed: wait for it, not for `open` alone.
    let closed = await closeEvent();
    await page.keyboard.press("Escape");
    await closed();
    g.closed = await viewer();
    // The close button and a wrap-around from the first photo to the last.
    await page.locator(".gallery-link").nth(0).click();
    await page.keyboard.press("ArrowLeft");
    g.wrapped = await viewer();
    closed = await closeEvent();
    await page.locator(".viewer-close").click();
    await closed();
    g.closed_by_button = await viewer();

    // The videos: nothing from another site before play.
    stage = "video-load";
    await page.goto(`${origin}${base}/${videoPage}`, { waitUntil: "load" });
    await page.waitForTimeout(300);
    const v = out.video;
    const players = () => page.evaluate(() => ({
      iframes: Array.from(document.querySelectorAll("iframe")).map((f) => ({ src: f.src, title: f.title })),
      videos: Array.from(document.querySelectorAll("video")).map((e) => ({
        src: (e.querySelector("source") || e).getAttribute("src"), preload: e.getAttribute("preload"), controls: e.controls })),
      placeholders: Array.from(document.querySelectorAll(".video-play")).map((a) => ({ href: a.getAttribute("href"), text: a.textContent.trim() })),
    }));
    v.before = await players();
    await page.locator(".videos").scrollIntoViewIfNeeded();
    await shot("video-desktop.png");
    stage = "video-play";
    await page.locator(".video-play").first().click();
    await page.waitForSelector("iframe, video");
    await page.waitForTimeout(300);
    v.after = await players();
    v.focused = await page.evaluate(() => document.activeElement && document.activeElement.className);

    if (shots) {
      await page.setViewportSize({ width: 390, height: 844 });
      stage = "phone";
      await page.goto(`${origin}${base}/${videoPage}`, { waitUntil: "load" });
      await page.locator(".videos").scrollIntoViewIfNeeded();
      await shot("video-mobile.png");
      await page.goto(`${origin}${base}/${galleryPage}`, { waitUntil: "load" });
      await page.locator(".gallery").scrollIntoViewIfNeeded();
      await shot("gallery-mobile.png");
      await page.locator(".gallery-link").nth(0).click();
      await page.waitForFunction(() => { const i = document.querySelector(".viewer-frame img"); return i && i.complete; });
      await shot("gallery-open-mobile.png");
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(Object.assign(out, { outside, errors })) + "\n");
}

main().catch((e) => { console.error(e); process.exit(1); });
