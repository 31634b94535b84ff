// Placeholder for the rooms area (room list, a room with its history and live messages).
import type { PlaceProps } from "../places";

export function RoomsPlace(_props: PlaceProps) {
  return (
    <section aria-labelledby="rooms-title">
      <h1 id="rooms-title">Rooms</h1>
      <p>The rooms you can join appear here.</p>
    </section>
  );
}
