import { announcement } from "./announce";

export function LiveRegion() {
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement.value}
    </div>
  );
}
