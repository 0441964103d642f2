// civicnb section navigation (civicnb/ui/nav.py): <nav aria-label> with one native
// <button> per section; the current one has aria-current="true". A click sends `value`;
// when Python bumps `focus_seq`, focus moves to the first heading inside the element of
// class `focus_class` (the new section) as soon as it is on the page (the section's
// views are rendered a moment later).
// Labels are set with textContent (data, never markup).

function render({ model, el }) {
  const nav = document.createElement("nav");
  nav.className = "civicnb-sectionnav";
  const list = document.createElement("ul");
  list.className = "civicnb-sectionnav__list";
  nav.appendChild(list);
  el.appendChild(nav);
  el.classList.add("civicnb-sectionnav-host");
  let buttons = [];

  function build() {
    list.replaceChildren();
    buttons = [];
    const labels = model.get("labels") || [];
    const keys = model.get("option_keys") || [];
    keys.forEach((key, i) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "civicnb-sectionnav__button";
      button.textContent = typeof labels[i] === "string" ? labels[i] : String(key);
      button.dataset.key = String(key);
      button.addEventListener("click", () => {
        model.set("value", String(key));
        model.save_changes();
      });
      li.appendChild(button);
      list.appendChild(li);
      buttons.push(button);
    });
    sync();
  }

  function sync() {
    const current = model.get("value");
    for (const b of buttons) {
      if (b.dataset.key === current) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    }
  }

  function label() {
    const text = model.get("label");
    if (typeof text === "string" && text) nav.setAttribute("aria-label", text);
    else nav.removeAttribute("aria-label");
  }

  let pending = null;
  function focusTarget() {
    const cls = String(model.get("focus_class") || "");
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(cls)) return;
    if (pending) clearInterval(pending);
    const started = Date.now();
    const attempt = () => {
      const section = document.querySelector(`.${cls}`);
      const target = section ? section.querySelector("h1, h2, h3") : null;
      if (target) {
        clearInterval(pending);
        pending = null;
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus();
        target.scrollIntoView({ block: "start" });
      } else if (Date.now() - started > 10000) {
        clearInterval(pending);
        pending = null;
      }
    };
    pending = setInterval(attempt, 50);
    attempt();
  }

  label();
  build();
  const handlers = [
    ["change:labels", build],
    ["change:option_keys", build],
    ["change:value", sync],
    ["change:label", label],
    ["change:focus_seq", focusTarget],
  ];
  for (const [event, fn] of handlers) model.on(event, fn);
  return () => {
    for (const [event, fn] of handlers) model.off(event, fn);
    if (pending) clearInterval(pending);
  };
}

export default { render };
