// A polite live region: screen readers announce "Saved" / errors without moving focus.
function render({ model, el }) {
  const p = document.createElement("p");
  p.setAttribute("role", "status");
  p.className = "civicnb-status";
  el.appendChild(p);
  const update = () => {
    p.textContent = String(model.get("text") || "");
    p.dataset.kind = String(model.get("kind") || "");
  };
  update();
  model.on("change:text", update);
  model.on("change:kind", update);
}
export default { render };
