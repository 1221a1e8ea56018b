(function () {
  var me = document.currentScript;
  var p = window.sitegenPreview = {
    build: me.dataset.build, errors: JSON.parse(me.dataset.errors), live: false
  };
  document.addEventListener("LiveReloadConnect", function () {
    setTimeout(function () {  // after livereload's own handshake message
      var c = window.LiveReload && window.LiveReload.connector;
      if (c) { c.sendCommand({command: "sitegen-build", build: p.build}); }
      p.live = true;
    }, 0);
  });
  if (!p.errors.length) { return; }
  function show() {
    var box = document.createElement("div"), head = document.createElement("strong"),
        pre = document.createElement("pre");
    box.id = "sitegen-error";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0 0 auto 0;z-index:2147483647;" +
      "max-height:70vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff4f4;" +
      "color:#5c0000;border-bottom:4px solid #b00020;font:15px/1.45 system-ui,sans-serif";
    head.textContent = me.dataset.site === "last-good"
      ? "The last save does not build; this is the last good version of the site."
      : "The site does not build yet.";
    pre.style.cssText = "white-space:pre-wrap;margin:.5rem 0 0;font:13px/1.4 monospace";
    pre.textContent = p.errors.join("\n");
    box.appendChild(head);
    box.appendChild(pre);
    document.body.insertBefore(box, document.body.firstChild);
  }
  if (document.body) { show(); } else { document.addEventListener("DOMContentLoaded", show); }
})();
