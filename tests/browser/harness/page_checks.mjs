// The checks every main view gets: axe (no serious or critical violation) and no sideways
// scrolling at each width, then screenshots at those widths.
import assert from "node:assert/strict";
import { screenshotAtWidths, WIDTHS } from "./artifacts.mjs";
import { seriousViolations } from "./axe.mjs";

export async function checkAtEveryWidth(page, name) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    assert.deepEqual(await seriousViolations(page), [], `${name} at ${width} px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} at ${width} px scrolls sideways by ${overflow} px`);
  }
  await screenshotAtWidths(page, name);
}
