// civicnb choice group: one question with a few named choices (the start page's language
// and side). A real <fieldset> whose <legend> is the question and whose native radio
// buttons share one `name`: the question is read out with each choice, the group is one
// Tab stop and the arrow keys move within it (the browser's own radio-group behaviour).
// Same look as the rating group (widgets/rating/rating.css). Every text is textContent.
//
// Synced traits (civicnb/ui/rating.py ChoiceGroup): legend, options ([[value, label]…],
// or [value, label, lang] for a label in another language),
// value ("" = nothing chosen). The browser only ever sends `value`; Python validates it.

let counter = 0;

function asText(x) {
  return typeof x === "string" ? x : "";
}

function render({ model, el }) {
  counter += 1;
  const name = `civicnb-choice-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const fieldset = document.createElement("fieldset");
  fieldset.className = "civicnb-rating civicnb-choice";
  const legend = document.createElement("legend");
  legend.className = "civicnb-rating__legend";
  fieldset.appendChild(legend);
  const options = document.createElement("div");
  options.className = "civicnb-rating__options";
  fieldset.appendChild(options);
  let inputs = [];

  function onChange(event) {
    if (!event.target.checked) return;
    model.set("value", event.target.value);
    model.send({ state: { value: model.get("value") } }); // not held back: civicnb/ui/sent_state.py
  }

  function build() {
    for (const input of inputs) input.removeEventListener("change", onChange);
    inputs = [];
    options.replaceChildren();
    const list = Array.isArray(model.get("options")) ? model.get("options") : [];
    list.forEach((pair, i) => {
      if (!Array.isArray(pair)) return;
      const id = `${name}-${i}`;
      const label = document.createElement("label");
      label.className = "civicnb-rating__option";
      label.htmlFor = id;
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.id = id;
      input.value = asText(pair[0]);
      input.className = "civicnb-rating__input";
      input.addEventListener("change", onChange);
      const span = document.createElement("span");
      span.className = "civicnb-rating__text";
      span.textContent = asText(pair[1]);
      // a label in another language than the page's (a language's own name): its tag
      const lang = asText(pair[2]);
      if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang)) span.lang = lang;
      label.appendChild(input);
      label.appendChild(span);
      options.appendChild(label);
      inputs.push(input);
    });
    sync();
  }

  function sync() {
    legend.textContent = asText(model.get("legend"));
    const value = asText(model.get("value"));
    for (const input of inputs) input.checked = value !== "" && input.value === value;
  }

  build();
  el.classList.add("civicnb-rating-host");
  el.appendChild(fieldset);
  const handlers = [["change:options", build], ["change:value", sync], ["change:legend", sync]];
  for (const [event, fn] of handlers) model.on(event, fn);
  return () => {
    for (const [event, fn] of handlers) model.off(event, fn);
    for (const input of inputs) input.removeEventListener("change", onChange);
  };
}

export default { render };
