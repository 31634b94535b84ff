// The rooms area: #/rooms is the list, #/rooms/12 the room with id 12.
import type { PlaceProps } from "../app/places";
import { RoomList } from "./RoomList";
import { RoomView } from "./RoomView";

export function RoomsPlace({ rest }: PlaceProps) {
  const id = rest[0];
  if (id && /^[1-9][0-9]{0,19}$/.test(id)) return <RoomView key={id} roomId={BigInt(id)} />;
  return <RoomList />;
}
