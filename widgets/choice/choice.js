// civicnb choice group (civicnb/ui/choice.py): a <fieldset> whose <legend> names the
// question, with native checkboxes (multiple) or radio buttons sharing one name.
// Checkboxes: each a Tab stop, Space ticks. Radios: one Tab stop, arrows move.
// Every text from Python is set with textContent (data, never markup). The browser
// sends `selected` only; Python checks it.

let counter = 0;

function render({ model, el }) {
  counter += 1;
  const name = `civicnb-choice-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const fieldset = document.createElement("fieldset");
  fieldset.className = "civicnb-choice";
  const legend = document.createElement("legend");
  legend.className = "civicnb-choice__legend";
  const options = document.createElement("div");
  options.className = "civicnb-choice__options";
  const empty = document.createElement("p");
  empty.className = "civicnb-choice__empty";
  fieldset.append(legend, options, empty);
  el.appendChild(fieldset);
  el.classList.add("civicnb-choice-host");
  let inputs = [];

  const text = (x) => (typeof x === "string" ? x : "");

  function onChange() {
    const chosen = inputs.filter((i) => i.checked).map((i) => i.value);
    model.set("selected", chosen);
    model.send({ state: { selected: model.get("selected") } }); // not held back: civicnb/ui/sent_state.py
  }

  function build() {
    for (const input of inputs) input.removeEventListener("change", onChange);
    inputs = [];
    options.replaceChildren();
    const labels = model.get("labels") || [];
    const keys = model.get("option_keys") || [];
    const type = model.get("multiple") ? "checkbox" : "radio";
    keys.forEach((key, i) => {
      const id = `${name}-${i}`;
      const label = document.createElement("label");
      label.className = "civicnb-choice__option";
      label.htmlFor = id;
      const input = document.createElement("input");
      input.type = type;
      input.name = name;
      input.id = id;
      input.value = text(key);
      input.className = "civicnb-choice__input";
      input.addEventListener("change", onChange);
      const span = document.createElement("span");
      span.textContent = text(labels[i]);
      label.append(input, span);
      options.appendChild(label);
      inputs.push(input);
    });
    const emptyText = text(model.get("empty"));
    empty.textContent = emptyText;
    empty.hidden = keys.length > 0 || emptyText === "";
    options.hidden = keys.length === 0;
    options.classList.toggle("civicnb-choice__options--inline", model.get("inline") === true);
    sync();
  }

  function sync() {
    const chosen = new Set(model.get("selected") || []);
    for (const input of inputs) input.checked = chosen.has(input.value);
  }

  function syncLegend() {
    legend.textContent = text(model.get("legend"));
  }

  syncLegend();
  build();
  const handlers = [
    ["change:legend", syncLegend],
    ["change:labels", build],
    ["change:option_keys", build],
    ["change:multiple", build],
    ["change:empty", build],
    ["change:inline", build],
    ["change:selected", sync],
  ];
  for (const [event, fn] of handlers) model.on(event, fn);
  return () => {
    for (const [event, fn] of handlers) model.off(event, fn);
    for (const input of inputs) input.removeEventListener("change", onChange);
  };
}

export default { render };
