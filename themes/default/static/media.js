// Photos and videos of a page (templates/macros.html, `media`). Without this script
// every photo is a link to its largest size and every video a link to where it plays.
//   - A gallery photo opens large in a <dialog>: arrow keys (and the buttons) move to
//     the previous or next photo, Escape (or Close, or a click beside the photo)
//     closes it, and focus goes back to the thumbnail of the photo last shown.
//   - A video's player (YouTube's privacy-enhanced embed, Vimeo without tracking, or
//     a <video> of the file) is put in place of the placeholder only when the reader
//     presses play: before that the page loads nothing from another site.
(function () {
  "use strict";

  // A plain click: let Ctrl/Cmd/Shift-clicks and middle clicks open new tabs.
  function plain(event) {
    return !(event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
  }

  function button(className, label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    return b;
  }

  function gallery(section) {
    var links = Array.prototype.slice.call(section.querySelectorAll(".gallery-link"));
    if (!links.length || typeof HTMLDialogElement !== "function") return;
    var labels = section.dataset;
    var dialog = document.createElement("dialog");
    dialog.className = "viewer";
    dialog.setAttribute("aria-label", labels.viewer);
    var close = button("viewer-close", labels.close, "\u00d7");
    var figure = document.createElement("figure");
    figure.className = "viewer-figure";
    var frame = document.createElement("div");
    frame.className = "viewer-frame";
    var caption = document.createElement("figcaption");
    caption.className = "viewer-caption";
    figure.append(frame, caption);
    var nav = document.createElement("div");
    nav.className = "viewer-nav";
    var prev = button("viewer-prev", labels.prev, "\u2039");
    var next = button("viewer-next", labels.next, "\u203a");
    var count = document.createElement("p");
    count.className = "viewer-count";
    count.setAttribute("aria-live", "polite");
    nav.append(prev, count, next);
    dialog.append(close, figure, nav);
    if (links.length < 2) nav.hidden = true;
    section.append(dialog);

    var current = 0;
    function show(i) {
      current = (i + links.length) % links.length;
      var link = links[current];
      var picture = link.querySelector("picture").cloneNode(true);
      // The large copy: chosen for the whole screen, loaded now.
      picture.querySelectorAll("source, img").forEach(function (el) {
        el.setAttribute("sizes", "(min-width: 64rem) 62rem, 100vw");
      });
      var img = picture.querySelector("img");
      img.removeAttribute("loading");
      img.removeAttribute("class");
      frame.replaceChildren(picture);
      var text = link.parentNode.querySelector(".gallery-caption");
      caption.textContent = text ? text.textContent : "";
      caption.hidden = !text;
      count.textContent = labels.count
        .replace("{current}", String(current + 1))
        .replace("{total}", String(links.length));
    }

    links.forEach(function (link, i) {
      link.addEventListener("click", function (event) {
        if (!plain(event)) return;
        event.preventDefault();
        show(i);
        dialog.showModal();
      });
    });
    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") show(current + 1);
      else if (event.key === "ArrowLeft") show(current - 1);
      else return;
      event.preventDefault();
    });
    // A click on the backdrop (the dialog itself, outside its content) closes it.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    // Escape closes a modal dialog by itself; wherever it closed from, the reader
    // lands on the thumbnail of the photo they were looking at.
    dialog.addEventListener("close", function () {
      links[current].focus();
    });
  }

  function video(figure) {
    var link = figure.querySelector(".video-play");
    if (!link) return;
    link.addEventListener("click", function (event) {
      if (!plain(event)) return;
      event.preventDefault();
      var data = figure.dataset;
      var player;
      if (data.video === "file") {
        player = document.createElement("video");
        player.controls = true;
        player.preload = "none";
        player.autoplay = true;
        var source = document.createElement("source");
        source.src = data.player;
        source.type = data.type;
        player.append(source);
        player.setAttribute("aria-label", data.title);
        player.tabIndex = -1;
      } else {
        player = document.createElement("iframe");
        player.src = data.player;
        player.title = data.title;
        player.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
        player.allowFullscreen = true;
        player.referrerPolicy = "strict-origin-when-cross-origin";
      }
      player.className = "video-player";
      link.replaceWith(player);
      player.focus();
    });
  }

  document.querySelectorAll("[data-gallery]").forEach(gallery);
  document.querySelectorAll("[data-video]").forEach(video);
})();
