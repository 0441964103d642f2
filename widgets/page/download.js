// A real <button> that asks Python for a file and saves it (fresh data at every click).
function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "civicnb-download";
  const update = () => { button.textContent = String(model.get("label") || "Download"); };
  update();
  model.on("change:label", update);
  button.addEventListener("click", () => {
    button.setAttribute("aria-busy", "true");
    model.send({ event: "download" });
  });
  model.on("msg:custom", (msg, buffers) => {
    button.removeAttribute("aria-busy");
    if (!msg || msg.event !== "file" || !buffers || !buffers.length) return;
    const name = String(msg.filename || "download").replace(/[^A-Za-z0-9_.-]/g, "_");
    const mime = /^[a-z]+\/[A-Za-z0-9.+-]+$/.test(String(msg.mime)) ? msg.mime : "application/octet-stream";
    const blob = new Blob([buffers[0]], { type: mime });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
  });
  el.appendChild(button);
}
export default { render };
