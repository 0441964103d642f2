// civicnb page context: sets <html lang> and the document title from Python; tells the
// kernel which session this browser holds (a random token in localStorage, never in the
// address: an address is seen in history, screenshots, on a projector) and this
// browser's device token; keeps a new session token; moves focus to the page's main
// heading when asked; can leave for another page of the app, replacing the history entry
// (kiosk mode). Renders nothing visible. Every value is treated as text.
//
// In JupyterLab (`host` "lab", and not inside a Voilà page such as Voilà's preview) the
// page is one output among Lab's panels: Lab's <html lang>, title, address and history
// are left alone (the language goes on this output), nothing reloads Lab, focus moves
// only when the person is working in this output, and instead of leaving for another
// page a link to it is shown (relative to the notebook's address it opens that notebook
// in Lab). Lab's keyboard shortcuts are suppressed inside this output (see
// suppressShortcuts), so that the keys of the page's controls work as in Voilà.

const MAX = 2000;
const DEVICE_KEY = "civicnb:device";
const SKIP = { en: "Skip to content", es: "Saltar al contenido", pt: "Pular para o conteúdo" };

function safeQuery(q) {
  // only our own keys, only URL-safe values
  const params = new URLSearchParams(String(q || ""));
  const out = new URLSearchParams();
  for (const [k, v] of params) {
    if (/^[a-z_]{1,20}$/.test(k) && /^[A-Za-z0-9_.-]{0,100}$/.test(v)) out.set(k, v);
  }
  return out.toString();
}

function inLab(model) {
  return model.get("host") === "lab" && !/\/voila\//.test(window.location.pathname);
}

// Keys typed in civicnb's widgets are theirs (arrows choose a rating, Space checks):
// Lab's notebook shortcuts (in command mode a focused radio matches
// ".jp-Notebook.jp-mod-commandMode :focus:not(:read-write)") stay out. Lumino skips the
// shortcuts of an element marked data-lm-suppress-shortcuts and of its ancestors: mark
// the output and whatever takes focus inside it.
const SUPPRESS = "data-lm-suppress-shortcuts";

function suppressShortcuts(box) {
  if (box.hasAttribute(SUPPRESS)) return;
  box.setAttribute(SUPPRESS, "true");
  box.addEventListener("focusin", (e) => {
    const target = e.target;
    if (target instanceof Element && !target.hasAttribute(SUPPRESS)) {
      target.setAttribute(SUPPRESS, "true");
    }
  });
}

// A click on one of the page's buttons reaches the kernel after everything the page sent
// before it. ipywidgets holds a widget's next state sync back in the browser until the
// kernel has answered the previous one; a button's click is not held back. On a busy
// server a choice or a box changed twice just before a click reached the kernel after
// the click, which then saved the older value. So a click on an ipywidgets button is
// stopped, this widget sends a message of its own, and when the kernel has answered it
// (by then every sync held back before it has been sent, ahead of it) the click is let
// through. One listener per page, whichever page context is the latest; the set of
// released buttons is shared (window), as each widget's module may be loaded apart.
const HOLD = "__civicnbHoldClicks";
const HOLD_AT_MOST = 30000;

function holdClicks(model) {
  let state = window[HOLD];
  if (!state) {
    state = window[HOLD] = { models: [], released: new WeakSet() };
    document.addEventListener("click", (event) => {
      const button = event.target instanceof Element
        ? event.target.closest("button.widget-button") : null;
      const holder = state.models[state.models.length - 1];
      if (!button || !holder || button.disabled || state.released.has(button)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      let done = false;
      // a page context closed meanwhile never answers: the click goes anyway, later
      const fallback = window.setTimeout(() => release(), HOLD_AT_MOST);
      const release = () => {
        if (done) return;
        done = true;
        window.clearTimeout(fallback);
        state.released.add(button);
        try { button.click(); } finally { state.released.delete(button); }
      };
      try {
        holder.send({ event: "hold" }, {
          iopub: {
            status: (msg) => {
              if (msg && msg.content && msg.content.execution_state === "idle") release();
            },
          },
        });
      } catch (e) {
        release(); // no kernel to ask: the click goes as it would have
      }
    }, true);
  }
  state.models.push(model);
  return () => { state.models = state.models.filter((m) => m !== model); };
}

function render({ model, el }) {
  el.hidden = true;
  const lab = inLab(model);
  // in Lab a page is one notebook's output among others, each with its kernel: no hold
  const unhold = lab ? () => {} : holdClicks(model);
  // in Lab: the notebook output that holds this page
  const output = () => el.closest(".jp-OutputArea-output") || el.parentElement;
  const apply = () => {
    // the BCP 47 tag ("pt-BR"), from civicnb's code ("pt")
    const lang = String(model.get("tag") || model.get("lang") || "");
    if (lab) {
      if (!/^[a-z]{2}(-[A-Za-z0-9]{2,8})?$/.test(lang)) return;
      // the view is put in the notebook's output after it is rendered: wait for that
      const started = Date.now();
      const mark = () => {
        const box = el.isConnected ? el.closest(".jp-OutputArea-output") : null;
        if (box) {
          box.setAttribute("lang", lang);
          box.classList.add("civicnb-in-lab");
          suppressShortcuts(box);
        }
        else if (Date.now() - started < 10000) window.setTimeout(mark, 50);
      };
      mark();
      return;
    }
    if (/^[a-z]{2}(-[A-Za-z0-9]{2,8})?$/.test(lang)) {
      document.documentElement.lang = lang;
      const skip = document.querySelector(".civicnb-skip-link");
      const word = SKIP[lang.slice(0, 2)];
      if (skip && word) skip.textContent = word;
    }
    const title = String(model.get("title") || "");
    if (title) document.title = title.slice(0, 200);
  };
  const applyQuery = () => {
    const q = model.get("query");
    if (lab || q === null || q === undefined || q === "") return;
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
      else if (model.get("forget")) {
        window.localStorage.removeItem(k);
        stored = "";
      }
    } catch (e) { /* storage may be disabled: the session lasts this page only */ }
  };
  // tell Python what this browser holds: its session token and its device token
  let stored = "";
  let device = "";
  try {
    const k = key();
    const value = k ? window.localStorage.getItem(k) : null;
    stored = value ? String(value).slice(0, MAX) : "";
    device = String(window.localStorage.getItem(DEVICE_KEY) || "");
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(device)) {
      const bytes = new Uint8Array(24);
      window.crypto.getRandomValues(bytes);
      device = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      window.localStorage.setItem(DEVICE_KEY, device);
    }
  } catch (e) { /* storage may be disabled: the page works, nothing is remembered */ }
  model.set("stored", stored);
  model.set("device", device);
  model.set("ready", true);
  model.save_changes();
  // move focus to the page's main heading (after "Start" and on every page), at the top;
  // `focus` is "<heading id> <counter>": the heading may not be rendered yet, so wait
  const focusHeading = () => {
    const id = String(model.get("focus") || "").split(" ")[0];
    if (!/^[A-Za-z0-9_-]{1,60}$/.test(id)) return;
    const started = Date.now();
    const tryFocus = () => {
      const target = document.getElementById(id);
      if (!target || target.offsetParent === null) {
        if (Date.now() - started < 10000) window.setTimeout(tryFocus, 50);
        return;
      }
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      if (lab) {
        // never take focus from the notebook (a cell being edited, a run from the
        // keyboard): only when the person is working in this output already
        const box = output();
        const area = box && box.closest(".jp-OutputArea");
        if (!area || !area.contains(document.activeElement)) return;
        target.focus();
        return;
      }
      window.scrollTo(0, 0);
      target.focus({ preventScroll: true });
    };
    tryFocus();
  };
  model.on("change:focus", focusHeading);
  focusHeading();
  apply();
  applyQuery();
  writeStorage();
  model.on("change:lang", apply);
  model.on("change:tag", apply);
  model.on("change:title", apply);
  model.on("change:query", applyQuery);
  model.on("change:remember", writeStorage);
  // another tab of this browser ended or replaced the session this page was opened with
  // ("Next participant", "Forget me", someone joining): load this page afresh, so that
  // nothing of the previous person stays on the screen (saving is refused anyway)
  const tokenOf = (value) => {
    try { return String(JSON.parse(value || "{}").s || ""); } catch (e) { return ""; }
  };
  const held = () => tokenOf(String(model.get("remember") || "") || stored);
  window.addEventListener("storage", (e) => {
    const k = key();
    if (!k || e.key !== k) return;
    const mine = held();
    if (lab) return; // reloading would reload JupyterLab: saving is refused anyway
    if (mine && tokenOf(e.newValue) !== mine) window.location.reload();
  });
  model.on("change:forget", writeStorage);
  // leave for another page of the app, replacing this history entry
  const go = () => {
    const target = String(model.get("navigate") || "");
    const m = /^([a-z0-9-]{1,40}\.ipynb)(?:\?(.*))?$/.exec(target);
    if (!m) return;
    const url = new URL(m[1], window.location.href);
    url.search = safeQuery(m[2] || "");
    if (lab) {
      // a link instead of reloading JupyterLab: relative to lab/tree/<folder>/x.ipynb
      // it opens the other notebook in Lab
      const p = document.createElement("p");
      p.setAttribute("role", "status");
      p.textContent = String(model.get("navigate_text") || "").slice(0, 300) + " ";
      const a = document.createElement("a");
      url.search = "";
      a.href = url.toString();
      a.textContent = m[1];
      p.appendChild(a);
      el.replaceChildren(p);
      el.hidden = false;
      return;
    }
    window.location.replace(url.toString());
  };
  model.on("change:navigate", go);
  go();
  // a page restored from the back-forward cache has lost its kernel: load it afresh
  if (!lab) {
    window.addEventListener("pageshow", (e) => { if (e.persisted) window.location.reload(); });
  }
  return unhold;
}

export default { render };
