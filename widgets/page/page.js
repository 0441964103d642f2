// civicnb page context: sets <html lang> and the document title from Python, keeps the
// participant's identity in the address bar (so a reload keeps it) and in
// localStorage (so the start page can offer "continue as …"); can leave for another page
// of the app, replacing the history entry (kiosk mode). Renders nothing visible.
// Every value is treated as text.

const MAX = 2000;

function safeQuery(q) {
  // only our own keys, only URL-safe values
  const params = new URLSearchParams(String(q || ""));
  const out = new URLSearchParams();
  for (const [k, v] of params) {
    if (/^[a-z_]{1,20}$/.test(k) && /^[A-Za-z0-9_.-]{0,100}$/.test(v)) out.set(k, v);
  }
  return out.toString();
}

function render({ model, el }) {
  el.hidden = true;
  const apply = () => {
    const lang = String(model.get("lang") || "");
    if (/^[a-z]{2}(-[A-Za-z0-9]{2,8})?$/.test(lang)) document.documentElement.lang = lang;
    const title = String(model.get("title") || "");
    if (title) document.title = title.slice(0, 200);
  };
  const applyQuery = () => {
    const q = model.get("query");
    if (q === null || q === undefined || q === "") return;
    const url = new URL(window.location.href);
    url.search = safeQuery(q);
    window.history.replaceState(null, "", url.toString());
  };
  const key = () => String(model.get("storage_key") || "");
  const writeStorage = () => {
    const k = key();
    if (!k) return;
    try {
      const value = String(model.get("remember") || "");
      if (value) window.localStorage.setItem(k, value.slice(0, MAX));
      else if (model.get("forget")) window.localStorage.removeItem(k);
    } catch (e) { /* storage may be disabled: nothing is lost, the URL keeps identity */ }
  };
  // tell Python what this browser remembers
  try {
    const k = key();
    const stored = k ? window.localStorage.getItem(k) : null;
    model.set("stored", stored ? String(stored).slice(0, MAX) : "");
    model.save_changes();
  } catch (e) { /* ignore */ }
  apply();
  applyQuery();
  writeStorage();
  model.on("change:lang", apply);
  model.on("change:title", apply);
  model.on("change:query", applyQuery);
  model.on("change:remember", writeStorage);
  model.on("change:forget", writeStorage);
  // leave for another page of the app, replacing this history entry
  const go = () => {
    const target = String(model.get("navigate") || "");
    const m = /^([a-z0-9-]{1,40}\.ipynb)(?:\?(.*))?$/.exec(target);
    if (!m) return;
    const url = new URL(m[1], window.location.href);
    url.search = safeQuery(m[2] || "");
    window.location.replace(url.toString());
  };
  model.on("change:navigate", go);
  go();
  // a page restored from the back-forward cache has lost its kernel: load it afresh
  window.addEventListener("pageshow", (e) => { if (e.persisted) window.location.reload(); });
}

export default { render };
