// Screenshots of a view at a phone's width and a laptop's, written under the build tree as test
// artifacts (not committed): look at them.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { artifactsDir } from "./environment.mjs";

export const WIDTHS = [360, 1280];

export async function screenshotAtWidths(page, name) {
  await mkdir(artifactsDir, { recursive: true });
  const original = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join(artifactsDir, `${name}-${width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
