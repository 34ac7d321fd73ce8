#!/usr/bin/env node
/*
 * drive.js: opens an optviz page in headless Chromium and runs a plan of
 * actions through its window.optviz API, for tests/web/test_web.sh.
 *
 *   node drive.js PAGE.html PLAN.json OUTDIR
 *
 * The browser is driven over the DevTools protocol on a pipe
 * (--remote-debugging-pipe: JSON messages ended by NUL on fds 3 and 4),
 * so nothing but node and Debian's chromium is needed.  A plan is a list
 * of steps: {"seek": k}, {"force": "drawn" | null}, {"show": [i, on]},
 * {"set": [name, value, i]}, {"dump": "NAME"} (the canvas as raw RGBA in
 * OUTDIR/NAME.rgba), {"eval": "JS", "out": "NAME"} (its JSON value in
 * OUTDIR/NAME.json), {"key": "ArrowRight"}, {"shot": "NAME"} (a screenshot of the page in
 * OUTDIR/NAME.png).  Console errors and
 * exceptions are written to OUTDIR/errors.json; the exit status is 0 when
 * the plan ran.
 */
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [page, planFile, outDir] = process.argv.slice(2);
const plan = JSON.parse(fs.readFileSync(planFile, "utf8"));
const chromium = process.env.OV_CHROMIUM || "/usr/bin/chromium";
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "optviz-chromium-"));
const proc = spawn(chromium, [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
  "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
  "--disable-features=Translate,MediaRouter", "--mute-audio",
  "--window-size=1000,900",
  "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank",
], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
let stderr = "";
proc.stdio[2].on("data", (d) => { stderr += d; });

let nextId = 1, inbuf = "";
const waiting = new Map(), listeners = [];
proc.stdio[4].on("data", (d) => {
  inbuf += d.toString("utf8");
  let z;
  while ((z = inbuf.indexOf("\0")) >= 0) {
    const msg = JSON.parse(inbuf.slice(0, z));
    inbuf = inbuf.slice(z + 1);
    if (msg.id && waiting.has(msg.id)) {
      const w = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error) w.reject(new Error(JSON.stringify(msg.error)));
      else w.resolve(msg.result);
    } else if (msg.method) {
      listeners.forEach((f) => f(msg));
    }
  }
});
function send(method, params, sessionId) {
  const id = nextId++;
  const msg = { id, method, params: params || {} };
  if (sessionId) msg.sessionId = sessionId;
  proc.stdio[3].write(JSON.stringify(msg) + "\0");
  return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
}

const errors = [];
listeners.push((m) => {
  if (m.method === "Runtime.exceptionThrown")
    errors.push("exception: " + JSON.stringify(m.params.exceptionDetails));
  if (m.method === "Runtime.consoleAPICalled" &&
      (m.params.type === "error" || m.params.type === "warning"))
    errors.push("console." + m.params.type + ": " +
                JSON.stringify(m.params.args.map((a) => a.value)));
  if (m.method === "Log.entryAdded" && m.params.entry.level === "error")
    errors.push("log: " + m.params.entry.text);
});

async function main() {
  const { targetInfos } = await send("Target.getTargets");
  const target = targetInfos.find((t) => t.type === "page");
  const { sessionId } = await send("Target.attachToTarget",
                                   { targetId: target.targetId, flatten: true });
  const s = (m, p) => send(m, p, sessionId);
  await s("Runtime.enable");
  await s("Log.enable");
  await s("Page.enable");
  const loaded = new Promise((resolve) => listeners.push((m) => {
    if (m.method === "Page.loadEventFired") resolve();
  }));
  await s("Page.navigate", { url: "file://" + path.resolve(page) });
  await loaded;
  async function evaluate(expr) {
    const r = await s("Runtime.evaluate", { expression: expr,
      awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails)
      throw new Error(expr + ": " + JSON.stringify(r.exceptionDetails));
    return r.result.value;
  }
  await evaluate("window.optviz.ready.then(() => true)");
  fs.mkdirSync(outDir, { recursive: true });
  for (const step of plan) {
    if ("seek" in step) await evaluate(`optviz.seek(${step.seek})`);
    if ("force" in step)
      await evaluate(`optviz.force(${JSON.stringify(step.force)})`);
    if ("show" in step)
      await evaluate(`optviz.show(${step.show[0]}, ${step.show[1]})`);
    if ("set" in step)
      await evaluate(`optviz.set(...${JSON.stringify(step.set)})`);
    if ("key" in step)
      await evaluate(`document.getElementById("optviz").dispatchEvent(
        new KeyboardEvent("keydown", {key: ${JSON.stringify(step.key)},
                                      bubbles: true}))`);
    if ("dump" in step) {
      const b64 = await evaluate(`(() => {
        const c = document.querySelector("#optviz canvas");
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height);
        let s = "";
        for (let i = 0; i < d.data.length; i += 32768)
          s += String.fromCharCode.apply(null, d.data.subarray(i, i + 32768));
        return btoa(s);
      })()`);
      fs.writeFileSync(path.join(outDir, step.dump + ".rgba"),
                       Buffer.from(b64, "base64"));
    }
    if ("shot" in step) {
      const r = await s("Page.captureScreenshot", { format: "png" });
      fs.writeFileSync(path.join(outDir, step.shot + ".png"),
                       Buffer.from(r.data, "base64"));
    }
    if ("eval" in step)
      fs.writeFileSync(path.join(outDir, step.out + ".json"),
                       JSON.stringify(await evaluate(step.eval)));
  }
  fs.writeFileSync(path.join(outDir, "errors.json"), JSON.stringify(errors));
}

const guard = setTimeout(() => {
  console.error("drive.js: no answer from chromium in 60 s\n" + stderr);
  proc.kill("SIGKILL");
  process.exit(1);
}, 60000);
main().then(() => 0, (e) => {
  console.error("drive.js: " + e.message + "\n" + stderr.slice(-2000));
  return 1;
}).then(async (code) => {
  clearTimeout(guard);
  const exited = new Promise((r) => {
    if (proc.exitCode !== null || proc.signalCode !== null) r();
    else proc.on("exit", r);
  });
  try { send("Browser.close").catch(() => {}); } catch (e) { /* gone */ }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  proc.kill("SIGKILL");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
  try {
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5,
                         retryDelay: 200 });
  } catch (e) { /* a helper process still writing: left in /tmp */ }
  process.exit(code);
});
