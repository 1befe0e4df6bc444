// tonvinh serve: live reload and the build-error overlay. `tonvinh serve` adds this
// script to the HTML pages it serves; `tonvinh build` never writes it.
//
// The server sends its state on connection and after every rebuild:
//   { version, css_only, title, errors: [{ location, code, message, frame, help, help_label }] }
// A page knows the version it was served at: a newer version reloads it (or, when
// only stylesheets changed, swaps them); errors show over the page until fixed.
(() => {
  "use strict";
  const script = document.currentScript;
  let version = Number(script && script.dataset.version);
  let host = null;

  const swapStylesheets = () => {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("tonvinh-reload", String(Date.now()));
      link.href = url.href;
    }
  };

  const hide = () => {
    if (host) {
      host.remove();
      host = null;
    }
  };

  const el = (tag, style, text) => {
    const node = document.createElement(tag);
    node.setAttribute("style", style);
    if (text) node.textContent = text;
    return node;
  };

  const show = (state) => {
    hide();
    host = document.createElement("tonvinh-error-overlay");
    host.id = "tonvinh-error-overlay";
    const root = host.attachShadow({ mode: "open" });
    const panel = el(
      "div",
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);" +
        "color:#f5f5f5;font:16px/1.5 system-ui,sans-serif;padding:2rem;"
    );
    panel.setAttribute("role", "alertdialog");
    panel.setAttribute("aria-label", state.title);
    panel.append(el("h1", "margin:0 0 1rem;font-size:1.4rem;color:#ff8a80;", state.title));
    for (const e of state.errors) {
      const item = el(
        "section",
        "margin:0 0 1.5rem;padding:1rem;border-left:4px solid #ff5252;background:#2b2b2b;"
      );
      item.append(el("p", "margin:0;font-family:monospace;color:#ffd180;", e.location));
      item.append(el("p", "margin:.25rem 0;font-weight:600;", e.message));
      if (e.frame) {
        item.append(el("pre", "margin:.5rem 0;padding:.5rem;background:#111;overflow:auto;", e.frame));
      }
      if (e.help) {
        item.append(el("p", "margin:.25rem 0;color:#b9f6ca;", e.help_label + ": " + e.help));
      }
      panel.append(item);
    }
    root.append(panel);
    document.documentElement.append(host);
  };

  const source = new EventSource("/__tonvinh/events");
  source.onmessage = (event) => {
    const state = JSON.parse(event.data);
    if (state.version !== version) {
      if (state.css_only && state.version === version + 1) {
        version = state.version;
        swapStylesheets();
      } else {
        location.reload();
        return;
      }
    }
    if (state.errors.length > 0) show(state);
    else hide();
  };
})();
