// axe-core in the page. hearthd's CSP lets scripts come only from hearthd itself, so an
// injected <script> is blocked: the context running axe is made with bypassCSP: true (and only
// that context; the other tests run under the real policy).
import { readFile } from "node:fs/promises";
import { axeScriptPath } from "./environment.mjs";

const axeSource = await readFile(axeScriptPath, "utf8");

/** The serious and critical WCAG 2.1 A/AA violations on the page, one line each. */
export async function seriousViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(" ")),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(", ")}`);
}
