// A list that renders only the rows in and near the visible part of its scroll box, so a room
// with 10,000 messages in history puts a few dozen rows in the page, not 10,000. Rows may differ
// in height: each is measured once rendered (an estimate stands in until then), and spacers
// above and below stand in for the rows not rendered. The list keeps its place when rows are
// added above (older pages) and follows new rows at the bottom while the person is there.
import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";

const ESTIMATED_ROW_PX = 72;
/** Rendered beyond each edge of the visible part, so scrolling shows no blank before a render. */
const MARGIN_PX = 900;
/** Within this distance of the bottom the list follows new rows. */
const BOTTOM_SLACK_PX = 48;

interface Props<T> {
  items: readonly T[];
  keyOf: (item: T) => string;
  renderItem: (item: T) => ComponentChildren;
  /** Called when the top is near: load older rows (the list keeps its place when they come). */
  onNearTop: () => void;
  label: string;
  /** Rows after the list that are not virtualised (a few: one's own sends waiting). */
  before?: ComponentChildren;
  after?: ComponentChildren;
  /** Changes each time the person sends: the list goes back to the bottom and follows it, so
   * what they sent is in view even when they had scrolled up. */
  bottomRequest?: number;
}

export function VirtualList<T>({ items, keyOf, renderItem, onNearTop, label, before, after, bottomRequest }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const followBottom = useRef(true);
  /** The first visible row and how far below the top of the box it starts. */
  const anchor = useRef<{ key: string; offset: number } | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportPx, setViewportPx] = useState(800);
  const [, setMeasured] = useState(0);

  const keys = items.map(keyOf);
  const offsets = new Array<number>(items.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < items.length; i++) offsets[i + 1] = offsets[i]! + (heights.current.get(keys[i]!) ?? ESTIMATED_ROW_PX);
  const total = offsets[items.length]!;
  const start = Math.max(0, firstIndexEndingAfter(offsets, scrollTop - MARGIN_PX));
  const end = Math.min(items.length, firstIndexEndingAfter(offsets, scrollTop + viewportPx + MARGIN_PX) + 1);

  // Declared before the effect that places the scroll, so it runs first in the same commit.
  useLayoutEffect(() => {
    if (bottomRequest !== undefined) followBottom.current = true;
  }, [bottomRequest]);

  const layout = useRef({ keys, offsets });
  layout.current = { keys, offsets };

  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    let changed = false;
    for (const row of box.querySelectorAll<HTMLElement>("[data-row-key]")) {
      const key = row.dataset.rowKey!;
      const height = row.offsetHeight;
      if (heights.current.get(key) !== height) {
        heights.current.set(key, height);
        changed = true;
      }
    }
    if (changed) {
      setMeasured((n) => n + 1); // offsets change: render again, then place the scroll below
      return;
    }
    if (followBottom.current) {
      box.scrollTop = box.scrollHeight;
    } else if (anchor.current) {
      const index = keys.indexOf(anchor.current.key);
      if (index >= 0) {
        const wanted = offsets[index]! - anchor.current.offset + listTop(box);
        if (Math.abs(box.scrollTop - wanted) > 1) box.scrollTop = wanted;
      }
    }
  });

  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    setViewportPx(box.clientHeight);
    const observer = new ResizeObserver(() => setViewportPx(box.clientHeight));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const box = scroller.current;
    if (!box) return;
    const top = box.scrollTop - listTop(box);
    followBottom.current = box.scrollHeight - box.scrollTop - box.clientHeight < BOTTOM_SLACK_PX;
    const { keys: shownKeys, offsets: shownOffsets } = layout.current;
    const first = firstIndexEndingAfter(shownOffsets, top);
    anchor.current = first < shownKeys.length ? { key: shownKeys[first]!, offset: shownOffsets[first]! - top } : null;
    setScrollTop(top);
    if (box.scrollTop < MARGIN_PX) onNearTop();
  };

  // A click reads the scroll position first: the scroll that brought the clicked control into
  // view (the "older messages" button at the top) may not have raised its event yet, and the
  // render the click causes would otherwise put the list back at the bottom.
  return (
    <div class="virtual-list" ref={scroller} onScroll={onScroll} onClickCapture={onScroll} tabIndex={0} role="region" aria-label={label}>
      {before}
      <div class="virtual-list-rows">
        <div style={{ height: `${offsets[start]}px` }} aria-hidden="true" />
        <ol class="message-list">
          {items.slice(start, end).map((item, i) => (
            <li key={keys[start + i]} data-row-key={keys[start + i]}>
              {renderItem(item)}
            </li>
          ))}
        </ol>
        <div style={{ height: `${total - offsets[end]!}px` }} aria-hidden="true" />
      </div>
      {after}
    </div>
  );
}

/** Where the rows start inside the scroll box (below what `before` renders). */
function listTop(box: HTMLElement): number {
  const rows = box.querySelector<HTMLElement>(".virtual-list-rows");
  return rows ? rows.offsetTop : 0;
}

/** The first row whose bottom is below `y` (binary search over the prefix sums). */
function firstIndexEndingAfter(offsets: number[], y: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid + 1]! > y) high = mid;
    else low = mid + 1;
  }
  return low;
}
