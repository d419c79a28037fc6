// Parses Mermaid text from stdin with mermaid's own parser (tests/render.rs uses it); exits 1 on a parse error.
import { JSDOM } from "jsdom";
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
let text = "";
for await (const chunk of process.stdin) text += chunk;
try {
  const result = await mermaid.parse(text);
  console.log("ok", JSON.stringify(result));
} catch (e) {
  console.log("parse error:", e.message ?? e);
  process.exit(1);
}
