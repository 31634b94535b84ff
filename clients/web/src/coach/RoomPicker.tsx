// Which room a coach view is about. Admins also get "every room" (room 0: the server's own rules,
// the whole audit log) where the protocol allows it.
import type { RoomInfo } from "../gen/hearth/v1/types_pb";

interface RoomPickerProps {
  id: string;
  rooms: RoomInfo[];
  value: bigint;
  onChange: (roomId: bigint) => void;
  /** The label of room 0, for admins; absent when room 0 is not a choice. */
  everyRoom?: string;
}

export function RoomPicker({ id, rooms, value, onChange, everyRoom }: RoomPickerProps) {
  return (
    <div class="field room-picker">
      <label for={id}>Room</label>
      <select id={id} value={String(value)} onChange={(event) => onChange(BigInt(event.currentTarget.value))}>
        {everyRoom && <option value="0">{everyRoom}</option>}
        {rooms.map((room) => (
          <option key={String(room.roomId)} value={String(room.roomId)}>
            #{room.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The room a view starts on: the first coached room, or room 0 for an admin with none. */
export function firstRoom(rooms: RoomInfo[]): bigint {
  return rooms[0]?.roomId ?? 0n;
}
