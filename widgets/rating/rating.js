// civicnb rating group: an accessible 1–5 + "don't know" choice for one question.
//
// Renders a real <fieldset> with a <legend> (the question) and six native radio buttons
// that share one unique `name`, so browsers and screen readers give it the standard
// radio-group behaviour: Tab moves into the group (to the checked radio, or the first),
// arrow keys move the choice, Space checks the focused radio.
//
// Every text that comes from Python (legend, labels, hint) is set with textContent,
// never innerHTML: participant and framework text is data, never markup.
//
// Synced traits (see civicnb/ui/rating.py): value (0..5, 0 = nothing chosen),
// dont_know, legend, labels (5 strings), dont_know_label, hint, description_id,
// disabled, lang; on a QuestionCard in easy read, original and original_label: the
// question's original wording in a <details> under the (easy-read) legend.
// The browser only ever sends `value` and `dont_know`; Python validates them.
//
// The same module renders civicnb.ui.rating.QuestionCard (a RatingGroup with more traits):
// when `note_label` is set it adds a heading above the question, the evidence note and
// "what would help" (labelled <textarea>s, sent on change, i.e. when focus leaves) and a
// polite status line ("Saved at …" / what went wrong), so that one question is one widget.

let counter = 0;

function uniqueId(prefix) {
  counter += 1;
  const rand = Math.random().toString(36).slice(2, 8);
  return `${prefix}-${counter}-${rand}`;
}

function wellFormed(text) {
  // no lone (unpaired) UTF-16 surrogate
  return !/(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF]))|(?:(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF])/.test(text);
}

function asText(x) {
  return typeof x === "string" ? x : "";
}

function render({ model, el }) {
  const name = uniqueId("civicnb-rating");

  const fieldset = document.createElement("fieldset");
  fieldset.className = "civicnb-rating";

  const legend = document.createElement("legend");
  legend.className = "civicnb-rating__legend";
  fieldset.appendChild(legend);

  const hint = document.createElement("p");
  hint.className = "civicnb-rating__hint";
  hint.id = `${name}-hint`;
  fieldset.appendChild(hint);

  // easy read: the original wording, one click away (only when `original` is set)
  const original = document.createElement("details");
  original.className = "civicnb-rating__original";
  const originalSummary = document.createElement("summary");
  const originalText = document.createElement("p");
  original.appendChild(originalSummary);
  original.appendChild(originalText);
  fieldset.appendChild(original);

  const options = document.createElement("div");
  options.className = "civicnb-rating__options";
  fieldset.appendChild(options);

  /** @type {HTMLInputElement[]} */
  let inputs = [];

  function makeOption(value, text, extraClass) {
    const id = `${name}-${value}`;
    const label = document.createElement("label");
    label.className = "civicnb-rating__option" + (extraClass ? ` ${extraClass}` : "");
    label.htmlFor = id;
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.id = id;
    input.value = String(value);
    input.className = "civicnb-rating__input";
    const span = document.createElement("span");
    span.className = "civicnb-rating__text";
    span.textContent = text;
    label.appendChild(input);
    label.appendChild(span);
    input.addEventListener("change", onChange);
    inputs.push(input);
    return label;
  }

  function buildOptions() {
    for (const input of inputs) input.removeEventListener("change", onChange);
    inputs = [];
    options.replaceChildren();
    const labels = model.get("labels") || [];
    for (let i = 0; i < 5; i++) {
      const text = asText(labels[i]) || String(i + 1);
      options.appendChild(makeOption(i + 1, text, ""));
    }
    const dk = asText(model.get("dont_know_label")) || "Don't know";
    options.appendChild(makeOption(0, dk, "civicnb-rating__option--dont-know"));
    syncChecked();
  }

  function syncText() {
    legend.textContent = asText(model.get("legend"));
    const hintText = asText(model.get("hint"));
    hint.textContent = hintText;
    hint.hidden = hintText === "";
    const originalWording = asText(model.get("original"));
    originalSummary.textContent = asText(model.get("original_label")) || "Original wording";
    originalText.textContent = originalWording;
    original.hidden = originalWording === "";
    const ids = [];
    if (hintText !== "") ids.push(hint.id);
    const extra = asText(model.get("description_id"));
    if (extra !== "") ids.push(extra);
    if (ids.length) fieldset.setAttribute("aria-describedby", ids.join(" "));
    else fieldset.removeAttribute("aria-describedby");
  }

  function syncChecked() {
    const value = model.get("value");
    const dontKnow = model.get("dont_know") === true;
    for (const input of inputs) {
      const v = Number(input.value);
      input.checked = dontKnow ? v === 0 : v !== 0 && v === value;
    }
  }

  function syncLang() {
    const lang = asText(model.get("lang"));
    if (lang) fieldset.lang = lang;
    else fieldset.removeAttribute("lang");
  }

  function syncDisabled() {
    fieldset.disabled = model.get("disabled") === true;
  }

  // Arrow keys move the choice through every option on the way: those changes are sent
  // once the keys rest (SETTLE ms), or at once when focus leaves the group or the page
  // is left, so that only the value chosen is saved and nothing is lost. A click or
  // Space sends at once.
  const SETTLE = 800;
  let arrowing = false;
  let timer = null;
  // The choice and the notes go to the kernel as a message of their own (model.send),
  // not as a state sync (model.save_changes): ipywidgets holds a widget's next sync back
  // until the kernel has answered the previous one, and on a busy server a changed
  // choice or a note made just before leaving the page was never sent
  // (civicnb/ui/sent_state.py).
  function push(...traits) {
    const state = {};
    for (const trait of traits) state[trait] = model.get(trait);
    model.send({ state });
  }
  function flush() {
    if (timer === null) return;
    window.clearTimeout(timer);
    timer = null;
    push("value", "dont_know");
  }
  function onKeyDown(event) {
    arrowing = /^Arrow(Up|Down|Left|Right)$/.test(event.key);
  }
  function onChange(event) {
    const input = event.target;
    if (!input.checked) return;
    const v = Number(input.value);
    if (v === 0) {
      model.set("value", 0);
      model.set("dont_know", true);
    } else {
      model.set("dont_know", false);
      model.set("value", v);
    }
    if (arrowing) {
      arrowing = false;
      if (timer !== null) window.clearTimeout(timer);
      timer = window.setTimeout(flush, SETTLE);
      return;
    }
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
    push("value", "dont_know");
  }
  fieldset.addEventListener("keydown", onKeyDown);
  // focus leaving the group (arrows move focus from radio to radio within it)
  const onFocusOut = (event) => {
    if (!(event.relatedTarget instanceof Node) || !fieldset.contains(event.relatedTarget)) flush();
  };
  fieldset.addEventListener("focusout", onFocusOut);
  // a click anywhere (e.g. on a link to another page) sends a pending choice first
  document.addEventListener("pointerdown", flush, true);
  const onHide = () => flush();
  window.addEventListener("pagehide", onHide);
  window.addEventListener("beforeunload", onHide);
  document.addEventListener("visibilitychange", onHide);

  syncText();
  buildOptions();
  syncDisabled();
  syncLang();
  el.classList.add("civicnb-rating-host");

  // --- question card: heading, notes and status (only when note_label is set) ---
  const card = asText(model.get("note_label")) !== "";
  let showLocalStatus = () => {};
  const extraHandlers = [];
  if (card) {
    const heading = document.createElement("h3");
    heading.className = "civicnb-card__heading";
    const headingText = document.createElement("span");
    const headingTag = document.createElement("span");
    headingTag.className = "civicnb-card__tag";
    heading.appendChild(headingText);
    heading.appendChild(document.createTextNode(" "));
    heading.appendChild(headingTag);
    const syncHeading = () => {
      headingText.textContent = asText(model.get("heading"));
      const tag = asText(model.get("heading_tag"));
      headingTag.textContent = tag ? `(${tag})` : "";
      heading.hidden = headingText.textContent === "";
    };
    syncHeading();
    el.appendChild(heading);
    el.appendChild(fieldset);
    const notes = document.createElement("div");
    notes.className = "civicnb-card__notes";
    const makeArea = (trait, labelTrait, rows) => {
      const id = `${name}-${trait}`;
      const label = document.createElement("label");
      label.htmlFor = id;
      label.className = "civicnb-card__label";
      const area = document.createElement("textarea");
      area.id = id;
      area.rows = rows;
      area.className = "civicnb-card__text";
      const max = Number(model.get("max_note"));
      if (max > 0) area.maxLength = max;
      const syncLabel = () => { label.textContent = asText(model.get(labelTrait)); };
      const syncValue = () => {
        if (document.activeElement !== area) area.value = asText(model.get(trait));
      };
      area.addEventListener("change", () => {
        if (!wellFormed(area.value)) {
          // a lone surrogate would be dropped on the way to the kernel, silently: say so
          showLocalStatus(asText(model.get("text_refused")) || "Not saved", "error");
          return;
        }
        model.set(trait, area.value);
        push(trait);
      });
      syncLabel();
      syncValue();
      extraHandlers.push([`change:${labelTrait}`, syncLabel], [`change:${trait}`, syncValue]);
      notes.appendChild(label);
      notes.appendChild(area);
    };
    makeArea("note", "note_label", 3);
    makeArea("would_help", "help_label", 2);
    el.appendChild(notes);
    const status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "civicnb-status";
    const syncStatus = () => {
      status.textContent = asText(model.get("status_text"));
      status.dataset.kind = asText(model.get("status_kind"));
    };
    showLocalStatus = (text, kind) => {
      status.textContent = text;
      status.dataset.kind = kind;
    };
    syncStatus();
    el.appendChild(status);
    extraHandlers.push(
      ["change:heading", syncHeading],
      ["change:heading_tag", syncHeading],
      ["change:status_text", syncStatus],
      ["change:status_kind", syncStatus],
    );
  } else {
    el.appendChild(fieldset);
  }

  const handlers = [
    ["change:legend", syncText],
    ["change:hint", syncText],
    ["change:original", syncText],
    ["change:original_label", syncText],
    ["change:description_id", syncText],
    ["change:labels", buildOptions],
    ["change:dont_know_label", buildOptions],
    ["change:value", syncChecked],
    ["change:dont_know", syncChecked],
    ["change:disabled", syncDisabled],
    ["change:lang", syncLang],
  ];
  handlers.push(...extraHandlers);
  for (const [event, fn] of handlers) model.on(event, fn);

  return () => {
    flush();
    for (const [event, fn] of handlers) model.off(event, fn);
    for (const input of inputs) input.removeEventListener("change", onChange);
    document.removeEventListener("pointerdown", flush, true);
    window.removeEventListener("pagehide", onHide);
    window.removeEventListener("beforeunload", onHide);
    document.removeEventListener("visibilitychange", onHide);
  };
}

export default { render };
