// Opens GraphiQL in headless Chromium, with every request that does not go
// to the server itself refused (as offline or on an intranet), runs a
// query and checks its answer appears:
//   node graphiql-check.mjs http://127.0.0.1:PORT [/usr/bin/chromium]
import { chromium } from "playwright-core";

const [base, executablePath = "/usr/bin/chromium"] = process.argv.slice(2);
const origin = new URL(base).origin;
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
const fail = async (message) => {
  console.error(`GraphiQL check failed: ${message}`);
  await browser.close();
  process.exit(1);
};
try {
  const page = await browser.newPage();
  const refused = [];
  const problems = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    refused.push(url);
    return route.abort();
  });
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));

  await page.goto(`${base}/graphql`, { waitUntil: "load" });
  await page.waitForSelector(".graphiql-container", { timeout: 20000 });
  // Write the query into the editor (CodeMirror keeps its own model).
  await page.evaluate(() => {
    const editor = document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror;
    editor.setValue("{ regions { code name } }");
  });
  await page.click(".graphiql-execute-button");
  await page.waitForFunction(
    () => {
      const cm = document.querySelector(".graphiql-response .CodeMirror");
      return cm && cm.CodeMirror.getValue().includes("\"weog\"");
    },
    null,
    { timeout: 20000 },
  );
  const answer = await page.evaluate(
    () => document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue(),
  );
  if (refused.length) await fail(`it asked for other hosts: ${refused.join(", ")}`);
  if (problems.length) await fail(`the page reported errors: ${problems.join(" | ")}`);
  const regions = JSON.parse(answer).data.regions.length;
  console.log(JSON.stringify({ ok: true, regions }));
} catch (e) {
  await fail(String(e));
}
await browser.close();
